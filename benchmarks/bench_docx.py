"""Time planparse's .docx extraction against python-docx reading the same text.

The baseline opens the file with python-docx and reads every paragraph's and every table
cell's ``.text``; the goal is a ratio of at most 1.5.

    PYTHONPATH=src python benchmarks/bench_docx.py [FILE.docx ...] [--runs N]
"""

from __future__ import annotations

import argparse
import sys
import time
from io import BytesIO
from pathlib import Path

import docx

from planparse.extract.docx import extract

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"


def python_docx_text(data: bytes) -> None:
    document = docx.Document(BytesIO(data))
    for paragraph in document.paragraphs:
        _ = paragraph.text
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                _ = cell.text


def best_times(runs: int, data: bytes) -> tuple[float, float]:
    """Best of ``runs`` for planparse and for the baseline, alternating the two so that
    load from other processes falls on both alike."""
    best = {extract: float("inf"), python_docx_text: float("inf")}
    for _ in range(runs):
        for function in best:
            start = time.perf_counter()
            function(data)
            best[function] = min(best[function], time.perf_counter() - start)
    return best[extract], best[python_docx_text]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, help="default: the seed .docx files")
    parser.add_argument("--runs", type=int, default=20, help="best of N runs (default 20)")
    args = parser.parse_args()
    files = args.files or sorted(SEEDS.glob("*.docx"))
    if not files:
        print(f"no .docx files given and none in {SEEDS}", file=sys.stderr)
        return 2
    print(f"{'file':40} {'planparse ms':>12} {'python-docx ms':>14} {'ratio':>6}")
    worst = 0.0
    for path in files:
        data = path.read_bytes()
        ours, theirs = best_times(args.runs, data)
        worst = max(worst, ours / theirs)
        print(f"{path.name:40} {ours * 1e3:12.2f} {theirs * 1e3:14.2f} {ours / theirs:6.2f}")
    print(f"worst ratio {worst:.2f} (goal <= 1.5)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
