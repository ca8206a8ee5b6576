"""Outline marker styles, in no particular order: levels come from the order they appear in."""

from __future__ import annotations

from planparse.rules.numerals import CIRCLED, CN_NUMERAL_CHARS, PARENTHESISED

_CN = f"[{CN_NUMERAL_CHARS}]+"
_OPEN, _CLOSE = "[（(]", "[）)]"

# style name -> regex matched at the start of a paragraph; group "num" is the numeral.
# A marker never runs straight into a digit, a percent sign or a decimal point, so that
# wrapped lines starting 1.5亿元 / 3.2% / 2024.6 are not taken for items.
STYLES: dict[str, str] = {
    "part": rf"第\s*(?P<num>{_CN}|\d{{1,2}})\s*部分[\s、:：．.]?",
    "chapter": rf"第\s*(?P<num>{_CN}|\d{{1,2}})\s*章[\s、:：．.]?",
    "cn_dun": rf"(?P<num>{_CN})\s*[、．.](?![{CN_NUMERAL_CHARS}]\s*[、级类是])",
    "cn_paren": rf"(?:{_OPEN}\s*(?P<num>{_CN})\s*{_CLOSE}|(?P<num>[{PARENTHESISED}]))[、．.]?",
    # 1. and 1、 are one style: plans mix them at one level, never use them for two
    "arabic": r"(?P<num>\d{1,3})\s*(?:[.．](?![\d.．%％])|、(?!\d))",
    "ar_paren": rf"{_OPEN}\s*(?P<num>\d{{1,3}})\s*{_CLOSE}",
    "ar_close": rf"(?P<num>\d{{1,2}})\s*{_CLOSE}(?!\s*[、，。,.])",  # 1） with no opening bracket
    "circled": rf"(?P<num>[{CIRCLED}])",
}

# Styles that may open a plan's outline (the first heading of the body).
TOP_STYLES = ("part", "chapter", "cn_dun", "cn_paren", "arabic")
