"""A scan's pages OCR'd side by side in worker processes (``extract --jobs``): the same
reading as one process gives, failures ending the file in one line, no process left behind."""

from __future__ import annotations

import io
import json
import multiprocessing
import subprocess
import sys
import textwrap
import time

import pytest
from test_ocr import _needs_ocr, _page

from planparse.extract import extract
from planparse.extract.ocr_mode import JOBS


def _tiff(frames: int) -> bytes:
    """A page image file of several frames (a multi-page TIFF: one page each)."""
    page = _page()
    buffer = io.BytesIO()
    page.save(buffer, format="TIFF", save_all=True, append_images=[page] * (frames - 1),
              dpi=(200, 200))
    return buffer.getvalue()


def _blocks(extracted) -> list[tuple]:
    return [(b.text, b.cells, b.page) for b in extracted.blocks]


def test_pages_read_side_by_side_read_as_in_one_process(monkeypatch):
    _needs_ocr()
    from planparse import workers

    data = _tiff(3)
    monkeypatch.setenv(JOBS, "1")
    alone = extract(data, "scan.tif")
    pools: list[int] = []
    run = workers.run

    def spy(*args, **kwargs):
        pools.append(kwargs["jobs"])
        yield from run(*args, **kwargs)

    monkeypatch.setattr(workers, "run", spy)
    monkeypatch.setenv(JOBS, "2")
    side_by_side = extract(data, "scan.tif")
    assert pools == [2]  # the pages went to two worker processes
    assert _blocks(side_by_side) == _blocks(alone)
    assert side_by_side.ocr == alone.ocr and side_by_side.ocr["pages"] == [1, 2, 3]
    assert side_by_side.warnings == alone.warnings


def test_never_more_workers_than_pages_and_none_inside_a_batch_worker(monkeypatch):
    pytest.importorskip("cv2", reason="the ocr extra (opencv) is not installed")
    from planparse.extract import ocr_workers

    monkeypatch.setenv(JOBS, "4")
    assert ocr_workers.processes(1) == 1
    assert ocr_workers.processes(3) == 3
    assert ocr_workers.processes(9) == 4

    class Daemonic:
        daemon = True

    monkeypatch.setattr(multiprocessing, "current_process", Daemonic)
    assert ocr_workers.processes(9) == 1  # a batch's workers may not start processes


def test_a_page_failing_in_a_worker_fails_the_file_as_in_one_process(monkeypatch):
    _needs_ocr()
    import numpy as np

    from planparse.extract import ocr_page, ocr_workers

    good = np.asarray(_page())[..., ::-1].copy()
    broken = np.zeros((0, 0, 3), dtype=np.uint8)  # no pixels: OpenCV refuses it
    errors = []
    for jobs in ("1", "2"):
        monkeypatch.setenv(JOBS, jobs)
        pages = iter([(good, 200.0, 1), (broken, 200.0, 2)])
        with pytest.raises(Exception) as caught:
            ocr_workers.read_pages(pages, 2, ocr_page.Reading(dpi=200))
        errors.append(type(caught.value).__name__)
    assert errors[0] == errors[1] == "error"  # cv2.error, from the worker as from here


def test_cli_jobs_reads_a_scan_side_by_side(tmp_path):
    _needs_ocr()
    scan = tmp_path / "scan.tif"
    scan.write_bytes(_tiff(2))
    outputs = []
    for jobs in ("1", "2"):
        done = subprocess.run([sys.executable, "-m", "planparse", "extract", str(scan), "--jobs", jobs],
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1]
    assert json.loads(outputs[0])["source"]["ocr"]["pages"] == [1, 2]


def test_a_timeout_leaves_no_worker_behind():
    # a worker busy for a minute when the clock runs out: the watchdog ends it with the command
    script = textwrap.dedent("""
        import multiprocessing, sys, time
        from planparse.cli import _watchdog

        if __name__ == "__main__":
            worker = multiprocessing.get_context("spawn").Process(target=time.sleep, args=(60,))
            worker.start()
            print(worker.pid, flush=True)
            with _watchdog(0.5, "scan.pdf"):
                time.sleep(30)
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 1 and "took longer than 0.5 s" in done.stderr
    pid = int(done.stdout)
    for _ in range(50):
        if not _running(pid):
            break
        time.sleep(0.1)
    assert not _running(pid)


def _running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(") ")[-1][0] != "Z"  # a zombie has ended
    except FileNotFoundError:
        return False

