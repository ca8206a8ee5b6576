"""Our own corpus of plans (tests/corpus, answers checked by hand) scores 1.000, field by field."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import load_json
from goldcheck import differences

import planparse

CORPUS = Path(__file__).resolve().parent / "corpus"
PLANS = sorted(p for p in CORPUS.iterdir() if p.suffix in (".txt", ".docx", ".pdf"))


@pytest.mark.parametrize("path", PLANS, ids=lambda p: p.name)
def test_plan_matches_its_gold_answer(path):
    gold = load_json(CORPUS / f"{path.name.split('.')[0]}.gold.json")
    assert gold["source"] == path.name
    assert differences(gold, planparse.parse(path).model_dump(mode="json")) == []


@pytest.mark.parametrize("numbered", [False, True], ids=["typed", "list-numbered"])
@pytest.mark.parametrize("path", [p for p in PLANS if p.suffix == ".txt"], ids=lambda p: p.stem)
def test_plan_typed_into_word_gives_the_same_answer(path, numbered, tmp_path):
    from render import text_to_docx

    from planparse.extract.text import blocks_of, decode

    gold = load_json(CORPUS / f"{path.stem}.gold.json")
    text = decode(path.read_bytes())[0]
    if any(b.is_row for b in blocks_of(text)) and not any("\t" in line for line in text.splitlines()):
        pytest.skip("a table flattened into text (| between cells, one cell a line) stays text when "
                    "typed into Word; the Word reader reads Word tables")
    target = text_to_docx(text, tmp_path / f"{path.stem}.docx", numbered)
    assert differences(gold, planparse.parse(target).model_dump(mode="json")) == []


def test_corpus_is_large_enough():
    assert len(PLANS) >= 30
