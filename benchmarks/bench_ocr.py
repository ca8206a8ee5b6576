"""Benchmark the OCR path against RapidOCR's own time on the same page images.

For each scanned PDF (default: the seeds' -scanned and -photocopy renderings) prints pages,
planparse's whole parse (render, OCR, rules, layout, normalise ... emit), the time spent in
the OCR engine within it, their ratio (what the pipeline adds), RapidOCR alone on the same
pages rendered beforehand (a separate run: on a shared machine load shifts between runs,
so compare it loosely) and pages per second; then the process's peak memory (one worker:
the engine is loaded once).  Goal: ratio <= 1.15.

Then each file as ``extract --jobs N`` reads it, its pages OCR'd side by side in N worker
processes, against one process alone, both from a cold start (the engine loaded, in each
worker too): wall seconds, pages per second, and the largest worker's peak memory.

    PYTHONPATH=src python benchmarks/bench_ocr.py [FILE.pdf ...] [--jobs N]
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

import pypdfium2 as pdfium

from planparse.extract import ocr, ocr_page
from planparse.extract.ocr_mode import JOBS
from planparse.pipeline import parse_bytes

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"


def engine_alone(data: bytes) -> float:
    """Seconds RapidOCR takes over the document's pages, rendered before the clock starts."""
    document = pdfium.PdfDocument(data)
    images = [ocr.render(document, index)[0] for index in range(len(document))]
    document.close()
    engine = ocr_page._engine()
    start = time.perf_counter()
    for image in images:
        engine(image)
    return time.perf_counter() - start


class EngineClock:
    """Seconds spent inside the OCR engine during planparse's own parse: the ratio to it is
    immune to load from other processes shifting between two separate runs."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.read = ocr_page._read

    def __call__(self, image: ocr_page.Image) -> list[ocr_page._Line]:
        start = time.perf_counter()
        try:
            return self.read(image)
        finally:
            self.seconds += time.perf_counter() - start


def planparse_time(data: bytes, name: str) -> tuple[float, float]:
    """Seconds of planparse's whole parse, and of the engine within it."""
    clock = EngineClock()
    ocr_page._read = clock
    try:
        start = time.perf_counter()
        parse_bytes(data, name)
        return time.perf_counter() - start, clock.seconds
    finally:
        ocr_page._read = clock.read


def cold_parse(data: bytes, name: str, jobs: int) -> float:
    """Wall seconds of a parse as a fresh command makes it: the engine not yet loaded."""
    ocr_page._engine.cache_clear()
    os.environ[JOBS] = str(jobs)
    try:
        start = time.perf_counter()
        parse_bytes(data, name)
        return time.perf_counter() - start
    finally:
        del os.environ[JOBS]


def side_by_side(files: list[Path], jobs: int) -> None:
    print(f"\npages side by side (extract --jobs {jobs}) against one process, cold starts:")
    print(f"{'file':40} {'pages':>5} {'1 process s':>11} {f'{jobs} workers s':>11} {'speed-up':>8}"
          f" {'pages/s':>7}")
    for path in files:
        data = path.read_bytes()
        pages = len(pdfium.PdfDocument(data))
        alone, spread = cold_parse(data, path.name, 1), cold_parse(data, path.name, jobs)
        print(f"{path.name[:40]:40} {pages:5d} {alone:11.1f} {spread:11.1f} {alone / spread:8.2f}"
              f" {pages / spread:7.2f}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak memory of a worker: {peak:.0f} MiB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                        help="workers for the side-by-side figures (default: every core)")
    args = parser.parse_args()
    files = args.files or sorted([*SEEDS.glob("*-scanned.pdf"), *SEEDS.glob("*-photocopy.pdf")])
    if not files:
        sys.exit("no scanned PDFs given and no seeds found")
    ocr_page._engine()  # loaded once per process, as in a worker: not part of either time
    print(f"{'file':40} {'pages':>5} {'planparse s':>11} {'in engine':>9} {'ratio':>6}"
          f" {'rapidocr alone s':>16} {'pages/s':>7}")
    totals = [0.0, 0.0, 0.0, 0.0]  # pages, planparse, engine within it, engine alone
    for path in files:
        data = path.read_bytes()
        pages = len(pdfium.PdfDocument(data))
        alone = engine_alone(data)
        ours, within = planparse_time(data, path.name)
        totals = [a + b for a, b in zip(totals, (pages, ours, within, alone), strict=True)]
        print(f"{path.name[:40]:40} {pages:5d} {ours:11.1f} {within:9.1f} {ours / within:6.2f}"
              f" {alone:16.1f} {pages / ours:7.2f}")
    pages, ours, within, alone = totals
    print(f"{'all':40} {pages:5.0f} {ours:11.1f} {within:9.1f} {ours / within:6.2f}"
          f" {alone:16.1f} {pages / ours:7.2f}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (one worker): {peak:.0f} MiB")
    side_by_side(files, args.jobs)


if __name__ == "__main__":
    main()
