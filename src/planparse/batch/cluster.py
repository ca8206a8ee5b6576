"""The batch's worker pool on a Dask distributed cluster instead of local processes.

Same contract as :func:`planparse.workers.run`: tasks pulled lazily up to ``limit()``,
outcomes yielded as they finish, a file past ``timeout`` recorded as timed out.  Workers must
see the input and output paths (a shared file system); each writes its outputs atomically as
a local worker does.  A worker that dies mid-file is replaced by its nanny and the scheduler
runs the file again elsewhere; a file that keeps killing workers is recorded as a crash.  A
stuck file cannot be stopped inside a worker thread, so its worker is restarted.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Generator, Hashable, Iterator
from functools import partial
from typing import Any

from planparse.allowance import listening
from planparse.workers import POLL, Lookahead, Outcome, Task

CONNECT_TIMEOUT = 30  # seconds to reach the scheduler before giving up
IN_FLIGHT_PER_THREAD = 2
# Files go out in chunks sized, as joblib's automatic batches are, to take between these
# many seconds: long enough to hide the scheduler's round trip, short enough to keep every
# worker busy to the end.  A batch starts with single files (slow scans spread at once).
CHUNK_SECONDS = (0.5, 2.0)
MAX_CHUNK = 64
TOPIC = "planparse-file"  # the workers' word that a file has started
RESTART_TIMEOUT = 30  # seconds to wait for a stuck file's worker to come back


class ClusterError(Exception):
    """The scheduler could not be reached or used."""


def run(work: Callable[[Any], Any], tasks: Iterator[Task], scheduler: str,
        timeout: float | None, limit: Callable[[], int] | None = None) -> Generator[Outcome, None, None]:
    """Run ``work`` over ``tasks`` on the cluster at ``scheduler``; yield outcomes as they end."""
    from distributed import Client

    try:
        client = Client(scheduler, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError) as exc:
        raise ClusterError(f"cannot reach the Dask scheduler at {scheduler} ({exc})") from None
    try:
        yield from _Run(client, work, timeout, limit).outcomes(Lookahead(iter(tasks)))
    finally:
        client.close()


def each(work: Callable[[Any], Any], payloads: list[Any]) -> list[Any]:
    """A chunk of files as one cluster task (module-level, so workers can import it).  The
    worker says when each file starts, so the client times files, not chunks."""
    from distributed import get_worker

    worker = get_worker()
    key = worker.get_current_task()
    values = []
    for position, payload in enumerate(payloads):
        say = partial(_say, worker, key, position)
        say(0.0)
        with listening(say):
            values.append(work(payload))
    return values


def _say(worker: Any, key: Hashable, position: int, extra: float) -> None:
    """The worker's word: file ``position`` of chunk ``key`` started (``extra`` 0) or asks for
    ``extra`` seconds more."""
    worker.log_event(TOPIC, (key, position, extra))


class _Run:
    """Files go out in chunks (see :data:`CHUNK_SECONDS`).  A file past ``timeout`` (timed from
    the worker's word that it started) is recorded and the rest of its chunk sent again file by
    file; so are the files of a chunk that fails, so that only the file at fault is recorded as
    failed."""

    def __init__(self, client: Any, work: Callable[[Any], Any], timeout: float | None,
                 limit: Callable[[], int] | None) -> None:
        self.client, self.work, self.timeout, self.limit = client, work, timeout, limit
        self.running: dict[Any, list[Task]] = {}  # future -> its files
        # chunk key -> (the file started, when, seconds it asked for beyond the timeout)
        self.begun: dict[str, tuple[int, float, float]] = {}
        self.first: dict[str, float] = {}  # chunk key -> when its first file started
        self.size = 1  # files in the next chunk
        self.retry: list[Task] = []  # files of a failed or stopped chunk, to send one by one
        # more chunks in flight than threads keep every worker busy between round trips
        self.slots = IN_FLIGHT_PER_THREAD * max(1, sum(client.nthreads().values()))
        client.subscribe_topic(TOPIC, self._begin)

    def _begin(self, event: tuple[float, tuple[str, int, float]]) -> None:
        # the client's clock, not the scheduler's timestamp: the two machines may disagree
        key, position, extra = event[1]
        now = time.monotonic()
        if extra:
            started = self.begun.get(key, (position, now, 0.0))
            self.begun[key] = (position, started[1], started[2] + extra)
        else:
            self.begun[key] = (position, now, 0.0)
        self.first.setdefault(key, now)

    def outcomes(self, pending: Lookahead) -> Iterator[Outcome]:
        from distributed import wait

        while True:
            self._feed(pending)
            if not self.running:
                return
            try:
                done, _ = wait(list(self.running), timeout=POLL, return_when="FIRST_COMPLETED")
            except TimeoutError:  # nothing finished within POLL: look for files past their time
                done = set()
            for future in done:
                yield from self._collect(future)
            yield from self._expire()

    def _feed(self, pending: Lookahead) -> None:
        while len(self.running) < self.slots:
            chunk = [self.retry.pop(0)] if self.retry else self._take(pending)
            if not chunk:
                return
            future = self.client.submit(each, self.work, [p for _, p in chunk], pure=False)
            self.running[future] = chunk

    def _take(self, pending: Lookahead) -> list[Task]:
        chunk: list[Task] = []
        while len(chunk) < self.size and pending.head is not None:
            if self.limit is not None and pending.head[0] > self.limit():
                break
            chunk.append(pending.pop())
        return chunk

    def _collect(self, future: Any) -> Iterator[Outcome]:
        chunk = self.running.pop(future)
        self.begun.pop(future.key, None)
        self._resize(len(chunk), self.first.pop(future.key, None))
        try:
            values = future.result()
        except Exception as exc:  # noqa: BLE001 - a file's failure, not the batch's
            if len(chunk) > 1:
                self.retry += chunk
            else:
                yield Outcome(chunk[0][0], error=_failure(exc))
            return
        for (index, _), value in zip(chunk, values, strict=True):
            yield Outcome(index, value)

    def _resize(self, files: int, first: float | None) -> None:
        """Double the chunk size after a quick full chunk, halve it after a slow one."""
        took = time.monotonic() - first if first is not None else None
        if took is None or files < self.size:
            return
        if took < CHUNK_SECONDS[0]:
            self.size = min(2 * self.size, MAX_CHUNK)
        elif took > CHUNK_SECONDS[1]:
            self.size = max(self.size // 2, 1)

    def _expire(self) -> Iterator[Outcome]:
        if self.timeout is None:
            return
        now = time.monotonic()
        for future, chunk in list(self.running.items()):
            position, since, extra = self.begun.get(future.key, (0, now, 0.0))
            if now - since <= self.timeout + extra:
                continue
            del self.running[future], self.begun[future.key]
            self.first.pop(future.key, None)
            self._stop(future)
            self.retry += chunk[:position] + chunk[position + 1:]
            yield Outcome(chunk[position][0], error=(
                "Timeout", f"took longer than {self.timeout + extra:g} s; stopped"))

    def _stop(self, future: Any) -> None:
        """A stuck file cannot be stopped inside a worker thread: its worker is restarted."""
        holders = [worker for worker, keys in self.client.processing().items() if future.key in keys]
        future.cancel()
        if holders:
            self.client.restart_workers(holders, timeout=RESTART_TIMEOUT, raise_for_error=False)


def _failure(exc: Exception) -> tuple[str, str]:
    from distributed import KilledWorker

    from planparse.errors import one_line

    if isinstance(exc, KilledWorker):
        return ("Crash", "the file killed the workers that parsed it")
    return ("InternalError", f"{type(exc).__name__}: {one_line(exc)}")
