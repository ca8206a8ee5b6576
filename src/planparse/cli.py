"""Command line: ``planparse extract``, ``batch``, ``query``, ``show``, ``report``, ``debug``,
``formats``, ``schema``, ``--version``.

stdout carries only data (JSON); diagnostics go to stderr as one line; no traceback reaches
a user.  Exit status: 0 success, 1 a file could not be parsed (or, with --strict, its
reading is doubtful), 2 bad usage, 130 interrupted.  A reader that closes the pipe early
(``| head``) ends the run quietly.
"""

from __future__ import annotations

import copy
import io
import os
import sys
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, nullcontext
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TextIO

import typer
from typer.models import CommandInfo

from planparse.ceiling import DEFAULT_MB, TOO_LARGE, exhausted, limit_memory, release, room_to_fail
from planparse.errors import PlanparseError, one_line

if TYPE_CHECKING:
    from planparse.models import PlanDocument

app = typer.Typer(
    add_completion=True,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain click help: readable metavars, no boxes, one-line errors
    context_settings={"help_option_names": ["-h", "--help"]},
    help="Turn Chinese government work plans (see planparse formats) into validated JSON.",
)

JSON, JSONL, CSV, XLSX = "json", "jsonl", "csv", "xlsx"
CHOICES = (JSON, JSONL, CSV, XLSX)
# what an output file's name asks for, unless --format says otherwise
BY_SUFFIX = {".json": JSON, ".jsonl": JSONL, ".ndjson": JSONL, ".csv": CSV, ".xlsx": XLSX}
USAGE, INTERRUPTED = 2, 130


def _version(value: bool) -> None:
    if value:
        from planparse import __version__

        typer.echo(f"planparse {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = False,
) -> None:
    """planparse: work plans → JSON."""


def fail(name: str, reason: str) -> None:
    typer.echo(f"planparse: {name}: {reason}", err=True)


def _usage(message: str) -> typer.Exit:
    typer.echo(f"planparse: {message}", err=True)
    return typer.Exit(USAGE)


def choose_format(form: str | None, output: Path | None, default: str = JSON) -> str:
    """--format, else what ``-o``'s extension asks for, else ``default``; a contradiction
    or an unknown value is bad usage."""
    if form is not None and form not in CHOICES:
        raise _usage(f"--format: {form!r} is not one of {', '.join(CHOICES)}")
    suffix = output.suffix.lower() if output is not None else ""
    if suffix == ".xls":
        raise _usage(f"-o {output}: Excel output is .xlsx")
    implied = BY_SUFFIX.get(suffix)
    if form is not None and implied is not None and form != implied:
        raise _usage(f"--format {form} contradicts -o {output} (a {implied} name)")
    return form or implied or default


_OUTPUT = typer.Option("--output", "-o", metavar="FILE",
                       help="Write here, not to stdout; a .csv/.jsonl name chooses the format.")
_FORMAT = typer.Option("--format", metavar="json|jsonl|csv|xlsx", show_default=False,
                       help="json (default), jsonl (one document a line), csv (the task"
                            " ledger, one row per task) or xlsx (the ledger as an Excel 台账).")
_STRICT = typer.Option("--strict", help="Exit 1 also when a reading is doubtful (no tasks,"
                                        " confidence below 0.5).")
_MEMORY = typer.Option("--memory", metavar="MB", min=0,
                       help="Memory ceiling of a parse; past it the file fails as too large (0: none).")

class Lang(str, Enum):
    en = "en"
    zh = "zh"


_LANG = typer.Option("--lang", help="CSV column headings: en for programs, zh for an office's"
                                    " 台账 headings.")


class OcrMode(str, Enum):
    auto = "auto"
    always = "always"
    never = "never"


def _set_ocr_jobs(jobs: int) -> None:
    from planparse.extract.ocr_mode import set_ocr_jobs

    set_ocr_jobs(jobs)


def _set_ocr(value: OcrMode) -> OcrMode:
    from planparse.extract.ocr_mode import set_ocr_mode

    set_ocr_mode(value.value)
    return value


OcrOption = Annotated[OcrMode, typer.Option(
    "--ocr", callback=_set_ocr, help="OCR scanned pages (auto), every page (always), or none"
    " (never); needs the ocr extra.")]


class _Parsed:
    """The documents of ``files`` in order, each within ``timeout``; a file that fails is
    reported in one line and counted, a doubtful reading noted."""

    def __init__(self, files: list[str], timeout: float | None = None) -> None:
        # the code is loaded here, before any --memory ceiling, which is for the files' work
        from planparse import doubt, pipeline

        self.files, self.timeout = files, timeout
        self.failed = self.doubts = False
        self.current = files[0] if files else "-"  # the file being parsed or written
        self._pipeline, self._doubtful = pipeline, doubt.doubtful

    def __iter__(self) -> Iterator[PlanDocument]:
        for done, name in enumerate(self.files):
            self.current = name
            try:
                with _watchdog(self.timeout, name), room_to_fail():
                    document = self._parse(name)
            except KeyboardInterrupt:
                typer.echo(f"planparse: interrupted: {done} of {len(self.files)} done", err=True)
                raise typer.Exit(INTERRUPTED) from None
            except Exception as exc:  # noqa: BLE001 - a bug must still end in one line
                fail(name, _reason(exc))
                self.failed = True
                continue
            if (doubt := self._doubtful(document)) is not None:
                fail(name, f"doubtful: {doubt}")
                self.doubts = True
            yield document

    def _parse(self, name: str) -> PlanDocument:
        if name == "-":
            return self._pipeline.parse_bytes(sys.stdin.buffer.read(), "-")
        return self._pipeline.parse(name)


def _reason(exc: Exception) -> str:
    if isinstance(exc, PlanparseError):
        return exc.reason
    if exhausted(exc):
        return TOO_LARGE
    return f"internal error ({type(exc).__name__}: {one_line(exc)}); please report it"


EXTRACT_EXAMPLES = """Examples:

\b
  planparse extract plan.docx              # indented JSON on stdout
  planparse extract a.pdf b.txt -o plans.jsonl
  planparse extract plan.pdf -o tasks.csv  # the task ledger, for programs
  planparse extract plan.pdf -o 台账.xlsx  # the task ledger, for Excel
  cat plan.txt | planparse extract -
"""


@app.command(epilog=EXTRACT_EXAMPLES)
def extract(
    files: Annotated[list[str], typer.Argument(
        help="Plans (see planparse formats), or - for stdin.", metavar="FILE", show_default=False)],
    output: Annotated[Path | None, _OUTPUT] = None,
    compact: Annotated[bool, typer.Option("--compact", help="One line of JSON.")] = False,
    form: Annotated[str | None, _FORMAT] = None,
    timeout: Annotated[float | None, typer.Option(
        metavar="SECONDS", min=0.1, help="Give up on a file after this long.")] = None,
    memory: Annotated[int, _MEMORY] = DEFAULT_MB,
    strict: Annotated[bool, _STRICT] = False,
    lang: Annotated[Lang, _LANG] = Lang.en,
    ocr: OcrOption = OcrMode.auto,
    jobs: Annotated[int | None, typer.Option(
        "--jobs", "-j", min=1, metavar="N", show_default="all cores",
        help="Processes OCR'ing a scan's pages side by side.")] = None,
) -> None:
    """Print plans as JSON (several files: one JSON document a line), or as a ledger."""
    mode = choose_format(form, output)
    _check_file_target(output)
    _set_ocr_jobs(jobs or os.cpu_count() or 1)
    parsed = _Parsed(files, timeout)
    if memory:
        limit_memory(memory << 20)
    try:
        with room_to_fail():
            _emit(parsed, mode, output, compact or len(files) > 1, lang)
    except Exception as exc:  # rendering past the ceiling (parsing is _Parsed's), or a bug
        if not exhausted(exc):
            raise
        raise _fatal(parsed.current, TOO_LARGE) from None
    if parsed.failed or (strict and parsed.doubts):
        raise typer.Exit(1)


def _emit(documents: Iterable[PlanDocument], mode: str, output: Path | None, compact: bool,
          lang: Lang) -> None:
    if mode == XLSX:
        _write_xlsx(documents, output)
        return
    with _open_output(output) as out:
        if mode == CSV:
            from planparse import ledger

            out.write(ledger.BOM + ledger.header(lang.value))
        for document in documents:
            out.write(_render(document, mode, compact))


def _write_xlsx(documents: Iterable[PlanDocument], output: Path | None) -> None:
    """The workbook into ``output`` (atomically), or onto stdout when that is not a terminal."""
    import importlib.util

    if importlib.util.find_spec("openpyxl") is None:
        raise _usage("--format xlsx needs the optional extra: pip install 'planparse[xlsx]'")
    if output is None and sys.stdout.isatty():
        raise _usage("an Excel workbook is not for a terminal: give -o FILE.xlsx")
    from planparse.ledger.xlsx import write_workbook

    buffer = io.BytesIO()
    write_workbook(documents, buffer)
    try:
        if output is None:
            sys.stdout.buffer.write(buffer.getvalue())
            return
        from planparse.outputs import write_atomically

        write_atomically(output, buffer.getvalue())
    except BrokenPipeError:
        _quiet_exit()
    except OSError as exc:
        raise _fatal(output or "stdout", f"cannot write ({exc.strerror})") from None


def _render(document, mode: str, compact: bool) -> str:
    if mode == CSV:
        from planparse import ledger

        return ledger.rows(document)
    return document.model_dump_json(indent=None if compact or mode == JSONL else 2) + "\n"


@contextmanager
def _watchdog(seconds: float | None, name: str) -> Iterator[None]:
    """End the process with one line if the block takes longer than ``seconds`` (and what
    time the file asks for beyond them, see planparse.allowance): a thread, because a parser
    deep in C code never returns to take a signal."""
    if seconds is None:
        yield
        return
    from planparse.allowance import listening

    started = time.monotonic()
    deadline = [started + seconds]
    finished = threading.Event()

    def watch() -> None:
        while not finished.wait(max(deadline[0] - time.monotonic(), 0.0)):
            if time.monotonic() >= deadline[0]:
                allowed = deadline[0] - started
                fail(name, f"took longer than {allowed:g} s; stopped (too large or too complex?)")
                import multiprocessing

                for child in multiprocessing.active_children():  # pages being OCR'd
                    child.kill()
                os._exit(1)

    def extend(extra: float) -> None:
        deadline[0] += extra

    threading.Thread(target=watch, daemon=True).start()
    try:
        with listening(extend):
            yield
    finally:
        finished.set()


def _check_file_target(output: Path | None) -> None:
    """Refuse an output file that cannot be written before parsing anything."""
    if output is None or (output.exists() and not output.is_dir() and not output.is_file()):
        return  # stdout, or a device or pipe (/dev/stdout): written to directly
    if output.is_dir():
        raise _fatal(output, "is a folder; -o names the file to write")
    folder = next(p for p in output.absolute().parents if p.exists())
    try:
        if not folder.is_dir():
            raise NotADirectoryError(20, "Not a directory")
        from planparse.outputs import TEMP_PREFIX, TEMP_SUFFIX

        with tempfile.TemporaryFile(dir=folder, prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX) as probe:
            probe.write(b"\0")
    except OSError as exc:
        raise _fatal(output, f"cannot write there ({exc.strerror})") from None


def _fatal(name: object, reason: str) -> typer.Exit:
    fail(str(name), reason)
    return typer.Exit(1)


@contextmanager
def _open_output(output: Path | None) -> Iterator[TextIO]:
    """stdout (UTF-8 whatever the locale says), a device or pipe as it is, or a file written
    in full or not at all; a write that fails ends the run with one line."""
    try:
        if output is None or (output.exists() and not output.is_file()):
            target = sys.stdout.buffer if output is None else output.open("wb")
            stream = io.TextIOWrapper(target, encoding="utf-8", newline="", write_through=True)
            try:
                yield stream
            finally:
                if output is None:
                    stream.detach()
                else:
                    stream.close()
            return
        buffer = io.StringIO()
        yield buffer
        from planparse.outputs import write_atomically

        write_atomically(output, buffer.getvalue())
    except BrokenPipeError:
        _quiet_exit()
    except OSError as exc:
        raise _fatal(output or "stdout", f"cannot write ({exc.strerror})") from None


BATCH_EXAMPLES = """Examples:

\b
  planparse batch plans/ -o out/         # out/ mirrors plans/; run again to resume
  planparse batch y/2022 y/2023 -o out/  # out/2022/…, out/2023/…
  planparse batch plans/ --include '*.pdf' --exclude drafts/ -o out/
  planparse batch plans/ -o tasks.csv    # one task ledger
  planparse batch plans/ -o 台账.xlsx    # one Excel ledger of every plan
  planparse batch plans/ -o out/ --db ledger.sqlite   # and a queryable ledger
  find . -name '*.docx' | planparse batch - --jsonl | jq .metadata.title
"""


@app.command(epilog=BATCH_EXAMPLES)
def batch(
    inputs: Annotated[list[str], typer.Argument(
        help="Files, folders (recursive), globs, or - to read file names from stdin (one a line).",
        metavar="INPUT", show_default=False)],
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", metavar="DIR|FILE",
        help="Folder for the JSON files (mirrors the inputs); a .csv/.jsonl name, or with"
             " --jsonl / --format csv, the file to write (default stdout).")] = None,
    include: Annotated[list[str] | None, typer.Option(
        metavar="PATTERN", help="Only paths matching this pattern (.gitignore style, any case;"
                                " repeatable).")] = None,
    exclude: Annotated[list[str] | None, typer.Option(
        metavar="PATTERN", help="Leave out paths matching this pattern (drafts/ leaves out every"
                                " drafts folder; repeatable).")] = None,
    jobs: Annotated[int | None, typer.Option(
        "--jobs", "-j", min=1, metavar="N", show_default="all cores", help="Worker processes.")] = None,
    timeout: Annotated[float, typer.Option(
        min=0.1, metavar="SECONDS", help="Seconds one file may take.")] = 120.0,
    memory: Annotated[int, _MEMORY] = DEFAULT_MB,
    force: Annotated[bool, typer.Option("--force", help="Convert again even when up to date.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress and no summary.")] = False,
    jsonl: Annotated[bool, typer.Option("--jsonl", help="Stream one JSON document a line.")] = False,
    form: Annotated[str | None, _FORMAT] = None,
    strict: Annotated[bool, _STRICT] = False,
    lang: Annotated[Lang, _LANG] = Lang.en,
    db: Annotated[Path | None, typer.Option(
        "--db", help="Also keep every document in this SQLite ledger (see planparse query);"
        " alone, the only output.", metavar="LEDGER.sqlite")] = None,
    scheduler: Annotated[str | None, typer.Option(
        help="Run on this Dask distributed scheduler instead of local processes (extra: cluster).",
        metavar="tcp://HOST:PORT")] = None,
    ocr: OcrOption = OcrMode.auto,
) -> None:
    """Convert many plans; resumes by default (up-to-date outputs are skipped)."""
    from planparse.batch import Options

    mode = _batch_mode(form, output, jsonl)
    only_db = _only_db(mode, output, db)
    options = Options(_names(inputs), output, JSONL if only_db or mode == XLSX else mode,
                      include or [], exclude or [], jobs or os.cpu_count() or 1, timeout, force,
                      quiet, strict, memory << 20 if memory else None, db, scheduler)
    raise typer.Exit(_run_or_fail(options, mode, output, lang, only_db))


def _only_db(mode: str, output: Path | None, db: Path | None) -> bool:
    """Whether the ledger is the batch's only output; a usage error if it has none."""
    only_db = mode == "tree" and output is None and db is not None
    if mode == "tree" and output is None and not only_db:
        raise _usage("give the output folder with -o/--output (or --jsonl for stdout)")
    if mode != "tree":
        _check_file_target(output)
    return only_db


def _run_or_fail(options, mode: str, output: Path | None, lang: Lang, only_db: bool) -> int:
    """Run the batch; a failure before any file was converted ends the command."""
    from planparse.batch.cluster import ClusterError

    try:
        return _run_batch(options, mode, output, lang, only_db)
    except PlanparseError as exc:
        raise _fatal(exc.path or output, exc.reason) from None
    except KeyboardInterrupt:  # while the inputs were still being listed
        typer.echo("planparse: interrupted before converting anything", err=True)
        raise typer.Exit(INTERRUPTED) from None
    except ImportError:
        raise _usage("--scheduler needs the optional extra: pip install 'planparse[cluster]'") from None
    except ClusterError as exc:  # no scheduler there
        raise _fatal("--scheduler", str(exc)) from None


def _run_batch(options, mode: str, output: Path | None, lang: Lang, only_db: bool) -> int:
    from planparse.batch import run

    if only_db:
        with open(os.devnull, "w", encoding="utf-8") as sink:
            return run(options, sink)
    if mode == "tree":
        return run(options, io.StringIO())
    if mode == XLSX:
        return _batch_xlsx(options, output)
    with _open_output(output) as out:
        if mode == CSV:
            from planparse import ledger

            out.write(ledger.BOM + ledger.header(lang.value))
        return run(options, out)


def _batch_xlsx(options, output: Path | None) -> int:
    """Stream the batch as JSONL into a spooled file, then build one workbook from it."""
    from planparse.batch import run
    from planparse.models import PlanDocument

    with tempfile.TemporaryFile("w+", encoding="utf-8") as spool:
        code = run(options, spool)
        spool.seek(0)
        _write_xlsx((PlanDocument.model_validate_json(line) for line in spool), output)
    return code


def _batch_mode(form: str | None, output: Path | None, jsonl: bool) -> str:
    """tree (a folder of JSON files), jsonl or csv."""
    if jsonl and form not in (None, JSONL):
        raise _usage(f"--jsonl contradicts --format {form}")
    chosen = choose_format(JSONL if jsonl and form is None else form, output)
    return "tree" if chosen == JSON else chosen


def _names(inputs: list[str]) -> list[str]:
    """The inputs, with - replaced by the file names read from stdin."""
    names: list[str] = []
    for spec in inputs:
        if spec == "-":
            names += [line.rstrip("\r\n") for line in sys.stdin if line.strip()]
        else:
            names.append(spec)
    return names


class QueryFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    xlsx = "xlsx"


class Role(str, Enum):
    lead = "lead"
    responsible = "responsible"
    cooperating = "cooperating"


class Kind(str, Enum):
    date = "date"
    ongoing = "ongoing"
    relative = "relative"
    recurring = "recurring"


@app.command()
def query(
    ledger: Annotated[Path, typer.Argument(help="A ledger written by batch --db.",
                                           metavar="LEDGER.sqlite")],
    unit: Annotated[str | None, typer.Option(help="Tasks of units whose name contains this.")] = None,
    role: Annotated[Role | None, typer.Option(help="With --unit: only in this role.")] = None,
    due_before: Annotated[str | None, typer.Option(
        help="Falling due on or before this date.", metavar="YYYY-MM-DD")] = None,
    due_after: Annotated[str | None, typer.Option(
        help="Falling due on or after this date.", metavar="YYYY-MM-DD")] = None,
    kind: Annotated[Kind | None, typer.Option(help="With a deadline of this kind.")] = None,
    without_units: Annotated[bool, typer.Option(help="Only tasks that name no unit.")] = False,
    document: Annotated[str | None, typer.Option(
        help="Only documents whose path contains this.")] = None,
    form: Annotated[QueryFormat, typer.Option("--format", help="table, json, csv or xlsx.")]
        = QueryFormat.table,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here.")] = None,
) -> None:
    """Ask a ledger database across every plan: a unit's tasks, what falls due, who is missing."""
    import sqlite3

    from planparse.ledger import db as ledger_db
    from planparse.ledger.query import Filters, tasks

    for value in (due_before, due_after):
        _check_date(value)
    if not ledger.is_file():
        fail(str(ledger), "no such ledger database")
        raise typer.Exit(1)
    filters = Filters(unit, role.value if role else None, due_before, due_after,
                      kind.value if kind else None, without_units, document)
    try:
        rows = tasks(ledger_db.open_readonly(ledger), filters)
    except sqlite3.DatabaseError as exc:
        fail(str(ledger), f"not a planparse ledger database ({exc})")
        raise typer.Exit(1) from None
    from planparse.ledger.results import write_rows

    write_rows(rows, form.value, output)


def _check_date(value: str | None) -> None:
    from datetime import date

    if value is None:
        return
    try:
        date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date YYYY-MM-DD") from None


@app.command()
def show(
    files: Annotated[list[str], typer.Argument(help="Plans to look at.", metavar="FILE...")],
    unit: Annotated[str | None, typer.Option(help="Only tasks of units whose name contains this.")] = None,
    due_before: Annotated[str | None, typer.Option(
        help="Only tasks falling due on or before this date.", metavar="YYYY-MM-DD")] = None,
    pager: Annotated[bool, typer.Option(help="Page a long outline through less on a terminal.")] = True,
) -> None:
    """Print a plan's outline as a tree: sections, tasks, units by role, deadlines, warnings."""
    from rich.console import Console

    from planparse.show import Filters, outline

    _check_date(due_before)
    console = Console(highlight=False)
    parsed = _Parsed(files)
    trees = [outline(document, Filters(unit, due_before)) for document in parsed]
    height = sum(len(console.render_lines(tree, pad=False)) for tree in trees)
    paged = pager and console.is_terminal and height > console.height
    if paged:
        os.environ.setdefault("LESS", "-R")  # keep the colours in less
    with console.pager(styles=True) if paged else nullcontext():
        for tree in trees:
            console.print(tree)
    if parsed.failed:
        raise typer.Exit(1)


@app.command()
def report(
    files: Annotated[list[str], typer.Argument(help="Plans to report on.", metavar="FILE...")],
    output: Annotated[Path, typer.Option("--output", "-o", help="The HTML file to write.",
                                         metavar="REPORT.html")],
) -> None:
    """One self-contained HTML page: deadlines by month, units × sections, each unit's tasks."""
    from planparse.outputs import write_atomically
    from planparse.report import render

    parsed = _Parsed(files)
    page = render(parsed)
    try:
        write_atomically(output, page)
    except OSError as exc:
        fail(str(output), f"cannot write ({exc.strerror})")
        raise typer.Exit(1) from None
    if parsed.failed:
        raise typer.Exit(1)


class Stage(str, Enum):
    blocks = "blocks"
    paragraphs = "paragraphs"
    tree = "tree"


DEBUG_EXAMPLES = """Examples:

\b
  planparse debug plan.pdf --stage blocks      # what the extractor read, block by block
  planparse debug plan.docx --stage paragraphs # the normalised paragraphs and their markers
  planparse debug plan.txt --json | jq -c 'select(.type == "task")'
"""


@app.command(epilog=DEBUG_EXAMPLES)
def debug(
    file: Annotated[str, typer.Argument(help="A plan, or - for stdin.", metavar="FILE",
                                        show_default=False)],
    stage: Annotated[Stage, typer.Option(help="The stage whose result to print.")] = Stage.tree,
    as_json: Annotated[bool, typer.Option("--json", help="JSON lines, for programs.")] = False,
    ocr: OcrOption = OcrMode.auto,
) -> None:
    """Print what one stage made of a plan: the extractor's blocks, the normalised
    paragraphs, or the outline tree (with the ids extract gives), a line per item."""
    from planparse.debug import records, render
    from planparse.pipeline import read

    try:
        data = sys.stdin.buffer.read() if file == "-" else read(file)
        found = records(data, file, stage.value)
    except Exception as exc:  # noqa: BLE001 - a bug must still end in one line
        raise _fatal(file, _reason(exc)) from None
    with _open_output(None) as out:
        out.writelines(render(found, as_json))


@app.command(epilog="Example:\n\n\b\n  planparse formats")
def formats() -> None:
    """List the input formats, their file names, and whether their optional extra is installed."""
    from planparse.extract.registry import FORMATS

    _columns([("format", "extensions", "extra", "installed"),
              *((fmt.name, " ".join(fmt.extensions), fmt.extra or "-", "yes" if fmt.available else "no")
                for fmt in FORMATS)])


@app.command("warnings", epilog="Example:\n\n\b\n  planparse warnings")
def list_warnings() -> None:
    """List the warning codes the output can carry, each with its effect on confidence
    (none; lowers it, each time; suspect: caps it, the whole reading in doubt) and meaning."""
    from planparse.rules.warnings import WarningCode

    _columns([("code", "confidence", "meaning"),
              *((code.value, code.effect.value, code.meaning) for code in WarningCode)])


def _columns(rows: list[tuple[str, ...]]) -> None:
    """Print ``rows`` as aligned columns, the first row the heading; the last column is not
    padded, so no line ends in spaces."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    for *cells, last in rows:
        sys.stdout.write("".join(cell.ljust(width) + "  " for cell, width in zip(cells, widths, strict=True)))
        sys.stdout.write(f"{last}\n")


@app.command(epilog="Example:\n\n\b\n  planparse schema > plan.schema.json")
def schema() -> None:
    """Print the JSON Schema of the output."""
    from planparse.schema import schema_json

    sys.stdout.write(schema_json())


def _app_for(args: list[str]) -> typer.Typer:
    """The app holding only the command ``args`` name, or the whole app: typer reads every
    command's signature as it starts (about 4 ms a command), and a run needs one."""
    wanted = [command for command in app.registered_commands if args and _name(command) == args[0]]
    if not wanted:
        return app
    one = copy.copy(app)
    one.registered_commands = wanted
    return one


def _name(command: CommandInfo) -> str | None:
    if command.name:
        return command.name
    return command.callback.__name__.replace("_", "-") if command.callback else None


def run() -> None:
    """Console entry point: no traceback on Ctrl-C, and quiet when the reader of stdout
    goes away (``| head``), as jq and ripgrep are."""
    # planparse uses no pydantic plugins; looking for them (entry points) costs start-up time
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    try:
        _app_for(sys.argv[1:])()
    except KeyboardInterrupt:
        sys.stderr.write("planparse: interrupted\n")
        sys.exit(INTERRUPTED)
    except MemoryError:  # past the ceiling where no file was being read: still one line
        release()
        os.write(2, b"planparse: out of memory (the --memory ceiling)\n")
        os._exit(1)


def _quiet_exit() -> None:
    # Python would report the closed pipe again when it flushes stdout at exit
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    sys.exit(0)
