"""Person-to-person similarity over every comparable question (the alignment heat map).

Two people's similarity is the mean, over the question parts both answered,
of the pairwise form of each question's index (see :mod:`cxalign.analysis.stats`):
likert ``1 − |a − b|/(A − 1)``, ranking ``1 − footrule/⌊k²/2⌋``, allocation
``1 − L1/(2T)``, single equality, multi and definition concepts Jaccard.
``None`` when they have nothing in common to compare; the diagonal is 1.

Up to :data:`PERSON_LEVEL_MAX` respondents the matrix is person × person
(O(n²) pairs). Above, it is role × role so that time and memory stay linear in
the number of respondents: the cell of roles A and B is the mean over questions
of the *expected* similarity of a random person of A with a random person of B,
computed exactly from answer counts for likert, single, ranking and allocation
(distances add up option by option, so counts per option are enough), and
from counts of distinct answer sets for multi and concepts — estimated from
:data:`ROLE_SAMPLE_PAIRS` pairs of a seeded shuffle when two roles have more
than :data:`ROLE_EXACT_PAIRS` pairs of distinct sets. The diagonal cell of a role is the expected
similarity of two different people of that role (1 for a role of one person).
"""

from __future__ import annotations

import random
from bisect import bisect_left
from collections import Counter
from collections.abc import Mapping, Sequence

from cxalign import kinds
from cxalign.analysis.agreement import Column
from cxalign.analysis.result import Pairwise
from cxalign.analysis import stats

from cxalign.analysis.thresholds import PERSON_LEVEL_MAX  # noqa: E402  (one limit for naming people and the matrix)
#: Multi / concept questions at role level: exact while distinct sets of two roles make at
#: most this many pairs, else estimated from ROLE_SAMPLE_PAIRS sampled pairs.
ROLE_EXACT_PAIRS = 2500
ROLE_SAMPLE_PAIRS = 500


def person_matrix(ids: Sequence[str], columns: Sequence[Column]) -> Pairwise:
    n = len(ids)
    pos = {pid: i for i, pid in enumerate(ids)}
    sums = [[0.0] * n for _ in range(n)]
    counts = [[0] * n for _ in range(n)]
    for col in columns:
        present = [(pos[pid], v) for pid, v in zip(col.pids, col.values) if pid in pos]
        for a in range(len(present)):
            i, va = present[a]
            row_s, row_c = sums[i], counts[i]
            for b in range(a + 1, len(present)):
                j, vb = present[b]
                row_s[j] += col.pair(va, vb)
                row_c[j] += 1
    matrix: list[list[float | None]] = [[None] * n for _ in range(n)]
    for i in range(n):
        matrix[i][i] = 1.0
        for j in range(i + 1, n):
            lo, hi = (i, j)
            c = counts[lo][hi]
            value = stats.clamp01(sums[lo][hi] / c) if c else None
            matrix[i][j] = matrix[j][i] = value
    return Pairwise(ids=tuple(ids), matrix=tuple(tuple(r) for r in matrix), level="person")


# -- role level -----------------------------------------------------------------------

class _Hist:
    """Sorted distinct values with counts and prefix sums, for Σ c_a c_b |v − w| in n log n."""

    def __init__(self, values):
        counter = Counter(values)
        self.values = sorted(counter)
        self.counts = [counter[v] for v in self.values]
        self.n = sum(self.counts)
        self.pre_c = [0]
        self.pre_s = [0.0]
        for v, c in zip(self.values, self.counts):
            self.pre_c.append(self.pre_c[-1] + c)
            self.pre_s.append(self.pre_s[-1] + v * c)

    def total_distance(self, other: "_Hist") -> float:
        """Σ over (x in self, y in other) of |x − y|."""
        acc = 0.0
        n_o, s_o = other.pre_c[-1], other.pre_s[-1]
        for v, c in zip(self.values, self.counts):
            k = bisect_left(other.values, v)
            below_c, below_s = other.pre_c[k], other.pre_s[k]
            acc += c * ((v * below_c - below_s) + ((s_o - below_s) - v * (n_o - below_c)))
        return acc


def _component_hists(col: Column, values: list) -> list[_Hist]:
    q = col.question
    kind = kinds.kind_of(q)
    vectors = [kind.components(q, v) for v in values]
    width = len(vectors[0]) if vectors else 0
    return [_Hist([v[j] for v in vectors]) for j in range(width)]


def _norm(col: Column) -> float:
    return kinds.kind_of(col.question).norm(col.question)


def _set_key(s) -> tuple:
    return (len(s), sorted(map(repr, s)))


def _shuffled(values: list, seed: int, memo: dict | None) -> list:
    """``values`` in a fixed order (by :func:`_set_key`), then shuffled by ``Random(seed)``.

    Equal keys are equal sets, so sorting the distinct sets and repeating each by its count
    gives the very list that sorting them all does, for a key per distinct set. The result
    is kept in ``memo`` (one role's answers meet every other role's: shuffled once)."""
    token = (id(values), seed)
    if memo is not None and token in memo:
        return memo[token][1]
    counts = Counter(values)
    xs = [s for s in sorted(counts, key=_set_key) for _ in range(counts[s])]
    random.Random(seed).shuffle(xs)
    if memo is not None:
        memo[token] = (values, xs)  # holds values: its id is not reused meanwhile
    return xs


def _set_similarity(a: list, b: list | None, memo: dict | None = None) -> float | None:
    """Expected Jaccard between a random member of ``a`` and one of ``b`` (or two different
    members of ``a`` when ``b`` is None). Exact over distinct sets while there are at most
    :data:`ROLE_EXACT_PAIRS` pairs of them; else from :data:`ROLE_SAMPLE_PAIRS` pairs of a
    seeded shuffle (deterministic)."""
    ca = Counter(a)
    cb = ca if b is None else Counter(b)
    na, nb = len(a), len(a) if b is None else len(b)
    pairs = na * (na - 1) if b is None else na * nb
    if pairs == 0:
        return None
    if len(ca) * len(cb) <= ROLE_EXACT_PAIRS:
        acc = sum(c * d * stats.jaccard(u, w) for u, c in ca.items() for w, d in cb.items())
        if b is None:
            acc -= na  # a person compared with themself scores 1
        return stats.clamp01(acc / pairs)
    xs = _shuffled(a, len(a), memo)
    total, m = 0.0, ROLE_SAMPLE_PAIRS
    if b is None:
        # i pairs with i + 1 + ⌊i/n⌋: never with itself, since sampling implies n > 50 > 1 + m/n.
        n = len(xs)
        for i in range(m):
            total += stats.jaccard(xs[i % n], xs[(i + 1 + i // n) % n])
    else:
        ys = _shuffled(b, len(b) + 1, memo)
        for i in range(m):
            total += stats.jaccard(xs[i % len(xs)], ys[(i + i // len(xs)) % len(ys)])
    return stats.clamp01(total / m)


def role_matrix(
    ids: Sequence[str], role_of: Mapping[str, str], columns: Sequence[Column]
) -> Pairwise:
    roles: list[str] = []
    for pid in ids:
        if role_of[pid] not in roles:
            roles.append(role_of[pid])
    sizes = Counter(role_of[pid] for pid in ids)
    r = len(roles)
    sums = [[0.0] * r for _ in range(r)]
    counts = [[0] * r for _ in range(r)]
    for col in columns:
        memo: dict = {}
        groups: dict[str, list] = {}
        for pid, v in zip(col.pids, col.values):
            if pid in role_of:
                groups.setdefault(role_of[pid], []).append(v)
        present = [(roles.index(role), vals) for role, vals in groups.items()]
        present.sort()
        family = kinds.kind_of(col.question).family
        if family == "distance":
            hists = {i: _component_hists(col, vals) for i, vals in present}
            norm = _norm(col)
            for a, (i, va) in enumerate(present):
                for j, vb in present[a:]:
                    na, nb = len(va), len(vb)
                    pairs = na * (na - 1) if i == j else na * nb
                    if pairs == 0:
                        continue
                    dist = sum(h.total_distance(g) for h, g in zip(hists[i], hists[j]))
                    sums[i][j] += stats.clamp01(1.0 - dist / pairs / norm)
                    counts[i][j] += 1
        else:
            for a, (i, va) in enumerate(present):
                for j, vb in present[a:]:
                    if family == "equal":
                        ca, cb = Counter(va), Counter(vb)
                        same = sum(c * cb.get(v, 0) for v, c in ca.items())
                        if i == j:
                            pairs, same = len(va) * (len(va) - 1), same - len(va)
                        else:
                            pairs = len(va) * len(vb)
                        value = stats.clamp01(same / pairs) if pairs else None
                    else:
                        value = _set_similarity(va, None if i == j else vb, memo)
                    if value is not None:
                        sums[i][j] += value
                        counts[i][j] += 1
    matrix: list[list[float | None]] = [[None] * r for _ in range(r)]
    for i in range(r):
        for j in range(i, r):
            value = stats.clamp01(sums[i][j] / counts[i][j]) if counts[i][j] else None
            if i == j and sizes[roles[i]] < 2:
                value = 1.0
            matrix[i][j] = matrix[j][i] = value
    return Pairwise(
        ids=tuple(roles), matrix=tuple(tuple(row) for row in matrix), level="role",
        sizes=tuple(sizes[role] for role in roles),
    )


def pairwise(ids: Sequence[str], role_of: Mapping[str, str], columns: Sequence[Column]) -> Pairwise:
    """Person × person up to :data:`PERSON_LEVEL_MAX` respondents, role × role above."""
    if len(ids) <= PERSON_LEVEL_MAX:
        return person_matrix(ids, columns)
    return role_matrix(ids, role_of, columns)


def aggregate_roles(pw: Pairwise, role_of: Mapping[str, str], min_size: int) -> Pairwise:
    """The matrix by role, keeping only roles of at least ``min_size`` respondents (anonymous outputs).

    From a person matrix, the cell of roles A and B is the mean of the person cells between
    them (two different people); a role matrix is filtered. Empty when no role is large enough.
    """
    if pw.level == "role":
        keep = [i for i, size in enumerate(pw.sizes) if size >= min_size]
        return Pairwise(
            ids=tuple(pw.ids[i] for i in keep), matrix=tuple(tuple(pw.matrix[i][j] for j in keep) for i in keep),
            level="role", sizes=tuple(pw.sizes[i] for i in keep),
        )
    members: dict[str, list[int]] = {}
    for i, pid in enumerate(pw.ids):
        members.setdefault(role_of.get(pid, ""), []).append(i)
    roles = [r for r, m in members.items() if len(m) >= min_size]
    matrix = []
    for ra in roles:
        row = []
        for rb in roles:
            cells = [pw.matrix[x][y] for x in members[ra] for y in members[rb] if x != y]
            cells = [c for c in cells if c is not None]
            row.append(stats.clamp01(sum(cells) / len(cells)) if cells else None)
        matrix.append(tuple(row))
    return Pairwise(ids=tuple(roles), matrix=tuple(matrix), level="role",
                    sizes=tuple(len(members[r]) for r in roles))
