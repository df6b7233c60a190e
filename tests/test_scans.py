"""Scans in, data out: page images and PDFs read through OCR or their text layer.

The pages are made here (tests/scanmaker.py): a worksheet and a letter
printed by the public renderer, drawn with Pillow and damaged like a
photocopy.  The OCR engine (tesseract) must be installed: CI installs it.
"""

from __future__ import annotations

import datetime
import json
import math
import os
import pickle
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image, ImageDraw, ImageFilter

import worksheet_parser
from worksheet_parser import (
    PageSpan,
    Span,
    cli,
    example_text,
    from_dict,
    parse,
    parse_file,
    render,
    to_dict,
)
from worksheet_parser._scan import _ocr, _pages, _pdf
from worksheet_parser._scan._layout import MARKS_SEPARATOR, WordMap, clean_word, layout_text
from worksheet_parser._scan._ocr import OcrCache, OcrUnavailableError, box_marks
from worksheet_parser._scan._pages import Page, PageWord
from worksheet_parser._scan._read import LOW_CONFIDENCE, place_spans

from . import scanmaker

EXAMPLE = parse(example_text())
WORKSHEET = EXAMPLE.worksheets[0]
LETTER = attrs.evolve(
    EXAMPLE.letters[0],
    body=EXAMPLE.letters[0].body[:2],
    signatories=EXAMPLE.letters[0].signatories[:1],
)
"""The sample's letter, cut to one page."""


@pytest.fixture(scope="module", autouse=True)
def _cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Every test of this module shares one OCR cache of its own."""
    folder = tmp_path_factory.mktemp("ocr-cache")
    before = os.environ.get(_ocr.CACHE_ENV)
    os.environ[_ocr.CACHE_ENV] = str(folder)
    yield folder
    if before is None:
        del os.environ[_ocr.CACHE_ENV]
    else:
        os.environ[_ocr.CACHE_ENV] = before


@pytest.fixture(scope="module")
def engine() -> None:
    """The OCR engine must be there: in CI (``WORKSHEET_PARSER_REQUIRE_OCR=1``, set by
    .ci/run after installing it) its absence fails; elsewhere the test is skipped."""
    try:
        _ocr.engine_version()
    except OcrUnavailableError as exc:
        if os.environ.get("WORKSHEET_PARSER_REQUIRE_OCR"):
            raise
        pytest.skip(str(exc))


@pytest.fixture(scope="module")
def pages(engine: None) -> dict[str, Image.Image]:
    """The worksheet and the letter as scanned pages."""
    return {
        "worksheet": scanmaker.degrade(scanmaker.draw_text(render(WORKSHEET))),
        "letter": scanmaker.degrade(scanmaker.draw_text(render(LETTER)), angle=-0.6, seed=3),
    }


@pytest.fixture(scope="module")
def scans(tmp_path_factory: pytest.TempPathFactory, pages: dict[str, Image.Image]) -> Path:
    """The pages as a PNG, a two-page TIFF and an image-only PDF."""
    folder = tmp_path_factory.mktemp("scans")
    scanmaker.save(pages["worksheet"], folder / "worksheet.png")
    scanmaker.save(
        pages["worksheet"],
        folder / "packet.tif",
        save_all=True,
        append_images=[pages["letter"]],
        compression="tiff_lzw",
    )
    scanmaker.save(pages["worksheet"], folder / "image-only.pdf", resolution=scanmaker.DPI)
    return folder


def _check_worksheet(doc: worksheet_parser.Document) -> None:
    ws = doc.worksheets[0]
    assert ws.id_number == WORKSHEET.id_number
    assert ws.direction == WORKSHEET.direction
    assert ws.date_received == WORKSHEET.date_received
    assert ws.correspondent is not None
    assert WORKSHEET.correspondent is not None
    assert ws.correspondent.name == WORKSHEET.correspondent.name
    row, want = ws.routing[0], WORKSHEET.routing[0]
    assert (row.action_code, row.action_date) == (want.action_code, want.action_date)
    assert (row.disposition_code, row.disposition_date) == (
        want.disposition_code,
        want.disposition_date,
    )


class TestImages:
    def test_png_reads_the_worksheet_with_its_place_on_the_page(self, scans: Path) -> None:
        """A page image is read into the same fields as the text it was printed from, and
        each value says where on the page it stands (in points from the top-left)."""
        doc = parse_file(scans / "worksheet.png")
        _check_worksheet(doc)
        span = doc.worksheets[0].field_spans["id_number"]
        assert isinstance(span, PageSpan)
        assert span.page == 1
        assert span.bbox is not None
        # "ID# 303373": the id is the 6 characters from column 5 of the first line.
        want = scanmaker.cell_box(0, 4, 6)
        x0, y0, x1, y1 = span.bbox
        assert abs(x0 - want[0]) < 12
        assert abs(y0 - want[1]) < 12
        assert x1 > x0
        assert y1 > y0

    def test_multi_page_tiff_reads_each_page_once_from_the_cache(self, scans: Path) -> None:
        """A two-page TIFF gives the worksheet (page 1: its pixels were read already, so
        they come from the cache) and the letter (page 2)."""
        doc = parse_file(scans / "packet.tif")
        _check_worksheet(doc)
        letter = doc.letters[0]
        assert letter.salutation == LETTER.salutation
        assert letter.field_spans["salutation"].page == 2

    def test_second_read_does_not_run_the_engine(
        self, scans: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Cached pages are not read again: the same result without the OCR engine."""
        first = parse_file(scans / "worksheet.png")

        def no_engine(*args: object, **kwargs: object) -> Any:
            raise AssertionError("the OCR engine ran on a cached page")

        monkeypatch.setattr(_ocr, "ocr_image", no_engine)
        assert parse_file(scans / "worksheet.png") == first


class TestPdf:
    def test_image_only_pdf_is_rasterised_at_its_own_resolution(self, scans: Path) -> None:
        """A PDF page without text is rendered at its image's resolution and read by OCR."""
        source = _pages.page_sources(scans / "image-only.pdf")[0]
        assert source.layer() is None
        image, dpi = source.image()
        assert round(dpi) == scanmaker.DPI
        assert image.size == scanmaker.PAGE
        doc = parse_file(scans / "image-only.pdf")
        _check_worksheet(doc)

    def test_text_layer_pdf_reads_as_well_without_ocr(
        self,
        tmp_path: Path,
        scans: Path,
        pages: dict[str, Image.Image],
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        """A PDF with a text layer (tesseract's PDF output) is read from that layer: the
        same fields as from the page image, each where the image puts it, and the OCR
        engine does not run."""
        import pytesseract

        pdf = pytesseract.image_to_pdf_or_hocr(
            pages["worksheet"], extension="pdf", config=f"--dpi {scanmaker.DPI}"
        )
        path = tmp_path / "layer.pdf"
        path.write_bytes(pdf)

        def no_engine(*args: object, **kwargs: object) -> Any:
            raise AssertionError("the OCR engine ran on a page with a text layer")

        from_image = parse_file(scans / "worksheet.png").worksheets[0]
        monkeypatch.setattr(_ocr, "ocr_image", no_engine)
        read = _pages.read_pages(_pages.page_sources(path))
        assert [p.source for p in read] == ["text-layer"]
        # The layer's lines are as skewed as the page the engine read.
        assert abs(read[0].skew + 0.8) < 0.3
        doc = parse_file(path)
        _check_worksheet(doc)
        ws = doc.worksheets[0]
        assert ws.field_spans["id_number"].page == 1
        fields = ("id_number", "direction", "date_received", "correspondent", "subject")
        assert [getattr(ws, f) for f in fields] == [getattr(from_image, f) for f in fields]
        assert [(r.office, r.action_code, r.action_date) for r in ws.routing] == [
            (r.office, r.action_code, r.action_date) for r in from_image.routing
        ]
        # The value's box is where the image's OCR put it, within a letter or two.
        here, there = ws.field_spans["id_number"].bbox, from_image.field_spans["id_number"].bbox
        assert here is not None
        assert there is not None
        assert all(abs(a - b) < 6 for a, b in zip(here, there, strict=True))

    @given(st.floats(-4.5, 4.5), st.integers(3, 8))
    def test_a_layers_skew_is_the_slope_of_its_lines(self, angle: float, lines: int) -> None:
        """The skew of a layer's lines comes from where their words stand, whatever
        angle the engine wrote on their characters: the median slope of its long lines."""
        slope = math.tan(math.radians(angle))
        words = []
        for n in range(lines):
            for k in range(4):
                x, y = 72.0 + 110.0 * k, 100.0 + 30.0 * n
                y += (x - 72.0) * slope
                words.append(PageWord(f"W{k}", (x, y, x + 60.0, y + 9.0), 100.0, (1, 1, n + 1)))
        # A short line (one word) says nothing of the page's skew.
        words.append(PageWord("tick", (300.0, 700.0, 320.0, 730.0), 100.0, (1, 1, lines + 1)))
        skew = _pdf._lines_skew(words)
        assert skew is not None
        assert abs(skew - angle) < 0.02
        assert _pdf._lines_skew(words[:8]) is None  # two lines are too few

    def test_a_stamp_beside_the_text_on_the_layers_lines_does_not_skew_it(self) -> None:
        """An engine's line may hold an address and, far right of it, a stamp's words a
        little lower: each run of words is measured alone, and the page's lines tell."""
        words = []
        for n in range(6):
            y = 100.0 + 20.0 * n
            words += [
                PageWord(f"w{k}", (72.0 + 40 * k, y, 100.0 + 40 * k, y + 9), 100.0, (1, 1, n))
                for k in range(4)
            ]
            if n < 4:  # the stamp's words, a step lower, on the same engine lines
                words += [
                    PageWord(
                        f"s{k}", (400.0 + 30 * k, y + 4, 425.0 + 30 * k, y + 13), 100.0, (1, 1, n)
                    )
                    for k in range(3)
                ]
        assert _pdf._lines_skew(words) == 0.0

    def test_a_layer_of_junk_is_not_trusted(self) -> None:
        """Too few words, or mostly non-letters: the page goes to OCR."""
        box = (0.0, 0.0, 1.0, 1.0)
        assert not _pdf.layer_usable([PageWord("ID#", box, 100.0)])
        assert not _pdf.layer_usable([PageWord("~~*~", box, 100.0)] * 5)
        assert _pdf.layer_usable([PageWord("RECEIVED", box, 100.0)] * 5)


class TestRotatedPages:
    @pytest.mark.parametrize("turn", [90, 180, 270])
    def test_a_page_scanned_sideways_or_upside_down_is_read_upright(
        self, pages: dict[str, Image.Image], tmp_path: Path, turn: int
    ) -> None:
        """A page scanned a quarter or half turn round reads the same fields, and each
        value's box is on the page as scanned (where the turned word stands)."""
        turned = pages["worksheet"].rotate(turn, expand=True, fillcolor=255)  # anticlockwise
        path = tmp_path / f"turned-{turn}.png"
        scanmaker.save(turned, path)
        doc = parse_file(path)
        _check_worksheet(doc)
        bbox = doc.worksheets[0].field_spans["id_number"].bbox
        assert bbox is not None
        upright = scanmaker.cell_box(0, 4, 6)
        width, height = (
            scanmaker.PAGE[0] * 72 / scanmaker.DPI,
            scanmaker.PAGE[1] * 72 / scanmaker.DPI,
        )
        # Where the id's box lands when the page is turned ``turn`` degrees anticlockwise.
        want = _ocr.turn_box(upright, (360 - turn) % 360, (width, height))
        centre = ((bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2)
        assert abs(centre[0] - (want[0] + want[2]) / 2) < 15
        assert abs(centre[1] - (want[1] + want[3]) / 2) < 15

    def test_a_page_skewed_by_several_degrees_is_straightened(
        self, tmp_path: Path, engine: None
    ) -> None:
        """A page scanned 7 degrees askew is straightened before OCR and reads the same."""
        upright = scanmaker.draw_text(render(WORKSHEET))
        askew = upright.rotate(7.0, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
        page = scanmaker.degrade(askew, angle=0.0, seed=11)
        assert abs(_ocr.deskew_angle(page) + 7.0) < 0.5
        path = tmp_path / "askew.png"
        scanmaker.save(page, path)
        _check_worksheet(parse_file(path))

    @given(
        box=st.tuples(*[st.floats(0, 500, allow_nan=False)] * 4),
        turn=st.sampled_from([0, 90, 180, 270]),
    )
    def test_turning_a_box_and_back_is_the_same_box(
        self, box: tuple[float, float, float, float], turn: int
    ) -> None:
        """:func:`turn_box` and :func:`unturn_box` undo each other on any page size."""
        x0, x1 = sorted(box[::2])
        y0, y1 = sorted(box[1::2])
        size = (600.0, 800.0)
        there = _ocr.turn_box((x0, y0, x1, y1), turn, size)
        assert there[0] <= there[2]
        assert there[1] <= there[3]
        back = _ocr.unturn_box(there, turn, size)
        assert back == pytest.approx((x0, y0, x1, y1))


class TestCommandLine:
    def test_parse_scans_and_folders_of_scans(
        self, scans: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """`parse FILE.png -f json` and a folder with --glob give the spans' pages and boxes."""
        code = cli.main(["parse", str(scans / "worksheet.png"), "-f", "json", "-q", "-j", "1"])
        out = capsys.readouterr().out
        assert code == cli.EXIT_OK
        data = json.loads(out)
        assert data["worksheets"][0]["id_number"] == WORKSHEET.id_number
        span = data["worksheets"][0]["field_spans"]["id_number"]
        assert span["page"] == 1
        assert len(span["bbox"]) == 4
        code = cli.main(["parse", str(scans), "--glob", "*.png,*.tif", "-f", "jsonl", "-q"])
        lines = capsys.readouterr().out.splitlines()
        assert code == cli.EXIT_OK
        sources = {json.loads(line)["source"] for line in lines}
        assert sources == {str(scans / "packet.tif"), str(scans / "worksheet.png")}

    def test_a_folder_gives_every_kind_of_input_by_default(
        self, scans: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """`parse folder/ -f jsonl -o records.jsonl` reads text files, PDFs and page images
        (whatever the case of their names' endings) without --glob, and nothing else."""
        import shutil

        folder = tmp_path / "box"
        folder.mkdir()
        shutil.copy(scans / "worksheet.png", folder / "a.png")
        shutil.copy(scans / "image-only.pdf", folder / "b.PDF")
        shutil.copy(scans / "packet.tif", folder / "c.tiff")
        (folder / "d.txt").write_text(example_text(), encoding="utf-8")
        (folder / "e.doc").write_text(example_text(), encoding="utf-8")
        out = tmp_path / "records.jsonl"
        code = cli.main(["parse", str(folder), "-f", "jsonl", "-o", str(out), "-q", "-j", "1"])
        assert code == cli.EXIT_OK
        records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        names = sorted(Path(r["source"]).name for r in records)
        assert names == ["a.png", "b.PDF", "c.tiff", "d.txt"]
        assert {r["worksheets"][0]["id_number"] for r in records} == {WORKSHEET.id_number}
        code = cli.main(["parse", str(folder), "--glob", "*.txt", "-f", "jsonl", "-q"])
        lines = capsys.readouterr().out.splitlines()
        assert [Path(json.loads(line)["source"]).name for line in lines] == ["d.txt"]

    def test_a_catalogue_of_a_folder_reads_its_scans(self, scans: Path, tmp_path: Path) -> None:
        """`catalogue folder/` catalogues scans beside text files, read as `parse` reads them,
        and their provenance pages show the text rebuilt from the pages."""
        import shutil
        import sqlite3

        from worksheet_parser.catalogue import build_catalogue

        folder = tmp_path / "box"
        folder.mkdir()
        shutil.copy(scans / "worksheet.png", folder / "a.png")
        (folder / "b.txt").write_text(example_text(), encoding="utf-8")
        db = tmp_path / "c.db"
        report = build_catalogue([folder], db, jobs=1, pages=tmp_path / "pages")
        assert (report.added, report.failed) == (2, 0)
        with sqlite3.connect(db) as con:
            rows = con.execute(
                "SELECT s.path, w.id_number, w.date_received FROM worksheets w "
                "JOIN sources s ON s.id = w.source_id ORDER BY s.path"
            ).fetchall()
        assert [(Path(p).name, n) for p, n, _ in rows] == [
            ("a.png", WORKSHEET.id_number),
            ("b.txt", WORKSHEET.id_number),
        ]
        assert WORKSHEET.date_received is not None
        assert WORKSHEET.id_number is not None
        assert rows[0][2] == WORKSHEET.date_received.isoformat()
        page = next((tmp_path / "pages").glob("a-*.html")).read_text(encoding="utf-8")
        assert WORKSHEET.id_number in page

    def test_show_reads_a_scan_as_parse_does(self, scans: Path, tmp_path: Path) -> None:
        """`show page.png -o page.html` is the provenance page of the text rebuilt from it."""
        out = tmp_path / "page.html"
        code = cli.main(["show", str(scans / "worksheet.png"), "-o", str(out)])
        assert code == cli.EXIT_OK
        assert f"{WORKSHEET.id_number}" in out.read_text(encoding="utf-8")

    def test_explain_reads_a_scan_as_parse_does(
        self, scans: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """`explain page.png` lists the text rebuilt from the page with each field's span,
        the same values `parse` reads."""
        code = cli.main(["explain", str(scans / "worksheet.png")])
        out = capsys.readouterr().out
        assert code == cli.EXIT_OK
        assert f'worksheets[0].id_number = "{WORKSHEET.id_number}"' in out
        assert "ID#" in out

    def test_batch_api_reads_scans_beside_text(self, scans: Path, tmp_path: Path) -> None:
        """`parse_paths` reads a page image as a scan and a text file as text."""
        from worksheet_parser.batch import parse_paths

        text = tmp_path / "page.txt"
        text.write_text(example_text(), encoding="utf-8")
        results = list(parse_paths([scans / "worksheet.png", text], jobs=1))
        assert [r.ok for r in results] == [True, True]
        docs = [r.document for r in results]
        assert all(d is not None for d in docs)
        assert [d.worksheets[0].id_number for d in docs if d is not None] == [
            WORKSHEET.id_number,
            WORKSHEET.id_number,
        ]

    def test_missing_engine_is_named_and_text_still_works(
        self, scans: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Without the OCR extra a scan fails with what to install; text input is unharmed."""
        monkeypatch.setitem(sys.modules, "pytesseract", None)
        _ocr._tesseract.cache_clear()
        monkeypatch.setenv(_ocr.CACHE_ENV, str(tmp_path / "empty-cache"))
        try:
            with pytest.raises(OcrUnavailableError, match=r"pip install .*\[ocr\]"):
                parse_file(scans / "worksheet.png")
        finally:
            _ocr._tesseract.cache_clear()
        text = tmp_path / "page.txt"
        text.write_text(example_text(), encoding="utf-8")
        assert parse_file(text) == EXAMPLE

    def test_missing_engine_binary_names_the_system_package(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """With pytesseract but no tesseract program, the error names the system package."""
        import pytesseract

        monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", "/nonexistent/tesseract")
        _ocr._tesseract.cache_clear()
        try:
            with pytest.raises(OcrUnavailableError, match="apt-get install tesseract-ocr"):
                _ocr.engine_version()
        finally:
            _ocr._tesseract.cache_clear()


# --------------------------------------------------------------------------
# Layout, without OCR: pages of words placed on a grid.

LETTER_W, LINE_H = 6.0, 12.0
_Box = tuple[float, float, float, float]


def _grid_page(lines: list[str], order: str = "rows", conf: float = 95.0) -> Page:
    """Words of ``lines`` at their columns, in row order or column by column."""
    words = []
    for row, line in enumerate(lines):
        col = 0
        for token in line.split(" "):
            if token:
                x0 = 36 + col * LETTER_W
                y0 = 36 + row * LINE_H
                words.append(
                    PageWord(
                        token, (x0, y0, x0 + len(token) * LETTER_W, y0 + 8.0), conf, (row, 0, 0)
                    )
                )
            col += len(token) + 1
    if order == "columns":
        words.sort(key=lambda w: (w.bbox[0], w.bbox[1]))
    return Page(1, 612.0, 792.0, tuple(words), "ocr")


_TOKEN = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/.", min_size=1, max_size=9).filter(
    lambda t: any(ch.isalnum() for ch in t)  # a dot alone is a speck, set apart on purpose
)
_LINE = st.lists(_TOKEN, min_size=1, max_size=6).map(" ".join)


class TestLayout:
    def test_a_table_read_column_by_column_comes_back_row_by_row(self) -> None:
        """The engine's order does not matter: rows are rebuilt from the boxes."""
        table = [
            "FREDERICK MCCLURE  ORG 92/01/30  A 92/01/30",
            "BRENT SCOWCROFT    A   92/01/31  S 92/02/04",
        ]
        text, _ = layout_text([_grid_page(table, order="columns")])
        assert [" ".join(line.split()) for line in text.splitlines()] == [
            " ".join(line.split()) for line in table
        ]
        # The columns stay apart by more than one space, as printed.
        assert "MCCLURE  ORG" in text

    @given(st.lists(_LINE, min_size=1, max_size=12))
    def test_nothing_is_lost_and_every_word_maps_back(self, lines: list[str]) -> None:
        """Every word is in the text once, where the map says, with its page and box."""
        page = _grid_page(lines, order="columns")
        text, words = layout_text([page])
        assert sorted(p.text for p in words.words) == sorted(clean_word(w.text) for w in page.words)
        for placed in words.words:
            assert text[placed.start : placed.end] == placed.text
            assert words.locate(placed.start, placed.end) == (1, placed.bbox)
        # Lines come back in order, with their words in order.
        assert [line.split() for line in text.splitlines()] == [
            [clean_word(t) for t in line.split()] for line in lines
        ]

    @given(
        st.lists(
            st.tuples(
                st.text(min_size=1, max_size=6).filter(lambda t: t.strip() == t and t),
                st.floats(0, 600),
                st.floats(0, 780),
                st.floats(0.5, 40),
                st.floats(0.5, 30),
                st.floats(0, 100),
            ),
            max_size=40,
        ),
        st.floats(-3, 3),
    )
    def test_any_words_anywhere_are_all_placed(
        self, raw: list[tuple[str, float, float, float, float, float]], skew: float
    ) -> None:
        """Totality: any boxes, sizes, confidences and skew give a text holding every word."""
        words = tuple(PageWord(t, (x, y, x + w, y + h), c) for t, x, y, w, h, c in raw)
        text, placed = layout_text([Page(1, 612.0, 792.0, words, "ocr", skew)])
        assert len(placed.words) == len(words)
        for p in placed.words:
            assert text[p.start : p.end] == p.text

    def test_idempotent_on_its_own_output(self) -> None:
        """Laying out the text it wrote, on the same grid, gives that text again."""
        lines = render(WORKSHEET).splitlines()[:12]
        first, _ = layout_text([_grid_page(lines)])
        again, _ = layout_text([_grid_page(first.splitlines())])
        assert again == first

    def test_handwriting_and_specks_are_set_apart_not_dropped(self) -> None:
        """A tall, unsure scrawl between two typed lines goes to the marks after the
        pages, so it is neither a signatory nor lost."""
        page = _grid_page(["Sincerely,", "", "", "Jean E. Gilman"])
        scrawl = PageWord("Qiitat", (36.0, 50.0, 90.0, 75.0), 5.0)
        speck = PageWord(".", (200.0, 40.0, 201.0, 41.0), 30.0)
        page = Page(1, 612.0, 792.0, (*page.words, scrawl, speck), "ocr")
        text, words = layout_text([page])
        body, _, marks = text.partition("\n\n\n\n")
        assert "Qiitat" not in body
        assert "Qiitat" in marks
        assert "." in marks
        assert {w.text for w in words.words} >= {"Qiitat", "."}

    def test_a_tall_unsure_word_beside_sure_words_as_tall_is_text(self) -> None:
        """Boxes that all caught the rule under a line are tall: an unsure word as tall
        as a sure word of its engine line stays in its row; alone it is a scrawl."""
        page = _grid_page(["ID# 303373", "INCOMING", "DATE RECEIVED: JANUARY 30, 1992"])
        line = (9, 1, 1)
        name = PageWord("Name:", (36.0, 120.0, 66.0, 128.0), 96.0, line)
        unsure = PageWord("Amnesty", (100.0, 114.0, 150.0, 134.0), 29.0, line)
        sure = PageWord("International", (156.0, 114.0, 240.0, 134.0), 95.0, line)
        for extra, kept in (((name, unsure, sure), True), ((name, unsure), False)):
            text, _ = layout_text([attrs.evolve(page, words=(*page.words, *extra))])
            rows, _, _ = text.partition(MARKS_SEPARATOR)
            assert ("Amnesty" in rows) is kept, text

    def test_handwriting_in_a_text_layer_is_told_by_where_it_stands(self) -> None:
        """A text layer has no confidences: a short lower-case word alone in its row, or
        one standing apart beside typed text, is set apart; typed words stay."""
        page = _grid_page(
            ["ID# 303373", "MARSHA SCOTT          ORG 92/01/30      wa", "it", "COMMENTS: NONE"],
            conf=100.0,
        )
        text, _ = layout_text([attrs.evolve(page, source="text-layer")])
        rows, _, after = text.partition(MARKS_SEPARATOR)
        assert "MARSHA SCOTT" in rows
        assert "92/01/30" in rows
        assert "COMMENTS: NONE" in rows
        assert "wa" not in rows.split()
        assert "it" not in rows.split()
        assert after.split() == ["wa", "it"]

    def test_a_layer_line_joining_two_printed_rows_is_not_one_row(self) -> None:
        """An engine writing a text layer may put words of two printed rows on one
        baseline (a routing row's disposition under the ``Referral Note`` below its
        office): their places say they are two rows, and the routing rows are read."""
        lines = [
            "ROUTE TO:                    ACTION             DISPOSITION",
            "DOS                          R  81/08/31        S  81/09/03",
            "   Referral Note",
            "ELIZABETH DOLE               X  81/09/01        S  81/10/01",
        ]
        page = _grid_page(lines, conf=100.0)
        joined = []
        for w in page.words:
            row = round((w.bbox[1] - 36) / LINE_H)
            # The layer's line of ``Referral Note`` also holds the disposition above it.
            late = row == 1 and w.bbox[0] > 36 + 40 * LETTER_W
            joined.append(attrs.evolve(w, line=(1, 1, 3 if late else row + 1)))
        layer = attrs.evolve(page, words=tuple(joined), source="text-layer")
        text, _ = layout_text([layer])
        rows = [" ".join(line.split()) for line in text.split(MARKS_SEPARATOR)[0].splitlines()]
        assert "DOS R 81/08/31 S 81/09/03" in rows, text
        assert "Referral Note" in rows, text
        ws = parse("ID# 303373\nINCOMING\n" + text).worksheets[0]
        assert [(r.office, r.disposition_date) for r in ws.routing] == [
            ("DOS", datetime.date(1981, 9, 3)),
            ("ELIZABETH DOLE", datetime.date(1981, 10, 1)),
        ]

    def test_marks_alone_in_a_routing_row_are_set_apart(self) -> None:
        """A row of the routing table with nothing in the office column, no date and only
        short words (initials ``COB``, ticks read ``¢ #  r ¢``) is handwriting over the
        table, not a routing row: it is set apart, and no row is invented."""
        lines = [
            "ID# 303373",
            "INCOMING",
            "ROUTE TO: OFFICE/AGENCY (STAFF NAME)     ACT DATE         TYPE C COMPLETED",
            "                                         CODE YY/MM/DD    RESP D YY/MM/DD",
            "PATSY THOMASSON                          ORG 97/10/22          B 97/11/05",
            "           REFERRAL NOTE:",
            "                                         COB",
            "MARSHA SCOTT                             X   97/12/10          B 97/12/24",
            "           REFERRAL NOTE:",
            "                                            ¢ #                r ¢",
            "           REFERRAL NOTE:",
            "COMMENTS: ORIGINAL TO CENTRAL FILES",
        ]
        for source in ("ocr", "text-layer"):
            page = attrs.evolve(_grid_page(lines, conf=100.0), source=source)
            text, _ = layout_text([page])
            after = text.partition(MARKS_SEPARATOR)[2]
            assert after.split() == ["COB", "¢", "#", "r", "¢"], text
            ws = parse(text).worksheets[0]
            assert [r.office for r in ws.routing] == ["PATSY THOMASSON", "MARSHA SCOTT"]

    def test_specks_on_the_table_heads_first_line_are_set_apart(self) -> None:
        """Specks read on the ``ACTION  DISPOSITION`` line over ``ROUTE TO`` (``i``,
        ``4``) go after the page: the line is not read as the subject's end."""
        lines = [
            "ID# 303373",
            "INCOMING",
            "SUBJECT: SUPPORTS ADMINISTRATION POSITION ON FUNDING FOR THE SPACE STATION",
            "      i                      4               ACTION            DISPOSITION",
            "ROUTE TO: OFFICE/AGENCY (STAFF NAME)     ACT DATE         TYPE C COMPLETED",
            "                                         CODE YY/MM/DD    RESP D YY/MM/DD",
            "PATSY THOMASSON                          ORG 97/10/22          B 97/11/05",
        ]
        page = attrs.evolve(_grid_page(lines, conf=100.0), source="text-layer")
        text, _ = layout_text([page])
        assert text.partition(MARKS_SEPARATOR)[2].split() == ["i", "4"], text
        ws = parse(text).worksheets[0]
        assert ws.subject == "SUPPORTS ADMINISTRATION POSITION ON FUNDING FOR THE SPACE STATION"

    def test_a_damaged_code_cell_does_not_cost_the_row(self) -> None:
        """A code cell read with a mark fused to it (``#F``, ``.c``) is its code letter;
        one read as no code (``Vig``, ``[FP``) is set apart, so the row keeps its office
        and date; a code beside a speck the parser reads (``cS``) stays as read."""
        lines = [
            "ID# 303373",
            "INCOMING",
            "ROUTE TO: OFFICE/AGENCY (STAFF NAME)     ACT DATE         TYPE C COMPLETED",
            "                                         CODE YY/MM/DD    RESP D YY/MM/DD",
            "FREDERICK MCCLURE                        #F   89/07/21          .c 89/07/30",
            "MARSHA SCOTT                             Vig  89/07/22",
            "DOD                                      [FP  89/07/23",
            "CONSTANCE HORNER                         cS   89/07/24",
        ]
        for source in ("ocr", "text-layer"):
            page = attrs.evolve(_grid_page(lines, conf=100.0), source=source)
            text, _ = layout_text([page])
            assert text.partition(MARKS_SEPARATOR)[2].split() == ["Vig", "[FP"], text
            rows = parse(text).worksheets[0].routing
            assert [(r.office, r.action_code and r.action_code.value) for r in rows] == [
                ("FREDERICK MCCLURE", "F"),
                ("MARSHA SCOTT", None),
                ("DOD", None),
                ("CONSTANCE HORNER", "S"),
            ]
            assert rows[0].disposition_code is not None
            assert rows[0].disposition_code.value == "C"
            assert [r.action_date for r in rows] == [
                datetime.date(1989, 7, d) for d in range(21, 25)
            ]

    def test_review_stamp_over_a_letter_is_a_block_of_its_own(self) -> None:
        """A stamp printed beside the address is lifted out of the letter's lines."""
        lines = [
            "The Honorable George Bush      United States Department of State",
            "The White House                Office of FOI, Privacy, & Classification Review",
            "Washington, D.C.               Review Authority: SMITH, JOHN",
            "                               Date: 03/22/95",
            "                               Case ID: 9308213",
            "Dear Mr. President:",
        ]
        text, _ = layout_text([_grid_page(lines)])
        doc = parse(text)
        assert len(doc.review_stamps) == 1
        assert doc.review_stamps[0].case_id == "9308213"
        assert "The Honorable George Bush\n" in text

    def test_rule_strokes_leave_the_word(self) -> None:
        """An id on its underline, a code after a dash of the box edge."""
        assert clean_word("_502720") == "502720"
        assert clean_word("—-HU") == "HU"
        assert clean_word("__/__/__") == "__/__/__"
        assert clean_word("FO006-07") == "FO006-07"

    def test_a_code_letter_read_twice_is_one_letter(self) -> None:
        """``Cc``, ``Ss}``, ``Pp.``: one letter, its punctuation kept; words stay words."""
        assert clean_word("Cc") == "C"
        assert clean_word("Ss}") == "S"
        assert clean_word("Pp.") == "P."
        assert clean_word("Sc") == "Sc"
        assert clean_word("We") == "We"

    def test_an_unsure_media_letter_after_its_label_is_its_code(self) -> None:
        """``Media:   p`` read unsure: the media code ``P``, not handwriting; a word of
        letters there is still set apart."""
        for text, want in (("p", "P"), ("pe", "pe")):
            page = _grid_page(["ID# 303373", "MEDIA:      p      INDIVIDUAL CODES: 1500"])
            words = tuple(
                attrs.evolve(w, text=text, conf=0.0) if w.text == "p" else w for w in page.words
            )
            out, _ = layout_text([attrs.evolve(page, words=words)])
            line = next(line for line in out.split("\n") if "MEDIA:" in line)
            assert (want in line.split()) is (text == "p"), out

    def test_an_unsure_small_capital_is_a_speck_set_apart(self) -> None:
        """An unsure ``A`` half the type's height far right of an id is a speck: it goes
        after the page (kept, not dropped); read surely, it stays in its row."""
        page = _grid_page(["ID# 965697", "SUBJECT: URGES PRESIDENT TO ACT", "INCOMING"])
        for conf, apart in ((32.0, True), (90.0, False)):
            speck = PageWord("A", (300.0, 40.0, 304.0, 43.5), conf, (0, 0, 0))
            text, _ = layout_text([attrs.evolve(page, words=(*page.words, speck))])
            rows, _, after = text.partition(MARKS_SEPARATOR)
            assert ("A" in rows.split("\n")[0].split()) is not apart
            assert ("A" in after.split()) is apart

    def test_an_unsure_code_letter_stays_in_its_routing_row(self) -> None:
        """An unsure ``c`` before a row's date is its action code (written as the capital
        it is shaped like), not handwriting; an unsure scrawl in the same place that is
        no code letter is set apart."""
        for text, written, kept in (("c", "C", True), ("Ss}", "S", True), ("ww", "ww", False)):
            page = _grid_page(["HHS                c      95/02/19"])
            words = [attrs.evolve(w, conf=30.0) if w.text == "c" else w for w in page.words]
            words = [attrs.evolve(w, text=text) if w.text == "c" else w for w in words]
            out, _ = layout_text([attrs.evolve(page, words=tuple(words))])
            first = out.split("\n")[0].split()
            assert (written in first) is kept, (text, out)

    def test_debris_in_a_damaged_table_head_is_set_apart(self) -> None:
        """Between ``ROUTE TO`` and the first row, what is not the head's printed words
        (``Aevon  ot``, a head line read as ``Code  Cote``) goes after the page, so the
        parser does not read it as an office row; the rows below are read as printed."""
        lines = [
            "ID# 303373",
            "WHITE HOUSE CORRESPONDENCE TRACKING WORKSHEET",
            "ROUTE TO                ACTION                DISPOSITION",
            "                          Tracking     Type",
            "                  Aevon             ot",
            "      we                  Code                    Cote",
            "Dos                     A   83/05/26          B   83/05/29",
            "",
            "Rm                      X   83/05/31",
            "",
            "MAX FRIEDERSDORF        I   83/05/31          B   83/06/07",
            "COMMENTS: NONE",
        ]
        text, words = layout_text([_grid_page(lines)])
        rows, _, after = text.partition(MARKS_SEPARATOR)
        assert after.split() == ["Aevon", "ot", "we", "Code", "Cote"]
        assert "Tracking" in rows
        assert len(words.words) == sum(len(line.split()) for line in lines)
        doc = parse(text)
        routing = doc.worksheets[0].routing if doc.worksheets else ()
        assert [(r.office, r.action_code) for r in routing] == [
            ("Dos", "A"),
            ("Rm", "X"),
            ("MAX FRIEDERSDORF", "I"),
        ]
        # An office row right under the head is a row, not debris.
        lines[4:6] = ["Originator                  ORG"]
        text, _ = layout_text([_grid_page(lines)])
        assert "Originator" in text.partition(MARKS_SEPARATOR)[0]

    def test_a_damaged_date_hint_beside_the_date_received_is_set_apart(self) -> None:
        """``Date Correspondence / Rgceived (¥Y/MM/DD)  83/05/25``: the damaged half of
        the 5/81 label goes after the page, and the date is read; intact, it stays."""
        top = ["ID# 020359", "WHITE HOUSE CORRESPONDENCE TRACKING WORKSHEET", ""]
        tail = ["", "Name of Correspondent:    Thomas K. Wolf"]
        cases: list[tuple[list[str], list[str]]] = [
            (["Rgceived (¥Y/MM/DD)     83/05/25"], ["Rgceived", "(¥Y/MM/DD)"]),
            (
                ["R   ived (YY/MM/DD", "eceived       83/05/25"],
                ["R", "ived", "(YY/MM/DD", "eceived"],
            ),
            (["Received (YY/MM/DD)     83/05/25"], []),
        ]
        for second, apart in cases:
            lines = [*top, "Date Correspondence", *second, *tail]
            text, _ = layout_text([_grid_page(lines)])
            _, _, after = text.partition(MARKS_SEPARATOR)
            assert after.split() == apart, text
            assert parse(text).worksheets[0].date_received == datetime.date(1983, 5, 25)

    def test_an_indented_id_line_starts_at_the_margin(self) -> None:
        """A worksheet printed right of an archive header's stamp: its ``ID#`` line is
        written at the margin, where the parser knows an ``ID#`` line, and read."""
        lines = [
            "55235.",
            "1989/07/18",
            "     ID# 965697",
            "                                         PROO7",
            "                     WHITE HOUSE",
            "               CORRESPONDENCE TRACKING WORKSHEET",
        ]
        text, _ = layout_text([_grid_page(lines)])
        assert "\nID# 965697\n" in text
        ws = parse(text).worksheets[0]
        assert ws.id_number == "965697"
        assert ws.subject_codes == ("PR007",)

    def test_a_stamp_word_on_its_line_below_the_stamp_box_is_of_the_stamp(self) -> None:
        """``Case`` a little lower than the stamp's box, on the engine's line of ``ID:
        9516225``: it goes with the stamp, and the case id is read."""
        lines = [
            "SEND COMPLETED RECORD TO RECORDS MANAGEMENT.",
            "",
            "United States Department of State",
            "Office of FOI, Privacy, & Classification Review",
            "Review Authority: MILLER, ROBERT",
            "Date: 03/05/96",
            "Case ID: 9516225",
        ]
        page = _grid_page(lines)
        words = []
        for w in page.words:
            if w.text == "Case":  # its box caught the stamp's border: centred lower
                w = attrs.evolve(w, bbox=(w.bbox[0], w.bbox[1] + 4, w.bbox[2], w.bbox[3] + 8))
            words.append(w)
        text, _ = layout_text([attrs.evolve(page, words=tuple(words))])
        assert "Case ID: 9516225" in text
        assert parse(text).review_stamps[0].case_id == "9516225"


class TestCheckBoxes:
    @staticmethod
    def _form(
        marked: int,
    ) -> tuple[Image.Image, list[tuple[str, tuple[float, float, float, float]]]]:
        page = Image.new("L", (900, 400), 255)
        pen = ImageDraw.Draw(page)
        boxes = []
        for i, option in enumerate(("OUTGOING", "INTERNAL", "INCOMING")):
            y = 60 + i * 60
            pen.rectangle((60, y, 90, y + 30), outline=0, width=2)
            if i == marked:
                pen.line((62, y + 2, 88, y + 28), fill=0, width=4)
                pen.line((62, y + 28, 88, y + 2), fill=0, width=4)
            boxes.append((option, (150.0, y + 5.0, 330.0, y + 25.0)))
        return page, boxes

    @pytest.mark.parametrize("marked", [0, 1, 2])
    def test_the_marked_box_is_found_by_its_ink(self, marked: int) -> None:
        """The box with the mark is told from the empty ones by position and ink."""
        page, boxes = self._form(marked)
        found = box_marks(page, boxes)
        assert [f[0] for f in found] == [("OUTGOING", "INTERNAL", "INCOMING")[marked]]

    def test_no_mark_no_guess(self) -> None:
        """Three empty boxes: no direction is invented."""
        page, boxes = self._form(-1)
        assert box_marks(page, boxes) == []

    def test_the_options_line_does_not_cut_the_date_label_from_its_date(self) -> None:
        """The options are written as one line at the last option's height: the
        ``Date Correspondence`` label printed above their middle keeps its date."""
        lines = [
            "ID# 584171",
            "WHITE HOUSE CORRESPONDENCE TRACKING WORKSHEET",
            "                              Date Correspondence",
            "O - OUTGOING",
            "H - INTERNAL                  (YY/MM/DD)    85/03/23",
            "I - INCOMING",
            "",
            "Name of Correspondent:    Richard D. Robinson",
        ]
        text, _ = layout_text([_grid_page(lines)])
        rows = text.partition(MARKS_SEPARATOR)[0].splitlines()
        options = next(i for i, line in enumerate(rows) if "OUTGOING" in line)
        assert "INCOMING" in rows[options]
        assert options > next(i for i, line in enumerate(rows) if "85/03/23" in line)
        assert parse(text).worksheets[0].date_received == datetime.date(1985, 3, 23)

    def test_specks_beside_the_date_received_are_set_apart(self) -> None:
        """Between the options and the date label, and right of the date, the 5/81 form
        prints nothing: a short word there on the date's lines (``i F``, ``7°``, a
        text layer's specks, read as surely as type) is set apart, and the date read."""
        lines = [
            "ID# 584171",
            "WHITE HOUSE CORRESPONDENCE TRACKING WORKSHEET",
            "                              Date Correspondence",
            "O - OUTGOING",
            "H - INTERNAL    i  F          aw (YY/MM/DD)    85/03/23   7°",
            "X I - INCOMING",
            "",
            "Name of Correspondent:    Richard D. Robinson",
        ]
        page = attrs.evolve(_grid_page(lines, conf=100.0), source="text-layer")
        text, _ = layout_text([page])
        _, _, after = text.partition(MARKS_SEPARATOR)
        assert {"i", "F", "aw", "(YY/MM/DD)", "7°"} <= set(after.split()), text
        rows = [line.split() for line in text.partition(MARKS_SEPARATOR)[0].splitlines()]
        assert ["85/03/23"] in rows, text
        assert parse(text).worksheets[0].date_received == datetime.date(1985, 3, 23)


def _type_box(row: int, col: int, length: int) -> _Box:
    """The box an engine gives a word drawn by :mod:`scanmaker`: its type's height,
    not the line's."""
    box = scanmaker.cell_box(row, col, length)
    return (box[0], box[1] + 1.5, box[2], box[3] - 2.5)


class TestCodeCells:
    LINES = (
        "ROUTE TO: OFFICE/AGENCY (STAFF NAME)   ACT  DATE",
        "                                       CODE YY/MM/DD",
        "DOS                                     C   95/02/19",
        "NSC                                         95/02/20",
        "OMB                                     .   95/02/21",
    )

    def _page(self, missed: str, occupant: str | None = None) -> tuple[Image.Image, list[PageWord]]:
        """The table drawn with its column rules, and the words an engine read of it:
        all but ``missed`` (or ``occupant``, an unsure misreading, in its place)."""
        page = scanmaker.draw_text("\n".join(self.LINES))
        pen = ImageDraw.Draw(page)
        for col in (38.5, 43.5):
            x = scanmaker.MARGIN[0] + col * scanmaker.PITCH
            y0 = scanmaker.MARGIN[1] + 2 * scanmaker.LEADING - 6
            pen.line((x, y0, x, y0 + 3 * scanmaker.LEADING), fill=0, width=2)
        words = []
        for row, line in enumerate(self.LINES):
            for match in re.finditer(r"\S+", line):
                text = match.group()
                box = _type_box(row, match.start(), len(text))
                if text == missed:
                    if occupant is None:
                        continue
                    text, conf = occupant, 20.0
                else:
                    conf = 95.0
                words.append(PageWord(text, box, conf, (1, 1, row + 1)))
        return page, words

    @pytest.mark.parametrize("occupant", [None, "ey"])
    def test_a_code_letter_the_engine_missed_is_read_in_its_cell(
        self, engine: None, occupant: str | None
    ) -> None:
        """The engine saw no ``C`` (or read junk there unsurely): the empty code cell
        left of the row's date is read alone and gives the letter, on the page where
        it is; the empty cell and the speck give nothing."""
        page, words = self._page("C", occupant)
        found = _ocr.read_cells(page, scanmaker.DPI, words, 0.0, 0)
        assert [w.text for w in found] == ["C"]
        assert found[0].line == _ocr.CELL_LINE
        want = scanmaker.cell_box(2, 40, 1)
        x, y = (found[0].bbox[0] + found[0].bbox[2]) / 2, (found[0].bbox[1] + found[0].bbox[3]) / 2
        assert want[0] - 2 <= x <= want[2] + 2
        assert want[1] <= y <= want[3]
        text, _ = layout_text([Page(1, 612.0, 792.0, (*words, *found), "ocr")])
        rows, _, after = text.partition(MARKS_SEPARATOR)
        assert rows.split("DOS", 1)[1].split()[:2] == ["C", "95/02/19"]
        assert (occupant or "") in after  # the misreading is set apart, not dropped

    def test_a_full_cell_is_not_read_again(self, engine: None) -> None:
        """A code the engine read surely stays its reading: no cell is read."""
        page, words = self._page("none")
        assert _ocr.read_cells(page, scanmaker.DPI, words, 0.0, 0) == []

    @pytest.mark.parametrize(
        ("code", "misread", "tall"),
        [("L", None, False), ("L", "MEDIA?L", False), ("L", None, True), (None, None, False)],
    )
    def test_a_media_code_the_engine_skipped_is_read_in_its_gap(
        self, engine: None, code: str | None, misread: str | None, tall: bool
    ) -> None:
        """Nothing read between ``CORRESPONDENTS:`` and ``INDIVIDUAL`` (or a damaged
        reading, ``MEDIA?L``): the gap is read again and gives ``MEDIA:L``, the damaged
        reading is set apart; a blank gap gives nothing.  A label's box that caught the
        lines around it (``tall``) does not make the gap read them too."""
        line = "ADDITIONAL CORRESPONDENTS:     " + (f"MEDIA:{code}" if code else "       ")
        line += "      INDIVIDUAL CODES: 1500"
        lines = ["ID# 303373", "CO-SIGNED BY 14 MEMBERS OF CONGRESS", line, "MAIL USER CODES: (A)"]
        # Blurred as a scanner blurs it (on type too crisp the engine reports no confidence).
        page = scanmaker.draw_text("\n".join(lines)).filter(ImageFilter.GaussianBlur(0.7))
        words = [
            PageWord(m.group(), _type_box(row, m.start(), len(m.group())), 95.0, (1, 1, row))
            for row, text in enumerate(lines)
            for m in re.finditer(r"\S+", text)
            if not m.group().startswith("MEDIA")
        ]
        if misread:
            words.append(PageWord(misread, _type_box(2, 31, 7), 60.0, (1, 1, 2)))
        if tall:
            words = [
                attrs.evolve(w, bbox=(w.bbox[0], w.bbox[1] - 12, w.bbox[2], w.bbox[3] + 12))
                if w.text == "CORRESPONDENTS:"
                else w
                for w in words
            ]
        found = _ocr.read_cells(page, scanmaker.DPI, words, 0.0, 0)
        if code is None:
            assert found == []
            return
        assert "".join(w.text for w in found) == "MEDIA:L"
        text, _ = layout_text([Page(1, 612.0, 792.0, (*words, *found), "ocr")])
        assert parse(text).worksheets[0].media == "L"
        assert (misread or "") in text.partition(MARKS_SEPARATOR)[2]


# --------------------------------------------------------------------------
# Provenance, confidences, the cache


class TestProvenance:
    def test_low_confidence_words_in_a_value_are_flagged(self) -> None:
        """A value holding a word the engine was unsure of gets a low-confidence warning."""
        page = _grid_page(render(WORKSHEET).splitlines())
        words = tuple(
            PageWord(w.text, w.bbox, 20.0 if w.text == WORKSHEET.id_number else 95.0)
            for w in page.words
        )
        text, wmap = layout_text([Page(1, 612.0, 792.0, words, "ocr")])
        doc = place_spans(parse(text), wmap)
        flagged = [d for d in doc.diagnostics if d.code == "low-confidence"]
        assert [d.field for d in flagged] == ["worksheets[0].id_number"]
        assert flagged[0].original == WORKSHEET.id_number
        assert LOW_CONFIDENCE > 20.0
        assert doc.worksheets[0].id_number == WORKSHEET.id_number

    def test_every_span_is_placed_on_its_page(self) -> None:
        """Spans of every record become PageSpans with the page and the words' box."""
        page = _grid_page(render(WORKSHEET).splitlines())
        text, wmap = layout_text([page])
        doc = place_spans(parse(text), wmap)
        spans = list(doc.worksheets[0].field_spans.values())
        spans += [s for r in doc.worksheets[0].routing for s in r.field_spans.values()]
        assert all(isinstance(s, PageSpan) for s in spans)
        filled = [s for s in spans if text[s.start : s.end].strip()]
        assert len(filled) >= 10
        assert all(s.page == 1 and s.bbox is not None for s in filled)
        # An empty value (COMMENTS: with nothing after it) has no place on the page.
        empty = doc.worksheets[0].field_spans["comments"]
        assert (empty.page, empty.bbox) == (None, None)

    def test_the_spans_of_packed_records_are_placed_too(self) -> None:
        """A long scan's records are packed (PackedRecords, not tuples): their spans are
        placed on the page all the same, as in the records read into tuples."""
        from worksheet_parser import _packed

        page = _grid_page(render(WORKSHEET).splitlines())
        text, wmap = layout_text([page])
        plain = place_spans(parse(text), wmap)
        saved = _packed.PACK_SIZE
        _packed.PACK_SIZE = 0
        try:
            kept = parse(text)
        finally:
            _packed.PACK_SIZE = saved
        assert isinstance(kept.worksheets, _packed.PackedRecords)
        placed = place_spans(kept, wmap)
        assert placed.to_json() == plain.to_json()
        assert isinstance(placed.worksheets[0].span, PageSpan)

    def test_page_spans_round_trip_and_text_spans_export_as_before(self) -> None:
        """JSON of text input keeps four keys per span; a scan's spans add page and bbox,
        and both come back from JSON and through pickle."""
        assert set(to_dict(EXAMPLE)["worksheets"][0]["span"]) == {
            "start",
            "end",
            "line",
            "column",
        }
        span = PageSpan(1, 5, 1, 2, 3, (1.0, 2.0, 3.0, 4.0))
        assert Span(1, 5, 1, 2).page is None
        assert Span(1, 5, 1, 2).bbox is None
        doc = worksheet_parser.Document(
            worksheets=(), unrecognized=(worksheet_parser.TextLine("x", span),)
        )
        back = from_dict(json.loads(json.dumps(to_dict(doc))))
        assert back.unrecognized[0].span == span
        assert pickle.loads(pickle.dumps(span)) == span


class TestCache:
    def test_entries_are_bounded_oldest_first(self, tmp_path: Path) -> None:
        """Past its size bound the cache drops the least recently used entries."""
        cache = OcrCache(tmp_path, max_bytes=10**9)
        words = [PageWord("WORD", (1.0, 2.0, 3.0, 4.0), 90.0, (1, 1, 1))] * 50
        for i in range(6):
            cache.put(f"{i:064x}", words, 0.5)
            os.utime(cache._path(f"{i:064x}"), (1000 + i, 1000 + i))  # type: ignore[arg-type]
        size = sum(s for _, s, _ in cache.entries())
        cache.max_bytes = size // 2
        cache.prune()
        kept = sorted(p.stem for _, _, p in cache.entries())
        assert kept == [f"{i:064x}" for i in range(3, 6)]
        assert cache.get(f"{5:064x}") == (words, 0.5, 0)
        assert cache.get(f"{0:064x}") is None
        cache.put(f"{9:064x}", words, -0.25, 270)
        assert cache.get(f"{9:064x}") == (words, -0.25, 270)

    def test_off_means_no_cache(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """WORKSHEET_PARSER_CACHE=off reads every page anew and writes nothing."""
        monkeypatch.setenv(_ocr.CACHE_ENV, "off")
        cache = OcrCache.default()
        assert cache.folder is None
        cache.put("ab" * 32, [], 0.0)
        assert cache.get("ab" * 32) is None

    def test_a_damaged_entry_is_a_miss(self, tmp_path: Path) -> None:
        """A half-written or foreign file in the cache is read as missing."""
        cache = OcrCache(tmp_path)
        key = "cd" * 32
        path = cache._path(key)
        assert path is not None
        path.parent.mkdir(parents=True)
        path.write_text("{not json", encoding="utf-8")
        assert cache.get(key) is None


def test_word_map_locates_spans_over_several_words() -> None:
    """A span over two words is placed at the union of their boxes."""
    page = _grid_page(["NAME OF CORRESPONDENT: THE HONORABLE EDWARD M. KENNEDY"])
    text, wmap = layout_text([page])
    start = text.index("EDWARD")
    where = wmap.locate(start, start + len("EDWARD M. KENNEDY"))
    assert where is not None
    assert where[0] == 1
    first = next(w for w in page.words if w.text == "EDWARD")
    last = next(w for w in page.words if w.text == "KENNEDY")
    assert where[1] == (first.bbox[0], first.bbox[1], last.bbox[2], last.bbox[3])
    assert isinstance(wmap, WordMap)
