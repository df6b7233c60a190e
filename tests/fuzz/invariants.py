"""What must hold for every input, fuzzed or not (shared by the fuzz harness and its replay)."""

from __future__ import annotations

import json

from worksheet_parser import Document, from_dict, parse_bytes, to_dict
from worksheet_parser._text._normalize import normalize


def check_bytes(data: bytes) -> Document:
    """Parse ``data`` and assert the library's contract on the result."""
    doc = parse_bytes(data)
    assert isinstance(doc, Document)
    text = data.decode("utf-8-sig", errors="replace")
    size = len(text)
    codes = {d.code for d in doc.diagnostics}
    assert "internal-error" not in codes, [d.message for d in doc.diagnostics]
    for d in doc.diagnostics:
        if d.span is not None:
            assert 0 <= d.span.start <= d.span.end <= size
    for line in doc.unrecognized:
        assert 0 <= line.span.start <= line.span.end <= size
        assert normalize(line.span.slice(text)).text.strip() == line.text.strip()
    for ws in doc.worksheets:
        for span in ws.field_spans.values():
            assert 0 <= span.start <= span.end <= size
    # The export round-trips and is valid JSON.
    data_out = to_dict(doc)
    assert from_dict(json.loads(json.dumps(data_out)), Document) == doc
    return doc
