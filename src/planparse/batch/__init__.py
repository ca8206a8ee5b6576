"""Batch conversion: many files, in parallel, resumable, one bad file never stopping the rest."""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable, Generator, Iterator
from contextlib import closing, nullcontext, suppress
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import IO

from planparse import workers
from planparse.batch.convert import CSV, JSONL, TREE, Job, Result, convert
from planparse.batch.inputs import Input, check_places, collect
from planparse.ceiling import DEFAULT_MB
from planparse.errors import PlanparseError
from planparse.outputs import TEMP_PREFIX, TEMP_SUFFIX, write_atomically

ERRORS_FILE = "errors.jsonl"
WINDOW_PER_JOB = 4  # results a streaming batch may hold back to keep its input order
LISTED_FAILURES = 20
INTERRUPTED = 130  # the shell's status for a command stopped by Ctrl-C
ROOM_BYTES = 256 << 10  # set aside for errors.jsonl (a full disk may still take an empty file)


@dataclass
class Options:
    inputs: list[str]
    output: Path | None
    mode: str = TREE
    include: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    jobs: int = os.cpu_count() or 1
    timeout: float | None = 120.0
    force: bool = False
    quiet: bool = False
    strict: bool = False  # doubtful results (no tasks, low confidence) fail the batch
    memory: int | None = DEFAULT_MB << 20  # bytes of address space a worker may use
    db: Path | None = None  # also keep every document in this ledger database
    scheduler: str | None = None  # a Dask scheduler's address: run there, not in local processes


@dataclass
class Tally:
    total: int = 0
    converted: int = 0
    skipped: int = 0
    doubtful: int = 0
    failures: list[tuple[int, str, str, str]] = field(default_factory=list)  # index, path, class, reason
    stopped: str | None = None  # why the destination took no more

    @property
    def done(self) -> int:
        return self.converted + self.skipped + len(self.failures)


def run(options: Options, stream: IO[str]) -> int:
    """Convert everything ``options`` names; return the exit status (1 if any file failed,
    130 when interrupted).  A destination that cannot be written is refused before anything
    is converted (:class:`PlanparseError`)."""
    outdir = options.output if options.mode == TREE else None
    collected = collect(options.inputs, options.include, options.exclude, outdir)
    inputs = collected.inputs
    errors = None
    if outdir is not None:
        check_places(inputs)
        prepare_folder(outdir)
        errors = _ErrorLog(outdir)
    for note in collected.notes:
        print(f"planparse: {note}", file=sys.stderr)
    tally, started = Tally(total=len(inputs)), time.monotonic()
    try:
        _convert_all(inputs, options, stream, tally, errors)
    except KeyboardInterrupt:
        _finish(tally, errors)
        resume = "; run again to resume" if options.mode == TREE else ""
        print(f"planparse: interrupted: {tally.done} of {tally.total} done{resume}", file=sys.stderr)
        return INTERRUPTED
    _finish(tally, errors)
    if tally.stopped is not None:
        print(f"planparse: {tally.stopped}; stopped after {tally.done} of {tally.total} files:"
              " make room and run again to resume", file=sys.stderr)
    if not options.quiet:
        _summary(tally, time.monotonic() - started, options)
    return 1 if tally.failures or (options.strict and tally.doubtful) else 0


def _convert_all(inputs: list[Input], options: Options, stream: IO[str], tally: Tally,
                 errors: _ErrorLog | None) -> None:
    ledger = _Ledger(options, options.db) if options.db is not None else None
    with _progress(len(inputs), options.quiet) as progress, \
            closing(_results(inputs, options)) as results:
        for index, result in results:
            _count(tally, index, inputs[index], result, progress)
            if result.error is not None and errors is not None:
                errors.add(str(inputs[index].path), *result.error)
            if result.doubt is not None and not options.quiet:
                print(f"planparse: {inputs[index].path}: doubtful: {result.doubt}", file=sys.stderr)
            if result.data:
                stream.write(result.data)
            if ledger is not None:
                ledger.add(inputs[index], result)
            if result.stop:
                tally.stopped = result.error[1] if result.error else "cannot write"
                return


def prepare_folder(outdir: Path) -> None:
    """Make sure files can be written in ``outdir`` before converting anything, clear the
    half-written files an interrupted run (kill -9) left there, and set room aside (a
    temporary file, removed at the end) so errors.jsonl can be written even if the disk
    fills up."""
    if outdir.exists() and not outdir.is_dir():
        raise PlanparseError("exists and is not a folder; -o names the output folder",
                             code="WriteError", path=str(outdir))
    try:
        outdir.mkdir(parents=True, exist_ok=True)
        _remove_stale_temporaries(outdir)
        with open(outdir / f"{TEMP_PREFIX}room{TEMP_SUFFIX}", "wb") as room:
            room.write(b"\0" * ROOM_BYTES)
            room.flush()
            os.fsync(room.fileno())
    except OSError as exc:
        raise PlanparseError(f"cannot write there ({exc.strerror})", code="WriteError",
                             path=str(outdir)) from None


def _jobs(inputs: list[Input], options: Options) -> Iterator[tuple[int, Job]]:
    for index, item in enumerate(inputs):
        output = str(_output(options, item)) if options.mode == TREE else None
        yield index, Job(str(item.path), options.mode, output, options.force)


def _output(options: Options, item: Input) -> Path:
    """Where tree mode writes the JSON of ``item``."""
    assert options.output is not None  # tree mode always has its folder
    return options.output / f"{item.relative}.json"


def _results(inputs: list[Input], options: Options) -> Generator[tuple[int, Result], None, None]:
    """Outcomes as they finish (tree mode) or in input order (streaming modes)."""
    in_order = options.mode in (JSONL, CSV)
    held: dict[int, Result] = {}
    next_index = 0
    window = WINDOW_PER_JOB * max(1, options.jobs)
    limit = (lambda: next_index + window) if in_order else None
    outcomes = _pool(options)(convert, _jobs(inputs, options), limit=limit)
    with closing(outcomes):
        for outcome in outcomes:
            result = outcome.value if outcome.error is None else Result("failed", error=outcome.error)
            if not in_order:
                yield outcome.index, result
                continue
            held[outcome.index] = result
            while next_index in held:
                yield next_index, held.pop(next_index)
                next_index += 1


class _Ledger:
    """Each document the batch converts, or finds up to date, into the ledger database."""

    def __init__(self, options: Options, path: Path) -> None:
        from planparse.ledger import db

        self.options = options
        self.db = db.connect(path)
        self.store = db.store

    def add(self, item: Input, result: Result) -> None:
        from planparse.models import PlanDocument

        text = result.data
        if self.options.mode == TREE and result.status != "failed":
            text = _output(self.options, item).read_text(encoding="utf-8")
        if text:
            self.store(self.db, PlanDocument.model_validate_json(text))


def _pool(options: Options) -> Callable[..., Generator[workers.Outcome, None, None]]:
    """Local worker processes, or the Dask cluster ``--scheduler`` names: the same contract."""
    if options.scheduler is not None:
        from planparse.batch import cluster

        return partial(cluster.run, scheduler=options.scheduler, timeout=options.timeout)
    from planparse.extract.ocr_mode import share_cores

    share_cores(options.jobs)
    return partial(workers.run, jobs=options.jobs, timeout=options.timeout, memory=options.memory)


def _count(tally: Tally, index: int, item: Input, result: Result, progress) -> None:
    if result.status == "converted":
        tally.converted += 1
    elif result.status == "skipped":
        tally.skipped += 1
    else:
        kind, reason = result.error or ("InternalError", "no reason given")
        tally.failures.append((index, str(item.path), kind, reason))
    tally.doubtful += result.doubt is not None
    if progress is not None:
        progress.advance(len(tally.failures))


def _remove_stale_temporaries(outdir: Path) -> None:
    """Half-written files of an interrupted run (kill -9 leaves them) are never outputs."""
    for temp in outdir.rglob(f"*{TEMP_SUFFIX}"):
        temp.unlink(missing_ok=True)


class _ErrorLog:
    """errors.jsonl: made before any output, a line added as each file fails (an interrupted
    or stopped run keeps its record), rewritten in input order at the end."""

    def __init__(self, outdir: Path) -> None:
        self.path = outdir / ERRORS_FILE
        self.handle = self.path.open("w", encoding="utf-8")

    def add(self, path: str, kind: str, reason: str) -> None:
        try:
            self.handle.write(_error_line(path, kind, reason))
            self.handle.flush()
        except OSError:
            pass  # a full disk: the rewrite at the end tries again, once temporaries are gone

    def close(self, failures: list[tuple[int, str, str, str]]) -> None:
        with suppress(OSError):
            self.handle.close()
        lines = "".join(_error_line(path, kind, reason) for _, path, kind, reason in sorted(failures))
        try:
            write_atomically(self.path, lines)
        except OSError as exc:
            print(f"planparse: {self.path}: cannot write it in full ({exc.strerror});"
                  " the failures are listed below", file=sys.stderr)


def _error_line(path: str, kind: str, reason: str) -> str:
    return json.dumps({"path": path, "error": kind, "reason": reason}, ensure_ascii=False) + "\n"


def _finish(tally: Tally, errors: _ErrorLog | None) -> None:
    if errors is not None:
        _remove_stale_temporaries(errors.path.parent)  # with the room set aside for errors.jsonl
        errors.close(tally.failures)


def _summary(tally: Tally, seconds: float, options: Options) -> None:
    failed = len(tally.failures)
    line = (f"planparse: {tally.total} files: {tally.converted} converted, {tally.skipped} up to date,"
            f" {failed} failed, {tally.doubtful} doubtful in {seconds:.1f} s")
    if failed and options.mode == TREE and options.output is not None:
        line += f" (see {options.output / ERRORS_FILE})"
    print(line, file=sys.stderr)
    for _, path, kind, reason in sorted(tally.failures)[:LISTED_FAILURES]:
        print(f"  {path}: {kind}: {reason}", file=sys.stderr)
    if failed > LISTED_FAILURES:
        print(f"  … and {failed - LISTED_FAILURES} more", file=sys.stderr)


class _Bar:
    """A rich progress bar on stderr: done/total, rate, time left, failures."""

    def __init__(self, total: int) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self.progress = Progress(
            TextColumn("converting"), BarColumn(), MofNCompleteColumn(),
            TextColumn("{task.fields[rate]} files/s"), TimeRemainingColumn(),
            TextColumn("[red]{task.fields[failed]} failed"),
            console=Console(stderr=True), transient=True)
        self.task = self.progress.add_task("batch", total=total, rate="-", failed=0)
        self.started = time.monotonic()
        self.done = 0

    def __enter__(self) -> _Bar:
        self.progress.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        self.progress.__exit__(*exc)

    def advance(self, failed: int) -> None:
        self.done += 1
        rate = self.done / max(1e-6, time.monotonic() - self.started)
        self.progress.update(self.task, advance=1, rate=f"{rate:.1f}", failed=failed)


def _progress(total: int, quiet: bool):
    if quiet or not sys.stderr.isatty():
        return nullcontext(None)
    return _Bar(total)
