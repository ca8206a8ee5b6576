"""The work one worker process does for one file; module-level so it can be sent to workers."""

from __future__ import annotations

import errno
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from planparse.doubt import doubtful
from planparse.outputs import write_atomically

TREE, JSONL, CSV = "tree", "jsonl", "csv"
# A destination that refuses these refuses every later file too: the batch stops.
STOPPING = {errno.ENOSPC, errno.EDQUOT, errno.EROFS}


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




def up_to_date(output: str | None, sha256: str) -> bool:
    """An earlier run already wrote this file's output from the same bytes."""
    if output is None:
        return False
    try:
        with open(output, encoding="utf-8") as handle:
            return json.load(handle)["source"]["sha256"] == sha256
    except (OSError, ValueError, KeyError, TypeError):
        return False
