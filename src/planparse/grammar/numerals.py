"""Chinese and circled numerals as integers: 十一 → 11, 二〇二三 → 2023 (digit by digit), ③ → 3."""

from __future__ import annotations

from planparse.rules.numerals import CIRCLED, DIGITS, PARENTHESISED, UNITS


def cn_to_int(text: str) -> int | None:
    """Value of a Chinese numeral written with units (一百零三) or digit by digit (二〇二三)."""
    if not text or any(ch not in DIGITS and ch not in UNITS for ch in text):
        return None
    if not any(ch in UNITS for ch in text):
        value = 0
        for ch in text:
            value = value * 10 + DIGITS[ch]
        return value
    total, digit = 0, None
    for ch in text:
        if ch in DIGITS:
            digit = DIGITS[ch]
        else:
            total += (1 if digit is None else digit) * UNITS[ch]
            digit = None
    return total + (digit or 0)


def to_int(text: str) -> int | None:
    """Value of an Arabic, Chinese or circled numeral; None when ``text`` is none of these."""
    if text.isascii() and text.isdigit():
        return int(text)
    if len(text) == 1 and text in CIRCLED:
        return CIRCLED.index(text) + 1
    if len(text) == 1 and text in PARENTHESISED:
        return PARENTHESISED.index(text) + 1
    return cn_to_int(text)
