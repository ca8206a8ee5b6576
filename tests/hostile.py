"""Hostile files, built small: a few KB on disk that unfold into huge work or memory.

Used by the tests and by benchmarks/bench_robustness.py; written by hand (raw PDF objects,
a zip with deflated parts) so nothing here comes from elsewhere.
"""

from __future__ import annotations

import io
import zipfile
import zlib


def _pdf(objects: list[bytes]) -> bytes:
    """A PDF of ``objects`` (numbered from 1; 1 is the catalog) with a correct xref."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def _stream(content: bytes, extra: bytes = b"") -> bytes:
    packed = zlib.compress(content, 9)
    return b"<< /Length %d /Filter /FlateDecode %s >>\nstream\n" % (len(packed), extra) + packed + b"\nendstream"


_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def _one_page(content: bytes, xobjects: bytes = b"", extra: list[bytes] | None = None) -> bytes:
    resources = b"<< /Font << /F1 4 0 R >> /XObject << %s >> >>" % xobjects
    return _pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources %s /Contents 5 0 R >>"
        % resources,
        _FONT,
        _stream(content),
        *(extra or []),
    ])


def nested_forms(depth: int = 7, fanout: int = 10, page_draws: int = 1, packed: bool = False) -> bytes:
    """Form XObjects each drawing the one below ``fanout`` times, the page drawing the top one
    ``page_draws`` times: page_draws * fanout**depth text objects.  ``packed`` puts each form's
    resources in an object stream, where only a reader of object streams finds them."""
    forms, dicts = [], []
    first = 6  # object number of the innermost form
    for level in range(depth):
        number = first + level
        if level == 0:
            body = b"BT /F1 9 Tf 10 10 Td (x) Tj ET"
            resources = b"<< /Font << /F1 4 0 R >> >>"
        else:
            body = b"q /X Do Q " * fanout
            resources = b"<< /XObject << /X %d 0 R >> /Font << /F1 4 0 R >> >>" % (number - 1)
        if packed:
            dicts.append(resources)
            resources = b"%d 0 R" % (first + depth + 1 + level)
        forms.append(_stream(body, b"/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources %s"
                             % resources))
    top = first + depth - 1
    extra = forms + ([_object_stream(first + depth + 1, dicts)] if packed else [])
    return _one_page(b"q /Top Do Q " * page_draws, b"/Top %d 0 R" % top, extra)


def _object_stream(first_number: int, bodies: list[bytes]) -> bytes:
    """An object stream holding ``bodies`` as objects first_number, first_number + 1, …"""
    offsets, joined = [], b""
    for body in bodies:
        offsets.append(len(joined))
        joined += body + b" "
    header = b" ".join(b"%d %d" % (first_number + i, offset) for i, offset in enumerate(offsets)) + b" "
    return _stream(header + joined, b"/Type /ObjStm /N %d /First %d" % (len(bodies), len(header)))


def long_text_object(chars: int = 5_000_000) -> bytes:
    """One text object showing ``chars`` characters."""
    return _one_page(b"BT /F1 1 Tf 10 800 Td (" + b"a" * chars + b") Tj ET")


def many_text_objects(count: int = 200_000) -> bytes:
    """``count`` text objects on one page."""
    return _one_page(b"BT /F1 9 Tf 10 10 Td (x) Tj ET\n" * count)


_RELS = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
         'relationships"><Relationship Id="r1" Target="styles.xml" Type="http://schemas.openxmlformats'
         '.org/officeDocument/2006/relationships/styles"/><Relationship Id="r2" Target="numbering.xml"'
         ' Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering"/>'
         '</Relationships>')


def docx_bomb(part_mb: int = 190, parts: int = 4) -> bytes:
    """A .docx whose XML parts each inflate to ``part_mb`` MB (deflate shrinks them ~1000x)."""
    text = "<w:p><w:r><w:t>一、加强政务公开</w:t></w:r></w:p>".encode()
    body = text * (part_mb * 1_000_000 // len(text))
    document = (b'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w='
                b'"http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
                + body + b"</w:body></w:document>")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as package:
        package.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://'
                         'schemas.openxmlformats.org/package/2006/content-types"/>')
        package.writestr("word/_rels/document.xml.rels", _RELS)
        package.writestr("word/document.xml", document)
        for name in ("styles", "numbering", "settings")[: parts - 1]:
            package.writestr(f"word/{name}.xml", document.replace(b"w:document", b"w:" + name.encode()))
    return out.getvalue()
