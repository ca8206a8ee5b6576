"""The checked-in JSON Schema is the one the models generate, and every output validates."""

from __future__ import annotations

import json

import jsonschema
import pytest
from conftest import ROOT, SAMPLES

import planparse
from planparse.schema import schema_json

SCHEMA_FILE = ROOT / "schemas" / "plan.schema.json"


def test_checked_in_schema_is_current():
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_json(), (
        "schemas/plan.schema.json is stale: run `planparse schema > schemas/plan.schema.json`")


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.txt")), ids=lambda p: p.name)
def test_output_validates_against_schema(path):
    document = json.loads(planparse.parse(path).model_dump_json())
    jsonschema.validate(document, json.loads(SCHEMA_FILE.read_text(encoding="utf-8")))


def test_contract_core_fields_are_present():
    document = json.loads(planparse.parse(SAMPLES / "003_820f42fe4d9a515f.txt").model_dump_json())
    assert set(document) >= {"schema_version", "source", "metadata", "preamble", "sections",
                             "tasks", "warnings"}
    task = document["tasks"][0]
    assert set(task) >= {"id", "section_id", "marker", "number", "title", "text", "units",
                         "deadlines", "span"}
    assert set(task["units"]) >= {"lead", "responsible", "cooperating", "raw"}
    assert set(task["span"]) == {"page", "line", "start", "end"}
