"""The provenance page: text escaped, spans marked, and the page checked in a real browser."""

from __future__ import annotations

import html
import itertools
import os
import re
import shutil
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import CLEAN, SAMPLE
from worksheet_parser import Document, cli, parse
from worksheet_parser.provenance import provenance_html
from worksheet_parser.strategies import documents

INJECTION = (
    CLEAN.replace(
        "SUBJECT: URGES PRESIDENT TO REJECT MEETING WITH CHINESE PREMIER",
        'SUBJECT: <script>window.__pwned = 1</script> URGES " onmouseover="window.__pwned = 2" '
        "x=\" <img src=x onerror=\"window.__pwned = 3\"> &amp; ' onfocus='window.__pwned = 4'",
    )
    + "\n</pre><script>window.__pwned = 5</script><pre>\n"
)
"""A worksheet whose subject, and a line after it, try to inject markup and script."""


class _Page(HTMLParser):
    """The text of ``pre.source`` and the marks in it, as a browser's DOM would hold them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.text: list[str] = []
        self.marks: list[dict[str, Any]] = []
        self.current: dict[str, Any] | None = None
        self.scripts = 0
        self.handlers: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.handlers += [name for name in found if name.startswith("on")]
        if tag == "script":
            self.scripts += 1
        if tag == "pre" and found.get("class") == "source":
            self.depth = 1
        elif self.depth and tag == "mark":
            self.current = {**found, "text": ""}
            self.marks.append(self.current)

    def handle_endtag(self, tag: str) -> None:
        if tag == "pre":
            self.depth = 0
        elif tag == "mark":
            self.current = None

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.text.append(data)
            if self.current is not None:
                self.current["text"] += data


def read_page(page: str) -> _Page:
    parser = _Page()
    parser.feed(page)
    parser.close()
    return parser


class TestPage:
    def test_every_field_is_marked_at_its_span(self) -> None:
        """Each mark's text is the original text at its span; the sample's fields are all there."""
        text = SAMPLE.read_text(encoding="utf-8")
        doc = parse(text)
        page = read_page(provenance_html(text, doc, name="kennedy.txt"))
        assert "".join(page.text) == text
        fields = {m["data-field"]: m for m in page.marks if "field" in m["class"].split()}
        for mark in page.marks:
            assert mark["text"] == text[int(mark["data-start"]) : int(mark["data-end"])]
        assert fields["worksheets[0].id_number"]["text"] == "303373"
        assert fields["worksheets[0].routing[0].office"]["text"] == "FREDERICK MCCLURE"
        corr = fields["worksheets[0].correspondent"]
        assert corr["text"] == "THE HONCRABLE EDWARD M. KENNEDY"
        assert "value-repaired: THE HONCRABLE -> THE HONORABLE" in corr["data-tip"]
        assert "repaired" in corr["class"].split()
        assert "worksheets[0].correspondent = THE HONORABLE EDWARD M. KENNEDY" in corr["data-tip"]
        unread = [m["text"] for m in page.marks if "unread" in m["class"].split()]
        assert "5m" in unread
        assert "SC Supe" in unread

    def test_document_text_is_escaped_everywhere(self) -> None:
        """Markup in the document stays text: no element, attribute or script comes from it."""
        page_text = provenance_html(INJECTION, name='<b>"x"</b>.txt')
        page = read_page(page_text)
        assert page.scripts == 1  # the page's own
        assert page.handlers == []
        assert "".join(page.text) == INJECTION
        assert "<title>&lt;b&gt;&quot;x&quot;&lt;/b&gt;.txt - provenance</title>" in page_text
        assert "<script>window" not in page_text
        assert "<img" not in page_text
        assert html.escape("<script>window.__pwned = 1</script>") in page_text

    def test_no_network_and_a_strict_policy(self) -> None:
        """No external resource; a Content-Security-Policy allowing nothing but the page's own."""
        page = provenance_html(SAMPLE.read_text(encoding="utf-8"))
        assert "default-src 'none'" in page
        assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page)
        assert "<link" not in page
        assert "@import" not in page

    def test_show_writes_the_page(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        out = tmp_path / "page.html"
        assert cli.main(["show", str(SAMPLE), "-o", str(out)]) == cli.EXIT_OK
        page = out.read_text(encoding="utf-8")
        assert 'id="worksheets-0"' in page
        assert page == provenance_html(SAMPLE.read_text(encoding="utf-8"), name=str(SAMPLE))
        assert cli.main(["show", "--example"]) == cli.EXIT_OK
        assert capsys.readouterr().out.startswith("<!DOCTYPE html>")
        assert cli.main(["show", str(tmp_path / "missing.txt")]) == cli.EXIT_FAILED


@settings(max_examples=60)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_any_text_gives_a_page_that_shows_it_whole(text: str) -> None:
    """Totality: any string gives a page whose text is the input, with no markup from it."""
    page = read_page(provenance_html(text))
    # The parser's DOM sees NUL as U+FFFD; the page writes it so, as a browser would show it.
    assert "".join(page.text) == text.replace("\0", "\ufffd")
    assert page.scripts == 1
    assert page.handlers == []


@settings(max_examples=30)
@given(documents(max_packets=2))
def test_marks_never_overlap_and_hold_their_spans(doc: Document) -> None:
    from worksheet_parser import render

    text = render(doc)
    page = read_page(provenance_html(text))
    assert "".join(page.text) == text
    spans = sorted((int(m["data-start"]), int(m["data-end"])) for m in page.marks)
    for (_, end), (start, _) in itertools.pairwise(spans):
        assert end <= start
    parsed = parse(text)
    field_marks = {m["data-field"] for m in page.marks if "field" in m["class"].split()}
    for i, ws in enumerate(parsed.worksheets):
        if "id_number" in ws.field_spans:
            assert f"worksheets[{i}].id_number" in field_marks


# --------------------------------------------------------------------------
# In a real browser


def _browser() -> tuple[str, str] | None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    return None if browser is None or driver is None else (browser, driver)


@pytest.fixture(scope="module")
def driver(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    found = _browser()
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("chromium and chromium-driver must be installed in CI (see .ci/run)")
        pytest.skip("chromium or chromedriver not installed")
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = found[0]
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--disable-sync",
        "--window-size=1400,1000",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    browser = webdriver.Chrome(service=Service(found[1]), options=options)
    try:
        yield browser
    finally:
        browser.quit()


def load(driver: Any, folder: Path, text: str, name: str = "page") -> list[dict[str, Any]]:
    """Open the provenance page of ``text``; return the console messages of loading it."""
    path = folder / f"{name}.html"
    path.write_text(provenance_html(text, name=name), encoding="utf-8")
    driver.get_log("browser")  # forget earlier pages' messages
    driver.get(path.as_uri())
    return list(driver.get_log("browser"))


def severe(logs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [entry for entry in logs if entry["level"] in ("SEVERE", "WARNING")]


class TestInBrowser:
    def test_loads_without_console_errors_and_marks_hold_the_values(
        self, driver: Any, tmp_path: Path
    ) -> None:
        text = SAMPLE.read_text(encoding="utf-8")
        logs = load(driver, tmp_path, text, "kennedy")
        assert severe(logs) == []
        marks = driver.execute_script(
            "return Array.from(document.querySelectorAll('pre.source mark')).map(m => ("
            "{field: m.dataset.field, cls: m.className, text: m.textContent,"
            " start: +m.dataset.start, end: +m.dataset.end}))"
        )
        flat = text.replace("\r\n", "\n")
        assert len(marks) > 40
        for m in marks:
            assert m["text"] == flat[m["start"] : m["end"]], m
        doc = parse(text)
        by_field = {m["field"]: m["text"] for m in marks if "field" in m["cls"].split()}
        ws = doc.worksheets[0]
        assert by_field["worksheets[0].id_number"] == ws.id_number
        assert by_field["worksheets[0].routing[0].office"] == ws.routing[0].office
        for i, stamp in enumerate(doc.review_stamps):
            if stamp.case_id is not None:
                assert by_field[f"review_stamps[{i}].case_id"] == stamp.case_id
        for i, letter in enumerate(doc.letters):
            for j, name in enumerate(letter.signatories):
                key = f"letters[{i}].signatories[{j}]"
                if key in by_field:
                    assert by_field[key] == name

    def test_keyboard_reaches_every_mark_and_shows_the_repair(
        self, driver: Any, tmp_path: Path
    ) -> None:
        from selenium.webdriver.common.by import By
        from selenium.webdriver.common.keys import Keys

        load(driver, tmp_path, SAMPLE.read_text(encoding="utf-8"), "keys")
        body = driver.find_element(By.TAG_NAME, "body")
        body.send_keys("j")
        first = driver.execute_script("return document.activeElement.id")
        assert first == "m0"
        body = driver.switch_to.active_element
        body.send_keys("j")
        assert driver.execute_script("return document.activeElement.id") == "m1"
        driver.switch_to.active_element.send_keys("k")
        assert driver.execute_script("return document.activeElement.id") == "m0"
        driver.switch_to.active_element.send_keys(Keys.TAB)
        assert driver.execute_script("return document.activeElement.id") == "m1"
        # Focus the correspondent: its note names the field and the repair.
        tip = driver.execute_script(
            "var m = document.querySelector('mark[data-field=\"worksheets[0].correspondent\"]');"
            "m.focus(); return getComputedStyle(m, '::after').content;"
        )
        assert "worksheets[0].correspondent" in tip
        assert "THE HONCRABLE -> THE HONORABLE" in tip
        # A value in the record links to (and focuses) its place in the text.
        link = driver.find_element(By.CSS_SELECTOR, "#worksheets-0 a[data-mark]")
        link.click()
        focused = driver.execute_script("return document.activeElement.dataset.field")
        assert focused == "worksheets[0].id_number"

    def test_injected_markup_does_not_run(self, driver: Any, tmp_path: Path) -> None:
        from selenium.webdriver.common.action_chains import ActionChains
        from selenium.webdriver.common.by import By

        logs = load(driver, tmp_path, INJECTION, '<img src=x onerror="window.__pwned=9">')
        assert severe(logs) == []
        for mark in driver.find_elements(By.CSS_SELECTOR, "pre.source mark"):
            ActionChains(driver).move_to_element(mark).perform()
            driver.execute_script("arguments[0].focus()", mark)
        state = driver.execute_script(
            "return {pwned: typeof window.__pwned, scripts: document.scripts.length,"
            " handlers: document.querySelectorAll('[onmouseover],[onerror],[onfocus],img').length,"
            " text: document.querySelector('pre.source').textContent,"
            " title: document.title}"
        )
        assert state["pwned"] == "undefined"
        assert state["scripts"] == 1
        assert state["handlers"] == 0
        assert state["text"] == INJECTION
        assert state["title"].startswith('<img src=x onerror="window.__pwned=9">')
        assert severe(list(driver.get_log("browser"))) == []
