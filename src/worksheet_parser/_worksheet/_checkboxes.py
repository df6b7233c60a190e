"""Stage 4c: read the 5/81 and records-management forms' check boxes.

Strategy: the lexer finds each box as a piece (``X I - INCOMING``, with the
box's glyph as its value), however OCR separated the code letter from its
word (a dash, a middle dot, a bullet, or only a blank).  This reader decides
whether each glyph is a tick (``X``, ``8"``, ``■``, ``•``, ``·``) or an empty
box (``0``, ``D``, ``□``), then, once every box of the worksheet is in, gives
the direction: the one ticked ``O``/``H``/``I`` box.  No tick, or more than
one, leaves the direction empty with a ``checkbox-unclear`` diagnostic; a
glyph that reads as neither is kept as unread.  A ticked ``X - MEDIA`` box
(records management worksheet) gives media ``X``.
"""

from __future__ import annotations

from collections.abc import Callable

from worksheet_parser._diagnostics import DiagnosticCode, ReadContext
from worksheet_parser._models import Direction, FormVariant, Span
from worksheet_parser._worksheet import _fields
from worksheet_parser._worksheet._lexer import Piece

__all__ = ["CheckBoxes"]

KeepUnread = Callable[..., None]
"""The worksheet reader's ``keep_unread(start, end, text, *, code, why, field=None)``."""


class CheckBoxes:
    """Collects a worksheet's check boxes, then says which direction (and media) they mark."""

    def __init__(self, ctx: ReadContext, form: FormVariant, keep_unread: KeepUnread) -> None:
        self.ctx = ctx
        self.form = form
        self.keep_unread = keep_unread
        self.boxes: list[tuple[str, Piece, bool]] = []

    def box(self, piece: Piece) -> None:
        """A check box piece: its printed word, and whether its glyph is a tick."""
        word = (piece.canonical or "").rsplit(" ", 1)[-1]
        marked = _fields.read_check_box(piece.value)
        if marked is None:
            self.keep_unread(
                piece.start,
                piece.value_start + len(piece.value),
                piece.value,
                code=DiagnosticCode.VALUE_UNREADABLE,
                why=f"cannot tell whether the check box {piece.value!r} before "
                f"{piece.canonical!r} is ticked",
                field="media" if word == "MEDIA" else "direction",
            )
            return
        self.boxes.append((word, piece, marked))

    def media(self) -> Piece | None:
        """The ticked ``X - MEDIA`` box, if there is one."""
        return next((p for w, p, m in self.boxes if w == "MEDIA" and m), None)

    def direction(self, first: int | None) -> tuple[Direction, Span] | None:
        """The direction the ticked box gives, and the box's span; or None, reported.

        ``first`` is where the worksheet starts (a missing box is reported
        there).
        """
        boxes = [(w, p, m) for w, p, m in self.boxes if w != "MEDIA"]
        field = (*self.ctx.path, "direction")
        if not boxes:
            if self.form is FormVariant.FORM_5_81:
                self.ctx.report.add(
                    DiagnosticCode.FIELD_MISSING,
                    "no direction check boxes (O - OUTGOING, H - INTERNAL, I - INCOMING) found",
                    first,
                    first,
                    field=field,
                )
            return None
        ticked = [(w, p) for w, p, m in boxes if m]
        if len(ticked) == 1:
            word, piece = ticked[0]
            return Direction(word), self.ctx.span(piece.start, piece.end)
        start, end = boxes[0][1].start, boxes[-1][1].end
        self.ctx.report.add(
            DiagnosticCode.CHECKBOX_UNCLEAR,
            "no direction check box is ticked"
            if not ticked
            else f"{len(ticked)} direction check boxes are ticked: "
            + ", ".join(w for w, _ in ticked),
            start,
            end,
            field=field,
            original=self.ctx.text[start:end],
        )
        return None
