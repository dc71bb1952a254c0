"""Who stands where (``alignment.people``), camps (``alignment.camps``) and the overall verdict.

**People.** Per respondent: the mean of their row of the person × person matrix
(the others only; None at role level), the hot spots on which they are named
(lone dissent or split outliers), and the reference their definition is
closest to with its narrow readings. Sorted most apart first: lowest mean
similarity, then most questions, then id.

**Camps.** Average-linkage hierarchical clustering (UPGMA, ``scipy.cluster.hierarchy``)
of the distance ``1 − similarity`` over the respondents sorted by id (so the
order of the workshop never matters; a missing similarity counts as 0.5). The
tree is cut into k = 2, 3, … clusters (at most ⌊n/2⌋); clusters of one person
are dissenters, not camps, and are left out. The first cut is kept whose
clusters of two or more people (at least two of them) satisfy, for every pair
of camps A and B:

* every camp agrees inside: mean similarity inside ≥ :data:`CAMP_INSIDE_MIN` (0.70);
* they disagree across: mean similarity between A and B < :data:`CAMP_ACROSS_MAX` (0.50);

and the camps together hold more than half of the respondents. A team with one
dissenter (one cluster of one) or none (no cut satisfies the criterion) has no camps.
The questions that separate a camp from the others are those whose mean
similarity across minus inside is largest (by at least 0.25), at most three.

**Verdict.** The label of the overall index, except that it never says
"aligned" while someone stands apart on :data:`STANDS_APART_MIN` (3) questions
or more, or the definition question is a hot spot (``"aligned_except"``), and
says ``"camps"`` when camps are found.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from cxalign.analysis.agreement import Column
from cxalign.analysis.result import Camp, DefinitionReading, Hotspot, Pairwise, Person, Verdict
from cxalign.analysis.thresholds import (
    CAMP_ACROSS_MAX,
    CAMP_INSIDE_MIN,
    CAMP_MIN_SIZE,
    CAMPS_MAX,
    STANDS_APART_MIN,
    at_least,
    below,
    status_of,
)

#: A question separates two camps when across minus inside similarity reaches this.
SEPARATING_MIN_GAP = 0.25
#: At most this many separating questions are kept per camp.
SEPARATING_MAX = 3


def people(
    respondents: Sequence[str], pw: Pairwise, spots: Sequence[Hotspot], definitions: Sequence[DefinitionReading]
) -> tuple[Person, ...]:
    """One :class:`Person` per respondent, most apart first."""
    apart: dict[str, list[str]] = {pid: [] for pid in respondents}
    for h in spots:
        for pid in h.outliers:
            if pid in apart and h.key not in apart[pid]:
                apart[pid].append(h.key)
    reading = {d.respondent: d for d in definitions}
    out = []
    for pid in respondents:
        mean = None
        if pw.level == "person" and pid in pw.ids:
            i = pw.ids.index(pid)
            values = [v for j, v in enumerate(pw.matrix[i]) if j != i and v is not None]
            mean = sum(values) / len(values) if values else None
        d = reading.get(pid)
        out.append(Person(
            id=pid, mean_similarity=mean, stands_apart_on=tuple(apart[pid]),
            closest_reference=d.closest_reference if d else None, narrow=d.narrow if d else (),
        ))
    out.sort(key=lambda p: (
        p.mean_similarity is None, round(p.mean_similarity, 9) if p.mean_similarity is not None else 0.0,
        -len(p.stands_apart_on), p.id,
    ))
    return tuple(out)


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def _block(pw: Pairwise, a: Sequence[str], b: Sequence[str] | None) -> float | None:
    pos = {pid: i for i, pid in enumerate(pw.ids)}
    vals = []
    if b is None:
        for x in range(len(a)):
            for y in range(x + 1, len(a)):
                v = pw.matrix[pos[a[x]]][pos[a[y]]]
                vals.append(0.5 if v is None else v)
    else:
        for x in a:
            for y in b:
                v = pw.matrix[pos[x]][pos[y]]
                vals.append(0.5 if v is None else v)
    return _mean(vals)


def _column_gap(col: Column, camp: Sequence[str], others: Sequence[str]) -> float | None:
    value = dict(zip(col.pids, col.values))
    inside = [col.pair(value[x], value[y]) for i, x in enumerate(camp) for y in camp[i + 1:]
              if x in value and y in value]
    across = [col.pair(value[x], value[y]) for x in camp for y in others if x in value and y in value]
    if not inside or not across:
        return None
    return _mean(inside) - _mean(across)


def camps(pw: Pairwise, columns: Sequence[Column]) -> tuple[Camp, ...]:
    """The camps of the person × person matrix (criterion in the module docstring)."""
    if pw.level != "person" or len(pw.ids) < 2 * CAMP_MIN_SIZE or len(pw.ids) > CAMPS_MAX:
        return ()
    from scipy.cluster.hierarchy import fcluster, linkage  # off the interface's start path
    from scipy.spatial.distance import squareform

    ids = sorted(pw.ids)
    pos = {pid: i for i, pid in enumerate(pw.ids)}
    n = len(ids)
    dist = [[0.0] * n for _ in range(n)]
    for i in range(n):
        for j in range(i + 1, n):
            v = pw.matrix[pos[ids[i]]][pos[ids[j]]]
            dist[i][j] = dist[j][i] = 1.0 - (0.5 if v is None else v)
    tree = linkage(squareform(dist, checks=False), method="average")
    for k in range(2, n // 2 + 1):
        labels = fcluster(tree, t=k, criterion="maxclust")
        clusters: dict[int, list[str]] = {}
        for pid, label in zip(ids, labels):
            clusters.setdefault(int(label), []).append(pid)
        groups = sorted((c for c in clusters.values() if len(c) >= CAMP_MIN_SIZE), key=lambda c: (-len(c), c))
        if len(groups) < 2 or 2 * sum(len(g) for g in groups) <= n:
            continue
        inside = [_block(pw, g, None) for g in groups]
        if not all(v is not None and at_least(v, CAMP_INSIDE_MIN) for v in inside):
            continue
        ok = all(
            below(_block(pw, groups[a], groups[b]), CAMP_ACROSS_MAX)
            for a in range(len(groups)) for b in range(a + 1, len(groups))
        )
        if not ok:
            continue
        result = []
        for g, inner in zip(groups, inside):
            others = [p for h in groups if h is not g for p in h]
            gaps = []
            for pos_col, col in enumerate(columns):
                gap = _column_gap(col, g, others)
                if gap is not None and at_least(gap, SEPARATING_MIN_GAP):
                    gaps.append((-round(gap, 9), pos_col, col.key))
            gaps.sort()
            result.append(Camp(
                members=tuple(g), inside=inner, across=_block(pw, g, others),
                separating=tuple(key for _, _, key in gaps[:SEPARATING_MAX]),
            ))
        return tuple(result)
    return ()


def verdict(
    overall: float | None, persons: Sequence[Person], spots: Sequence[Hotspot],
    definition_id: str | None, found_camps: Sequence[Camp],
) -> Verdict:
    """The truthful overall verdict (rule in the module docstring)."""
    status = status_of(overall)
    apart = tuple(p.id for p in persons if len(p.stands_apart_on) >= STANDS_APART_MIN)
    definition_hot = definition_id is not None and any(h.question == definition_id for h in spots)
    label = status
    if found_camps:
        label = "camps"
    elif status == "aligned" and (apart or definition_hot):
        label = "aligned_except"
    return Verdict(label=label, status=status, index=overall, apart=apart,
                   definition_hotspot=definition_hot, camps=len(found_camps))


def stands_apart(persons: Sequence[Person]) -> Mapping[str, tuple[str, ...]]:
    """Person id → the questions they stand apart on, for those at or above the verdict's count."""
    return {p.id: p.stands_apart_on for p in persons if len(p.stands_apart_on) >= STANDS_APART_MIN}
