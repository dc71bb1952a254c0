"""Hot spots: the questions to discuss, who pulls them apart, and in which order.

A question (part) is a hot spot in two ways (DESIGN §5, issue 11):

* **lone dissent** — with n ≥ 3 usable answers, the smallest set of at most
  max(1, ⌊n/5⌋) people whose removal lifts the index to ≥ 0.80 *and* by ≥ 0.20
  (:func:`find_lone_dissent`). Whatever the index: a mean over pairs dilutes one
  dissenter among six, the facilitator must still see them.
* **split** — the index is below 0.50 and no such small set explains it. The
  person standing furthest apart may still be named (:func:`find_outliers`).

Leaving a person out changes the index only through their answer, so people
who gave the very same answer are never told apart: a set that is set aside
holds *every* respondent who gave one of its answers (so a respondent and an
identical copy of them are named together or not at all). When two different
sets of the same size lift the index equally, nobody is named (the room is
split, not one voice apart). Candidate sets are tried exhaustively for one
answer group and, up to :data:`EXHAUSTIVE_PAIRS_MAX` answers, for two groups;
beyond, groups are added greedily (the one whose removal lifts the index most).
Above :data:`PERSON_LEVEL_MAX` answers no individual is named.

**Discussion order** (:func:`rank_key`): the definition question first (every
other answer depends on what each person means by CX), then the lowest index
first, whatever the pattern, then questionnaire order. A lone dissent on an
otherwise aligned question therefore comes after the real splits but before
nothing: on a team that agrees except one person, the top five are where that
person stands alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations

from cxalign.analysis.agreement import Column
from cxalign.analysis.result import Hotspot, QuestionAgreement
from cxalign.analysis.stats import hashable
from cxalign.analysis.thresholds import (
    EPS,
    EXHAUSTIVE_PAIRS_MAX,
    HOTSPOT,
    LONE_DISSENT_MIN_N,
    PERSON_LEVEL_MAX,
    at_least,
    is_hotspot_index,
    is_lone_dissent,
    lone_dissent_max,
)

#: Named outliers of a split: the rise one person's absence must bring (0.15) …
OUTLIER_MIN_GAIN = 0.15
#: … or two people's absence (0.25).
PAIR_MIN_GAIN = 0.25
#: Kept for callers of the former name.
OUTLIER_MAX_N = PERSON_LEVEL_MAX
ALL_PAIRS_MAX_N = EXHAUSTIVE_PAIRS_MAX


def _groups(column: Column) -> list[list[int]]:
    """Positions grouped by identical answer, each group sorted by participant id (order-free)."""
    groups: dict[object, list[int]] = {}
    for pos, value in enumerate(column.values):
        groups.setdefault(hashable(value), []).append(pos)
    out = [sorted(members, key=lambda i: column.pids[i]) for members in groups.values()]
    out.sort(key=lambda m: column.pids[m[0]])
    return out


def _without(column: Column, removed: Sequence[int]) -> float | None:
    skip = set(removed)
    return column.index_of([v for i, v in enumerate(column.values) if i not in skip])


def find_lone_dissent(column: Column, index: float | None) -> tuple[tuple[str, ...], float | None]:
    """(the people of a lone dissent, sorted by id; the index without them) — ``((), None)`` if none."""
    n = len(column.values)
    if index is None or n < LONE_DISSENT_MIN_N or n > PERSON_LEVEL_MAX:
        return (), None
    limit = lone_dissent_max(n)
    every = _groups(column)
    if len(every) < 2:
        return (), None  # everybody gave the same answer
    groups = [g for g in every if len(g) <= limit]

    def best_of(candidates: list[tuple[int, ...]]) -> tuple[tuple[int, ...], float] | None:
        """The candidate (tuple of group numbers) reaching the criterion with the highest index;
        None when none does or when two tie at the top."""
        found: list[tuple[float, tuple[int, ...]]] = []
        for cand in candidates:
            removed = [i for g in cand for i in groups[g]]
            if n - len(removed) < 2:
                continue
            val = _without(column, removed)
            if is_lone_dissent(index, val):
                found.append((val, cand))
        if not found:
            return None
        found.sort(key=lambda t: -t[0])
        if len(found) > 1 and found[1][0] >= found[0][0] - EPS:
            return None
        return found[0][1], found[0][0]

    by_size: dict[int, list[tuple[int, ...]]] = {}
    for g, members in enumerate(groups):
        by_size.setdefault(len(members), []).append((g,))
    if n <= EXHAUSTIVE_PAIRS_MAX:
        for a, b in combinations(range(len(groups)), 2):
            size = len(groups[a]) + len(groups[b])
            if size <= limit:
                by_size.setdefault(size, []).append((a, b))
    for size in sorted(by_size):
        hit = best_of(by_size[size])
        if hit is not None:
            cand, val = hit
            return tuple(sorted(column.pids[i] for g in cand for i in groups[g])), val
    if n > EXHAUSTIVE_PAIRS_MAX or limit >= 3:
        # greedy: set aside the answer group whose absence lifts the index most, while it fits
        removed: list[int] = []
        chosen: list[int] = []
        while True:
            options = []
            for g, members in enumerate(groups):
                if g in chosen or len(removed) + len(members) > limit or n - len(removed) - len(members) < 2:
                    continue
                options.append((_without(column, removed + members), g))
            options = [(v, g) for v, g in options if v is not None]
            if not options:
                return (), None
            options.sort(key=lambda t: -t[0])
            if len(options) > 1 and options[1][0] >= options[0][0] - EPS:
                return (), None  # a tie: no single group stands out
            val, g = options[0]
            chosen.append(g)
            removed += groups[g]
            if is_lone_dissent(index, val):
                return tuple(sorted(column.pids[i] for i in removed)), val
    return (), None


def find_outliers(column: Column, index: float | None) -> tuple[tuple[str, ...], float | None]:
    """On a split: who stands furthest apart, if anyone (the rule of the first version).

    1. The person with a unique answer whose absence lifts the index most, by at least
       0.15, not tied, and out of the hot spot without them; else
    2. with five answers or more, two people (sharing an answer, or up to
       :data:`EXHAUSTIVE_PAIRS_MAX` answers any two) whose absence lifts it by ≥ 0.25 and
       out of the hot spot; else
    3. the person of step 1 even if the rest remain divided; else nobody.
    """
    values, pids = column.values, column.pids
    n = len(values)
    if index is None or n < 3 or n > PERSON_LEVEL_MAX:
        return (), None
    groups = _groups(column)
    singles = [members[0] for members in groups if len(members) == 1]
    single_results = []  # (gain, position, index)
    for pos in singles:
        val = _without(column, [pos])
        if val is not None:
            single_results.append((val - index, pos, val))
    single_results.sort(key=lambda t: (-t[0], pids[t[1]]))
    best_single = single_results[0] if single_results else None
    single_ok = (
        best_single is not None and at_least(best_single[0], OUTLIER_MIN_GAIN)
        and not (len(single_results) > 1 and single_results[1][0] >= best_single[0] - EPS)
    )
    if single_ok and at_least(best_single[2], HOTSPOT):
        return (pids[best_single[1]],), best_single[2]

    if n >= 5:
        candidates: list[tuple[int, ...]] = [tuple(m) for m in groups if len(m) == 2]
        if n <= EXHAUSTIVE_PAIRS_MAX:
            candidates += list(combinations(singles, 2))
        results = []
        for pair in candidates:
            val = _without(column, pair)
            if val is not None:
                results.append((val, pair))
        results.sort(key=lambda t: (-t[0], sorted(pids[i] for i in t[1])))
        if results:
            val, pair = results[0]
            tied = len(results) > 1 and results[1][0] >= val - EPS
            if not tied and at_least(val - index, PAIR_MIN_GAIN) and at_least(val, HOTSPOT):
                return tuple(sorted(pids[i] for i in pair)), val

    if single_ok:
        return (pids[best_single[1]],), best_single[2]
    return (), None


def classify(column: Column, index: float | None) -> tuple[str | None, tuple[str, ...], float | None]:
    """(pattern, outliers, index without them) of one column: lone dissent first, then split."""
    outliers, without = find_lone_dissent(column, index)
    if outliers:
        return "lone_dissent", outliers, without
    if is_hotspot_index(index):
        outliers, without = find_outliers(column, index)
        return "split", outliers, without
    return None, (), None


def rank_key(row: QuestionAgreement, position: int, definition_id: str | None) -> tuple:
    """Discussion order of a hot spot row (smaller first); see the module docstring."""
    tier = 0 if row.id == definition_id else 1
    return (tier, round(row.index, 9), position)


def hotspots(rows: Sequence[QuestionAgreement], definition_id: str | None = None) -> tuple[Hotspot, ...]:
    """The hot spot rows in discussion order (:func:`rank_key`), each with its rank (1 = first)."""
    spots = [
        (rank_key(row, pos, definition_id), row) for pos, row in enumerate(rows)
        if row.pattern is not None and row.index is not None
    ]
    spots.sort(key=lambda t: t[0])
    return tuple(
        Hotspot(
            question=row.id, part=row.part, section=row.section, kind=row.kind, index=row.index,
            outliers=row.outliers, index_without_outliers=row.index_without_outliers,
            pattern=row.pattern, rank=rank,
        )
        for rank, (_, row) in enumerate(spots, 1)
    )
