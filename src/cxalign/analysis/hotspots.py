"""Hot spots: the question parts with agreement below 0.50, and who pulls them apart.

Outlier rule (from 3 up to :data:`OUTLIER_MAX_N` usable answers). Leaving a
person out changes the index only through their answer, so people who gave
the very same answer are never told apart:

1. The best single removal is the person with a unique answer whose absence
   raises the index most. If that rise is at least :data:`OUTLIER_MIN_GAIN`
   (0.15), nobody else ties with them, and without them the question is no
   longer a hot spot (index ≥ 0.50), that person alone is named.
2. Otherwise, with at least five answers, two people are named when leaving
   both out raises the index by at least :data:`PAIR_MIN_GAIN` (0.25) and lifts
   it out of the hot spot — two who share an answer, or (up to
   :data:`ALL_PAIRS_MAX_N` answers) any two, the best such pair.
3. Otherwise the person of step 1 is named when their rise reaches 0.15 and is
   not tied: they stand furthest apart even if the rest remain divided.
4. Otherwise nobody is named: the room is split rather than one voice apart.

Above :data:`OUTLIER_MAX_N` answers no individual is named — one person no
longer moves a group index, and the cost would grow as n².
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations

from cxalign.analysis.agreement import Column
from cxalign.analysis.result import HOTSPOT, Hotspot, QuestionAgreement
from cxalign.analysis.stats import hashable

OUTLIER_MAX_N = 60
OUTLIER_MIN_GAIN = 0.15
PAIR_MIN_GAIN = 0.25
#: Up to this many answers every pair of people is tried; above, only people sharing an answer.
ALL_PAIRS_MAX_N = 20


def find_outliers(column: Column, index: float | None) -> tuple[tuple[str, ...], float | None]:
    """(participant ids named as outliers, index without them) — ``((), None)`` when nobody is."""
    values, pids = column.values, column.pids
    n = len(values)
    if index is None or n < 3 or n > OUTLIER_MAX_N:
        return (), None
    groups: dict[object, list[int]] = {}
    for pos, value in enumerate(values):
        groups.setdefault(hashable(value), []).append(pos)

    def without(removed: Sequence[int]) -> float | None:
        skip = set(removed)
        return column.index_of([v for i, v in enumerate(values) if i not in skip])

    singles = [members[0] for members in groups.values() if len(members) == 1]
    single_results = []  # (gain, position, index)
    for pos in singles:
        val = without([pos])
        if val is not None:
            single_results.append((val - index, pos, val))
    single_results.sort(key=lambda t: -t[0])
    best_single = single_results[0] if single_results else None
    single_ok = (
        best_single is not None and best_single[0] >= OUTLIER_MIN_GAIN
        and not (len(single_results) > 1 and single_results[1][0] >= best_single[0] - 1e-9)
    )
    if single_ok and best_single[2] >= HOTSPOT:
        return (pids[best_single[1]],), best_single[2]

    if n >= 5:
        candidates: list[tuple[int, ...]] = [tuple(m) for m in groups.values() if len(m) == 2]
        if n <= ALL_PAIRS_MAX_N:
            candidates += list(combinations(singles, 2))
        best_pair = None
        for pair in candidates:
            val = without(pair)
            if val is not None and (best_pair is None or val > best_pair[1] + 1e-12):
                best_pair = (pair, val)
        if best_pair and best_pair[1] - index >= PAIR_MIN_GAIN and best_pair[1] >= HOTSPOT:
            return tuple(pids[i] for i in sorted(best_pair[0])), best_pair[1]

    if single_ok:
        return (pids[best_single[1]],), best_single[2]
    return (), None


def hotspots(rows: Sequence[QuestionAgreement]) -> tuple[Hotspot, ...]:
    """Rows with an index below 0.50, lowest first (questionnaire order on a tie)."""
    spots = [
        (row.index, pos, row) for pos, row in enumerate(rows)
        if row.index is not None and row.index < HOTSPOT
    ]
    spots.sort(key=lambda t: (t[0], t[1]))
    return tuple(
        Hotspot(
            question=row.id, part=row.part, section=row.section, kind=row.kind, index=row.index,
            outliers=row.outliers, index_without_outliers=row.index_without_outliers,
        )
        for _, _, row in spots
    )
