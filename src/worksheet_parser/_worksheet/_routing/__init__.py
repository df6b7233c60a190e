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

One module a concern, one reader a layout:

* ``_reader.py``: :class:`RoutingReader`, collects the lines, lays them out
  and hands each to the reader for its layout;
* ``_rows.py``: the table read row by row;
* ``_columns.py``: the table rebuilt from its columns;
* ``_form_5_81.py``: columns one cell a line (the 5/81 form's reading order);
* ``_placing.py``: where a short column's cells go, only where certain;
* ``_cells.py``: a row's cells read in column order;
* ``_lines.py``: a line split into office, cells and stray marks, and what
  a whole line is (column heads, a damaged referral line, debris);
* ``_words.py``: what one word can be (code, date, initials, junk), cached;
* ``_table.py``: the state the readers share (rows, text, date window) and
  how values and unread words are stored and reported;
* ``_entries.py``: rows into entries, diagnostics renumbered.
"""

from __future__ import annotations

from worksheet_parser._worksheet._routing._reader import RoutingReader
from worksheet_parser._worksheet._routing._words import blank

__all__ = ["RoutingReader", "blank"]
