"""Plain text: detect the encoding, split into lines; tab-separated lines are table rows."""

from __future__ import annotations

import codecs

from planparse.blocks import RIGHT, Block
from planparse.errors import PlanparseError
from planparse.extract import Extracted

FORMAT = "txt"

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Tried in order after the BOM check: UTF-8 is strict enough that GB text never passes it,
# and GB18030 is a superset of GBK and GB2312.
_FALLBACKS = ("utf-8", "gb18030")
# Controls that never occur in a real text document (tab, LF, CR, FF allowed).
_BINARY = {c for c in range(32) if c not in (9, 10, 12, 13)} | {127}
RIGHT_INDENT = 8  # a line pushed this far right is a signature or a date line


def decode(data: bytes) -> tuple[str, str]:
    """Return the text and the name of the encoding it was found to be in."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return _checked(data, name), name
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _checked(data, utf16), utf16
    if b"\x00" in data[:65536]:
        raise PlanparseError("binary data, not a text document")
    for name in _FALLBACKS:
        try:
            return _checked(data, name), name
        except UnicodeDecodeError:
            continue
    raise PlanparseError("undecodable text: not UTF-8, UTF-16 or GB18030/GBK")


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a BOM shows itself by NUL bytes in every other position."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    if odd > 0.3 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.3 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def _checked(data: bytes, encoding: str) -> str:
    text = data.decode(encoding)
    if any(ord(ch) in _BINARY for ch in text[:65536]):
        raise PlanparseError("binary data, not a text document")
    return text


def extract(data: bytes) -> Extracted:
    text, encoding = decode(data)
    if not text.strip():
        raise PlanparseError("the file has no text")
    return Extracted(format=FORMAT, blocks=list(blocks_of(text)), encoding=encoding)


def blocks_of(text: str) -> list[Block]:
    """One block a non-blank line (CRLF, CR and LF all end a line).

    A line with a tab inside it is a table row; blank lines do not end a table (a table dumped
    page by page has them between pages), any other line does.
    """
    blocks: list[Block] = []
    table = -1
    in_table = False
    offset = 0
    for number, raw in enumerate(text.splitlines(keepends=True), start=1):
        line = raw.rstrip("\r\n")
        start, offset = offset, offset + len(raw)
        content = line.strip(" \u3000")
        if not content:
            continue
        if "\t" in content:
            table += 0 if in_table else 1
            in_table = True
            blocks.append(Block(cells=tuple(line.split("\t")), line=number, table=table, offset=start))
            continue
        in_table = False
        indent = len(line) - len(line.lstrip(" \u3000"))
        hints = frozenset({RIGHT}) if indent >= RIGHT_INDENT else frozenset()
        blocks.append(Block(text=line, line=number, hints=hints, offset=start))
    return blocks
