"""The grammars' sections and the readers that read them."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from worksheet_parser import parse
from worksheet_parser._diagnostics import DiagnosticLog, ReadContext
from worksheet_parser._text._normalize import normalize
from worksheet_parser._worksheet._form import GRAMMARS
from worksheet_parser._worksheet._grammar import (
    LOOSE_GRAMMAR,
    TEXT_SECTION,
    Section,
    _parse_kinds,
    _parser,
    _sections,
    parse_pieces,
)
from worksheet_parser._worksheet._lexer import Piece
from worksheet_parser._worksheet._pieces import attach_values, join_split_date, lexed
from worksheet_parser._worksheet._reader import READERS, read_worksheet
from worksheet_parser._worksheet._text import cut_off, wrapped_lines

GRAMMAR_FILES = sorted(GRAMMARS.values())


def _rules(grammar: str) -> dict[str, list[list[tuple[str, bool]]]]:
    """Each rule of ``grammar`` (as lark compiled it) with its expansions: (symbol, is terminal)."""
    rules: dict[str, list[list[tuple[str, bool]]]] = {}
    for rule in _parser(grammar).rules:
        rules.setdefault(rule.origin.name, []).append(
            [(symbol.name, symbol.is_term) for symbol in rule.expansion]
        )
    return rules


def _declared_labels(grammar: str) -> set[str]:
    """The labelled token kinds ``grammar`` declares: every terminal but ``TEXT``."""
    return {t.name for t in _parser(grammar).terminals if t.name != "TEXT"} | {
        name
        for expansions in _rules(grammar).values()
        for expansion in expansions
        for name, is_term in expansion
        if is_term and name != "TEXT"
    }


def _section_rules(grammar: str) -> dict[str, set[str]]:
    """The section rules of ``grammar`` (every expansion starts with a labelled token),
    each with the labelled kinds it starts with."""
    found: dict[str, set[str]] = {}
    for name, expansions in _rules(grammar).items():
        heads = [expansion[0] for expansion in expansions if expansion]
        if heads and len(heads) == len(expansions) and all(t and n != "TEXT" for n, t in heads):
            found[name] = {n for n, _ in heads}
    return found


def test_every_label_starts_exactly_one_section() -> None:
    """Each labelled token kind starts the expansions of exactly one section rule of the
    recovery grammar (which holds every variant's sections), so that every label the
    lexer finds is read by one section reader."""
    owners: dict[str, list[str]] = {}
    for rule, kinds in _section_rules(LOOSE_GRAMMAR).items():
        for kind in kinds:
            owners.setdefault(kind, []).append(rule)
    assert set(owners) == _declared_labels(LOOSE_GRAMMAR)
    assert {kind: rules for kind, rules in owners.items() if len(rules) != 1} == {}


@pytest.mark.parametrize("grammar", GRAMMAR_FILES)
def test_a_variant_prints_the_shared_sections(grammar: str) -> None:
    """A variant's section rules are sections of the recovery grammar, with the same
    labels, and its labels are all declared there too."""
    shared = _section_rules(LOOSE_GRAMMAR)
    sections = _section_rules(grammar)
    assert sections
    assert {name: shared.get(name) for name in sections} == sections
    assert _declared_labels(grammar) <= _declared_labels(LOOSE_GRAMMAR)


@pytest.mark.parametrize("grammar", [*GRAMMAR_FILES, LOOSE_GRAMMAR])
def test_a_section_is_a_label_and_the_lines_under_it(grammar: str) -> None:
    """A section rule holds its label, then nothing but ``TEXT`` lines (``_texts``)."""
    rules = _rules(grammar)
    for name in _section_rules(grammar):
        for expansion in rules[name]:
            assert [symbol for symbol, _ in expansion[1:]] in ([], ["_texts"]), name


def test_every_section_has_a_reader() -> None:
    """The readers are named for the grammars' section rules, one each, none left over."""
    assert set(READERS) == {TEXT_SECTION, *_section_rules(LOOSE_GRAMMAR)}


def _derive(grammar: str, draw: st.DrawFn, symbol: str, depth: int, out: list[str]) -> None:
    """Append to ``out`` the tokens of one random derivation of ``symbol`` in ``grammar``."""
    rules = _RULES[grammar]
    if symbol not in rules:
        out.append(symbol)
        return
    expansions = rules[symbol]
    if depth > 6 or len(out) > 40:
        # Deep enough: take the shortest way out (it always ends).
        expansions = [min(expansions, key=len)]
    expansion = expansions[draw(st.integers(0, len(expansions) - 1))]
    for name, _ in expansion:
        _derive(grammar, draw, name, depth + 1, out)


_RULES = {grammar: _rules(grammar) for grammar in GRAMMAR_FILES}
"""Each variant grammar's rules, for drawing token sequences in its printed order."""


@st.composite
def _in_order(draw: st.DrawFn) -> tuple[str, tuple[str, ...]]:
    """A grammar and a sequence of token kinds in its printed order."""
    grammar = draw(st.sampled_from(GRAMMAR_FILES))
    out: list[str] = []
    _derive(grammar, draw, "worksheet", 0, out)
    return grammar, tuple(out)


def _parsed(grammar: str, kinds: tuple[str, ...]) -> tuple[Section, ...]:
    text: Any = kinds  # the pass-through lexer reads the kinds
    found: Any = _parser(grammar).parse(text)
    return _sections(list(found))


def _covered(sections: tuple[Section, ...]) -> Iterator[int]:
    for section in sections:
        yield from range(section.start, section.stop)


@given(_in_order())
def test_loose_finds_the_sections_of_the_printed_order(case: tuple[str, tuple[str, ...]]) -> None:
    """On input in printed order, the order-free ``loose`` rule finds the same sections as
    ``worksheet``, and together they cover every token once, in order."""
    grammar, kinds = case
    in_order = _parsed(grammar, kinds)
    assert _parsed(LOOSE_GRAMMAR, kinds) == in_order
    assert list(_covered(in_order)) == list(range(len(kinds)))
    for section in in_order:
        labelled = section.name != TEXT_SECTION
        assert (kinds[section.start] != "TEXT") is labelled
        assert all(kind == "TEXT" for kind in kinds[section.start + labelled : section.stop])


_KINDS = sorted(_declared_labels(LOOSE_GRAMMAR) | {"TEXT"})


@given(st.sampled_from(GRAMMAR_FILES), st.lists(st.sampled_from(_KINDS), max_size=30))
def test_any_order_is_cut_into_sections(grammar: str, kinds: list[str]) -> None:
    """Whatever the order, every token is in one section: a label opens one, the ``TEXT``
    lines after it are in it, and lines before the first label make a section alone."""
    sections, _ = _parse_kinds(grammar, tuple(kinds))
    assert list(_covered(sections)) == list(range(len(kinds)))
    for section in sections:
        labelled = section.name != TEXT_SECTION
        assert (kinds[section.start] != "TEXT") is labelled
        assert all(kind == "TEXT" for kind in kinds[section.start + labelled : section.stop])
        assert section.name in READERS


def _lines(text: str) -> list[tuple[str, int]]:
    """The lines of ``text`` with their offsets."""
    lines, offset = [], 0
    for line in text.split("\n"):
        lines.append((line, offset))
        offset += len(line) + 1
    return lines


def _pieces(text: str) -> list[Piece]:
    """The pieces the worksheet reader reads ``text`` as."""
    return attach_values(join_split_date(lexed(_lines(text))))


HEAD = "ID# 303373\nTHE WHITE HOUSE\nCORRESPONDENCE TRACKING WORKSHEET\nINCOMING\n"
"""The heading of a computer-printed worksheet, with its direction line."""
FIELDS = "DATE RECEIVED: JANUARY 30, 1992\nNAME OF CORRESPONDENT: MR. JOHN SMITH\n"


class TestWrappedLines:
    def test_a_direction_word_under_a_subject_continues_it(self) -> None:
        """A second direction word right under the subject is its wrapped last line."""
        text = HEAD + FIELDS + "SUBJECT: MEETING WITH CHINESE PREMIER LI\nINTERNAL\n"
        ws = parse(text).worksheets[0]
        assert ws.subject == "MEETING WITH CHINESE PREMIER LI INTERNAL"
        assert ws.direction is not None
        assert ws.direction.value == "INCOMING"
        pieces = _pieces(text)
        wrapped = wrapped_lines(pieces, [p.kind for p in pieces], text)
        assert [pieces[i].kind for i in wrapped] == ["DIRECTION"]
        sections, _ = parse_pieces(GRAMMARS[ws.form], pieces, wrapped)
        [subject] = [s for s in sections if s.name == "subject"]
        assert subject.stop - subject.start == 2  # the label and the wrapped line

    def test_a_first_direction_word_is_the_direction(self) -> None:
        """Without a direction line before it, a direction word is the direction, not text."""
        text = "ID# 303373\nTHE WHITE HOUSE\n" + FIELDS + "SUBJECT: A LETTER\nINTERNAL\n"
        ws = parse(text).worksheets[0]
        assert ws.subject == "A LETTER"
        assert ws.direction is not None
        assert ws.direction.value == "INTERNAL"
        pieces = _pieces(text)
        assert wrapped_lines(pieces, [p.kind for p in pieces], text) == ()

    def test_a_cut_off_phrase_is_kept_apart(self) -> None:
        """A cut-off phrase as a subject's last line is unread, not the subject's end."""
        text = HEAD + FIELDS + "SUBJECT: REQUESTS A PHOTOGRAPH\n(STATE OF THE PROPERTY OF\n"
        pieces = _pieces(text)
        [line] = [p for p in pieces if p.value.startswith("(STATE")]
        assert cut_off(line, None)
        doc = parse(text)
        assert doc.worksheets[0].subject == "REQUESTS A PHOTOGRAPH"
        assert any(
            d.code == "junk-dropped" and d.field == "worksheets[0].subject" for d in doc.diagnostics
        )


class TestSectionReaders:
    def test_a_repeated_subject_keeps_its_lines_apart(self) -> None:
        """The lines under a repeated SUBJECT are not added to the first subject."""
        text = HEAD + FIELDS + "SUBJECT: FIRST\nMORE OF IT\nSUBJECT: SECOND\nNOT OF THE FIRST\n"
        doc = parse(text)
        assert doc.worksheets[0].subject == "FIRST MORE OF IT"
        codes = [d.code for d in doc.diagnostics]
        assert "duplicate-field" in codes
        assert "unplaced-text" in codes

    def test_codes_wrapped_under_the_id_line(self) -> None:
        """A line of subject codes under ``ID#`` adds to the worksheet's codes."""
        text = "ID# 303373 FG001\nFO006-07\nTHE WHITE HOUSE\n" + FIELDS + "SUBJECT: A LETTER\n"
        assert parse(text).worksheets[0].subject_codes == ("FG001", "FO006-07")

    def test_lines_before_any_label_are_unplaced(self) -> None:
        """Lines of a worksheet block above its first label belong to no field, and say so."""
        text = "SOMETHING SCRAWLED\n" + HEAD + FIELDS + "SUBJECT: A LETTER\n"
        source = normalize(text)
        report = DiagnosticLog(source)
        ws = read_worksheet(_lines(text), ReadContext(source, report))
        assert ws.subject == "A LETTER"
        [unread] = ws.unread
        assert unread.text == "SOMETHING SCRAWLED"
        assert [d.code for d in report if d.code == "unplaced-text"] == ["unplaced-text"]
