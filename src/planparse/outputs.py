"""Writing an output file so that no reader ever sees half of it."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

TEMP_SUFFIX = ".planparse-tmp"
TEMP_PREFIX = ".pp-"  # short: a temporary name must fit wherever the output's name fits


def write_atomically(target: Path, content: str | bytes) -> None:
    """Write beside the target and rename: a reader never sees half a file, even after kill -9."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=target.parent, prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX)
    try:
        os.fchmod(fd, _mode(target))
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _mode(target: Path) -> int:
    """An existing file's permissions, or what the umask gives a new file (mkstemp's 0600 is
    meant for secrets, not for outputs)."""
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        return 0o666 & ~_umask()


def _umask() -> int:
    mask = os.umask(0o22)  # the only way to read it is to set it
    os.umask(mask)
    return mask
