"""Batch: throughput with 1 and 2 worker processes, and the parent's memory from 100 to 1,000 files.

Generates a folder of mixed plans (.txt/.docx/.pdf copies of samples/ under varied names and
subfolders), converts it in-process with planparse.batch.run, and prints:
  * files/s with --jobs 1 and --jobs 2 (goal: jobs 2 at least 1.7x jobs 1);
  * the parent's peak RSS converting 100 and 1,000 files (goal: flat; workers are separate
    processes and are not counted).
Run: python benchmarks/bench_batch.py [FILES]   (default 1000)
"""

from __future__ import annotations

import io
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

from planparse.batch import Options, run

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def make_folder(root: Path, count: int) -> Path:
    sources = sorted(p for p in SAMPLES.iterdir() if p.suffix in (".txt", ".docx", ".pdf"))
    folder = root / f"notices-{count}"
    for i in range(count):
        source = sources[i % len(sources)]
        target = folder / f"dept-{i % 7}" / f"year-{2019 + i % 5}" / f"notice-{i:04d}{source.suffix}"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source, target)
    return folder


def convert(folder: Path, out: Path, jobs: int) -> float:
    started = time.perf_counter()
    code = run(Options([str(folder)], out, jobs=jobs, quiet=True, force=True), io.StringIO())
    if code:
        sys.exit(f"batch failed (exit {code}); see {out / 'errors.jsonl'}")
    return time.perf_counter() - started


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        small, large = make_folder(root, 100), make_folder(root, count)
        convert(small, root / "out-small", 2)
        small_rss = peak_rss_mb()
        one = convert(large, root / "out-1", 1)
        two = convert(large, root / "out-2", 2)
        large_rss = peak_rss_mb()
    speedup = one / two
    print(f"{count} mixed plans (txt/docx/pdf)")
    print(f"  --jobs 1: {one:6.1f} s  {count / one:6.1f} files/s")
    print(f"  --jobs 2: {two:6.1f} s  {count / two:6.1f} files/s   speed-up {speedup:.2f}x"
          f"  goal >= 1.7x ... {'met' if speedup >= 1.7 else 'NOT met'}")
    growth = large_rss - small_rss
    print(f"  parent peak RSS: 100 files {small_rss:.1f} MB, {count} files {large_rss:.1f} MB"
          f" (+{growth:.1f} MB)  goal flat (< 10 MB growth) ... {'met' if growth < 10 else 'NOT met'}")
    return 0 if speedup >= 1.7 and growth < 10 else 1


if __name__ == "__main__":
    sys.exit(main())
