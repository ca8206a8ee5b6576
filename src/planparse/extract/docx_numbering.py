"""Word automatic numbering: the list definitions of numbering.xml and the counters that
render each numbered paragraph's label (``一、`` ``（十一）`` ``1.2``) as Word prints it.

Only the label text matters here; indents, tabs and label fonts are layout.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_VAL = W + "val"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_LEVELS = 9  # Word lists have levels 0-8
_PLACEHOLDER = re.compile(r"%([1-9])")

# ---------------------------------------------------------------------------- numerals

_CN_DIGITS = "零一二三四五六七八九"
_CN_UNITS = ("", "十", "百", "千")
_CN_GROUPS = ("", "万", "亿", "万亿")
_CN_LEGAL = str.maketrans("一二三四五六七八九十百千", "壹贰叁肆伍陆柒捌玖拾佰仟")


def _chinese_group(n: int) -> str:
    """0 < n < 10000 in full: 一千零一, 一百一十 (every 一 written)."""
    out: list[str] = []
    zero_pending = False
    for power in range(3, -1, -1):
        digit = n // 10**power % 10
        if digit == 0:
            zero_pending = bool(out)
            continue
        if zero_pending:
            out.append(_CN_DIGITS[0])
            zero_pending = False
        out.append(_CN_DIGITS[digit] + _CN_UNITS[power])
    return "".join(out)


def _chinese_full(n: int) -> str:
    """0 < n < 10**16 in groups of four digits (万, 亿); a gap before a group reads 零."""
    groups: list[int] = []
    while n:
        groups.append(n % 10000)
        n //= 10000
    out: list[str] = []
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            continue
        if out and (groups[index + 1] == 0 or group < 1000):
            out.append(_CN_DIGITS[0])
        out.append(_chinese_group(group) + _CN_GROUPS[index])
    return "".join(out)


def to_chinese_numeral(n: int) -> str:
    """Write ``0 <= n < 10**16`` in Chinese: 十, 十一, 二十一, 一百零一, 一百一十, 一万零五十.

    A leading 一十 is written 十 (十一, 十万), as in everyday writing and Word's lists.
    """
    if not 0 <= n < 10**16:
        raise ValueError(f"no Chinese numeral for {n}")
    if n == 0:
        return _CN_DIGITS[0]
    text = _chinese_full(n)
    return text[1:] if text.startswith("一十") else text


def _japanese_numeral(n: int) -> str:
    """Japanese counting writes no 零 and no 一 before 十, 百, 千: 百一, 千十."""
    text = _chinese_full(n).replace(_CN_DIGITS[0], "")
    return re.sub("一(?=[十百千])", "", text)


def _roman(n: int) -> str:
    out: list[str] = []
    for value, numeral in (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ):  # fmt: skip
        count, n = divmod(n, value)
        out.append(numeral * count)
    return "".join(out)


def _letters(n: int) -> str:
    """Word's letter lists repeat the letter rather than count in base 26: Z, AA, BB."""
    repeat, index = divmod(n - 1, 26)
    return chr(ord("A") + index) * (repeat + 1)


def _from_set(n: int, first: int, size: int) -> str:
    """Numbers drawn from a run of Unicode characters, decimal past its end (ECMA-376)."""
    return chr(first + n - 1) if 1 <= n <= size else str(n)


def _digits(n: int, glyphs: str) -> str:
    return "".join(glyphs[int(d)] for d in str(n))


_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_FORMATTERS: dict[str, Callable[[int], str]] = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "decimalFullWidth": lambda n: _digits(n, "０１２３４５６７８９"),
    "decimalFullWidth2": lambda n: _digits(n, "０１２３４５６７８９"),
    "decimalEnclosedCircle": lambda n: _from_set(n, 0x2460, 20),  # ①
    "decimalEnclosedCircleChinese": lambda n: _from_set(n, 0x2460, 20),
    "decimalEnclosedParen": lambda n: _from_set(n, 0x2474, 20),  # ⑴
    "decimalEnclosedFullstop": lambda n: _from_set(n, 0x2488, 20),  # ⒈
    "ideographEnclosedCircle": lambda n: _from_set(n, 0x3220, 10),  # ㈠
    "ideographTraditional": lambda n: _TIANGAN[n - 1] if 1 <= n <= 10 else str(n),
    "ideographDigital": lambda n: _digits(n, "〇一二三四五六七八九"),
    "chineseCounting": to_chinese_numeral,
    "chineseCountingThousand": to_chinese_numeral,
    "taiwaneseCounting": to_chinese_numeral,
    "taiwaneseCountingThousand": to_chinese_numeral,
    "chineseLegalSimplified": lambda n: _chinese_full(n).translate(_CN_LEGAL),  # 壹拾
    "japaneseCounting": _japanese_numeral,
    "upperLetter": _letters,
    "lowerLetter": lambda n: _letters(n).lower(),
    "upperRoman": _roman,
    "lowerRoman": lambda n: _roman(n).lower(),
    "none": lambda n: "",
}
# beyond these the repeated-letter and roman forms grow without bound; Word has no
# sensible rendering there either, so a hostile w:start cannot blow up memory
_LIMITS = {"upperLetter": 780, "lowerLetter": 780, "upperRoman": 3999, "lowerRoman": 3999}


def format_number(n: int, fmt: str) -> str:
    """Render counter value ``n`` in w:numFmt ``fmt``; unknown formats fall back to decimal."""
    formatter = _FORMATTERS.get(fmt)
    if formatter is None or not 1 <= n <= _LIMITS.get(fmt, 10**15):
        return "" if fmt == "none" else str(n)
    return formatter(n)


# ---------------------------------------------------------------------------- definitions


def val(parent: etree._Element | None, name: str) -> str | None:
    """The w:val of ``parent``'s child w:``name``, if both exist."""
    if parent is None:
        return None
    child = next(parent.iterchildren(W + name), None)  # faster than find(), which parses a path
    return None if child is None else child.get(_VAL)


def to_int(value: str | None) -> int | None:
    """An integer attribute value; None when absent or malformed."""
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def is_on(toggle: etree._Element | None) -> bool:
    """A w:ST_OnOff toggle such as <w:isLgl/>: present and not switched off."""
    return toggle is not None and toggle.get(_VAL) not in ("0", "false", "off")


@dataclass(frozen=True, slots=True)
class Level:
    """One w:lvl: how a level counts and prints."""

    start: int = 1
    fmt: str = "decimal"
    template: str = ""  # w:lvlText, e.g. "（%1）"
    restart: int | None = None  # w:lvlRestart: restart after this 1-based level; 0 never
    legal: bool = False  # w:isLgl: print every placeholder as decimal
    suffix: str = "tab"  # w:suff: tab | space | nothing
    style: str | None = None  # w:pStyle: the paragraph style bound to this level

    @classmethod
    def parse(cls, lvl: etree._Element) -> Level:
        fmt = lvl.find(W + "numFmt")
        if fmt is None:  # Word 2010+ puts custom formats in mc:AlternateContent
            fmt = lvl.find(f".//{_MC_FALLBACK}/{W}numFmt")
        start = to_int(val(lvl, "start"))
        return cls(
            start=1 if start is None else start,
            fmt=(fmt.get(_VAL) if fmt is not None else None) or "decimal",
            template=val(lvl, "lvlText") or "",
            restart=to_int(val(lvl, "lvlRestart")),
            legal=is_on(lvl.find(W + "isLgl")),
            suffix=val(lvl, "suff") or "tab",
            style=val(lvl, "pStyle"),
        )

    def restarts_after(self, used: int) -> bool:
        """Whether this level starts over when the higher level ``used`` advances."""
        return self.restart is None or used < self.restart


def _levels(lvls: Iterable[etree._Element], only: int | None = None) -> dict[int, Level]:
    """Parse w:lvl elements by their w:ilvl (all, or just level ``only``)."""
    out: dict[int, Level] = {}
    for lvl in lvls:
        ilvl = to_int(lvl.get(W + "ilvl"))
        ilvl = only if ilvl is None else ilvl
        if ilvl is not None and 0 <= ilvl < _LEVELS and only in (None, ilvl):
            out[ilvl] = Level.parse(lvl)
    return out


@dataclass(frozen=True, slots=True)
class Label:
    """A rendered list label and the w:suff that separates it from the paragraph."""

    text: str
    suffix: str

    def prefix(self, text: str) -> str:
        """The label joined to ``text``.  A tab or space suffix becomes nothing (spacing is
        the normaliser's business) unless that would run two numbers or words together."""
        glue = self.suffix != "nothing" and _joins(self.text[-1:], text[:1])
        return self.text + (" " if glue else "") + text


def _joins(left: str, right: str) -> bool:
    """Whether two characters would read as one token: both numerals (1, １, 十) or both
    Latin letters or digits."""
    return bool(left and right) and (
        (left.isnumeric() and right.isnumeric())
        or (left.isascii() and left.isalnum() and right.isascii() and right.isalnum())
    )


@dataclass(slots=True)
class _Instance:
    """One w:num: an abstract list plus this instance's overrides."""

    counters: list[int | None]  # shared by every w:num of the same abstract list
    levels: dict[int, Level]
    start_overrides: dict[int, int]
    used: bool = False

    def first(self, ilvl: int) -> int:
        level = self.levels.get(ilvl)
        return self.start_overrides.get(ilvl, level.start if level else 1)


class Numbering:
    """The lists of a document with live counters: feed it the numbered paragraphs in
    document order and it returns their labels."""

    def __init__(self, root: etree._Element | None, style_num_ids: Mapping[str, str]):
        """Read numbering.xml; ``style_num_ids`` maps each numbering style to its w:numId
        (where a w:numStyleLink points)."""
        self._instances: dict[str, _Instance] = {}
        if root is None:
            return
        abstracts = _by_id(root.iter(W + "abstractNum"), W + "abstractNumId")
        nums = _by_id(root.iter(W + "num"), W + "numId")
        counters: dict[str, list[int | None]] = {}
        levels: dict[str, dict[int, Level]] = {}
        for num_id, num in nums.items():
            abstract_id = _definition(val(num, "abstractNumId"), abstracts, nums, style_num_ids)
            if abstract_id is None:
                continue
            if abstract_id not in levels:
                levels[abstract_id] = _levels(abstracts[abstract_id].iter(W + "lvl"))
                counters[abstract_id] = [None] * _LEVELS
            instance_levels, starts = dict(levels[abstract_id]), {}
            for override in num.iter(W + "lvlOverride"):
                ilvl = to_int(override.get(W + "ilvl"))
                if ilvl is None or not 0 <= ilvl < _LEVELS:
                    continue
                instance_levels.update(_levels(override.iter(W + "lvl"), ilvl))
                start = to_int(val(override, "startOverride"))
                if start is not None:
                    starts[ilvl] = start
            self.define(num_id, counters[abstract_id], instance_levels, starts)

    def define(self, num_id: str, counters: list[int | None], levels: dict[int, Level],
               start_overrides: dict[int, int]) -> None:
        """Add list instance ``num_id``: its levels, the start values it overrides, and the
        counters it shares with every instance of the same abstract list (a Word binary's
        lists arrive this way, see planparse.extract.word_lists)."""
        self._instances[num_id] = _Instance(counters, levels, start_overrides)

    def level_of_style(self, num_id: str, style_id: str | None) -> int | None:
        """The level a paragraph style is bound to in list ``num_id`` (w:lvl/w:pStyle)."""
        instance = self._instances.get(num_id)
        if instance is None or style_id is None:
            return None
        return next((i for i, lvl in instance.levels.items() if lvl.style == style_id), None)

    def label(self, num_id: str, ilvl: int) -> Label | None:
        """Advance list ``num_id`` at level ``ilvl`` and return the label Word prints there
        (None for bullets and for undefined lists or levels)."""
        instance = self._instances.get(num_id)
        level = instance.levels.get(ilvl) if instance else None
        if instance is None or level is None:
            return None
        counters = instance.counters
        if not instance.used:
            # a startOverride restarts the shared counters once, when its w:num first
            # appears; later paragraphs of any w:num of that list carry on from there
            instance.used = True
            for overridden in instance.start_overrides:
                counters[overridden] = None
        previous = counters[ilvl]
        counters[ilvl] = instance.first(ilvl) if previous is None else previous + 1
        for deeper in range(ilvl + 1, _LEVELS):
            below = instance.levels.get(deeper)
            if below is None or below.restarts_after(ilvl):
                counters[deeper] = None
        if level.fmt == "bullet":
            return None
        return Label(_render(instance, level), level.suffix)


def _definition(
    abstract_id: str | None,
    abstracts: Mapping[str, etree._Element],
    nums: Mapping[str, etree._Element],
    style_num_ids: Mapping[str, str],
) -> str | None:
    """The abstract list that holds the levels: an abstract list that only names a list
    style (w:numStyleLink) borrows the levels of the list that style numbers with."""
    seen: set[str] = set()
    while abstract_id is not None and abstract_id in abstracts and abstract_id not in seen:  # links may loop
        seen.add(abstract_id)
        link = val(abstracts[abstract_id], "numStyleLink")
        target = nums.get(style_num_ids[link]) if link is not None and link in style_num_ids else None
        linked = val(target, "abstractNumId")
        if linked not in abstracts:
            break
        abstract_id = linked
    return abstract_id if abstract_id in abstracts else None


def _by_id(elements: Iterable[etree._Element], attribute: str) -> dict[str, etree._Element]:
    """Elements by their id attribute; elements without one cannot be referred to."""
    return {key: element for element in elements if (key := element.get(attribute)) is not None}


def _render(instance: _Instance, level: Level) -> str:
    """Fill the %1..%9 placeholders of ``level``'s template from the current counters."""

    def number(match: re.Match[str]) -> str:
        ilvl = int(match.group(1)) - 1
        shown = instance.levels.get(ilvl)
        if shown is None or shown.fmt == "bullet":
            return ""
        value = instance.counters[ilvl]
        if value is None:  # a level not reached yet prints its start value
            value = instance.first(ilvl)
        return format_number(value, "decimal" if level.legal else shown.fmt)

    return _PLACEHOLDER.sub(number, level.template)
