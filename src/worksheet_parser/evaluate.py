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

from worksheet_parser._models import Document
from worksheet_parser._outputs._export import to_dict

__all__ = [
    "LEVELS",
    "Check",
    "FieldResult",
    "Outcome",
    "Report",
    "SetScore",
    "SetTally",
    "Tally",
    "compare",
    "evaluate_dir",
    "gold_record",
    "score_paths",
    "score_record",
    "score_set",
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
        # How a set's packet was made (development sets): not scored.
        "scan_level",
        "noise_level",
        "pages",
        "illegible",
        "form_era",
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


# --------------------------------------------------------------------------
# Scoring sets of packets: one figure per field, per scan level, per set

EXACT = "exact"
"""Rule: equal once case and runs of blanks are folded (codes, ids, dates, names)."""
SIMILAR = "similar"
"""Rule: rapidfuzz ratio of the folded texts at least :data:`SIMILARITY` (free text)."""
AS_SET = "set"
"""Rule: the same folded values in any order (code lists, signatories)."""
TITLE = "title"
"""Rule: equal once folded and a leading ``THE`` is dropped (honorifics)."""
SIMILARITY = 90
"""The least rapidfuzz ratio at which two free texts count as the same."""

SET_RULES: dict[str, tuple[tuple[str, str], ...]] = {
    "worksheet": (
        ("id_number", EXACT),
        ("subject_codes", AS_SET),
        ("direction", EXACT),
        ("date_received", EXACT),
        ("correspondent.title", TITLE),
        ("correspondent.name", EXACT),
        ("subject", SIMILAR),
        ("comments", SIMILAR),
        ("media", EXACT),
        ("individual_codes", AS_SET),
    ),
    "routing": (
        ("office", EXACT),
        ("action_code", EXACT),
        ("action_date", EXACT),
        ("response_type", EXACT),
        ("disposition_code", EXACT),
        ("disposition_date", EXACT),
    ),
    "review_stamp": (("reviewer", EXACT), ("date", EXACT), ("case_id", EXACT)),
    "release_stamp": (("case_number", EXACT), ("document_number", EXACT), ("date", EXACT)),
    "letter": (
        ("date", EXACT),
        ("salutation", EXACT),
        ("closing", EXACT),
        ("signatories", AS_SET),
        ("body", SIMILAR),
    ),
}
"""The fields :func:`score_record` scores, per record kind, with the rule for each."""

_BLANKS: tuple[Any, ...] = (None, "", [], ())


def _set_fold(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return " ".join(_set_fold(v) for v in value)
    return " ".join(str(value).split()).upper()


def _similar(a: str, b: str) -> bool:
    from rapidfuzz import fuzz

    return bool(fuzz.ratio(a, b) >= SIMILARITY)


def _same(rule: str, want: Any, got: Any) -> bool:
    if want in _BLANKS:
        return got in _BLANKS
    if rule == AS_SET:
        have = got if isinstance(got, list | tuple) else [] if got in _BLANKS else [got]
        return sorted(_set_fold(v) for v in want) == sorted(_set_fold(v) for v in have)
    if rule == TITLE:
        return bool(re.sub(r"^THE ", "", _set_fold(want)) == re.sub(r"^THE ", "", _set_fold(got)))
    if rule == SIMILAR:
        return _similar(_set_fold(want), _set_fold(got))
    return _set_fold(want) == _set_fold(got)


def _get(record: Any, dotted: str) -> Any:
    cur = record
    for part in dotted.split("."):
        if not isinstance(cur, Mapping):
            return None
        cur = cur.get(part)
    return cur


def _records(data: Mapping[str, Any], key: str) -> list[Any]:
    value = data.get(key)
    return list(value) if isinstance(value, list | tuple) else []


@attrs.frozen
class Check:
    """One scored field (or record count) of one document."""

    field: str
    """What was scored: ``worksheet.subject``, ``routing.office``, ``letters.count``,
    ``routing.extra_rows`` (one check per routing row the gold does not have)."""
    path: str
    """Where: ``worksheets[0].routing[1].office``."""
    outcome: Outcome
    """``correct`` or ``blank`` (both right), ``wrong``, ``missing`` or ``invented``."""
    gold: Any = None
    """The gold value."""
    parsed: Any = None
    """The parsed value."""

    @property
    def right(self) -> bool:
        """Whether the parse says what the gold says (both blank counts)."""
        return self.outcome in (Outcome.CORRECT, Outcome.BLANK)


def _check(field: str, path: str, rule: str, want: Any, got: Any) -> Check:
    if _same(rule, want, got):
        outcome = Outcome.BLANK if want in _BLANKS else Outcome.CORRECT
    elif want in _BLANKS:
        outcome = Outcome.INVENTED
    elif got in _BLANKS:
        outcome = Outcome.MISSING
    else:
        outcome = Outcome.WRONG
    return Check(field, path, outcome, want, got)


def _count(field: str, path: str, want: int, got: int) -> Check:
    return Check(field, path, Outcome.CORRECT if want == got else Outcome.WRONG, want, got)


def score_record(gold: Mapping[str, Any], parsed: Document | Mapping[str, Any]) -> list[Check]:
    """Score one parse against its gold record, the way the development sets are scored.

    Records are matched in order (the i-th gold worksheet against the i-th
    parsed one); only keys the gold has are scored, and only the fields of
    :data:`SET_RULES`.  Ids, codes and dates must be equal once case and
    blanks are folded, free text similar (rapidfuzz ratio >= 90), code lists
    the same set.  A value where the gold has none is ``invented``, and so is
    each routing row beyond the gold's (unless the worksheet says
    ``routing_partial``).  The number of worksheets, review stamps and
    letters is scored too.  Release stamps are matched by case number,
    document number or date, whatever their order.

    >>> from worksheet_parser import example_text, parse
    >>> gold = {"worksheets": [{"id_number": "303373", "direction": None, "media": None,
    ...                         "subject": "URGES PRESIDENT TO REJECT A MEETING",
    ...                         "routing_partial": True}]}
    >>> for c in score_record(gold, parse(example_text())):
    ...     print(c.field, c.outcome.value)
    worksheets.count correct
    worksheet.id_number correct
    worksheet.direction invented
    worksheet.subject wrong
    worksheet.media blank
    """
    data: Mapping[str, Any] = to_dict(parsed) if isinstance(parsed, Document) else parsed
    out: list[Check] = []
    gold_sheets = _records(gold, "worksheets")
    sheets = _records(data, "worksheets")
    out.append(_count("worksheets.count", "worksheets", len(gold_sheets), len(sheets)))
    for i, g in enumerate(gold_sheets):
        p = sheets[i] if i < len(sheets) else {}
        for name, rule in SET_RULES["worksheet"]:
            if name.split(".")[0] in g:
                path = f"worksheets[{i}].{name}"
                out.append(_check(f"worksheet.{name}", path, rule, _get(g, name), _get(p, name)))
        rows = _records(p, "routing")
        gold_rows = _records(g, "routing")
        for j, grow in enumerate(gold_rows):
            have = rows[j] if j < len(rows) else {}
            for name, rule in SET_RULES["routing"]:
                if name in grow:
                    path = f"worksheets[{i}].routing[{j}].{name}"
                    out.append(_check(f"routing.{name}", path, rule, grow[name], have.get(name)))
        if not g.get("routing_partial"):
            for j in range(len(gold_rows), len(rows)):
                path = f"worksheets[{i}].routing[{j}]"
                out.append(Check("routing.extra_rows", path, Outcome.INVENTED, None, rows[j]))
    stamps = _records(data, "release_stamps")
    for i, g in enumerate(_records(gold, "release_stamps")):
        key = next((k for k, _ in SET_RULES["release_stamp"] if k in g), None)
        if key is None:
            continue
        found: Mapping[str, Any] = next((s for s in stamps if _same(EXACT, g[key], s.get(key))), {})
        for name, rule in SET_RULES["release_stamp"]:
            if name in g:
                path = f"release_stamps[{i}].{name}"
                out.append(_check(f"release_stamp.{name}", path, rule, g[name], found.get(name)))
    for group, kind in (("review_stamps", "review_stamp"), ("letters", "letter")):
        if group not in gold:
            continue
        wanted = _records(gold, group)
        have = _records(data, group)
        out.append(_count(f"{group}.count", group, len(wanted), len(have)))
        for i, g in enumerate(wanted):
            p = have[i] if i < len(have) else {}
            for name, rule in SET_RULES[kind]:
                if name in g:
                    want, got = g[name], p.get(name)
                    if name == "body":
                        want = " ".join(want) if isinstance(want, list) else want
                        got = " ".join(got) if isinstance(got, list | tuple) else got
                    out.append(_check(f"{kind}.{name}", f"{group}[{i}].{name}", rule, want, got))
    return out


@attrs.define
class SetTally:
    """Counts of the checks of one field, one scan level or one whole set."""

    right: int = 0
    """Checks where the parse says what the gold says (both blank included)."""
    wrong: int = 0
    """A value other than the gold's."""
    missing: int = 0
    """No value where the gold has one."""
    invented: int = 0
    """A value (or routing row) where the gold has none."""

    @property
    def checks(self) -> int:
        """Every check counted."""
        return self.right + self.wrong + self.missing + self.invented

    @property
    def accuracy(self) -> float:
        """``right / checks`` (1.0 when nothing was checked): guessing costs as much as
        missing."""
        return self.right / self.checks if self.checks else 1.0

    def add(self, check: Check) -> None:
        """Count one check."""
        if check.right:
            self.right += 1
        else:
            name = check.outcome.value
            setattr(self, name, getattr(self, name) + 1)

    def merge(self, other: SetTally) -> None:
        """Add another tally's counts to this one."""
        for name in ("right", "wrong", "missing", "invented"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def _level_of(gold: Mapping[str, Any]) -> str:
    if gold.get("scan_level") is not None:
        return str(gold["scan_level"])
    if gold.get("noise_level") is not None:
        return f"noise {gold['noise_level']}"
    return "-"


@attrs.define
class SetScore:
    """Accuracy of one set (a folder of ``NNN.txt`` + ``NNN.gold.json``), per field and per
    scan level."""

    name: str
    """The set's name (its folder's)."""
    docs: int = 0
    """Documents scored."""
    crashes: int = 0
    """Documents whose parse raised (scored as an empty parse)."""
    seconds: float = 0.0
    """Time spent parsing."""
    fields: dict[str, SetTally] = attrs.field(factory=dict)
    """``field -> tally`` (``worksheet.subject``, ``routing.extra_rows``...)."""
    levels: dict[str, SetTally] = attrs.field(factory=dict)
    """``scan level -> tally``: the gold's ``scan_level``, else ``noise N`` from its
    ``noise_level``, else ``-``."""
    misses: list[str] = attrs.field(factory=list)
    """One line per check that is not right: ``NNN.txt field: want ... got ...``."""

    def add(self, checks: Iterable[Check], level: str = "-", name: str = "") -> None:
        """Count the checks of one document at ``level``."""
        self.docs += 1
        per_level = self.levels.setdefault(level, SetTally())
        for c in checks:
            self.fields.setdefault(c.field, SetTally()).add(c)
            per_level.add(c)
            if not c.right:
                self.misses.append(f"{name} {c.path}: want {c.gold!r} got {c.parsed!r}".strip())

    def merge(self, other: SetScore) -> None:
        """Add another set's documents and checks to this one (levels of the same name
        together)."""
        self.docs += other.docs
        self.crashes += other.crashes
        self.seconds += other.seconds
        for name, tally in other.fields.items():
            self.fields.setdefault(name, SetTally()).merge(tally)
        for level, tally in other.levels.items():
            self.levels.setdefault(level, SetTally()).merge(tally)
        self.misses.extend(f"{other.name}/{miss}" for miss in other.misses)

    @property
    def total(self) -> SetTally:
        """Every check of the set."""
        out = SetTally()
        for t in self.fields.values():
            out.merge(t)
        return out

    @property
    def invented_values(self) -> int:
        """Values given where the gold has none (routing rows the gold lacks not included)."""
        return sum(t.invented for f, t in self.fields.items() if f != "routing.extra_rows")

    @property
    def invented_rows(self) -> int:
        """Routing rows the gold does not have."""
        row = self.fields.get("routing.extra_rows")
        return row.invented if row else 0

    def summary(self) -> str:
        """One line: accuracy, checks, documents, crashes, invented values and rows."""
        t = self.total
        return (
            f"{self.name}: field accuracy {t.accuracy:.1%} ({t.right}/{t.checks}) over "
            f"{self.docs} docs, {self.crashes} crashes, invented values {self.invented_values}, "
            f"invented rows {self.invented_rows}"
        )

    def table(self, *, fields: bool = True) -> str:
        """The summary, the per-level lines and (``fields``) the per-field lines."""
        head = f"  {'':<32} {'right':>6} {'checks':>6} {'accuracy':>8} {'wrong':>6} "
        head += f"{'missing':>7} {'invented':>8}"
        lines = [self.summary(), head]

        def row(name: str, t: SetTally) -> str:
            return (
                f"  {name:<32} {t.right:>6} {t.checks:>6} {t.accuracy:>8.1%} {t.wrong:>6} "
                f"{t.missing:>7} {t.invented:>8}"
            )

        for level in sorted(self.levels, key=_level_order):
            lines.append(row(f"level {level}", self.levels[level]))
        if fields:
            lines.extend(row(name, self.fields[name]) for name in sorted(self.fields))
        return "\n".join(lines)


_LEVEL_ORDER = {"light": 0, "medium": 1, "heavy": 2}


def _level_order(level: str) -> tuple[int, str]:
    return (_LEVEL_ORDER.get(level, 3), level)


def score_set(
    folder: str | Path,
    parse: Callable[[str], Document | Mapping[str, Any]] | None = None,
    *,
    name: str | None = None,
) -> SetScore:
    """Parse every ``NNN.txt`` in ``folder`` that has a ``NNN.gold.json`` beside it and score
    it with :func:`score_record`, per field and per scan level.

    ``parse`` defaults to :func:`worksheet_parser.parse`; a parse that raises
    counts as a crash and is scored as an empty document.  Documents are read
    in name order; the figures depend only on the files and the parser.
    """
    if parse is None:
        from worksheet_parser._api import parse as parse_text

        parse = parse_text
    read_text = parse
    folder = Path(folder)
    pairs = (
        (text_path.with_suffix(".gold.json"), text_path)
        for text_path in sorted(folder.glob("*.txt"))
        if text_path.with_suffix(".gold.json").exists()
    )
    return score_paths(
        name if name is not None else folder.name,
        pairs,
        lambda path: read_text(path.read_text(encoding="utf-8", errors="replace")),
    )


def score_paths(
    name: str,
    pairs: Iterable[tuple[Path, Path]],
    read: Callable[[Path], Document | Mapping[str, Any]],
) -> SetScore:
    """Score ``read(path)`` against the gold record in ``gold_path``, for each
    ``(gold_path, path)`` of ``pairs``, in their order (see :func:`score_set`).

    A read that raises counts as a crash and is scored as an empty document.
    """
    import json
    import time

    score = SetScore(name)
    for gold_path, path in pairs:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        start = time.perf_counter()
        try:
            parsed = read(path)
        except Exception as exc:  # a crash is a figure, not the end of the run
            score.crashes += 1
            score.misses.append(f"{path.name}: crash: {type(exc).__name__}: {exc}")
            parsed = {}
        score.seconds += time.perf_counter() - start
        score.add(score_record(gold, parsed), _level_of(gold), path.name)
    return score
