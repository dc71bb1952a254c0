"""Every threshold and scale the analysis applies, in one place (numbers only, no words).

The report and the interface import these instead of writing their own numbers:
the verdict of an index (:func:`status_of`), the lone-dissent rule, the limits
above which people are aggregated, and the colour scale of the person × person
matrix (:data:`MATRIX_STOPS`, :func:`matrix_colour`).

Exactness (issue 11, item 5). A threshold is applied to a value that is either
computed from integer sums as one correctly rounded division (r_wg, AD_M, the
share of agreeing pairs) — so an index that is exactly 0.50 *is* the float
0.5 — or, for the indices that add up floating-point terms (Kendall's W, the
Jaccard means, allocation), compared with the tolerance :data:`EPS`, far below
any difference a rounding to two decimals shows and far above accumulated
rounding error. Every comparison with a threshold goes through the functions
below.
"""

from __future__ import annotations

#: An index at or above this reads "aligned" (r_wg ≥ 0.70, James, Demaree & Wolf 1984).
ALIGNED = 0.70
#: An index strictly below this is a hot spot (0.50 itself is not).
HOTSPOT = 0.50
#: Tolerance of every threshold comparison (see the module docstring).
EPS = 1e-9

#: Lone dissent: once a small set of people is set aside the index reaches at least this …
LONE_DISSENT_INDEX = 0.80
#: … and rises by at least this.
LONE_DISSENT_RISE = 0.20
#: Lone dissent is looked for from this many usable answers.
LONE_DISSENT_MIN_N = 3
#: A person "stands apart" in the verdict when named on at least this many questions.
STANDS_APART_MIN = 3

# -- limits above which people are aggregated (one name per meaning) ---------------------
#: Up to this many respondents, individuals are named as outliers and the matrix is person × person;
#: above, the matrix is role × role (time and memory stay linear).
PERSON_LEVEL_MAX = 60
#: Up to this many answers every pair of outlier candidates is tried exhaustively; above, greedily.
EXHAUSTIVE_PAIRS_MAX = 20
#: Up to this many respondents camps are looked for (hierarchical clustering is O(n²) memory).
CAMPS_MAX = 60
#: A sentence lists at most this many names; more are given as a count.
NAMES_MAX = 10
#: ``cxalign analyze`` lists at most this many participants (and definitions) one per row.
CONSOLE_LIST_MAX = 30
#: ``cxalign analyze`` prints the pairwise matrix up to this many rows.
CONSOLE_MATRIX_MAX = 12
#: The report's heat map prints person × person up to this many people; above, it groups by role.
HEATMAP_PERSON_MAX = 20
#: A named report lists every person's answers (answers appendix, participants table) up to this
#: many respondents; above it (named or anonymous), closed questions show the spread of answers,
#: open questions the number of texts (their concepts are counted in the definitions part; the texts
#: are in ``cxalign export``), and the participants table counts people by role and progress.
#: It keeps a report of hundreds of respondents readable, and its layout under 20 s and 1 GB.
PERSON_LIST_MAX = 60
#: The report shows a question's answers as a person × answer matrix up to this many people
#: (wider does not fit the page); above, the spread of answers.
MATRIX_MAX = 12

# -- camps ---------------------------------------------------------------------------------
#: Camps: average-linkage clusters cut where the mean similarity between two clusters is
#: below this (they disagree across) …
CAMP_ACROSS_MAX = 0.50
#: … while the mean similarity inside every camp is at least this (they agree inside) …
CAMP_INSIDE_MIN = 0.70
#: … and every camp holds at least this many people (one person alone is a dissenter, not a camp).
CAMP_MIN_SIZE = 2


def at_least(value: float, threshold: float) -> bool:
    """``value >= threshold`` with the tolerance :data:`EPS`."""
    return value >= threshold - EPS


def below(value: float, threshold: float) -> bool:
    """``value < threshold`` with the tolerance :data:`EPS` (so exactly the threshold is not below)."""
    return value < threshold - EPS


def is_hotspot_index(index: float | None) -> bool:
    return index is not None and below(index, HOTSPOT)


def status_of(index: float | None) -> str | None:
    """``"aligned"`` (≥ 0.70), ``"mixed"``, ``"hotspot"`` (< 0.50) or None when there is no index."""
    if index is None:
        return None
    if at_least(index, ALIGNED):
        return "aligned"
    if below(index, HOTSPOT):
        return "hotspot"
    return "mixed"


def lone_dissent_max(n: int) -> int:
    """At most max(1, ⌊n/5⌋) people may be set aside as a lone dissent among n answers."""
    return max(1, n // 5)


def is_lone_dissent(index: float, without: float | None) -> bool:
    """Setting people aside lifts the index to ≥ 0.80 and by ≥ 0.20."""
    return (
        without is not None
        and at_least(without, LONE_DISSENT_INDEX)
        and at_least(without - index, LONE_DISSENT_RISE)
    )


# -- the colour scale of a [0, 1] agreement value (matrix cells, index bars) --------------
#: Colour stops on [0, 1] as (value, (r, g, b)): red below the hot-spot threshold, amber in
#: between, green from the "aligned" threshold up. One scale for terminal and PDF.
MATRIX_STOPS: tuple[tuple[float, tuple[int, int, int]], ...] = (
    (0.0, (150, 20, 20)),
    (HOTSPOT, (230, 100, 20)),
    ((HOTSPOT + ALIGNED) / 2, (240, 190, 40)),
    (ALIGNED, (150, 200, 90)),
    (1.0, (25, 110, 45)),
)
#: Colour of a cell without a value (nothing comparable).
MATRIX_EMPTY = (238, 240, 243)


def matrix_colour(value: float | None) -> tuple[int, int, int]:
    """The colour of an agreement value on :data:`MATRIX_STOPS` (linear between stops)."""
    if value is None:
        return MATRIX_EMPTY
    value = min(max(value, 0.0), 1.0)
    for (x0, c0), (x1, c1) in zip(MATRIX_STOPS, MATRIX_STOPS[1:]):
        if value <= x1:
            t = 0.0 if x1 == x0 else (value - x0) / (x1 - x0)
            return tuple(round(a + (b - a) * t) for a, b in zip(c0, c1))  # type: ignore[return-value]
    return MATRIX_STOPS[-1][1]


def matrix_text_colour(value: float | None) -> tuple[int, int, int]:
    """Black or white, whichever reads on :func:`matrix_colour` (perceived luminance)."""
    r, g, b = matrix_colour(value)
    return (0, 0, 0) if 0.299 * r + 0.587 * g + 0.114 * b > 140 else (255, 255, 255)
