"""The OCR noise model, and what the parser recovers from noisy renderings."""

from __future__ import annotations

import random

import pytest
from hypothesis import given

from tests.test_properties import _assert_nothing_lost
from worksheet_parser import Document, FormVariant, parse, render
from worksheet_parser.evaluate import Outcome, compare, gold_record
from worksheet_parser.noise import (
    KINDS,
    Damage,
    Effect,
    NoisyText,
    OcrNoise,
    add_noise,
    noisy_text,
    ocr_noise,
)
from worksheet_parser.strategies import documents, example_documents

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
    for d in noisy.damages:
        if d.kind == "lower-case" or d.effect is Effect.ALTERED:
            continue  # a whole-text damage, or the second record of one in verbatim text
        out.append(noisy.clean[pos : d.start] + d.replacement)
        pos = d.end
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
