"""Pages of a scan (PDF or image file) as words with boxes.

Strategy: a scan file is cut into pages (:func:`page_sources`): every page
of a PDF, every frame of a TIFF, the one page of a PNG or JPEG.  Each page
gives its words either from the PDF's text layer, when it has a usable one
(:mod:`worksheet_parser._scan._pdf`), or from OCR of its image at the image's own
resolution (:mod:`worksheet_parser._scan._ocr`), with the OCR cached by a hash of
the page's content.  Pages are read in parallel threads (the OCR engine
runs as a process of its own, so threads are enough), and a callback hears
of each finished page (the command line's progress bar).

Every box is ``(x0, y0, x1, y1)`` in PDF points (1/72 inch) from the
page's top-left corner; for an image without a resolution, 300 dpi is
assumed.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

if TYPE_CHECKING:
    from worksheet_parser._scan._ocr import OcrCache

__all__ = [
    "IMAGE_SUFFIXES",
    "SCAN_SUFFIXES",
    "Page",
    "PageSource",
    "PageWord",
    "is_scan",
    "page_sources",
    "read_pages",
]

IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".tif", ".tiff"})
"""File name endings read as page images."""
SCAN_SUFFIXES = IMAGE_SUFFIXES | {".pdf"}
"""File name endings read as scans (PDF or page images) rather than text."""

DEFAULT_DPI = 300.0
"""Resolution assumed for an image that does not state its own."""
_MIN_DPI, _MAX_DPI = 70.0, 600.0

Box = tuple[float, float, float, float]


@attrs.frozen
class PageWord:
    """One word on a page, where it stands and how sure the reading is."""

    text: str
    """The word as read."""
    bbox: Box
    """``(x0, y0, x1, y1)`` in PDF points from the page's top-left corner."""
    conf: float
    """Confidence from 0 to 100 (100 for words of a PDF text layer)."""
    line: tuple[int, int, int] = (0, 0, 0)
    """The reader's own (block, paragraph, line) numbers, as a hint."""


@attrs.frozen
class Page:
    """A page's words, in the reader's order."""

    number: int
    """1-based page number in its file."""
    width: float
    """Page width in points."""
    height: float
    """Page height in points."""
    words: tuple[PageWord, ...]
    """The words, each with its box."""
    source: str
    """``text-layer`` or ``ocr``."""
    skew: float = 0.0
    """Skew of the page's lines in degrees (found and corrected before OCR, or the
    angle of a text layer's characters), on the page stood upright."""
    turn: int = 0
    """Quarter turn (clockwise degrees: 0, 90, 180 or 270) that stood the page
    upright before OCR; word boxes stay on the page as scanned."""


def is_scan(path: str | os.PathLike[str]) -> bool:
    """True when ``path``'s name ends like a PDF or a page image."""
    return Path(path).suffix.lower() in SCAN_SUFFIXES


@attrs.define
class PageSource:
    """How to get one page's words: a text layer, else its image and a cache key."""

    number: int
    width: float
    height: float
    layer: Callable[[], tuple[list[PageWord], float] | None]
    """Words of a usable text layer and the skew of its lines, or ``None``."""
    image: Callable[[], tuple[Any, float]]
    """The page image and its resolution in dpi."""
    key: Callable[[], str]
    """A hash of the page's content (for the OCR cache)."""


def _clamp_dpi(dpi: float) -> float:
    return min(max(dpi, _MIN_DPI), _MAX_DPI)


def _pixels_key(load: Callable[[], tuple[Any, float]]) -> Callable[[], str]:
    """The cache key of an image page: a hash of its pixels (the same page in a PNG
    and in a TIFF is read once)."""

    def key() -> str:
        from worksheet_parser._scan._ocr import image_key

        image, dpi = load()
        return image_key(image, dpi)

    return key


def _image_sources(path: Path) -> list[PageSource]:
    from worksheet_parser._scan._ocr import _need_pillow

    pil = _need_pillow()
    with pil.open(path) as img:
        frames = getattr(img, "n_frames", 1)
        sizes = []
        for i in range(frames):
            img.seek(i)
            dpi = img.info.get("dpi", (DEFAULT_DPI, DEFAULT_DPI))[0] or DEFAULT_DPI
            sizes.append((img.size, _clamp_dpi(float(dpi))))

    def loader(index: int) -> Callable[[], tuple[Any, float]]:
        def load() -> tuple[Any, float]:
            with pil.open(path) as img:
                img.seek(index)
                return img.convert("L"), sizes[index][1]

        return load

    sources = []
    for i, ((w, h), dpi) in enumerate(sizes):
        sources.append(
            PageSource(
                number=i + 1,
                width=w * 72 / dpi,
                height=h * 72 / dpi,
                layer=lambda: None,
                image=loader(i),
                key=_pixels_key(loader(i)),
            )
        )
    return sources


def page_sources(path: str | os.PathLike[str]) -> list[PageSource]:
    """The pages of a PDF or image file, not yet read."""
    p = Path(path)
    if p.suffix.lower() == ".pdf":
        from worksheet_parser._scan._pdf import pdf_sources

        return pdf_sources(p)
    return _image_sources(p)


def _has_options(words: list[PageWord]) -> bool:
    from worksheet_parser._scan._ocr import _option

    return sum(_option(w.text) is not None for w in words) >= 2


def _read_one(source: PageSource, cache: OcrCache | None) -> Page:
    layer = source.layer()
    if layer is not None:
        words, skew = layer
        if _has_options(words):
            # The 5/81 form's mark is ink, not text: look at the page for it.
            from worksheet_parser._scan._ocr import page_marks

            image, dpi = source.image()
            words = [*words, *page_marks(image, dpi, words)]
        return Page(source.number, source.width, source.height, tuple(words), "text-layer", skew)
    from worksheet_parser._scan._ocr import ENGINE, engine_version, read_upright

    key = hashlib.sha256(f"{ENGINE}:{engine_version()}:{source.key()}".encode()).hexdigest()
    hit = cache.get(key) if cache is not None else None
    if hit is None:
        image, dpi = source.image()
        found, angle, turn = read_upright(image, dpi)
        if cache is not None:
            cache.put(key, found, angle, turn)
    else:
        found, angle, turn = hit
    found = [*found, *_cells(source, cache, key, found, angle, turn)]
    return Page(source.number, source.width, source.height, tuple(found), "ocr", angle, turn)


def _cells(
    source: PageSource,
    cache: OcrCache | None,
    key: str,
    words: list[PageWord],
    angle: float,
    turn: int,
) -> list[PageWord]:
    """Code letters read again in the routing table's empty cells, and a media code
    the engine skipped, read again in its gap (cached apart)."""
    from worksheet_parser._scan._ocr import CELLS, empty_code_cells, media_gaps, read_cells

    boxes = [(w.text, w.bbox, w.conf) for w in words]
    if not empty_code_cells(boxes) and not media_gaps(boxes):
        return []  # no table, or no empty cell: nothing to read (and no image to load)
    cell_key = hashlib.sha256(f"{CELLS}:{key}".encode()).hexdigest()
    hit = cache.get(cell_key) if cache is not None else None
    if hit is not None:
        return hit[0]
    image, dpi = source.image()
    found = read_cells(image, dpi, words, angle, turn)
    if cache is not None:
        cache.put(cell_key, found, 0.0)
    return found


def read_pages(
    sources: Sequence[PageSource],
    *,
    jobs: int = 1,
    cache: OcrCache | None = None,
    on_page: Callable[[Page], None] | None = None,
) -> list[Page]:
    """Read every page (``jobs`` at a time), in page order."""
    if jobs <= 1 or len(sources) <= 1:
        pages = []
        for s in sources:
            page = _read_one(s, cache)
            if on_page is not None:
                on_page(page)
            pages.append(page)
        return pages
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = [pool.submit(_read_one, s, cache) for s in sources]
        pages = []
        for f in futures:
            page = f.result()
            if on_page is not None:
                on_page(page)
            pages.append(page)
        return pages
