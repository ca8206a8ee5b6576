"""Command line: ``planparse extract``, ``batch``, ``formats``, ``schema``, ``--version``.

stdout carries only data (JSON); diagnostics go to stderr as one line; no traceback reaches
a user.  Exit status: 0 success, 1 a file could not be parsed, 2 bad usage.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, nullcontext
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional, TextIO

import typer

from planparse.errors import PlanparseError

if TYPE_CHECKING:
    from planparse.models import PlanDocument

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Turn Chinese government work plans (.txt, .docx, .pdf) into validated JSON.",
)


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


class Format(str, Enum):
    json = "json"
    csv = "csv"
    xlsx = "xlsx"


class Lang(str, Enum):
    en = "en"
    zh = "zh"


FORMAT_HELP = "json; csv, the task ledger (one row per task); or xlsx, the ledger as an Excel 台账."
LANG_HELP = "CSV column headings: en for programs, zh for an office's 台账 headings."


class _Parsed:
    """The documents of ``files`` in order; failures are reported as they happen and counted."""

    def __init__(self, files: list[str]) -> None:
        self.files = files
        self.failed = False

    def __iter__(self) -> Iterator[PlanDocument]:
        from planparse.pipeline import parse, parse_bytes

        for name in self.files:
            try:
                yield parse_bytes(sys.stdin.buffer.read(), "-") if name == "-" else parse(name)
            except PlanparseError as exc:
                fail(name, str(exc))
                self.failed = True


class OcrMode(str, Enum):
    auto = "auto"
    always = "always"
    never = "never"


def _set_ocr(value: OcrMode) -> OcrMode:
    from planparse.extract.ocr_mode import set_ocr_mode

    set_ocr_mode(value.value)
    return value


OcrOption = Annotated[OcrMode, typer.Option(
    "--ocr", callback=_set_ocr, help="OCR scanned pages (auto), every page (always), or none"
    " (never); needs the ocr extra.")]


@app.command()
def extract(
    files: Annotated[
        list[str], typer.Argument(help="Plans (.txt, .docx, .pdf), or - for stdin.", metavar="FILE...")
    ],
    output: Annotated[
        Optional[Path], typer.Option("--output", "-o", help="Write here, not to stdout.")
    ] = None,
    compact: Annotated[bool, typer.Option("--compact", help="One line of JSON.")] = False,
    form: Annotated[Format, typer.Option("--format", help=FORMAT_HELP)] = Format.json,
    lang: Annotated[Lang, typer.Option("--lang", help=LANG_HELP)] = Lang.en,
    ocr: OcrOption = OcrMode.auto,
) -> None:
    """Print plans as JSON (several files: one JSON document a line), or as a ledger."""
    parsed = _Parsed(files)
    try:
        if form is Format.xlsx:
            _write_xlsx(parsed, output)
        else:
            with _open_output(output) as out:
                if form is Format.csv:
                    from planparse import ledger

                    out.write(ledger.BOM + ledger.header(lang.value))
                for document in parsed:
                    out.write(_render(document, form, compact or len(files) > 1))
    except OSError as exc:
        fail(str(output), f"cannot write ({exc.strerror})")
        raise typer.Exit(1) from None
    except Exception as exc:  # noqa: BLE001 - a bug must still end in one line, not a traceback
        fail(", ".join(files), f"internal error ({type(exc).__name__}: {exc}); please report it")
        raise typer.Exit(1) from None
    if parsed.failed:
        raise typer.Exit(1)


def _write_xlsx(documents: Iterable[PlanDocument], output: Path | None) -> None:
    """The workbook into ``output`` (atomically), or onto stdout when that is not a terminal."""
    import importlib.util

    if importlib.util.find_spec("openpyxl") is None:
        fail("--format xlsx", "needs the optional extra: pip install 'planparse[xlsx]'")
        raise typer.Exit(2)
    from planparse.ledger.xlsx import write_workbook

    if output is None and sys.stdout.isatty():
        raise typer.BadParameter("an Excel workbook is not for a terminal: give -o FILE.xlsx",
                                 param_hint="--output")
    buffer = io.BytesIO()
    write_workbook(documents, buffer)
    if output is None:
        sys.stdout.buffer.write(buffer.getvalue())
        return
    from planparse.batch.convert import write_atomically

    write_atomically(output, buffer.getvalue())


def _render(document, form: Format, compact: bool) -> str:
    if form is Format.csv:
        from planparse import ledger

        return ledger.rows(document)
    return document.model_dump_json(indent=None if compact else 2) + "\n"


@contextmanager
def _open_output(output: Path | None) -> Iterator[TextIO]:
    """stdout (UTF-8 whatever the locale says), or a file written in full or not at all."""
    if output is None:
        stream = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="", write_through=True)
        try:
            yield stream
        finally:
            stream.detach()
        return
    buffer = io.StringIO()
    yield buffer
    from planparse.batch.convert import write_atomically

    write_atomically(output, buffer.getvalue())


@app.command()
def batch(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders (recursive) and globs.",
                                                 metavar="INPUT...")],
    output: Annotated[Optional[Path], typer.Option(
        "--output", "-o", help="Folder for the JSON files (mirrors the input tree); with --jsonl"
        " or --format csv, the file to write (default stdout).")] = None,
    include: Annotated[Optional[list[str]], typer.Option(
        help="Only paths matching this glob (repeatable).")] = None,
    exclude: Annotated[Optional[list[str]], typer.Option(
        help="Leave out paths matching this glob (repeatable).")] = None,
    jobs: Annotated[Optional[int], typer.Option(
        "--jobs", "-j", min=1, help="Worker processes [default: all cores].")] = None,
    timeout: Annotated[float, typer.Option(min=0.1, help="Seconds one file may take.")] = 120.0,
    force: Annotated[bool, typer.Option("--force", help="Convert again even when up to date.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress and no summary.")] = False,
    jsonl: Annotated[bool, typer.Option("--jsonl", help="Stream one JSON document a line.")] = False,
    form: Annotated[Format, typer.Option(
        "--format", help="json; or csv / xlsx: one task ledger of every document.")] = Format.json,
    lang: Annotated[Lang, typer.Option("--lang", help=LANG_HELP)] = Lang.en,
    db: Annotated[Optional[Path], typer.Option(
        "--db", help="Also keep every document in this SQLite ledger (see planparse query).",
        metavar="LEDGER.sqlite")] = None,
    scheduler: Annotated[Optional[str], typer.Option(
        help="Run on this Dask distributed scheduler instead of local processes (extra: cluster).",
        metavar="tcp://HOST:PORT")] = None,
    ocr: OcrOption = OcrMode.auto,
) -> None:
    """Convert many plans; resumes by default (up-to-date outputs are skipped)."""
    from planparse.batch import Options, run
    from planparse.batch.convert import CSV, JSONL, TREE

    mode = CSV if form is Format.csv else JSONL if jsonl or form is Format.xlsx else TREE
    only_db = mode == TREE and output is None and db is not None
    if only_db:
        mode = JSONL  # the database is the only output
    if mode == TREE and output is None:
        raise typer.BadParameter("give the output folder with -o/--output", param_hint="--output")
    options = Options(inputs, output, mode, include or [], exclude or [],
                      jobs or os.cpu_count() or 1, timeout, force, quiet, db, scheduler)
    try:
        if only_db:
            with open(os.devnull, "w", encoding="utf-8") as sink:
                code = run(options, sink)
        elif mode == TREE:
            code = run(options, io.StringIO())
        elif form is Format.xlsx:
            code = _batch_xlsx(options, output)
        else:
            with _open_output(output) as out:
                if mode == CSV:
                    from planparse import ledger

                    out.write(ledger.BOM + ledger.header(lang.value))
                code = run(options, out)
    except OSError as exc:
        fail(str(output), f"cannot write ({exc.strerror})")
        raise typer.Exit(1) from None
    except ImportError:
        fail("--scheduler", "needs the optional extra: pip install 'planparse[cluster]'")
        raise typer.Exit(2) from None
    except RuntimeError as exc:  # the cluster's ClusterError
        fail("--scheduler", str(exc))
        raise typer.Exit(1) from None
    raise typer.Exit(code)


def _batch_xlsx(options, output: Path | None) -> int:
    """Stream the batch as JSONL into a spooled file, then build one workbook from it."""
    import tempfile

    from planparse.batch import run
    from planparse.models import PlanDocument

    with tempfile.TemporaryFile("w+", encoding="utf-8") as spool:
        code = run(options, spool)
        spool.seek(0)
        _write_xlsx((PlanDocument.model_validate_json(line) for line in spool), output)
    return code


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
    unit: Annotated[Optional[str], typer.Option(help="Tasks of units whose name contains this.")] = None,
    role: Annotated[Optional[Role], typer.Option(help="With --unit: only in this role.")] = None,
    due_before: Annotated[Optional[str], typer.Option(
        help="Falling due on or before this date.", metavar="YYYY-MM-DD")] = None,
    due_after: Annotated[Optional[str], typer.Option(
        help="Falling due on or after this date.", metavar="YYYY-MM-DD")] = None,
    kind: Annotated[Optional[Kind], typer.Option(help="With a deadline of this kind.")] = None,
    without_units: Annotated[bool, typer.Option(help="Only tasks that name no unit.")] = False,
    document: Annotated[Optional[str], typer.Option(
        help="Only documents whose path contains this.")] = None,
    form: Annotated[QueryFormat, typer.Option("--format", help="table, json, csv or xlsx.")]
        = QueryFormat.table,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write here.")] = None,
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
    unit: Annotated[Optional[str], typer.Option(help="Only tasks of units whose name contains this.")] = None,
    due_before: Annotated[Optional[str], typer.Option(
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
    from planparse.batch.convert import write_atomically
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


@app.command()
def formats() -> None:
    """List the input formats, their file names, and whether their optional extra is installed."""
    from planparse.extract.registry import FORMATS

    rows = [("format", "extensions", "extra", "installed")]
    for fmt in FORMATS:
        extra = fmt.extra or "-"
        rows.append((fmt.name, " ".join(fmt.extensions), extra, "yes" if fmt.available else "no"))
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    for row in rows:
        sys.stdout.write("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False)))
        sys.stdout.write(f"  {row[3]}\n")


@app.command()
def schema() -> None:
    """Print the JSON Schema of the output."""
    from planparse.schema import schema_json

    sys.stdout.write(schema_json())


def run() -> None:
    """Console entry point: no traceback on Ctrl-C or a closed pipe either."""
    # planparse uses no pydantic plugins; looking for them (entry points) costs start-up time
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    try:
        app()
    except KeyboardInterrupt:
        sys.stderr.write("planparse: interrupted\n")
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(1)
