"""Exceptions raised by the workflow engine layer."""


class EngineError(Exception):
    """Base class of every engine error."""


class TaskNotReady(EngineError):
    """The task id is unknown, or the task is not a READY user task."""


class SpecNotFound(EngineError):
    """No process (or process version) with the requested key exists."""


class ScriptError(EngineError):
    """A script, gateway condition or timer expression failed.

    The workflow object that raised it is left half-run: callers must drop it and
    reload the instance from its last saved state.
    """
