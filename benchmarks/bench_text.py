"""Text plans: time grows linearly with input, and the CLI starts about as fast as its imports.

Prints two figures and whether each meets its goal:
  * parsing a plan repeated 20 times takes at most 25x the time of parsing it once;
  * `planparse extract SEED.txt` takes at most 1.5x the wall time of
    `python -c "import typer, pydantic, regex"` (best of N runs each), beside the two floors
    under it that no code of ours can change (a bare typer command; the models' import).
Run: python benchmarks/bench_text.py
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
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
            once = min(once, best_of(1, lambda: parse_text(text)))  # noqa: B023 (called at once)
            twenty = min(twenty, best_of(1, lambda: parse_text(long)))  # noqa: B023
        ratio = twenty / once
        ok &= ratio <= 25
        print(f"  {path.name:32s} once {once * 1e3:7.1f} ms  x20 {twenty * 1e3:8.1f} ms  ratio {ratio:5.1f}")
    print(f"  goal: ratio <= 25 ... {'met' if ok else 'NOT met'}")
    return ok


# As installed for users: bytecode cached (pip writes .pyc files; a developer's shell may set
# PYTHONDONTWRITEBYTECODE, which would make every run compile every module from source).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def wall(cmd: list[str]) -> float:
    subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True, env=ENV)  # warm the caches
    return best_of(RUNS, lambda: subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True, env=ENV))


# Floors no implementation on this stack can go below: a typer command with one path argument
# and one flag (typer builds a pydantic TypeAdapter per parameter when it runs), and the import
# of the output models (pydantic's model machinery, which `import pydantic` alone defers).
TYPER_APP = ("import typer\nfrom pathlib import Path\n"
             "def main(file: Path, compact: bool = False) -> None:\n    pass\ntyper.run(main)")
MODELS = "import typer, pydantic, regex, planparse.models"


def startup() -> bool:
    cli = shutil.which("planparse") or sys.exit("planparse is not on PATH: pip install -e .")
    seed = SAMPLES / "004_32c4d7dc69d9d520.txt"
    base = wall([sys.executable, "-c", "import typer, pydantic, regex"])
    rows = [
        ("typer app, no planparse code", wall([sys.executable, "-c", TYPER_APP, str(seed)])),
        ("import planparse.models", wall([sys.executable, "-c", MODELS])),
        (f"planparse extract {seed.name}", wall([cli, "extract", str(seed)])),
    ]
    print("startup (wall time, best of runs):")
    print(f"  {'python -c import typer, pydantic, regex':44s} {base * 1e3:6.0f} ms")
    for label, seconds in rows:
        print(f"  {label:44s} {seconds * 1e3:6.0f} ms   ratio {seconds / base:.2f}")
    ratio = rows[-1][1] / base
    print(f"  goal: ratio <= 1.5 ... {'met' if ratio <= 1.5 else 'NOT met'}")
    return ratio <= 1.5


if __name__ == "__main__":
    results = [linearity(), startup()]
    sys.exit(0 if all(results) else 1)
