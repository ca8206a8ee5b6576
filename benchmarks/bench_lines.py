"""Linear time in the number of lines: plans of n short lines, without punctuation (each
line joins the paragraph before: the case that was quadratic, 3,000 lines taking 67 s),
numbered with full stops (each its own paragraph), and numbered again and again.  Prints
seconds and microseconds per line for each n; the goal is a per-line cost at the largest n
within 2x of the smallest's.
Run: python benchmarks/bench_lines.py
"""

from __future__ import annotations

import gc
import sys
import time

from planparse import parse_text

SIZES = (500, 1_000, 2_000, 3_000, 8_000, 16_000, 32_000)
RUNS = 3  # parses timed at each size up to 8,000 lines (the best counts)
SHAPES = {
    "unpunctuated": lambda i: f"第{i}项工作安排部署落实推进情况",
    # numbered 1. to 999. and round again: past 999 a number is no list marker (no plan has an
    # item 1000.), and lines that change kind halfway would measure the mix, not the length
    "numbered": lambda i: f"{i % 999 + 1}.做好第{i}项工作。（责任单位：某某局）",
    # numbering that starts again every 200 items, all under one parent (each restart a
    # warning): the case that was quadratic, 32,000 lines taking 25 s
    "restarting": lambda i: f"{i % 200 + 1}.做好第{i}项工作。（责任单位：某某局）",
}


def timed(text: str, runs: int) -> float:
    """The best of ``runs`` parses (as timeit takes the minimum: the rest is other load)."""
    best = float("inf")
    for _ in range(runs):
        gc.collect()
        started = time.perf_counter()
        parse_text(text)
        best = min(best, time.perf_counter() - started)
    return best


def main() -> int:
    met = True
    for shape, line in SHAPES.items():
        per_line = []
        print(f"{shape} lines:")
        for n in SIZES:
            seconds = timed("\n".join(line(i) for i in range(n)), RUNS if n <= 8_000 else 1)
            per_line.append(seconds / n)
            print(f"  {n:6d} lines  {seconds:7.2f} s  {seconds / n * 1e6:7.1f} us/line")
        growth = per_line[-1] / per_line[0]
        met &= growth <= 2.0
        print(f"  per-line cost at {SIZES[-1]:,} vs {SIZES[0]:,} lines: x{growth:.2f}")
    print(f"goal: linear (per-line cost within x2) ... {'met' if met else 'NOT met'}")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
