"""The ledger database and the cluster runner, on a folder of mixed plans.

Prints:
  * batch time with and without --db (goal: with at most 1.2x without), the database's size,
    and the time to ask for one unit's tasks across every plan;
  * with the cluster extra: files/s on a LocalCluster of 2 worker processes against one local
    job (goal: at least 1.6x), and whether the outputs are identical.
Run: python benchmarks/bench_ledger.py [FILES]   (default 1000)
"""

from __future__ import annotations

import importlib.util
import io
import sys
import tempfile
import time
from pathlib import Path

from bench_batch import make_folder

from planparse.batch import Options, run
from planparse.ledger import db
from planparse.ledger.query import Filters, tasks


def timed(options: Options) -> float:
    started = time.perf_counter()
    run(options, io.StringIO())
    return time.perf_counter() - started


def database(folder: Path, root: Path) -> bool:
    plain = timed(Options([str(folder)], root / "plain", jobs=2, quiet=True, force=True))
    ledger = root / "ledger.sqlite"
    with_db = timed(Options([str(folder)], root / "with-db", jobs=2, quiet=True, force=True, db=ledger))
    conn = db.open_readonly(ledger)
    started = time.perf_counter()
    found = tasks(conn, Filters(unit="办公室"))
    query = time.perf_counter() - started
    count = conn.execute("SELECT count(*) FROM tasks").fetchone()[0]
    ratio = with_db / plain
    print(f"batch: {plain:.1f} s without --db, {with_db:.1f} s with it: {ratio:.2f}x"
          f" (goal <= 1.2: {'met' if ratio <= 1.2 else 'NOT met'})")
    print(f"database: {ledger.stat().st_size / 1e6:.1f} MB, {count} tasks;"
          f" one unit's tasks over all plans ({len(found)} rows) in {query * 1000:.1f} ms")
    return ratio <= 1.2


def on_cluster(folder: Path, root: Path) -> bool:
    from distributed import LocalCluster

    one = timed(Options([str(folder)], root / "one", jobs=1, quiet=True, force=True))
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                      host="127.0.0.1") as cluster:
        timed(Options([str(folder)], root / "warm", quiet=True, force=True,
                      scheduler=cluster.scheduler_address))  # workers import planparse once
        two = timed(Options([str(folder)], root / "cluster", quiet=True, force=True,
                            scheduler=cluster.scheduler_address))
    same = all((root / "cluster" / p.relative_to(root / "one")).read_bytes() == p.read_bytes()
               for p in (root / "one").rglob("*.json"))
    speedup = one / two
    print(f"cluster: 1 local job {one:.1f} s, LocalCluster of 2 workers {two:.1f} s:"
          f" {speedup:.2f}x (goal >= 1.6: {'met' if speedup >= 1.6 else 'NOT met'});"
          f" outputs identical: {same}")
    return speedup >= 1.6 and same


def main() -> int:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        folder = make_folder(root, count)
        print(f"{count} mixed plans (txt/docx/pdf)")
        ok = database(folder, root)
        if importlib.util.find_spec("distributed") is not None:
            ok = on_cluster(folder, root) and ok
        else:
            print("cluster: skipped (pip install 'planparse[cluster]')")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
