"""Scan throughput: time per page, pages per second on 2 cores, the cached second run.

Draws a small collection of scanned pages (the bundled sample's worksheet and
letter, printed by the public renderer, turned a little and speckled) into an
image-only PDF in a temporary folder, or takes the PDFs given with ``--pdf``.
Then, in the same run and each with an empty OCR cache of its own:

1. reads every page with one page at a time (``jobs=1``): seconds per page;
2. reads them two at a time (``jobs=2``, as ``--jobs 2`` does): pages per
   second on two cores, and the speed-up over one;
3. reads them again with the cache of run 2 (a second run of the same
   files): seconds, and how many times faster than run 2.

Each run ends with the parse of the rebuilt text, as ``parse_file`` does.

    python benchmarks/scan_speed.py                       # 4 drawn pages
    python benchmarks/scan_speed.py --pages 8
    python benchmarks/scan_speed.py --pdf ../shared/dev/ocr/00*.pdf
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

from worksheet_parser import example_text, parse, render
from worksheet_parser._scan._ocr import OcrCache, engine_version
from worksheet_parser._scan._read import parse_scan

DPI = 200


def _font() -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for name in ("DejaVuSansMono.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"):
        try:
            return ImageFont.truetype(name, 26)
        except OSError:
            continue
    return ImageFont.load_default(size=22)


def draw(text: str, seed: int) -> Image.Image:
    """``text`` on a letter-size page at 200 dpi, turned and speckled like a scan."""
    rng = random.Random(seed)
    page = Image.new("L", (int(8.5 * DPI), int(11 * DPI)), 255)
    pen = ImageDraw.Draw(page)
    font = _font()
    for row, line in enumerate(text.expandtabs(4).splitlines()[:55]):
        pen.text((60, 110 + row * 34), line, fill=0, font=font)
    page = page.rotate(rng.uniform(-1, 1), resample=Image.Resampling.BICUBIC, fillcolor=255)
    page = page.filter(ImageFilter.GaussianBlur(0.6))
    for _ in range(300):
        pen = ImageDraw.Draw(page)
        pen.point((rng.randrange(page.width), rng.randrange(page.height)), fill=60)
    return page


def make_pdf(folder: Path, pages: int) -> Path:
    """An image-only PDF of ``pages`` drawn pages (worksheet and letter in turn)."""
    doc = parse(example_text())
    texts = [render(doc.worksheets[0]), render(doc.letters[0])]
    images = [draw(texts[i % 2], seed=i) for i in range(pages)]
    path = folder / "scans.pdf"
    images[0].save(path, save_all=True, append_images=images[1:], resolution=DPI)
    return path


def run(paths: list[Path], jobs: int, cache: OcrCache) -> tuple[float, int]:
    """Seconds to read and parse every file, and the number of pages."""
    start = time.perf_counter()
    pages = 0
    for path in paths:
        _, scan = parse_scan(path, jobs=jobs, cache=cache)
        pages += len(scan.pages)
    return time.perf_counter() - start, pages


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", type=int, default=4, help="pages to draw (default 4)")
    ap.add_argument("--pdf", nargs="*", type=Path, help="read these PDFs instead")
    args = ap.parse_args()
    print(f"tesseract {engine_version()}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = args.pdf or [make_pdf(folder, args.pages)]
        one, pages = run(paths, 1, OcrCache(folder / "cache-1", 2**30))
        print(f"jobs=1: {pages} pages in {one:.1f} s, {one / pages:.2f} s per page")
        shared = OcrCache(folder / "cache-2", 2**30)
        two, _ = run(paths, 2, shared)
        print(
            f"jobs=2: {pages / two:.2f} pages/s ({two / pages:.2f} s per page), "
            f"{one / two:.2f}x the speed of jobs=1"
        )
        again, _ = run(paths, 2, shared)
        print(
            f"cached second run: {again:.2f} s ({1000 * again / pages:.0f} ms per page), "
            f"{two / again:.0f}x faster than the first run with jobs=2"
        )


if __name__ == "__main__":
    main()
