"""Loading the lark grammars, once per process, and parsing pieces into sections.

Strategy: grammar files live in the top-level ``grammars/`` folder of the
source tree and are shipped inside the wheel as ``worksheet_parser/grammars``.
They are read through :mod:`importlib.resources`; only when the package runs
straight from a source checkout (no wheel built) does the loader fall back to
the checkout's ``grammars/`` folder.  Each parser is built on first use and
cached (one per grammar file); lark itself is imported on the first parse.
A grammar imports its tokens and sections from ``shared.lark``; the import is
resolved by the same loader, so the checkout and the wheel behave alike.
``shared.lark`` itself holds the order-free ``loose`` rule over every
variant's sections, so that recovery is one parser, built once.  The
parsers consume the types of a list of :class:`~worksheet_parser._worksheet._lexer.Piece`
objects through a pass-through lexer, and a transformer applied during the
LALR parse turns each section rule (a rule that starts with a labelled token)
into a :class:`Section`: its rule name and the run of token indexes it covers,
so no tree is ever built.  The grammar sees types only, so a parse is
remembered per sequence of types (a bounded cache).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from worksheet_parser._caches import remembered
from worksheet_parser._worksheet._lexer import Piece

if TYPE_CHECKING:
    import lark

__all__ = [
    "LOOSE_GRAMMAR",
    "TEXT_SECTION",
    "Section",
    "grammar_text",
    "parse_kinds",
    "parse_pieces",
]


class Section(NamedTuple):
    """One section of a worksheet: a grammar rule's name and the pieces it covers."""

    name: str
    """The grammar rule, e.g. ``subject``, ``table_head``, ``footer``."""
    start: int
    """Index of its first piece: the label, except in :data:`TEXT_SECTION`."""
    stop: int
    """Index after its last piece: the label's ``TEXT`` lines run up to here."""


TEXT_SECTION = "texts"
"""The name of the section of ``TEXT`` lines before the first label (rule ``_texts``)."""


def grammar_text(name: str) -> str:
    """Return the text of the grammar file ``name`` (e.g. ``worksheet.lark``)."""
    import importlib.resources

    packaged = importlib.resources.files("worksheet_parser") / "grammars" / name
    if packaged.is_file():
        return packaged.read_text(encoding="utf-8")
    from pathlib import Path

    checkout = Path(__file__).resolve().parents[3] / "grammars" / name
    return checkout.read_text(encoding="utf-8")


def _import(base_path: object, grammar_path: str) -> tuple[str, str]:
    """Resolve ``%import shared (...)`` to the grammar files shipped with the package."""
    return grammar_path, grammar_text(grammar_path)


@functools.cache
def _machinery() -> tuple[type[Any], Any]:
    """The pass-through lexer class and the transformer that finds the sections.

    lark is imported here, on the first parse, not when the package is imported.
    """
    import lark
    from lark.lexer import Lexer, LexerState

    class PieceLexer(Lexer):
        """Hands the pieces' types to the parser; the token's position is its index."""

        __future_interface__ = 2

        def __init__(self, lexer_conf: Any) -> None:
            pass

        def lex(self, lexer_state: LexerState, parser_state: Any) -> Iterator[lark.Token]:
            kinds: Sequence[str] = lexer_state.text  # type: ignore[assignment]
            for index, kind in enumerate(kinds):
                yield lark.Token(kind, kind, start_pos=index)

    class Sections(lark.Transformer[lark.Token, list[Any]]):
        """A section rule returns its :class:`Section`; any other rule, its children's.

        A section rule is one whose first child is a labelled token (any but
        ``TEXT``); the others (``worksheet``, ``fields``, ``heading``...) hand on
        a flat list of sections and of the indexes of ``TEXT`` tokens that are
        in no section yet.  A section's children are its tokens: its ``TEXT``
        lines come through ``_texts``, a rule lark inlines.
        """

        def __default__(self, data: Any, children: list[Any], meta: Any) -> Any:
            if data.startswith("_"):  # ``_texts`` and lark's helper rules for ``*`` and ``+``
                return lark.Tree(data, children, meta)
            head = children[0] if children else None
            if isinstance(head, lark.Token) and head.type != "TEXT":
                # A label and its ``TEXT`` lines (``_texts`` is inlined): tokens only.
                start = head.start_pos or 0
                return [Section(str(data), start, start + len(children))]
            out: list[Any] = []
            for child in children:
                if isinstance(child, lark.Token):
                    out.append(child.start_pos or 0)
                else:
                    out.extend(child)
            return out

    return PieceLexer, Sections()


LOOSE_GRAMMAR = "shared.lark"
"""The grammar whose ``loose`` rule reads every variant's sections in any order."""


@functools.cache
def _parser(name: str) -> lark.Lark:
    """The parser of grammar file ``name``: its ``worksheet`` rule, or for
    :data:`LOOSE_GRAMMAR` its ``loose`` rule."""
    import lark

    lexer, transformer = _machinery()
    return lark.Lark(
        grammar_text(name),
        parser="lalr",
        lexer=lexer,
        start="loose" if name == LOOSE_GRAMMAR else "worksheet",
        transformer=transformer,
        maybe_placeholders=False,
        import_paths=[_import],
    )


PARSE_CACHE_SIZE = 4096
"""Distinct token-type sequences whose parse is remembered, per grammar."""


def parse_pieces(
    name: str, pieces: Sequence[Piece], wrapped: tuple[int, ...] = ()
) -> tuple[tuple[Section, ...], bool]:
    """:func:`parse_kinds` of the kinds of ``pieces``."""
    return parse_kinds(name, tuple([piece.kind for piece in pieces]), wrapped)


@remembered("grammar.parses", PARSE_CACHE_SIZE)
def parse_kinds(
    name: str, kinds: tuple[str, ...], wrapped: tuple[int, ...] = ()
) -> tuple[tuple[Section, ...], bool]:
    """Parse pieces of ``kinds`` with grammar ``name`` into sections.

    Returns the sections in reading order (together they cover every piece,
    each once) and whether the printed order held (``False`` when only the
    order-free ``loose`` rule accepted them).  ``wrapped`` are the indexes of
    labelled pieces that are in fact a value's wrapped line: they are read as
    ``TEXT`` within the section above them, while the printed order is still
    checked on the pieces as lexed.  The parse depends only on the pieces'
    kinds (the grammar never sees a value), so it is remembered per sequence
    of kinds: worksheets of the same shape are parsed once.
    """
    in_order = _parses(name, kinds)
    if wrapped:
        as_read = list(kinds)
        for i in wrapped:
            as_read[i] = "TEXT"
        kinds = tuple(as_read)
        found = _parses(name, kinds) if in_order else None
    else:
        found = in_order
    if found is None:
        loose: Any = _parser(LOOSE_GRAMMAR).parse(_as_text(kinds))
        found = loose
    return _sections(found), in_order is not None


_parse_kinds = parse_kinds
"""The cached parse under its former name (the adversarial timings forget it by this name)."""


def _as_text(kinds: tuple[str, ...]) -> Any:
    """The token types stand in for the text: the pass-through lexer reads them."""
    return kinds


def _parses(name: str, kinds: tuple[str, ...]) -> list[Any] | None:
    """The sections and bare indexes of ``kinds`` in printed order, or ``None`` if not in it."""
    from lark.exceptions import UnexpectedInput

    try:
        found: Any = _parser(name).parse(_as_text(kinds))
    except UnexpectedInput:
        return None
    return list(found)


def _sections(found: list[Any]) -> tuple[Section, ...]:
    """The start rule's result as sections: leading ``TEXT`` indexes make one of their own."""
    if not found or isinstance(found[0], Section):
        return tuple(found)
    bare = [item for item in found if not isinstance(item, Section)]
    rest = [item for item in found if isinstance(item, Section)]
    return (Section(TEXT_SECTION, bare[0], bare[-1] + 1), *rest)
