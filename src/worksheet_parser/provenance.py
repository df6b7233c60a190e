"""The provenance page: one document's text with every field marked where it was read.

:func:`provenance_html` returns one self-contained HTML page (no network,
no external file): the original text, each field's span highlighted in the
field's colour, with the field's path, its value and any repair
(``THE HONCRABLE -> THE HONORABLE``) shown on hover or keyboard focus;
unread lines and diagnostics marked; and the parsed record beside it, each
value linked to its place in the text.

>>> from worksheet_parser import example_text
>>> page = provenance_html(example_text(), name="kennedy.txt")
>>> page.startswith("<!DOCTYPE html>"), 'data-field="worksheets[0].id_number"' in page
(True, True)

Strategy: the page is built as text with every piece of document text
passed through :func:`html.escape` (content and attributes alike), so a
packet holding ``<script>`` or ``" onmouseover=`` shows it as text; a
Content-Security-Policy allows no network at all and only the page's own
script and stylesheet (by hash), so even a mistake in escaping could not
run anything.  Highlights never overlap: fields are placed first, then
unread lines, then diagnostics whose span lies outside both; a diagnostic
inside a field (a repair) is shown in that field's note.  Every mark is
focusable (Tab, or ``j``/``k`` for the next and previous mark), and the
record's values link to their marks.
"""

from __future__ import annotations

import base64
import bisect
import colorsys
import hashlib
import html
import json
import re
import zlib
from collections.abc import Iterable
from typing import Any, Final

import attrs

from worksheet_parser._models import Diagnostic, Document, Span, TextLine
from worksheet_parser._outputs._export import converter

__all__ = ["FIELD_COLOURS", "provenance_html"]

FIELD_COLOURS: Final[dict[str, str]] = {
    "id_number": "#f4b400",
    "subject_codes": "#ff8a65",
    "direction": "#9575cd",
    "date_received": "#4fc3f7",
    "correspondent": "#81c784",
    "subject": "#ffd54f",
    "comments": "#a1887f",
    "additional_correspondents": "#aed581",
    "media": "#90a4ae",
    "individual_codes": "#f06292",
    "mail_user_codes": "#ba68c8",
    "routing.office": "#64b5f6",
    "routing.action_code": "#ffb74d",
    "routing.action_date": "#4dd0e1",
    "routing.response_type": "#dce775",
    "routing.disposition_code": "#e57373",
    "routing.disposition_date": "#4db6ac",
    "routing.referral_note": "#bcaaa4",
    "date": "#4fc3f7",
}
"""Highlight colour of each field (``routing.`` for routing table cells); others get a hue
derived from the name."""

_KINDS: Final = ("headers", "worksheets", "review_stamps", "release_stamps", "letters")
_TITLES: Final = {
    "headers": "Archive header",
    "worksheets": "Worksheet",
    "review_stamps": "Review stamp",
    "release_stamps": "Release stamp",
    "letters": "Letter",
}
_HIDDEN: Final = frozenset({"span", "field_spans", "unread", "raw"})
_NEWLINES = re.compile(r"\r\n?")


@attrs.define
class _Mark:
    start: int
    end: int
    kind: str
    """``field``, ``unread`` or ``diag``."""
    path: str
    colour_key: str = ""
    value: str = ""
    notes: list[str] = attrs.field(factory=list)
    problem: bool = False
    repaired: bool = False
    ident: str = ""


def _colour(key: str) -> str:
    if key in FIELD_COLOURS:
        return FIELD_COLOURS[key]
    hue = (zlib.crc32(key.encode("utf-8")) % 360) / 360
    r, g, b = colorsys.hls_to_rgb(hue, 0.75, 0.6)
    return f"#{round(r * 255):02x}{round(g * 255):02x}{round(b * 255):02x}"


def _css_class(key: str) -> str:
    return "c-" + re.sub(r"[^a-z0-9_]", "-", key.lower())


def _display(value: Any) -> str:
    if value is None:
        return ""
    if attrs.has(type(value)):
        data = {
            k: v
            for k, v in converter.unstructure(value).items()
            if k not in _HIDDEN and v not in (None, [], "")
        }
        return " ".join(str(v) for v in data.values())
    if isinstance(value, tuple | list):
        return ", ".join(_display(v) for v in value)
    plain = converter.unstructure(value)
    return plain if isinstance(plain, str) else json.dumps(plain, ensure_ascii=False)


def _field_value(block: Any, name: str) -> Any:
    base, _, index = name.partition("[")
    value: Any = getattr(block, base, None)
    if index and value is not None:
        try:
            value = value[int(index.rstrip("]"))]
        except (IndexError, TypeError, ValueError):
            return None
    return value


def _leaf_fields(field_spans: dict[str, Span]) -> Iterable[tuple[str, Span]]:
    """Field spans, with a tuple field's items instead of the whole (``body[0]`` not ``body``)."""
    for key, span in field_spans.items():
        if "[" not in key and any(k.startswith(key + "[") for k in field_spans):
            continue
        yield key, span


def _field_marks(doc: Document) -> list[_Mark]:
    marks: list[_Mark] = []
    for kind in _KINDS:
        for i, block in enumerate(getattr(doc, kind)):
            path = f"{kind}[{i}]"
            for key, span in _leaf_fields(block.field_spans):
                base = key.partition("[")[0]
                marks.append(
                    _Mark(
                        span.start,
                        span.end,
                        "field",
                        f"{path}.{key}",
                        base,
                        _display(_field_value(block, key)),
                    )
                )
            for r, entry in enumerate(getattr(block, "routing", ())):
                for key, span in _leaf_fields(entry.field_spans):
                    marks.append(
                        _Mark(
                            span.start,
                            span.end,
                            "field",
                            f"{path}.routing[{r}].{key}",
                            f"routing.{key.partition('[')[0]}",
                            _display(_field_value(entry, key)),
                        )
                    )
    return marks


def _unread_lines(doc: Document) -> list[tuple[str, TextLine]]:
    lines = [
        (f"{kind}[{i}]", line)
        for kind in _KINDS
        for i, block in enumerate(getattr(doc, kind))
        for line in block.unread
    ]
    lines.extend(("outside every block", line) for line in doc.unrecognized)
    return lines


class _Layout:
    """Non-overlapping intervals, kept sorted."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.marks: list[_Mark] = []

    def fits(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self.starts, start)
        if i > 0 and self.marks[i - 1].end > start:
            return False
        return not (i < len(self.marks) and self.marks[i].start < end)

    def add(self, mark: _Mark) -> bool:
        if mark.end <= mark.start or not self.fits(mark.start, mark.end):
            return False
        i = bisect.bisect_right(self.starts, mark.start)
        self.starts.insert(i, mark.start)
        self.marks.insert(i, mark)
        return True

    def overlapping(self, start: int, end: int) -> list[_Mark]:
        i = max(0, bisect.bisect_right(self.starts, start) - 1)
        found = []
        while i < len(self.marks) and self.marks[i].start < max(end, start + 1):
            m = self.marks[i]
            if m.end > start and m.start < max(end, start + 1):
                found.append(m)
            i += 1
        return found


def _diagnostic_note(d: Diagnostic) -> str:
    if d.original is not None and d.repaired is not None:
        return f"{d.code}: {d.original} -> {d.repaired}"
    if d.original is not None and d.original not in d.message:
        return f"{d.code}: {d.original!r}: {d.message}"
    return f"{d.code}: {d.message}"


def _layout(doc: Document) -> tuple[_Layout, list[_Mark], dict[int, str]]:
    """Place the marks; return them, every field mark (placed or not), and each diagnostic's
    mark id (by position in ``doc.diagnostics``)."""
    layout = _Layout()
    fields = _field_marks(doc)
    for mark in sorted(fields, key=lambda m: (m.start, -m.end)):
        layout.add(mark)
    for where, line in _unread_lines(doc):
        layout.add(_Mark(line.span.start, line.span.end, "unread", where, value=line.text))
    placed: dict[int, _Mark] = {}
    for n, d in enumerate(doc.diagnostics):
        if d.span is None:
            continue
        near = layout.overlapping(d.span.start, d.span.end)
        if near:
            chosen = next(
                (m for m in near if d.field and m.path.startswith(d.field)),
                next((m for m in near if d.field and d.field.startswith(m.path)), near[0]),
            )
        else:
            chosen = _Mark(d.span.start, d.span.end, "diag", d.field or "diagnostic")
            if not layout.add(chosen):
                continue
        chosen.notes.append(_diagnostic_note(d))
        if d.severity.value == "info":
            chosen.repaired = True
        else:
            chosen.problem = True
        placed[n] = chosen
    for n, mark in enumerate(layout.marks):
        mark.ident = f"m{n}"
    return layout, fields, {n: m.ident for n, m in placed.items()}


def _tip(mark: _Mark) -> str:
    if mark.kind == "field":
        head = f"{mark.path} = {mark.value}" if mark.value else f"{mark.path} (no value)"
    elif mark.kind == "unread":
        head = f"unread ({mark.path}): kept, but read into no field"
    else:
        head = f"diagnostic ({mark.path})"
    return "\n".join([head, *mark.notes])


def _text_html(text: str, marks: list[_Mark]) -> str:
    out: list[str] = []
    at = 0
    for m in marks:
        out.append(_escape(text[at : m.start]))
        classes = [m.kind]
        if m.kind == "field":
            classes.append(_css_class(m.colour_key))
        if m.problem:
            classes.append("problem")
        if m.repaired:
            classes.append("repaired")
        out.append(
            f'<mark id="{m.ident}" class="{" ".join(classes)}" tabindex="0" '
            f'data-field="{_escape(m.path)}" data-start="{m.start}" data-end="{m.end}" '
            f'data-tip="{_escape(_tip(m))}">{_escape(text[m.start : m.end])}</mark>'
        )
        at = m.end
    out.append(_escape(text[at:]))
    return "".join(out)


def _escape(text: str) -> str:
    return html.escape(text.replace("\0", "\ufffd"), quote=True)


def _gutter(text: str, doc: Document) -> str:
    n = _NEWLINES.sub("\n", text).count("\n") + 1
    notes: dict[int, list[str]] = {}
    for d in doc.diagnostics:
        if d.span is not None:
            notes.setdefault(d.span.line, []).append(f"{d.severity.value} {_diagnostic_note(d)}")
    parts = []
    for line in range(1, n + 1):
        if line in notes:
            tip = _escape("\n".join(notes[line]))
            parts.append(f'<span id="L{line}" class="ln diag-line" data-tip="{tip}">{line}</span>')
        else:
            parts.append(f'<span id="L{line}" class="ln">{line}</span>')
    return "\n".join(parts)


def _value_cell(value: Any, mark: _Mark | None) -> str:
    shown = _display(value)
    if not shown:
        return '<span class="none">not read</span>'
    if mark is None or not mark.ident:
        return _escape(shown)
    return f'<a href="#{mark.ident}" data-mark="{mark.ident}">{_escape(shown)}</a>'


def _record_html(doc: Document, fields: list[_Mark]) -> str:
    by_path = {m.path: m for m in fields}
    parts: list[str] = []
    for kind in _KINDS:
        for i, block in enumerate(getattr(doc, kind)):
            path = f"{kind}[{i}]"
            title = f"{_TITLES[kind]} {i + 1}"
            if kind == "worksheets" and block.id_number:
                title += f" (ID# {block.id_number})"
            parts.append(f'<section id="{kind}-{i}" class="block"><h2>{_escape(title)}</h2><dl>')
            for f in attrs.fields(type(block)):
                if f.name in _HIDDEN or f.name == "routing":
                    continue
                value = getattr(block, f.name)
                if isinstance(value, tuple) and f"{path}.{f.name}[0]" in by_path:
                    cell = "<br>".join(
                        _value_cell(item, by_path.get(f"{path}.{f.name}[{k}]"))
                        for k, item in enumerate(value)
                    )
                else:
                    cell = _value_cell(value, by_path.get(f"{path}.{f.name}"))
                parts.append(f"<dt>{f.name}</dt><dd>{cell}</dd>")
            parts.append("</dl>")
            routing = getattr(block, "routing", ())
            if routing:
                names = [f.name for f in attrs.fields(type(routing[0])) if f.name not in _HIDDEN]
                head = "".join(f"<th>{n}</th>" for n in names)
                parts.append(f'<table class="routing"><tr><th>#</th>{head}</tr>')
                for r, entry in enumerate(routing):
                    cells = "".join(
                        "<td>"
                        + _value_cell(getattr(entry, n), by_path.get(f"{path}.routing[{r}].{n}"))
                        + "</td>"
                        for n in names
                    )
                    parts.append(f"<tr><td>{r}</td>{cells}</tr>")
                parts.append("</table>")
            parts.append("</section>")
    return "\n".join(parts)


def _diagnostics_html(doc: Document, ids: dict[int, str]) -> str:
    if not doc.diagnostics:
        return "<p>No diagnostics: nothing was repaired, nothing is missing.</p>"
    items = []
    for n, d in enumerate(doc.diagnostics):
        where = "whole input" if d.span is None else f"line {d.span.line}, column {d.span.column}"
        target = ids.get(n) or (None if d.span is None else f"L{d.span.line}")
        link = f'<a href="#{target}" data-mark="{target}">{where}</a>' if target else where
        field = f" <code>{_escape(d.field)}</code>" if d.field else ""
        items.append(
            f'<li class="{d.severity.value}"><b>{_escape(d.code)}</b> ({d.severity.value}) '
            f"{link}{field}: {_escape(_diagnostic_note(d).partition(': ')[2])}</li>"
        )
    return "<ul>" + "".join(items) + "</ul>"


def _legend(fields: list[_Mark]) -> str:
    keys = sorted({m.colour_key for m in fields})
    items = "".join(f'<li><span class="swatch {_css_class(k)}"></span>{k}</li>' for k in keys)
    return (
        f'<ul class="legend">{items}<li><span class="swatch unread"></span>unread</li>'
        '<li><span class="swatch diag"></span>diagnostic</li></ul>'
    )


_SCRIPT: Final = """
(function () {
  "use strict";
  var marks = Array.prototype.slice.call(document.querySelectorAll("mark[tabindex]"));
  function go(step) {
    var i = marks.indexOf(document.activeElement);
    var next = marks[i < 0 ? (step > 0 ? 0 : marks.length - 1) : i + step];
    if (next) { next.focus(); }
  }
  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) { return; }
    if (event.key === "j" || event.key === "n") { go(1); event.preventDefault(); }
    else if (event.key === "k" || event.key === "p") { go(-1); event.preventDefault(); }
    else if (event.key === "Escape" && document.activeElement) { document.activeElement.blur(); }
  });
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[data-mark]") : null;
    if (!link) { return; }
    var target = document.getElementById(link.getAttribute("data-mark"));
    if (target) {
      event.preventDefault();
      if (!target.hasAttribute("tabindex")) { target.setAttribute("tabindex", "-1"); }
      target.focus();
      target.scrollIntoView({block: "center"});
      history.replaceState(null, "", "#" + target.id);
    }
  });
  var hash = location.hash.slice(1);
  var start = hash ? document.getElementById(hash) : null;
  if (start && start.tagName === "MARK") {
    start.focus({preventScroll: true});
    start.scrollIntoView({block: "nearest"});
  }
})();
"""

_STYLE: Final = """
:root { color-scheme: light; --ink: #1b1b1b; --muted: #666; --line: #ddd; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, sans-serif; color: var(--ink); background: #fafafa; }
header { padding: 10px 16px; border-bottom: 1px solid var(--line); background: #fff; }
header h1 { font-size: 17px; margin: 0 0 4px; }
header p { margin: 0; color: var(--muted); }
main { display: flex; gap: 16px; padding: 12px 16px; align-items: flex-start; }
#text { flex: 3 1 0; min-width: 0; background: #fff; border: 1px solid var(--line);
  display: flex; overflow-x: auto; }
#record { flex: 2 1 0; min-width: 300px; max-height: calc(100vh - 90px); overflow: auto;
  position: sticky; top: 8px; }
pre { margin: 0; padding: 8px; font: 13px/1.5 ui-monospace, Menlo, Consolas, monospace; }
pre.gutter { color: #999; text-align: right; border-right: 1px solid var(--line);
  background: #f4f4f4; user-select: none; }
.ln.diag-line { color: #fff; background: #c62828; padding: 0 3px; border-radius: 3px; }
pre.source { flex: 1; }
mark { position: relative; color: inherit; background: var(--c, #eee); border-radius: 2px; }
mark.unread { background: repeating-linear-gradient(45deg, #eee, #eee 4px, #fff 4px, #fff 8px);
  outline: 1px dashed #888; }
mark.diag { background: #ffebee; }
mark.problem, mark.diag { text-decoration: underline wavy #c62828; }
mark.repaired { box-shadow: inset 0 -2px 0 #2e7d32; }
mark:focus, mark:target { outline: 2px solid #1a237e; outline-offset: 1px; }
mark:hover::after, mark:focus::after, .ln.diag-line:hover::after {
  content: attr(data-tip); position: absolute; left: 0; top: 1.6em; z-index: 10;
  white-space: pre-wrap; width: max-content; max-width: 60ch; padding: 6px 8px;
  background: #263238; color: #fff; font: 12px/1.4 system-ui, sans-serif; border-radius: 4px;
  box-shadow: 0 2px 6px rgba(0,0,0,.3); text-align: left; }
.ln { position: relative; }
.block { background: #fff; border: 1px solid var(--line); padding: 8px 12px; margin-bottom: 10px; }
.block h2, #record h2 { font-size: 15px; margin: 2px 0 6px; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 10px; margin: 0; }
dt { color: var(--muted); font-family: ui-monospace, monospace; font-size: 12px; }
dd { margin: 0; overflow-wrap: anywhere; }
.none { color: #aaa; font-style: italic; }
table.routing { border-collapse: collapse; margin-top: 8px; font-size: 12px; width: 100%; }
table.routing th, table.routing td { border: 1px solid var(--line); padding: 2px 4px;
  text-align: left; vertical-align: top; }
a { color: #0d47a1; }
a:focus { outline: 2px solid #1a237e; }
.legend { list-style: none; padding: 0; margin: 0 0 10px; display: flex; flex-wrap: wrap;
  gap: 4px 12px; font-size: 12px; }
.swatch { display: inline-block; width: 12px; height: 12px; margin-right: 4px;
  vertical-align: -2px; border-radius: 2px; background: var(--c, #eee); }
.swatch.unread { outline: 1px dashed #888; background: #eee; }
.swatch.diag { background: #ffebee; border-bottom: 2px solid #c62828; }
#diagnostics li.warning, #diagnostics li.error { color: #b71c1c; }
kbd { border: 1px solid #bbb; border-radius: 3px; padding: 0 3px; font-size: 12px; }
"""


def _hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


def provenance_html(text: str, doc: Document | None = None, *, name: str = "document") -> str:
    """Return the provenance page of ``text`` (parsed here unless ``doc`` is given).

    ``doc`` must be what :func:`worksheet_parser.parse` gives for ``text``
    (the spans index ``text``); ``name`` is shown as the page's title.  The
    page has an anchor per block (``#worksheets-0``, ``#letters-1``), per
    line (``#L12``) and per mark (``#m3``).
    """
    if doc is None:
        from worksheet_parser._api import parse

        doc = parse(text)
    layout, fields, diag_ids = _layout(doc)
    colours = "\n".join(
        f".{_css_class(k)} {{ --c: {_colour(k)}; }}" for k in sorted({m.colour_key for m in fields})
    )
    style = _STYLE + colours + "\n"
    csp = (
        f"default-src 'none'; style-src '{_hash(style)}'; script-src '{_hash(_SCRIPT)}'; "
        "base-uri 'none'; form-action 'none'"
    )
    unplaced = len(fields) - sum(1 for m in layout.marks if m.kind == "field")
    summary = (
        f"{len(doc.worksheets)} worksheet(s), {len(doc.letters)} letter(s), "
        f"{len(doc.review_stamps) + len(doc.release_stamps)} stamp(s), "
        f"{len(doc.diagnostics)} diagnostic(s)"
    )
    if unplaced:
        summary += f"; {unplaced} field span(s) overlap another and are listed only"
    title = _escape(name)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title} - provenance</title>\n<style>{style}</style>\n</head>\n<body>\n"
        f"<header><h1>{title}</h1><p>{_escape(summary)}. Hover over or focus a highlight "
        "(<kbd>Tab</kbd>, or <kbd>j</kbd>/<kbd>k</kbd> for next/previous) for the field "
        "and any repair; values on the right link to where they were read.</p></header>\n"
        '<main>\n<div id="text" aria-label="Original text">'
        f'<pre class="gutter" aria-hidden="true">{_gutter(text, doc)}</pre>'
        f'<pre class="source">{_text_html(text, layout.marks)}</pre></div>\n'
        f'<aside id="record" aria-label="Parsed record">{_legend(fields)}'
        f"{_record_html(doc, fields)}\n"
        f'<section id="diagnostics" class="block"><h2>Diagnostics</h2>'
        f"{_diagnostics_html(doc, diag_ids)}</section>\n</aside>\n</main>\n"
        f"<script>{_SCRIPT}</script>\n</body>\n</html>\n"
    )
