"""How well the draft reviewer agrees with a human coach, on the tuning set and the blind set.

Run from the repository root: `python -m benchmarks.reviewer_score`. For each set it prints the
number of messages, the findings the coach gave and the reviewer found, the true positives,
precision and recall (overall and per finding code), and every message where the two disagree.

The tuning corpus was written while the reviewer was built, so its figures show where the
heuristics stand and catch regressions, and flatter the reviewer. The blind set was written
before the reviewer's last extension and is never tuned on: its figures are the honest ones.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from tests.reviewer_corpus import BLIND, CORPUS, Entry, found, load_corpus
from workbook.rules.reviewer import CODES


def _ratio(part: int, whole: int) -> str:
    return f"{part / whole:.2f}" if whole else "n/a"


def report(entries: list[Entry], path: Path = CORPUS) -> str:
    """The score over `entries`, read from `path`, as plain text ready to print."""
    expected_total = found_total = true_total = 0
    per_code: Counter[tuple[str, str]] = Counter()
    disagreements: list[str] = []
    for entry in entries:
        given = found(entry)
        true = given & entry.expected
        expected_total += len(entry.expected)
        found_total += len(given)
        true_total += len(true)
        for code in entry.expected:
            per_code[code, "expected"] += 1
        for code in given:
            per_code[code, "found"] += 1
        for code in true:
            per_code[code, "true"] += 1
        if given != entry.expected:
            missed = ", ".join(sorted(entry.expected - given, key=CODES.index)) or "-"
            extra = ", ".join(sorted(given - entry.expected, key=CODES.index)) or "-"
            known = " (known miss)" if entry.known_miss else ""
            disagreements.append(f"  {entry.id}: missed {missed}; extra {extra}{known}")
    exact = len(entries) - len(disagreements)
    lines = [
        f"Reviewer against the coach, over {path.relative_to(path.parents[2])}",
        "",
        f"messages           {len(entries)}",
        f"expected findings  {expected_total}",
        f"found              {found_total}",
        f"true positives     {true_total}",
        f"precision          {_ratio(true_total, found_total)}",
        f"recall             {_ratio(true_total, expected_total)}",
        f"exact agreement    {exact} of {len(entries)} messages",
        "",
        f"{'code':<16}{'expected':>9}{'found':>7}{'true':>6}{'precision':>11}{'recall':>8}",
    ]
    for code in CODES:
        wanted, got, hit = (per_code[code, key] for key in ("expected", "found", "true"))
        if wanted or got:
            lines.append(
                f"{code:<16}{wanted:>9}{got:>7}{hit:>6}"
                f"{_ratio(hit, got):>11}{_ratio(hit, wanted):>8}"
            )
    lines += ["", "Disagreements:", *(disagreements or ["  none"])]
    return "\n".join(lines)


def main() -> None:
    print(report(load_corpus(CORPUS), CORPUS))
    print()
    print(report(load_corpus(BLIND), BLIND))


if __name__ == "__main__":
    main()
