"""The OCR noise model, and what the parser recovers from noisy renderings."""

from __future__ import annotations

import hashlib
import random

import pytest
from hypothesis import given

from tests.test_properties import _assert_nothing_lost
from worksheet_parser import Document, FormVariant, parse, render
from worksheet_parser.evaluate import Outcome, compare, gold_record
from worksheet_parser.noise import (
    ENGINE_KINDS,
    FIRST_LEVEL,
    KINDS,
    LEVELS,
    Damage,
    Effect,
    NoisyText,
    OcrNoise,
    add_noise,
    noisy_text,
    ocr_noise,
)
from worksheet_parser.strategies import documents, example_documents, noisy_documents

WORKSHEET_KINDS = (
    "confusion",
    "smudge",
    "split",
    "label-broken",
    "label-fused",
    "tabs",
    "junk",
    "blank-lines",
    "legend-flattened",
    "punctuation",
    "line-lost",
    "lower-case",
)
"""Damage the parser recovers from on every form."""

PACKET_KINDS = (
    "confusion",
    "smudge",
    "split",
    "label-broken",
    "label-fused",
    "tabs",
    "junk",
    "blank-lines",
    "legend-flattened",
    "punctuation",
    "line-lost",
    "spaced",
    "stamp-repeated",
)
"""Damage the parser recovers from in whole packets (stamps, letters, headers too)."""

CORPUS = example_documents(20, seed=11)
PRINTED = example_documents(20, seed=11, form=FormVariant.COMPUTER_PRINTED)
"""Packets whose worksheets are computer-printed: no known gap in their clean renderings."""


def _problems(noisy: NoisyText) -> list[str]:
    """Fields read wrongly: a readable field not as it was, a destroyed one filled in, or left
    empty without a diagnostic naming it."""
    doc = parse(noisy.text)
    results = compare(
        gold_record(noisy.expected),
        doc,
        destroyed=noisy.fields_with(Effect.DESTROYED),
        skip=noisy.fields_with(Effect.ALTERED),
    )
    problems: list[str] = []
    for r in results:
        effect = noisy.effect(r.path)
        outcome = r.normalised if effect is Effect.FOLDED else r.exact
        if outcome is Outcome.LOST:
            named = any(
                d.field
                and (
                    d.field == r.path
                    or r.path.startswith(d.field + ".")
                    or d.field.startswith(r.path)
                )
                for d in doc.diagnostics
            )
            if not named:
                problems.append(f"{r.path}: destroyed and empty, but no diagnostic names it")
        elif outcome not in (Outcome.CORRECT, Outcome.BLANK):
            problems.append(f"{r.path}: {outcome.value} ({effect}): {r.gold!r} -> {r.parsed!r}")
    return problems


def _replay(noisy: NoisyText) -> str:
    """The clean text with every recorded damage applied again."""
    out, pos = [], 0
    applied: tuple[str, int, int, str] | None = None
    for d in noisy.damages:
        if d.kind == "lower-case":
            continue  # a whole-text damage
        if (d.kind, d.start, d.end, d.replacement) == applied:
            continue  # a second record of the same damage, for fields of another effect
        out.append(noisy.clean[pos : d.start] + d.replacement)
        pos = d.end
        applied = (d.kind, d.start, d.end, d.replacement)
    text = "".join(out) + noisy.clean[pos:]
    lowered = any(d.kind == "lower-case" for d in noisy.damages)
    return text.lower() if lowered else text


class TestDamageRecords:
    @pytest.mark.parametrize("level", [0, 1, 2, 3])
    def test_every_damage_is_recorded(self, level: int) -> None:
        """Applying the recorded damages to the clean text gives the noisy text exactly."""
        rng = random.Random(level)
        for doc in CORPUS:
            noisy = add_noise(doc, level=level, rng=rng)
            assert noisy.clean == render(doc)
            assert _replay(noisy) == noisy.text
            for d in noisy.damages:
                if d.kind != "lower-case":
                    assert noisy.clean[d.start : d.end] == d.original
                assert d.kind in KINDS

    def test_level_zero_is_clean(self) -> None:
        """Level 0 damages nothing."""
        for doc in CORPUS:
            noisy = add_noise(doc, level=0, rng=random.Random(1))
            assert (noisy.text, noisy.damages) == (noisy.clean, ())

    def test_levels_get_heavier(self) -> None:
        """Each level does more damage than the one below, over a corpus."""
        counts = [
            sum(len(add_noise(d, level=lv, rng=random.Random(5)).damages) for d in CORPUS)
            for lv in (0, 1, 2, 3)
        ]
        assert counts == sorted(counts)
        assert counts[0] == 0 < counts[1] < counts[3]

    def test_seeded_noise_is_repeatable(self) -> None:
        """The same seed gives the same damage."""
        doc = CORPUS[0]
        assert add_noise(doc, level=3, rng=random.Random(9)) == add_noise(
            doc, level=3, rng=random.Random(9)
        )

    def test_damages_name_fields(self) -> None:
        """A damage to a value names the field path it touched."""
        noisy = add_noise(CORPUS[0], level=3, rng=random.Random(2), kinds=["confusion"])
        assert noisy.damages
        assert all(isinstance(d, Damage) and d.fields for d in noisy.damages)
        assert all(d.fields[0].split("[")[0] in _GROUPS for d in noisy.damages)

    def test_kinds_restrict_the_damage(self) -> None:
        """Asking for one kind gives that kind only; an unknown kind or level raises."""
        noisy = add_noise(PRINTED[1], level=1, rng=random.Random(3), kinds=["tabs"])
        assert {d.kind for d in noisy.damages} == {"tabs"}
        with pytest.raises(ValueError, match="kinds"):
            add_noise(CORPUS[1], kinds=["coffee-stain"])
        with pytest.raises(ValueError, match="level"):
            add_noise(CORPUS[1], level=4)

    def test_repeated_stamp_is_expected(self) -> None:
        """A repeated stamp is added to the expected document, at the end of its group."""
        doc = next(d for d in PRINTED if d.review_stamps)
        noisy = add_noise(doc, level=3, rng=random.Random(0), kinds=["stamp-repeated"])
        added = [d for d in noisy.damages if d.effect is Effect.ADDED]
        assert added
        assert len(noisy.expected.review_stamps) == len(doc.review_stamps) + 1
        assert parse(noisy.text).review_stamps == noisy.expected.review_stamps

    @given(ocr_noise(level=3))
    def test_recipes_are_callable(self, noise: OcrNoise) -> None:
        """A drawn recipe damages any record; an empty tape damages nothing."""
        noisy = noise(CORPUS[2])
        assert _replay(noisy) == noisy.text
        assert OcrNoise(3, ())(CORPUS[2]).damages == ()


_GROUPS = {"worksheets", "review_stamps", "letters", "headers", "release_stamps"}


class TestRecovery:
    @given(
        noisy_text(
            documents(only_worksheets=True, form=None),
            level=3,
            kinds=WORKSHEET_KINDS,
        )
    )
    def test_worksheets_of_every_form(self, noisy: NoisyText) -> None:
        """Under broken and fused labels, tabs, junk, blank lines, flattened legends, lost
        punctuation, lost date lines and lower-case engines, every readable field of every
        form comes back right, and every destroyed one is empty with a diagnostic."""
        assert _problems(noisy) == []

    @given(noisy_text(documents(form=None), level=3, kinds=PACKET_KINDS))
    def test_whole_packets(self, noisy: NoisyText) -> None:
        """Packets with every block type: readable fields right, destroyed ones empty with a
        diagnostic, repeated stamps read as stamps."""
        assert _problems(noisy) == []

    @pytest.mark.parametrize("level", [1, 2, 3])
    def test_seeded_corpus_never_invents_where_text_was_destroyed(self, level: int) -> None:
        """Over a seeded corpus at full noise, no destroyed field is ever filled with a value
        other than the true one."""
        rng = random.Random(level)
        for doc in example_documents(30, seed=level, form=FormVariant.COMPUTER_PRINTED):
            noisy = add_noise(doc, level=level, rng=rng, kinds=("line-lost", "blank-lines"))
            for r in compare(
                gold_record(noisy.expected),
                parse(noisy.text),
                destroyed=noisy.fields_with(Effect.DESTROYED),
            ):
                if r.destroyed:
                    assert r.exact in (Outcome.LOST, Outcome.CORRECT, Outcome.BLANK), r


class TestNoisyDumps:
    @given(noisy_text(documents(max_packets=2), level=3))
    def test_total(self, noisy: NoisyText) -> None:
        """Any noisy dump parses to a document without an internal error."""
        doc = parse(noisy.text)
        assert isinstance(doc, Document)
        assert "internal-error" not in {d.code for d in doc.diagnostics}

    @given(noisy_text(documents(max_packets=2), level=3))
    def test_nothing_lost(self, noisy: NoisyText) -> None:
        """Every non-blank line of a noisy dump ends up in a record, an unread or an
        unrecognized line."""
        _assert_nothing_lost(noisy.text, parse(noisy.text))


def _damaged(kinds: tuple[str, ...], seed: int = 0) -> NoisyText:
    for i in range(200):
        doc = example_documents(1, seed=seed + i, form=FormVariant.COMPUTER_PRINTED)[0]
        noisy = add_noise(doc, level=3, rng=random.Random(i), kinds=kinds)
        if noisy.damages:
            return noisy
    raise AssertionError("no damage drawn")  # pragma: no cover


KENNEDY_HEAD = (
    "ID# 303373\nTHE WHITE HOUSE\nCORRESPONDENCE TRACKING WORKSHEET\nINCOMING\n"
    "DATE RECEIVED: JANUARY 30, 1992\nSUBJECT: A LETTER\n"
)


class TestKnownParserGaps:
    """Noise the parser does not recover from yet (owned by the parser modules)."""

    def test_fused_individual_codes_label_after_blanks(self) -> None:
        """``MEDIA:L   ODES: 1210`` gives individual codes ``1210``."""
        ws = parse(KENNEDY_HEAD + "ADDITIONAL CORRESPONDENTS:   MEDIA:L   ODES: 1210\n").worksheets[
            0
        ]
        assert ws.individual_codes == ("1210",)

    def test_smudged_routing_date(self) -> None:
        """``OMB  C  9?/0#/30  A 92/02/03``: office OMB, code C, no action date (with a
        diagnostic), disposition A on 3 February."""
        doc = parse(
            KENNEDY_HEAD + "ROUTE TO: OFFICE/AGENCY (STAFF NAME)\n"
            "OMB                                   C   9?/0#/30          A 92/02/03\n"
        )
        row = doc.worksheets[0].routing[0]
        assert (row.office, row.action_code.value if row.action_code else None) == ("OMB", "C")
        assert row.action_date is None
        assert row.disposition_code is not None
        assert row.disposition_code.value == "A"
        assert any(d.field == "worksheets[0].routing[0].action_date" for d in doc.diagnostics)

    def test_id_number_starting_with_b_for_8(self) -> None:
        """``ID# B07945 IT041-18`` gives ID ``807945`` and code ``IT041-18``."""
        ws = parse(KENNEDY_HEAD.replace("ID# 303373", "ID# B07945 IT041-18")).worksheets[0]
        assert (ws.id_number, ws.subject_codes) == ("807945", ("IT041-18",))

    def test_archive_header_with_swaps(self) -> None:
        """``47O82`` / ``l992/01/29`` / ``RELEASED`` give number 47082 and 29 January 1992."""
        (header,) = parse("47O82\n\nl992/01/29\n\nRELEASED\n").headers
        assert header.document_number == "47082"
        assert header.date is not None
        assert header.date.isoformat() == "1992-01-29"

    def test_release_stamp_numbers_with_swaps(self) -> None:
        """Letter/digit swaps in release stamps are repaired or the value left empty."""
        (no_objection,) = parse(
            "No Objection To Declassification 2008/04/28 : NLC-15-96-6-3-l\n"
        ).release_stamps
        assert no_objection.case_number in (None, "NLC-15-96-6-3-1")
        (state,) = parse(
            "Case No. F-2016-07743 Doc No. C17980027 Date: 07/31/2O17\nRELEASE IN FULL\n"
        ).release_stamps
        assert state.kind == "state-case"

    def test_lower_case_letter_and_header(self) -> None:
        """A lower-case engine's letter and header read as in capitals, once folded."""
        letter = parse(
            "united states senate\n\njanuary 29, 1992\n\ndear mr. president:\n\n"
            "we write to you.\n\nsincerely,\n\nedward m. kennedy\n"
        ).letters[0]
        assert letter.salutation == "dear mr. president:"
        assert letter.body == ("we write to you.",)
        header = parse("01494\n\n1992/01/29\n\nreleased\n\n186b\n").headers[0]
        assert (header.status, header.page_tags) == ("released", ("186b",))

    def test_repaired_honorific_keeps_its_case(self) -> None:
        """``Name of Correspondent: The Honcrable John Smith`` keeps the typed case."""
        ws = parse(
            "ID # 271543\nWHITE HOUSE\nCORRESPONDENCE TRACKING WORKSHEET\n"
            "Name of Correspondent: The Honcrable John Smith\n5/81\n"
        ).worksheets[0]
        assert ws.correspondent is not None
        assert ws.correspondent.title == "The Honorable"


# --------------------------------------------------------------------------
# What real OCR engines do to scanned pages

# Floors and ceilings for the parser on engine noise.  INTEGRATOR: these were set just
# under (over) what the parser of the time reached; raise the floors and lower the
# ceilings to just under (over) the new figures whenever the parser improves.  Print the
# figures with:
#   python -c "from tests.test_noise import engine_figures as f; print([f(n) for n in (1, 2, 3)])"

ENGINE_ACCURACY_FLOORS = {1: 0.985, 2: 0.86, 3: 0.65}
"""Least share of the readable fields the parser reads right on the engine-noise corpus,
per level (exact; folded where the noise folded case).  Measured at 99.2% (1928/1944),
86.5% (1735/2005) and 65.8% (1291/1961) when set."""

ENGINE_INVENTED_CEILINGS = {1: 8, 2: 72, 3: 53}
"""Most values the parser may give where the records have none, per level, on the same
corpus (measured at 6, 67 and 48 when set)."""

ENGINE_WRONG_DESTROYED_CEILINGS = {1: 0, 2: 0, 3: 0}
"""Most destroyed fields the parser may fill in with a wrong value, per level (measured at
0 at every level when set; it must stay 0)."""

ENGINE_CORPUS = example_documents(60, seed=21)
"""Packets of every block kind and every form, for the engine-noise figures."""

_ENGINE = frozenset(ENGINE_KINDS)


def _kind_truthful(d: Damage, noisy: NoisyText) -> bool:
    """Whether a damage of the engine kinds did what its kind says, and lost nothing its
    kind does not promise to lose."""
    o, r = d.original, d.replacement
    if d.kind == "stray-mark":
        return o == "" and r.strip() in {m.strip() for m in (*_MARKS, "°")}
    if d.kind == "colon":
        return o == ":" and r in (";", ".", "")
    if d.kind == "label-spacing":
        return sorted((o, r)) == ["", " "]
    if d.kind == "label-swap":
        return (o, r) in {("e", "c"), ("E", "F"), ("a", "o"), ("R", "K"), ("c", "e")}
    if d.kind == "separator":
        return (
            (o == "/" and r in "l,.|")
            or (o == "," and r in (";", ".", ""))
            or (o, r)
            == (
                "0",
                "O",
            )
        )
    if d.kind == "bullet-box":
        # The box letter is kept; the mark shows whether the box was ticked.
        ticked = o.startswith("X")
        marks = ('8"', "■", "·", "•", "X") if ticked else ("0", "D", "□", "0 0")
        letter = o[2]
        return r.rstrip(" -·•").endswith(letter) and r.startswith(marks)
    if d.kind == "debris":
        start_of_line = d.start == 0 or noisy.clean[d.start - 1] == "\n"
        return o == "" and r.endswith("\n") and len(r) <= 8 and start_of_line
    if d.kind == "letter-words":
        return len(o) == len(r) == 1 and any(
            f.endswith((".salutation", ".closing")) for f in d.fields
        )
    if d.kind == "wrapped":
        return (o, r) == (" ", "\n")
    if d.kind == "column-major":
        # Every word of the table is still there, each once; only the order changed.
        return sorted(o.split()) == sorted(r.split()) and o != r
    if d.kind == "page-lower-case":
        return r == o.lower() != o
    if d.kind == "blank-slot":
        return o in ("__", "__/__/__") and set(r) <= set("—_/ ")
    if d.kind == "box-layout":
        # Every word of the head is still there (the id, the title, the boxes, the date
        # label and value); only the lines, the order and the box marks changed.
        def words(t: str) -> list[str]:
            return sorted(w for w in t.split() if len(w) > 1 and w.isalnum())

        return words(o) == words(r) and o.count("\n") == 4 and r.count("\n") in (2, 3)
    return False


_MARKS = ("~~~", "|", ".", "'", "_", ";", "*", ":", "~")


class TestEngineDamage:
    @pytest.mark.parametrize("kind", ENGINE_KINDS)
    def test_each_kind_is_drawn_and_recorded_truthfully(self, kind: str) -> None:
        """Every engine kind is drawn over a corpus, does what its name says, names the
        fields it touched where it touches any, and replays to the noisy text."""
        drawn = 0
        for i, doc in enumerate(CORPUS):
            noisy = add_noise(doc, level=3, rng=random.Random(i), kinds=[kind])
            assert _replay(noisy) == noisy.text
            for d in noisy.damages:
                assert d.kind == kind
                assert noisy.clean[d.start : d.end] == d.original
                assert _kind_truthful(d, noisy), d
                drawn += 1
        assert drawn > 0

    @pytest.mark.parametrize("kind", sorted(set(ENGINE_KINDS) - {"debris", "blank-slot"}))
    def test_kinds_name_their_fields(self, kind: str) -> None:
        """A damage to a label or value names the field (debris lines, blank slots and marks
        on the form's own text are the only damage that names none)."""
        named = 0
        for i, doc in enumerate(CORPUS):
            for d in add_noise(doc, level=3, rng=random.Random(i), kinds=[kind]).damages:
                named += bool(d.fields)
        assert named > 0

    def test_levels_of_the_engine_kinds(self) -> None:
        """Stray marks and colons from level 1, label, separator, box, debris, letter,
        wrapping and blank-slot damage from level 2, tables by columns, the 5/81 head read
        in blocks and lower-case pages at level 3."""
        seen: dict[int, set[str]] = {}
        for level in LEVELS:
            seen[level] = set()
            for i, doc in enumerate(CORPUS):
                noisy = add_noise(doc, level=level, rng=random.Random(100 + i))
                seen[level] |= {d.kind for d in noisy.damages} & _ENGINE
        assert seen[0] == set()
        assert all(FIRST_LEVEL[k] <= 1 for k in seen[1])
        assert {"stray-mark", "colon"} <= seen[1]
        assert all(FIRST_LEVEL[k] <= 2 for k in seen[2])
        assert {"label-spacing", "debris", "separator", "label-swap", "blank-slot"} <= seen[2]
        assert {"column-major", "box-layout"} <= seen[3]
        assert set(FIRST_LEVEL) == set(KINDS)

    def test_older_kinds_keep_their_damage(self) -> None:
        """At levels 1 and 2 a seed gives the older kinds exactly the damage they gave before
        the engine kinds existed (the digest was computed with that version): the engine
        kinds come on top of them.  (At level 3 a table read by columns or a 5/81 head read
        in blocks replaces the damage drawn inside it.)"""
        old = frozenset(KINDS) - _ENGINE
        digest = hashlib.sha256()
        for i, doc in enumerate(CORPUS):
            for level in (1, 2):
                for d in add_noise(doc, level=level, rng=random.Random(i)).damages:
                    if d.kind in old:
                        record = (d.kind, d.start, d.end, d.replacement, d.fields, d.effect.value)
                        digest.update(repr(record).encode())
        assert digest.hexdigest()[:16] == "90aecfb25a88f6d7"

    def test_column_major_table(self) -> None:
        """A table read by columns lists every office, then every action code, then every
        date; columns with a cell in every row are repairable, the others destroyed."""
        for i, doc in enumerate(PRINTED):
            noisy = add_noise(doc, level=3, rng=random.Random(i), kinds=["column-major"])
            tables = [d for d in noisy.damages if d.kind == "column-major"]
            if not tables:
                continue
            d = tables[0]
            ws = doc.worksheets[0]
            lines = d.replacement.splitlines()
            offices = [row.office for row in ws.routing]
            first = next(k for k, line in enumerate(lines) if line == offices[0])
            assert lines[first : first + len(offices)] == offices
            assert d.effect is Effect.REPAIRABLE
            assert f"worksheets[0].routing[{len(offices) - 1}].office" in d.fields
            for other in tables[1:]:
                assert other.effect is Effect.DESTROYED
                assert (other.start, other.end, other.replacement) == (
                    d.start,
                    d.end,
                    d.replacement,
                )
                assert not set(other.fields) & set(d.fields)
            return
        raise AssertionError("no table read by columns")  # pragma: no cover

    def test_page_lower_case_folds_the_page_only(self) -> None:
        """A page in lower case folds the fields on it, and only those."""
        for i, doc in enumerate(CORPUS):
            noisy = add_noise(doc, level=3, rng=random.Random(i), kinds=["page-lower-case"])
            pages = [d for d in noisy.damages if d.kind == "page-lower-case"]
            if pages and len(noisy.source.worksheets) and len(noisy.source.letters):
                folded = noisy.fields_with(Effect.FOLDED)
                groups = {f.split("[")[0] for f in folded}
                assert groups
                assert noisy.text != noisy.clean.lower()
                assert noisy.text.lower() == noisy.clean.lower()
                return
        raise AssertionError("no page in lower case")  # pragma: no cover

    @given(ocr_noise(level=3, kinds=ENGINE_KINDS))
    def test_recipes_with_engine_kinds_replay_and_repeat(self, noise: OcrNoise) -> None:
        """Any recipe of engine damage replays to its text, records only true damage, and
        gives the same result twice (determinism for a tape)."""
        for doc in CORPUS[:3]:
            noisy = noise(doc)
            assert noisy == noise(doc)
            assert _replay(noisy) == noisy.text
            assert all(_kind_truthful(d, noisy) for d in noisy.damages)

    def test_engine_kinds_have_a_tape_of_their_own(self) -> None:
        """A recipe's engine tape makes the engine kinds' choices alone: with an empty main
        tape only engine damage is done, however much the older kinds would have spent."""
        doc = CORPUS[2]
        noisy = OcrNoise(3, (), None, (999,) * 400)(doc)
        assert noisy.damages
        assert {d.kind for d in noisy.damages} <= _ENGINE
        older = OcrNoise(3, (999,) * 400)(doc)
        assert {d.kind for d in older.damages} - _ENGINE

    def test_seeded_engine_noise_is_repeatable(self) -> None:
        """The same seed gives the same engine damage, at every level."""
        for level in LEVELS:
            doc = CORPUS[3]
            assert add_noise(doc, level=level, rng=random.Random(5)) == add_noise(
                doc, level=level, rng=random.Random(5)
            )


def engine_figures(level: int) -> tuple[int, int, int, int]:
    """``(right, scored, invented, wrong_destroyed)`` of the parser on the engine-noise
    corpus at ``level``: readable fields read right, readable fields, values where the
    records have none, destroyed fields filled in wrongly."""
    right = scored = invented = wrong_destroyed = 0
    for i, doc in enumerate(ENGINE_CORPUS):
        noisy = add_noise(doc, level=level, rng=random.Random(1000 * level + i))
        results = compare(
            gold_record(noisy.expected),
            parse(noisy.text),
            destroyed=noisy.fields_with(Effect.DESTROYED),
            skip=noisy.fields_with(Effect.ALTERED),
        )
        for r in results:
            outcome = r.normalised if noisy.effect(r.path) is Effect.FOLDED else r.exact
            scored += outcome in (Outcome.CORRECT, Outcome.WRONG, Outcome.MISSING)
            right += outcome is Outcome.CORRECT
            invented += outcome is Outcome.INVENTED
            wrong_destroyed += r.destroyed and outcome is Outcome.WRONG
    return right, scored, invented, wrong_destroyed


class TestEngineNoiseParses:
    @given(noisy_documents(level=3, kinds=ENGINE_KINDS, max_packets=2))
    def test_total(self, noisy: NoisyText) -> None:
        """Any dump damaged like a real engine's output parses to a document without an
        internal error."""
        doc = parse(noisy.text)
        assert isinstance(doc, Document)
        assert "internal-error" not in {d.code for d in doc.diagnostics}

    @given(noisy_documents(level=3, kinds=ENGINE_KINDS, max_packets=2))
    def test_nothing_lost(self, noisy: NoisyText) -> None:
        """Every non-blank line of such a dump ends up in a record, an unread or an
        unrecognized line."""
        _assert_nothing_lost(noisy.text, parse(noisy.text))

    @pytest.mark.parametrize("level", [1, 2, 3])
    def test_accuracy_floor(self, level: int) -> None:
        """On a seeded corpus with every kind of damage of the level, the parser reads at
        least the floor of the readable fields, invents at most the ceiling of values, and
        fills in at most the ceiling of destroyed fields with a wrong value."""
        right, scored, invented, wrong_destroyed = engine_figures(level)
        assert right / scored >= ENGINE_ACCURACY_FLOORS[level]
        assert invented <= ENGINE_INVENTED_CEILINGS[level]
        assert wrong_destroyed <= ENGINE_WRONG_DESTROYED_CEILINGS[level]
