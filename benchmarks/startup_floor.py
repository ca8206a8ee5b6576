"""The floor of ``planparse extract`` start-up on this stack, for bench_text.py.

A typer command with extract's arguments and options that reads the file and prints an
empty document validated by planparse's own output models: typer, pydantic and the models
cost this much before a line of the file is parsed, whatever the parser.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(add_completion=True, pretty_exceptions_enable=False, rich_markup_mode=None)


@app.callback()
def main() -> None:
    """A group, as planparse's commands are."""


@app.command()
def extract(
    files: Annotated[list[str], typer.Argument()],
    output: Annotated[Path | None, typer.Option("-o", "--output")] = None,
    compact: Annotated[bool, typer.Option("--compact")] = False,
    form: Annotated[str | None, typer.Option("--format")] = None,
    timeout: Annotated[float | None, typer.Option(min=0.1)] = None,
    memory: Annotated[int, typer.Option(min=0)] = 3072,
    strict: Annotated[bool, typer.Option("--strict")] = False,
    lang: Annotated[str, typer.Option()] = "en",
    ocr: Annotated[str, typer.Option()] = "auto",
) -> None:
    from planparse.models import Metadata, PlanDocument, Source

    for name in files:
        data = Path(name).read_bytes()
        source = Source(path=name, format="txt", sha256=hashlib.sha256(data).hexdigest())
        document = PlanDocument(source=source, metadata=Metadata())
        sys.stdout.write(document.model_dump_json(indent=None if compact else 2) + "\n")


if __name__ == "__main__":
    app()
