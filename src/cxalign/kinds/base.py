"""What every question kind knows about itself, and the default behaviour.

A *kind* (``text``, ``single``, ``multi``, ``ranking``, ``allocation``,
``likert`` …) is one subclass of :class:`Kind` in its own module of this
package, registered by name in :mod:`cxalign.kinds`. It holds every rule that
depends on the kind:

* its answer fields (:attr:`Kind.fields`) and its *parts* — ``(None,)`` for an
  answer with one value, ``("current", "target")`` for a maturity item;
* the checks of an answer against its question (:meth:`Kind.problems`);
* the encoding of an answer for the statistics (:meth:`Kind.encode`), the
  group index (:meth:`Kind.index`), its pairwise form (:meth:`Kind.pair`) and
  how the role-level matrix compares groups (:attr:`Kind.family`);
* the CSV cells, wide (:meth:`Kind.write_cell` / :meth:`Kind.read_cell`) and
  tidy (:meth:`Kind.tidy_values` / :meth:`Kind.read_tidy`);
* how the report shows it (:attr:`Kind.order`, :attr:`Kind.free_text`, :attr:`Kind.chart`);
* the answer in words (:meth:`Kind.words`, through :func:`cxalign.kinds.words.answer_words`);
* how differently two groups of one workshop answer (:attr:`Kind.measure`,
  :meth:`Kind.group_gap`, used by :mod:`cxalign.compare.groups`).

Nothing here imports the interface, the report or the translations: wording
receives a ``say(key, **fields)`` function from its caller.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import Any, ClassVar

from cxalign.models.response import VALUE_FIELDS, Answer

__all__ = ["VALUE_FIELDS", "Kind", "counted", "option_label", "stats", "whole_number"]

#: ``error(column_or_field, message)`` — how a reader reports a bad cell.
Report = Callable[[str, str], None]
#: ``say(key, **fields)`` — a translated string, given by the caller.
Say = Callable[..., str]


class _Stats:
    """:mod:`cxalign.analysis.stats`, imported on first use: the interface asks the kinds for
    fields, words and checks at start-up and must not load the whole analysis to do so."""

    def __getattr__(self, name: str):
        from cxalign.analysis import stats as module

        return getattr(module, name)


stats = _Stats()


def whole_number(text: str, error: Report, column: str) -> int | None:
    """``text`` as an int, or None after reporting it."""
    try:
        return int(text.strip())
    except ValueError:
        error(column, f"{text!r} is not a whole number")
        return None


class Kind:
    """The rules of one question kind; subclasses override what differs."""

    #: The ``kind`` value in questionnaire files.
    name: ClassVar[str]
    #: The Answer fields an answer of this kind may carry.
    fields: ClassVar[tuple[str, ...]]
    #: The agreement method named in the JSON (``None``: not compared).
    method: ClassVar[str | None] = None
    #: How the role-level matrix compares two groups of answers:
    #: ``"distance"`` (answers are vectors, L1 distance over :meth:`norm`),
    #: ``"equal"`` (share of equal answers) or ``"sets"`` (Jaccard of sets).
    family: ClassVar[str] = "sets"
    #: The between-group measure named in the JSON (``None``: groups are not compared on it).
    measure: ClassVar[str | None] = None
    #: Place in lists of the kinds shown to readers (the report's method appendix).
    order: ClassVar[int] = 100
    #: True when answers are free texts: listed as written, never tallied into a spread.
    free_text: ClassVar[bool] = False
    #: The report's chart of this kind's answers (a name the report knows), or None.
    chart: ClassVar[str | None] = None

    # -- shape ------------------------------------------------------------------------
    def parts(self, question) -> tuple[str | None, ...]:
        """The separately rated parts of an answer: ``(None,)`` for one value."""
        return (None,)

    def allowed_fields(self, question) -> tuple[str, ...]:
        return self.fields

    def compared(self, question) -> bool:
        """True when the question has an agreement index (a column in the analysis)."""
        return self.method is not None

    # -- validation -------------------------------------------------------------------
    def problems(self, question, answer: Answer) -> list[tuple[str, str]]:
        """Problems of the answer's values against the question, as (field, message)."""
        return []

    # -- statistics -------------------------------------------------------------------
    def encode(self, question, answer: Answer, part: str | None, concepts: Sequence[str] | None = None) -> Any:
        """The usable value of an answer for the statistics, or None when it gives none."""
        raise NotImplementedError

    def index(self, question, values: list) -> float | None:
        """The group index over the encoded values of one column."""
        raise NotImplementedError

    def pair(self, question, a, b) -> float:
        """Similarity of two encoded answers on [0, 1]."""
        raise NotImplementedError

    def dispersion(self, question, values: list) -> tuple[float | None, bool | None]:
        """A second agreement figure where the method has one (likert: AD_M and its verdict)."""
        return None, None

    def components(self, question, value) -> Sequence[float]:
        """A ``"distance"`` kind's value as numbers whose L1 distance is the disagreement."""
        return (value,)

    def norm(self, question) -> float:
        """The largest L1 distance of a ``"distance"`` kind (similarity = 1 − L1/norm)."""
        raise NotImplementedError

    # -- between groups ---------------------------------------------------------------
    def group_gap(self, question, part: str | None, a: list[Answer], b: list[Answer]) -> tuple[Fraction | None, int, int]:
        """How differently groups A and B answer one part, for a kind with a :attr:`measure`:
        (the measure on [0, 1] — may exceed 1 before clipping — or None, answers used in A, in B).
        ``a`` and ``b`` hold the groups' answers other than "don't know"."""
        raise NotImplementedError

    # -- CSV --------------------------------------------------------------------------
    def wide_columns(self, question) -> list[str]:
        parts = self.parts(question)
        return [question.id if p is None else f"{question.id}.{p}" for p in parts]

    def write_cell(self, question, part: str | None, answer: Answer) -> str:
        """The wide cell of one part (the answer is not "don't know")."""
        raise NotImplementedError

    def read_cell(self, question, part: str | None, cell: str, raw: str, error: Report, column: str) -> dict | None:
        """Answer fields from a non-empty wide cell (``cell`` is stripped, ``raw`` as typed);
        None after reporting a problem with ``error``."""
        raise NotImplementedError

    def tidy_part(self, question, part: str | None) -> str:
        """The ``part`` column of tidy rows for one part."""
        return part or ""

    def tidy_values(self, question, part: str | None, answer: Answer) -> list[tuple[str, str]]:
        """Tidy (option, value) pairs of one part."""
        raise NotImplementedError

    def read_tidy(self, question, part: str | None, rows: list[tuple[int, str, str]], error: Callable[[int, str, str], None]) -> dict | None:
        """Answer fields from the tidy rows of one part: (line, option, value)."""
        raise NotImplementedError

    # -- report views -------------------------------------------------------------------
    def distribution(self, question, given: list[Answer], part: str | None, lang: str, fmt, say: Say) -> list[tuple[str, str]]:
        """The spread of answers (no "don't know"), unattributed: (label, figure) rows."""
        return []

    def grouping(self, question, lang: str, words: Callable[[str], str]):
        """For a view of one row per distinct answer: (key of an answer, label of a key,
        order of the keys given the groups), or None when the kind has no such view."""
        return None

    def matrix(self, question, given: list[Answer], lang: str, fmt, cell) -> tuple[list, str] | None:
        """For an option × person view: (sortable rows, key of the summary header), or None.
        ``cell(kind, value, extra)`` lays out one cell (see :mod:`cxalign.report.positions`)."""
        return None

    def hotspot_sentence(self, question, answers: list[tuple[str, Any]], out: list[tuple[str, Any]],
                         rest: list[tuple[str, Any]], part: str | None, lang: str, namer, w) -> str:
        """Who stands where on a hot spot: ``answers`` are (person, encoded answer), ``out``
        those of the outliers and ``rest`` the others; ``w`` gives the wording helpers
        (:class:`cxalign.present.wording._Words`). Empty: no sentence."""
        return ""

    # -- words ------------------------------------------------------------------------
    def words(self, question, answer: Answer, part: str | None, lang: str, style, say: Say) -> str | None:
        """The answer in words in ``style`` (see :mod:`cxalign.kinds.words`); None when it has no value."""
        raise NotImplementedError


def option_label(question, option_id: str, lang: str) -> str:
    option = question.option(option_id) if hasattr(question, "option") else None
    return option.label.get(lang) if option is not None else option_id


# -- helpers shared by the kinds' report views ------------------------------------------------

def counted(question, tally, lang: str, count) -> list[tuple[str, str]]:
    """Options chosen at least once, most chosen first (ties in questionnaire order)."""
    chosen = [o for o in question.options if tally[o.id]]
    chosen.sort(key=lambda o: -tally[o.id])
    return [(o.label.get(lang), count(tally[o.id])) for o in chosen]
