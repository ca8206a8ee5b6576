"""A pool of worker processes where one stuck or crashed task costs only its own slot: the
files of a batch, the pages of a scan OCR'd side by side.

Each worker serves one task at a time over its own pipe, so the parent always knows which
task a worker holds: past ``timeout`` seconds the worker is killed, the task recorded as
timed out, and a fresh worker takes its place.  Results come back as they finish.
"""

from __future__ import annotations

import multiprocessing as mp
import signal
import time
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass
from functools import partial
from multiprocessing.connection import Connection, wait
from typing import Any

from planparse.allowance import listening
from planparse.ceiling import limit_memory

Task = tuple[int, Any]  # (index, payload)
POLL = 0.2  # seconds between checks for timed-out workers


@dataclass
class Outcome:
    index: int
    value: Any = None
    error: tuple[str, str] | None = None  # (error class, one-line reason)


@dataclass(frozen=True)
class Extension:
    """A worker's word that its file needs ``seconds`` more than the timeout (OCR pages)."""

    seconds: float


def _serve(conn: Connection, work: Callable[[Any], Any], memory: int | None) -> None:
    # Ctrl-C is the parent's to handle (it stops the workers, which start with it ignored); a
    # worker whose parent is gone finds its pipe closed and leaves without a word.
    if memory is not None:
        limit_memory(memory)
    while True:
        try:
            task = conn.recv()
            if task is None:
                return
            with listening(lambda seconds: conn.send(Extension(seconds))):
                value = work(task)
            conn.send(value)
        except (EOFError, OSError):
            return


class _Worker:
    def __init__(self, ctx, work: Callable[[Any], Any], memory: int | None) -> None:
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_serve, args=(child, work, memory), daemon=True)
        # started with Ctrl-C ignored (inherited through exec), so that one arriving while the
        # worker is still starting up cannot print a traceback there
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
        try:
            self.process.start()
        finally:
            signal.signal(signal.SIGINT, previous)
        child.close()
        self.task: Task | None = None
        self.started = 0.0
        self.extra = 0.0  # seconds the file has asked for beyond the timeout
        self.died = "the worker process died while parsing this file" + (
            "" if memory is None else f" (past its {memory >> 20} MB memory ceiling, or a parser crash)")

    def give(self, task: Task) -> None:
        self.task, self.started, self.extra = task, time.monotonic(), 0.0
        self.conn.send(task[1])

    def kill(self) -> None:
        self.process.kill()
        self.process.join()
        self.conn.close()


def run(work: Callable[[Any], Any], tasks: Iterator[Task], jobs: int, timeout: float | None,
        limit: Callable[[], int] | None = None, memory: int | None = None) -> Generator[Outcome, None, None]:
    """Run ``work`` over ``tasks`` in ``jobs`` processes; yield outcomes as they complete.

    ``tasks`` is pulled lazily, one per free worker, and only up to the index ``limit()``
    allows, so a caller that must emit in order holds a bounded number of results.
    ``work`` must be a module-level function (it is sent to spawned processes); each worker's
    address space is capped at ``memory`` bytes when given.
    """
    ctx = mp.get_context("spawn")
    spawn = partial(_Worker, ctx, work, memory)
    workers = [spawn() for _ in range(max(1, jobs))]
    pending = Lookahead(iter(tasks))
    try:
        while True:
            _feed(workers, pending, limit)
            busy = [w for w in workers if w.task is not None]
            if not busy:
                return
            ready = wait([w.conn for w in busy], timeout=POLL)
            for worker in busy:
                outcome = _collect(worker, ready, timeout)
                if outcome is not None:
                    if worker.task is None and not worker.process.is_alive():
                        workers[workers.index(worker)] = spawn()
                    yield outcome
    finally:
        for worker in workers:
            worker.kill()


class Lookahead:
    def __init__(self, tasks: Iterator[Task]) -> None:
        self.tasks = tasks
        self.head: Task | None = next(tasks, None)

    def pop(self) -> Task:
        task, self.head = self.head, next(self.tasks, None)
        assert task is not None  # callers pop only once they have seen a head
        return task


def _feed(workers: list[_Worker], pending: Lookahead, limit: Callable[[], int] | None) -> None:
    for worker in workers:
        if worker.task is None:
            if pending.head is None or (limit is not None and pending.head[0] > limit()):
                return
            worker.give(pending.pop())


def _collect(worker: _Worker, ready: list, timeout: float | None) -> Outcome | None:
    assert worker.task is not None  # only busy workers are collected
    index = worker.task[0]
    if worker.conn in ready:
        try:
            value = worker.conn.recv()
        except (EOFError, OSError):
            return _lost(worker, index, "Crash", worker.died)
        if isinstance(value, Extension):
            worker.extra += value.seconds
            return None
        worker.task = None
        return Outcome(index, value)
    if timeout is not None and time.monotonic() - worker.started > timeout + worker.extra:
        return _lost(worker, index, "Timeout", f"took longer than {timeout + worker.extra:g} s; stopped")
    if not worker.process.is_alive():
        return _lost(worker, index, "Crash", worker.died)
    return None


def _lost(worker: _Worker, index: int, kind: str, reason: str) -> Outcome:
    worker.kill()
    worker.task = None
    return Outcome(index, error=(kind, reason))
