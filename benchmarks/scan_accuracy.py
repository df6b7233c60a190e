"""Fields read from scans: image-only PDFs, the same pages with a text layer, plain text.

Takes a folder of ``NNN.pdf`` image-only scans with ``NNN.gold.json`` gold
records beside them (and ``NNN.txt``, the OCR engine's plain text of the same
pages, when there is one), like the development set of scanned packets.

1. Makes a copy of every PDF with a text layer: each page is rendered at the
   resolution of its scanned image and given to tesseract's own PDF output
   (``tesseract pages.txt out pdf``), which writes the page image with an
   invisible text layer, as scanning software does.
2. Scores, field by field against the gold (:mod:`worksheet_parser.evaluate`,
   the dev scorer's rules: ids, codes and dates exact, free text by
   similarity, invented values and rows counted wrong):

   * the image-only PDFs, read through OCR and the page layout
     (:func:`worksheet_parser._scan._read.parse_scan`, with the OCR cache);
   * the text-layer PDFs, read from their text layer, with no OCR run (a
     page that would need OCR is counted and reported);
   * the plain text ``NNN.txt``, through :func:`worksheet_parser.parse`.

    python benchmarks/scan_accuracy.py ../shared/dev/ocr
    python benchmarks/scan_accuracy.py ../shared/dev/ocr --layer-dir /tmp/layer --fields
    python benchmarks/scan_accuracy.py ../shared/dev/ocr --only layer --misses 30

With ``--layer-dir`` the text-layer PDFs are kept there, and those already
made are used again (making them runs tesseract once per page).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from worksheet_parser import parse
from worksheet_parser._models import Document
from worksheet_parser._scan._ocr import OcrCache, engine_version
from worksheet_parser._scan._pdf import pdf_sources
from worksheet_parser._scan._read import parse_scan
from worksheet_parser.evaluate import SetScore, score_paths


def make_layer_pdf(source: Path, target: Path) -> None:
    """``source``'s pages, rendered at their scanned resolution, as a PDF with
    tesseract's text layer at ``target``."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        names = []
        for page in pdf_sources(source):
            image, dpi = page.image()
            name = folder / f"page-{page.number:03d}.png"
            image.save(name, dpi=(dpi, dpi))
            names.append(str(name))
        listing = folder / "pages.txt"
        listing.write_text("\n".join(names) + "\n", encoding="utf-8")
        env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
        subprocess.run(
            ["tesseract", str(listing), str(folder / "out"), "-l", "eng", "pdf"],
            check=True,
            capture_output=True,
            env=env,
        )
        (folder / "out.pdf").replace(target)


def make_layers(folder: Path, out: Path, jobs: int) -> list[Path]:
    """A text-layer copy of every ``NNN.pdf`` of ``folder`` in ``out`` (those there kept)."""
    out.mkdir(parents=True, exist_ok=True)
    todo = [
        (pdf, out / pdf.name)
        for pdf in sorted(folder.glob("*.pdf"))
        if pdf.with_suffix(".gold.json").exists()
    ]
    missing = [(s, t) for s, t in todo if not t.exists()]
    if missing:
        start = time.perf_counter()
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            list(pool.map(lambda st: make_layer_pdf(*st), missing))
        print(
            f"made {len(missing)} text-layer PDFs with tesseract {engine_version()} "
            f"in {time.perf_counter() - start:.0f} s"
        )
    return [t for _, t in todo]


def score(
    name: str, folder: Path, read: Callable[[Path], Document], suffix: str, source: Path
) -> SetScore:
    """Score ``read(NNN.suffix)`` for every gold record of ``source`` found in ``folder``."""
    pairs = (
        (gold_path, folder / f"{gold_path.name[: -len('.gold.json')]}{suffix}")
        for gold_path in sorted(source.glob("*.gold.json"))
    )
    return score_paths(name, ((g, p) for g, p in pairs if p.exists()), read)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("folder", type=Path, help="NNN.pdf (image-only) + NNN.gold.json [+ NNN.txt]")
    ap.add_argument("--layer-dir", type=Path, help="keep (and reuse) the text-layer PDFs here")
    ap.add_argument("--only", choices=("image", "layer", "text"), action="append")
    ap.add_argument("--fields", action="store_true", help="print the per-field tables")
    ap.add_argument("--misses", type=int, default=0, help="print the first N misses of each")
    ap.add_argument("--jobs", type=int, default=2, help="tesseract runs at a time (default 2)")
    args = ap.parse_args()
    kinds = args.only or ["image", "layer", "text"]
    cache = OcrCache.default()
    ocr_pages: list[str] = []

    def from_layer(path: Path) -> Document:
        # No OCR cache and no engine run expected: every page must come from its layer.
        doc, scan = parse_scan(path, cache=OcrCache(None))
        ocr_pages.extend(f"{path.name} p{p.number}" for p in scan.pages if p.source != "text-layer")
        return doc

    def from_image(path: Path) -> Document:
        return parse_scan(path, cache=cache)[0]

    def from_text(path: Path) -> Document:
        return parse(path.read_text(encoding="utf-8", errors="replace"))

    with tempfile.TemporaryDirectory() as tmp:
        results = []
        if "image" in kinds:
            results.append(score("image-only PDFs", args.folder, from_image, ".pdf", args.folder))
        if "layer" in kinds:
            layer_dir = args.layer_dir or Path(tmp)
            make_layers(args.folder, layer_dir, args.jobs)
            results.append(score("text-layer PDFs", layer_dir, from_layer, ".pdf", args.folder))
        if "text" in kinds:
            results.append(score("plain text", args.folder, from_text, ".txt", args.folder))
    for result in results:
        print()
        print(result.table(fields=args.fields))
        print(f"  {1000 * result.seconds / max(result.docs, 1):.0f} ms per document")
        for miss in result.misses[: args.misses]:
            print("  miss:", miss)
    if "layer" in kinds:
        print()
        print(f"text-layer pages that needed OCR: {len(ocr_pages)}", *ocr_pages[:10])


if __name__ == "__main__":
    main()
