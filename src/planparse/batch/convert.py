"""The work one worker process does for one file; module-level so it can be sent to workers."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

TREE, JSONL, CSV = "tree", "jsonl", "csv"
TEMP_SUFFIX = ".planparse-tmp"


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


def convert(job: Job) -> Result:
    from planparse.errors import PlanparseError
    from planparse.pipeline import parse_bytes

    try:
        data = Path(job.path).read_bytes()
    except OSError as exc:
        return Result("failed", error=("ReadError", f"cannot read the file ({exc.strerror})"))
    if job.mode == TREE and not job.force and up_to_date(job.output, hashlib.sha256(data).hexdigest()):
        return Result("skipped")
    try:
        document = parse_bytes(data, job.path)
    except PlanparseError as exc:
        return Result("failed", error=("ParseError", str(exc)))
    except Exception as exc:  # noqa: BLE001 - one bad file must never stop the batch
        return Result("failed", error=("InternalError", f"{type(exc).__name__}: {exc}"))
    if job.mode == TREE:
        write_atomically(Path(job.output), document.model_dump_json(indent=2) + "\n")
        return Result("converted")
    if job.mode == JSONL:
        return Result("converted", data=document.model_dump_json() + "\n")
    from planparse import ledger

    return Result("converted", data=ledger.rows(document))


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
    fd, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=TEMP_SUFFIX)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
