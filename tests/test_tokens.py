"""Token kinds are named once: the lexer, the vocabulary and the grammars agree.

The grammars declare their terminals by name (``%declare`` in
``grammars/shared.lark``) and the lexer yields pieces of a
:class:`~worksheet_parser._worksheet._tokens.TokenKind`; a kind the grammar does not
declare would fail every parse it appears in, and a declared terminal no
kind stands for would be a rule that can never be used.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lark.load_grammar import GrammarBuilder

from worksheet_parser import FormVariant, Worksheet, _vocab, render
from worksheet_parser import strategies as wst
from worksheet_parser._worksheet._grammar import grammar_text
from worksheet_parser._worksheet._lexer import lex_line
from worksheet_parser._worksheet._tokens import TokenKind

GRAMMARS = ["worksheet.lark", "form_5_81.lark", "records_management.lark"]


def _declared_terminals(name: str) -> set[str]:
    """The terminals a grammar file declares, as lark itself reads the file and its imports."""
    builder = GrammarBuilder(import_paths=[lambda _base, path: (path, grammar_text(path))])
    builder.load_grammar(grammar_text(name), name)
    return {str(term) for term, _ in builder.build().term_defs}


@pytest.mark.parametrize("name", GRAMMARS)
def test_grammar_declares_exactly_the_token_kinds(name: str) -> None:
    assert _declared_terminals(name) == {kind.value for kind in TokenKind}


LINES = {
    TokenKind.ID: "ID# 303373",
    TokenKind.HOUSE: "THE WHITE HOUSE",
    TokenKind.TITLE: "CORRESPONDENCE TRACKING WORKSHEET",
    TokenKind.CORRESPONDENT: "NAME OF CORRESPONDENT: JOHN SMITH",
    TokenKind.SUBJECT: "SUBJECT: URGES THE PRESIDENT",
    TokenKind.ROUTE_TO: "ROUTE TO: WHLEG",
    TokenKind.TABLE_HEAD: "CODE YY/MM/DD RESP D YY/MM/DD",
    TokenKind.REFERRAL: "REFERRAL NOTE:",
    TokenKind.COMMENTS: "COMMENTS:",
    TokenKind.MEDIA: "MEDIA:L",
    TokenKind.INDIVIDUAL: "INDIVIDUAL CODES: 1210",
    TokenKind.ADDITIONAL: "ADDITIONAL CORRESPONDENTS:",
    TokenKind.MAIL: "MAIL USER CODES: (A) (B) (C)",
    TokenKind.LEGEND: "A-APPROPRIATE ACTION  C-COMMENT/RECOM  D-DRAFT RESPONSE",
    TokenKind.FOOTER: "REFER QUESTIONS AND ROUTING UPDATES TO CENTRAL REFERENCE",
    TokenKind.TEXT: "FREDERICK MCCLURE",
    TokenKind.DIRECTION: "INCOMING",
    TokenKind.DATE_RECEIVED: "DATE RECEIVED: JANUARY 30, 1992",
    TokenKind.CHECKBOX: "[X] I - INCOMING",
    TokenKind.RECEIVED_YMD: "Date Correspondence Received (YY/MM/DD) 85/03/12",
    TokenKind.MAIL_REPORT: "[ ] MI Mail Report",
    TokenKind.FORM_MARK: "5/81",
    TokenKind.CLASSIFICATION: "RECORDS MANAGEMENT ONLY",
    TokenKind.PRIME: "Prime Subject Code: CO034",
    TokenKind.SECONDARY: "Secondary Codes: HU",
    TokenKind.REPLY_HEAD: "PRESIDENTIAL REPLY",
    TokenKind.RM_TITLE: "OFFICE OF RECORDS MANAGEMENT WORKSHEET",
    TokenKind.DOCUMENT: "NAME OF DOCUMENT: LETTER",
    TokenKind.SUBJECT_CODES: "SUBJECT CODES: FG001",
}
"""A printed line of each kind."""


def test_every_kind_has_an_example_line() -> None:
    assert set(LINES) == set(TokenKind)


@pytest.mark.parametrize(("kind", "line"), LINES.items(), ids=[k.value for k in LINES])
def test_lexer_yields_each_kind(kind: TokenKind, line: str) -> None:
    pieces = lex_line(line, 0, 0)
    assert pieces[0].kind is kind


def test_vocabulary_is_keyed_by_token_kind() -> None:
    for table in (_vocab.COLON_LABELS, _vocab.OPEN_LABELS, _vocab.LINE_LABELS):
        assert all(type(kind) is TokenKind for kind in table)


def test_vocabulary_names_form_variants_by_member() -> None:
    assert all(type(form) is FormVariant for form in _vocab.LABEL_FORMS.values())
    assert all(form is None or type(form) is FormVariant for form in _vocab.FOOTER_PHRASES.values())


@given(st.sampled_from(list(FormVariant)).flatmap(lambda form: wst.worksheets(form=form)))
def test_lexed_pieces_carry_token_kinds(worksheet: Worksheet) -> None:
    for line in render(worksheet).splitlines():
        if line.strip():
            for piece in lex_line(line, 0, 0):
                assert type(piece.kind) is TokenKind
                assert piece.evidence is None or type(piece.evidence) is FormVariant
