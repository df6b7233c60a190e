"""Loading the lark grammars, once per process.

Strategy: grammar files live in the top-level ``grammars/`` folder of the
source tree and are shipped inside the wheel as ``worksheet_parser/grammars``.
They are read through :mod:`importlib.resources`; only when the package runs
straight from a source checkout (no wheel built) does the loader fall back to
the checkout's ``grammars/`` folder.  Each parser is built on first use and
cached (one per grammar file); lark itself is imported on the first parse.
A grammar imports what the form variants share from ``shared.lark``; the
import is resolved by the same loader, so the checkout and the wheel behave
alike.  The parsers consume the types of a list of
:class:`~worksheet_parser._lexer.Piece` objects through a pass-through lexer,
and a transformer applied during the LALR parse flattens the result into
token indexes, so no tree is ever built.  The grammar sees types only, so a
parse is remembered per sequence of types (a bounded cache).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from worksheet_parser._caches import remembered
from worksheet_parser._lexer import Piece

if TYPE_CHECKING:
    import lark

__all__ = ["grammar_text", "parse_pieces"]


def grammar_text(name: str) -> str:
    """Return the text of the grammar file ``name`` (e.g. ``worksheet.lark``)."""
    import importlib.resources

    packaged = importlib.resources.files("worksheet_parser") / "grammars" / name
    if packaged.is_file():
        return packaged.read_text(encoding="utf-8")
    from pathlib import Path

    checkout = Path(__file__).resolve().parents[2] / "grammars" / name
    return checkout.read_text(encoding="utf-8")


def _import(base_path: object, grammar_path: str) -> tuple[str, str]:
    """Resolve ``%import shared (...)`` to the grammar files shipped with the package."""
    return grammar_path, grammar_text(grammar_path)


@functools.cache
def _machinery() -> tuple[type[Any], Any]:
    """The pass-through lexer class and the flattening transformer.

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

    class Flatten(lark.Transformer[lark.Token, list[int]]):
        """Every rule returns the indexes of its tokens, in order."""

        def __default__(self, data: Any, children: list[Any], meta: Any) -> Any:
            if data.startswith("_"):  # lark's own helper rules for ``*`` and ``+``
                return lark.Tree(data, children, meta)
            out: list[int] = []
            for child in children:
                if isinstance(child, lark.Token):
                    out.append(child.start_pos or 0)
                else:
                    out.extend(child)
            return out

    return PieceLexer, Flatten()


@functools.cache
def _parser(name: str) -> lark.Lark:
    import lark

    lexer, transformer = _machinery()
    return lark.Lark(
        grammar_text(name),
        parser="lalr",
        lexer=lexer,
        start=["worksheet", "loose"],
        transformer=transformer,
        maybe_placeholders=False,
        import_paths=[_import],
    )


PARSE_CACHE_SIZE = 4096
"""Distinct token-type sequences whose parse is remembered, per grammar."""


def parse_pieces(name: str, pieces: Sequence[Piece]) -> tuple[list[int], bool]:
    """Parse ``pieces`` with grammar ``name``.

    Returns the token indexes in reading order and whether the printed order
    held (``False`` when only the order-free ``loose`` rule accepted them).
    The parse depends only on the pieces' types (the grammar never sees a
    value), so it is remembered per sequence of types: worksheets of the same
    shape are parsed once.
    """
    order, in_order = _parse_kinds(name, tuple(piece.kind for piece in pieces))
    return list(order), in_order


@remembered("grammar.parses", PARSE_CACHE_SIZE)
def _parse_kinds(name: str, kinds: tuple[str, ...]) -> tuple[tuple[int, ...], bool]:
    from lark.exceptions import UnexpectedInput

    parser = _parser(name)
    # The token types stand in for the text: the pass-through lexer reads them.
    data: Any = kinds
    try:
        order: Any = parser.parse(data, start="worksheet")
    except UnexpectedInput:
        loose: Any = parser.parse(data, start="loose")
        return tuple(loose), False
    return tuple(order), True
