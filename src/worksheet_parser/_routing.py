"""Stage 4b: read a worksheet's routing table into :class:`RoutingEntry` rows.

Strategy: the worksheet reader hands over the table's bare lines and its
``REFERRAL NOTE:`` lines in reading order; nothing is read until the whole
table has been seen, because OCR does not always read a ruled table row by
row.  The lines are first laid out:

* **row by row** (the common case): each line is an office followed by its
  cells, and a referral line closes the row above it;
* **column by column**: engines that follow the ruling read every office,
  then every action cell, then every disposition cell (or, on the 5/81 form,
  one column after another, one cell a line).  A run of office-only lines
  followed by cell-only lines is such a table; its rows are rebuilt from the
  columns where the counts agree.  Empty slots are not read at all, so a
  column shorter than the office list does not say which rows its cells
  belong to: a cell is placed only where every placement that keeps the
  column's order and puts no completion date before its row's tracking date
  agrees on its row.  Cells that cannot be placed with certainty are kept as
  unread with a ``cell-unplaced`` diagnostic, never moved into a row by
  guess.

Each row's cells are then read in column order by a small state machine; a
word that fits no column is junk, reported, never shifted into a
neighbouring field.  Debris lines (handwriting, rules, stray ticks) are not
rows.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence

import attrs
from rapidfuzz.distance import Levenshtein

from worksheet_parser import _fields, _vocab
from worksheet_parser._blockread import clean_date, report_date
from worksheet_parser._dates import DateOrder
from worksheet_parser._diagnostics import Collector
from worksheet_parser._lexer import Piece
from worksheet_parser._models import (
    ActionCode,
    DispositionCode,
    FormVariant,
    RoutingEntry,
    Span,
)

__all__ = ["RoutingReader", "blank"]

_WORD_CACHE = 4096
"""Answers kept per reader of one short word or value (``ORG``, ``__/__/__``, an office's
name): they are pure, and routing rows repeat the same few on every worksheet."""
_BLANK_SLOT_MARKS = "_/ .-"
_BLANK_SLOT = frozenset(_BLANK_SLOT_MARKS)

KeepUnread = Callable[..., None]
"""The worksheet reader's ``keep_unread(start, end, text, *, code, why, field=None)``."""


def blank(text: str) -> bool:
    """Whether ``text`` is only an empty printed slot's marks (``_/ .-``), or nothing."""
    return not text.strip(_BLANK_SLOT_MARKS)


@attrs.define
class _Row:
    """A routing row as it is being read (the frozen entry is made at the end)."""

    office: str | None = None
    action_code: str | None = None
    action_date: dt.date | None = None
    response_type: str | None = None
    disposition_code: str | None = None
    disposition_date: dt.date | None = None
    referral_note: str | None = None
    start: int = -1
    end: int = -1
    has_cells: bool = False
    has_referral: bool = False
    line: int = -1
    spans: dict[str, Span] = attrs.field(factory=dict)

    def readable(self) -> bool:
        return (
            self.office is not None
            or self.action_code is not None
            or self.action_date is not None
            or self.response_type is not None
            or self.disposition_code is not None
            or self.disposition_date is not None
            or self.referral_note is not None
        )


@attrs.define
class _Line:
    """One bare line of the table, cleaned of stray marks and split into office and cells."""

    piece: Piece
    office: list[_fields.Word]
    cells: list[_fields.Word]
    marks: list[_fields.Word]
    """Stray punctuation and debris runs taken out of the line (kept as unread)."""

    head: bool = False
    """The line is the table's column heads, which OCR damaged past the lexer's reading."""
    referral: bool = False
    """The line is a ``Referral Note`` OCR broke (its colon lost, its letters swapped)."""

    @property
    def printed(self) -> bool:
        return self.head or self.referral

    @property
    def office_only(self) -> bool:
        return bool(self.office) and not self.cells and not self.printed

    @property
    def cells_only(self) -> bool:
        return bool(self.cells) and not self.office


class RoutingReader:
    """Collects a worksheet's routing-table lines, then reads them into entries.

    ``keep_unread`` is the worksheet reader's (unread text is the
    worksheet's), and ``dates`` gives the window routing dates may fall in,
    asked once the whole worksheet has been read (``DATE RECEIVED`` may
    come after the table in reading order).
    """

    def __init__(
        self,
        diags: Collector,
        prefix: str,
        form: FormVariant,
        printed_upper: bool,
        keep_unread: KeepUnread,
        dates: Callable[[], tuple[dt.date, dt.date]],
    ) -> None:
        self.diags = diags
        self.text = diags.norm.text
        self.span: Callable[[int, int], Span] = diags.norm.span
        self.prefix = prefix
        self.form = form
        self.printed_upper = printed_upper
        self.keep_unread = keep_unread
        self.dates = dates
        self.first_diagnostic = len(diags.items)
        self.events: list[tuple[bool, Piece]] = []
        self.rows: list[_Row] = []

    # -- collecting --------------------------------------------------------

    def line(self, piece: Piece) -> None:
        """A bare line inside the table."""
        self.events.append((False, piece))

    def referral(self, piece: Piece) -> None:
        """A ``REFERRAL NOTE:`` line."""
        self.events.append((True, piece))

    # -- reading -----------------------------------------------------------

    def entries(self) -> tuple[RoutingEntry, ...]:
        """Lay the collected lines out into rows and read them."""
        self.window = self.dates()
        events = self.events
        lines: dict[int, _Line] = {}
        for k, (is_referral, piece) in enumerate(events):
            if not is_referral:
                line = lines[k] = self._split(piece)
                line.head = _printed_head(line)
                line.referral = not line.head and _referral_like(line)
        k = 0
        n = len(events)
        no_block_before = 0  # a failed scan from k fails from every later start it covered
        while k < n:
            block = None
            if k >= no_block_before:
                block, scanned = self._column_block(k, lines)
                if block is None:
                    no_block_before = scanned
            if block is not None:
                k = self._read_columns(k, block, lines)
                continue
            is_referral, piece = events[k]
            if is_referral:
                self._referral(piece)
            elif lines[k].head:
                pass  # the column heads OCR did not recognise as such: printed form text
            elif lines[k].referral:
                self._bare_referral(lines[k])
            else:
                self._row_line(lines[k])
            k += 1
        return self._result()

    def _split(self, piece: Piece) -> _Line:
        """Split a line into office words and cell words, taking stray marks out.

        Marks fused to a word (``_ORG``, ``A»``, ``SUSAN:``) are cut off it,
        words of marks alone (``:``, ``|``, ``—``) are set aside, and words
        at the end of the office that cannot be part of a name (``4``,
        ``Ee`` among capitals, a lone ``z``) are handed to the cells, where
        they are read as a damaged code or reported as junk.
        """
        marks: list[_fields.Word] = []
        kept: list[_fields.Word] = []
        for w in _fields.words(piece.value, piece.value_start):
            if w.text.isalnum():
                kept.append(w)  # the common case: a word with no mark on it
                continue
            if _stray_mark(w.text):
                marks.append(w)
                continue
            core = _core(w.text)
            if core != w.text:
                cut = w.text.index(core)
                if cut:
                    marks.append(_fields.Word(w.text[:cut], w.start))
                if cut + len(core) < len(w.text):
                    marks.append(_fields.Word(w.text[cut + len(core) :], w.start + cut + len(core)))
                w = _fields.Word(core, w.start + cut)
            if (
                kept
                and w.text.startswith("/")
                and w.start == kept[-1].end + 1
                and _fields.is_dateish(kept[-1].text + w.text)
            ):
                # ``93 /04/10``: a date OCR split at its first slash
                prev = kept.pop()
                w = _fields.Word(self.text[prev.start : w.end], prev.start)
            kept.append(w)
        if "\t" in piece.value:
            kept = self._drop_trailing_scrawl(kept, marks)
        if (
            len(kept) == 1
            and (_read_action_code(kept[0].text) or _read_disposition_code(kept[0].text))
            and not _is_action_code_word(kept[0].text)
        ):
            # a code alone on its line: a cell of a table read column by column
            return _Line(piece, [], kept, marks)
        if len(kept) >= 2 and _is_action_code_word(kept[0].text) and not _opens_with_date(kept[1:]):
            # ``Originator  I  82/10/19``: the 5/81 form's first office, printed
            k = 1 + _first_cell(kept[1:], self.text)
        else:
            k = _first_cell(kept, self.text)
        office, cells = kept[:k], kept[k:]
        while (
            len(office) >= 2
            and cells
            and _cell_kind(cells[0].text, True) in _OPENING_KINDS
            and (
                _not_a_name_word(office[-1].text, self.printed_upper)
                or (
                    _cell_kind(cells[0].text, True) in _DATE_KINDS
                    and damaged_code(office[-1].text) is not None
                )
            )
        ):
            if _cell_kind(cells[0].text, True) in _DATE_KINDS:
                cells.insert(0, office.pop())  # in the action code's place
            else:
                marks.append(office.pop())  # between the office and its code: junk
        if (
            len(office) == 1
            and len(office[0].text) == 1
            and cells
            and _cell_kind(cells[0].text, True) in _DATE_KINDS
        ):
            cells.insert(0, office.pop())  # ``B 98/11/03``: a code and its date, no office
        if office and len(office) <= 8 and _debris(" ".join(w.text for w in office)):
            marks.extend(office)
            office = []
        return _Line(piece, office, cells, marks)

    def _drop_trailing_scrawl(
        self, ws: list[_fields.Word], marks: list[_fields.Word]
    ) -> list[_fields.Word]:
        """Set aside what follows the line's last column break if it cannot be cells.

        ``F 89/03/18<tab>_ 2 20 0 7 CO 20 7`` or ``F<tab>SC Supe``: a stamp
        or a scrawl OCR put on the row's line, after the cells.
        """
        text = self.text
        for i in range(len(ws) - 1, 0, -1):
            if "\t" in text[ws[i - 1].end : ws[i].start]:
                if not any(_is_cell_word(w.text) for w in ws[:i]):
                    return ws  # no cells before the break: nothing to protect
                tail = ws[i:]
                if any(_cell_kind(w.text, self.printed_upper) == "junk" for w in tail) or (
                    len(tail) > 1
                    and _looks_handwritten(" ".join(w.text for w in tail), True)
                    and not any(_cell_kind(w.text, True) in _DATE_KINDS for w in tail)
                ):
                    marks.extend(tail)
                    return ws[:i]
                return ws
        return ws

    def _drop_marks(self, line: _Line, field: str) -> None:
        if line.marks:
            self.junk(sorted(line.marks, key=_word_start), field)

    # -- row by row --------------------------------------------------------

    def _row_line(self, line: _Line) -> None:
        piece = line.piece
        if (
            not line.office
            and len(line.cells) == 1
            and _column_class(line.cells[0].text, self.printed_upper) in {"code", "initials"}
        ):
            # a lone letter between rows (``·r ·``): a tick, not a row
            line.marks.extend(line.cells)
            self._drop_marks(line, "routing")
            return
        row = _Row(start=piece.start, end=piece.end, line=piece.line)
        self.rows.append(row)
        field = f"routing[{len(self.rows) - 1}]"
        self._drop_marks(line, field)
        if line.office:
            office_words = line.office
            text = " ".join([w.text for w in office_words])
            o_start, o_end = office_words[0].start, office_words[-1].end
            if self._office_ok(text, line):
                row.office = text
                row.spans["office"] = self.span(o_start, o_end)
            elif not line.cells and (len(text) > 48 or len(office_words) > 8):
                self.keep_unread(
                    o_start,
                    o_end,
                    self.text[o_start:o_end],
                    code="unplaced-text",
                    why="a long line inside the routing table reads as no row",
                )
            else:
                self.keep_unread(
                    o_start,
                    o_end,
                    self.text[o_start:o_end],
                    code="junk-dropped",
                    why=f"{text!r} does not read as an office name",
                    field=f"{field}.office",
                )
        self.cells(row, line.cells)

    def _office_ok(self, text: str, line: _Line) -> bool:
        """Whether ``text`` reads as an office's name on this line.

        On the computer-printed form a word mixing capitals and small letters
        (``SC Supe``) is handwriting; a line with no capital at all is one
        the engine wrote in lower case, and its small letters prove nothing.
        """
        printed_upper = self.printed_upper
        if self.form is FormVariant.COMPUTER_PRINTED:
            if _capitalised_office(text, line):
                return True
            if not (text.isupper() or text.islower()) and any(
                not (w.isupper() or w.islower()) for w in text.split() if _has_cased(w)
            ):
                return False
            if (
                printed_upper
                and not any(c.isupper() for c in line.piece.value)
                and any(_cell_kind(w.text, False) in _DATE_KINDS for w in line.cells)
            ):
                printed_upper = False  # a row the engine wrote in small letters
        return _office_ok(text, printed_upper)

    def _bare_referral(self, line: _Line) -> None:
        """A ``Referral Note`` line whose label OCR damaged past the lexer's reading."""
        if self.rows:
            self.rows[-1].has_referral = True
        rest = line.cells + line.office[2:] + line.marks
        if rest:
            self.junk(sorted(rest, key=_word_start), f"routing[{len(self.rows) - 1}]")

    def _referral(self, piece: Piece) -> None:
        text = self.text
        label_end = piece.start + len(piece.label or "")
        tab = text.find("\t", label_end, piece.end)
        note_end = tab if tab != -1 else piece.end
        note = text[label_end:note_end].strip()
        cells = _fields.words(text[note_end : piece.end], note_end) if tab != -1 else []
        row = self.rows[-1] if self.rows else None
        if row is None:
            row = _Row(start=piece.start, end=piece.end, line=piece.line)
            self.rows.append(row)
        row.end = max(row.end, piece.end)
        row.has_referral = True
        index = len(self.rows) - 1
        if note:
            if row.referral_note is None and not _looks_handwritten(note, self.printed_upper):
                row.referral_note = " ".join(note.split())
                row.spans["referral_note"] = self.span(piece.value_start, note_end)
            else:
                self.keep_unread(
                    piece.value_start,
                    note_end,
                    note,
                    code="junk-dropped",
                    why=f"{note!r} does not read as a referral note",
                    field=f"routing[{index}].referral_note",
                )
        if cells:
            if row.has_cells and row.line != piece.line:
                # cells on a later line belong to no row we can name
                self.junk(cells, f"routing[{index}]")
            else:
                self.cells(row, cells)

    def junk(self, cells: Sequence[_fields.Word], field: str) -> None:
        """Keep words that read as nothing, one unread run per stretch of adjacent words."""
        if not cells:
            return
        source = self.text
        run: list[_fields.Word] = [cells[0]]
        for w in cells[1:]:
            between = source[run[-1].end : w.start]
            if between.strip(" \t"):  # something read into a field lies between
                self._junk_run(run, field)
                run = []
            run.append(w)
        self._junk_run(run, field)

    def _junk_run(self, run: Sequence[_fields.Word], field: str) -> None:
        start, end = run[0].start, run[-1].end
        text = self.text[start:end]
        if all(c in _BLANK_SLOT or c == "\t" for c in text):
            return  # an empty printed slot: __ __/__/__
        self.keep_unread(
            start,
            end,
            text,
            code="junk-dropped",
            why=f"{' '.join(text.split())!r} does not read as routing codes or dates",
            field=field,
        )

    def cells(self, row: _Row, cells: Sequence[_fields.Word], index: int | None = None) -> None:
        """Read a row's cells in column order.

        The columns are ``ACT CODE``, ``DATE``, ``TYPE RESP``, ``C`` (the
        disposition code) and ``COMPLETED``; any of them may be empty, and OCR
        collapses empty ones.  A small state machine walks the words: the
        action code and its date, then initials, then the disposition code and
        its date.  Initials count as a type of response only when a
        disposition, or the disposition's printed empty slot, follows them:
        initials followed by nothing, or by junk, are handwriting.  A word
        that fits no column is junk, reported, never moved into a
        neighbouring field.
        """
        if not cells:
            return
        row.has_cells = True
        if index is None:
            index = len(self.rows) - 1
        prefix = f"routing[{index}]"
        printed_upper = self.printed_upper
        kinds = [_cell_kind(w.text, printed_upper) for w in cells]
        n = len(cells)
        # whether the word at each index fills a date column (past the end: no)
        dated = [kind in _DATE_KINDS for kind in kinds]
        dated += (False, False)
        junk: list[_fields.Word] = []
        i = 0

        # ACT CODE and DATE
        if kinds[0] in _CODE_CELL_KINDS and _read_action_code(cells[0].text):
            self.set_code(row, cells[0], "action_code", prefix)
            i = 1
            if dated[1]:
                self.set_date(row, cells[1], "action_date", prefix)
                i = 2
        elif dated[1] and damaged_code(cells[0].text):
            self.set_damaged_code(row, cells[0], prefix)
            self.set_date(row, cells[1], "action_date", prefix)
            i = 2
        elif kinds[0] not in _DATE_KINDS and len(cells[0].text) <= 3 and dated[1]:
            self.keep_unread(
                cells[i].start,
                cells[i].end,
                cells[i].text,
                code="code-unknown",
                why=f"{cells[i].text!r} is not an action code",
                field=f"{prefix}.action_code",
            )
            self.set_date(row, cells[i + 1], "action_date", prefix)
            i += 2
        elif dated[0]:
            self.set_date(row, cells[0], "action_date", prefix)
            i = 1
        # TYPE RESP, then C and COMPLETED
        initials: list[_fields.Word] = []
        disposed = False
        while i < n:
            kind, w = kinds[i], cells[i]
            if kind == "code" and _read_disposition_code(w.text) and (i + 1 == n or dated[i + 1]):
                self.set_code(row, w, "disposition_code", prefix)
                disposed = True
                i += 1
                if dated[i]:
                    self.set_date(row, cells[i], "disposition_date", prefix)
                    i += 1
                break
            if kind == "date" or kind == "smudge":
                self.set_date(row, w, "disposition_date", prefix)
                disposed = True
                i += 1
                break
            if kind == "blank":
                # the disposition's printed empty slot: the initials stood in their column
                disposed = disposed or bool(initials)
                i += 1
            elif kind in {"word", "code"} and not junk:
                initials.append(w)
                i += 1
            else:
                junk.append(w)
                i += 1
        if initials:
            text = " ".join([w.text for w in initials])
            if disposed and len(text) <= 12 and not _looks_handwritten(text, printed_upper):
                row.response_type = text
                row.spans["response_type"] = self.span(initials[0].start, initials[-1].end)
            else:
                junk = initials + junk
        junk.extend(cells[i:])
        if junk:
            self.junk(sorted(junk, key=_word_start), prefix)

    def set_code(self, row: _Row, w: _fields.Word, name: str, prefix: str) -> None:
        """Store an action or disposition code read from ``w``."""
        reader = _read_action_code if name == "action_code" else _read_disposition_code
        code = reader(w.text)
        if code is None:  # pragma: no cover - callers check first
            return
        if code != w.text.upper() and not _is_action_code_word(w.text):
            self.diags.add(
                "value-repaired",
                f"read {w.text!r} as {code!r}",
                w.start,
                w.end,
                field=f"{self.prefix}{prefix}.{name}",
                original=w.text,
                repaired=code,
            )
        setattr(row, name, code)
        row.spans[name] = self.span(w.start, w.end)

    def set_damaged_code(self, row: _Row, w: _fields.Word, prefix: str) -> None:
        """Store the action code read from a doubled or small-letter word (``Ss`` -> ``S``)."""
        code = damaged_code(w.text)
        if code is None:  # pragma: no cover - callers check first
            return
        self.diags.add(
            "value-repaired",
            f"read {w.text!r} in the action code's place as {code!r}",
            w.start,
            w.end,
            field=f"{self.prefix}{prefix}.action_code",
            original=w.text,
            repaired=code,
        )
        row.action_code = code
        row.spans["action_code"] = self.span(w.start, w.end)

    def set_date(self, row: _Row, w: _fields.Word, name: str, prefix: str) -> None:
        """Store a routing date read from ``w`` (a blank slot stores nothing)."""
        value = self.read_date(w, f"{prefix}.{name}")
        if value is not None:
            setattr(row, name, value)
            row.spans[name] = self.span(w.start, w.end)

    def read_date(self, w: _fields.Word, field: str) -> dt.date | None:
        """A routing date read from ``w``, its repair or failure reported against ``field``."""
        text = w.text
        if blank(text):
            return None
        lo, hi = self.window
        value = clean_date(text, DateOrder.YY_MM_DD)
        if value is None or not lo <= value <= hi:
            # damaged, out of bounds or no date at all: read and reported in full
            value = report_date(
                self.diags,
                text,
                w.start,
                DateOrder.YY_MM_DD,
                self.prefix + field,
                earliest=lo,
                latest=hi,
            )
        return value

    # -- column by column ---------------------------------------------------

    def _column_block(
        self, k: int, lines: dict[int, _Line]
    ) -> tuple[tuple[int, int, int] | None, int]:
        """Where a table read column by column starts at event ``k``, if it does.

        Returns ``(first cell line, end of cells, end of block)`` event indexes:
        two or more office-only lines, then cell-only lines (debris lines
        between them are allowed), then the referral lines that close the
        table; or ``None`` and the first event the scan did not pass (no
        block starts before it either: a later start sees fewer offices).
        """
        events = self.events
        n = len(events)
        j = k
        offices = 0
        while (
            j < n
            and j in lines
            and (lines[j].office_only or _debris_line(lines[j]) or lines[j].head)
        ):
            offices += lines[j].office_only
            j += 1
        if offices < 2 or j >= n or j not in lines or not lines[j].cells_only:
            return None, max(j, k + 1)
        first_cell = j
        last = j
        while j < n and j in lines and (not lines[j].office or _initials_lead(lines[j])):
            if _initials_lead(lines[j]):
                line = lines[j]
                lines[j] = attrs.evolve(line, office=[], cells=line.office + line.cells)
            if lines[j].cells:
                last = j
            j += 1
        end_cells = last + 1
        # the referral lines (and debris) after the cells belong to the block
        while (
            j < n
            and (j not in lines or not lines[j].office)
            and (j not in lines or _debris_line(lines[j]))
        ):
            j += 1
        return (first_cell, end_cells, j), j

    def _read_columns(self, k: int, block: tuple[int, int, int], lines: dict[int, _Line]) -> int:
        first_cell, end_cells, end = block
        events = self.events
        first_row = len(self.rows)
        for j in range(k, first_cell):
            line = lines[j]
            if line.office_only:
                self._row_line(line)
            elif not line.printed:
                self._drop_marks(line, "routing")
        rows = self.rows[first_row:]
        cell_lines = [lines[j] for j in range(first_cell, end_cells) if j in lines]
        for line in cell_lines:
            self._drop_marks(line, "routing")
        cell_lines = [line for line in cell_lines if line.cells]
        start = events[k][1].start
        stop = cell_lines[-1].piece.end
        self.diags.add(
            "table-rebuilt",
            f"the routing table was read column by column: {len(rows)} rows rebuilt "
            "from its columns",
            start,
            stop,
            field=f"{self.prefix}routing",
        )
        placed = (
            self._columns_one_per_line(rows, cell_lines)
            if all(len(line.cells) == 1 for line in cell_lines)
            else self._columns_as_fragments(rows, cell_lines)
        )
        for line in cell_lines:
            left = [w for w in line.cells if w.start not in placed]
            if left:
                self._unplaced(left)
        for j in range(end_cells, end):
            is_referral, piece = events[j]
            if is_referral:
                self._closing_referral(piece)
            else:
                self._drop_marks(lines[j], "routing")
        for row in rows:
            row.has_referral = True
        return end

    def _closing_referral(self, piece: Piece) -> None:
        """A referral line after a table read column by column: no row can be named."""
        note = piece.value.strip()
        if note:
            self.keep_unread(
                piece.value_start,
                piece.end,
                note,
                code="cell-unplaced",
                why=f"{note!r} follows a table read column by column: its row cannot be told",
                field="routing",
            )

    def _unplaced(self, ws: Sequence[_fields.Word]) -> None:
        text = " ".join(w.text for w in ws)
        if blank(text):
            return
        self.keep_unread(
            ws[0].start,
            ws[-1].end,
            self.text[ws[0].start : ws[-1].end],
            code="cell-unplaced",
            why=f"{text!r} was read in a column, but which row it belongs to cannot be told",
            field="routing",
        )

    def _columns_as_fragments(self, rows: list[_Row], cell_lines: list[_Line]) -> set[int]:
        """Lines of action cells, one per row, then lines of disposition cells.

        The first ``len(rows)`` lines must each read as an action code and
        its date; the lines after them are the rows' dispositions, placed
        where that is certain.
        """
        n = len(rows)
        placed: set[int] = set()
        if len(cell_lines) < n or not all(
            _action_fragment(line.cells, self.printed_upper) for line in cell_lines[:n]
        ):
            return placed
        for index, (row, line) in enumerate(zip(rows, cell_lines[:n], strict=True)):
            self._place_cells(row, line.cells, len(self.rows) - n + index)
            placed.update(w.start for w in line.cells)
        rest = cell_lines[n:]
        if not rest or len(rest) > n:
            return placed
        dates = [self._fragment_date(line.cells) for line in rest]
        positions = _certain_positions([r.action_date for r in rows], dates)
        for line, position in zip(rest, positions, strict=True):
            if position is None:
                continue
            self._place_cells(rows[position], line.cells, len(self.rows) - n + position)
            placed.update(w.start for w in line.cells)
        return placed

    def _fragment_date(self, cells: Sequence[_fields.Word]) -> dt.date | None:
        """The completion date a disposition fragment carries, read quietly."""
        for w in cells:
            if _cell_kind(w.text, self.printed_upper) in _DATE_KINDS:
                value = clean_date(w.text, DateOrder.YY_MM_DD)
                if value is None:
                    value = _quiet_date(w.text)
                return value
        return None

    def _place_cells(self, row: _Row, cells: Sequence[_fields.Word], index: int) -> None:
        """Read ``cells`` into row ``index`` (a disposition fragment after its action cells)."""
        prefix = f"routing[{index}]"
        if row.has_cells:
            self._disposition(row, cells, prefix)
        else:
            self.cells(row, cells, index)

    def _disposition(self, row: _Row, cells: Sequence[_fields.Word], prefix: str) -> None:
        """Read initials, a disposition code and a completion date into ``row``."""
        kinds = [_cell_kind(w.text, self.printed_upper) for w in cells]
        junk: list[_fields.Word] = []
        initials: list[_fields.Word] = []
        for w, kind in zip(cells, kinds, strict=True):
            if kind in _DATE_KINDS and row.disposition_date is None:
                self.set_date(row, w, "disposition_date", prefix)
            elif (
                kind == "code"
                and row.disposition_code is None
                and _read_disposition_code(w.text)
                and row.disposition_date is None
            ):
                self.set_code(row, w, "disposition_code", prefix)
            elif kind in {"word", "code"} and row.disposition_code is None and not initials:
                initials.append(w)
            else:
                junk.append(w)
        if initials:
            text = " ".join(w.text for w in initials)
            if (row.disposition_code or row.disposition_date) and not _looks_handwritten(
                text, self.printed_upper
            ):
                row.response_type = text
                row.spans["response_type"] = self.span(initials[0].start, initials[-1].end)
            else:
                junk.extend(initials)
        if junk:
            self.junk(sorted(junk, key=_word_start), prefix)

    def _columns_one_per_line(self, rows: list[_Row], cell_lines: list[_Line]) -> set[int]:
        """One cell a line: columns one after another (the 5/81 form's reading order).

        Runs of cells of one class (codes, dates, initials) are the columns;
        they fill the slots action code, tracking date, type of response,
        disposition code and completion date in that order.  A column as
        long as the office list fills every row; a shorter date column is
        placed where certain; anything that does not fit the order is left
        unplaced.
        """
        n = len(rows)
        placed: set[int] = set()
        cells = [line.cells[0] for line in cell_lines]
        columns: list[tuple[str, list[_fields.Word]]] = []
        for w in cells:
            cls = _column_class(w.text, self.printed_upper)
            if cls is None:
                continue
            if columns and columns[-1][0] == cls and len(columns[-1][1]) < n:
                columns[-1][1].append(w)
            else:
                columns.append((cls, [w]))
        slot = -1
        plan: list[tuple[str, list[_fields.Word]]] = []
        for cls, col in columns:
            options = [s for s in _SLOTS_BY_CLASS[cls] if _SLOTS.index(s) > slot]
            if not options:
                return placed  # the columns do not come in the printed order
            name = options[0]
            slot = _SLOTS.index(name)
            plan.append((name, col))
        base = len(self.rows) - n
        for name, col in plan:
            if len(col) == n:
                positions: list[int | None] = list(range(n))
            elif name == "disposition_date":
                quiet = [_quiet_date(w.text) for w in col]
                positions = _certain_positions([r.action_date for r in rows], quiet)
            else:
                continue
            for w, position in zip(col, positions, strict=True):
                if position is None:
                    continue
                row = rows[position]
                prefix = f"routing[{base + position}]"
                row.has_cells = True
                if name in {"action_code", "disposition_code"}:
                    reader = _read_action_code if name == "action_code" else _read_disposition_code
                    if reader(w.text) is None:
                        continue
                    self.set_code(row, w, name, prefix)
                elif name == "response_type":
                    row.response_type = w.text
                    row.spans["response_type"] = self.span(w.start, w.end)
                else:
                    self.set_date(row, w, name, prefix)
                placed.add(w.start)
        return placed

    # -- result -----------------------------------------------------------

    def stray_row(self, i: int) -> bool:
        """Whether row ``i`` is a stray line rather than a row of the computer-printed table.

        That form prints every row with its codes and dates and follows it with
        a ``REFERRAL NOTE:`` line.  A line with neither, directly followed by
        another row, is handwriting or OCR junk between rows (when the engine
        wrote everything in lower case, its look alone cannot tell).
        """
        row = self.rows[i]
        return (
            self.form is FormVariant.COMPUTER_PRINTED
            and row.office is not None
            and not row.has_cells
            and not row.has_referral
            and row.referral_note is None
            and i + 1 < len(self.rows)
            and self.rows[i + 1].line == row.line + 1 + self._blank_lines_after(row)
        )

    def _blank_lines_after(self, row: _Row) -> int:
        text = self.text
        n = 0
        pos = text.find("\n", row.end)
        while pos != -1 and pos + 1 < len(text) and text[pos + 1] == "\n":
            n += 1
            pos += 1
        return n

    def _result(self) -> tuple[RoutingEntry, ...]:
        entries: list[RoutingEntry] = []
        # Row index -> index of its entry: rows that read as no entry are left out.
        renumber: dict[int, int] = {}
        for i, row in enumerate(self.rows):
            if not row.readable():
                continue
            if _lone_code(row):
                text = self.text[row.start : row.end]
                self.keep_unread(
                    row.start,
                    row.end,
                    text,
                    code="junk-dropped",
                    why=f"{text.strip()!r} holds a code and nothing else: a tick, not a row",
                    field=f"routing[{i}]",
                )
                continue
            if self.stray_row(i):
                text = self.text[row.start : row.end]
                self.keep_unread(
                    row.start,
                    row.end,
                    text,
                    code="junk-dropped",
                    why=f"{text.strip()!r} stands between two rows with no codes, dates or "
                    "referral note: it reads as no row",
                    field=f"routing[{i}]",
                )
                continue
            entries.append(
                RoutingEntry(
                    office=row.office,
                    action_code=None
                    if row.action_code is None
                    else _ACTION_CODES.get(row.action_code) or ActionCode(row.action_code),
                    action_date=row.action_date,
                    response_type=row.response_type,
                    disposition_code=None
                    if row.disposition_code is None
                    else _DISPOSITION_CODES.get(row.disposition_code)
                    or DispositionCode(row.disposition_code),
                    disposition_date=row.disposition_date,
                    referral_note=row.referral_note,
                    span=self.span(row.start, row.end),
                    field_spans=row.spans,
                )
            )
            renumber[i] = len(entries) - 1
        if len(renumber) < len(self.rows):
            self._renumber_rows(renumber)
        return tuple(entries)

    def _renumber_rows(self, renumber: dict[int, int]) -> None:
        """Point diagnostics' ``routing[i]`` paths at the entries as returned.

        Rows are numbered as read; a row that reads as no entry is left out
        of :attr:`Worksheet.routing`, so the rows after it move up.  A
        diagnostic about a row left out names the table (``routing``).
        """
        head = f"{self.prefix}routing["
        items = self.diags.items
        for k in range(self.first_diagnostic, len(items)):
            diag = items[k]
            path = diag.field
            if path is None or not path.startswith(head):
                continue
            close = path.find("]", len(head))
            if close == -1 or not path[len(head) : close].isdigit():
                continue
            entry = renumber.get(int(path[len(head) : close]))
            table = head[:-1]
            moved = table if entry is None else f"{table}[{entry}]{path[close + 1 :]}"
            if moved != path:
                items[k] = attrs.evolve(diag, field=moved)


# -- placing a short column ---------------------------------------------------


def _certain_positions(
    action_dates: Sequence[dt.date | None], dates: Sequence[dt.date | None]
) -> list[int | None]:
    """The row each of a short column's cells must go to, where only one is possible.

    The cells keep the column's order (``k`` cells in ``n`` rows), and a
    completion date never comes before its row's tracking date.  The
    earliest and the latest row each cell can take in any such placement are
    found greedily from each end; where they meet, the row is certain.
    """
    n, k = len(action_dates), len(dates)
    if k > n or k == 0:
        return [None] * k

    def fits(cell: int, row: int) -> bool:
        date, floor = dates[cell], action_dates[row]
        return date is None or floor is None or date >= floor

    earliest: list[int] = []
    row = 0
    for cell in range(k):
        while row < n and not fits(cell, row):
            row += 1
        if row >= n:
            return [None] * k  # no placement keeps every date after its row's
        earliest.append(row)
        row += 1
    latest = [0] * k
    row = n - 1
    for cell in range(k - 1, -1, -1):
        while row >= 0 and not fits(cell, row):
            row -= 1
        if row < 0:  # pragma: no cover - the forward pass found a placement
            return [None] * k
        latest[cell] = row
        row -= 1
    return [e if e == lt else None for e, lt in zip(earliest, latest, strict=True)]


def _quiet_date(text: str) -> dt.date | None:
    """A routing date read without reporting anything (for placing cells only)."""
    from worksheet_parser._dates import read_date

    reading = read_date(text, DateOrder.YY_MM_DD)
    return reading.value


# -- words --------------------------------------------------------------------

_ACTION_CODES = {code.value: code for code in ActionCode}
_DISPOSITION_CODES = {code.value: code for code in DispositionCode}

_SLOTS = ("action_code", "action_date", "response_type", "disposition_code", "disposition_date")
_SLOTS_BY_CLASS = {
    "code": ("action_code", "disposition_code"),
    "date": ("action_date", "disposition_date"),
    "initials": ("response_type",),
}

_FUSED_MARKS = "_-|~'\"‘’“”`.,:;*•·+»«()[]{}!?<>$°^="
_ALNUM = re.compile(r"[^\W_]")
_DROP_NAME_MARKS = str.maketrans("", "", " .,/&'()-\ufffd")
"""Marks a name may be written with (U+FFFD: a byte that could not be decoded)."""
_NAME_LEAD = "_|~'\"‘’“”`*•·+»«"
_NAME_TRAIL = "|~'\"‘’“”`:;,*•·+»«"
_FUNCTION_WORDS = frozenset({"OF", "THE", "AND", "TO", "FOR", "IN", "A", "ON", "AT", "BY"})


def _stray_mark(text: str) -> bool:
    """Whether a word is only stray marks (``:``, ``.``, ``|``, ``—``), not an empty slot
    nor a sign OCR makes of a code letter (``©``, ``.¢``)."""
    return (
        _ALNUM.search(text) is None
        and not (len(text) >= 2 and blank(text))
        and text.strip(_FUSED_MARKS) not in _vocab.CODE_LOOKALIKES
    )


def _is_cell_word(text: str) -> bool:
    kind = _cell_kind(text, True)
    return kind in {"act-word", "code", "date"}


def _capitalised_office(text: str, line: _Line) -> bool:
    """``Dos`` for ``DOS``: engines read a short capital word in small letters after its first.

    Only a single word of two to four letters, on a line whose cells hold a
    date: handwriting (``SC Supe``) comes in several words, or alone.
    """
    return (
        2 <= len(text) <= 4
        and text.isalpha()
        and text[0].isupper()
        and text[1:].islower()
        and any(_cell_kind(w.text, False) in _DATE_KINDS for w in line.cells)
    )


def _has_cased(word: str) -> bool:
    return word.lower() != word.upper()


def _core(text: str) -> str:
    """A word without the marks OCR fused to its ends (``_ORG`` -> ``ORG``, ``ROSE:`` -> ``ROSE``).

    A code or a date sheds any mark; a name keeps its full stops and brackets
    (``M.``, ``(STAFF``); an empty slot (``__/__/__``) is left whole.
    """
    if blank(text):
        return text
    cell = text.strip(_FUSED_MARKS)
    if cell and cell != text and cell in _vocab.CODE_LOOKALIKES:
        return cell  # ``.¢``: a sign, never an initial's full stop
    if cell and cell != text and _is_cell_word(cell) and not (len(cell) == 1 and "." in text):
        return cell
    name = text.lstrip(_NAME_LEAD).rstrip(_NAME_TRAIL) or text
    if name.endswith(".") and sum(c.isalpha() for c in name) >= 4:
        name = name.rstrip(".")  # ``CALIO.``: a speck, not an initial's full stop
    return name


def _opens_with_date(ws: Sequence[_fields.Word]) -> bool:
    return bool(ws) and _cell_kind(ws[0].text, True) in _DATE_KINDS


def _not_a_name_word(text: str, printed_upper: bool) -> bool:
    """Whether the last word of an office cannot end a name: it belongs to the cells.

    A word without letters (``4``), a lone letter without a full stop (``E``,
    ``z``: a misread code), or, where the form prints capitals only, a short
    word with lower-case letters (``Ee``, ``ue``).
    """
    if not any(c.isalpha() for c in text):
        return True
    if len(text) == 1:
        return True
    # ``Ee`` among capitals; a longer word in small letters (``SC Supe``) is
    # handwriting across the whole office, judged as a whole
    return printed_upper and len(text) <= 2 and not text.isupper()


def damaged_code(text: str) -> str | None:
    """An action code OCR doubled or dressed in a small letter (``Ss``, ``Cc``, ``cS``), or None.

    Only asked of the word in the action code's place, right before its date.
    """
    if len(text) == 2 and text.isalpha():
        up = text.upper()
        if up[0] == up[1]:
            return _read_action_code(up[0])
        capitals = [c for c in text if c.isupper()]
        if len(capitals) == 1:
            return _read_action_code(capitals[0])
    return None


@_fields.short_text_cache("routing.debris", _WORD_CACHE)
def _debris(text: str) -> bool:
    """Whether an office-position text is debris rather than an office's name.

    No word of two letters or more (``I 1 I``), marks no name is written
    with (``v-~~c``), more bare numbers than
    words, brackets that do not close, or a phrase cut off after a function
    word (``(STATE OF THE PROPERTY OF``).
    """
    words = text.split()
    bare = text.translate(_DROP_NAME_MARKS)
    if not bare.isalnum():
        return True  # ``v-~~c``: marks no name is written with
    if not bare.isalpha():
        if not any(sum(c.isalpha() for c in w) >= 2 for w in words):
            return True
        if sum(w.isdigit() for w in words) * 2 > len(words):
            return True  # mostly bare numbers (``2 20 0 7 CO 20 7``): a stamp or a scrawl
    elif not any(len(w) >= 2 and sum(c.isalpha() for c in w) >= 2 for w in words):
        return True
    if ("(" in text or ")" in text) and text.count("(") != text.count(")"):
        return True
    return len(words) > 1 and words[-1].upper() in _FUNCTION_WORDS


def _lone_code(row: _Row) -> bool:
    """A row with one code and nothing else: no office, no date, no note."""
    return (
        row.office is None
        and row.action_date is None
        and row.disposition_date is None
        and row.referral_note is None
        and (row.action_code is None) != (row.disposition_code is None)
    )


def _letters_upper(text: str) -> str:
    return "".join(c for c in text.upper() if c.isalpha() or c == "/")


_HEAD_WORDS = frozenset(_letters_upper(w) for w in _vocab.TABLE_HEAD_WORDS) - {""}
_LONG_HEAD_WORDS = tuple(w for w in _HEAD_WORDS if len(w) >= 5)


@_fields.short_text_cache("routing.head_words", _WORD_CACHE)
def _head_word(text: str) -> bool:
    """Whether a word is one of the routing table's printed column heads, OCR damage allowed."""
    word = _letters_upper(text)
    if not word:
        return False
    if word in _HEAD_WORDS or (("YY" in word or "MM" in word) and "/" in word):
        return True
    if len(word) < 5:
        return False
    edits = 3 if len(word) >= 8 else 2
    return any(
        Levenshtein.distance(word, head, score_cutoff=edits) <= edits for head in _LONG_HEAD_WORDS
    )


def _printed_head(line: _Line) -> bool:
    """A line of the table's column heads (``Tracking Type Compieuon``), not a row.

    Three in four words of two letters or more are head words (OCR turns
    ``of`` into ``for.``), and there are at least two; no cell on the line
    reads as a date.
    """
    if any(_cell_kind(w.text, True) == "date" for w in line.cells):
        return False
    words = [w.text for w in line.office + line.cells]
    if len(words) < 2:
        return False
    long = [w for w in words if len(w) >= 2 and sum(map(str.isalpha, w)) >= 2]
    if len(long) < 2:
        return False
    misses_allowed = len(long) // 4  # three in four are head words
    misses = 0
    for w in long:
        if not _head_word(w):
            misses += 1
            if misses > misses_allowed:
                return False
    return True


def _referral_like(line: _Line) -> bool:
    """``Retertal Note``, ``Relertal Note es``: a referral line without its colon."""
    ws = line.office
    if len(ws) < 2 or len(ws[1].text) > 5:
        return False
    first = _letters_upper(ws[0].text)
    return (
        _letters_upper(ws[1].text) in {"NOTE", "NOIE", "NOTF", "N0TE"}
        and len(first) == len("REFERRAL")
        and Levenshtein.distance(first, "REFERRAL", score_cutoff=3) <= 3
    )


def _initials_lead(line: _Line) -> bool:
    """A disposition fragment whose initials were split off as an office (``DIR A 99/12/28``).

    Only asked of lines after a table's office column, where no office is expected.
    """
    office = line.office
    if len(office) != 1 or not office[0].text.isalpha() or len(office[0].text) > 4:
        return False
    # initials alone on their line (a column of them), or before a disposition code
    return not line.cells or _read_disposition_code(line.cells[0].text) is not None


def _debris_line(line: _Line) -> bool:
    """A line with nothing but stray marks and debris: not a row, not a cell."""
    return not line.office and not line.cells


def _column_class(text: str, printed_upper: bool) -> str | None:
    kind = _cell_kind(text, printed_upper)
    if kind in {"act-word", "code"}:
        return "code"
    if kind in {"date", "smudge"}:
        return "date"
    if kind == "word":
        return "initials"
    return None


def _action_fragment(cells: Sequence[_fields.Word], printed_upper: bool) -> bool:
    """Whether a line of cells is an action code and its date, and nothing more."""
    kinds = [_cell_kind(w.text, printed_upper) for w in cells]
    kinds = [k for k in kinds if k != "blank"]
    return (
        len(kinds) == 2
        and kinds[0] in _CODE_CELL_KINDS
        and _read_action_code(cells[0].text) is not None
        and kinds[1] in {"date", "smudge"}
    )


_read_action_code = _fields.short_text_cache("routing.action_codes", _WORD_CACHE)(
    _fields.read_action_code
)
_read_disposition_code = _fields.short_text_cache("routing.disposition_codes", _WORD_CACHE)(
    _fields.read_disposition_code
)
_is_action_code_word = _fields.short_text_cache("routing.action_code_words", _WORD_CACHE)(
    _fields.is_action_code_word
)
_looks_handwritten = _fields.short_text_cache2("routing.handwriting", _WORD_CACHE)(
    _fields.looks_handwritten
)


@_fields.short_text_cache2("routing.cell_kinds", _WORD_CACHE)
def _cell_kind(text: str, printed_upper: bool) -> str:
    """What a word of a routing row can be: a code, a date, initials, junk..."""
    if _CLEAN_DATE.fullmatch(text):
        # ``92/01/30``: the checks below would say so too, as no code reads as
        # eight characters of digits and slashes; dates are the words a cache
        # sees once, so they are worth the shortcut.
        return "date"
    if _fields.is_action_code_word(text):
        return "act-word"
    if _fields.read_action_code(text) or _fields.read_disposition_code(text):
        return "code"
    if _fields.is_dateish(text):
        return "date"
    if blank(text) and len(text) >= 2:
        return "blank"
    digits = sum(c.isdigit() for c in text)
    if digits >= 2 and ("/" in text or digits * 2 >= len(text)) and len(text) >= 5:
        return "smudge"  # a date the OCR damaged beyond repair: read, reported as unreadable
    if text.isalpha() and len(text) <= 4 and (text.isupper() or not printed_upper):
        return "word"
    return "junk"


_CLEAN_DATE = re.compile(r"[0-9]{2}/[0-9]{2}/[0-9]{2}", re.ASCII)
"""A routing date as printed, undamaged."""

_DATE_KINDS = frozenset({"date", "smudge", "blank"})
"""Cell kinds that fill a date column (a smudge is reported unreadable, a blank is empty)."""
_CODE_CELL_KINDS = frozenset({"code", "act-word"})
_WORD_CELL_KINDS = frozenset({"word", "code"})


def _word_start(w: _fields.Word) -> int:
    return w.start


_OPENING_KINDS = frozenset({"act-word", "code", "date", "blank", "smudge"})


def _opens_cells(w: _fields.Word) -> bool:
    text = w.text
    kind = _cell_kind(text, True)
    return kind in _OPENING_KINDS or (kind == "word" and len(text) <= 3)


def _first_cell(ws: Sequence[_fields.Word], text: str) -> int:
    """Index of the first word of the row's code/date cells.

    Where the row keeps its column breaks (tabs, or two blanks or more), the
    office ends at the first break followed by a word that can open the cells.
    Otherwise the cells start at the first action code followed by a date, or
    at the first date.
    """
    if ws:
        end = ws[0].end
        for i in range(1, len(ws)):
            w = ws[i]
            start = w.start
            # a column break (a tab, or two blanks or more) before a word that can open the cells
            if (start - end >= 2 or "\t" in text[end:start]) and _opens_cells(w):
                return min(i, _first_code_or_date(ws[:i]))
            end = start + len(w.text)
    return _first_code_or_date(ws)


@_fields.short_text_cache("routing.cell_traits", _WORD_CACHE)
def _cell_traits(text: str) -> tuple[bool, bool, bool, bool]:
    """Of one word: (it opens the cells by itself: an action-code word or a date,
    it reads as an action code, it can follow one: a date or a blank slot, it is
    a blank slot)."""
    dateish = _fields.is_dateish(text)
    empty = blank(text)
    return (
        _fields.is_action_code_word(text) or dateish,
        bool(_fields.read_action_code(text)),
        dateish or empty,
        empty,
    )


def _first_code_or_date(ws: Sequence[_fields.Word]) -> int:
    traits = [_cell_traits(w.text) for w in ws]
    last = len(traits) - 1
    for i, (opens, code, _, _) in enumerate(traits):
        if opens or (code and i < last and traits[i + 1][2]):
            return i
    # no cells: the row is an office on its own, unless it ends in a blank slot
    for i, t in enumerate(traits):
        if t[3]:
            return i
    return len(ws)


@_fields.short_text_cache2("routing.offices", _WORD_CACHE)
def _office_ok(text: str, printed_upper: bool) -> bool:
    if len(text) > 48 or len(text.split()) > 8:
        return False
    return not _fields.looks_handwritten(text, printed_upper)
