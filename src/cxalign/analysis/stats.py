"""Agreement indices on plain Python values (no models, no numpy).

Every index is on [0, 1] (1 = full agreement), clamped there, and is ``None``
when fewer than two usable answers are given. Group indices run in linear or
``n log n`` time so that 10,000 respondents stay fast:

* likert — r_wg (James, Demaree & Wolf 1984) and AD_M (Burke & Dunlap 2002);
* ranking — Kendall's W with the tie correction (Kendall & Babington Smith 1939),
  from rank sums in one pass;
* allocation — 1 − mean pairwise L1 / (2T); the sum of pairwise distances of one
  option is computed from the sorted values, ``Σ x_(i)(2i − n − 1)``;
* single — share of agreeing pairs, ``Σ C(c, 2) / C(n, 2)`` over answer counts;
* multi and concept sets — mean pairwise Jaccard over the *distinct* sets with
  their counts (identical sets agree fully). When there are more than
  :data:`JACCARD_EXACT_MAX_DISTINCT` distinct sets, the mean is estimated from
  :data:`JACCARD_SAMPLE_PAIRS` pairs drawn with a fixed seed from the sorted
  distinct sets, so the result is deterministic and independent of the order
  of respondents.

Pairwise (person-to-person) similarities use the same measure for two people:
likert ``1 − |a − b|/(A − 1)``, allocation ``1 − L1/(2T)``, Jaccard, equality,
and for rankings the Spearman footrule ``1 − Σ|r_a − r_b| / ⌊k²/2⌋`` (⌊k²/2⌋ is
the largest footrule distance between two rankings of k items).
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence

#: Above this many distinct answer sets the mean pairwise Jaccard is estimated by sampling.
JACCARD_EXACT_MAX_DISTINCT = 300
#: Number of pairs drawn for that estimate (standard error below 0.002 for any data).
JACCARD_SAMPLE_PAIRS = 60_000
_SEED = 20240611


def clamp01(x: float) -> float:
    return 0.0 if x < 0.0 else 1.0 if x > 1.0 else x


def mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


# -- likert -------------------------------------------------------------------------

def expected_uniform_variance(points: int) -> float:
    """σ²_EU = (A² − 1) / 12, the variance of a uniform (random) answer on A points."""
    return (points * points - 1) / 12.0


def sample_variance(values: Sequence[float]) -> float:
    n = len(values)
    m = sum(values) / n
    return sum((x - m) ** 2 for x in values) / (n - 1)


def _integers(values: Sequence[float]) -> list[int] | None:
    """The values as ints when they all are whole numbers (likert points), else None."""
    if set(map(type, values)) <= {int}:  # the usual case, at C speed (10,000 answers per question)
        return list(values)
    out = []
    for x in values:
        if isinstance(x, int) or (isinstance(x, float) and x.is_integer()):
            out.append(int(x))
        else:
            return None
    return out


def rwg(values: Sequence[float], points: int) -> float | None:
    """r_wg = 1 − s²/σ²_EU, truncated to [0, 1] (James, Demaree & Wolf 1984).

    On whole-number answers it is computed from integer sums as one division,
    r_wg = 1 − 12(nΣx² − (Σx)²) / (n(n − 1)(A² − 1)), so a value that is exactly
    0.50 comes out as the float 0.5 (a threshold is then applied exactly).
    """
    n = len(values)
    if n < 2 or points < 2:
        return None
    ints = _integers(values)
    if ints is None:
        return clamp01(1.0 - sample_variance(values) / expected_uniform_variance(points))
    counts = Counter(ints).items()  # a few distinct points: exact integer sums over them
    s1, s2 = sum(v * c for v, c in counts), sum(v * v * c for v, c in counts)
    denominator = n * (n - 1) * (points * points - 1)
    return clamp01((denominator - 12 * (n * s2 - s1 * s1)) / denominator)


def ad_m(values: Sequence[float]) -> float | None:
    """AD_M = mean |x − mean| (Burke & Dunlap 2002); agreement when AD_M ≤ A/6.

    On whole numbers: Σ|n·x − Σx| / n², one division of integers.
    """
    n = len(values)
    if n < 2:
        return None
    ints = _integers(values)
    if ints is not None:
        counts = Counter(ints).items()
        s1 = sum(v * c for v, c in counts)
        return sum(c * abs(n * v - s1) for v, c in counts) / (n * n)
    m = sum(values) / n
    return sum(abs(x - m) for x in values) / n


def ad_m_agrees(values: Sequence[float], points: int) -> bool | None:
    """AD_M ≤ A/6, decided exactly on whole numbers: 6·Σ|n·x − Σx| ≤ A·n²."""
    n = len(values)
    if n < 2:
        return None
    ints = _integers(values)
    if ints is None:
        return ad_m_aligned(ad_m(values), points)
    counts = Counter(ints).items()
    s1 = sum(v * c for v, c in counts)
    return 6 * sum(c * abs(n * v - s1) for v, c in counts) <= points * n * n


def ad_m_aligned(value: float | None, points: int) -> bool | None:
    """AD_M ≤ A/6 on an already computed AD_M, with the thresholds' tolerance."""
    from cxalign.analysis.thresholds import EPS

    return None if value is None else value <= points / 6.0 + EPS


def likert_pair(a: float, b: float, points: int) -> float:
    return clamp01(1.0 - abs(a - b) / (points - 1))


# -- ranking ------------------------------------------------------------------------

def ranks_from_order(order: Sequence[Hashable], items: Sequence[Hashable]) -> list[float]:
    """Rank vector (1 = first) over ``items`` from an ordered list, best first.

    Items missing from ``order`` share the remaining places (mid-rank), which is
    what the tie correction of Kendall's W is for; unknown or repeated items are ignored.
    """
    wanted = set(items)
    ranks: dict[Hashable, float] = {}
    for item in order:
        if item in wanted and item not in ranks:
            ranks[item] = float(len(ranks) + 1)
    p, k = len(ranks), len(items)
    if p < k:
        tied = (p + 1 + k) / 2.0
        for item in items:
            ranks.setdefault(item, tied)
    return [ranks[item] for item in items]


def _tie_term(ranks: Sequence[float]) -> float:
    """Σ (t³ − t) over groups of tied ranks in one rater's ranking."""
    return float(sum(t ** 3 - t for t in Counter(ranks).values() if t > 1))


def kendall_w(rank_vectors: Sequence[Sequence[float]]) -> float | None:
    """Kendall's coefficient of concordance W with the tie correction.

    W = 12·S / (m²(k³ − k) − m·ΣT), S = Σ (R_j − mean R)², R_j the rank sum of
    item j over the m raters, T = Σ(t³ − t) over each rater's tie groups.
    Identical answers that tie everything (zero denominator) agree fully.
    """
    m = len(rank_vectors)
    if m < 2:
        return None
    k = len(rank_vectors[0])
    if k < 2:
        return None
    sums = [0.0] * k
    ties = 0.0
    for ranks in rank_vectors:
        for j, r in enumerate(ranks):
            sums[j] += r
        if len(set(ranks)) < k:
            ties += _tie_term(ranks)
    mean_sum = m * (k + 1) / 2.0
    s = sum((r - mean_sum) ** 2 for r in sums)
    denominator = m * m * (k ** 3 - k) - m * ties
    if denominator <= 1e-12:
        return 1.0
    return clamp01(12.0 * s / denominator)


def footrule_max(k: int) -> int:
    """Largest Spearman footrule distance between two rankings of k items: ⌊k²/2⌋."""
    return (k * k) // 2


def ranking_pair(a: Sequence[float], b: Sequence[float]) -> float:
    """1 − footrule(a, b) / ⌊k²/2⌋ (Spearman's footrule, Diaconis & Graham 1977)."""
    k = len(a)
    top = footrule_max(k)
    if top == 0:
        return 1.0
    return clamp01(1.0 - sum(abs(x - y) for x, y in zip(a, b)) / top)


# -- allocation ---------------------------------------------------------------------

def sum_pairwise_abs(values: Iterable[float]) -> float:
    """Σ over pairs i < j of |x_i − x_j| in O(n log n): Σ x_(i)·(2i − n − 1) on sorted x."""
    xs = sorted(values)
    n = len(xs)
    return float(sum(x * (2 * i - n + 1) for i, x in enumerate(xs)))


def allocation_index(vectors: Sequence[Sequence[float]], total: float) -> float | None:
    """1 − mean over pairs of L1(a, b) / (2T); vectors share one option order."""
    n = len(vectors)
    if n < 2 or total <= 0:
        return None
    k = len(vectors[0])
    l1_sum = sum(sum_pairwise_abs(v[j] for v in vectors) for j in range(k))
    pairs = n * (n - 1) / 2.0
    return clamp01(1.0 - l1_sum / pairs / (2.0 * total))


def allocation_pair(a: Sequence[float], b: Sequence[float], total: float) -> float:
    return clamp01(1.0 - sum(abs(x - y) for x, y in zip(a, b)) / (2.0 * total))


# -- single -------------------------------------------------------------------------

def agreeing_pairs_share(choices: Sequence[Hashable]) -> float | None:
    """Share of pairs of respondents who gave the same answer: Σ C(c, 2) / C(n, 2)."""
    n = len(choices)
    if n < 2:
        return None
    same = sum(c * (c - 1) for c in Counter(choices).values())
    return clamp01(same / (n * (n - 1)))


# -- sets (multi choices, concepts) ---------------------------------------------------

def jaccard(a: frozenset | set, b: frozenset | set) -> float:
    """|a ∩ b| / |a ∪ b|; two empty sets count 1."""
    union = len(a | b)
    return 1.0 if union == 0 else len(a & b) / union


def _mask_jaccard(a: int, b: int) -> float:
    union = (a | b).bit_count()
    return 1.0 if union == 0 else (a & b).bit_count() / union


def mean_pairwise_jaccard(sets: Sequence[Iterable[Hashable]]) -> float | None:
    """Mean over pairs of respondents of Jaccard(a, b); two empty sets count 1.

    Exact over distinct sets with their counts; estimated from a seeded sample of
    pairs when more than :data:`JACCARD_EXACT_MAX_DISTINCT` distinct sets occur.
    """
    n = len(sets)
    if n < 2:
        return None
    # Bits are assigned by sorted item so that the result never depends on respondent order.
    universe = sorted({item for s in sets for item in s}, key=repr)
    bit = {item: 1 << i for i, item in enumerate(universe)}
    counts = Counter(sum(bit[item] for item in set(s)) for s in sets)
    distinct = sorted(counts.items())
    if len(distinct) <= JACCARD_EXACT_MAX_DISTINCT:
        acc = sum(c * (c - 1) / 2.0 for _, c in distinct)  # identical sets agree fully
        for i, (a, ca) in enumerate(distinct):
            for b, cb in distinct[i + 1:]:
                union = (a | b).bit_count()
                acc += ca * cb * (a & b).bit_count() / union
        return clamp01(acc / (n * (n - 1) / 2.0))
    return clamp01(_sampled_mean_jaccard([mask for mask, c in distinct for _ in range(c)]))


def _sampled_mean_jaccard(population: list[int]) -> float:
    """Mean Jaccard over about :data:`JACCARD_SAMPLE_PAIRS` pairs of distinct positions.

    The population (sorted, so independent of respondent order) is shuffled with a
    fixed seed; position i is then paired with i + k (mod n) for k = 1..K: every
    such pair is a uniformly random pair of two different respondents.
    """
    n = len(population)
    order = population[:]
    random.Random(_SEED).shuffle(order)
    shifts = max(1, min((n - 1) // 2, -(-JACCARD_SAMPLE_PAIRS // n)))
    acc = 0.0
    for k in range(1, shifts + 1):
        for a, b in zip(order, order[k:] + order[:k]):
            union = (a | b).bit_count()
            acc += 1.0 if union == 0 else (a & b).bit_count() / union
    return acc / (n * shifts)


# -- helpers ------------------------------------------------------------------------------

def hashable(value) -> Hashable:
    """A hashable stand-in for an encoded answer (lists, sets and dicts included)."""
    if isinstance(value, (list, tuple)):
        return tuple(hashable(v) for v in value)
    if isinstance(value, (set, frozenset)):
        return frozenset(value)
    if isinstance(value, dict):
        return tuple(sorted(value.items()))
    return value
