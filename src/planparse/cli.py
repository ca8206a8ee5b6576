"""Command line: ``planparse extract FILE``, ``planparse schema``, ``planparse --version``.

stdout carries only data (JSON); diagnostics go to stderr as one line; no traceback reaches
a user.  Exit status: 0 success, 1 a file could not be parsed, 2 bad usage.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

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


@app.command()
def extract(
    file: Annotated[str, typer.Argument(help="The plan (.txt, .docx or .pdf), or - for stdin.")],
    output: Annotated[
        Optional[Path], typer.Option("--output", "-o", help="Write the JSON here, not to stdout.")
    ] = None,
    compact: Annotated[bool, typer.Option("--compact", help="One line of JSON.")] = False,
) -> None:
    """Print one plan as JSON."""
    from planparse.pipeline import parse, parse_bytes

    try:
        document = parse_bytes(sys.stdin.buffer.read(), "-") if file == "-" else parse(file)
        data = document.model_dump_json(indent=None if compact else 2).encode("utf-8") + b"\n"
        if output is None:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
        else:
            output.write_bytes(data)
    except PlanparseError as exc:
        fail(file, str(exc))
        raise typer.Exit(1) from None
    except OSError as exc:
        fail(str(output or file), f"cannot write ({exc.strerror})")
        raise typer.Exit(1) from None
    except Exception as exc:  # noqa: BLE001 - a bug must still end in one line, not a traceback
        fail(file, f"internal error ({type(exc).__name__}: {exc}); please report it")
        raise typer.Exit(1) from None


@app.command()
def schema() -> None:
    """Print the JSON Schema of the output."""
    from planparse.schema import schema_json

    sys.stdout.write(schema_json())


def run() -> None:
    """Console entry point: no traceback on Ctrl-C or a closed pipe either."""
    try:
        app()
    except KeyboardInterrupt:
        sys.stderr.write("planparse: interrupted\n")
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(1)
