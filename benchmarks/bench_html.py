"""Time planparse's HTML extraction against lxml merely parsing the same page.

The baseline (the floor) hands the page's bytes to lxml's HTML parser with the page's
encoding already known and does nothing with the tree; planparse (``planparse.extract.extract``,
as a user's extraction runs: the format sniffed from the content, then the HTML reader)
finds the encoding, parses the page, finds the article and reads its paragraphs and
tables.  Each figure is the best of many runs in CPU time (``time.process_time``), the two
alternating, since the machine may be shared and loaded.  The goal is a ratio of at most 1.5.

    PYTHONPATH=src python benchmarks/bench_html.py [FILE.html ...] [--runs N]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from lxml import etree

from planparse.extract import extract
from planparse.extract.html import decode

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"


def best_times(runs: int, data: bytes, name: str) -> tuple[float, float]:
    """Best of ``runs`` for planparse and for the floor, alternating the two so that
    load from other processes falls on both alike."""
    encoding = decode(data)[1]  # known beforehand: the floor does not look for it

    def floor() -> None:
        etree.fromstring(data, etree.HTMLParser(encoding=encoding))

    def ours() -> None:
        extract(data, name)

    best = {ours: float("inf"), floor: float("inf")}
    for _ in range(runs):
        for function in best:
            start = time.process_time()
            function()
            best[function] = min(best[function], time.process_time() - start)
    return best[ours], best[floor]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, help="default: the seed .html files")
    parser.add_argument("--runs", type=int, default=300, help="best of N runs (default 300)")
    args = parser.parse_args()
    files = args.files or sorted(SEEDS.glob("*.html"))
    if not files:
        print(f"no .html files given and none in {SEEDS}", file=sys.stderr)
        return 2
    print(f"{'file':40} {'planparse ms':>12} {'lxml ms':>8} {'ratio':>6}")
    worst = 0.0
    for path in files:
        data = path.read_bytes()
        ours, theirs = best_times(args.runs, data, path.name)
        worst = max(worst, ours / theirs)
        print(f"{path.name:40} {ours * 1e3:12.2f} {theirs * 1e3:8.2f} {ours / theirs:6.2f}")
    print(f"worst ratio {worst:.2f} (goal <= 1.5)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
