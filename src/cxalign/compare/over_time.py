"""``cxalign compare OLD NEW``: what moved between two workshops of one organisation.

Both workshops must run the same questionnaire id; when their versions differ,
only the questions (same id, same kind) and dimensions they share are compared
and the others are named as left out. Each workshop is analysed with
:func:`cxalign.analysis.engine.analyze` on its questionnaire restricted to the
shared questions, so a dimension's mean covers the same items at both times.

* **Dimensions** — mean current maturity before and after, ``change`` = after −
  before; the spread of each is max − min of the people's own means; the change
  *exceeds the spread* when |change| is larger than the larger of the two
  spreads (the move is bigger than the disagreement in the room at either time).
* **Questions** — the agreement index before and after (per part of a
  current+target item), ``change`` = after − before.
* **Hot spots** — keys below 0.50 before only (resolved), at both times
  (persisting), after only (new); only shared keys count.
* **People** — matched by participant id, then by name (case and accents kept,
  surrounding spaces and case ignored); each with their own overall maturity
  (mean of their dimension means) and mean similarity to the others, before
  and after.
* **Definitions** — each person's concepts before and after, the concepts
  gained and lost; the same for the room as a whole (union of the concepts).
"""

from __future__ import annotations

from dataclasses import dataclass

from cxalign.analysis.engine import analyze
from cxalign.analysis.result import WorkshopAnalysis
from cxalign.errors import InputError
from cxalign.models.questionnaire import Questionnaire


@dataclass(frozen=True)
class DimensionChange:
    id: str
    before: float | None
    after: float | None
    target_before: float | None
    target_after: float | None
    spread_before: float | None
    spread_after: float | None
    level_before: int | None
    level_after: int | None

    @property
    def change(self) -> float | None:
        return None if self.before is None or self.after is None else self.after - self.before

    @property
    def exceeds_spread(self) -> bool | None:
        spreads = [s for s in (self.spread_before, self.spread_after) if s is not None]
        if self.change is None or not spreads:
            return None
        return abs(self.change) > max(spreads)


@dataclass(frozen=True)
class QuestionChange:
    id: str
    part: str | None
    kind: str
    section: str
    before: float | None
    after: float | None
    n_before: int
    n_after: int

    @property
    def key(self) -> str:
        return self.id if self.part is None else f"{self.id}:{self.part}"

    @property
    def change(self) -> float | None:
        return None if self.before is None or self.after is None else self.after - self.before


@dataclass(frozen=True)
class PersonChange:
    """One person: ``where`` is ``both``, ``before`` (left) or ``after`` (joined)."""

    where: str
    before_id: str | None
    after_id: str | None
    name: str
    role: str
    matched_by: str | None  # "id" | "name" | None
    maturity_before: float | None
    maturity_after: float | None
    similarity_before: float | None
    similarity_after: float | None
    concepts_before: tuple[str, ...] | None
    concepts_after: tuple[str, ...] | None

    @property
    def id(self) -> str:
        return self.after_id or self.before_id or ""

    @property
    def maturity_change(self) -> float | None:
        if self.maturity_before is None or self.maturity_after is None:
            return None
        return self.maturity_after - self.maturity_before

    @property
    def similarity_change(self) -> float | None:
        if self.similarity_before is None or self.similarity_after is None:
            return None
        return self.similarity_after - self.similarity_before

    @property
    def gained(self) -> tuple[str, ...]:
        if self.concepts_before is None or self.concepts_after is None:
            return ()
        return tuple(c for c in self.concepts_after if c not in self.concepts_before)

    @property
    def lost(self) -> tuple[str, ...]:
        if self.concepts_before is None or self.concepts_after is None:
            return ()
        return tuple(c for c in self.concepts_before if c not in self.concepts_after)


@dataclass(frozen=True)
class Comparison:
    before: WorkshopAnalysis
    after: WorkshopAnalysis
    dimensions: tuple[DimensionChange, ...]
    questions: tuple[QuestionChange, ...]
    resolved: tuple[str, ...]
    persisting: tuple[str, ...]
    new: tuple[str, ...]
    people: tuple[PersonChange, ...]
    #: Question ids asked in only one of the two questionnaires (or asked as another kind).
    left_out_before: tuple[str, ...]
    left_out_after: tuple[str, ...]
    concepts_gained: tuple[str, ...]
    concepts_lost: tuple[str, ...]
    #: Response files that could not be read, with the reason ("path: reason"); left out of the figures.
    unreadable: tuple[str, ...] = ()

    @property
    def overall_before(self) -> float | None:
        return self.before.maturity.current

    @property
    def overall_after(self) -> float | None:
        return self.after.maturity.current

    @property
    def overall_change(self) -> float | None:
        b, a = self.overall_before, self.overall_after
        return None if a is None or b is None else a - b

    @property
    def alignment_change(self) -> float | None:
        b, a = self.before.overall_alignment, self.after.overall_alignment
        return None if a is None or b is None else a - b

    def dimension(self, dim_id: str) -> DimensionChange | None:
        return next((d for d in self.dimensions if d.id == dim_id), None)

    def question(self, key: str) -> QuestionChange | None:
        return next((q for q in self.questions if q.key == key), None)

    def person(self, pid: str) -> PersonChange | None:
        return next((p for p in self.people if pid in (p.before_id, p.after_id)), None)


def without_personal_figures(comparison: Comparison) -> Comparison:
    """The comparison with no figure of one person (their own maturity and closeness to the others):
    in an anonymous output a person is a group of one, below any ``min_group_size``."""
    from dataclasses import replace

    people = tuple(replace(p, maturity_before=None, maturity_after=None, similarity_before=None,
                           similarity_after=None) for p in comparison.people)
    return replace(comparison, people=people)


def shared_questions(old: Questionnaire, new: Questionnaire) -> tuple[list[str], list[str], list[str]]:
    """(shared question ids in the new order, ids only in old, ids only in new); a changed kind is not shared."""
    kinds_old = {q.id: q.kind for q in old.questions}
    kinds_new = {q.id: q.kind for q in new.questions}
    shared = [q.id for q in new.questions if kinds_old.get(q.id) == q.kind]
    only_old = [q.id for q in old.questions if q.id not in shared]
    only_new = [q.id for q in new.questions if q.id not in shared]
    return shared, only_old, only_new


def restrict(questionnaire: Questionnaire, keep: set[str]) -> Questionnaire:
    """The questionnaire with only the questions in ``keep`` (sections left empty dropped)."""
    sections = []
    for section in questionnaire.sections:
        questions = [q for q in section.questions if q.id in keep]
        if questions:
            sections.append(section.model_copy(update={"questions": questions}))
    return questionnaire.model_copy(update={"sections": sections})


def check_related(old_workshop, new_workshop, old_q: Questionnaire, new_q: Questionnaire, old_path, new_path) -> None:
    """Refuse (InputError) two workshops that cannot be compared."""
    if old_q.id != new_q.id:
        raise InputError(
            f"runs questionnaire {new_q.id!r} but {old_path} runs {old_q.id!r}: "
            "only workshops on the same questionnaire can be compared",
            file=new_path, field="questionnaire.id",
        )
    if old_workshop.organisation.strip().casefold() != new_workshop.organisation.strip().casefold():
        raise InputError(
            f"is for organisation {new_workshop.organisation!r} but {old_path} is for "
            f"{old_workshop.organisation!r}: compare two workshops of one organisation",
            file=new_path, field="organisation",
        )


def _personal_maturity(analysis: WorkshopAnalysis, pid: str) -> float | None:
    values = [d.by_respondent.get(pid, (None, None))[0] for d in analysis.dimensions]
    values = [v for v in values if v is not None]
    return sum(values) / len(values) if values else None


def _mean_similarity(analysis: WorkshopAnalysis, pid: str) -> float | None:
    pw = analysis.pairwise
    if pw.level != "person" or pid not in pw.ids:
        return None
    row = pw.matrix[pw.ids.index(pid)]
    values = [v for j, v in enumerate(row) if pw.ids[j] != pid and v is not None]
    return sum(values) / len(values) if values else None


def _concepts(analysis: WorkshopAnalysis, pid: str) -> tuple[str, ...] | None:
    reading = analysis.definition(pid)
    if reading is None or reading.dont_know:
        return None
    return reading.concepts


def _match_people(before: WorkshopAnalysis, after: WorkshopAnalysis) -> list[tuple[str | None, str | None, str | None]]:
    """(before id, after id, matched by) in the after workshop's order, then those who left."""
    old = {p.id: p for p in before.workshop.participants}
    new = {p.id: p for p in after.workshop.participants}
    pairs: list[tuple[str | None, str | None, str | None]] = []
    used_old: set[str] = set()
    pending = []
    for pid in new:
        if pid in old:
            pairs.append((pid, pid, "id"))
            used_old.add(pid)
        else:
            pending.append(pid)
    by_name: dict[str, list[str]] = {}
    for pid, p in old.items():
        if pid not in used_old:
            by_name.setdefault(p.name.strip().casefold(), []).append(pid)
    for pid in pending:
        candidates = by_name.get(new[pid].name.strip().casefold(), [])
        if candidates:
            match = candidates.pop(0)
            used_old.add(match)
            pairs.append((match, pid, "name"))
        else:
            pairs.append((None, pid, None))
    order = {pid: i for i, pid in enumerate(new)}
    pairs.sort(key=lambda t: order[t[1]])
    pairs.extend((pid, None, None) for pid in old if pid not in used_old)
    return pairs


def compare_analyses(before: WorkshopAnalysis, after: WorkshopAnalysis) -> Comparison:
    """The comparison of two analyses already restricted to the same questions."""
    dims = []
    for db in before.dimensions:
        da = after.dimension(db.id)
        if da is None:
            continue

        def spread(d):
            return None if d.min is None or d.max is None else d.max - d.min

        dims.append(DimensionChange(
            id=db.id, before=db.current, after=da.current, target_before=db.target, target_after=da.target,
            spread_before=spread(db), spread_after=spread(da), level_before=db.level, level_after=da.level,
        ))
    old_rows = {q.key: q for q in before.questions}
    questions = []
    for qa in after.questions:
        qb = old_rows.get(qa.key)
        if qb is None:
            continue
        questions.append(QuestionChange(
            id=qa.id, part=qa.part, kind=qa.kind, section=qa.section, before=qb.index, after=qa.index,
            n_before=qb.n, n_after=qa.n,
        ))
    shared_keys = {q.key for q in questions}
    hot_before = [h.key for h in before.hotspots if h.key in shared_keys]
    hot_after = [h.key for h in after.hotspots if h.key in shared_keys]
    resolved = tuple(k for k in hot_before if k not in hot_after)
    persisting = tuple(k for k in hot_after if k in hot_before)
    new = tuple(k for k in hot_after if k not in hot_before)

    people = []
    for old_id, new_id, how in _match_people(before, after):
        p_old = before.workshop.participant(old_id) if old_id else None
        p_new = after.workshop.participant(new_id) if new_id else None
        shown = p_new or p_old
        people.append(PersonChange(
            where="both" if old_id and new_id else ("before" if old_id else "after"),
            before_id=old_id, after_id=new_id, name=shown.name, role=shown.role, matched_by=how,
            maturity_before=_personal_maturity(before, old_id) if old_id else None,
            maturity_after=_personal_maturity(after, new_id) if new_id else None,
            similarity_before=_mean_similarity(before, old_id) if old_id else None,
            similarity_after=_mean_similarity(after, new_id) if new_id else None,
            concepts_before=_concepts(before, old_id) if old_id else None,
            concepts_after=_concepts(after, new_id) if new_id else None,
        ))

    order = [c.id for c in after.questionnaire.concepts]
    used_before = {c for d in before.definitions for c in d.concepts}
    used_after = {c for d in after.definitions for c in d.concepts}
    rank = {c: i for i, c in enumerate(order)}

    def ordered(concepts):
        return tuple(sorted(concepts, key=lambda c: (rank.get(c, len(rank)), c)))

    return Comparison(
        before=before, after=after, dimensions=tuple(dims), questions=tuple(questions),
        resolved=resolved, persisting=persisting, new=new, people=tuple(people),
        left_out_before=(), left_out_after=(),
        concepts_gained=ordered(used_after - used_before), concepts_lost=ordered(used_before - used_after),
    )


def compare_workshops(old_folder, new_folder) -> Comparison:
    """Load, check and compare two workshop folders (:class:`~cxalign.store.WorkshopFolder`)."""
    old_workshop, new_workshop = old_folder.load(), new_folder.load()
    old_q, new_q = old_folder.questionnaire, new_folder.questionnaire
    check_related(old_workshop, new_workshop, old_q, new_q, old_folder.path, new_folder.path)
    shared, only_old, only_new = shared_questions(old_q, new_q)
    if not shared:
        raise InputError(f"shares no question with {old_folder.path}", file=new_folder.path)
    keep = set(shared)
    old_responses, old_bad = old_folder.readable_responses(old_workshop)
    new_responses, new_bad = new_folder.readable_responses(new_workshop)
    before = analyze(old_workshop, restrict(old_q, keep), old_responses)
    after = analyze(new_workshop, restrict(new_q, keep), new_responses)
    result = compare_analyses(before, after)
    from dataclasses import replace

    return replace(result, left_out_before=tuple(only_old), left_out_after=tuple(only_new),
                   unreadable=tuple(f"{bad.path}: {bad.reason}" for bad in (*old_bad, *new_bad)))
