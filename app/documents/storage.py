"""Generated document files under STORAGE_PATH/documents: written once, atomically, by SHA-256."""
from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path


def write(root: Path, relative: str, content: bytes) -> str:
    """Write `content` to root/relative (atomically: a reader never sees half a file); its SHA-256."""
    target = root / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=target.suffix)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(content)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return hashlib.sha256(content).hexdigest()


def path_of(root: Path, relative: str) -> Path:
    path = (root / relative).resolve()
    if root.resolve() not in path.parents:
        raise ValueError("文件路径越界")
    return path


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(65536), b""):
            digest.update(chunk)
    return digest.hexdigest()
