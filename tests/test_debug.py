"""``planparse debug``: each stage's result on the seeds, as text and as JSON lines."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"
TXT = SEEDS / "003_820f42fe4d9a515f.txt"
DOCX = SEEDS / "004_32c4d7dc69d9d520.docx"

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="seed corpus not present")


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "planparse", *args], input=stdin,
                          capture_output=True, timeout=120, check=False)


def debug_json(path: Path, stage: str) -> list[dict]:
    result = run("debug", str(path), "--stage", stage, "--json")
    assert result.returncode == 0 and result.stderr == b"", result.stderr
    return [json.loads(line) for line in result.stdout.decode().splitlines()]


def outline_ids(path: Path) -> tuple[list[str], set[str]]:
    """Task ids in order and section ids, as ``extract`` gives them."""
    result = run("extract", str(path), "--compact")
    document = json.loads(result.stdout)
    sections: set[str] = set()
    stack = list(document["sections"])
    while stack:
        section = stack.pop()
        sections.add(section["id"])
        stack += section["children"]
    return [task["id"] for task in document["tasks"]], sections


def test_blocks_of_a_text_file_are_its_lines():
    records = debug_json(TXT, "blocks")
    assert records[0] == {"type": "source", "path": str(TXT), "format": "txt", "pages": None,
                          "encoding": "utf-8", "ocr": None, "stage": "blocks"}
    lines = TXT.read_text(encoding="utf-8").splitlines()
    expected = {n: line for n, line in enumerate(lines, start=1) if line.strip()}
    blocks = [r for r in records if r["type"] == "block"]
    assert {b["line"]: b["text"] for b in blocks} == expected
    assert len(blocks) == len(expected)


def test_blocks_text_shows_provenance_kind_and_cells():
    result = run("debug", str(DOCX), "--stage", "blocks")
    assert result.returncode == 0
    lines = result.stdout.decode().splitlines()
    assert lines[0] == f"# {DOCX}: docx; stage blocks"
    header = next(line for line in lines if " header " in line)
    assert header.split(None, 3)[1:] == ["row", "t0", "header    工作要求 | 工作任务 | 具体要求 | 科室"]
    assert lines[1].startswith("-") and "[center,large]" in lines[1]


def test_paragraphs_carry_markers_and_joined_lines():
    records = [r for r in debug_json(TXT, "paragraphs") if r["type"] == "paragraph"]
    title = next(r for r in records if r["text"].startswith("印发《"))
    assert (title["line"], title["last_line"]) == (5, 9)  # rejoined from three source lines
    heading = next(r for r in records if r["text"].startswith("一、"))
    assert (heading["marker"], heading["style"], heading["line"]) == ("一、", "cn_dun", 27)
    assert any(r["line_kind"] == "doc_number" for r in records)
    text = run("debug", str(TXT), "--stage", "paragraphs").stdout.decode()
    assert "\nL5-L9 " in text and "[doc_number] 辽交办〔2023〕231号" in text


@pytest.mark.parametrize("path", [TXT, DOCX], ids=lambda p: p.suffix)
def test_tree_ids_are_those_of_extract(path: Path):
    records = debug_json(path, "tree")
    tasks, sections = outline_ids(path)
    assert [r["id"] for r in records if r["type"] == "task"] == tasks
    assert {r["id"] for r in records if r["type"] == "section"} == sections
    assert all(r["depth"] == r["id"].count(".") + 1 for r in records if "depth" in r)


def test_tree_text_is_indented_with_units_and_deadlines():
    result = run("debug", str(TXT))  # tree is the default stage
    lines = result.stdout.decode().splitlines()
    assert lines[1] == "1 section 一、努力提升政策文件公开水平  @L27"
    task = lines[2]
    assert task.startswith("  1.1 task 1.全面公开现行有效行政规范性文件  lead: 厅行审处、办公室; ")
    assert task.endswith("due 2023年10月底前=2023-10-31  @L28")
    assert lines[-1].startswith("warning deadline_before_document: ")


def test_stdin_reads_as_the_file_does():
    result = run("debug", "-", "--stage", "blocks", stdin=TXT.read_bytes())
    assert result.returncode == 0
    first, *rest = result.stdout.decode().splitlines()
    assert first == "# -: txt, utf-8; stage blocks"
    assert rest == run("debug", str(TXT), "--stage", "blocks").stdout.decode().splitlines()[1:]


@pytest.mark.parametrize(("content", "reason"), [(b"PK\x03\x04broken zip", "corrupt"),
                                                 (b"", "empty")])
def test_a_broken_file_is_one_line_and_exit_1(tmp_path, content, reason):
    bad = tmp_path / "plan.docx"
    bad.write_bytes(content)
    result = run("debug", str(bad), "--stage", "blocks")
    assert result.returncode == 1 and result.stdout == b""
    message = result.stderr.decode()
    assert message.count("\n") == 1 and message.startswith(f"planparse: {bad}: ")
    assert reason in message and "Traceback" not in message


def test_missing_file_and_bad_stage():
    result = run("debug", "no/such/plan.txt")
    assert (result.returncode, result.stderr) == (1, b"planparse: no/such/plan.txt: no such file\n")
    assert run("debug", str(TXT), "--stage", "emit").returncode == 2
