"""Score parses against hand-labelled gold records, field by field.

A *gold record* is JSON shaped like :func:`worksheet_parser.to_dict`'s
output (``tests/data/kennedy-1992-01-29.gold.json`` is one): a key that is
absent is not scored, ``null`` or ``[]`` says the field is blank, and a
record with ``"routing_partial": true`` scores only the routing rows it
lists.  :func:`compare` walks the gold and the parse side by side and gives
each field an outcome at two matching levels, ``exact`` and ``normalised``
(case, blanks and punctuation folded); :class:`Report` counts the outcomes
per field (``worksheets.routing.action_date``) and prints them as a table.

Outcomes: ``correct`` (the parse says what the gold says), ``wrong`` (the
parse says something else), ``missing`` (the gold has a value, the parse
none), ``invented`` (the gold says blank, or has no such record, and the
parse has a value), ``lost`` (the gold has a value the noise destroyed and
the parse has none: allowed) and ``blank`` (both blank; not scored).
Accuracy is ``correct / (correct + wrong + missing)``.

>>> from worksheet_parser import example_text, parse
>>> gold = {"worksheets": [{"id_number": "303373", "date_received": "1992-01-30",
...                         "correspondent": {"name": "EDWARD M KENNEDY"}}]}
>>> report = Report()
>>> report.add(compare(gold, parse(example_text())))
>>> report.total("exact").correct, report.total("exact").wrong
(2, 1)
>>> report.accuracy("normalised")
1.0
"""

from __future__ import annotations

import datetime as dt
import enum
import math
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import attrs

from worksheet_parser._export import to_dict
from worksheet_parser._models import Document

__all__ = [
    "LEVELS",
    "FieldResult",
    "Outcome",
    "Report",
    "Tally",
    "compare",
    "evaluate_dir",
    "gold_record",
]

LEVELS = ("exact", "normalised")
"""Matching levels: values equal as they are, or once case, blanks and punctuation are folded."""

RECORD_LISTS = frozenset(
    {"worksheets", "review_stamps", "letters", "headers", "release_stamps", "routing"}
)
"""Keys whose values are lists of records, matched item by item in order."""

_NOT_SCORED = frozenset(
    {
        "note",
        "span",
        "field_spans",
        "unread",
        "raw",
        "packets",
        "unrecognized",
        "diagnostics",
        "source",
        "packet",
    }
)
_FOLD = re.compile(r"[\W_]+")


class Outcome(enum.StrEnum):
    """How one field of a parse compares with the gold."""

    CORRECT = "correct"
    """Same value as the gold."""
    WRONG = "wrong"
    """A value, but not the gold's."""
    MISSING = "missing"
    """The gold has a value, the parse none."""
    INVENTED = "invented"
    """The parse has a value where the gold says blank (or has no such record)."""
    LOST = "lost"
    """The gold has a value the noise destroyed, and the parse rightly has none."""
    BLANK = "blank"
    """Both blank: not scored."""


@attrs.frozen
class FieldResult:
    """The outcome of one field at both matching levels."""

    path: str
    """Where, e.g. ``worksheets[0].routing[1].action_date``."""
    exact: Outcome
    """Outcome comparing values as they are."""
    normalised: Outcome
    """Outcome comparing values with case, blanks and punctuation folded."""
    gold: Any = None
    """The gold value."""
    parsed: Any = None
    """The parsed value."""
    destroyed: bool = False
    """Whether the noise destroyed this field's text (see :mod:`worksheet_parser.noise`)."""

    @property
    def field(self) -> str:
        """The path without indexes: ``worksheets.routing.action_date``."""
        return re.sub(r"\[\d+\]", "", self.path)


@attrs.define
class Tally:
    """Counts of outcomes for one field."""

    correct: int = 0
    """Values equal to the gold."""
    wrong: int = 0
    """Values that differ from the gold."""
    missing: int = 0
    """Gold values the parse lacks."""
    invented: int = 0
    """Parsed values where the gold is blank."""
    lost: int = 0
    """Destroyed values rightly left empty."""
    wrong_destroyed: int = 0
    """Of ``wrong``: values filled in wrongly where the noise had destroyed the text."""

    @property
    def scored(self) -> int:
        """``correct + wrong + missing``: the gold values that could be read."""
        return self.correct + self.wrong + self.missing

    @property
    def accuracy(self) -> float:
        """``correct / scored``; NaN when nothing was scored (no accuracy to claim)."""
        return self.correct / self.scored if self.scored else math.nan

    def add(self, outcome: Outcome, destroyed: bool = False) -> None:
        """Count one outcome."""
        if outcome is Outcome.BLANK:
            return
        setattr(self, outcome.value, getattr(self, outcome.value) + 1)
        if outcome is Outcome.WRONG and destroyed:
            self.wrong_destroyed += 1


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == ()


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, enum.Enum):
        return value.value
    return value


def _fold(value: Any) -> Any:
    if isinstance(value, list):
        return [f for f in (_fold(v) for v in value) if f != ""]
    if isinstance(value, str):
        return " ".join(_FOLD.sub(" ", value.casefold()).split())
    return value


def _outcome(gold: Any, parsed: Any, destroyed: bool, fold: bool) -> Outcome:
    if _empty(gold):
        return Outcome.BLANK if _empty(parsed) else Outcome.INVENTED
    if _empty(parsed):
        return Outcome.LOST if destroyed else Outcome.MISSING
    same = _fold(gold) == _fold(parsed) if fold else gold == parsed
    return Outcome.CORRECT if same else Outcome.WRONG


def _leaves(value: Any, path: str) -> Iterator[tuple[str, Any]]:
    """Every scored leaf of an exported record."""
    if isinstance(value, Mapping):
        for key, item in value.items():
            if key in _NOT_SCORED or key.endswith("_partial"):
                continue
            yield from _leaves(item, f"{path}.{key}" if path else key)
    elif isinstance(value, list) and path.rsplit(".", 1)[-1] in RECORD_LISTS:
        for i, item in enumerate(value):
            yield from _leaves(item, f"{path}[{i}]")
    else:
        yield path, value


def _covers(path: str, field: str) -> bool:
    if path == field:
        return True
    return any(field.startswith(path + sep) or path.startswith(field + sep) for sep in ".[")


def compare(
    gold: Mapping[str, Any],
    parsed: Document | Mapping[str, Any],
    *,
    destroyed: Iterable[str] | Callable[[str], bool] = (),
    skip: Iterable[str] = (),
) -> list[FieldResult]:
    """Compare a parse with a gold record, field by field, at both matching levels.

    ``gold`` is a gold record (JSON data; absent keys are not scored);
    ``parsed`` a :class:`Document` or its exported data.  ``destroyed``
    names fields whose text was destroyed (paths such as
    ``worksheets[0].date_received``, or a predicate): where the parse has
    nothing there the outcome is ``lost``, not ``missing``.  Fields in
    ``skip`` (and the fields inside them) are not scored.
    """
    data = to_dict(parsed) if isinstance(parsed, Document) else parsed
    if callable(destroyed):
        is_destroyed = destroyed
    else:
        paths = tuple(destroyed)

        def is_destroyed(field: str) -> bool:
            return any(_covers(p, field) for p in paths)

    results: list[FieldResult] = []
    _walk(gold, data, "", results, is_destroyed)
    skipped = tuple(skip)
    return [r for r in results if not any(_covers(p, r.path) for p in skipped)]


def _walk(
    gold: Any, got: Any, path: str, out: list[FieldResult], destroyed: Callable[[str], bool]
) -> None:
    if isinstance(gold, Mapping):
        have = got if isinstance(got, Mapping) else {}
        for key, value in gold.items():
            if key in _NOT_SCORED or key.endswith("_partial"):
                continue
            sub = f"{path}.{key}" if path else key
            if key in RECORD_LISTS and isinstance(value, list):
                items = have.get(key) or []
                for i, item in enumerate(value):
                    _walk(item, items[i] if i < len(items) else None, f"{sub}[{i}]", out, destroyed)
                if not gold.get(f"{key}_partial", False):
                    for i in range(len(value), len(items)):
                        for leaf, v in _leaves(items[i], f"{sub}[{i}]"):
                            if not _empty(v):
                                inv = Outcome.INVENTED
                                out.append(FieldResult(leaf, inv, inv, None, _plain(v)))
                continue
            _walk(value, have.get(key), sub, out, destroyed)
        return
    gv, pv = _plain(gold), _plain(got)
    lost = destroyed(path)
    out.append(
        FieldResult(path, _outcome(gv, pv, lost, False), _outcome(gv, pv, lost, True), gv, pv, lost)
    )


def gold_record(doc: Document) -> dict[str, Any]:
    """The gold record of a document: its exported data without spans, unread lines,
    packets and diagnostics (what :func:`compare` scores)."""

    def strip(value: Any) -> Any:
        if isinstance(value, Mapping):
            return {k: strip(v) for k, v in value.items() if k not in _NOT_SCORED}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    data: dict[str, Any] = strip(to_dict(doc))
    return data


@attrs.define
class Report:
    """Outcome counts per field and matching level, over any number of comparisons."""

    tallies: dict[str, dict[str, Tally]] = attrs.field(factory=lambda: {lv: {} for lv in LEVELS})
    """``level -> field -> Tally``."""

    def add(self, results: Iterable[FieldResult]) -> None:
        """Count the outcomes of one comparison."""
        for r in results:
            for level in LEVELS:
                tally = self.tallies[level].setdefault(r.field, Tally())
                tally.add(getattr(r, level), r.destroyed)

    def total(self, level: str = "exact") -> Tally:
        """All fields together."""
        out = Tally()
        for t in self.tallies[level].values():
            for name in ("correct", "wrong", "missing", "invented", "lost", "wrong_destroyed"):
                setattr(out, name, getattr(out, name) + getattr(t, name))
        return out

    def accuracy(self, level: str = "exact") -> float:
        """Field accuracy over every field: ``correct / (correct + wrong + missing)``."""
        return self.total(level).accuracy

    def table(self, level: str = "exact") -> str:
        """The per-field table at ``level``, with a total line."""
        head = (
            f"{'field':<42} {'scored':>7} {'correct':>7} {'wrong':>6} {'missing':>7} "
            f"{'invented':>8} {'lost':>5} {'accuracy':>9}"
        )
        rows = [f"[{level}]", head, "-" * len(head)]

        def row(name: str, t: Tally) -> str:
            return (
                f"{name:<42} {t.scored:>7} {t.correct:>7} {t.wrong:>6} {t.missing:>7} "
                f"{t.invented:>8} {t.lost:>5} "
                f"{f'{t.accuracy:>8.2%}' if t.scored else '     n/a'}"
            )

        for name in sorted(self.tallies[level]):
            t = self.tallies[level][name]
            if t.scored or t.invented or t.lost:
                rows.append(row(name, t))
        rows.append("-" * len(head))
        rows.append(row("TOTAL", self.total(level)))
        return "\n".join(rows)


def evaluate_dir(
    folder: str | Path, parse: Callable[[str], Document] | None = None
) -> tuple[Report, list[str]]:
    """Score every ``*.gold.json`` under ``folder`` against the parse of the ``*.txt``
    beside it; return the report and the problems (gold files without text, bad JSON)."""
    import json

    if parse is None:
        from worksheet_parser._api import parse as parse_text

        parse = parse_text
    report = Report()
    problems: list[str] = []
    for gold_path in sorted(Path(folder).rglob("*.gold.json")):
        text_path = gold_path.with_name(gold_path.name.removesuffix(".gold.json") + ".txt")
        try:
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            text = text_path.read_text(encoding="utf-8", errors="replace")
        except (OSError, ValueError) as exc:
            problems.append(f"{gold_path}: {exc}")
            continue
        if not isinstance(gold, dict):
            problems.append(f"{gold_path}: a gold record must be a JSON object")
            continue
        report.add(compare(gold, parse(text)))
    return report, problems
