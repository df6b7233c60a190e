"""Reading one worksheet block: lex, choose the form, parse into sections, read each.

Strategy: the lexer's pieces (a label whose value OCR put on the next line
joined to it first) show which form variant this is
(:func:`~._form.detect_form`).  A small pass decides which lines of form
words are in fact a free-text value's wrapped lines
(:func:`~._text.wrapped_lines`); the variant's grammar then cuts the pieces
into sections, in printed order or, failing that, in any order
(``layout-reordered``).  Each section is read, in reading order, by the
reader :data:`READERS` names for its grammar rule; the values they read make
the :class:`~worksheet_parser._models.Worksheet`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from worksheet_parser._diagnostics import DiagnosticCode, ReadContext
from worksheet_parser._models import Span, Worksheet
from worksheet_parser._worksheet import _codes, _form, _heading, _names, _table, _text
from worksheet_parser._worksheet._grammar import TEXT_SECTION, Section, parse_kinds
from worksheet_parser._worksheet._pieces import attach_values, join_split_date, lexed
from worksheet_parser._worksheet._state import State

__all__ = ["READERS", "Reader", "read_worksheet"]

Reader = Callable[[State, int, int], None]
"""A section's reader: it reads the pieces from its label's index up to (not including) the
second index; the label's own damage is reported before it is called."""

READERS: dict[str, Reader] = {
    TEXT_SECTION: _text.read_texts,
    # the heading
    "id_field": _heading.read_id,
    "house": _form.read_form_text,
    "title": _form.read_form_text,
    "rm_title": _form.read_form_text,
    "direction": _heading.read_direction,
    "box": _heading.read_box,
    # the fields
    "date_received": _heading.read_date_received,
    "received": _heading.read_received,
    "correspondent": _names.read_correspondent,
    "mail_report": _form.read_form_text,
    "document": _text.read_document,
    "subject": _text.read_subject,
    "table_head": _table.read_table_head,
    "referral": _table.read_referral,
    "comments": _text.read_comments,
    "additional": _text.read_additional,
    "media": _codes.read_media,
    "individual": _codes.read_individual,
    "mail": _codes.read_mail,
    "legend": _form.read_printed,
    "footer": _form.read_printed,
    # the 5/81 and records management forms' bottom parts
    "mark": _form.read_form_text,
    "classification": _form.read_form_text,
    "prime": _codes.read_prime,
    "secondary": _codes.read_secondary,
    "subject_codes": _codes.read_subject_codes,
    "reply": _form.read_reply,
}
"""The reader of each section, by its rule name in the grammars (``grammars/shared.lark``)."""


def read_worksheet(
    lines: Iterable[tuple[str, int]],
    ctx: ReadContext,
    *,
    span: Span | None = None,
) -> Worksheet:
    """Read one worksheet block, of whichever form variant it is.

    ``lines`` are the block's lines with their offsets in ``ctx.text``;
    diagnostics go to ``ctx.report`` with field paths under ``ctx.path``.
    """
    report = ctx.report
    pieces = attach_values(join_split_date(lexed(lines)))
    form, doubt = _form.detect_form(pieces)
    if doubt is not None:
        severity, why = doubt
        start = pieces[0].start if pieces else None
        report.add(
            DiagnosticCode.FORM_UNCERTAIN,
            why,
            start,
            pieces[-1].end if pieces else None,
            field=(*ctx.path, "form"),
            repaired=form.value,
            severity=severity,
        )
    kinds = tuple([piece.kind for piece in pieces])
    wrapped = _text.wrapped_lines(pieces, kinds, ctx.text)
    sections, in_order = parse_kinds(_form.GRAMMARS[form], kinds, wrapped)
    if not in_order and pieces:
        report.add(
            DiagnosticCode.LAYOUT_REORDERED,
            "the worksheet's fields are not in printed order",
            pieces[0].start,
            pieces[-1].end,
        )
    st = State(pieces, ctx, form)
    try:
        return _read(st, sections, span)
    finally:
        st.release()  # its readers point back at it: freed now, not by the cyclic collector


def _read(st: State, sections: tuple[Section, ...], span: Span | None) -> Worksheet:
    """Run the section readers over ``sections`` of ``st``'s pieces; the worksheet read."""
    pieces, ctx, form, report = st.pieces, st.ctx, st.form, st.ctx.report
    readers = READERS
    for name, start, stop in sections:
        if name != TEXT_SECTION:
            label = pieces[start]
            if label.repaired_label is not None:
                st.label_repair(label)
        readers[name](st, start, stop)
    _heading.direction_from_boxes(st)
    v = st.values
    for name, label_text in _form.REQUIRED[form]:
        if name not in st.seen:
            where = pieces[0].start if pieces else None
            report.add(
                DiagnosticCode.FIELD_MISSING,
                f"no {label_text} found in the worksheet",
                where,
                where,
                field=(*ctx.path, name),
            )
    codes = tuple(dict.fromkeys(st.prime_codes + st.subject_codes))
    return Worksheet(
        id_number=_opt_str(v.get("id_number")),
        subject_codes=codes,
        direction=v.get("direction"),  # type: ignore[arg-type]
        date_received=v.get("date_received"),  # type: ignore[arg-type]
        correspondent=v.get("correspondent"),  # type: ignore[arg-type]
        subject=_opt_str(v.get("subject")),
        routing=st.table.entries(),
        comments=_opt_str(v.get("comments")),
        additional_correspondents=_opt_str(v.get("additional_correspondents")),
        media=_opt_str(v.get("media")),
        individual_codes=v.get("individual_codes", ()),  # type: ignore[arg-type]
        mail_user_codes=v.get("mail_user_codes", ()),  # type: ignore[arg-type]
        form=form,
        span=span,
        field_spans=st.spans,
        unread=st.unread.done(),
    )


def _opt_str(value: object) -> str | None:
    return value if isinstance(value, str) and value else None
