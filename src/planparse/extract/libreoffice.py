"""Convert a document with a headless LibreOffice, when one is installed.

Each conversion runs in a private temporary directory with its own LibreOffice profile, so
conversions never share (or lock) a user's profile and can run side by side.  LibreOffice
runs in a session of its own; on timeout the whole process group is killed, and if this
process dies first the launcher gets SIGTERM, which takes soffice.bin down with it (the
next conversion then removes the directory the dead process left).

``PLANPARSE_SOFFICE`` names the program to run (``off`` never runs one);
``PLANPARSE_SOFFICE_TIMEOUT`` overrides the timeout, in seconds.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from contextlib import suppress
from pathlib import Path

PROGRAMS = ("soffice", "libreoffice")
OFF = "off"
# seconds: a conversion takes ~1.5 s; a file's size only adds a little
BASE_TIMEOUT = 60.0
TIMEOUT_PER_MB = 2.0
MAX_TIMEOUT = 100.0  # below batch's default per-file limit (120 s)
_PR_SET_PDEATHSIG = 1
_PREFIX = "planparse-soffice-"


class ConversionError(Exception):
    """LibreOffice could not convert the file; ``str(error)`` says why, in one line."""


def program() -> str | None:
    """The LibreOffice program to run, or None when there is none (or it is turned off)."""
    chosen = os.environ.get("PLANPARSE_SOFFICE")
    if chosen is not None:
        return None if chosen.lower() == OFF else shutil.which(chosen)
    return next(filter(None, map(shutil.which, PROGRAMS)), None)


def timeout(size: int) -> float:
    """Seconds a conversion of ``size`` bytes may take."""
    override = os.environ.get("PLANPARSE_SOFFICE_TIMEOUT")
    if override:
        try:
            return max(float(override), 0.1)
        except ValueError:
            pass
    return min(BASE_TIMEOUT + TIMEOUT_PER_MB * size / 2**20, MAX_TIMEOUT)


def convert(soffice: str, data: bytes, suffix: str, target: str) -> bytes:
    """``data`` (a file named ``*suffix``) converted to the ``target`` format ("docx")."""
    limit = timeout(len(data))
    _sweep()
    scratch = tempfile.TemporaryDirectory(prefix=f"{_PREFIX}{os.getpid()}-",
                                          ignore_cleanup_errors=True)
    with scratch as work:
        source = Path(work, "input" + suffix)
        source.write_bytes(data)
        command = [
            soffice, f"-env:UserInstallation={Path(work, 'profile').as_uri()}",
            "--headless", "--norestore", "--nolockcheck", "--nologo", "--nodefault",
            "--convert-to", target, "--outdir", str(Path(work, "out")), str(source),
        ]  # fmt: skip
        output = _run(command, limit)
        result = Path(work, "out", "input." + target)
        if not result.is_file():
            raise ConversionError(f"LibreOffice wrote no .{target} ({output or 'no message'})")
        return result.read_bytes()


def _sweep() -> None:
    """Remove the directories of conversions whose process was killed before it could
    (a batch worker past its time limit): their names carry the process id."""
    for stale in Path(tempfile.gettempdir()).glob(_PREFIX + "*-*"):
        pid = stale.name[len(_PREFIX) :].split("-", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(stale, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # another user's
    return True


def _run(command: list[str], limit: float) -> str:
    """Run LibreOffice to completion or until ``limit``; nothing of it survives the call."""
    try:
        process = subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            start_new_session=True, preexec_fn=_die_with_parent,
        )  # fmt: skip
    except OSError as exc:
        raise ConversionError(f"LibreOffice could not be started ({exc.strerror or exc})") from None
    try:
        output, _ = process.communicate(timeout=limit)
    except subprocess.TimeoutExpired:
        raise ConversionError(f"LibreOffice took longer than {limit:g} s; stopped") from None
    finally:
        _kill_group(process)
    return " ".join(output.decode("utf-8", "replace").split())[-300:]


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    """Kill whatever is left of the conversion's process group, and reap the launcher."""
    with suppress(ProcessLookupError, PermissionError):  # the group is gone already
        os.killpg(process.pid, signal.SIGKILL)
    process.communicate()


def _die_with_parent() -> None:
    """In the child: have Linux send SIGTERM when the parent dies (a killed batch worker)."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
