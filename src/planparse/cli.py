"""Command line: ``planparse extract``, ``batch``, ``formats``, ``schema``, ``--version``.

stdout carries only data (JSON); diagnostics go to stderr as one line; no traceback reaches
a user.  Exit status: 0 success, 1 a file could not be parsed, 2 bad usage.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional, TextIO

import typer

from planparse.errors import PlanparseError

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
    form: Annotated[
        Format, typer.Option("--format", help="json, or csv: the task ledger (one row per task).")
    ] = Format.json,
    ocr: OcrOption = OcrMode.auto,
) -> None:
    """Print plans as JSON (several files: one JSON document a line), or as a CSV ledger."""
    from planparse.pipeline import parse, parse_bytes

    failed = False
    try:
        with _open_output(output) as out:
            if form is Format.csv:
                from planparse import ledger

                out.write(ledger.BOM + ledger.header())
            for name in files:
                try:
                    document = parse_bytes(sys.stdin.buffer.read(), "-") if name == "-" else parse(name)
                except PlanparseError as exc:
                    fail(name, str(exc))
                    failed = True
                    continue
                out.write(_render(document, form, compact or len(files) > 1))
    except OSError as exc:
        fail(str(output), f"cannot write ({exc.strerror})")
        raise typer.Exit(1) from None
    except Exception as exc:  # noqa: BLE001 - a bug must still end in one line, not a traceback
        fail(", ".join(files), f"internal error ({type(exc).__name__}: {exc}); please report it")
        raise typer.Exit(1) from None
    if failed:
        raise typer.Exit(1)


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
    form: Annotated[Format, typer.Option("--format", help="json, or csv: one task ledger.")] = Format.json,
    ocr: OcrOption = OcrMode.auto,
) -> None:
    """Convert many plans; resumes by default (up-to-date outputs are skipped)."""
    from planparse.batch import Options, run
    from planparse.batch.convert import CSV, JSONL, TREE

    mode = CSV if form is Format.csv else JSONL if jsonl else TREE
    if mode == TREE and output is None:
        raise typer.BadParameter("give the output folder with -o/--output", param_hint="--output")
    options = Options(inputs, output, mode, include or [], exclude or [],
                      jobs or os.cpu_count() or 1, timeout, force, quiet)
    try:
        if mode == TREE:
            code = run(options, io.StringIO())
        else:
            with _open_output(output) as out:
                if mode == CSV:
                    from planparse import ledger

                    out.write(ledger.BOM + ledger.header())
                code = run(options, out)
    except OSError as exc:
        fail(str(output), f"cannot write ({exc.strerror})")
        raise typer.Exit(1) from None
    raise typer.Exit(code)


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
        sys.stdout.write("  ".join(cell.ljust(width) for cell, width in zip(row, widths)))
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
