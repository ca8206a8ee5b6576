"""Benchmark the OCR path against RapidOCR's own time on the same page images.

For each scanned PDF (default: the seeds' -scanned and -photocopy renderings) prints pages,
planparse's whole parse (render, OCR, rules, layout, normalise ... emit), RapidOCR alone on
the same pages rendered beforehand, their ratio and pages per second; then the process's
peak memory (one worker: the engine is loaded once).  Goal: ratio <= 1.15.

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


def planparse_time(data: bytes, name: str) -> float:
    start = time.perf_counter()
    parse_bytes(data, name)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", type=Path)
    files = parser.parse_args().files or sorted(
        [*SEEDS.glob("*-scanned.pdf"), *SEEDS.glob("*-photocopy.pdf")])
    if not files:
        sys.exit("no scanned PDFs given and no seeds found")
    ocr._engine()  # loaded once per process, as in a worker: not part of either time
    print(f"{'file':44} {'pages':>5} {'planparse s':>11} {'rapidocr s':>10} {'ratio':>6}"
          f" {'pages/s':>7}")
    total_pages, total_ours, total_theirs = 0, 0.0, 0.0
    for path in files:
        data = path.read_bytes()
        pages = len(pdfium.PdfDocument(data))
        theirs = engine_alone(data)
        ours = planparse_time(data, path.name)
        total_pages, total_ours, total_theirs = (total_pages + pages, total_ours + ours,
                                                 total_theirs + theirs)
        print(f"{path.name[:44]:44} {pages:5d} {ours:11.1f} {theirs:10.1f} {ours / theirs:6.2f}"
              f" {pages / ours:7.2f}")
    print(f"{'all':44} {total_pages:5d} {total_ours:11.1f} {total_theirs:10.1f}"
          f" {total_ours / total_theirs:6.2f} {total_pages / total_ours:7.2f}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (one worker): {peak:.0f} MiB")


if __name__ == "__main__":
    main()
