"""Batch conversion: many files, in parallel, resumable, one bad file never stopping the rest."""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import IO

from planparse.batch import pool
from planparse.batch.convert import CSV, JSONL, TEMP_SUFFIX, TREE, Job, Result, convert
from planparse.batch.inputs import Input, collect

ERRORS_FILE = "errors.jsonl"
WINDOW_PER_JOB = 4  # results a streaming batch may hold back to keep its input order
LISTED_FAILURES = 20


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
    db: Path | None = None  # also keep every document in this ledger database
    scheduler: str | None = None  # a Dask scheduler's address: run there, not in local processes


@dataclass
class Tally:
    converted: int = 0
    skipped: int = 0
    failures: list[tuple[int, str, str, str]] = field(default_factory=list)  # index, path, class, reason


def run(options: Options, stream: IO[str]) -> int:
    """Convert everything ``options`` names; return the exit status (1 if any file failed)."""
    skip = options.output if options.mode == TREE else None
    inputs = collect(options.inputs, options.include, options.exclude, skip)
    if options.mode == TREE:
        _remove_stale_temporaries(options.output)
    tally, started = Tally(), time.monotonic()
    ledger = _Ledger(options, options.db) if options.db is not None else None
    with _progress(len(inputs), options.quiet) as progress:
        for index, result in _results(inputs, options):
            _count(tally, index, inputs[index], result, progress)
            if result.data:
                stream.write(result.data)
            if ledger is not None:
                ledger.add(inputs[index], result)
    if options.mode == TREE:
        _write_errors(options.output, tally.failures)
    if not options.quiet:
        _summary(tally, len(inputs), time.monotonic() - started, options)
    return 1 if tally.failures else 0


def _jobs(inputs: list[Input], options: Options) -> Iterator[tuple[int, Job]]:
    for index, item in enumerate(inputs):
        output = str(_output(options, item)) if options.mode == TREE else None
        yield index, Job(str(item.path), options.mode, output, options.force)


def _output(options: Options, item: Input) -> Path:
    """Where tree mode writes the JSON of ``item``."""
    assert options.output is not None  # tree mode always has its folder
    return options.output / f"{item.relative}.json"


def _results(inputs: list[Input], options: Options) -> Iterator[tuple[int, Result]]:
    """Outcomes as they finish (tree mode) or in input order (streaming modes)."""
    in_order = options.mode in (JSONL, CSV)
    held: dict[int, Result] = {}
    next_index = 0
    window = WINDOW_PER_JOB * max(1, options.jobs)
    limit = (lambda: next_index + window) if in_order else None
    for outcome in _pool(options)(convert, _jobs(inputs, options), limit=limit):
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


def _pool(options: Options) -> Callable[..., Iterator[pool.Outcome]]:
    """Local worker processes, or the Dask cluster ``--scheduler`` names: the same contract."""
    if options.scheduler is not None:
        from planparse.batch import cluster

        return partial(cluster.run, scheduler=options.scheduler, timeout=options.timeout)
    return partial(pool.run, jobs=options.jobs, timeout=options.timeout)


def _count(tally: Tally, index: int, item: Input, result: Result, progress) -> None:
    if result.status == "converted":
        tally.converted += 1
    elif result.status == "skipped":
        tally.skipped += 1
    else:
        tally.failures.append((index, str(item.path), *result.error))
    if progress is not None:
        progress.advance(len(tally.failures))


def _remove_stale_temporaries(outdir: Path) -> None:
    """Half-written files of an interrupted run (kill -9 leaves them) are never outputs."""
    if outdir.is_dir():
        for temp in outdir.rglob(f"*{TEMP_SUFFIX}"):
            temp.unlink(missing_ok=True)


def _write_errors(outdir: Path, failures: list[tuple[int, str, str, str]]) -> None:
    outdir.mkdir(parents=True, exist_ok=True)
    lines = [json.dumps({"path": path, "error": kind, "reason": reason}, ensure_ascii=False)
             for _, path, kind, reason in sorted(failures)]
    (outdir / ERRORS_FILE).write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")


def _summary(tally: Tally, total: int, seconds: float, options: Options) -> None:
    failed = len(tally.failures)
    line = (f"planparse: {total} files: {tally.converted} converted, {tally.skipped} up to date,"
            f" {failed} failed in {seconds:.1f} s")
    if failed and options.mode == TREE:
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
        from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn,
                                   TimeRemainingColumn)

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
