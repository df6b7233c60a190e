"""Damage rendered text the way OCR engines damage scanned releases, and record every damage.

Use it to test a pipeline (or the parser) against realistic OCR noise,
knowing which fields the noise left recoverable and which it destroyed::

    import random
    from worksheet_parser import parse
    from worksheet_parser.noise import add_noise

    noisy = add_noise(document, level=2, rng=random.Random(0))
    doc = parse(noisy.text)
    noisy.effect("worksheets[0].date_received")   # None: untouched, or an Effect

With hypothesis (``pip install worksheet-parser[hypothesis]``),
:func:`noisy_text` is a strategy of :class:`NoisyText` and :func:`ocr_noise`
a strategy of :class:`OcrNoise` (a damage recipe to apply to any record).

Strategy: the record is rendered with :func:`worksheet_parser._outputs._render.layout`,
which says what each stretch of the clean text is (a printed label, a
field's value and what it holds, a column gap, printed form text).  Each
kind of damage seen in real releases (see ``forms.md``, "OCR noise seen in
real releases") picks its sites from that map: letter/digit confusions only
where they occur and can be told apart (digits of dates and numbers, letters
of long labels, the ``O`` of an honorific), broken and fused labels
(``NSCSITTERRAL NOTE:``, ``ODES:``), columns merged with tabs, values moved
to the line after their label, handwriting junk between routing rows,
spaced-out letters, blank lines added or dropped, the legend box flattened
onto one line, a review stamp repeated at the end, punctuation stripped,
whole dates smudged, stamp or date lines lost, and engines that write
everything in lower case.  On top of these come what real engines do to
photocopied, scanned pages (``forms.md``, "What a real OCR engine does to
these pages"; :data:`ENGINE_KINDS`): from level 1, stray marks fused to
labels and values (``~~~ DATE RECEIVED:``, ``| ACTION``, ``NOVEMBER 8,°
1991``, ``KENNEDY |``) and ``;``, ``.`` or nothing for a label's colon; from
level 2, spaces inserted or lost in labels (``CORRES PONDENT``,
``DATERECEIVED``), letter swaps in labels (``Casc ID:``), damaged separators
and digits (``92l07/08``, ``JULY 15; 1989``, ``PROO7``), bullet check boxes
(``8"I · INCOMING``, ``□ H - INTERNAL``), debris lines between the lines of
two fields (``I 1 I``, ``5m``, ``—_—``), damaged salutations and closings
(``Dcar``, ``Sinccrely,``), values wrapped onto the next line and ruled
blank slots read as rules (``—_—``); at level 3, routing tables read column
by column (offices, then codes, then dates, the heading before, between or
after), the 5/81 form's head read in blocks (the id before its label and on
the title's line, the date label split across the check-box lines) and
single pages in lower case.  These are drawn after the older kinds, so a
seed gives the older kinds the same damage as before (except inside a table
read by columns or a 5/81 head read in blocks, which replace it).  Every
site is taken with a probability that grows with the level (0: none, 3:
heaviest); damages never overlap (one damage per label).  Each
is kept as a :class:`Damage` with its span in the clean text, the fields
it touched and its :class:`Effect`: the field must still be read exactly
(``repairable``), read equal once case, blanks and punctuation are folded
(``folded``), may be lost but never wrong (``destroyed``: ``None`` plus a
diagnostic), or the noise added a record (``added``: a repeated stamp).
The choices come from a :class:`random.Random` or, under hypothesis, from a
tape of drawn numbers that shrinks towards no damage at all.
"""

from __future__ import annotations

# isort: off
# One import a line, in the order the names are documented (docs/api.md).
from worksheet_parser.noise._records import LEVELS
from worksheet_parser.noise._records import Effect
from worksheet_parser.noise._records import Damage
from worksheet_parser.noise._records import NoisyText
from worksheet_parser.noise._kinds import KINDS
from worksheet_parser.noise._kinds import FIRST_LEVEL
from worksheet_parser.noise._kinds import ENGINE_KINDS
from worksheet_parser.noise._apply import add_noise
from worksheet_parser.noise._apply import OcrNoise
from worksheet_parser.noise._apply import ocr_noise
from worksheet_parser.noise._apply import noisy_text
# isort: on

__all__ = [
    "ENGINE_KINDS",
    "FIRST_LEVEL",
    "KINDS",
    "LEVELS",
    "Damage",
    "Effect",
    "NoisyText",
    "OcrNoise",
    "add_noise",
    "noisy_text",
    "ocr_noise",
]
