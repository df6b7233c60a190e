"""How much of each field worksheet-parser recovers from OCR-damaged text.

Usage::

    python benchmarks/accuracy.py [--n N] [--seed SEED] [--levels 0 1 2 3] [--fields]
                                  [--form computer-printed|5/81|records-management]
    python benchmarks/accuracy.py --sets DIR [DIR ...] [--misses N]

With ``--sets``, each DIR is a folder of ``NNN.txt`` + ``NNN.gold.json``
pairs (a hand-labelled set, or a development set): every text is parsed and
scored with :func:`worksheet_parser.evaluate.score_set` (ids, codes and dates
exact once case and blanks are folded, free text by similarity, code lists
as sets, invented values and routing rows counted wrong).  It prints, per
set, the field accuracy, the accuracy per scan level (the gold's
``scan_level``, else its ``noise_level``), the accuracy per field and the
invented values and rows; ``--misses N`` adds the first N misses; then the
figure over all the sets together.

Without ``--sets`` (every kind of damage of each level, the engine kinds of
:data:`worksheet_parser.noise.ENGINE_KINDS` included):

Builds a fixed corpus of ``N`` (default 300) documents with
:func:`worksheet_parser.strategies.example_documents` (a seeded
:class:`random.Random`: every form variant, archive headers, review and
release stamps, letters), renders each, damages it with
:func:`worksheet_parser.noise.add_noise` at each level (seeded too), parses
the damaged text and scores the parse against the clean records with
:mod:`worksheet_parser.evaluate`.  Fields the noise destroyed are scored
``lost`` when the parse leaves them empty and ``wrong`` when it fills them
in; accuracy is ``correct / (correct + wrong + missing)`` over the fields the
noise left readable.  Prints one summary line per level and matching level
(``--fields`` adds the per-field tables), then the fields with wrong values.
The figures depend only on the seed and the code.  Needs the ``hypothesis``
extra (the strategies' module).
"""

from __future__ import annotations

import argparse
import collections
import random
import sys
import time

from worksheet_parser import FormVariant, parse
from worksheet_parser.evaluate import LEVELS as MATCHING
from worksheet_parser.evaluate import Outcome, Report, SetScore, compare, gold_record, score_set
from worksheet_parser.noise import LEVELS, Effect, add_noise
from worksheet_parser.strategies import example_documents


def run(n: int, seed: int, levels: list[int], fields: bool, form: str | None = None) -> int:
    corpus = example_documents(n, seed=seed, form=form)
    print(f"corpus: {n} documents (seed {seed}, {form or 'every'} form)")
    print(
        f"{'noise':>5} {'match':<10} {'scored':>7} {'correct':>7} {'wrong':>6} {'missing':>7} "
        f"{'invented':>8} {'lost':>5} {'wrong*':>6} {'accuracy':>9} {'seconds':>7}"
    )
    for level in levels:
        report = Report()
        wrongs: collections.Counter[str] = collections.Counter()
        # "as left": exact where the noise left the text readable, normalised
        # where it folded case or blanks -- what a perfect reader can recover.
        as_left = collections.Counter[str]()
        rng = random.Random(seed * 1000 + level)
        start = time.perf_counter()
        for doc in corpus:
            noisy = add_noise(doc, level=level, rng=rng)
            parsed = parse(noisy.text)
            destroyed = noisy.fields_with(Effect.DESTROYED)
            altered = noisy.fields_with(Effect.ALTERED)
            results = compare(
                gold_record(noisy.expected), parsed, destroyed=destroyed, skip=altered
            )
            report.add(results)
            for r in results:
                folded = noisy.effect(r.path) is Effect.FOLDED
                outcome = r.normalised if folded else r.exact
                as_left[outcome.value] += 1
                if outcome is Outcome.WRONG:
                    wrongs[r.field] += 1
        seconds = time.perf_counter() - start
        for match in MATCHING:
            t = report.total(match)
            print(
                f"{level:>5} {match:<10} {t.scored:>7} {t.correct:>7} {t.wrong:>6} "
                f"{t.missing:>7} {t.invented:>8} {t.lost:>5} {t.wrong_destroyed:>6} "
                f"{t.accuracy:>8.2%} {seconds:>7.1f}"
            )
        scored = as_left["correct"] + as_left["wrong"] + as_left["missing"]
        right = as_left["correct"]
        print(
            f"{level:>5} {'as left':<10} {scored:>7} {right:>7} {as_left['wrong']:>6} "
            f"{as_left['missing']:>7} {as_left['invented']:>8} {as_left['lost']:>5} "
            f"{'':>6} {right / scored if scored else 1:>8.2%}"
        )
        if fields:
            print(report.table("exact"))
            print(report.table("normalised"))
        if wrongs:
            print("      wrong values (exact, or normalised where the noise folded case):")
            for name, count in wrongs.most_common(8):
                print(f"        {name}: {count}")
    print("wrong* = wrong values where the noise had destroyed the text (should be 0)")
    print("as left = exact where the noise left the text readable, normalised where it folded")
    print("          case or blanks (a lower-case engine): what a perfect reader recovers")
    return 0


def run_sets(folders: list[str], misses: int) -> int:
    total = SetScore("all sets")
    for folder in folders:
        score = score_set(folder)
        print(score.table(fields=True))
        for miss in score.misses[:misses]:
            print(f"  miss: {miss}")
        print(f"  {1000 * score.seconds / max(score.docs, 1):.2f} ms/doc")
        print()
        total.merge(score)
    if len(folders) > 1:
        print(total.summary())
    return 1 if total.crashes else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=300, help="documents (default: %(default)s)")
    parser.add_argument("--seed", type=int, default=0, help="corpus seed (default: %(default)s)")
    parser.add_argument("--levels", type=int, nargs="+", default=list(LEVELS), choices=LEVELS)
    parser.add_argument("--fields", action="store_true", help="print the per-field tables")
    parser.add_argument(
        "--form",
        choices=[f.value for f in FormVariant],
        default=None,
        help="worksheets of this form only (default: every form)",
    )
    parser.add_argument(
        "--sets", nargs="+", metavar="DIR", help="score folders of NNN.txt + NNN.gold.json"
    )
    parser.add_argument(
        "--misses", type=int, default=0, help="with --sets: misses to print per set"
    )
    args = parser.parse_args(argv)
    if args.sets:
        return run_sets(args.sets, args.misses)
    return run(args.n, args.seed, args.levels, args.fields, args.form)


if __name__ == "__main__":
    sys.exit(main())
