"""batch --scheduler: the same batch on a Dask distributed cluster of separate worker processes."""

from __future__ import annotations

import io
import os
import shutil
import signal
import threading
import time
from pathlib import Path

import pytest
from conftest import SAMPLES

distributed = pytest.importorskip("distributed", reason="the cluster runner needs the extra: cluster")

from planparse.batch import Options, cluster, run  # noqa: E402

TXT = SAMPLES / "003_820f42fe4d9a515f.txt"
DOCX = SAMPLES / "000_834a0c88301c0f66.docx"


@pytest.fixture(scope="module")
def scheduler():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None, host="127.0.0.1") as local:
        yield local


def folder_of_plans(root: Path, count: int) -> Path:
    root.mkdir()
    for i in range(count):
        source = TXT if i % 2 else DOCX
        shutil.copy(source, root / f"plan-{i:03d}{source.suffix}")
    (root / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    return root


def tree(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def test_cluster_output_is_identical_to_local_jobs(scheduler, tmp_path: Path):
    folder = folder_of_plans(tmp_path / "in", 12)
    local, remote = tmp_path / "local", tmp_path / "remote"
    assert run(Options([str(folder)], local, jobs=2, quiet=True), io.StringIO()) == 1
    assert run(Options([str(folder)], remote, quiet=True, scheduler=scheduler.scheduler_address),
               io.StringIO()) == 1  # the broken file fails in both
    assert tree(local) == tree(remote) and "errors.jsonl" in tree(remote)
    again = run(Options([str(folder)], remote, quiet=True, scheduler=scheduler.scheduler_address),
                io.StringIO())  # resume: everything up to date, the broken file retried
    assert again == 1 and tree(local) == tree(remote)


def test_cluster_stops_a_file_past_its_timeout(scheduler):
    from slow_work import nap

    tasks = iter([(0, 0.01), (1, 60.0), (2, 0.01)])
    started = time.monotonic()
    outcomes = {o.index: o for o in cluster.run(nap, tasks, scheduler.scheduler_address, 2.0)}
    assert outcomes[1].error is not None and outcomes[1].error[0] == "Timeout"
    assert [outcomes[i].value for i in (0, 2)] == [0.01, 0.01]
    assert time.monotonic() - started < 50


def test_a_file_that_asks_for_more_time_gets_it_on_the_cluster(scheduler):
    from slow_work import slow_pages

    tasks = iter([(0, 3.0), (1, 0.01)])
    outcomes = {o.index: o for o in cluster.run(slow_pages, tasks, scheduler.scheduler_address, 1.0)}
    assert [outcomes[i].value for i in (0, 1)] == [3.0, 0.01]


def test_a_stuck_file_inside_a_chunk_is_the_only_one_timed_out(scheduler):
    from slow_work import nap

    # quick files grow the chunks, so the stuck one is parsed among others
    tasks = iter([(i, 60.0 if i == 40 else 0.001) for i in range(60)])
    started = time.monotonic()
    outcomes = {o.index: o for o in cluster.run(nap, tasks, scheduler.scheduler_address, 2.0)}
    assert sorted(outcomes) == list(range(60))
    assert [i for i, o in outcomes.items() if o.error is not None] == [40]
    assert outcomes[40].error[0] == "Timeout"
    assert all(o.value == 0.001 for i, o in outcomes.items() if i != 40)
    assert time.monotonic() - started < 50


def test_a_worker_killed_mid_batch_loses_no_file(scheduler, tmp_path: Path):
    folder = folder_of_plans(tmp_path / "in", 30)
    out = tmp_path / "out"
    client = distributed.Client(scheduler.scheduler_address, set_as_default=False)
    pids = list(client.run(os.getpid).values())
    client.close()

    def kill_one_when_started() -> None:
        deadline = time.monotonic() + 60
        while not list(out.rglob("*.json")) and time.monotonic() < deadline:
            time.sleep(0.02)
        os.kill(pids[0], signal.SIGKILL)  # the nanny starts a new worker; the file runs again

    killer = threading.Thread(target=kill_one_when_started)
    killer.start()
    code = run(Options([str(folder)], out, quiet=True, scheduler=scheduler.scheduler_address),
               io.StringIO())
    killer.join()
    assert code == 1  # only the broken file
    outputs = sorted(p.name for p in out.rglob("*.json") if p.name != "errors.jsonl")
    assert len(outputs) == 30
    assert not list(out.rglob("*.planparse-tmp"))


def test_an_unreachable_scheduler_is_one_clear_error(monkeypatch):
    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT", 2)
    with pytest.raises(cluster.ClusterError, match="cannot reach the Dask scheduler"):
        list(cluster.run(str, iter([(0, "x")]), "tcp://127.0.0.1:9", None))
