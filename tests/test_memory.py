"""Peak memory stays under 20 times the input's size on files of very short lines.

Each input is parsed in a fresh interpreter, so what earlier tests left in
memory cannot hide or inflate the figure: the child builds the input, warms
the parser up on a small text, takes its peak resident set as the baseline,
parses, and reports how much the peak grew (its own peak: ``VmHWM`` where Linux
gives it, as ``getrusage`` counts the test runner's memory at the fork too).  A
memory bound, not a time one (``benchmarks/memory.py`` prints the figures for
more shapes).
"""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest

from worksheet_parser import Document, from_dict
from worksheet_parser._text._segment import MAX_LETTER_PARAGRAPHS, MAX_WORKSHEET_LINES

pytest.importorskip("resource")  # POSIX only

SIZE = 2_000_000
"""Bytes of input: large enough that a cost per line dwarfs the interpreter's own noise."""
BOUND = 20

_PEAK = r"""
import resource, sys
def peak_rss():
    # The process's own peak: on Linux, getrusage's figure also counts the
    # parent's resident set at the time of the fork (a test runner's, here).
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    scale = 1 if sys.platform == "darwin" else 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale
"""

_CHILD = (
    _PEAK
    + r"""
from worksheet_parser import parse_bytes
unit, head, size = sys.argv[1].encode(), sys.argv[2].encode(), int(sys.argv[3])
raw = head + unit * ((size - len(head)) // len(unit))
parse_bytes(head + unit * 100)
base = peak_rss()
doc = parse_bytes(raw, max_size=None)
peak = peak_rss()
runs = [*doc.unrecognized, *(line for ws in doc.worksheets for line in ws.unread)]
kept = sum(len("".join(run.text.split())) for run in runs)
want = len(b"".join(raw[len(head):].split()))
print(len(raw), peak - base, want - kept)
"""
)

HEAD = "ID# 303373\nTHE WHITE HOUSE\nCORRESPONDENCE TRACKING WORKSHEET\nINCOMING\n"


@pytest.mark.parametrize(
    ("unit", "head"),
    [
        ("A\n", ""),
        ("A\n\n", ""),
        ("A B\n", ""),
        ("HELLO\n", ""),
        ("A\n", HEAD),
        ("ID#1\n", ""),
        ("ID#1\n\n", ""),
    ],
    ids=[
        "one letter",
        "one letter, blank lines",
        "two words",
        "one word",
        "in a worksheet",
        "ID# lines (each a refused worksheet)",
        "ID# lines, blank lines",
    ],
)
def test_short_lines_stay_under_twenty_times_their_size(unit: str, head: str) -> None:
    """Parsing 2 MB of lines of one to six characters grows the peak resident memory by less
    than 20 times the input's size (it was 94 to 250 times: a record per line; 26 to 50
    times for lines that each open a worksheet candidate: numbers and records per line and
    per run of blank lines in the segmenter), and every line is still kept."""
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, unit, head, str(SIZE)],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    ).stdout.split()
    size, grew, missing = int(out[0]), int(out[1]), int(out[2])
    assert missing == 0  # every line kept, as unrecognized or unread text
    assert grew < BOUND * size, f"peak grew by {grew / size:.0f}x the input's size"


_CHILD_READ = (
    _PEAK
    + r"""
from worksheet_parser import parse_bytes
head, unit, tail = (a.encode() for a in sys.argv[1:4])
size = int(sys.argv[4])
raw = head + unit * ((size - len(head) - len(tail)) // len(unit)) + tail
parse_bytes(head + unit * 100 + tail)
base = peak_rss()
doc = parse_bytes(raw, max_size=None)
peak = peak_rss()
print(len(raw), peak - base)
print(doc.to_json(indent=None))
"""
)


def _grown(head: str, unit: str, tail: str) -> tuple[int, int, Document]:
    """Parse ``head + unit * n + tail`` of about :data:`SIZE` bytes in a fresh interpreter:
    its size, how much the peak resident memory grew, and the document read."""
    out = subprocess.run(
        [sys.executable, "-c", _CHILD_READ, head, unit, tail, str(SIZE)],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    ).stdout
    figures, data = out.split("\n", 1)
    size, grew = (int(x) for x in figures.split())
    return size, grew, from_dict(json.loads(data))


LETTER_HEAD = "United States Senate\n\nJanuary 29, 1992\n\nDear Mr. President:\n\n"
LETTER_TAIL = "\nSincerely,\n\nJohn F. Kerry\n"


@pytest.mark.parametrize("unit", ["A\n", "A B\n"], ids=["one letter", "two words"])
def test_a_letter_of_short_lines_stays_under_twenty_times_its_size(unit: str) -> None:
    """A letter whose body is a million short lines grows the peak resident memory by less
    than 20 times its size (it was about 200 times: a record per line, in the segmenter and
    in the letter reader), and its body still holds every line."""
    size, grew, doc = _grown(LETTER_HEAD, unit, LETTER_TAIL)
    (letter,) = doc.letters
    lines = (size - len(LETTER_HEAD) - len(LETTER_TAIL)) // len(unit)
    assert letter.body == (" ".join([unit.strip()] * lines),)
    assert letter.signatories == ("John F. Kerry",)
    assert grew < BOUND * size, f"peak grew by {grew / size:.0f}x the input's size"


@pytest.mark.parametrize("unit", ["SUBJECT: X\n", "COMMENTS: NONE\n", "SUBJECT: X\nSUBJECT: Y\n"])
def test_a_worksheet_of_repeated_label_lines_stays_under_twenty_times_its_size(unit: str) -> None:
    """A worksheet of a label on every line grows the peak resident memory by less than 20
    times its size (it was 64 to 67 times: a piece and a grammar token per line).  It is
    read up to its thousandth line (the longest printed worksheet has about a hundred):
    the repeats of its field there are one unread record with one diagnostic, and the
    lines past it one unrecognized run."""
    size, grew, doc = _grown(HEAD, unit, "")
    (worksheet,) = doc.worksheets
    lines = ((size - len(HEAD)) // len(unit) * unit).split("\n")[:-1]
    read = MAX_WORKSHEET_LINES - HEAD.count("\n")
    assert [u.text for u in worksheet.unread] == ["\n".join(lines[1:read])]
    assert [u.text for u in doc.unrecognized] == ["\n".join(lines[read:])]
    assert [d.code for d in doc.diagnostics].count("duplicate-field") == 1
    assert [d.code for d in doc.diagnostics].count("block-too-long") == 1
    assert grew < BOUND * size, f"peak grew by {grew / size:.0f}x the input's size"


@pytest.mark.parametrize(
    "unit",
    [
        "SUBJECT: X\nCOMMENTS: Y\n",
        "SUBJECT: X\n  Y\n",
        "FREDERICK MCCLURE ORG 92/01/30 A 92/01/30\n",
    ],
    ids=["two labels in turn", "a label and a continuation line", "routing rows"],
)
def test_a_worksheet_longer_than_any_printed_one_stays_under_twenty_times_its_size(
    unit: str,
) -> None:
    """A worksheet block of a million lines grows the peak resident memory by less than 20
    times its size (it was 80 to 128 times: a diagnostic, an unread record or a routing
    row per line): it is read up to its thousandth line, and the rest is one unrecognized
    run that still holds every line."""
    head = HEAD + "ROUTE TO: OFFICE/AGENCY (STAFF NAME)\n"
    size, grew, doc = _grown(head, unit, "")
    (_worksheet,) = doc.worksheets
    assert [d.code for d in doc.diagnostics].count("block-too-long") == 1
    (run,) = doc.unrecognized
    lines = (size - len(head)) // len(unit) * unit.count("\n")
    read = MAX_WORKSHEET_LINES - head.count("\n")
    assert run.text.count("\n") + 1 == lines - read
    assert grew < BOUND * size, f"peak grew by {grew / size:.0f}x the input's size"


def test_a_letter_of_short_paragraphs_stays_under_twenty_times_its_size() -> None:
    """A letter of a quarter of a million one-line paragraphs grows the peak resident
    memory by less than 20 times its size (it was 49 times: a paragraph and its span
    each): its body is read up to MAX_LETTER_PARAGRAPHS paragraphs, and the rest is one
    unread run that holds every line."""
    size, grew, doc = _grown(LETTER_HEAD, "A B C.\n\n", LETTER_TAIL)
    (letter,) = doc.letters
    assert letter.body == ("A B C.",) * MAX_LETTER_PARAGRAPHS
    assert letter.signatories == ("John F. Kerry",)
    (rest,) = letter.unread
    lines = (size - len(LETTER_HEAD) - len(LETTER_TAIL)) // len("A B C.\n\n")
    assert rest.text.split("\n\n") == ["A B C."] * (lines - MAX_LETTER_PARAGRAPHS)
    assert grew < BOUND * size, f"peak grew by {grew / size:.0f}x the input's size"


_CHILD_COUNT = (
    _PEAK
    + r"""
import json
from worksheet_parser import parse_bytes
unit, size = sys.argv[1].encode(), int(sys.argv[2])
raw = unit * (size // len(unit))
parse_bytes(unit * 100)
base = peak_rss()
doc = parse_bytes(raw, max_size=None)
peak = peak_rss()
kept = sum(len("".join(run.text.split())) for run in doc.unrecognized)
kept += sum(len("".join(u.text.split())) for s in doc.review_stamps for u in s.unread)
print(json.dumps({
    "size": len(raw),
    "grew": peak - base,
    "units": len(raw) // len(unit),
    "review": [s.case_id for s in doc.review_stamps],
    "release": [s.text for s in doc.release_stamps],
    "headers": [h.document_number for h in doc.headers],
    "worksheets": [[w.id_number, w.subject] for w in doc.worksheets],
    "packets": len(doc.packets),
    "kept": kept,
}))
"""
)


def _counted(unit: str) -> dict[str, Any]:
    """Parse ``unit`` repeated to about :data:`SIZE` bytes in a fresh interpreter: how much
    the peak resident memory grew, and what was read (see :data:`_CHILD_COUNT`)."""
    out = subprocess.run(
        [sys.executable, "-c", _CHILD_COUNT, unit, str(SIZE)],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    ).stdout
    result: dict[str, Any] = json.loads(out)
    return result


def test_a_review_stamp_on_every_other_line_stays_under_twenty_times_its_size() -> None:
    """A file of a review stamp's ``Case ID`` line and a text line, repeated, grows the peak
    resident memory by less than 20 times its size (it was 119 times: a record per line
    and a group per stamp in the segmenter; 36 with the records packed): every stamp is
    read, and every text line kept (as the stamp's unread line)."""
    out = _counted("Case ID: 9301915\nA\n")
    assert out["review"] == ["9301915"] * out["units"]
    assert out["kept"] == out["units"]  # every `A`
    assert out["grew"] < BOUND * out["size"], f"grew {out['grew'] / out['size']:.0f}x"


@pytest.mark.parametrize("unit", ["RELEASED\nA\n", "RELEASED\n"], ids=["with text", "alone"])
def test_a_release_stamp_on_every_other_line_stays_under_twenty_times_its_size(unit: str) -> None:
    """A file of ``RELEASED`` lines (with a text line after each, or not) grows the peak
    resident memory by less than 20 times its size (it was 123 and 44 times: a record per
    line, a group per stamp and a list of the text lines between them): every stamp is
    read, and every text line kept."""
    out = _counted(unit)
    assert out["release"] == ["RELEASED"] * out["units"]
    assert out["kept"] == out["units"] * (unit.count("\n") - 1)
    assert out["grew"] < BOUND * out["size"], f"grew {out['grew'] / out['size']:.0f}x"


@pytest.mark.parametrize("unit", ["01494\n", "01494\n1/29/92\n"], ids=["numbers", "and text"])
def test_a_document_number_on_every_line_stays_under_twenty_times_its_size(unit: str) -> None:
    """A file of archive document numbers (each a header that opens a packet) grows the peak
    resident memory by less than 20 times its size (it was 74 and 62 times: every packet
    held until the end, and a group and a letter boundary per header): every header and
    packet is read, and every text line kept."""
    out = _counted(unit)
    assert out["headers"] == ["01494"] * out["units"]
    assert out["packets"] == out["units"]
    assert out["kept"] == out["units"] * len(unit.split()[1:]) * len("1/29/92")
    assert out["grew"] < BOUND * out["size"], f"grew {out['grew'] / out['size']:.0f}x"


def test_a_blank_to_trim_on_every_line_stays_under_twenty_times_its_size() -> None:
    """A file of short lines that each end in a blank (``NOTE: ``) grows the peak resident
    memory by less than 20 times its size (it was 23 times: the normaliser held a string
    and eight bytes per offset for each piece of text until the end), and every line is
    kept."""
    out = _counted("NOTE: \n")
    assert out["kept"] == out["units"] * len("NOTE:")
    assert out["grew"] < BOUND * out["size"], f"grew {out['grew'] / out['size']:.0f}x"


def test_reading_leaves_no_cyclic_garbage() -> None:
    """Reading a dump of every kind of block leaves nothing for the cyclic collector: a long
    input is read with the collector paused, so whatever reading left in a reference
    cycle stayed until the end (a file of short worksheets took 141 times its size: each
    worksheet's reading state pointed back at itself through its readers)."""
    import gc

    from tests.conftest import SAMPLE
    from worksheet_parser import parse

    sample = SAMPLE.read_text(encoding="utf-8")
    text = sample + "\nID# 303373\n\nSUBJECT: X\n" * 3
    parse(text)  # caches filled
    gc.collect()
    was_enabled, flags = gc.isenabled(), gc.get_debug()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        doc = parse(text)
        gc.collect()
        left = [type(o).__qualname__ for o in gc.garbage]
    finally:
        gc.garbage.clear()
        gc.set_debug(flags)
        if was_enabled:
            gc.enable()
    assert len(doc.worksheets) == len(parse(sample).worksheets) + 3
    assert left == []


@pytest.mark.parametrize(
    "unit",
    ["ID# 303373\n\nSUBJECT: X\n\n", "ID# 303373\nSUBJECT: X\n"],
    ids=["between blank lines", "one after another"],
)
def test_a_worksheet_every_few_lines_stays_under_twenty_times_its_size(unit: str) -> None:
    """A file of tiny worksheets (an ``ID#`` and a subject each) grows the peak resident
    memory by less than 20 times its size (it was 155 times: each worksheet's reading
    state stayed in a reference cycle, and the segmenter held a group for each worksheet
    and each run of blank lines between two): every worksheet is read."""
    out = _counted(unit)
    assert out["worksheets"] == [["303373", "X"]] * out["units"]
    assert out["packets"] == out["units"]
    assert out["grew"] < BOUND * out["size"], f"grew {out['grew'] / out['size']:.0f}x"
