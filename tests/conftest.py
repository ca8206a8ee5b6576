from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
GOLD = Path(__file__).resolve().parent / "data" / "gold"


def load_json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture
def plan():
    """Parse a plan written in the test as a string."""
    from planparse import parse_text

    def run(text: str):
        return parse_text(text)

    return run
