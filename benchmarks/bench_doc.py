"""Time .doc/.wps extraction: through LibreOffice (seconds per file) and the piece table.

Through LibreOffice, each file costs a LibreOffice start with a fresh private profile, the
conversion to .docx and the .docx reader; the piece-table reader is pure Python and needs no
LibreOffice.  Prints the best of N runs of each, per file.

    PYTHONPATH=src python benchmarks/bench_doc.py [FILE.doc ...] [--runs N]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from planparse.extract import doc, libreoffice

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"


def best_time(runs: int, function: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    return best


def through(program: str, data: bytes) -> Callable[[], object]:
    """Extract ``data`` with PLANPARSE_SOFFICE set to ``program`` ("off": the piece table)."""

    def run() -> object:
        os.environ["PLANPARSE_SOFFICE"] = program
        return doc.extract(data)

    return run


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, help="default: the seed .doc/.wps files")
    parser.add_argument("--runs", type=int, default=3, help="best of N runs (default 3)")
    args = parser.parse_args()
    files = args.files or sorted([*SEEDS.glob("*.doc"), *SEEDS.glob("*.wps")])
    if not files:
        print(f"no .doc files given and none in {SEEDS}", file=sys.stderr)
        return 2
    soffice = libreoffice.program()
    if soffice is None:
        print("LibreOffice is not installed: timing the piece table only", file=sys.stderr)
    print(f"{'file':40} {'KB':>6} {'LibreOffice s':>13} {'piece table ms':>14}")
    for path in files:
        data = path.read_bytes()
        converted = best_time(args.runs, through(soffice, data)) if soffice else float("nan")
        piece_table = best_time(args.runs * 10, through(libreoffice.OFF, data))
        print(f"{path.name:40} {len(data) / 1024:6.0f} {converted:13.2f} {piece_table * 1e3:14.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
