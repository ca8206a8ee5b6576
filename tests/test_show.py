"""planparse show: the outline as a tree on the terminal, filtered, paged when long."""

from __future__ import annotations

import io
import re
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SAMPLES
from rich.console import Console

from planparse import parse, parse_text
from planparse.show import Filters, outline

PLAN = """某县2024年政务公开工作要点

一、重点领域公开
（一）财政信息
1. 公开财政预决算信息。（县财政局负责，2024年6月底前）
2. 公开政府债务信息。（县财政局牵头，县审计局配合）
（二）项目信息
1. 公开重大项目批准信息。（县发展改革局负责，长期坚持）
3. 公开项目实施信息。（县发展改革局负责）
二、平台建设
（一）优化政府网站栏目。（县政府办公室负责，2024年9月底前）
"""


def render(tree, width: int = 100) -> str:
    console = Console(record=True, width=width, file=io.StringIO())
    console.print(tree)
    return console.export_text()


def test_tree_shows_sections_tasks_units_by_role_and_deadlines():
    text = render(outline(parse_text(PLAN)))
    lines = text.splitlines()
    assert lines[0].startswith("某县2024年政务公开工作要点")
    assert "├── 一、重点领域公开" in text and "（一）财政信息" in text
    assert "牵头：县财政局" in text and "配合：县审计局" in text
    assert "时限：2024年6月底前  2024-06-30" in text
    # the numbering gap under （二） is a warning, shown at its task and at the end
    gap = next(line for line in lines if "1.2.2" in line)
    assert "⚠" in gap
    assert any(line.lstrip("└─ ").startswith("warnings (") for line in lines)


def test_filters_keep_a_units_tasks_and_their_sections():
    document = parse_text(PLAN)
    text = render(outline(document, Filters(unit="审计局")))
    assert "1.1.2" in text and "1.1.1" not in text and "二、平台建设" not in text
    due = render(outline(document, Filters(due_before="2024-06-30")))
    assert "1.1.1" in due and "2.1" not in due.replace("2024-06-30", "")


def test_tree_fits_the_terminal_width():
    text = render(outline(parse(SAMPLES / "003_820f42fe4d9a515f.docx")), width=50)
    assert max(len(line) for line in text.splitlines()) <= 50


def test_show_pages_a_long_outline_through_the_pager(tmp_path: Path):
    paged = tmp_path / "paged.txt"
    env = {**os.environ, "PAGER": f"cat > {paged}", "LINES": "20", "COLUMNS": "80",
           "TERM": "xterm"}
    env.pop("MANPAGER", None)
    primary, secondary = pty.openpty()
    process = subprocess.run(
        [sys.executable, "-m", "planparse", "show", str(SAMPLES / "003_820f42fe4d9a515f.docx")],
        stdin=secondary, stdout=secondary, stderr=subprocess.PIPE, env=env, timeout=120)
    os.close(secondary)
    os.close(primary)
    assert process.returncode == 0, process.stderr
    assert "一、努力提升政策文件公开水平" in paged.read_text(encoding="utf-8")


def test_show_without_a_terminal_prints_plain_and_reports_bad_files(tmp_path: Path):
    missing = tmp_path / "missing.docx"
    result = subprocess.run([sys.executable, "-m", "planparse", "show", str(missing),
                             str(SAMPLES / "000_834a0c88301c0f66.txt")], capture_output=True,
                            timeout=120)
    assert result.returncode == 1 and str(missing) in result.stderr.decode()
    assert "\x1b[" not in result.stdout.decode() and "深化关键领域" in result.stdout.decode()


SEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"
GOLD = SEEDS.parent.parent / "gold"
# every rendering but the scans (their OCR takes a minute each; show reads what extract reads)
RENDERINGS = sorted(p for p in SEEDS.iterdir() if p.suffix != ".md" and "-scanned" not in p.name
                    and "-photocopy" not in p.name) if SEEDS.is_dir() else []


@pytest.mark.parametrize("path", RENDERINGS, ids=lambda p: p.name)
def test_show_draws_every_task_of_every_seed_rendering(path: Path):
    import json

    gold = json.loads((GOLD / f"{path.name.split('.')[0].split('-')[0]}.gold.json").read_text("utf-8"))
    text = render(outline(parse(path), Filters()), width=120)
    drawn = set(re.findall(r"── (\S+) ", text))  # the id after each branch of the tree
    missing = [task["id"] for task in gold["tasks"] if task["id"] not in drawn]
    assert not missing, f"{path.name}: tasks not drawn: {missing}"
