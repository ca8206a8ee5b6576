"""Time planparse's HTML extraction against lxml merely parsing the same page.

The baseline hands the page's bytes to lxml's HTML parser and does nothing with the tree;
planparse decodes the page, parses it, finds the article and reads its paragraphs and
tables.  The goal is a ratio of at most 1.5.

    PYTHONPATH=src python benchmarks/bench_html.py [FILE.html ...] [--runs N]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from lxml import etree

from planparse.extract.html import extract

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"


def lxml_parse(data: bytes) -> None:
    etree.fromstring(data, etree.HTMLParser())


def best_times(runs: int, data: bytes) -> tuple[float, float]:
    """Best of ``runs`` for planparse and for the baseline, alternating the two so that
    load from other processes falls on both alike."""
    best = {extract: float("inf"), lxml_parse: float("inf")}
    for _ in range(runs):
        for function in best:
            start = time.perf_counter()
            function(data)
            best[function] = min(best[function], time.perf_counter() - start)
    return best[extract], best[lxml_parse]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, help="default: the seed .html files")
    parser.add_argument("--runs", type=int, default=50, help="best of N runs (default 50)")
    args = parser.parse_args()
    files = args.files or sorted(SEEDS.glob("*.html"))
    if not files:
        print(f"no .html files given and none in {SEEDS}", file=sys.stderr)
        return 2
    print(f"{'file':40} {'planparse ms':>12} {'lxml ms':>8} {'ratio':>6}")
    worst = 0.0
    for path in files:
        data = path.read_bytes()
        ours, theirs = best_times(args.runs, data)
        worst = max(worst, ours / theirs)
        print(f"{path.name:40} {ours * 1e3:12.2f} {theirs * 1e3:8.2f} {ours / theirs:6.2f}")
    print(f"worst ratio {worst:.2f} (goal <= 1.5)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
