"""Time planparse's OFD extraction against merely unzipping and parsing the package's XML.

For each OFD (default: the seed corpus) prints pages, the time of extraction as a user's
``planparse.extract.extract`` runs it (the format sniffed, then ``ofd.extract``: read the
pages and lay them out into blocks), of reading alone (runs and rules, before layout), and
the baseline: open the zip, inflate every XML part and parse it with lxml (the least any
reader of the format must do), with extract/baseline, and the walk: the baseline plus
fetching every drawn object's attributes and text.  Goal: ratio <= 2.

    PYTHONPATH=src python benchmarks/bench_ofd.py [FILE.ofd ...] [--repeat N]
"""

from __future__ import annotations

import argparse
import math
import sys
import time
import zipfile
from collections.abc import Callable
from io import BytesIO
from pathlib import Path

from lxml import etree

from planparse.extract import extract
from planparse.extract.ofd import read

DRAWN = ("{*}TextObject", "{*}PathObject", "{*}ImageObject")
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"


def baseline(data: bytes) -> None:
    with zipfile.ZipFile(BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.lower().endswith(".xml"):
                etree.fromstring(archive.read(name))


def walk(data: bytes) -> None:
    """The baseline, then every drawn object's and TextCode's attributes and text fetched
    (not interpreted): what any reader of the geometry must touch."""
    with zipfile.ZipFile(BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.lower().endswith(".xml"):
                for obj in etree.fromstring(archive.read(name)).iter(*DRAWN):
                    obj.get("Boundary"), obj.get("CTM"), obj.get("Size")
                    for child in obj:
                        child.get("X"), child.get("Y"), child.get("DeltaX"), child.text


def timings(runners: list[Callable[[bytes], object]], data: bytes, repeat: int) -> list[float]:
    """Fastest of ``repeat`` runs of each runner in ms of this process's CPU time, runners
    interleaved: waiting for a core on a shared machine counts for none of them."""
    best = [math.inf] * len(runners)
    for _ in range(repeat):
        for i, run in enumerate(runners):
            start = time.process_time()
            run(data)
            best[i] = min(best[i], time.process_time() - start)
    return [b * 1000 for b in best]


def _figures(ours: float, alone: float, base: float, touched: float) -> list[str]:
    return [f"{ours:.2f}", f"{alone:.2f}", f"{base:.2f}", f"{touched:.2f}", f"{ours / base:.2f}",
            f"{ours / touched:.2f}"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, help="default: the seed .ofd files")
    parser.add_argument("--repeat", type=int, default=30, help="best of N runs (default 30)")
    args = parser.parse_args()
    files = args.files or sorted(SEEDS.glob("*.ofd"))
    if not files:
        print(f"no .ofd files given and none in {SEEDS}", file=sys.stderr)
        return 2
    row = "{:40} {:>5} {:>10} {:>8} {:>8} {:>8} {:>6} {:>6}"
    print(row.format("file", "pages", "extract ms", "read ms", "base ms", "walk ms", "ratio",
                     "/walk"))
    totals = [0.0, 0.0, 0.0, 0.0]
    for path in files:
        data = path.read_bytes()
        figures = timings([extract, read, baseline, walk], data, args.repeat)
        totals = [t + v for t, v in zip(totals, figures, strict=True)]
        print(row.format(path.name[:40], len(read(data).pages), *_figures(*figures)))
    print(row.format("TOTAL", "", *_figures(*totals)))
    ours, alone, base, touched = totals
    verdict = "met" if ours <= 2 * base else "NOT met"
    print(f"goal: extract <= 2x baseline over the files ... {verdict} ({ours / base:.2f}x;"
          f" reading alone {alone / base:.2f}x; {ours / touched:.2f}x the walk)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
