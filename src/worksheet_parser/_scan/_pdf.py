"""PDF pages through pypdfium2: the text layer's words, or the page image.

Strategy: pypdfium2 (the PDFium engine of Chromium, with wheels for every
platform) gives each character of a text layer with its box, and renders a
page at any scale.  A page's words come from its text layer when the layer
is usable: it has words, and most of its characters are letters or digits
(a layer of junk goes to OCR like a page without one).  Otherwise the page
is rendered at the resolution of its largest image (the scan's own
resolution: no detail is invented or thrown away), and its cache key is a
hash of the images' stored bytes, so it need not be rendered when the OCR
is cached.  PDFium is not thread-safe: every call into it holds one lock.
"""

from __future__ import annotations

import hashlib
import math
import threading
from pathlib import Path
from typing import Any

from worksheet_parser._scan._pages import DEFAULT_DPI, PageSource, PageWord, _clamp_dpi

__all__ = ["layer_usable", "pdf_sources"]

_LOCK = threading.RLock()
_MIN_WORDS = 3
_MIN_ALNUM = 0.5


def _pdfium() -> Any:
    try:
        import pypdfium2
    except ImportError:
        from worksheet_parser._scan._ocr import OcrUnavailableError

        raise OcrUnavailableError(
            "reading PDF files needs pypdfium2: pip install 'worksheet-parser[ocr]'"
        ) from None
    return pypdfium2


def _layer_words(page: Any, height: float) -> tuple[list[PageWord], float]:
    """The words of a page's text layer, split at white space and at jumps, and the
    skew of its lines in degrees (:func:`_lines_skew`; else the median angle of
    its characters).

    OCR engines write a word's text stretched over the word's box on the
    image, the space after it included (tesseract's PDF output does), so a
    word's box runs to the end of the space that follows it when that space
    is a character of the layer, as wide as the word's letters (a space
    PDFium makes up between two pieces of text has no width, or spans the
    gap).  The layer's lines are numbered (:attr:`PageWord.line`,
    as an OCR engine numbers its own): a line ends where the text goes back
    left, or up or down by more than half its height.
    """
    import pypdfium2.raw as raw

    textpage = page.get_textpage()
    try:
        n = textpage.count_chars()
        words: list[PageWord] = []
        chars: list[str] = []
        box: list[float] = []
        angles: list[float] = []
        line = 1
        last: tuple[float, float, float, float] | None = None

        def flush() -> None:
            if chars:
                text = "".join(chars)
                words.append(PageWord(text, (box[0], box[1], box[2], box[3]), 100.0, (1, 1, line)))
                chars.clear()

        for i in range(n):
            ch = textpage.get_text_range(i, 1)
            if not ch or ch.isspace():
                if ch == " " and chars:
                    # A space written with the word is as wide as its letters; one PDFium
                    # makes up between two pieces of text spans the gap, or nothing.
                    left, _, right, _ = textpage.get_charbox(i, loose=True)
                    pitch = (box[2] - box[0]) / len(chars)
                    if 0.5 < right - left <= 1.5 * pitch and abs(left - box[2]) < 0.5:
                        box[2] = right
                flush()
                continue
            if i % 4 == 0:
                angles.append(raw.FPDFText_GetCharAngle(textpage.raw, i))
            left, bottom, right, top = textpage.get_charbox(i, loose=True)
            x0, y0, x1, y1 = left, height - top, right, height - bottom
            if last is not None:
                tall = max(last[3] - last[1], y1 - y0, 1.0)
                if x0 < last[0] - 0.5 or abs((y0 + y1) - (last[1] + last[3])) / 2 > tall / 2:
                    line += 1  # the text goes back left, or up or down: a new line
            last = (x0, y0, x1, y1)
            if chars:
                tall = max(box[3] - box[1], y1 - y0, 1.0)
                if x0 - box[2] > tall * 0.6 or abs((y0 + y1) - (box[1] + box[3])) / 2 > tall / 2:
                    flush()
            if not chars:
                box = [x0, y0, x1, y1]
            else:
                box = [min(box[0], x0), min(box[1], y0), max(box[2], x1), max(box[3], y1)]
            chars.append(ch)
        flush()
        words = _unstretched(words)
        skew = _lines_skew(words)
        if skew is None:
            skew = 0.0
            if angles:
                # Angles run from 0 to 2 pi: a line turned back a little is near 2 pi.
                turns = sorted((math.degrees(a) + 180.0) % 360.0 - 180.0 for a in angles)
                turn = turns[len(turns) // 2]
                skew = round(turn, 2) if abs(turn) <= 5.0 else 0.0
        rounded = [
            PageWord(w.text, tuple(round(v, 2) for v in w.bbox), w.conf, w.line)  # type: ignore[arg-type]
            for w in words
        ]
        return rounded, skew
    finally:
        textpage.close()


_STRETCHED = 2.0
_SKEW_LINES = 3
_SKEW_GAP = 4.0
_MAX_SKEW = 5.0


def _lines_skew(words: list[PageWord]) -> float | None:
    """The skew of a layer's lines in degrees, from where their words stand: the
    median slope of the long lines (three words or more over half the page's
    text width, or a fifth when fewer than three lines are so long), the words'
    middles fitted by least squares; ``None`` with fewer than three such lines.
    The engine writes a line's baseline in whole pixels: a short line on a page
    skewed by less than a degree is written level, so the longest lines tell.
    A line is cut where its words stand far apart (a stamp beside an address
    on the engine's line, a table's columns): each run is measured alone.

    The angle the engine gives each line's characters is its own estimate from
    the line's baseline, often a degree off on short lines and handwriting: the
    words' places are what the page's rows are rebuilt from.
    """
    if not words:
        return None
    lines: dict[tuple[int, int, int], list[list[PageWord]]] = {}
    for w in words:
        pieces = lines.setdefault(w.line, [])
        if pieces:
            last = pieces[-1][-1]
            pitch = (last.bbox[2] - last.bbox[0]) / (len(last.text) + 1)
            if w.bbox[0] - last.bbox[2] <= _SKEW_GAP * max(pitch, 1.0):
                pieces[-1].append(w)
                continue
        pieces.append([w])
    runs = [run for pieces in lines.values() for run in pieces if len(run) >= 3]
    width = max(w.bbox[2] for w in words) - min(w.bbox[0] for w in words)
    slopes = []
    spans = [run[-1].bbox[2] - run[0].bbox[0] for run in runs]
    long = sum(span >= width / 2 for span in spans)
    least = width / 2 if long >= _SKEW_LINES else width / 5
    for line, span in zip(runs, spans, strict=True):
        if span < least:
            continue
        xs = [(w.bbox[0] + w.bbox[2]) / 2 for w in line]
        ys = [(w.bbox[1] + w.bbox[3]) / 2 for w in line]
        mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
        spread = sum((x - mx) ** 2 for x in xs)
        if spread > 0:
            slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / spread
            slopes.append(math.degrees(math.atan(slope)))
    if len(slopes) < _SKEW_LINES:
        return None
    slopes.sort()
    turn = slopes[len(slopes) // 2]
    return round(turn, 2) if abs(turn) <= _MAX_SKEW else 0.0


def _unstretched(words: list[PageWord]) -> list[PageWord]:
    """Words whose letters are stretched far wider than the page's type, cut to the
    type's width.

    An OCR engine writes a word over its box on the image; a box it got wrong
    (running on over the words beside it) stretches the word's letters.  Its
    letters then stand at the pitch of the other words of its line (or of
    the page's words of three letters or more), from where the word starts.
    """

    def pitch_of(w: PageWord) -> float:
        return (w.bbox[2] - w.bbox[0]) / (len(w.text) + 1)

    pitches = sorted(pitch_of(w) for w in words if len(w.text) >= 3)
    if not pitches:
        return words
    page = pitches[len(pitches) // 2]
    lines: dict[tuple[int, int, int], list[float]] = {}
    for w in words:
        if len(w.text) >= 2:
            lines.setdefault(w.line, []).append(pitch_of(w))
    out = []
    for w in words:
        x0, y0, _, y1 = w.bbox
        if len(w.text) >= 3 and pitch_of(w) > _STRETCHED * page:
            others = sorted(p for p in lines.get(w.line, []) if p <= _STRETCHED * page)
            pitch = others[len(others) // 2] if others else page
            w = PageWord(w.text, (x0, y0, x0 + pitch * (len(w.text) + 1), y1), w.conf, w.line)
        out.append(w)
    return out


def layer_usable(words: list[PageWord]) -> bool:
    """True when a text layer holds enough readable text to trust it over OCR."""
    if len(words) < _MIN_WORDS:
        return False
    text = "".join(w.text for w in words)
    alnum = sum(ch.isalnum() for ch in text)
    return alnum >= _MIN_ALNUM * len(text)


def _images(page: Any, pdfium: Any) -> list[Any]:
    return list(page.get_objects(filter=(pdfium.raw.FPDF_PAGEOBJ_IMAGE,)))


def pdf_sources(path: Path) -> list[PageSource]:
    """One :class:`PageSource` per page of the PDF at ``path``."""
    pdfium = _pdfium()
    with _LOCK:
        doc = pdfium.PdfDocument(str(path))
        sizes = [doc.get_page_size(i) for i in range(len(doc))]

    def layer(index: int) -> tuple[list[PageWord], float] | None:
        with _LOCK:
            page = doc[index]
            try:
                words, skew = _layer_words(page, sizes[index][1])
            finally:
                page.close()
        return (words, skew) if layer_usable(words) else None

    def dpi_of(page: Any, width: float) -> float:
        best = 0.0
        for obj in _images(page, pdfium):
            left, _, right, _ = obj.get_bounds()
            px, _ = obj.get_px_size()
            if right - left > 1:
                best = max(best, px / ((right - left) / 72.0))
        return _clamp_dpi(best) if best else DEFAULT_DPI

    def image(index: int) -> tuple[Any, float]:
        with _LOCK:
            page = doc[index]
            try:
                dpi = dpi_of(page, sizes[index][0])
                bitmap = page.render(scale=dpi / 72.0, grayscale=True)
                return bitmap.to_pil().convert("L"), dpi
            finally:
                page.close()

    def key(index: int) -> str:
        with _LOCK:
            page = doc[index]
            try:
                h = hashlib.sha256(f"pdf-page:{sizes[index]}:".encode())
                objs = _images(page, pdfium)
                for obj in objs:
                    h.update(repr((obj.get_bounds(), obj.get_px_size())).encode())
                    h.update(obj.get_data(decode_simple=False))
                if objs:
                    return h.hexdigest()
            finally:
                page.close()
        from worksheet_parser._scan._ocr import image_key

        img, dpi = image(index)
        return image_key(img, dpi)

    return [
        PageSource(
            number=i + 1,
            width=w,
            height=h,
            layer=lambda i=i: layer(i),  # type: ignore[misc]
            image=lambda i=i: image(i),  # type: ignore[misc]
            key=lambda i=i: key(i),  # type: ignore[misc]
        )
        for i, (w, h) in enumerate(sizes)
    ]
