"""Interrupted batches never lose, garble or repeat work.

A batch of 300 plans (copies of samples/ under distinct names) is started again and again
and stopped at random moments, 50 times (started afresh whenever it got done in between),
in turn by kill -9 of the whole process group, by
Ctrl-C (SIGINT to the group, as a terminal sends it) and by kill -9 of the parent alone
(its workers left orphaned); then it is run to the end.  Checked: every output present is
valid JSON of its own input (sha256), none is missing at the end, no output written by an
earlier run is written again by a later one (its inode would change), no leftover
temporary file, Ctrl-C exits 130, and no traceback on stderr of any run.
Run: python benchmarks/bench_interrupt.py [--quick]   (--quick: 60 files, 10 interruptions)
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
HOW = ("kill -9 group", "Ctrl-C", "kill -9 parent")


def build(folder: Path, count: int) -> dict[str, str]:
    """``count`` inputs in subfolders; their output names and the sha256 each must carry."""
    sources = sorted(p for p in SAMPLES.iterdir() if p.suffix in (".txt", ".docx", ".pdf"))
    expected = {}
    for i in range(count):
        source = sources[i % len(sources)]
        target = folder / f"batch{i % 7}" / f"plan-{i:03d}{source.suffix}"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source, target)
        expected[f"{target.relative_to(folder).as_posix()}.json"] = hashlib.sha256(
            source.read_bytes()).hexdigest()
    return expected


def snapshot(out: Path) -> dict[str, int]:
    return {p.relative_to(out).as_posix(): p.stat().st_ino for p in out.rglob("*.json")}


def check_outputs(out: Path, expected: dict[str, str]) -> list[str]:
    problems = []
    for path in out.rglob("*.json"):
        name = path.relative_to(out).as_posix()
        try:
            sha = json.loads(path.read_text(encoding="utf-8"))["source"]["sha256"]
        except (ValueError, KeyError) as exc:
            problems.append(f"{name}: not a valid output ({exc})")
            continue
        if expected.get(name) != sha:
            problems.append(f"{name}: not the output of its input")
    return problems


def interrupted_run(command: list[str], how: str, after: float) -> tuple[int | None, str]:
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               start_new_session=True)
    time.sleep(after)
    if how == "kill -9 group":
        os.killpg(process.pid, signal.SIGKILL)
    elif how == "Ctrl-C":
        os.killpg(process.pid, signal.SIGINT)
    else:
        process.kill()
    stderr = process.stderr.read().decode("utf-8", "replace")  # EOF: orphans gone too
    return process.wait(), stderr


def main() -> int:
    quick = "--quick" in sys.argv
    files, stops = (60, 10) if quick else (300, 50)
    rng = random.Random(9)
    planparse = shutil.which("planparse") or "planparse"
    problems: list[str] = []
    rewritten = tracebacks = rounds = 0
    shown: list[str] = []  # the stderr of the first run with a traceback
    codes: dict[str, list[int | None]] = {how: [] for how in HOW}
    with tempfile.TemporaryDirectory() as tmp:
        folder, out = Path(tmp) / "in", Path(tmp) / "out"
        expected = build(folder, files)
        command = [planparse, "batch", str(folder), "-o", str(out), "-j", "2"]
        started = time.monotonic()
        for stop in range(stops):
            before = snapshot(out) if out.exists() else {}
            how = HOW[stop % len(HOW)]
            code, stderr = interrupted_run(command, how, rng.uniform(0.3, 2.5))
            codes[how].append(code)
            if "Traceback" in stderr:
                tracebacks += 1
                shown = shown or [f"after {how}:", *stderr.strip().splitlines()[-6:]]
            after = snapshot(out) if out.exists() else {}
            rewritten += sum(1 for name, inode in before.items() if after.get(name) != inode)
            problems += check_outputs(out, expected)
            if len(after) == files:  # done between interruptions: start the batch afresh
                rounds += 1
                shutil.rmtree(out)
        done_by_interrupted = len(snapshot(out)) if out.exists() else 0
        before = snapshot(out) if out.exists() else {}
        final = subprocess.run(command, capture_output=True)
        tracebacks += b"Traceback" in final.stderr
        after = snapshot(out)
        rewritten += sum(1 for name, inode in before.items() if after.get(name) != inode)
        problems += check_outputs(out, expected)
        missing = sorted(set(expected) - set(after))
        leftovers = list(out.rglob("*.planparse-tmp"))
        seconds = time.monotonic() - started
    ctrl_c = codes["Ctrl-C"]
    print(f"{files} files, {sum(map(len, codes.values()))} interruptions at random moments"
          f" ({', '.join(f'{len(v)} {k}' for k, v in codes.items())}) in {seconds:.0f} s;"
          f" the batch completed between interruptions {rounds} time(s) and was started afresh")
    print(f"  outputs written by the interrupted runs: {done_by_interrupted}; the final run:"
          f" exit {final.returncode}, {final.stderr.decode().strip().splitlines()[-1]}")
    print(f"  invalid outputs: {len(problems)}; missing: {len(missing)}; written twice: {rewritten};"
          f" temporaries left: {len(leftovers)}; runs with a traceback: {tracebacks}")
    print(f"  Ctrl-C exit codes: {sorted(set(ctrl_c))}")
    for line in [*problems[:10], *shown]:
        print(f"  {line}")
    ok = (not problems and not missing and not rewritten and not leftovers and not tracebacks
          and final.returncode == 0 and all(code in (130, 0) for code in ctrl_c))
    print(f"goal: every output valid, none missing, none done twice, no traceback"
          f" ... {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
