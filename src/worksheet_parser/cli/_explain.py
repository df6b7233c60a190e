"""The ``explain`` command: how each field of one input was read, with its span and the
repairs made.
"""

from __future__ import annotations

import argparse
import bisect
import collections
import contextlib
import json
import sys
from typing import Any

import attrs

from worksheet_parser._api import parse, parse_bytes
from worksheet_parser._errors import DEFAULT_MAX_SIZE, InputTooLargeError
from worksheet_parser._examples import EXAMPLE, example_text
from worksheet_parser._inputs import read_limited
from worksheet_parser._models import Document, Span
from worksheet_parser._outputs._export import converter
from worksheet_parser._safe import shown
from worksheet_parser._scan._pages import is_scan
from worksheet_parser._text._decode import decode
from worksheet_parser._text._normalize import normalize
from worksheet_parser.cli._common import EXIT_FAILED, EXIT_OK, _say, _usage
from worksheet_parser.cli._item import _read_scan, _read_stdin, _too_large
from worksheet_parser.cli._parse import _encoding


def _show(value: Any) -> str:
    if attrs.has(type(value)):
        data = {
            k: v
            for k, v in converter.unstructure(value).items()
            if k not in {"raw", "span", "field_spans", "unread"} and v not in (None, [], "")
        }
        text = json.dumps(data, ensure_ascii=False)
    else:
        text = json.dumps(converter.unstructure(value), ensure_ascii=False)
    return text if len(text) <= 72 else text[:71] + "…"


def _field_value(block: Any, name: str) -> Any:
    base, _, index = name.partition("[")
    value: Any = getattr(block, base, None)
    if index and value is not None:
        with contextlib.suppress(IndexError, TypeError, ValueError):
            value = value[int(index.rstrip("]"))]
    return value


@attrs.frozen
class _Note:
    start: int
    end: int
    label: str


def _explain(name: str, text: str, doc: Document | None = None) -> str:
    """Return the annotated listing of ``text`` (see ``worksheet-parser explain``)."""
    if doc is None:
        doc = parse(text)
    norm = normalize(text)
    origin = [norm.to_original(i) for i in range(len(norm.text) + 1)]

    def to_norm(start: int, end: int) -> tuple[int, int]:
        s = max(0, bisect.bisect_right(origin, start) - 1)
        e = max(s, bisect.bisect_left(origin, end))
        return s, e

    notes: list[_Note] = []
    blocks: list[tuple[int, str]] = []

    def note(span: Span | None, label: str) -> None:
        if span is not None:
            notes.append(_Note(*to_norm(span.start, span.end), label))

    kinds = ("headers", "worksheets", "review_stamps", "release_stamps", "letters")
    for kind in kinds:
        for i, block in enumerate(getattr(doc, kind)):
            path = f"{kind}[{i}]"
            if block.span is not None:
                s, _ = to_norm(block.span.start, block.span.end)
                last, _ = norm.position(max(block.span.start, block.span.end - 1))
                blocks.append((s, f"{path}: lines {block.span.line}-{last}"))
            for field, span in block.field_spans.items():
                note(span, f"{path}.{field} = {_show(_field_value(block, field))}")
            for r, entry in enumerate(getattr(block, "routing", ())):
                for field, span in entry.field_spans.items():
                    note(span, f"{path}.routing[{r}].{field} = {_show(_field_value(entry, field))}")
    for d in doc.diagnostics:
        if d.original is not None and d.repaired is not None:
            what = f"{d.original!r} -> {d.repaired!r}"
        elif d.original is not None and d.original not in d.message:
            what = f"{d.original!r}: {d.message}"
        else:
            what = d.message
        note(d.span, f"{d.code} ({d.severity.value}): {what}")

    lines = norm.text.split("\n")
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    by_line: dict[int, list[tuple[int, int, str]]] = collections.defaultdict(list)
    for n in notes:
        first = bisect.bisect_right(starts, n.start) - 1
        last = bisect.bisect_right(starts, max(n.start, n.end - 1)) - 1
        for ln in range(first, last + 1):
            col = max(n.start, starts[ln]) - starts[ln]
            end = min(n.end, starts[ln] + len(lines[ln])) - starts[ln]
            if ln != first and end <= col:
                continue
            label = n.label if ln == first else "(continued)"
            by_line[ln].append((col, max(1, end - col), label))
    block_at: dict[int, list[str]] = collections.defaultdict(list)
    for s, label in blocks:
        block_at[bisect.bisect_right(starts, s) - 1].append(label)

    width = len(str(len(lines)))
    gutter = " " * width + " |"
    out = [
        f"{shown(name)}: {len(doc.worksheets)} worksheet(s), {len(doc.packets)} packet(s), "
        f"{len(doc.diagnostics)} diagnostic(s); text after normalisation, tabs shown as →",
    ]
    for ln, line in enumerate(lines):
        if not line and ln == len(lines) - 1:
            break
        for label in block_at.get(ln, ()):
            out.append(f"{gutter} ── {label} ──")
        # Numbered as editors number the file's lines (a line the normaliser
        # split off at a form feed shares its editor line's number).
        number = norm.span(starts[ln], starts[ln]).line
        out.append(f"{number:>{width}} | {line.replace(chr(9), '→')}")
        for col, size, label in sorted(by_line.get(ln, ())):
            out.append(f"{gutter} {' ' * col}{'^' * size} {label}")
    spanless = [d for d in doc.diagnostics if d.span is None]
    for d in spanless:
        out.append(f"(whole input) {d.code} ({d.severity.value}): {d.message}")
    return "\n".join(out) + "\n"


def _cmd_explain(args: argparse.Namespace, config: dict[str, Any]) -> int:
    encoding = _encoding(args, config)
    doc: Document | None = None
    if args.example:
        name, text = f"<example:{EXAMPLE}>", example_text()
    elif args.input and args.input != "-" and is_scan(args.input):
        # A scan is explained over the text rebuilt from its pages, which its spans index.
        from worksheet_parser._scan._ocr import OcrUnavailableError

        name = args.input
        try:
            doc, raw = _read_scan(name)
        except OSError as exc:
            _say(f"{shown(name)}: {exc.strerror or exc}")
            return EXIT_FAILED
        except OcrUnavailableError as exc:
            _say(f"{shown(name)}: {exc}")
            return EXIT_FAILED
        text = raw.decode("utf-8")
    elif args.input:
        name = "<stdin>" if args.input == "-" else args.input
        try:
            raw = _read_stdin() if args.input == "-" else read_limited(name, DEFAULT_MAX_SIZE)
        except (OSError, InputTooLargeError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) else None
            _say(f"{shown(name)}: {reason or exc}")
            return EXIT_FAILED
        if len(raw) > DEFAULT_MAX_SIZE:
            _say(f"{shown(name)}: {_too_large(len(raw))}")
            return EXIT_FAILED
        # The document of the bytes, so that encoding diagnostics are shown too.
        text = decode(raw, encoding).text
        doc = parse_bytes(raw, encoding=encoding, max_size=None)
    else:
        return _usage("explain needs INPUT, - or --example")
    listing = _explain(name, text, doc)
    try:
        sys.stdout.write(listing)
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        _say(f"cannot write the listing: {exc.strerror or exc}")
        return EXIT_FAILED
    return EXIT_OK
