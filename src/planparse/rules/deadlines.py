"""The deadline grammar: phrases, what kind of time limit each is, and where it counts.

Simplified forms only: text is folded (planparse.grammar.fold) before it meets these rules.

Each rule: (resolve, kind, where, pattern).  ``resolve`` names the resolver in
planparse.grammar.deadlines.RESOLVERS that dates a match (day, month, quarter_end, half_end,
year_end; yearly_day, yearly_month_end, yearly_year_end for --MM-DD; undated for none);
``where`` is "inline" for bounds that count anywhere in a task's text, "field" for plain time
values that count only in a 完成时限 field or as a clause of the responsibility parenthetical.
Rules are tried in order; an earlier rule wins where two overlap.  Named groups feed the
resolver, which needs its own in the pattern (checked on load): y (year), rel (次年/当年 …: a
year named relative to the document's), m (month), d (day), part (上旬/中旬/下旬/底/末),
q (quarter), half (上/下).
"""

from __future__ import annotations

from planparse.models import DeadlineKind
from planparse.rules.numerals import CN_NUMERAL_CHARS

_CN = f"[{CN_NUMERAL_CHARS}]"
_Y = (rf"(?:(?:(?P<y>\d{{4}}|{_CN}{{4}})\s*年|(?P<rel>次年|明年|翌年|下一?年|当年|今年|本年))"
      rf"\s*(?:度\s*)?)")
# A year that shares its 年 with 年底 (2023年底, 次年底) or repeats it (2023年年底, 今年年底).
_YN = rf"(?:(?:(?P<y>\d{{4}}|{_CN}{{4}})|(?P<rel>次|明|翌|当|今|本))\s*(?:年\s*(?=年))?)?"
_M = r"(?P<m>(?<!\d)(?:1[0-2]|0?[1-9])|十[一二]?|[一二三四五六七八九])\s*月"
_D = rf"(?P<d>(?<!\d)(?:3[01]|[12]\d|0?[1-9])|{_CN}{{1,3}})\s*[日号]"
_M_START = rf"(?:\d{{1,2}}|{_CN}{{1,3}})\s*月?\s*(?:上旬|中旬|下旬|初|底|末)?"  # a range's first month
_TO = r"(?:至|到|[—\-~～－–]+)"
_DOT = r"\s*[.．/／\-]\s*"
_BEFORE = r"(?:之前|以前|前|止)"
_BOUND = rf"(?:{_BEFORE}|完成|底前|内)"
_NUM = rf"(?:\d{{1,4}}|{_CN}{{1,3}}|半)"
_SPAN = r"(?:个\s*)?(?:工作日|自然日|日|天|小时|分钟|周|星期|个月|月|年)"
# After a period that is a span of reporting, not a time to act: 上半年的, 一季度以来, 同比.
_AFTER_PERIOD = r"的|以来|同比|末以来|至(?!少)|[，,、和及到—\-]"
# Words that make a phrase a frequency, not a deadline: 每年至少一次, 每季度, 按月.
NOT_AFTER = r"(?<!每)(?<!每\s)(?<!按)(?<!每个)"

RULES: list[tuple[str, DeadlineKind, str, str]] = [
    ("yearly_day", "recurring", "inline", rf"每年度?\s*的?\s*{_M}\s*{_D}\s*{_BEFORE}"),
    ("yearly_month_end", "recurring", "inline", rf"每年度?\s*的?\s*{_M}\s*(?P<part>底|末)\s*{_BEFORE}?"),
    # a point in each month or quarter (no --MM-DD to give): 每月10日前, 每季度末, 每月底前
    ("undated", "recurring", "inline", rf"每个?月\s*的?\s*{_D}\s*{_BEFORE}"),
    ("undated", "recurring", "inline", rf"每个?(?:月|季度?|半年)\s*(?:末|底|结束前)\s*{_BEFORE}?"),
    ("yearly_year_end", "recurring", "inline", rf"每年\s*(?:年\s*)?[底末]\s*{_BEFORE}?"),
    # a span from now, or between two months, ends at its second value: 即日起至2024年12月31日,
    # 2024年6月至12月, 2023年6月—12月 (also in a field)
    ("day", "date", "inline", rf"即日起\s*至\s*{_Y}?{_M}\s*{_D}"),
    ("day", "date", "inline",
     rf"{NOT_AFTER}{_Y}?{_M_START}\s*(?:\d{{1,2}}|{_CN}{{1,3}})\s*[日号]\s*{_TO}\s*{_Y}?{_M}\s*{_D}"),
    # a plan by month opens each item with its month: 1月：… / 2月份：… (also 4月—5月：…)
    ("month", "date", "inline", rf"^{_Y}?{_M}\s*份?(?=\s*[:：])"),
    ("month", "date", "inline", rf"即日起\s*至\s*{_Y}?{_M}\s*(?P<part>上旬|中旬|下旬|底|末)?"),
    ("year_end", "date", "inline", rf"即日起\s*至\s*{_YN}年\s*[底末]"),
    ("month", "date", "inline",
     rf"{NOT_AFTER}{_Y}?{_M_START}\s*{_TO}\s*{_Y}?{_M}\s*(?P<part>上旬|中旬|下旬|底|末)?"),
    ("day", "date", "inline", rf"{NOT_AFTER}{_Y}?{_M}\s*{_D}\s*{_BOUND}"),
    ("day", "date", "field", rf"{NOT_AFTER}{_Y}?{_M}\s*{_D}"),
    ("month", "date", "inline",
     rf"{NOT_AFTER}{_Y}?{_M}\s*(?P<part>上旬|中旬|下旬|底|末|份)?\s*{_BOUND}"),
    ("month", "date", "field", rf"{NOT_AFTER}{_Y}?{_M}\s*(?P<part>上旬|中旬|下旬|底|末|份)?"),
    ("quarter_end", "date", "inline",
     rf"{NOT_AFTER}{_Y}?第?\s*(?P<q>[一二三四1-4])\s*季度\s*(?:末|底)?\s*{_BOUND}"),
    ("quarter_end", "date", "field", rf"{NOT_AFTER}{_Y}?第?\s*(?P<q>[一二三四1-4])\s*季度\s*(?:末|底)?"),
    ("half_end", "date", "inline", rf"{_Y}?(?P<half>上|下)\s*半\s*年\s*{_BOUND}"),
    # a quarter or half-year named as when the task is done: 2022年三季度组织开展, 上半年召开
    ("quarter_end", "date", "inline",
     rf"{NOT_AFTER}{_Y}?第?\s*(?P<q>[一二三四1-4])\s*季度(?!\s*(?:{_AFTER_PERIOD}))"),
    ("half_end", "date", "inline", rf"{NOT_AFTER}{_Y}?(?P<half>上|下)\s*半\s*年(?!\s*(?:{_AFTER_PERIOD}))"),
    ("month", "date", "inline", rf"{NOT_AFTER}{_Y}?{_M}\s*份(?!\s*(?:{_AFTER_PERIOD}))"),  # 10月份组织
    ("half_end", "date", "field", rf"{_Y}?(?P<half>上|下)\s*半\s*年"),
    ("year_end", "date", "inline", rf"{_YN}年\s*[底末]\s*{_BOUND}"),
    ("year_end", "date", "inline", rf"{_Y}(?:年\s*)?内"),
    ("year_end", "date", "inline", rf"(?<![\d{CN_NUMERAL_CHARS}两几多每半])(?:本|今)?(?:年\s*内|年度内)"),
    ("year_end", "date", "field", rf"{_YN}年\s*[底末]"),
    ("year_end", "date", "field", rf"{_Y}(?:内|前|完成)?"),
    ("year_end", "date", "field", rf"{_Y}?全年"),  # a time column's 全年, as 年内
    # a range of years, only in a field (inline it names a plan's period: 2021—2025年规划)
    ("year_end", "date", "field", rf"(?:\d{{4}}|{_CN}{{4}})\s*年?\s*{_TO}\s*{_Y}\s*[底末]?"),
    # numeric dates in a table's time column: 2023.12.31, 2023/6, 2023-06
    ("day", "date", "field",
     rf"(?P<y>\d{{4}}){_DOT}(?P<m>1[0-2]|0?[1-9]){_DOT}(?P<d>3[01]|[12]\d|0?[1-9])(?!\d)"),
    ("month", "date", "field", rf"(?P<y>\d{{4}}){_DOT}(?P<m>1[0-2]|0?[1-9])(?!\d)"),
    ("undated", "relative", "inline", rf"{_NUM}\s*{_SPAN}\s*(?:内|以内|之内)"),
    ("undated", "ongoing", "field",
     r"长期坚持|持续推进|持续开展|常态化推进|常态化开展|常态化|长期推进|长期执行|长期|持续|即时|立即|"
     r"随时|及时"),
]
# Years named relative to the document's year.
NEXT_YEAR = ("次", "明", "翌", "下")
# Before a relative span, the event it counts from (文件发布后, 收到申请之日起): a run of
# text ending with one of these, cut at punctuation; leading helper words are dropped.
RELATIVE_ANCHOR_END = ("之日起", "之日后", "后", "起", "以后", "之后")
RELATIVE_HELPERS = ("确保", "应当", "应在", "须在", "需在", "要在", "并在", "自", "在", "于", "从", "应",
                    "须", "需", "要", "并", "均")
# Words that open a later clause of a field and add nothing (2024年底前，并长期坚持).
FIELD_LEADERS = r"^(?:并且?|且|同时|此后|之后|以后)\s*"
# Deadline words in a field that follow the time value and add nothing (…前完成, …持续推进).
FIELD_TRAILERS = r"(?:前|之前|以前)?\s*(?:完成|落实|实现|到位|启动|出台|开展|推进)?"
# The day a month's part names (上旬 → 10th, 中旬 → 20th); any other part, or none, is its last day.
PART_DAYS = {"上旬": 10, "中旬": 20}
QUARTERS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
