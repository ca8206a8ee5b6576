"""Text plans: time grows linearly with input, and the CLI starts about as fast as its imports.

Prints two figures and whether each meets its goal:
  * parsing a plan repeated 20 times takes at most 25x the time of parsing it once;
  * `planparse extract SEED.txt` takes at most 1.3x the wall time of the floor of this stack
    (issue #14): startup_floor.py, a typer command with extract's arguments and options that
    prints an empty document validated by the same pydantic models (best of N runs each).
Run: python benchmarks/bench_text.py
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import time
from functools import partial
from pathlib import Path

from planparse import parse_text

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
RUNS = 15


def best_of(runs: int, fn) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def linearity() -> bool:
    print("linearity (parse_text, best of runs):")
    ok = True
    for path in sorted(SAMPLES.glob("0*[0-9a-f].txt")):
        text = path.read_text(encoding="utf-8")
        long = "\n".join([text] * 20)
        once = twenty = float("inf")
        for _ in range(RUNS):  # interleaved, so that load from elsewhere hits both alike
            once = min(once, best_of(1, partial(parse_text, text)))
            twenty = min(twenty, best_of(1, partial(parse_text, long)))
        ratio = twenty / once
        ok &= ratio <= 25
        print(f"  {path.name:32s} once {once * 1e3:7.1f} ms  x20 {twenty * 1e3:8.1f} ms  ratio {ratio:5.1f}")
    print(f"  goal: ratio <= 25 ... {'met' if ok else 'NOT met'}")
    return ok


# As installed for users: bytecode cached (pip writes .pyc files; a developer's shell may set
# PYTHONDONTWRITEBYTECODE, which would make every run compile every module from source).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def cpu(cmd: list[str]) -> float:
    """CPU seconds (user + system) one run of ``cmd`` takes: on a shared machine a run's
    waits for the processor are load, not start-up."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True, env=ENV)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def interleaved(*cmds: list[str]) -> list[float]:
    """The best CPU time of each command over RUNS rounds, run in turn so load hits all alike."""
    for cmd in cmds:
        cpu(cmd)  # warm the caches
    best = [float("inf")] * len(cmds)
    for _ in range(RUNS):
        best = [min(b, cpu(cmd)) for b, cmd in zip(best, cmds, strict=True)]
    return best


FLOOR = Path(__file__).resolve().parent / "startup_floor.py"
GOAL = 1.3


def startup() -> bool:
    cli = shutil.which("planparse") or sys.exit("planparse is not on PATH: pip install -e .")
    seed = SAMPLES / "004_32c4d7dc69d9d520.txt"
    floor, ours = interleaved([sys.executable, str(FLOOR), "extract", str(seed)], [cli, "extract", str(seed)])
    print("startup (CPU time, best of runs):")
    print(f"  {'floor: typer + the models, an empty document':48s} {floor * 1e3:6.0f} ms")
    print(f"  {'planparse extract ' + seed.name:48s} {ours * 1e3:6.0f} ms   ratio {ours / floor:.2f}")
    ratio = ours / floor
    print(f"  goal: ratio <= {GOAL} ... {'met' if ratio <= GOAL else 'NOT met'}")
    return ratio <= GOAL


if __name__ == "__main__":
    results = [linearity(), startup()]
    sys.exit(0 if all(results) else 1)
