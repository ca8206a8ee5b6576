"""Robustness: hundreds of hostile or unusual files, each parsed or refused in one line, fast.

Runs `planparse extract` on every file of the given folders (default: samples/) and on nasty
variants generated from them: truncated at several points, bytes overwritten, zero bytes,
random bytes, a wrong extension, a fake password-protected Office file, a PDF of 2,000 blank
pages.  Third-party test documents make the set larger and stranger; for instance the PDFs
and .docx files shipped in the source distributions of pypdf, pikepdf, python-docx,
camelot-py and tabula-py (`pip download --no-binary :all: --no-deps NAME`, unpack, and pass
the folders).  Hostile files built for the purpose (tests/hostile.py: nested form XObjects,
200,000 text objects on a page, a 5-million-character text object, a .docx whose parts each
inflate to 190 MB; text with a lone surrogate, a plan repeated to 50 MB) join them.
Prints how many parsed, how many were refused (by reason), the peak memory of each hostile
file's run, and any failure of the contract: exit status other than 0/1, more than one line
on stderr (beyond a "doubtful" note), a traceback, more than 20 s, or more than 1 GB.
Run: python benchmarks/bench_robustness.py [FOLDER ...]
"""

from __future__ import annotations

import collections
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
sys.path.insert(0, str(ROOT / "tests"))
import hostile  # noqa: E402  (the test suite's builders of hostile files)

LIMIT = 20.0
# seconds for files whose size alone takes time: linear, but 50 MB of text is a lot
LIMITS = {"hostile-50mb-repeated.txt": 120.0}
MEMORY_GOAL = 1 << 30  # bytes of peak memory (RSS) per file
SUFFIXES = {".pdf", ".docx", ".txt", ".doc", ".ofd"}


def sources(folders: list[Path]) -> list[Path]:
    return sorted(p for f in folders for p in f.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)


def variants(files: list[Path], out: Path) -> list[Path]:
    """The files themselves, plus mangled copies of them and a few made-up horrors."""
    rng = random.Random(1234)
    made: list[Path] = []
    for i, path in enumerate(files):
        data = path.read_bytes()
        stem = f"{i:04d}-{path.name}"
        made.append(_write(out / stem, data))
        for cut in (0.03, 0.5, 0.97):
            cut_name = f"{stem}.cut{int(cut * 100)}{path.suffix}"
            made.append(_write(out / cut_name, data[: int(len(data) * cut)]))
        mangled = bytearray(data)
        for _ in range(max(1, len(data) // 2000)):
            mangled[rng.randrange(len(mangled))] = rng.randrange(256)
        made.append(_write(out / f"{stem}.flipped{path.suffix}", bytes(mangled)))
        wrong = {".pdf": ".docx", ".docx": ".txt", ".txt": ".pdf"}.get(path.suffix, ".pdf")
        made.append(_write(out / f"{stem}.renamed{wrong}", data))
    made.append(_write(out / "zero.pdf", b""))
    made.append(_write(out / "random.docx", bytes(rng.randrange(256) for _ in range(50_000))))
    made.append(_write(out / "password.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512
                       + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 512))
    made.append(_blank_pages(out / "two-thousand-pages.pdf", 2000))
    # built in a process of their own: a child's peak memory counts what it was forked from
    subprocess.run([sys.executable, __file__, "--build", str(out)], check=True)
    return made + sorted(out.glob("hostile-*"))


def horrors(out: Path) -> None:
    """Small files built to unfold into huge work or memory."""
    plan = (SAMPLES / "003_820f42fe4d9a515f.txt").read_bytes()
    built = {
        "hostile-nested-forms.pdf": hostile.nested_forms(7, 10),
        "hostile-200k-text-objects.pdf": hostile.many_text_objects(200_000),
        "hostile-5m-char-text-object.pdf": hostile.long_text_object(5_000_000),
        "hostile-inflating-parts.docx": hostile.docx_bomb(190, 4),
        "hostile-lone-surrogate.txt": plan[:600] + b"\xed\xa0\x80" + plan[600:],
        "hostile-50mb-repeated.txt": (plan + b"\n") * (50_000_000 // len(plan)),
    }
    for name, data in built.items():
        _write(out / name, data)


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _blank_pages(path: Path, count: int) -> Path:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument.new()
    for _ in range(count):
        document.new_page(595, 842)
    document.save(str(path))
    return path


PEAKS: dict[str, int] = {}  # file name -> peak RSS in bytes


def check(path: Path) -> tuple[Path, str, float, str]:
    limit = LIMITS.get(path.name, LIMIT)
    started = time.monotonic()
    process = subprocess.Popen([shutil.which("planparse") or "planparse", "extract", str(path)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    timer = threading.Timer(limit + 5, process.kill)
    timer.start()
    stderr = process.stderr.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(process.pid, 0)  # wait4: the child's own peak memory
    timer.cancel()
    seconds = time.monotonic() - started
    PEAKS[path.name] = usage.ru_maxrss * 1024
    if seconds >= limit + 5:
        return path, "HANG", seconds, ""
    code = os.waitstatus_to_exitcode(status)
    lines = [line for line in stderr.splitlines() if ": doubtful: " not in line]
    if code not in (0, 1) or "Traceback" in stderr or len(lines) > 1:
        return path, "CONTRACT", seconds, f"exit {code}: {stderr[:300]}"
    if seconds > limit:
        return path, "SLOW", seconds, ""
    if PEAKS[path.name] > MEMORY_GOAL:
        return path, "MEMORY", seconds, f"{PEAKS[path.name] >> 20} MB"
    if code == 0:
        return path, "parsed", seconds, ""
    return path, "refused", seconds, lines[0].split(": ", 2)[-1].strip()


def main() -> int:
    if sys.argv[1:2] == ["--build"]:
        horrors(Path(sys.argv[2]))
        return 0
    folders = [Path(a) for a in sys.argv[1:]] or [SAMPLES]
    with tempfile.TemporaryDirectory() as tmp:
        files = variants(sources(folders), Path(tmp))
        with ThreadPoolExecutor(max_workers=2) as pool:
            results = list(pool.map(check, files))
    outcomes = collections.Counter(kind for _, kind, _, _ in results)
    reasons = collections.Counter(r.split("(")[0][:60] for _, kind, _, r in results if kind == "refused")
    slowest = max(results, key=lambda r: r[2])
    print(f"{len(results)} files: {outcomes['parsed']} parsed, {outcomes['refused']} refused with one line;"
          f" slowest {slowest[2]:.1f} s ({slowest[0].name})")
    for reason, n in reasons.most_common():
        print(f"  {n:4d} refused: {reason}")
    print("hostile files (seconds, peak memory, outcome):")
    for path, kind, seconds, detail in results:
        if path.name.startswith("hostile-"):
            print(f"  {path.name:34s} {seconds:5.1f} s {PEAKS[path.name] >> 20:6d} MB  {kind}: {detail[:70]}")
    print(f"peak memory of any file: {max(PEAKS.values()) >> 20} MB")
    broken = [r for r in results if r[1] in ("HANG", "CONTRACT", "SLOW", "MEMORY")]
    for path, kind, seconds, detail in broken:
        print(f"  {kind}: {path.name} ({seconds:.1f} s) {detail}")
    print(f"goal: no traceback, no hang, each within {LIMIT:g} s and {MEMORY_GOAL >> 30} GB"
          f" ... {'met' if not broken else 'NOT met'}")
    return 0 if not broken else 1


if __name__ == "__main__":
    sys.exit(main())
