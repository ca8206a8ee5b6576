"""planparse report: one self-contained HTML page, checked in a real headless browser."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from conftest import SAMPLES

from planparse import parse
from planparse.report import render

SEEDS = [SAMPLES / f"{stem}.docx" for stem in (
    "000_834a0c88301c0f66", "001_f2853fce34e0c0fb", "003_820f42fe4d9a515f", "004_32c4d7dc69d9d520")]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_browser = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--enable-logging=stderr", "--v=0"]


def browse(url: str, tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", *args, url],
                          capture_output=True, timeout=120)


def script_errors(stderr: bytes) -> list[str]:
    """The page's uncaught JavaScript errors, as Chromium logs its console."""
    return [line for line in stderr.decode(errors="replace").splitlines()
            if "CONSOLE" in line and ("Uncaught" in line or "Error" in line)]


def test_the_page_needs_no_network_and_holds_every_part():
    page = render(parse(p) for p in SEEDS)
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)  # no CDN, no remote asset
    for part in ('id="timeline"', 'id="matrix"', 'id="units"', 'id="documents"'):
        assert part in page
    assert "2023-10" in page and "厅行审处" in page  # a month of the timeline, a unit
    assert "@media print" in page


def test_report_command_writes_the_page_and_reports_bad_files(tmp_path: Path):
    target = tmp_path / "report.html"
    missing = tmp_path / "missing.pdf"
    result = subprocess.run([sys.executable, "-m", "planparse", "report", str(SEEDS[0]),
                             str(missing), "-o", str(target)], capture_output=True, timeout=120)
    assert result.returncode == 1 and str(missing) in result.stderr.decode()
    assert "吉林省交通运输厅" in target.read_text(encoding="utf-8")


@needs_browser
def test_the_error_detector_sees_a_broken_script(tmp_path: Path):
    broken = tmp_path / "broken.html"
    broken.write_text("<html><body><script>undefinedFunction();</script></body></html>")
    result = browse(broken.as_uri(), tmp_path, "--dump-dom")
    assert script_errors(result.stderr)


@needs_browser
def test_report_loads_without_errors_and_shows_timeline_and_matrix(tmp_path: Path):
    from PIL import Image

    page = tmp_path / "report.html"
    page.write_text(render(parse(p) for p in SEEDS), encoding="utf-8")
    shot = tmp_path / "shot.png"
    result = browse(page.as_uri(), tmp_path, f"--screenshot={shot}", "--window-size=1200,1600")
    assert result.returncode == 0 and not script_errors(result.stderr), result.stderr[-2000:]
    image = Image.open(shot).convert("RGB")
    width, height = image.size
    bars = sum(1 for x in range(0, width, 4) for y in range(0, height // 3, 4)
               if image.getpixel((x, y)) == (187, 34, 34))  # the timeline's red bars
    grid = sum(1 for x in range(0, width, 2) for y in range(height // 3, height, 8)
               if image.getpixel((x, y)) == (204, 204, 204))  # the matrix's cell borders
    assert bars > 500 and grid > 300


@needs_browser
def test_a_search_link_filters_every_table(tmp_path: Path):
    page = tmp_path / "report.html"
    page.write_text(render(parse(p) for p in SEEDS), encoding="utf-8")
    result = browse(f"{page.as_uri()}#q={quote('厅行审处')}", tmp_path, "--dump-dom")
    dom = result.stdout.decode()
    shown = re.findall(r'<tr class="row">(.*?)</tr>', dom)
    hidden = re.findall(r'<tr class="row[^"]*" style="display: none;">', dom)
    assert shown and hidden and all("厅行审处" in row for row in shown)
