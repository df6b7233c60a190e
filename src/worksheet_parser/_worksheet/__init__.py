"""Stages 3-4: a worksheet block, lexed into line tokens, parsed into sections, read.

Strategy: the lexer cuts the block into pieces, a label and its value or a
bare line (:mod:`._lexer`, with :mod:`._labels` and :mod:`._spellings`
finding labels, damaged ones included, and :mod:`._pieces` joining what OCR
split), each of a :class:`~._tokens.TokenKind`.  The form variant is chosen
from the evidence the pieces carry (:mod:`._form`); the variant's grammar
(:mod:`._grammar`, over ``grammars/*.lark``) cuts the pieces into sections,
one per label with the bare ``TEXT`` lines under it, named for the grammar
rule that matched (``subject``, ``table_head``, ``footer``...); and one
small reader per section turns its pieces into values
(:data:`._reader.READERS`).  A value that cannot be read leaves the field
empty and says why; the first occurrence of a field wins, a repeat is
unread.

Where to look: :mod:`._reader` (the whole pass and the table of readers),
:mod:`._state` (what the readers share), :mod:`._heading` (ID, direction,
date received, check boxes, read by :mod:`._checkboxes`), :mod:`._names`
(correspondent), :mod:`._text` (subject, comments, additional
correspondents, wrapped and cut-off lines), :mod:`._codes` (subject codes,
media, individual and mail user codes), :mod:`._table` (the routing table's
sections, read by :mod:`._routing`), :mod:`._form` (form detection, printed
form text), :mod:`._fields` (readers of single values: digits, codes,
names, cells).

This ``__init__`` imports nothing: import from the module that defines a
name (``from worksheet_parser._worksheet._reader import read_worksheet``),
so that the lexer's modules can be imported without the readers.
"""
