"""Command line: ``planparse extract``, ``batch``, ``formats``, ``schema``, ``--version``.

stdout carries only data (JSON); diagnostics go to stderr as one line; no traceback reaches
a user.  Exit status: 0 success, 1 a file could not be parsed (or, with --strict, its
reading is doubtful), 2 bad usage, 130 interrupted.  A reader that closes the pipe early
(``| head``) ends the run quietly.
"""

from __future__ import annotations

import io
import os
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Optional, TextIO

import typer

from planparse.errors import PlanparseError

app = typer.Typer(
    add_completion=True,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain click help: readable metavars, no boxes, one-line errors
    context_settings={"help_option_names": ["-h", "--help"]},
    help="Turn Chinese government work plans (see planparse formats) into validated JSON.",
)

JSON, JSONL, CSV = "json", "jsonl", "csv"
CHOICES = (JSON, JSONL, CSV)
# what an output file's name asks for, unless --format says otherwise
BY_SUFFIX = {".json": JSON, ".jsonl": JSONL, ".ndjson": JSONL, ".csv": CSV}
MEMORY_MB = 2048  # default address-space ceiling of a parse, in MiB
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
    if suffix in (".xlsx", ".xls"):
        raise _usage(f"-o {output}: no Excel output; write .csv (Excel opens it)")
    implied = BY_SUFFIX.get(suffix)
    if form is not None and implied is not None and form != implied:
        raise _usage(f"--format {form} contradicts -o {output} (a {implied} name)")
    return form or implied or default


_OUTPUT = typer.Option("--output", "-o", metavar="FILE",
                       help="Write here, not to stdout; a .csv/.jsonl name chooses the format.")
_FORMAT = typer.Option("--format", metavar="json|jsonl|csv", show_default=False,
                       help="json (default), jsonl (one document a line) or csv (the task"
                            " ledger, one row per task).")
_STRICT = typer.Option("--strict", help="Exit 1 also when a reading is doubtful (no tasks,"
                                        " confidence below 0.5).")
_MEMORY = typer.Option("--memory", metavar="MB", min=0,
                       help="Memory ceiling of a parse; past it the file fails as too large (0: none).")

EXTRACT_EXAMPLES = """Examples:

\b
  planparse extract plan.docx              # indented JSON on stdout
  planparse extract a.pdf b.txt -o plans.jsonl
  planparse extract plan.pdf -o tasks.csv  # the task ledger, for Excel
  cat plan.txt | planparse extract -
"""


@app.command(epilog=EXTRACT_EXAMPLES)
def extract(
    files: Annotated[list[str], typer.Argument(
        help="Plans (see planparse formats), or - for stdin.", metavar="FILE", show_default=False)],
    output: Annotated[Optional[Path], _OUTPUT] = None,
    compact: Annotated[bool, typer.Option("--compact", help="One line of JSON.")] = False,
    form: Annotated[Optional[str], _FORMAT] = None,
    timeout: Annotated[Optional[float], typer.Option(
        metavar="SECONDS", min=0.1, help="Give up on a file after this long.")] = None,
    memory: Annotated[int, _MEMORY] = MEMORY_MB,
    strict: Annotated[bool, _STRICT] = False,
) -> None:
    """Print plans as JSON (several files: one JSON document a line), or as a CSV ledger."""
    from planparse.batch.convert import TOO_LARGE, doubtful
    from planparse.pipeline import parse, parse_bytes

    mode = choose_format(form, output)
    _check_file_target(output)
    if memory:
        from planparse.batch.pool import limit_memory

        limit_memory(memory << 20)
    failed = doubts = False
    with _open_output(output) as out:
        if mode == CSV:
            from planparse import ledger

            out.write(ledger.BOM + ledger.header())
        for done, name in enumerate(files):
            try:
                with _watchdog(timeout, name):
                    document = parse_bytes(sys.stdin.buffer.read(), "-") if name == "-" else parse(name)
            except KeyboardInterrupt:
                typer.echo(f"planparse: interrupted: {done} of {len(files)} done", err=True)
                raise typer.Exit(INTERRUPTED) from None
            except PlanparseError as exc:
                fail(name, exc.reason)
                failed = True
                continue
            except MemoryError:
                fail(name, TOO_LARGE)
                failed = True
                continue
            except Exception as exc:  # noqa: BLE001 - a bug must still end in one line
                fail(name, f"internal error ({type(exc).__name__}: {exc}); please report it")
                failed = True
                continue
            if (doubt := doubtful(document)) is not None:
                fail(name, f"doubtful: {doubt}")
                doubts = True
            out.write(_render(document, mode, compact or len(files) > 1))
    if failed or (strict and doubts):
        raise typer.Exit(1)


def _render(document, mode: str, compact: bool) -> str:
    if mode == CSV:
        from planparse import ledger

        return ledger.rows(document)
    return document.model_dump_json(indent=None if compact or mode == JSONL else 2) + "\n"


@contextmanager
def _watchdog(seconds: float | None, name: str) -> Iterator[None]:
    """End the process with one line if the block takes longer than ``seconds``: a thread,
    because a parser deep in C code never returns to take a signal."""
    if seconds is None:
        yield
        return

    def expire() -> None:
        fail(name, f"took longer than {seconds:g} s; stopped (too large or too complex?)")
        os._exit(1)

    timer = threading.Timer(seconds, expire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()


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
        from planparse.batch.convert import TEMP_PREFIX, TEMP_SUFFIX

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
        from planparse.batch.convert import write_atomically

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
  find . -name '*.docx' | planparse batch - --jsonl | jq .metadata.title
"""


@app.command(epilog=BATCH_EXAMPLES)
def batch(
    inputs: Annotated[list[str], typer.Argument(
        help="Files, folders (recursive), globs, or - to read file names from stdin (one a line).",
        metavar="INPUT", show_default=False)],
    output: Annotated[Optional[Path], typer.Option(
        "--output", "-o", metavar="DIR|FILE",
        help="Folder for the JSON files (mirrors the inputs); a .csv/.jsonl name, or with"
             " --jsonl / --format csv, the file to write (default stdout).")] = None,
    include: Annotated[Optional[list[str]], typer.Option(
        metavar="PATTERN", help="Only paths matching this pattern (.gitignore style, any case;"
                                " repeatable).")] = None,
    exclude: Annotated[Optional[list[str]], typer.Option(
        metavar="PATTERN", help="Leave out paths matching this pattern (drafts/ leaves out every"
                                " drafts folder; repeatable).")] = None,
    jobs: Annotated[Optional[int], typer.Option(
        "--jobs", "-j", min=1, metavar="N", show_default="all cores", help="Worker processes.")] = None,
    timeout: Annotated[float, typer.Option(
        min=0.1, metavar="SECONDS", help="Seconds one file may take.")] = 120.0,
    memory: Annotated[int, _MEMORY] = MEMORY_MB,
    force: Annotated[bool, typer.Option("--force", help="Convert again even when up to date.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress and no summary.")] = False,
    jsonl: Annotated[bool, typer.Option("--jsonl", help="Stream one JSON document a line.")] = False,
    form: Annotated[Optional[str], _FORMAT] = None,
    strict: Annotated[bool, _STRICT] = False,
) -> None:
    """Convert many plans; resumes by default (up-to-date outputs are skipped)."""
    from planparse.batch import Options, run

    mode = _batch_mode(form, output, jsonl)
    if mode == "tree" and output is None:
        raise _usage("give the output folder with -o/--output (or --jsonl for stdout)")
    if mode != "tree":
        _check_file_target(output)
    options = Options(_names(inputs), output, mode, include or [], exclude or [],
                      jobs or os.cpu_count() or 1, timeout, force, quiet, strict,
                      memory << 20 if memory else None)
    try:
        if mode == "tree":
            code = run(options, io.StringIO())
        else:
            with _open_output(output) as out:
                if mode == CSV:
                    from planparse import ledger

                    out.write(ledger.BOM + ledger.header())
                code = run(options, out)
    except PlanparseError as exc:
        raise _fatal(exc.path or output, exc.reason) from None
    except KeyboardInterrupt:  # while the inputs were still being listed
        typer.echo("planparse: interrupted before converting anything", err=True)
        raise typer.Exit(INTERRUPTED) from None
    raise typer.Exit(code)


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


@app.command(epilog="Example:\n\n\b\n  planparse formats")
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


@app.command(epilog="Example:\n\n\b\n  planparse schema > plan.schema.json")
def schema() -> None:
    """Print the JSON Schema of the output."""
    from planparse.schema import schema_json

    sys.stdout.write(schema_json())


def run() -> None:
    """Console entry point: no traceback on Ctrl-C, and quiet when the reader of stdout
    goes away (``| head``), as jq and ripgrep are."""
    # planparse uses no pydantic plugins; looking for them (entry points) costs start-up time
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    try:
        app()
    except KeyboardInterrupt:
        sys.stderr.write("planparse: interrupted\n")
        sys.exit(INTERRUPTED)


def _quiet_exit() -> None:
    # Python would report the closed pipe again when it flushes stdout at exit
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    sys.exit(0)
