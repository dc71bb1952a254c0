"""Agreement indices against hand-worked textbook examples and an independent implementation.

Every example states where its formula comes from; the arithmetic is worked in the comments.
"""

from __future__ import annotations

import itertools
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cxalign.analysis import stats


# -- r_wg ------------------------------------------------------------------------------------
# James, Demaree & Wolf (1984), "Estimating within-group interrater reliability with and
# without response bias", J. Applied Psychology 69(1): r_wg = 1 − s²/σ²_EU with the variance of
# the rectangular (uniform) null distribution σ²_EU = (A² − 1)/12; A = 5 gives σ²_EU = 2.

def test_sigma_eu_five_point_scale_is_two():
    assert stats.expected_uniform_variance(5) == pytest.approx(2.0)
    assert stats.expected_uniform_variance(7) == pytest.approx(4.0)  # (49 − 1)/12


def test_rwg_worked_sample():
    # Ratings 4, 4, 5, 4, 3 on 5 points: mean 4, squared deviations 0+0+1+0+1 = 2,
    # s² = 2/(5 − 1) = 0.5, r_wg = 1 − 0.5/2 = 0.75.
    assert stats.rwg([4, 4, 5, 4, 3], 5) == pytest.approx(0.75)


def test_rwg_seven_point_sample():
    # Ratings 6, 5, 6, 7 on 7 points: mean 6, squared deviations 0+1+0+1 = 2, s² = 2/3,
    # σ²_EU = 4, r_wg = 1 − (2/3)/4 = 5/6.
    assert stats.rwg([6, 5, 6, 7], 7) == pytest.approx(5 / 6)


def test_rwg_truncated_when_variance_exceeds_uniform():
    # 1, 5, 1, 5: mean 3, squared deviations 4 each = 16, s² = 16/3 ≈ 5.33 > 2 → 1 − 2.67 < 0 → 0.
    assert stats.rwg([1, 5, 1, 5], 5) == 0.0


def test_rwg_identical_and_too_few():
    assert stats.rwg([3, 3, 3], 5) == 1.0
    assert stats.rwg([3], 5) is None
    assert stats.rwg([], 5) is None


# -- AD_M ------------------------------------------------------------------------------------
# Burke & Dunlap (2002), "Estimating interrater agreement with the average deviation index",
# Organizational Research Methods 5(2): AD_M = Σ|x − mean|/N; agreement when AD_M ≤ c/6
# for c response options (5 points → 0.833).

def test_adm_worked_sample_agrees():
    # 4, 4, 5, 4, 3: mean 4, absolute deviations 0+0+1+0+1 = 2, AD_M = 2/5 = 0.4 ≤ 5/6.
    value = stats.ad_m([4, 4, 5, 4, 3])
    assert value == pytest.approx(0.4)
    assert stats.ad_m_aligned(value, 5) is True


def test_adm_worked_sample_disagrees():
    # 1, 5, 1, 5: mean 3, every deviation 2, AD_M = 2.0 > 0.833.
    value = stats.ad_m([1, 5, 1, 5])
    assert value == pytest.approx(2.0)
    assert stats.ad_m_aligned(value, 5) is False
    assert stats.ad_m([2]) is None


# -- Kendall's W -------------------------------------------------------------------------------
# Kendall & Babington Smith (1939), "The problem of m rankings", Ann. Math. Statist. 10(3);
# tie-corrected form as in Siegel & Castellan (1988, §9.4): W = 12·S / (m²(k³ − k) − m·ΣT),
# S = Σ(R_j − m(k + 1)/2)², T = Σ(t³ − t) over each rater's groups of t tied ranks.

def test_kendall_w_untied_worked_example():
    # m = 3 raters, k = 4 items. Ranks: A (1,2,3,4), B (2,1,3,4), C (1,3,2,4).
    # Rank sums R = (4, 6, 8, 12); expected m(k+1)/2 = 7.5; S = 3.5² + 1.5² + 0.5² + 4.5² = 35.
    # W = 12·35 / (9·(64 − 4)) = 420/540 = 7/9.
    w = stats.kendall_w([(1, 2, 3, 4), (2, 1, 3, 4), (1, 3, 2, 4)])
    assert w == pytest.approx(7 / 9)


def test_kendall_w_with_ties_worked_example():
    # A ties items 2 and 3: (1, 2.5, 2.5, 4); B (1,2,3,4); C (2,1,3,4).
    # R = (4, 5.5, 8.5, 12); S = 3.5² + 2² + 1² + 4.5² = 37.5. One tie group of t = 2: T = 2³ − 2 = 6.
    # W = 12·37.5 / (9·60 − 3·6) = 450/522 ≈ 0.86207 (without the correction it would be 450/540).
    w = stats.kendall_w([(1, 2.5, 2.5, 4), (1, 2, 3, 4), (2, 1, 3, 4)])
    assert w == pytest.approx(450 / 522)


def test_kendall_w_extremes():
    assert stats.kendall_w([(1, 2, 3), (1, 2, 3), (1, 2, 3)]) == pytest.approx(1.0)
    # Two raters in opposite orders: R = (4, 4, 4), S = 0, W = 0.
    assert stats.kendall_w([(1, 2, 3), (3, 2, 1)]) == pytest.approx(0.0)
    assert stats.kendall_w([(1, 2, 3)]) is None


def test_ranks_from_order_ties_unranked_items():
    # Two of four items placed; the other two share places 3 and 4 → 3.5 each.
    assert stats.ranks_from_order(["c", "a"], ["a", "b", "c", "d"]) == [2.0, 3.5, 1.0, 3.5]


@settings(max_examples=60, deadline=None)
@given(st.integers(3, 7).flatmap(lambda k: st.lists(st.permutations(range(1, k + 1)), min_size=3, max_size=9)))
def test_kendall_w_matches_scipy_friedman(rankings):
    """Independent check: W = χ²_F / (m(k − 1)) with χ²_F from scipy's Friedman test (no ties)."""
    from scipy.stats import friedmanchisquare

    m, k = len(rankings), len(rankings[0])  # scipy needs m >= 3 raters
    items = [[r[j] for r in rankings] for j in range(k)]
    chi2 = friedmanchisquare(*items).statistic
    assert stats.kendall_w(rankings) == pytest.approx(chi2 / (m * (k - 1)), abs=1e-9)


# -- allocation -----------------------------------------------------------------------------------
# DESIGN §5: 1 − mean over pairs of L1(a, b)/(2T).

def test_allocation_worked_example():
    # T = 100; (60,20,20), (20,60,20), (20,20,60): every pair differs by 40 + 40 = 80,
    # 80/200 = 0.4, index = 1 − 0.4 = 0.6.
    assert stats.allocation_index([(60, 20, 20), (20, 60, 20), (20, 20, 60)], 100) == pytest.approx(0.6)


def test_allocation_extremes():
    # (100, 0) vs (0, 100): L1 = 200 = 2T → 0.
    assert stats.allocation_index([(100, 0), (0, 100)], 100) == pytest.approx(0.0)
    assert stats.allocation_index([(50, 50), (50, 50)], 100) == 1.0
    assert stats.allocation_pair((60, 20, 20), (20, 60, 20), 100) == pytest.approx(0.6)


@given(st.lists(st.integers(-50, 50), max_size=30))
def test_sum_pairwise_abs_matches_brute_force(xs):
    brute = sum(abs(a - b) for a, b in itertools.combinations(xs, 2))
    assert stats.sum_pairwise_abs(xs) == pytest.approx(brute)


# -- sets -------------------------------------------------------------------------------------------

def test_mean_pairwise_jaccard_worked_example():
    # {a,b}, {b,c}, {a,b,c}: J12 = 1/3, J13 = 2/3, J23 = 2/3 → mean (1/3 + 2/3 + 2/3)/3 = 5/9.
    assert stats.mean_pairwise_jaccard([{"a", "b"}, {"b", "c"}, {"a", "b", "c"}]) == pytest.approx(5 / 9)


def test_jaccard_empty_sets():
    assert stats.jaccard(set(), set()) == 1.0
    assert stats.jaccard(set(), {"a"}) == 0.0
    assert stats.mean_pairwise_jaccard([set(), set()]) == 1.0
    assert stats.mean_pairwise_jaccard([{"a"}]) is None


def test_sampled_jaccard_close_to_exact():
    """Above the exact threshold the seeded estimate stays within 0.02 of the exact mean."""
    rng = random.Random(3)
    universe = list("abcdefghijkl")
    sets = [frozenset(rng.sample(universe, rng.randint(0, 6))) for _ in range(900)]
    assert len(set(sets)) > stats.JACCARD_EXACT_MAX_DISTINCT
    exact = sum(stats.jaccard(a, b) for a, b in itertools.combinations(sets, 2)) / (900 * 899 / 2)
    estimate = stats.mean_pairwise_jaccard(sets)
    assert estimate == pytest.approx(exact, abs=0.02)
    shuffled = sets[:]
    rng.shuffle(shuffled)
    assert stats.mean_pairwise_jaccard(shuffled) == estimate  # deterministic, order-free


# -- single choice ------------------------------------------------------------------------------------

def test_agreeing_pairs_worked_example():
    # x, x, y, z: C(4,2) = 6 pairs, one agrees (x–x) → 1/6.
    assert stats.agreeing_pairs_share(["x", "x", "y", "z"]) == pytest.approx(1 / 6)
    # x, x, x, y: C(3,2) = 3 agreeing of 6 → 0.5.
    assert stats.agreeing_pairs_share(["x", "x", "x", "y"]) == pytest.approx(0.5)
    assert stats.agreeing_pairs_share(["x"]) is None


# -- pairwise forms ---------------------------------------------------------------------------------------

def test_pair_similarities():
    # Likert, 5 points: 1 − |a − b|/(A − 1): 1 vs 5 → 0; 2 vs 3 → 0.75.
    assert stats.likert_pair(1, 5, 5) == 0.0
    assert stats.likert_pair(2, 3, 5) == pytest.approx(0.75)
    # Spearman footrule, k = 3: (1,2,3) vs (3,2,1) → 2 + 0 + 2 = 4 = ⌊9/2⌋ → 0;
    # (1,2,3) vs (2,1,3) → 2/4 → 0.5.
    assert stats.ranking_pair((1, 2, 3), (3, 2, 1)) == 0.0
    assert stats.ranking_pair((1, 2, 3), (2, 1, 3)) == pytest.approx(0.5)
    # k = 4: maximum footrule ⌊16/2⌋ = 8, reached by the reversed order (3 + 1 + 1 + 3).
    assert stats.ranking_pair((1, 2, 3, 4), (4, 3, 2, 1)) == 0.0


@given(st.lists(st.integers(1, 7), max_size=12))
def test_indices_stay_in_unit_interval(values):
    for result in (stats.rwg(values, 7), stats.agreeing_pairs_share(values)):
        assert result is None or 0.0 <= result <= 1.0
    adm = stats.ad_m(values)
    assert (adm is None) == (len(values) < 2)
