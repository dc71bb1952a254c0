"""Maturity per item, per dimension and overall.

* Item: mean of the ratings given today (``current``, or ``value`` for a plain
  likert item with a dimension) and for the target; gap = target − current;
  min and max of the ratings today.
* Dimension: each respondent's mean over the dimension's items they rated,
  then the mean over respondents — every executive weighs the same, whatever
  they skipped. ``min``/``max`` are the lowest and highest of those personal
  means (the spread of views), ``target_min``/``target_max`` likewise.
* Overall: the mean over dimensions (each dimension weighs the same); the
  spread is over respondents' means of their dimension means.
* Named level: the questionnaire level of the mean today rounded half up,
  clamped to 1..5.
* The consensus a workshop recorded for a dimension is carried alongside.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from cxalign.analysis.result import DimensionMaturity, ItemMaturity, OverallMaturity
from cxalign.analysis.stats import mean
from cxalign.kinds import kind_of
from cxalign.models.questionnaire import LikertQuestion, Questionnaire
from cxalign.models.response import Response
from cxalign.models.workshop import Workshop


def named_level(value: float | None) -> int | None:
    """1..5: the rounded (half up) value, clamped."""
    if value is None:
        return None
    return max(1, min(5, int(math.floor(value + 0.5))))


def _gap(current: float | None, target: float | None) -> float | None:
    return None if current is None or target is None else target - current


def _ratings(item: LikertQuestion, response: Response) -> tuple[int | None, int | None, bool]:
    answer = response.answers.get(item.id)
    if answer is None:
        return None, None, False
    if answer.dont_know:
        return None, None, True
    kind = kind_of(item)  # (value,) or (today, target)
    ratings = [kind.encode(item, answer, part) for part in kind.parts(item)]
    return ratings[0], (ratings[1:] or [None])[0], False


def item_maturity(item: LikertQuestion, responses: Sequence[Response]) -> ItemMaturity:
    return _item_maturity(item, [_ratings(item, response) for response in responses])


def _item_maturity(item: LikertQuestion, ratings: Sequence[tuple[int | None, int | None, bool]]) -> ItemMaturity:
    currents, targets, dont_know = [], [], 0
    for cur, tgt, dk in ratings:
        dont_know += dk
        if cur is not None:
            currents.append(cur)
        if tgt is not None:
            targets.append(tgt)
    current, target = mean(currents), mean(targets)
    return ItemMaturity(
        id=item.id, current=current, target=target, gap=_gap(current, target),
        min=min(currents) if currents else None, max=max(currents) if currents else None,
        n=len(currents) if currents else len(targets), dont_know=dont_know,
    )


def dimension_maturity(
    workshop: Workshop, questionnaire: Questionnaire, responses: Mapping[str, Response], order: Sequence[str]
) -> tuple[tuple[DimensionMaturity, ...], OverallMaturity]:
    dims: list[DimensionMaturity] = []
    per_person_current: dict[str, list[float]] = {}
    per_person_target: dict[str, list[float]] = {}
    for dim in questionnaire.dimensions:
        items = questionnaire.maturity_items(dim.id)
        if not items:
            continue
        ordered = [responses[pid] for pid in order]
        rated = [[_ratings(item, response) for response in ordered] for item in items]  # once per item and person
        item_rows = tuple(_item_maturity(item, ratings) for item, ratings in zip(items, rated))
        by_respondent: dict[str, tuple[float | None, float | None]] = {}
        for k, pid in enumerate(order):
            cur_vals, tgt_vals = [], []
            for ratings in rated:
                cur, tgt, _ = ratings[k]
                if cur is not None:
                    cur_vals.append(cur)
                if tgt is not None:
                    tgt_vals.append(tgt)
            if cur_vals or tgt_vals:
                pc, pt = mean(cur_vals), mean(tgt_vals)
                by_respondent[pid] = (pc, pt)
                if pc is not None:
                    per_person_current.setdefault(pid, []).append(pc)
                if pt is not None:
                    per_person_target.setdefault(pid, []).append(pt)
        currents = [c for c, _ in by_respondent.values() if c is not None]
        targets = [t for _, t in by_respondent.values() if t is not None]
        current, target = mean(currents), mean(targets)
        dims.append(DimensionMaturity(
            id=dim.id, current=current, target=target, gap=_gap(current, target),
            min=min(currents) if currents else None, max=max(currents) if currents else None,
            target_min=min(targets) if targets else None, target_max=max(targets) if targets else None,
            level=named_level(current), n=sum(1 for c, _ in by_respondent.values() if c is not None),
            consensus=workshop.consensus_for("dimension", dim.id), items=item_rows,
            by_respondent=by_respondent, target_level=named_level(target),
        ))
    current = mean([d.current for d in dims if d.current is not None])
    target = mean([d.target for d in dims if d.target is not None])
    people = [sum(v) / len(v) for v in per_person_current.values()]
    overall = OverallMaturity(
        current=current, target=target, gap=_gap(current, target),
        min=min(people) if people else None, max=max(people) if people else None,
        level=named_level(current), target_level=named_level(target),
    )
    return tuple(dims), overall
