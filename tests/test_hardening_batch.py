"""planparse batch as a new user runs it, and on input trees and destinations built to break it:
never lose, garble or misplace an output, never hang, and say what happened in one line."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import SAMPLES

TXT = SAMPLES / "003_820f42fe4d9a515f.txt"
OTHER = SAMPLES / "001_f2853fce34e0c0fb.txt"


def planparse(*args: str, cwd: Path | None = None, stdin: bytes | None = None,
              umask: int = -1) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "planparse", *args], capture_output=True,
                          timeout=300, cwd=cwd, input=stdin, umask=umask)


def outputs(folder: Path) -> dict[str, dict]:
    return {p.relative_to(folder).as_posix(): json.loads(p.read_text(encoding="utf-8"))
            for p in sorted(folder.rglob("*.json"))}


def no_traceback(result: subprocess.CompletedProcess) -> str:
    stderr = result.stderr.decode()
    assert "Traceback" not in stderr
    return stderr


# -- 1. no collisions, no escape -------------------------------------------------------


def test_two_input_folders_keep_their_names_and_same_named_files_apart(tmp_path):
    for year, source in (("2022", TXT), ("2023", OTHER)):
        (tmp_path / "y" / year).mkdir(parents=True)
        shutil.copy(source, tmp_path / "y" / year / "工作要点.txt")
    out = tmp_path / "out"
    first = planparse("batch", str(tmp_path / "y" / "2022"), str(tmp_path / "y" / "2023"), "-o", str(out))
    assert first.returncode == 0, first.stderr.decode()
    assert set(outputs(out)) == {"2022/工作要点.txt.json", "2023/工作要点.txt.json"}
    assert "2 converted" in first.stderr.decode()
    again = planparse("batch", str(tmp_path / "y" / "2022"), str(tmp_path / "y" / "2023"), "-o", str(out))
    assert "0 converted, 2 up to date" in again.stderr.decode()  # it used to alternate


def test_inputs_that_would_share_an_output_are_refused_before_anything_is_written(tmp_path):
    for parent, source in (("a", TXT), ("b", OTHER)):
        (tmp_path / parent / "2022").mkdir(parents=True)
        shutil.copy(source, tmp_path / parent / "2022" / "plan.txt")
    out = tmp_path / "out"
    result = planparse("batch", str(tmp_path / "a" / "2022"), str(tmp_path / "b" / "2022"), "-o", str(out))
    stderr = no_traceback(result)
    assert result.returncode == 1
    assert stderr.count("\n") == 1 and "2022/plan.txt.json" in stderr
    assert not out.exists() or not list(out.rglob("*.json"))


def test_a_glob_climbing_out_with_dotdot_never_writes_outside_the_output_folder(tmp_path):
    (tmp_path / "in" / "sub").mkdir(parents=True)
    shutil.copy(TXT, tmp_path / "x.txt")
    out = tmp_path / "out"
    result = planparse("batch", "in/*/../../x.txt", "-o", "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr.decode()
    written = [p for p in tmp_path.rglob("*.json")]
    assert written and all(out in p.parents for p in written)
    assert set(outputs(out)) == {"x.txt.json"}


def test_the_same_file_reached_twice_is_converted_once(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(TXT, folder / "plan.txt")
    (folder / "link.txt").symlink_to("plan.txt")
    os.link(folder / "plan.txt", folder / "hard.txt")
    result = planparse("batch", str(folder), str(folder / "plan.txt"), "--jsonl")
    assert result.returncode == 0, result.stderr.decode()
    assert len(result.stdout.decode().splitlines()) == 1


# -- 2. input trees as they are ----------------------------------------------------------


def _looped_tree(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(TXT, folder / "plan.txt")
    shutil.copy(OTHER, folder / "sub" / "other.txt")
    (folder / "self").symlink_to(".")
    (folder / "sub" / "up").symlink_to("..")
    (folder / "knot.txt").symlink_to("knot.txt")  # a link to itself: ELOOP on every stat
    return folder


def test_symlink_loops_are_reported_and_the_rest_converted(tmp_path):
    folder = _looped_tree(tmp_path)
    out = tmp_path / "out"
    result = planparse("batch", str(folder), "-o", str(out))
    stderr = no_traceback(result)
    assert result.returncode == 0, stderr
    assert set(outputs(out)) == {"plan.txt.json", "sub/other.txt.json"}
    assert stderr.count("a loop") == 2 and "knot.txt" in stderr


def test_a_recursive_glob_over_a_self_link_ends(tmp_path):
    folder = _looped_tree(tmp_path)
    result = subprocess.run([sys.executable, "-m", "planparse", "batch", f"{folder}/**", "--jsonl"],
                            capture_output=True, timeout=60)
    no_traceback(result)
    paths = [json.loads(line)["source"]["path"] for line in result.stdout.decode().splitlines()]
    assert sorted(Path(p).name for p in paths) == ["other.txt", "plan.txt"]


def test_hidden_names_are_passed_over_and_said_so(tmp_path):
    folder = tmp_path / "in"
    (folder / ".git").mkdir(parents=True)
    shutil.copy(TXT, folder / "plan.txt")
    shutil.copy(TXT, folder / ".draft.txt")
    shutil.copy(TXT, folder / ".git" / "x.txt")
    result = planparse("batch", str(folder), "-o", str(tmp_path / "out"))
    assert set(outputs(tmp_path / "out")) == {"plan.txt.json"}
    assert "2 name(s) starting with '.' passed over" in result.stderr.decode()


def test_a_long_chinese_file_name_fits_its_temporary_name(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    name = "关于印发" + "政务公开工作要点" * 9 + "的通知.txt"  # 83 characters, 249 bytes
    shutil.copy(TXT, folder / name)
    out = tmp_path / "out"
    result = planparse("batch", str(folder), "-o", str(out))
    assert result.returncode == 0, result.stderr.decode()
    assert set(outputs(out)) == {f"{name}.json"}


# -- 3. the destination checked first, failures recorded ---------------------------------


def test_an_output_that_is_a_file_is_one_line_and_nothing_is_converted(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(5):
        shutil.copy(TXT, folder / f"p{i}.txt")
    target = tmp_path / "out"
    target.write_text("not a folder")
    result = planparse("batch", str(folder), "-o", str(target))
    stderr = no_traceback(result)
    assert result.returncode == 1
    assert stderr.count("\n") == 1 and "not a folder" in stderr
    assert target.read_text() == "not a folder"


@contextlib.contextmanager
def _tmpfs(where: Path, size: str, *extra: str):
    where.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", ",".join([f"size={size}", *extra]),
                              "tmpfs", str(where)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip("cannot mount a small file system here (needs root)")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], capture_output=True)


def test_a_read_only_destination_is_one_line(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(5):
        shutil.copy(TXT, folder / f"p{i}.txt")
    with _tmpfs(tmp_path / "ro", "1m", "ro") as readonly:
        result = planparse("batch", str(folder), "-o", str(readonly / "out"))
    stderr = no_traceback(result)
    assert result.returncode == 1 and stderr.count("\n") == 1
    assert "Read-only file system" in stderr


def test_a_disk_filling_up_stops_the_batch_keeps_what_was_done_and_records_failures(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(40):
        shutil.copy(TXT if i % 2 else OTHER, folder / f"p{i:02d}.txt")
    with _tmpfs(tmp_path / "small", "600k") as small:
        out = small / "out"
        result = planparse("batch", str(folder), "-o", str(out), "-j", "2")
        stderr = no_traceback(result)
        assert result.returncode == 1
        assert "No space left on device" in stderr and "run again to resume" in stderr
        done = outputs(out)  # every output there is whole
        assert 0 < len(done) < 40
        errors = [json.loads(line) for line in (out / "errors.jsonl").read_text().splitlines()]
        assert errors and all(e["error"] == "WriteError" for e in errors)
        assert not list(out.rglob("*.planparse-tmp"))
        subprocess.run(["mount", "-o", "remount,size=8m", str(small)], check=True)
        rerun = planparse("batch", str(folder), "-o", str(out))
        assert rerun.returncode == 0, rerun.stderr.decode()
        assert f"{40 - len(done)} converted, {len(done)} up to date" in rerun.stderr.decode()


def test_a_stream_to_a_full_device_is_one_line():
    result = planparse("batch", str(TXT), "--jsonl", "-o", "/dev/full")
    stderr = no_traceback(result)
    assert result.returncode == 1 and "No space left on device" in stderr
    assert stderr.count("\n") == 1


# -- 6. quiet pipes and signals -----------------------------------------------------------


def _head(args: list[str], lines: int = 1) -> tuple[int, str]:
    """Read ``lines`` lines of stdout, then close the pipe as head does."""
    process = subprocess.Popen([sys.executable, "-m", "planparse", *args], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)
    for _ in range(lines):
        process.stdout.readline()
    process.stdout.close()
    stderr = process.stderr.read().decode()
    return process.wait(timeout=120), stderr


@pytest.mark.parametrize("args", [
    ["extract", str(TXT), str(OTHER), str(TXT)],
    ["batch", str(SAMPLES), "--jsonl", "-j", "1"],
    ["batch", str(SAMPLES), "--format", "csv", "-j", "1"],
])
def test_a_reader_closing_the_pipe_ends_the_run_quietly(args):
    code, stderr = _head(args)
    assert stderr == "" and code == 0


def _many(tmp_path: Path, count: int) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    plans = [(source.read_text(encoding="utf-8") + "\n") * 8 for source in (OTHER, TXT)]
    for i in range(count):  # each a plan eight times over: the batch is still running when it is
        (folder / f"p{i:03d}.txt").write_text(plans[i % 2], encoding="utf-8")  # interrupted
    return folder


def _wait_for_outputs(out: Path, count: int) -> None:
    deadline = time.monotonic() + 120
    while len(list(out.rglob("*.json"))) < count and time.monotonic() < deadline:
        time.sleep(0.05)


def test_ctrl_c_says_how_far_it_got_and_exits_130(tmp_path):
    folder, out = _many(tmp_path, 60), tmp_path / "out"
    # Ctrl-C as in a terminal's foreground job: a shell starts background jobs with it ignored,
    # and then so is it in planparse (as in any program), so a test run in the background would
    # see the batch finish
    process = subprocess.Popen([sys.executable, "-m", "planparse", "batch", str(folder), "-o", str(out),
                                "-j", "2"], stderr=subprocess.PIPE, start_new_session=True,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    _wait_for_outputs(out, 5)
    os.killpg(process.pid, signal.SIGINT)  # as a terminal does: the whole group
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=60) == 130
    assert "Traceback" not in stderr
    assert stderr.strip().splitlines()[-1].startswith("planparse: interrupted: ")
    assert "of 60 done; run again to resume" in stderr


def test_workers_of_a_killed_parent_leave_silently(tmp_path):
    folder, out = _many(tmp_path, 40), tmp_path / "out"
    process = subprocess.Popen([sys.executable, "-m", "planparse", "batch", str(folder), "-o", str(out),
                                "-j", "2", "-q"], stderr=subprocess.PIPE)
    _wait_for_outputs(out, 3)
    process.kill()  # the parent only: its workers find their pipe closed
    stderr = process.stderr.read().decode()  # EOF once every worker has gone too
    process.wait()
    assert stderr == ""


# -- 7. files as a user expects them -------------------------------------------------------


def test_outputs_honour_the_umask_and_keep_an_existing_files_mode(tmp_path):
    out = tmp_path / "out"
    planparse("batch", str(TXT), "-o", str(out), umask=0o022)
    assert stat.S_IMODE((out / "003_820f42fe4d9a515f.txt.json").stat().st_mode) == 0o644
    target = tmp_path / "plan.json"
    target.write_text("{}")
    target.chmod(0o640)
    planparse("extract", str(TXT), "-o", str(target), umask=0o077)
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_the_output_name_chooses_the_format_unless_told_otherwise(tmp_path):
    planparse("batch", str(TXT), str(OTHER), "-o", str(tmp_path / "all.jsonl"))
    lines = (tmp_path / "all.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["source"]["format"] for line in lines] == ["txt", "txt"]
    planparse("extract", str(TXT), "-o", str(tmp_path / "tasks.csv"))
    assert (tmp_path / "tasks.csv").read_bytes().startswith("\ufeffdocument,task_id".encode())
    clash = planparse("extract", str(TXT), "--format", "json", "-o", str(tmp_path / "x.csv"))
    assert clash.returncode == 2 and "contradicts" in clash.stderr.decode()
    assert not (tmp_path / "x.csv").exists()


def test_patterns_match_like_gitignore_and_extensions_in_any_case(tmp_path):
    folder = tmp_path / "in"
    (folder / "2023" / "drafts").mkdir(parents=True)
    (folder / "drafts").mkdir()
    shutil.copy(TXT, folder / "A.TXT")
    shutil.copy(TXT, folder / "2023" / "b.txt")
    shutil.copy(TXT, folder / "2023" / "drafts" / "c.txt")
    shutil.copy(TXT, folder / "drafts" / "d.txt")
    for pattern in ("drafts/", "drafts/*"):
        out = tmp_path / pattern.replace("/", "_").replace("*", "star")
        result = planparse("batch", str(folder), "-o", str(out), "--exclude", pattern)
        assert set(outputs(out)) == {"A.TXT.json", "2023/b.txt.json"}, result.stderr.decode()
    upper = planparse("batch", str(folder), "--jsonl", "--include", "*.txt", "--exclude", "*.pdf")
    assert len(upper.stdout.decode().splitlines()) == 4
    assert "--include/--exclude '*.pdf': matched no file" in upper.stderr.decode()


# -- 8. loud doubtful results ---------------------------------------------------------------


def test_a_document_without_tasks_is_noted_counted_and_fails_strict(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(TXT, folder / "plan.txt")
    (folder / "memo.txt").write_text("会议纪要\n今天开了会。\n", encoding="utf-8")
    out = tmp_path / "out"
    result = planparse("batch", str(folder), "-o", str(out))
    stderr = result.stderr.decode()
    assert result.returncode == 0
    assert f"planparse: {folder / 'memo.txt'}: doubtful: no tasks found" in stderr
    assert "1 doubtful" in stderr
    strict = planparse("batch", str(folder), "-o", str(out), "--strict", "--force")
    assert strict.returncode == 1


# -- 9. library and help --------------------------------------------------------------------


def test_batch_dash_reads_file_names_from_stdin(tmp_path):
    names = f"{TXT}\n\n{OTHER}\n".encode()
    result = planparse("batch", "-", "--jsonl", stdin=names)
    assert result.returncode == 0, result.stderr.decode()
    paths = [json.loads(line)["source"]["path"] for line in result.stdout.decode().splitlines()]
    assert paths == [str(TXT), str(OTHER)]
