"""``planparse report``: one self-contained HTML page over many plans, for reading and printing.

A deadline timeline by month, a unit × section matrix of task counts by role, the tasks of
each unit, and the documents with their warnings and confidence; a search box filters every
table.  No network and no CDN: styles and the few lines of script are inline.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape

from planparse.ledger.entries import Entry, entries
from planparse.models import PlanDocument

ROLES = (("lead", "牵头"), ("responsible", "负责"), ("cooperating", "配合"))
NO_SECTION = "（无章节）"


@dataclass(frozen=True)
class _Row:
    """A task with the document it belongs to."""

    entry: Entry
    title: str  # the document's title

    @property
    def label(self) -> str:
        return self.entry.title or _clip(self.entry.text, 50)


def render(documents: Iterable[PlanDocument]) -> str:
    """The whole report page for ``documents``."""
    docs = list(documents)
    rows = [_Row(entry, doc.metadata.title or doc.source.path) for doc in docs
            for entry in entries(doc)]
    body = "\n".join((_timeline(rows), _matrix(rows), _units(rows), _documents(docs)))
    summary = f"{len(docs)} 份文件，{len(rows)} 项任务"
    return PAGE.format(summary=escape(summary), body=body)


def _timeline(rows: list[_Row]) -> str:
    by_month: dict[str, list[_Row]] = defaultdict(list)
    undated: Counter[str] = Counter()
    for row in rows:
        due = row.entry.due
        if due is not None:
            by_month[due.strftime("%Y-%m")].append(row)
        else:
            undated[row.entry.kind_label or "未定时限"] += 1
    most = max((len(v) for v in by_month.values()), default=1)
    bars = "".join(
        f'<div class="month"><span class="when">{month}</span>'
        f'<span class="bar" style="width:{100 * len(items) / most:.0f}%">{len(items)}</span>'
        f'<ul>{"".join(_task_item(r) for r in items)}</ul></div>'
        for month, items in sorted(by_month.items()))
    rest = "、".join(f"{escape(kind)} {count}" for kind, count in undated.most_common())
    return (f'<section id="timeline"><h2>完成时限（按月）</h2>{bars or "<p>没有具体日期的时限。</p>"}'
            f'<p class="note">无具体日期：{rest or "无"}</p></section>')


def _task_item(row: _Row) -> str:
    return (f'<li class="row">{escape(row.entry.task_id)} {escape(row.label)}'
            f' <span class="doc">{escape(row.title)}</span></li>')


def _matrix(rows: list[_Row]) -> str:
    """One table per document: its units down, its top-level sections across."""
    by_document: dict[str, list[_Row]] = defaultdict(list)
    for row in rows:
        by_document[row.title].append(row)
    tables = "".join(_document_matrix(title, items) for title, items in by_document.items())
    return f'<section id="matrix"><h2>单位 × 章节（任务数：牵头/负责/配合）</h2>{tables}</section>'


def _document_matrix(title: str, rows: list[_Row]) -> str:
    sections = list(dict.fromkeys(row.entry.level1 or NO_SECTION for row in rows))
    counts: dict[str, Counter[tuple[str, str]]] = defaultdict(Counter)
    for row in rows:
        for role, _ in ROLES:
            for unit in getattr(row.entry, role):
                counts[unit][(row.entry.level1 or NO_SECTION, role)] += 1
    head = "".join(f'<th title="{escape(s)}">{escape(_clip(s, 14))}</th>' for s in sections)
    lines = []
    for unit in sorted(counts, key=lambda u: (-sum(counts[u].values()), u)):
        cells = "".join(f"<td>{_cell(counts[unit], s)}</td>" for s in sections)
        lines.append(f'<tr class="row"><th class="unit">{escape(unit)}</th>{cells}</tr>')
    return (f'<table class="matrix"><caption>{escape(title)}</caption><thead><tr><th>单位</th>'
            f'{head}</tr></thead><tbody>{"".join(lines)}</tbody></table>')


def _cell(counts: Counter[tuple[str, str]], section: str) -> str:
    parts = [f'<span class="{role}">{counts[(section, role)]}</span>' if counts[(section, role)]
             else "·" for role, _ in ROLES]
    return "/".join(parts) if any(counts[(section, role)] for role, _ in ROLES) else ""


def _units(rows: list[_Row]) -> str:
    tasks: dict[str, list[tuple[str, _Row]]] = defaultdict(list)
    for row in rows:
        for role, word in ROLES:
            for unit in getattr(row.entry, role):
                tasks[unit].append((word, row))
    blocks = []
    for unit in sorted(tasks, key=lambda u: (-len(tasks[u]), u)):
        lines = "".join(
            f'<tr class="row"><td>{word}</td><td>{escape(row.title)}</td>'
            f'<td>{escape(row.entry.task_id)}</td><td>{escape(row.label)}</td>'
            f'<td>{escape("；".join(row.entry.deadline_raw))}</td></tr>' for word, row in tasks[unit])
        blocks.append(f'<details><summary>{escape(unit)}（{len(tasks[unit])}）</summary>'
                      f'<table><thead><tr><th>角色</th><th>文件</th><th>编号</th><th>任务</th>'
                      f'<th>完成时限</th></tr></thead><tbody>{lines}</tbody></table></details>')
    return f'<section id="units"><h2>各单位任务</h2>{"".join(blocks)}</section>'


def _documents(docs: Sequence[PlanDocument]) -> str:
    lines = []
    for doc in docs:
        warnings = "".join(f"<li>{escape(w.code)}：{escape(w.message)}</li>" for w in doc.warnings)
        low = ' class="row low"' if doc.confidence < 0.8 else ' class="row"'
        lines.append(f'<tr{low}><td>{escape(doc.metadata.title or "")}</td>'
                     f'<td>{escape(doc.source.path)}</td><td>{len(doc.tasks)}</td>'
                     f'<td>{doc.confidence:.2f}</td><td><ul>{warnings}</ul></td></tr>')
    return (f'<section id="documents"><h2>文件</h2><table><thead><tr><th>标题</th><th>文件</th>'
            f'<th>任务数</th><th>可信度</th><th>警告</th></tr></thead>'
            f'<tbody>{"".join(lines)}</tbody></table></section>')


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


PAGE = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>planparse 台账报告</title>
<style>
body {{ font-family: "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; margin: 1.5em; color: #222; }}
h1 {{ font-size: 1.4em; }} h2 {{ font-size: 1.15em; border-bottom: 2px solid #b22; padding-bottom: .2em; }}
table {{ border-collapse: collapse; width: 100%; margin: .5em 0 1em; font-size: .9em; }}
th, td {{ border: 1px solid #ccc; padding: .25em .5em; text-align: left; vertical-align: top; }}
thead th {{ background: #f3f3f3; }}
caption {{ text-align: left; font-weight: bold; padding: .3em 0; }}
th.unit {{ white-space: nowrap; }} .matrix td {{ text-align: center; white-space: nowrap; }}
.month {{ display: grid; grid-template-columns: 6em 1fr; gap: .2em .6em; margin: .2em 0; }}
.bar {{ background: #b22; color: #fff; padding: 0 .4em; min-width: 1.5em; display: inline-block; }}
.month ul {{ grid-column: 2; margin: 0; padding-left: 1.2em; font-size: .85em; }}
.doc, .note {{ color: #777; font-size: .85em; }}
.lead {{ font-weight: bold; color: #b22; }} .responsible {{ color: #245; }} .cooperating {{ color: #777; }}
.low td {{ background: #fff4e0; }}
#search {{ font-size: 1em; padding: .3em .5em; width: 20em; }}
@media print {{ #search {{ display: none; }} details > * {{ display: block; }}
  section {{ break-inside: avoid-page; }} }}
</style></head>
<body>
<h1>planparse 台账报告</h1>
<p>{summary} <input id="search" type="search" placeholder="搜索单位、任务、文件…"></p>
{body}
<script>
var search = document.getElementById("search");
function filter(query) {{
  document.querySelectorAll(".row").forEach(function (row) {{
    row.style.display = !query || row.textContent.indexOf(query) >= 0 ? "" : "none";
  }});
  document.querySelectorAll("details").forEach(function (d) {{ d.open = !!query; }});
}}
search.addEventListener("input", function () {{ filter(search.value.trim()); }});
// report.html#q=财政局 opens the report already filtered (a link to share)
if (location.hash.indexOf("#q=") === 0) {{
  search.value = decodeURIComponent(location.hash.slice(3));
  filter(search.value.trim());
}}
window.addEventListener("beforeprint", function () {{
  document.querySelectorAll("details").forEach(function (d) {{ d.open = true; }});
}});
</script>
</body></html>
"""
