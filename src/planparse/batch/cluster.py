"""The batch's worker pool on a Dask distributed cluster instead of local processes.

Same contract as :func:`planparse.batch.pool.run`: tasks pulled lazily up to ``limit()``,
outcomes yielded as they finish, a file past ``timeout`` recorded as timed out.  Workers must
see the input and output paths (a shared file system); each writes its outputs atomically as
a local worker does.  A worker that dies mid-file is replaced by its nanny and the scheduler
runs the file again elsewhere; a file that keeps killing workers is recorded as a crash.  A
stuck file cannot be stopped inside a worker thread, so its worker is restarted.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any

from planparse.batch.pool import POLL, Lookahead, Outcome, Task

CONNECT_TIMEOUT = 30  # seconds to reach the scheduler before giving up
IN_FLIGHT_PER_THREAD = 2


class ClusterError(Exception):
    """The scheduler could not be reached or used."""


def run(work: Callable[[Any], Any], tasks: Iterator[Task], scheduler: str,
        timeout: float | None, limit: Callable[[], int] | None = None) -> Iterator[Outcome]:
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


class _Run:
    def __init__(self, client: Any, work: Callable[[Any], Any], timeout: float | None,
                 limit: Callable[[], int] | None) -> None:
        self.client, self.work, self.timeout, self.limit = client, work, timeout, limit
        self.running: dict[Any, int] = {}  # future -> index, in the order submitted
        self.started: dict[Any, float] = {}  # when a file reached a worker thread (estimated)
        self.threads = max(1, sum(client.nthreads().values()))
        # more files in flight than threads hide the scheduler's round trip per file
        self.slots = IN_FLIGHT_PER_THREAD * self.threads

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
                yield self._collect(future)
            yield from self._expire()

    def _feed(self, pending: Lookahead) -> None:
        while len(self.running) < self.slots and pending.head is not None:
            if self.limit is not None and pending.head[0] > self.limit():
                return
            index, payload = pending.pop()
            self.running[self.client.submit(self.work, payload, pure=False)] = index

    def _collect(self, future: Any) -> Outcome:
        index = self.running.pop(future)
        self.started.pop(future, None)
        try:
            return Outcome(index, future.result())
        except Exception as exc:  # noqa: BLE001 - the file's failure, not the batch's
            from distributed import KilledWorker

            if isinstance(exc, KilledWorker):
                return Outcome(index, error=("Crash", "the file killed the workers that parsed it"))
            return Outcome(index, error=("InternalError", f"{type(exc).__name__}: {exc}"))

    def _expire(self) -> Iterator[Outcome]:
        """Files past their time; a file's clock starts when it is among the first ``threads``
        still running (the scheduler hands them out in order), not while it waits its turn."""
        now = time.monotonic()
        for future in list(self.running)[: self.threads]:
            self.started.setdefault(future, now)
        if self.timeout is None:
            return
        for future, started in list(self.started.items()):
            if now - started > self.timeout:
                index = self.running.pop(future)
                del self.started[future]
                self._stop(future)
                yield Outcome(index, error=("Timeout", f"took longer than {self.timeout:g} s; stopped"))

    def _stop(self, future: Any) -> None:
        holders = [worker for worker, keys in self.client.processing().items() if future.key in keys]
        future.cancel()
        if holders:
            self.client.restart_workers(holders)
