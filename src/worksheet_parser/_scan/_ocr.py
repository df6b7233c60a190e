"""Words with boxes and confidences from a page image, through tesseract.

Strategy: a page image is first straightened: its skew is the angle (within
±12°, refined to 0.1°) at which the rows of a small, inverted copy are most
unequal in ink (a projection profile), and the image is turned by it.
A page scanned sideways or upside down is stood upright
(:func:`read_upright`): when the page as scanned reads too few words
surely, or its ink runs in columns, the other quarter turns are read too,
and the turn whose reading has the most sure words is kept.  tesseract
(through :mod:`pytesseract`, in the TSV output mode) then reads the
straight image at its own resolution, one word per row with its box and
confidence; the boxes are turned back onto the page as scanned and
converted to PDF points from the top-left corner (1/72 inch), the unit of
every box the package reports.

Results are cached on disk by a hash of the page's content and the engine's
settings (:class:`OcrCache`), so a page is never read twice.  Nothing here
is imported until a scan is read: Pillow and pytesseract are optional (the
``[ocr]`` extra) and a missing piece raises :class:`OcrUnavailableError`
naming what to install.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import itertools
import json
import math
import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from worksheet_parser._scan._pages import PageWord

if TYPE_CHECKING:
    from PIL.Image import Image

__all__ = [
    "CACHE_ENV",
    "CACHE_SIZE_ENV",
    "DEFAULT_CACHE_SIZE",
    "ENGINE",
    "OcrCache",
    "OcrUnavailableError",
    "deskew_angle",
    "ocr_image",
    "read_upright",
]

CACHE_ENV = "WORKSHEET_PARSER_CACHE"
"""Environment variable naming the cache folder (``off`` turns the cache off)."""
CACHE_SIZE_ENV = "WORKSHEET_PARSER_CACHE_MB"
"""Environment variable bounding the cache size, in megabytes."""
DEFAULT_CACHE_SIZE = 512 * 2**20
"""The cache's default bound, in bytes: the oldest entries go first beyond it."""

PSM = 3
"""tesseract's page segmentation mode: 3, fully automatic (the boxes, not the
engine's reading order, decide the layout)."""
ENGINE = "tesseract-tsv-psm3-v5"
"""Name of the reading settings, part of every cache key."""

_MAX_SKEW = 3.0
_SKEW_STEP = 0.1
MAX_SKEW = 12.0
"""The largest skew (degrees either way) a page is straightened by."""
_COARSE_STEP = 0.5
_FAR_GAIN = 1.15
_SIDEWAYS = 1.5
_TURN_GAIN = 1.2
UPRIGHT_WORDS = 20
"""A reading with at least this many sure words (confidence 70 or more, three letters
or digits) is of an upright page: no other turn is tried."""


class OcrUnavailableError(RuntimeError):
    """Reading a scan needs a piece that is not installed; the message says which."""


def _need_pillow() -> Any:
    try:
        import PIL.Image
    except ImportError:
        raise OcrUnavailableError(
            "reading page images needs Pillow: pip install 'worksheet-parser[ocr]'"
        ) from None
    return PIL.Image


@functools.cache
def _tesseract() -> tuple[Any, str]:
    """The pytesseract module and the engine's version, or a clear error."""
    try:
        import pytesseract
    except ImportError:
        raise OcrUnavailableError(
            "reading scans without a text layer needs the OCR extra and engine: "
            "pip install 'worksheet-parser[ocr]' and apt-get install tesseract-ocr "
            "(or your system's tesseract package)"
        ) from None
    try:
        version = str(pytesseract.get_tesseract_version())
    except (pytesseract.TesseractNotFoundError, OSError):
        raise OcrUnavailableError(
            "the tesseract OCR engine is not installed or not on PATH: "
            "apt-get install tesseract-ocr (or your system's tesseract package)"
        ) from None
    return pytesseract, version


def engine_version() -> str:
    """The installed tesseract's version (raises :class:`OcrUnavailableError` without it)."""
    return _tesseract()[1]


def deskew_angle(image: Image) -> float:
    """The angle in degrees (counter-clockwise) that straightens ``image``'s text rows.

    The rows of a straight page alternate between ink and paper, so the
    spread of the per-row ink is largest when the lines are level.  Angles
    up to :data:`MAX_SKEW` are tried in half-degree steps, then the best is
    refined in tenths of a degree (within ±3° the tenths are tried
    throughout).
    """
    pil = _need_pillow()
    from PIL import ImageOps, ImageStat

    gray = image.convert("L")
    scale = 600 / max(gray.width, 1)
    small = gray.resize((max(1, round(gray.width * scale)), max(1, round(gray.height * scale))))
    ink = ImageOps.invert(small)

    def spread(angle: float) -> float:
        turned = ink.rotate(angle, resample=pil.Resampling.BILINEAR, fillcolor=0)
        rows = turned.resize((1, turned.height), pil.Resampling.BOX)
        return float(ImageStat.Stat(rows).var[0])

    def search(centre: float, reach: float) -> tuple[float, float]:
        steps = round(reach / _SKEW_STEP)
        best, best_score = centre, spread(centre)
        for i in range(-steps, steps + 1):
            angle = round(centre + i * _SKEW_STEP, 2)
            if i == 0:
                continue
            score = spread(angle)
            if score > best_score * 1.0005:
                best, best_score = angle, score
        return best, best_score

    best, best_score = search(0.0, _MAX_SKEW)
    coarse = [i * _COARSE_STEP for i in range(1, round(MAX_SKEW / _COARSE_STEP) + 1)]
    far = [a for a in coarse if a > _MAX_SKEW] + [-a for a in coarse if a > _MAX_SKEW]
    if far:
        scores = {a: spread(a) for a in far}
        wide = max(scores, key=lambda a: scores[a])
        if scores[wide] > best_score * _FAR_GAIN:
            best, _ = search(wide, _COARSE_STEP)
    return round(best, 2)


def ink_sideways(image: Image) -> bool:
    """True when ``image``'s ink changes far more from column to column than from row to
    row: the sign of a page scanned sideways (its lines of type run down the image).

    Only a hint (a skewed page's rows are smeared): :func:`read_upright`
    decides by reading.
    """
    pil = _need_pillow()
    from PIL import ImageOps

    gray = image.convert("L")
    scale = 600 / max(gray.width, gray.height, 1)
    small = gray.resize((max(1, round(gray.width * scale)), max(1, round(gray.height * scale))))
    ink = ImageOps.invert(small)

    def roughness(profile: bytes) -> float:
        steps = [(a - b) ** 2 for a, b in itertools.pairwise(profile)]
        return sum(steps) / max(1, len(steps))

    rows = roughness(ink.resize((1, ink.height), pil.Resampling.BOX).tobytes())
    cols = roughness(ink.resize((ink.width, 1), pil.Resampling.BOX).tobytes())
    return cols > _SIDEWAYS * max(rows, 1e-9)


def _turn_back(
    box: tuple[float, float, float, float], angle: float, size: tuple[int, int]
) -> tuple[float, float, float, float]:
    """A box of the straightened image, on the image as scanned (same pixels)."""
    if not angle:
        return box
    cx, cy = size[0] / 2, size[1] / 2
    # PIL turns counter-clockwise by ``angle`` on screen (y down): undo it.
    rad = math.radians(angle)
    cos, sin = math.cos(rad), math.sin(rad)
    xs, ys = [], []
    for x, y in ((box[0], box[1]), (box[2], box[1]), (box[0], box[3]), (box[2], box[3])):
        dx, dy = x - cx, y - cy
        xs.append(cx + dx * cos - dy * sin)
        ys.append(cy + dx * sin + dy * cos)
    return (min(xs), min(ys), max(xs), max(ys))


def _rounded(box: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    return (round(box[0], 2), round(box[1], 2), round(box[2], 2), round(box[3], 2))


OPTIONS = ("OUTGOING", "INTERNAL", "INCOMING")
"""The 5/81 form's check-box options, top to bottom."""
MARK_LINE = (-1, 0, 0)
"""The ``line`` of a check-box mark found in the image (no word the engine read)."""
_MARK_RATIO = 1.15


def _option(text: str) -> str | None:
    from rapidfuzz import fuzz

    word = "".join(ch for ch in text.upper() if ch.isalpha())
    if len(word) < 6:
        return None
    best = max(OPTIONS, key=lambda o: fuzz.ratio(word, o))
    return best if fuzz.ratio(word, best) >= 75 else None


def _stack(
    boxes: list[tuple[str, tuple[float, float, float, float]]],
) -> list[tuple[str, tuple[float, float, float, float]]]:
    """The check-box options printed one under another in one column (or none)."""
    found = sorted(
        ((o, b) for text, b in boxes if _upper(text) and (o := _option(text)) is not None),
        key=lambda ob: ob[1][1],
    )
    for i, (_, first) in enumerate(found):
        h = first[3] - first[1]
        group = [
            (o, b) for o, b in found[i:] if abs(b[0] - first[0]) < 2 * h and b[1] - first[1] < 8 * h
        ]
        names = [o for o, _ in group]
        if len(group) >= 2 and len(set(names)) == len(names):
            return group
    return []


def _upper(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return sum(ch.isupper() for ch in letters) > len(letters) / 2


def type_height(group: list[tuple[str, tuple[float, float, float, float]]]) -> float:
    """The letters' height of the option words: their boxes' height, or an eighth
    of their width where a box is taller than its type (a PDF text layer's boxes
    span the font's whole height)."""
    return min(min(b[3] - b[1], (b[2] - b[0]) / 7.5) for _, b in group)


def box_marks(
    image: Image, boxes: list[tuple[str, tuple[float, float, float, float]]]
) -> list[tuple[str, tuple[float, float, float, float], float]]:
    """Which of the 5/81 form's check boxes is marked, from the ink in the image.

    ``boxes`` are the words as read (text, pixel box).  The options
    (``O - OUTGOING``, ``H - INTERNAL``, ``I - INCOMING``) stand one under
    another; each one's box is printed in one column left of them, about
    three to five text heights left of the leftmost option word.  The box
    with clearly more ink than every other (by :data:`_MARK_RATIO`) is the
    marked one: returned as (option, box region in pixels, ink ratio).
    Nothing is returned when no box stands out, or fewer than two options
    were found in one column.
    """
    from PIL import ImageOps, ImageStat

    group = _stack(boxes)
    if not group:
        return []
    # The options' common left edge, from the words that start with their option's
    # letters: a word that caught the letter and dash before it (``1-INcomING``)
    # starts further left.
    texts = {b: t for t, b in boxes}
    clean = [b[0] for o, b in group if texts.get(b, "")[:2].upper() == o[:2]]
    left = min(clean) if clean else median_of([b[0] for _, b in group])
    h = type_height(group)
    ink: list[tuple[float, str, tuple[float, float, float, float]]] = []
    for option, (_x0, y0, _x1, y1) in group:
        cy = (y0 + y1) / 2
        region = (left - 5.4 * h, cy - 0.8 * h, left - 3.0 * h, cy + 0.8 * h)
        crop = image.crop((round(region[0]), round(region[1]), round(region[2]), round(region[3])))
        if crop.width < 2 or crop.height < 2:
            return []
        ink.append((ImageStat.Stat(ImageOps.invert(crop.convert("L"))).mean[0], option, region))
    ink.sort(reverse=True)
    top, second = ink[0][0], max(ink[1][0], 1.0)
    if top < _MARK_RATIO * second:
        return []
    return [(ink[0][1], ink[0][2], round(top / second, 2))]


def page_marks(image: Image, dpi: float, words: list[PageWord]) -> list[PageWord]:
    """The check-box mark (:func:`box_marks`) of a page whose words came from elsewhere
    (a PDF text layer), as a word on :data:`MARK_LINE`; boxes in points."""
    k = dpi / 72.0
    boxes = [(w.text, (w.bbox[0] * k, w.bbox[1] * k, w.bbox[2] * k, w.bbox[3] * k)) for w in words]
    found = []
    for _option_name, region, ratio in box_marks(image, boxes):
        bbox = (region[0] / k, region[1] / k, region[2] / k, region[3] / k)
        found.append(PageWord("X", _rounded(bbox), round(min(99.0, 50.0 * ratio), 1), MARK_LINE))
    return found


def median_of(values: list[float]) -> float:
    """The median of a non-empty list."""
    ordered = sorted(values)
    return ordered[len(ordered) // 2]


def _turn_image(image: Image, turn: int) -> Image:
    """``image`` turned clockwise by ``turn`` degrees (a multiple of 90)."""
    pil = _need_pillow()
    how = {
        90: pil.Transpose.ROTATE_270,
        180: pil.Transpose.ROTATE_180,
        270: pil.Transpose.ROTATE_90,
    }
    return image.transpose(how[turn]) if turn in how else image


def unturn_box(
    box: tuple[float, float, float, float], turn: int, size: tuple[float, float]
) -> tuple[float, float, float, float]:
    """A box on a page turned clockwise by ``turn`` degrees, on the page as it was
    (``size``: the page's width and height before the turn, same unit)."""
    w, h = size
    x0, y0, x1, y1 = box
    if turn == 90:
        return (y0, h - x1, y1, h - x0)
    if turn == 180:
        return (w - x1, h - y1, w - x0, h - y0)
    if turn == 270:
        return (w - y1, x0, w - y0, x1)
    return box


def turn_box(
    box: tuple[float, float, float, float], turn: int, size: tuple[float, float]
) -> tuple[float, float, float, float]:
    """A box of a page (``size``: its width and height), on the page turned clockwise by
    ``turn`` degrees (the inverse of :func:`unturn_box`)."""
    w, h = size
    x0, y0, x1, y1 = box
    if turn == 90:
        return (h - y1, x0, h - y0, x1)
    if turn == 180:
        return (w - x1, h - y1, w - x0, h - y0)
    if turn == 270:
        return (y0, w - x1, y1, w - x0)
    return box


def sure_words(words: list[PageWord], turn: int = 0) -> int:
    """How many words were read surely and along the lines of a page stood upright by
    ``turn``: confidence 70 or more, three letters or digits, and a box wider than
    tall on the turned page (the engine also reads lines that run down a page, so a
    sideways page read as it stands can give sure words, but tall ones)."""
    sideways = turn in (90, 270)
    found = 0
    for w in words:
        if w.conf < 70 or sum(ch.isalnum() for ch in w.text) < 3:
            continue
        wide = w.bbox[2] - w.bbox[0] > w.bbox[3] - w.bbox[1]
        found += wide != sideways
    return found


def ocr_image(
    image: Image, dpi: float, *, deskew: bool = True, turn: int = 0
) -> tuple[list[PageWord], float]:
    """Read ``image`` (scanned at ``dpi``) into words; return them and the skew found.

    ``turn`` (clockwise degrees, a multiple of 90) stands the page upright
    before it is straightened and read.  Boxes are in PDF points from the
    page's top-left corner, on the page as scanned (not turned); confidences
    run from 0 to 100.
    """
    pytesseract, _ = _tesseract()
    pil = _need_pillow()
    scanned = image.convert("L")
    gray = _turn_image(scanned, turn)
    angle = deskew_angle(gray) if deskew else 0.0
    straight = gray.rotate(angle, resample=pil.Resampling.BICUBIC, fillcolor=255) if angle else gray
    config = f"--psm {PSM} --dpi {round(dpi)}"
    data = pytesseract.image_to_data(
        straight, lang="eng", config=config, output_type=pytesseract.Output.DICT
    )
    scale = 72.0 / dpi

    def on_page(box: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
        x0, y0, x1, y1 = unturn_box(_turn_back(box, angle, gray.size), turn, scanned.size)
        return _rounded((x0 * scale, y0 * scale, x1 * scale, y1 * scale))

    words: list[PageWord] = []
    options = []
    for i, text in enumerate(data["text"]):
        text = (text or "").strip()
        conf = float(data["conf"][i])
        if not text or conf < 0:
            continue
        left, top = float(data["left"][i]), float(data["top"][i])
        box = (left, top, left + float(data["width"][i]), top + float(data["height"][i]))
        options.append((text, box))
        line = (int(data["block_num"][i]), int(data["par_num"][i]), int(data["line_num"][i]))
        words.append(PageWord(text, on_page(box), round(conf, 1), line))
    for _option_name, region, ratio in box_marks(straight, options):
        words.append(PageWord("X", on_page(region), round(min(99.0, 50.0 * ratio), 1), MARK_LINE))
    return words, angle


def read_upright(image: Image, dpi: float) -> tuple[list[PageWord], float, int]:
    """Read a page whichever way up it was scanned: the words, the skew, and the quarter
    turn (clockwise degrees) that stood it upright.

    The page is read as scanned first, and kept when it gives at least
    :data:`UPRIGHT_WORDS` words read surely (:func:`sure_words`), unless its
    ink runs in columns (:func:`ink_sideways`).  Otherwise the other turns
    are read (a quarter turn first for a page that looks sideways, half a
    turn first for one that does not) until one gives twice the sure words
    of the page as scanned, and the reading with the most is kept; the page
    as scanned is kept unless another turn reads a fifth more.
    """
    words, angle = ocr_image(image, dpi)
    first = sure_words(words)
    sideways = ink_sideways(image)
    if first >= UPRIGHT_WORDS and not sideways:
        return words, angle, 0
    best = (first * _TURN_GAIN, words, angle, 0)
    for turn in (90, 270, 180) if sideways else (180, 90, 270):
        words, angle = ocr_image(image, dpi, turn=turn)
        sure = sure_words(words, turn)
        if sure > best[0]:
            best = (sure, words, angle, turn)
        if sure >= max(UPRIGHT_WORDS, 2 * first):
            break
    return best[1], best[2], best[3]


CELLS = "cells-psm10-v10"
"""Name of the settings of :func:`read_cells`, part of its cache key."""
CELL_CONF = 50.0
"""A code letter read in an empty cell with less confidence than this is not kept (and
an unsure word in the cell does not make it full)."""
CELL_LINE = (-2, 0, 0)
"""The engine line of a code letter read alone in its cell."""
_DATE_RE = re.compile(r"^\d\d/\d\d/\d\d")
_HINT_RE = re.compile(r"[YV¥]{1,2}/?MM/D", re.IGNORECASE)
_CELL_LETTERS = 10.0


def _to_straight(
    box: tuple[float, float, float, float],
    scale: float,
    turn: int,
    angle: float,
    scanned: tuple[int, int],
    gray: tuple[int, int],
) -> tuple[float, float, float, float]:
    """A word's box (points, page as scanned) on the straightened image (pixels): the
    inverse of the mapping :func:`ocr_image` puts boxes back on the page with."""
    px = (box[0] / scale, box[1] / scale, box[2] / scale, box[3] / scale)
    x0, y0, x1, y1 = turn_box(px, turn, scanned)
    return _turn_back((x0, y0, x1, y1), -angle, gray)


def empty_code_cells(
    boxes: list[tuple[str, tuple[float, float, float, float], float]],
) -> list[tuple[int, tuple[float, float, float, float], str]]:
    """The routing table's code cells left empty by the engine, on the straightened
    image: ``(index of the row's date, cell box, "action" or "disposition")``.

    The table's head gives the date columns (the ``YY/MM/DD`` words of the
    head's line) and the code columns before them: the action code's (a
    ``CODE`` word left of the first date column on that line, else the ten
    letters before it) and the disposition code's (a ``D`` or ``CODE`` word just
    left of the second date column; none, no such column).  A row is a date
    standing in a date column below the head; its cell is empty when no word
    of its row stands in the code column but unsure readings (confidence under
    :data:`CELL_CONF`) that are no code letter (``ey``, ``eS``: the engine's
    guess at a letter behind the table's rules).
    """
    heads = [(t, b) for t, b, _ in boxes if _HINT_RE.search(t)]
    if not heads:
        return []
    hint = min(heads, key=lambda tb: (tb[1][1], tb[1][0]))[1]
    h = hint[3] - hint[1]
    same_row = [
        (t, b) for t, b, _ in boxes if abs((b[1] + b[3]) / 2 - (hint[1] + hint[3]) / 2) < 0.6 * h
    ]
    dates_x = sorted(b[0] for t, b in same_row if _HINT_RE.search(t))
    letter = (hint[2] - hint[0]) / 8
    columns: list[tuple[float, float, str]] = []
    codes = [b for t, b in same_row if t.upper().strip(":.") == "CODE" and b[2] <= dates_x[0]]
    columns.append(
        (dates_x[0], max(codes)[0] if codes else dates_x[0] - _CELL_LETTERS * letter, "action")
    )
    if len(dates_x) > 1:
        second = dates_x[1]
        near = [
            b
            for t, b in same_row
            if t.upper().strip(":.") in ("D", "CODE") and b[2] <= second < b[0] + 12 * letter
        ]
        if near:
            columns.append((second, max(near)[0], "disposition"))
    cells = []
    for i, (text, box, _) in enumerate(boxes):
        if not _DATE_RE.match(text) or box[1] <= hint[3] or box[1] - hint[3] > 60 * h:
            continue
        column = next((c for c in columns if abs(box[0] - c[0]) <= 3 * letter), None)
        if column is None:
            continue
        cy, bh = (box[1] + box[3]) / 2, box[3] - box[1]
        left = column[1] - letter
        row = [
            (t, b, c)
            for t, b, c in boxes
            if b is not box and abs((b[1] + b[3]) / 2 - cy) < 0.6 * bh and b[2] <= box[0]
        ]
        if any(b[2] > left and (c >= CELL_CONF or _code_letter(t)) for t, b, c in row):
            continue
        cell = (left, box[1] - 0.3 * bh, box[0] - 0.5 * letter, box[3] + 0.3 * bh)
        cells.append((i, cell, column[2]))
    return cells


_MEDIA_READ = re.compile(r"(?i:MEDIA) ?[:;]? ?[A-Z]")
_MEDIA_PRINTED = re.compile(r"(?i:MEDIA):[A-Z]?")


def media_gaps(
    boxes: list[tuple[str, tuple[float, float, float, float], float]],
) -> list[tuple[int, tuple[float, float, float, float]]]:
    """Where the engine read nothing sure of ``MEDIA:`` and the media code between
    ``CORRESPONDENTS:`` and ``INDIVIDUAL`` on their line: ``(index of the
    CORRESPONDENTS word, the gap's box)``, on the straightened image.  Only a
    sure reading as printed (``MEDIA:L``, confidence :data:`CELL_CONF` or more)
    fills the gap; an unsure or damaged one (``MEDTA:T``, ``MEDIA?L``) does not."""
    gaps = []
    sure = sorted(b[3] - b[1] for t, b, c in boxes if c >= 80 and len(t) >= 3)
    for i, (text, box, _) in enumerate(boxes):
        if text.upper().rstrip(":;.") != "CORRESPONDENTS":
            continue
        cy, bh = (box[1] + box[3]) / 2, box[3] - box[1]
        if sure:
            bh = min(bh, sure[len(sure) // 2])  # a box that caught a rule is too tall
        row = [
            (t, b, c)
            for t, b, c in boxes
            if abs((b[1] + b[3]) / 2 - cy) < 0.6 * bh and b[0] >= box[2]
        ]
        after = [b for t, b, _ in row if t.upper().startswith("INDIVI")]
        if not after:
            continue
        right = min(after, key=lambda b: b[0])
        letter = (box[2] - box[0]) / len(text)
        between = [(t, b, c) for t, b, c in row if b[0] < right[0] and b is not right]
        if right[0] - box[2] < 6 * letter:
            continue
        if any(c >= CELL_CONF and _MEDIA_PRINTED.fullmatch(t) for t, _, c in between):
            continue
        gaps.append(
            (
                i,
                (
                    box[2] + 0.5 * letter,
                    cy - 0.9 * bh,
                    right[0] - 0.5 * letter,
                    cy + 0.9 * bh,
                ),
            )
        )
    return gaps


def read_cells(
    image: Image, dpi: float, words: list[PageWord], angle: float, turn: int
) -> list[PageWord]:
    """Code letters the engine did not see in the routing table's empty code cells.

    Each empty code cell (:func:`empty_code_cells`) is cut from the
    straightened page; its one glyph (:func:`_lone_glyph`: the table's rules
    and specks left out) is read alone as one character (``--psm 10``); a
    reading that is one letter of the column's codes, read with at least
    :data:`CELL_CONF`, is a word of the row (on :data:`CELL_LINE`).  Nothing
    else is added: an unsure reading, two glyphs or a speck give nothing.
    """
    from worksheet_parser._vocab import ACTION_CODES, DISPOSITION_CODES

    pytesseract, _ = _tesseract()
    pil = _need_pillow()
    scanned = image.convert("L")
    gray = _turn_image(scanned, turn)
    scale = 72.0 / dpi
    boxes = [
        (w.text, _to_straight(w.bbox, scale, turn, angle, scanned.size, gray.size), w.conf)
        for w in words
    ]
    cells = empty_code_cells(boxes)
    gaps = media_gaps(boxes)
    if not cells and not gaps:
        return []
    straight = gray.rotate(angle, resample=pil.Resampling.BICUBIC, fillcolor=255) if angle else gray
    found = []
    for index, cell, kind in cells:
        x0, y0, x1, y1 = (round(v) for v in cell)
        if x1 - x0 < 4 or y1 - y0 < 4:
            continue
        glyph = _lone_glyph(
            straight.crop((x0, y0, x1, y1)), words[index].bbox[3] - words[index].bbox[1], scale
        )
        if glyph is None:
            continue
        framed, (gx0, gy0, gx1, gy1) = glyph
        data = pytesseract.image_to_data(
            framed,
            lang="eng",
            config=f"--psm 10 --dpi {round(dpi)}",
            output_type=pytesseract.Output.DICT,
        )
        texts = [
            ((t or "").strip(), float(c)) for t, c in zip(data["text"], data["conf"], strict=True)
        ]
        texts = [(t, c) for t, c in texts if t]
        if len(texts) != 1:
            continue
        text, conf = texts[0]
        letter = _code_letter(text)
        known = ACTION_CODES if kind == "action" else DISPOSITION_CODES
        if letter is None or letter not in known or conf < CELL_CONF:
            continue
        box = (x0 + gx0, y0 + gy0, x0 + gx1 + 1, y0 + gy1 + 1)
        x0p, y0p, x1p, y1p = unturn_box(_turn_back(box, angle, gray.size), turn, scanned.size)
        bbox = _rounded((x0p * scale, y0p * scale, x1p * scale, y1p * scale))
        found.append(PageWord(letter, bbox, round(conf, 1), CELL_LINE))
    for _, gap in gaps:
        x0, y0, x1, y1 = (round(v) for v in gap)
        if x1 - x0 < 4 or y1 - y0 < 4:
            continue
        framed = pil.new("L", (x1 - x0 + 40, y1 - y0 + 40), 255)
        framed.paste(straight.crop((x0, y0, x1, y1)), (20, 20))
        data = pytesseract.image_to_data(
            framed,
            lang="eng",
            config=f"--psm 7 --dpi {round(dpi)}",
            output_type=pytesseract.Output.DICT,
        )
        read = [
            (t.strip(), float(c), i)
            for i, (t, c) in enumerate(zip(data["text"], data["conf"], strict=True))
            if any(ch.isalnum() for ch in (t or ""))  # not a stroke of a rule (``_``)
        ]
        if not read or min(c for _, c, _ in read) < CELL_CONF:
            continue
        if not _MEDIA_READ.fullmatch(" ".join(t for t, _, _ in read)):
            continue
        for text, conf, i in read:
            left, top = x0 + float(data["left"][i]) - 20, y0 + float(data["top"][i]) - 20
            spot = (left, top, left + float(data["width"][i]), top + float(data["height"][i]))
            x0p, y0p, x1p, y1p = unturn_box(_turn_back(spot, angle, gray.size), turn, scanned.size)
            bbox = _rounded((x0p * scale, y0p * scale, x1p * scale, y1p * scale))
            found.append(PageWord(text, bbox, round(conf, 1), CELL_LINE))
    return found


_SAME_SHAPE = frozenset("cosuvwxz")


def _code_letter(text: str) -> str | None:
    """One code letter as read alone: ``C``, ``s`` (shaped like its capital), ``Cc``
    (one letter read twice); anything else is ``None``."""
    if len(text) == 2 and text[0].isupper() and text[1] == text[0].lower():
        text = text[0]
    if len(text) != 1 or not text.isalpha():
        return None
    if text.islower():
        return text.upper() if text in _SAME_SHAPE else None
    return text


_DARK = 140


def _lone_glyph(
    crop: Image, height: float, scale: float
) -> tuple[Image, tuple[int, int, int, int]] | None:
    """The one glyph in a cell, alone on white, and its box in the cell (pixels).

    The cell's ink is split into connected pieces; the table's rules (pieces
    touching the cell's edge, or wider than half the cell) and specks (lower
    than half the row's type, ``height`` in points) are left out.  Exactly one
    piece must be left, no taller than the type by a third: a code is one
    letter; two pieces or none give ``None``.
    """
    pil = _need_pillow()
    w, h = crop.size
    dark = bytes(1 if v < _DARK else 0 for v in crop.convert("L").tobytes())
    type_px = height / scale
    seen = bytearray(w * h)
    kept: list[list[tuple[int, int]]] = []
    for y_start in range(h):
        for x_start in range(w):
            if seen[y_start * w + x_start] or not dark[y_start * w + x_start]:
                continue
            seen[y_start * w + x_start] = 1
            stack, points = [(x_start, y_start)], []
            while stack:
                x, y = stack.pop()
                points.append((x, y))
                for nx, ny in ((x + 1, y), (x - 1, y), (x, y + 1), (x, y - 1)):
                    if 0 <= nx < w and 0 <= ny < h and dark[ny * w + nx] and not seen[ny * w + nx]:
                        seen[ny * w + nx] = 1
                        stack.append((nx, ny))
            xs = [p[0] for p in points]
            ys = [p[1] for p in points]
            tall = max(ys) - min(ys) + 1
            if min(xs) == 0 or min(ys) == 0 or max(xs) == w - 1 or max(ys) == h - 1:
                continue  # a rule running out of the cell
            if max(xs) - min(xs) + 1 >= w / 2 or tall < 0.5 * type_px or tall > 1.35 * type_px:
                continue
            kept.append(points)
            if len(kept) > 1:
                return None
    if len(kept) != 1:
        return None
    framed = pil.new("L", (w + 40, h + 40), 255)
    ink = framed.load()
    for x, y in kept[0]:
        ink[x + 20, y + 20] = 0
    xs = [p[0] for p in kept[0]]
    ys = [p[1] for p in kept[0]]
    return framed, (min(xs), min(ys), max(xs), max(ys))


def image_key(image: Image, dpi: float) -> str:
    """A hash of a page image's pixels and resolution (for pages with no stored image)."""
    h = hashlib.sha256()
    h.update(f"{image.mode}:{image.size}:{round(dpi)}:".encode())
    h.update(image.tobytes())
    return h.hexdigest()


def default_cache_dir() -> Path | None:
    """Where OCR results are kept: ``$WORKSHEET_PARSER_CACHE``, or the user cache folder.

    ``None`` when the variable says ``off``.  The user cache folder is
    :func:`platformdirs.user_cache_dir` for ``worksheet-parser`` (on Linux
    ``~/.cache/worksheet-parser``), with ``ocr`` below it.
    """
    given = os.environ.get(CACHE_ENV)
    if given is not None:
        if given.strip().lower() in {"", "0", "off", "no", "false"}:
            return None
        return Path(given)
    try:
        import platformdirs
    except ImportError:
        return Path.home() / ".cache" / "worksheet-parser" / "ocr"
    return Path(platformdirs.user_cache_dir("worksheet-parser")) / "ocr"


def default_cache_size() -> int:
    """The cache bound in bytes: ``$WORKSHEET_PARSER_CACHE_MB`` megabytes, or 512 MB."""
    given = os.environ.get(CACHE_SIZE_ENV)
    if given:
        with contextlib.suppress(ValueError):
            return max(0, int(float(given) * 2**20))
    return DEFAULT_CACHE_SIZE


class OcrCache:
    """OCR results on disk, one small JSON file per page, keyed by content hash.

    The folder holds at most ``max_bytes``: after each write the oldest
    entries (by last use) are removed until it fits.  Writes go through a
    temporary file and a rename, so parallel readers never see half an
    entry; a damaged entry is treated as missing.
    """

    def __init__(self, folder: Path | None, max_bytes: int | None = None) -> None:
        self.folder = folder
        self.max_bytes = default_cache_size() if max_bytes is None else max_bytes

    @classmethod
    def default(cls) -> OcrCache:
        """The cache at :func:`default_cache_dir`, bounded by :func:`default_cache_size`."""
        return cls(default_cache_dir())

    def _path(self, key: str) -> Path | None:
        if self.folder is None:
            return None
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> tuple[list[PageWord], float, int] | None:
        """The words, skew and quarter turn stored for ``key``, or ``None``."""
        path = self._path(key)
        if path is None:
            return None
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            words = [
                PageWord(w[0], (w[1], w[2], w[3], w[4]), w[5], (w[6], w[7], w[8]))
                for w in data["words"]
            ]
            angle = float(data["angle"])
            turn = int(data.get("turn", 0))
        except (OSError, ValueError, KeyError, IndexError, TypeError):
            return None
        with contextlib.suppress(OSError):
            os.utime(path)
        return words, angle, turn

    def put(self, key: str, words: list[PageWord], angle: float, turn: int = 0) -> None:
        """Store ``words`` for ``key`` (silently skipped when the folder cannot be written)."""
        path = self._path(key)
        if path is None or self.max_bytes <= 0:
            return
        rows = [[w.text, *w.bbox, w.conf, *w.line] for w in words]
        data = json.dumps(
            {"engine": ENGINE, "angle": angle, "turn": turn, "words": rows}, separators=(",", ":")
        )
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".part")
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(data)
            os.replace(temp, path)
        except OSError:
            return
        self.prune()

    def entries(self) -> list[tuple[float, int, Path]]:
        """(last use, size, path) of every entry."""
        if self.folder is None or not self.folder.is_dir():
            return []
        found = []
        for sub in self.folder.iterdir():
            if not sub.is_dir():
                continue
            for entry in os.scandir(sub):
                if entry.name.endswith(".json"):
                    with contextlib.suppress(OSError):
                        st = entry.stat()
                        found.append((st.st_mtime, st.st_size, Path(entry.path)))
        return found

    def prune(self) -> None:
        """Remove the oldest entries until the folder holds at most ``max_bytes``."""
        entries = self.entries()
        total = sum(size for _, size, _ in entries)
        if total <= self.max_bytes:
            return
        for _, size, path in sorted(entries):
            with contextlib.suppress(OSError):
                path.unlink()
                total -= size
            if total <= self.max_bytes:
                break

    def clear(self) -> None:
        """Remove every entry."""
        if self.folder is not None and self.folder.is_dir():
            shutil.rmtree(self.folder, ignore_errors=True)
