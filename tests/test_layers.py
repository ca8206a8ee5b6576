"""The layers hold: data flows one way through the pipeline's stages; the model they pass on
(planparse.ir) imports none of them; the grammar under it imports neither stage nor model; the
rule tables import nothing of those (read from the source with ast)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src"
# the pipeline's stages in the order the document goes through them
STAGES = ("extract", "normalise", "segment", "annotate", "emit", "pipeline", "cli")


def _module(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> list[str]:
    """Every planparse module ``path`` imports, at its top or inside a function."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module == "planparse":
            found += [f"planparse.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("planparse."):
            found.append(node.module or "")
        elif isinstance(node, ast.Import):
            found += [alias.name for alias in node.names if alias.name.startswith("planparse.")]
    return found


def _layer(module: str) -> str | None:
    """The stage, model, grammar or rules a module belongs to (None: a module beside them)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in (*STAGES, "ir", "grammar", "rules") else None


def _files(layer: str) -> list[Path]:
    package = SRC / "planparse" / layer
    return sorted(package.rglob("*.py")) if package.is_dir() else [package.with_suffix(".py")]


def _against(layer: str, forbidden: set[str]) -> list[str]:
    """The imports of ``layer``'s modules that reach into a layer of ``forbidden``."""
    return [f"{_module(path)} imports {name}" for path in _files(layer) for name in _imports(path)
            if _layer(name) in forbidden]


def test_the_layers_are_where_the_test_looks() -> None:
    for layer in (*STAGES, "ir", "grammar", "rules"):
        assert all(path.is_file() for path in _files(layer)) and _files(layer), layer


def test_the_model_imports_no_stage() -> None:
    assert _against("ir", set(STAGES)) == []


def test_the_grammar_imports_no_stage_and_not_the_model() -> None:
    assert _against("grammar", {*STAGES, "ir"}) == []


def test_the_rules_import_no_stage_no_model_and_no_grammar() -> None:
    assert _against("rules", {*STAGES, "ir", "grammar"}) == []


def test_segment_imports_nothing_of_annotate() -> None:
    assert _against("segment", {"annotate"}) == []


@pytest.mark.parametrize("stage", STAGES)
def test_no_stage_imports_a_later_one(stage: str) -> None:
    assert _against(stage, set(STAGES[STAGES.index(stage) + 1:])) == []


def test_the_check_sees_an_import_against_the_pipeline(tmp_path: Path) -> None:
    source = tmp_path / "m.py"
    source.write_text("from planparse.annotate import annotate\n"
                      "def f():\n    import planparse.emit\n    from planparse import pipeline\n")
    assert [_layer(name) for name in _imports(source)] == ["annotate", "emit", "pipeline"]
