"""Clean-ups of OCR text: the confusions a recogniser makes on Chinese official documents.

The recogniser reads glyphs, not conventions: the half-width twin of a full-width mark
(a 公文 sets ， ； ： （ ） between Chinese characters), another pair of brackets round a
document number's year (〔2024〕), a traditional form of a simplified character.  Each
rule is a pattern over the text alone, true of any plan.
"""

from __future__ import annotations

from collections.abc import Callable

import regex

from planparse.extract.layout_settings import LAYOUT
from planparse.grammar.fold import fold

_HAN = r"\p{Han}"
_MARKS = "。，、；：？！“”‘’（）《》〈〉【】〔〕…"  # full-width marks set between Chinese text
_DASH = "-—一–－―~"  # what the dashes round a page number are read as
_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}

# (pattern, replacement) in the order they apply to one line
RULES: tuple[tuple[regex.Pattern[str], str | Callable[[regex.Match[str]], str]], ...] = (
    # speckle read as marks: a line of nothing else (a rule of dashes aside) ...
    (regex.compile(r"^[\p{P}\s`'^~]*$(?<![—-]+)"), ""),
    # ... or doubling a list label's dot ("10..") ...
    (regex.compile(r"(?<=\d)\.{2,}"), "."),
    # ... or a dot beside Chinese text: a full stop at the line's end, else speckle (but
    # not a list label's "3.")
    (regex.compile(rf"(?<={_HAN})\.$"), "。"),
    (regex.compile(rf"(?:^|(?<=[{_HAN}{_MARKS}]))[.·'`]+|(?<!\d)[.·'`]+(?=[{_MARKS}])"), ""),
    # a page number between dashes, whatever the dashes were read as: —3—
    (regex.compile(rf"^[\s.。·]*[{_DASH}]+[\s.。·]*(\d{{1,4}})[\s.。·]*[{_DASH}]+[\s.。·]*$"),
     r"—\1—"),
    # 发文字号: agency abbreviation, year in 〔〕, serial number, 号
    (regex.compile(rf"(?<={_HAN})\s*[\[【(（〔{{［]\s*((?:19|20)\d\d)\s*[\]】)）〕}}］]"
                   rf"\s*(?=\d+\s*号)"), r"〔\1〕"),
    # a list label's full stop read as a colon: 3：各级 -> 3.各级
    (regex.compile(rf"^(\d{{1,2}})[：:](?={_HAN})"), r"\1."),
    # a bracketed pair holding Chinese, or a list label's number: full-width
    (regex.compile(rf"\(([^()（）]*{_HAN}[^()（）]*|[0-9]{{1,2}}|[一二三四五六七八九十]+)\)"), r"（\1）"),
    # a pair opened in one width and closed in the other
    (regex.compile(r"\(([^()（）]{1,40})）|（([^()（）]{1,40})\)"), r"（\1\2）"),
    # angle brackets (a title inside 《》) read as less-than or as a parenthesis
    (regex.compile(rf"[<〈]([^<>〈〉()（）]*{_HAN}[^<>〈〉()（）]*)[>〉)）]"), r"〈\1〉"),
    (regex.compile(rf"<(?={_HAN})"), "〈"),
    (regex.compile(rf"(?<={_HAN})>"), "〉"),
    # half-width marks read where the full-width one touches Chinese text
    (regex.compile(rf"(?<={_HAN}[)）]?)[,;:?!]|[,;:?!](?={_HAN})"), lambda m: _FULL[m.group()]),
)


def clean(text: str) -> str:
    """One OCR line with the recogniser's punctuation confusions put right."""
    for pattern, replacement in RULES:
        text = pattern.sub(replacement, text)
    return text


def simplify(texts: list[str]) -> list[str]:
    """Traditional forms among simplified text are misreadings: fold them (a page mostly in
    traditional characters is printed so, and kept as printed)."""
    chars = sum(len(text) for text in texts)
    changed = sum(a != b for text in texts for a, b in zip(text, fold(text), strict=True))
    if not changed or changed > LAYOUT.max_traditional * chars:
        return texts
    return [fold(text) for text in texts]
