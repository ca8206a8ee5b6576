"""The work one worker process does for one file; module-level so it can be sent to workers."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

TREE, JSONL, CSV = "tree", "jsonl", "csv"
TEMP_SUFFIX = ".planparse-tmp"
TEMP_PREFIX = ".pp-"  # short: a temporary name must fit wherever the output's name fits
# A destination that refuses these refuses every later file too: the batch stops.
STOPPING = {errno.ENOSPC, errno.EDQUOT, errno.EROFS}
DOUBTFUL_BELOW = 0.5  # a document's confidence below this is reported as doubtful


@dataclass(frozen=True)
class Job:
    path: str
    mode: str  # tree | jsonl | csv
    output: str | None = None  # tree mode: the JSON file to write
    force: bool = False


@dataclass(frozen=True)
class Result:
    status: str  # converted | skipped | failed
    data: str | None = None  # jsonl / csv modes: what to stream
    error: tuple[str, str] | None = None  # (error class, one-line reason)
    stop: bool = False  # the destination is full or read-only: nothing more can be written
    doubt: str | None = None  # why the result wants a look (no tasks, low confidence)


def convert(job: Job) -> Result:
    from planparse.ceiling import TOO_LARGE, exhausted, room_to_fail
    from planparse.errors import PlanparseError, one_line
    from planparse.pipeline import parse_bytes

    try:
        data = Path(job.path).read_bytes()
    except OSError as exc:
        return Result("failed", error=("ReadError", f"cannot read the file ({exc.strerror})"))
    if job.mode == TREE and not job.force and up_to_date(job.output, hashlib.sha256(data).hexdigest()):
        return Result("skipped")
    try:
        with room_to_fail():
            document = parse_bytes(data, job.path)
    except PlanparseError as exc:
        return Result("failed", error=(exc.code, exc.reason))
    except Exception as exc:  # noqa: BLE001 - one bad file must never stop the batch
        if exhausted(exc):
            return Result("failed", error=("TooLarge", TOO_LARGE))
        return Result("failed", error=("InternalError", f"{type(exc).__name__}: {one_line(exc)}"))
    doubt = doubtful(document)
    if job.mode == TREE and job.output is not None:
        try:
            write_atomically(Path(job.output), document.model_dump_json(indent=2) + "\n")
        except OSError as exc:
            return Result("failed", error=("WriteError", f"cannot write {job.output} ({exc.strerror})"),
                          stop=exc.errno in STOPPING)
        return Result("converted", doubt=doubt)
    if job.mode == JSONL:
        return Result("converted", data=document.model_dump_json() + "\n", doubt=doubt)
    from planparse import ledger

    return Result("converted", data=ledger.rows(document), doubt=doubt)



def doubtful(document) -> str | None:
    """Why a parsed document wants a look before it is trusted, if it does."""
    if not document.tasks:
        return "no tasks found"
    if document.confidence < DOUBTFUL_BELOW:
        return f"confidence {document.confidence:.2f} (below {DOUBTFUL_BELOW})"
    return None


def up_to_date(output: str | None, sha256: str) -> bool:
    """An earlier run already wrote this file's output from the same bytes."""
    if output is None:
        return False
    try:
        with open(output, encoding="utf-8") as handle:
            return json.load(handle)["source"]["sha256"] == sha256
    except (OSError, ValueError, KeyError, TypeError):
        return False


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
