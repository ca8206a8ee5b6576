"""The five seed plans in every format they come in score 1.000 against their gold files."""

from __future__ import annotations

import pytest
from conftest import GOLD, SAMPLES, load_json
from goldcheck import differences

import planparse

FORMATS = ("txt", "docx", "pdf")
SAMPLE_FILES = sorted(p for p in SAMPLES.iterdir() if p.suffix.lstrip(".") in FORMATS)


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.name)
def test_seed_matches_gold(path):
    gold = load_json(GOLD / f"{path.name.split('.')[0].split('-')[0]}.gold.json")
    result = planparse.parse(path).model_dump(mode="json")
    assert differences(gold, result) == []


def test_every_seed_has_a_gold_file():
    stems = {p.name.split(".")[0].split("-")[0] for p in SAMPLE_FILES}
    assert stems == {p.name.split(".")[0] for p in GOLD.glob("*.gold.json")}
