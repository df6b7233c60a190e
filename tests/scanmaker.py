"""Page images and PDFs for the scan tests, made by the test suite itself.

A record is printed with the public renderer (:func:`worksheet_parser.render`)
and drawn onto a white page with Pillow, each word at the column of its
first character (so the form's columns stand where the form prints them,
whatever font Pillow has), then damaged the way a photocopy and a scanner
damage it: a slight turn, blur, specks, JPEG.  Nothing is downloaded.
"""

from __future__ import annotations

import io
import random
import re
from typing import Any

from PIL import Image, ImageDraw, ImageFilter, ImageFont

DPI = 200
"""Resolution of the pages drawn here."""
PAGE = (int(8.5 * DPI), int(11 * DPI))
"""Letter size at :data:`DPI`."""
MARGIN = (60, 110)
"""Left and top margins, in pixels."""
PITCH = 16  # DejaVu Sans Mono at 26 px advances 15.7 px
"""Width of one character cell, in pixels."""
LEADING = 34
"""Height of one line, in pixels."""


MONO_FONTS = (
    "DejaVuSansMono.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationMono-Regular.ttf",
)
"""Typewriter-like fonts tried in turn (CI installs ``fonts-dejavu-core``)."""


def _font() -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for name in MONO_FONTS:
        try:
            return ImageFont.truetype(name, 26)
        except OSError:
            continue
    return ImageFont.load_default(size=22)


def draw_text(text: str) -> Image.Image:
    """``text`` drawn on a clean white page, each word at its column."""
    page = Image.new("L", PAGE, 255)
    pen = ImageDraw.Draw(page)
    font = _font()
    for row, line in enumerate(text.expandtabs(4).splitlines()):
        y = MARGIN[1] + row * LEADING
        for match in re.finditer(r"\S+", line):
            pen.text((MARGIN[0] + match.start() * PITCH, y), match.group(), fill=0, font=font)
    return page


def cell_box(row: int, col: int, length: int) -> tuple[float, float, float, float]:
    """Where characters ``col`` to ``col + length`` of line ``row`` were drawn, in points."""
    scale = 72 / DPI
    x0 = MARGIN[0] + col * PITCH
    y0 = MARGIN[1] + row * LEADING
    return (
        x0 * scale,
        y0 * scale,
        (x0 + length * PITCH) * scale,
        (y0 + LEADING) * scale,
    )


def degrade(page: Image.Image, *, angle: float = 0.8, seed: int = 7) -> Image.Image:
    """``page`` as a photocopy scans it: turned a little, blurred, speckled, JPEG'd."""
    rng = random.Random(seed)
    out = page.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
    out = out.filter(ImageFilter.GaussianBlur(0.7))
    pen = ImageDraw.Draw(out)
    for _ in range(400):
        x, y = rng.randrange(out.width), rng.randrange(out.height)
        pen.point((x, y), fill=rng.randrange(0, 120))
    buffer = io.BytesIO()
    out.save(buffer, "JPEG", quality=60)
    buffer.seek(0)
    return Image.open(buffer).convert("L")


def save(page: Image.Image, path: Any, **options: Any) -> None:
    """Save ``page`` stating its resolution."""
    page.save(path, dpi=(DPI, DPI), **options)
