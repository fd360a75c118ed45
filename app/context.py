"""Accessors for the per-application objects create_app builds (views and jobs only)."""
from __future__ import annotations

from zoneinfo import ZoneInfo

from flask import current_app

from app.forms.registry import FormRegistry
from app.workflow.environment import WorkflowEnvironment
from engine.clock import Clock


def workflow_env() -> WorkflowEnvironment:
    return current_app.extensions["workflow"]


def clock() -> Clock:
    return workflow_env().clock


def forms() -> FormRegistry:
    return current_app.extensions["forms"]


def time_zone() -> ZoneInfo:
    return ZoneInfo(current_app.config["TIME_ZONE"])
