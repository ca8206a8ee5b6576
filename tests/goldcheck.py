"""Compare planparse output with a gold file (format: ../shared/eval/GOLD.md), field by field.

The measures are those of the shared scorer: text compared after NFKC with all whitespace
removed and a trailing 。 dropped; titles only where the gold has one; units per role and
deadlines as sets of (kind, date). Stricter than the scorer in one way: markers must match.
``differences`` lists every disagreement; none means 1.000.
"""

from __future__ import annotations

import re
import unicodedata

_SPACE = re.compile(r"\s+")
META_FIELDS = ("title", "plan_title", "issuer", "doc_number", "signed_date", "publicity",
               "printed_by", "printed_date")
STRICT_NULL = {"doc_number", "signed_date", "publicity", "printed_by", "printed_date"}
ROLES = ("lead", "responsible", "cooperating")


def norm(value: object) -> str | None:
    if value is None:
        return None
    return _SPACE.sub("", unicodedata.normalize("NFKC", str(value))).rstrip("。.")


def _walk(sections: list[dict]):
    for section in sections:
        yield section
        yield from _walk(section.get("children") or [])


def differences(gold: dict, pred: dict) -> list[str]:
    return [*_metadata(gold["metadata"], pred["metadata"]), *_sections(gold, pred), *_tasks(gold, pred)]


def _metadata(gold: dict, pred: dict) -> list[str]:
    diffs = []
    for name in META_FIELDS:
        want, got = norm(gold.get(name)), norm(pred.get(name))
        if want is None and (name not in STRICT_NULL or got is None):
            continue
        if want != got:
            diffs.append(f"metadata.{name}: want {want!r} got {got!r}")
    if [norm(r) for r in gold.get("recipients") or []] != [norm(r) for r in pred.get("recipients") or []]:
        diffs.append(f"metadata.recipients: want {gold.get('recipients')} got {pred.get('recipients')}")
    if gold.get("year") is not None and gold["year"] != pred.get("year"):
        diffs.append(f"metadata.year: want {gold['year']} got {pred.get('year')}")
    return diffs


def _sections(gold: dict, pred: dict) -> list[str]:
    want = {(s["id"], norm(s["title"])) for s in gold["sections"]}
    got = {(s["id"], norm(s["title"])) for s in _walk(pred["sections"])}
    return [f"section missing {s}" for s in sorted(want - got)] + [
        f"section extra {s}" for s in sorted(got - want)]


def _tasks(gold: dict, pred: dict) -> list[str]:
    want, got = gold["tasks"], pred["tasks"]
    diffs = [] if len(want) == len(got) else [f"tasks: want {len(want)} got {len(got)}"]
    for g, p in zip(want, got):
        diffs.extend(_task(g, p))
    return diffs


def _task(g: dict, p: dict) -> list[str]:
    where = f"task {g['id']}"
    diffs = []
    if g["id"] != p["id"]:
        diffs.append(f"{where}: id {p['id']!r}")
    if norm(g["text"]) != norm(p["text"]):
        diffs.append(f"{where}: text\n  want {norm(g['text'])}\n  got  {norm(p['text'])}")
    if g.get("title") and norm(g["title"]) != norm(p.get("title")):
        diffs.append(f"{where}: title want {g['title']!r} got {p.get('title')!r}")
    if norm(g.get("marker")) != norm(p.get("marker")):
        diffs.append(f"{where}: marker want {g.get('marker')!r} got {p.get('marker')!r}")
    for role in ROLES:
        want = sorted(norm(u) for u in g.get(role) or [])
        got = sorted(norm(u) for u in p["units"].get(role) or [])
        if want != got:
            diffs.append(f"{where}: {role} want {want} got {got}")
    want_dl = sorted({(d["kind"], d.get("date") or "") for d in g.get("deadlines") or []})
    got_dl = sorted({(d["kind"], d.get("date") or "") for d in p.get("deadlines") or []})
    if want_dl != got_dl:
        diffs.append(f"{where}: deadlines want {want_dl} got {got_dl}")
    return diffs
