"""Clean-ups of OCR text: the confusions a recogniser makes on Chinese official documents.

The recogniser reads glyphs, not conventions: the half-width twin of a full-width mark
(a 公文 sets ， ； ： （ ） between Chinese characters), another pair of brackets round a
document number's year (〔2024〕), a traditional form of a simplified character.  Each
rule is a pattern over the text alone, true of any plan.
"""

from __future__ import annotations

import regex

from planparse.fold import fold

_HAN = r"\p{Han}"
# half-width marks read where the full-width one touches Chinese text
_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}
_HALF_BY_HAN = regex.compile(rf"(?<={_HAN}[)）]?)[,;:?!]|[,;:?!](?={_HAN})")
# a bracketed pair holding Chinese, or opening a line as a list label: full-width
_PARENS = regex.compile(rf"\(([^()（）]*{_HAN}[^()（）]*|[0-9]{{1,2}}|[一二三四五六七八九十]+)\)")
# a pair opened in one width and closed in the other
_MIXED_PARENS = regex.compile(r"\(([^()（）]{1,40})）|（([^()（）]{1,40})\)")
# 发文字号: agency abbreviation, year in 〔〕, serial number, 号
_DOC_NUMBER_YEAR = regex.compile(rf"(?<={_HAN})\s*[\[【(（〔{{［]\s*((?:19|20)\d\d)\s*[\]】)）〕}}］]"
                                 rf"\s*(?=\d+\s*号)")
_SENTENCE_DOT = regex.compile(rf"(?<={_HAN})\.(?=$|{_HAN})")
MAX_TRADITIONAL = 0.05  # share of traditional forms below which they are misreadings


def clean(text: str) -> str:
    """One OCR line with the recogniser's punctuation confusions put right."""
    text = _DOC_NUMBER_YEAR.sub(r"〔\1〕", text)
    text = _PARENS.sub(r"（\1）", text)
    text = _MIXED_PARENS.sub(r"（\1\2）", text)
    text = _HALF_BY_HAN.sub(lambda m: _FULL[m.group()], text)
    return _SENTENCE_DOT.sub("。", text)


def simplify(texts: list[str]) -> list[str]:
    """Traditional forms among simplified text are misreadings: fold them (a page mostly in
    traditional characters is printed so, and kept as printed)."""
    chars = sum(len(text) for text in texts)
    changed = sum(a != b for text in texts for a, b in zip(text, fold(text)))
    if not changed or changed > MAX_TRADITIONAL * chars:
        return texts
    return [fold(text) for text in texts]
