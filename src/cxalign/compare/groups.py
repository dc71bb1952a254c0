"""Groups inside one workshop: each group's figures and the gaps between groups.

A participant may carry a ``group`` (``comex``, ``managers`` …). With two or
more groups among the participants:

* **per group** — the analysis of the sub-workshop made of the group's members
  (:func:`cxalign.analysis.engine.analyze`): maturity per dimension and item,
  agreement per question inside the group. Participants without a group belong
  to no group (they are counted in ``ungrouped``).
* **between two groups A and B** (every pair, in order of first appearance):

  - maturity: B's mean current (and target) minus A's, per dimension and item;
  - the questions where they answer differently, each with a measure on [0, 1]
    (0 = the two groups answer alike, 1 = as far apart as the kind allows),
    computed by the question's kind (:meth:`cxalign.kinds.base.Kind.group_gap`):

    ========== ============================================================
    likert     |mean_A − mean_B| / (A_points − 1): the gap of the group means
               over the scale range (each part of a current+target item)
    single     total-variation distance of the two distributions of choices:
               ½ Σ_o |share_A(o) − share_B(o)|
    multi      mean over the options of |share_A choosing o − share_B choosing o|
    ranking    Spearman footrule between the groups' mean ranks,
               Σ_o |r̄_A(o) − r̄_B(o)|, over its maximum ⌊k²/2⌋
    allocation L1 distance between the mean allocations over 2·total
    ========== ============================================================

    (``text`` has no measure.) A question *differs* when its measure is ≥ :data:`DIFFERENT` (0.25: one
    point apart on a five-point scale, a quarter of the choices moved);
  - definitions: ``distance`` = 1 − the mean Jaccard similarity of the concept
    sets over every pair made of one person of A and one of B, beside the same
    mean inside A and inside B; the concepts only one group uses.

"Don't know" answers are left out of every figure. Anonymity per group: in an
anonymous workshop or report a group with fewer respondents than the
workshop's ``min_group_size`` is *hidden*: it keeps its name and its count, and
no figure — neither its own nor a gap involving it — is computed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from itertools import combinations

from cxalign.analysis.engine import analyze
from cxalign.analysis.result import WorkshopAnalysis
from cxalign.kinds import kind_of
from cxalign.models.questionnaire import Questionnaire
from cxalign.models.response import Response
from cxalign.models.workshop import Workshop

#: A question differs between two groups when its measure reaches this.
DIFFERENT = 0.25

@dataclass(frozen=True)
class GroupFigures:
    """One group: its members, its respondents and (unless hidden) its own analysis."""

    id: str
    members: tuple[str, ...]
    respondents: tuple[str, ...]
    hidden: bool
    analysis: WorkshopAnalysis | None

    @property
    def n(self) -> int:
        return len(self.respondents)


@dataclass(frozen=True)
class MaturityGap:
    """One dimension or item: group A's and B's mean today and target, and B − A."""

    id: str
    a_current: float | None
    b_current: float | None
    a_target: float | None
    b_target: float | None

    @property
    def gap(self) -> float | None:
        return None if self.a_current is None or self.b_current is None else self.b_current - self.a_current

    @property
    def target_gap(self) -> float | None:
        return None if self.a_target is None or self.b_target is None else self.b_target - self.a_target


@dataclass(frozen=True)
class DimensionGap(MaturityGap):
    items: tuple[MaturityGap, ...] = ()


@dataclass(frozen=True)
class QuestionDifference:
    """How differently two groups answer one question (part); ``value`` on [0, 1] or None."""

    id: str
    part: str | None
    kind: str
    measure: str
    value: float | None
    n_a: int
    n_b: int

    @property
    def key(self) -> str:
        return self.id if self.part is None else f"{self.id}:{self.part}"

    @property
    def differs(self) -> bool:
        return self.value is not None and self.value >= DIFFERENT


@dataclass(frozen=True)
class DefinitionDistance:
    """How far the two groups' definitions sit apart (concept sets, Jaccard)."""

    distance: float | None
    within_a: float | None
    within_b: float | None
    only_a: tuple[str, ...]
    only_b: tuple[str, ...]


@dataclass(frozen=True)
class GroupGap:
    a: str
    b: str
    dimensions: tuple[DimensionGap, ...]
    questions: tuple[QuestionDifference, ...]
    definitions: DefinitionDistance

    @property
    def differing(self) -> tuple[QuestionDifference, ...]:
        """The questions that differ, most different first."""
        return tuple(sorted((q for q in self.questions if q.differs), key=lambda q: -q.value))


@dataclass(frozen=True)
class GroupComparison:
    groups: tuple[GroupFigures, ...]
    gaps: tuple[GroupGap, ...]
    ungrouped: tuple[str, ...]
    min_group_size: int
    anonymous: bool

    def group(self, group_id: str) -> GroupFigures | None:
        return next((g for g in self.groups if g.id == group_id), None)

    def gap(self, a: str, b: str) -> GroupGap | None:
        return next((g for g in self.gaps if (g.a, g.b) == (a, b)), None)


# -- helpers -------------------------------------------------------------------
def group_ids(workshop: Workshop) -> list[str]:
    """The groups of a workshop, in order of first appearance among the participants."""
    seen: list[str] = []
    for p in workshop.participants:
        if p.group and p.group not in seen:
            seen.append(p.group)
    return seen


def has_groups(workshop: Workshop) -> bool:
    return len(group_ids(workshop)) >= 2


def _mean(values: Sequence[float]) -> float | None:
    return float(sum(Fraction(v) for v in values) / len(values)) if values else None


def _usable(responses: Mapping[str, Response], pids: Sequence[str], qid: str) -> list:
    """The answers of ``pids`` to question ``qid``, "don't know" left out."""
    out = []
    for pid in pids:
        response = responses.get(pid)
        answer = response.answers.get(qid) if response else None
        if answer is not None and not answer.dont_know:
            out.append(answer)
    return out


def question_difference(question, part: str | None, responses: Mapping[str, Response],
                        a: Sequence[str], b: Sequence[str]) -> QuestionDifference | None:
    """The measure of how differently groups ``a`` and ``b`` (participant ids) answer ``question``
    (its kind's :meth:`~cxalign.kinds.base.Kind.group_gap`); None for a kind without a measure."""
    kind = kind_of(question)
    if kind.measure is None:
        return None
    value, na, nb = kind.group_gap(question, part, _usable(responses, a, question.id), _usable(responses, b, question.id))
    return QuestionDifference(
        id=question.id, part=part, kind=kind.name, measure=kind.measure,
        value=None if value is None else float(min(Fraction(1), value)), n_a=na, n_b=nb,
    )


def _jaccard(x: frozenset, y: frozenset) -> Fraction:
    if not x and not y:
        return Fraction(1)
    return Fraction(len(x & y), len(x | y))


def _mean_pairs(pairs) -> float | None:
    values = [_jaccard(x, y) for x, y in pairs]
    return float(sum(values) / len(values)) if values else None


def definition_distance(a: WorkshopAnalysis, b: WorkshopAnalysis) -> DefinitionDistance:
    ca = [frozenset(d.concepts) for d in a.definitions if not d.dont_know]
    cb = [frozenset(d.concepts) for d in b.definitions if not d.dont_know]
    cross = _mean_pairs((x, y) for x in ca for y in cb)
    used_a = frozenset().union(*ca) if ca else frozenset()
    used_b = frozenset().union(*cb) if cb else frozenset()
    order = [c.id for c in a.questionnaire.concepts]
    rank = {c: i for i, c in enumerate(order)}
    return DefinitionDistance(
        distance=None if cross is None else 1 - cross,
        within_a=_mean_pairs(combinations(ca, 2)),
        within_b=_mean_pairs(combinations(cb, 2)),
        only_a=tuple(sorted(used_a - used_b, key=lambda c: rank.get(c, len(rank)))),
        only_b=tuple(sorted(used_b - used_a, key=lambda c: rank.get(c, len(rank)))),
    )


def _gap(x: WorkshopAnalysis, y: WorkshopAnalysis, questionnaire: Questionnaire,
         responses: Mapping[str, Response], ga: GroupFigures, gb: GroupFigures) -> GroupGap:
    dims = []
    for da in x.dimensions:
        db = y.dimension(da.id)
        if db is None:
            continue
        items = tuple(
            MaturityGap(id=ia.id, a_current=ia.current, b_current=ib.current, a_target=ia.target, b_target=ib.target)
            for ia, ib in zip(da.items, db.items)
        )
        dims.append(DimensionGap(id=da.id, a_current=da.current, b_current=db.current,
                                 a_target=da.target, b_target=db.target, items=items))
    questions = []
    for q in questionnaire.questions:
        for part in kind_of(q).parts(q):
            diff = question_difference(q, part, responses, ga.respondents, gb.respondents)
            if diff is not None:
                questions.append(diff)
    return GroupGap(a=ga.id, b=gb.id, dimensions=tuple(dims), questions=tuple(questions),
                    definitions=definition_distance(x, y))


def compare_groups(workshop: Workshop, questionnaire: Questionnaire, responses: Mapping[str, Response],
                   *, anonymous: bool | None = None) -> GroupComparison | None:
    """Each group's figures and the gaps between every two groups; None with fewer than two groups.

    ``anonymous`` defaults to the workshop's setting; when true, a group with fewer
    respondents than ``workshop.min_group_size`` is hidden (no figure at all).
    """
    ids = group_ids(workshop)
    if len(ids) < 2:
        return None
    anonymous = workshop.anonymous if anonymous is None else anonymous
    respondents = {
        pid for pid, r in responses.items() if any(a.is_answered for a in r.answers.values())
    }
    groups: list[GroupFigures] = []
    for gid in ids:
        people = [p for p in workshop.participants if p.group == gid]
        members = tuple(p.id for p in people)
        answering = tuple(pid for pid in members if pid in respondents)
        hidden = anonymous and len(answering) < workshop.min_group_size
        analysis = None
        if not hidden:
            sub = workshop.model_copy(update={"participants": people})
            analysis = analyze(sub, questionnaire, {pid: responses[pid] for pid in members if pid in responses})
        groups.append(GroupFigures(id=gid, members=members, respondents=answering, hidden=hidden, analysis=analysis))
    gaps = []
    for ga, gb in combinations(groups, 2):
        if ga.analysis is None or gb.analysis is None:
            continue
        gaps.append(_gap(ga.analysis, gb.analysis, questionnaire, responses, ga, gb))
    return GroupComparison(
        groups=tuple(groups), gaps=tuple(gaps),
        ungrouped=tuple(p.id for p in workshop.participants if not p.group),
        min_group_size=workshop.min_group_size, anonymous=anonymous,
    )


def compare_analysis_groups(analysis: WorkshopAnalysis, *, anonymous: bool | None = None) -> GroupComparison | None:
    """:func:`compare_groups` for an analysis already made (its workshop, questionnaire and responses)."""
    return compare_groups(analysis.workshop, analysis.questionnaire, analysis.responses, anonymous=anonymous)
