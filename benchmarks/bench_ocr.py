"""Benchmark the OCR path against RapidOCR's own time on the same page images.

For each scanned PDF (default: the seeds' -scanned and -photocopy renderings) prints pages,
planparse's whole parse (render, OCR, rules, layout, normalise ... emit), the time spent in
the OCR engine within it, their ratio (what the pipeline adds), RapidOCR alone on the same
pages rendered beforehand (a separate run: on a shared machine load shifts between runs,
so compare it loosely) and pages per second; then the process's peak memory (one worker:
the engine is loaded once).  Goal: ratio <= 1.15.

    PYTHONPATH=src python benchmarks/bench_ocr.py [FILE.pdf ...]
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

import pypdfium2 as pdfium

from planparse.extract import ocr
from planparse.pipeline import parse_bytes

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"


def engine_alone(data: bytes) -> float:
    """Seconds RapidOCR takes over the document's pages, rendered before the clock starts."""
    document = pdfium.PdfDocument(data)
    images = [ocr.render(document, index)[0] for index in range(len(document))]
    document.close()
    engine = ocr._engine()
    start = time.perf_counter()
    for image in images:
        engine(image)
    return time.perf_counter() - start


class EngineClock:
    """Seconds spent inside the OCR engine during planparse's own parse: the ratio to it is
    immune to load from other processes shifting between two separate runs."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.read = ocr._read

    def __call__(self, image: ocr.Image) -> list[ocr._Line]:
        start = time.perf_counter()
        try:
            return self.read(image)
        finally:
            self.seconds += time.perf_counter() - start


def planparse_time(data: bytes, name: str) -> tuple[float, float]:
    """Seconds of planparse's whole parse, and of the engine within it."""
    clock = EngineClock()
    ocr._read = clock
    try:
        start = time.perf_counter()
        parse_bytes(data, name)
        return time.perf_counter() - start, clock.seconds
    finally:
        ocr._read = clock.read


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", type=Path)
    files = parser.parse_args().files or sorted(
        [*SEEDS.glob("*-scanned.pdf"), *SEEDS.glob("*-photocopy.pdf")])
    if not files:
        sys.exit("no scanned PDFs given and no seeds found")
    ocr._engine()  # loaded once per process, as in a worker: not part of either time
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


if __name__ == "__main__":
    main()
