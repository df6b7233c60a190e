"""Letters: letterhead, date, address, salutation, body, closing, signatures."""

from __future__ import annotations

import datetime as dt

from worksheet_parser import parse
from worksheet_parser._blocks._letters import split_signatures
from worksheet_parser._text._segment import MAX_LETTER_PARAGRAPHS

LETTER = (
    "United States Senate\n\n"
    "W A S H I N G T O N, DC 20510\n\n"
    "January 29, l992\n\n"
    "The Honorable George Bush The White House Washington, D.C.\n\n"
    "Dear Mr. Presldent:\n\n"
    "First paragraph, line one\nline two.\n\n"
    "- -- A list item.\n- -- Another item.\n\n"
    "Sincere1y,\n\n"
    "John F. Kerry\tJoseph R. Biden, Jr.\n"
)


class TestLetter:
    def test_fields_with_ocr_damage(self) -> None:
        """Spaced letters, ``Presldent``, ``Sincere1y`` and ``l992`` are read, with repairs."""
        doc = parse(LETTER)
        (letter,) = doc.letters
        assert letter.letterhead == ("United States Senate",)
        assert letter.place == "WASHINGTON, DC 20510"
        assert letter.date == dt.date(1992, 1, 29)
        assert letter.recipient == "The Honorable George Bush The White House Washington, D.C."
        assert letter.salutation == "Dear Mr. President:"
        assert letter.closing == "Sincerely,"
        codes = {d.code for d in doc.diagnostics}
        assert {"value-repaired", "date-repaired"} <= codes

    def test_paragraphs(self) -> None:
        """Blank lines and list dashes separate paragraphs; lines are joined by single spaces."""
        (letter,) = parse(LETTER).letters
        assert letter.body == (
            "First paragraph, line one line two.",
            "- -- A list item.",
            "- -- Another item.",
        )
        assert letter.field_spans["body[0]"].slice(LETTER) == "First paragraph, line one\nline two."

    def test_word_broken_at_hyphen_joined_whole(self) -> None:
        """``pro-`` at a line end and ``democracy`` on the next make ``pro-democracy``.

        A dash standing apart, or digits after the break, keep their blank.
        """
        text = LETTER.replace(
            "First paragraph, line one\nline two.",
            "thousands of pro-\ndemocracy activists -\nand the 1990-\n91 session.",
        )
        (letter,) = parse(text).letters
        assert letter.body[0] == (
            "thousands of pro-democracy activists - and the 1990- 91 session."
        )

    def test_signatures_split_on_column_break(self) -> None:
        """Names separated by a tab are two signatories."""
        (letter,) = parse(LETTER).letters
        assert letter.signatories == ("John F. Kerry", "Joseph R. Biden, Jr.")

    def test_fused_signature_kept_whole(self) -> None:
        """A fused line with no evidence where to split is kept whole, with a diagnostic."""
        doc = parse(LETTER.replace("John F. Kerry\tJoseph R. Biden, Jr.", "John F. Kerry Biden,"))
        assert doc.letters[0].signatories == ("John F. Kerry Biden,",)
        assert any(d.code == "signature-unsplit" for d in doc.diagnostics)

    def test_stamp_inside_letter(self) -> None:
        """A review stamp between paragraphs is its own block; the body runs on around it."""
        stamp = (
            "United States Department of State\n"
            "Office of FOI, Privacy, & Classification Review\n"
            "Review Authority: MILLER, ROBERT\nDate: 03/22/95\nCase ID: 9301915\n\n"
        )
        text = LETTER.replace("- -- A list item.\n", stamp + "- -- A list item.\n")
        doc = parse(text)
        (letter,) = doc.letters
        assert len(doc.review_stamps) == 1
        assert len(letter.body) == 3
        assert not any("Review Authority" in p or "Department" in p for p in letter.body)
        assert letter.closing == "Sincerely,"

    def test_salutation_and_closing_alone_are_not_a_letter(self) -> None:
        """Two lines without a body stay unrecognized."""
        doc = parse("Dear Mr. President:\nSincerely,")
        assert doc.letters == ()
        assert [run.text for run in doc.unrecognized] == ["Dear Mr. President:\nSincerely,"]

    def test_lower_case_engine(self) -> None:
        """``dear mr. president:`` is the salutation, so the prelude stays out of the body;
        the place line and closing are read too, as printed."""
        doc = parse(
            "united states senate\n\nwashington, dc 20510\n\njanuary 29, 1992\n\n"
            "dear mr. president:\n\nwe write to you.\n\nsincerely,\n\nedward m. kennedy\n"
        )
        (letter,) = doc.letters
        assert letter.letterhead == ("united states senate",)
        assert letter.place == "washington, dc 20510"
        assert letter.date == dt.date(1992, 1, 29)
        assert letter.salutation == "dear mr. president:"
        assert letter.body == ("we write to you.",)
        assert (letter.closing, letter.signatories) == ("sincerely,", ("edward m. kennedy",))
        assert not any(d.field == "letters[0].closing" for d in doc.diagnostics)

    def test_date_with_b_for_8(self) -> None:
        """``May 22, 19B5`` is the letter's date, not the start of the inside address."""
        (letter,) = parse(
            "United States Senate\n\nMay 22, 19B5\n\nThe Honorable X\n\n"
            "Dear Mr. President:\n\nHi.\n\nSincerely,\n\nBob\n"
        ).letters
        assert (letter.date, letter.recipient) == (dt.date(1985, 5, 22), "The Honorable X")


class TestSplitSignatures:
    def test_names_with_initials(self) -> None:
        """Two names each with a middle initial are split where the second starts."""
        line = "John F. Kerry Joseph R. Biden, Jr."
        pieces, fused = split_signatures(line)
        assert [line[a:b] for a, b in pieces] == ["John F. Kerry", "Joseph R. Biden, Jr."]
        assert not fused

    def test_and(self) -> None:
        """``and`` between two names is evidence."""
        line = "George Mitchell and Robert Dole"
        pieces, _ = split_signatures(line)
        assert [line[a:b] for a, b in pieces] == ["George Mitchell", "Robert Dole"]

    def test_single_name(self) -> None:
        """One ordinary name is one piece, not fused."""
        assert split_signatures("Edward M. Kennedy") == ([(0, 17)], False)


# A letter as a real OCR engine gives it: junk around the printed lines, damaged
# salutation and closing words, a signature's scrawl above the typed name.
ENGINE_LETTER = (
    "United States Senate\n"
    "WASHINGTON, DC 20510\n"
    ". August 21, 1997 ; $\n"
    "The Honorable William J. Clinton\n"
    "The White House\n"
    ', Dcar Mr. Presidcnt: "e ,\n'
    "Thousands of citizens in our states have written to us about this question.\n"
    "\n"
    "In addition, we ask that you report to the Congress on the steps taken.\n"
    "eae _ Sinccrely, : toh :\n"
    "OH AAS 0009\n"
    "3 uo \u201cJohn P. Davis \u00ae .\n"
    "_ > . .\n"
)


class TestEngineLetter:
    def test_damaged_salutation_and_closing_keep_the_letter_whole(self) -> None:
        """``Dcar ... Presidcnt:`` and ``Sinccrely,`` behind junk still divide the letter."""
        doc = parse(ENGINE_LETTER)
        (letter,) = doc.letters
        assert letter.salutation == "Dear Mr. President:"
        assert letter.closing == "Sincerely,"
        assert letter.date == dt.date(1997, 8, 21)
        assert letter.body == (
            "Thousands of citizens in our states have written to us about this question.",
            "In addition, we ask that you report to the Congress on the steps taken.",
        )
        assert letter.field_spans["salutation"].slice(ENGINE_LETTER) == "Dcar Mr. Presidcnt:"
        assert letter.field_spans["closing"].slice(ENGINE_LETTER) == "Sinccrely,"
        repaired = {d.field for d in doc.diagnostics if d.code == "value-repaired"}
        assert {"letters[0].salutation", "letters[0].closing"} <= repaired

    def test_typed_name_is_the_signatory_not_the_scrawl(self) -> None:
        """The typed name under a signature is read; the scrawl above it is kept as unread."""
        doc = parse(ENGINE_LETTER)
        (letter,) = doc.letters
        assert letter.signatories == ("John P. Davis",)
        assert letter.field_spans["signatories[0]"].slice(ENGINE_LETTER) == "John P. Davis"
        unread = {line.text for line in letter.unread}
        assert "OH AAS 0009" in unread

    def test_junk_around_printed_lines_is_kept(self) -> None:
        """Nothing is dropped: the junk beside the salutation, closing and name is unread text."""
        (letter,) = parse(ENGINE_LETTER).letters
        unread = " ".join(line.text for line in letter.unread)
        for junk in (",", '"e ,', "eae _", ": toh :", "3 uo \u201c", "\u00ae ."):
            assert junk in unread
        for line in letter.unread:
            assert line.span.slice(ENGINE_LETTER) == line.text

    def test_closing_variants(self) -> None:
        """``Sincerely yours.`` and ``Sincerelv,`` are closings; the canonical form is given."""
        for printed, canonical in (
            ("Sincerely yours.", "Sincerely yours,"),
            ("Sincerelv,", "Sincerely,"),
            ("\u201csincerely, . ~~", "sincerely,"),
            ("With best wishes,", "With best wishes,"),
            ("Kind regards. :", "Kind regards,"),
        ):
            text = ENGINE_LETTER.replace("eae _ Sinccrely, : toh :", printed)
            (letter,) = parse(text).letters
            assert (letter.closing, letter.signatories) == (canonical, ("John P. Davis",))

    def test_salutation_variants(self) -> None:
        """A split ``D ear``, ``Deer ... .`` and ``Vir.`` for ``Mr.`` are read as the salutation."""
        for printed in ("D ear Mr. Pres ident:", "Deer Mr. President.", "Dear Vir. President:"):
            text = ENGINE_LETTER.replace(', Dcar Mr. Presidcnt: "e ,', printed)
            (letter,) = parse(text).letters
            assert letter.salutation == "Dear Mr. President:"
            assert letter.body[0].startswith("Thousands")

    def test_letter_dates_in_damaged_forms(self) -> None:
        """Junk around the date line and damaged separators between day and year."""
        for printed, date in (
            ("= S July 17,1989 .", dt.date(1989, 7, 17)),
            ("October 16; 1990", dt.date(1990, 10, 16)),
            ("October 21,. 1997", dt.date(1997, 10, 21)),
            ("March 20, 1985 opie", dt.date(1985, 3, 20)),
        ):
            (letter,) = parse(ENGINE_LETTER.replace(". August 21, 1997 ; $", printed)).letters
            assert letter.date == date, printed

    def test_words_like_the_printed_ones_are_not_taken(self) -> None:
        """A body line that resembles a closing, or a name like ``Dean``, stays body text."""
        text = ENGINE_LETTER.replace(
            "In addition,", "Sincerity is rare.\nDean Acheson wrote: yes.\nIn addition,"
        )
        (letter,) = parse(text).letters
        assert letter.closing == "Sincerely,"
        assert "Sincerity is rare." in letter.body[1]
        assert "Dean Acheson wrote: yes." in letter.body[1]

    def test_stamp_between_letterhead_and_salutation(self) -> None:
        """A stamp stamped above the salutation leaves the letter's date and address its own."""
        stamp = (
            "United States Department of State\n"
            "Office of FOI, Privacy, & Classification Review\n"
            "Review Authority: MILLER, ROBERT\nDate: 03/22/95\nCase ID: 9301915\n"
        )
        text = ENGINE_LETTER.replace("The White House\n", "The White House\n" + stamp)
        doc = parse(text)
        (letter,) = doc.letters
        assert letter.date == dt.date(1997, 8, 21)
        assert letter.recipient == "The Honorable William J. Clinton The White House"
        assert doc.review_stamps[0].case_id == "9301915"

    def test_typed_names_without_dots(self) -> None:
        """An engine that strips punctuation leaves ``Daniel K Kassebaum``: still a typed name,
        beside another signatory's."""
        text = ENGINE_LETTER.replace(
            "OH AAS 0009\n", "OH AAS 0009\nDaniel K Kassebaum\nNancy Kassebaum, Jr\n"
        )
        (letter,) = parse(text).letters
        assert letter.signatories == (
            "Daniel K Kassebaum",
            "Nancy Kassebaum, Jr",
            "John P. Davis",
        )

    def test_title_under_the_name_is_no_signatory(self) -> None:
        """``United States Senator`` under the typed name is the signer's title, kept unread."""
        text = ENGINE_LETTER.replace(
            "_ > . .\n", "United States Senator\nMember of Congress\n_ > . .\n"
        )
        (letter,) = parse(text).letters
        assert letter.signatories == ("John P. Davis",)
        # consecutive whole lines kept for one reason are one unread run
        unread = {line for run in letter.unread for line in run.text.split("\n")}
        assert {"United States Senator", "Member of Congress"} <= unread

    def test_no_typed_name_keeps_names_as_printed(self) -> None:
        """Without a typed name among the lines, a signature line is kept as printed."""
        text = ENGINE_LETTER.replace("OH AAS 0009\n3 uo \u201cJohn P. Davis \u00ae .\n", "Bob\n")
        (letter,) = parse(text).letters
        assert letter.signatories == ("Bob",)


def test_a_body_longer_than_any_letter_is_read_up_to_the_limit() -> None:
    """A letter's body of more than MAX_LETTER_PARAGRAPHS paragraphs (a long enclosure read
    as one letter, or text made to stall the reader) is read up to that paragraph; the rest
    of the body is one unread run with one ``block-too-long`` diagnostic, and the closing
    and signatures under it are still read."""
    head = "United States Senate\n\nDear Mr. President:\n\n"
    paragraphs = [f"Paragraph {i}." for i in range(MAX_LETTER_PARAGRAPHS + 5)]
    text = head + "\n\n".join(paragraphs) + "\n\nSincerely,\n\nJohn F. Kerry\n"
    doc = parse(text)
    (letter,) = doc.letters
    assert letter.body == tuple(paragraphs[:MAX_LETTER_PARAGRAPHS])
    assert (letter.closing, letter.signatories) == ("Sincerely,", ("John F. Kerry",))
    (rest,) = letter.unread
    assert rest.text == "\n\n".join(paragraphs[MAX_LETTER_PARAGRAPHS:])
    assert text[rest.span.start : rest.span.end] == rest.text
    (too_long,) = doc.diagnostics
    assert (too_long.code, too_long.field) == ("block-too-long", "letters[0].body")
    assert too_long.span == rest.span
    assert letter.field_spans["body"].end < rest.span.start
