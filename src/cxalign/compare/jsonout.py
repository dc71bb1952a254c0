"""Comparisons as plain JSON types: ``groups``/``group_gaps`` of ``analyze --json`` and ``compare --json``.

Floats are rounded to 4 decimals, a missing figure is ``null``. Anonymous
output names nobody: participant ids (slugs of names) become ``r1``..``rN`` in
the workshop's participant order (the rule of ``analyze --json``), and a
hidden group (fewer respondents than ``min_group_size``) keeps only its id,
its count and ``"hidden": true``.
"""

from __future__ import annotations

from cxalign.analysis.result import WorkshopAnalysis, status_of
from cxalign.compare.groups import GroupComparison, compare_analysis_groups
from cxalign.compare.over_time import Comparison, without_personal_figures

DIGITS = 4


def _r(value: float | None) -> float | None:
    return None if value is None else round(float(value), DIGITS)


def _aliases(workshop, anonymous: bool) -> dict[str, str]:
    if anonymous:
        return {p.id: f"r{i}" for i, p in enumerate(workshop.participants, 1)}
    return {p.id: p.id for p in workshop.participants}


def _maturity(analysis: WorkshopAnalysis) -> dict:
    m = analysis.maturity
    return {
        "overall": {"current": _r(m.current), "target": _r(m.target), "gap": _r(m.gap),
                    "min": _r(m.min), "max": _r(m.max), "level": m.level},
        "dimensions": [
            {"id": d.id, "current": _r(d.current), "target": _r(d.target), "gap": _r(d.gap),
             "min": _r(d.min), "max": _r(d.max), "level": d.level, "n": d.n,
             "items": [{"id": i.id, "current": _r(i.current), "target": _r(i.target), "gap": _r(i.gap),
                        "min": _r(i.min), "max": _r(i.max), "n": i.n} for i in d.items]}
            for d in analysis.dimensions
        ],
    }


def _questions(analysis: WorkshopAnalysis) -> list[dict]:
    return [
        {"key": q.key, "id": q.id, "part": q.part, "kind": q.kind, "method": q.method, "index": _r(q.index),
         "n": q.n, "dont_know": q.dont_know, "status": q.status}
        for q in analysis.questions
    ]


def groups_to_json(comparison: GroupComparison, alias: dict[str, str]) -> dict:
    groups = []
    for g in comparison.groups:
        entry: dict = {"id": g.id, "n": g.n, "members": len(g.members), "hidden": g.hidden}
        if g.analysis is not None:
            entry["respondents"] = [alias.get(p, p) for p in g.respondents]
            entry["alignment"] = _r(g.analysis.overall_alignment)
            entry["maturity"] = _maturity(g.analysis)
            entry["questions"] = _questions(g.analysis)
            entry["hotspots"] = [h.key for h in g.analysis.hotspots]
        groups.append(entry)
    gaps = []
    for gap in comparison.gaps:
        gaps.append({
            "groups": [gap.a, gap.b],
            "dimensions": [
                {"id": d.id, "a": _r(d.a_current), "b": _r(d.b_current), "gap": _r(d.gap),
                 "a_target": _r(d.a_target), "b_target": _r(d.b_target), "target_gap": _r(d.target_gap),
                 "items": [{"id": i.id, "a": _r(i.a_current), "b": _r(i.b_current), "gap": _r(i.gap),
                            "target_gap": _r(i.target_gap)} for i in d.items]}
                for d in gap.dimensions
            ],
            "questions": [
                {"key": q.key, "id": q.id, "part": q.part, "kind": q.kind, "measure": q.measure,
                 "difference": _r(q.value), "differs": q.differs, "n": [q.n_a, q.n_b]}
                for q in gap.questions
            ],
            "differing": [q.key for q in gap.differing],
            "definitions": {
                "distance": _r(gap.definitions.distance),
                "within": [_r(gap.definitions.within_a), _r(gap.definitions.within_b)],
                "only": [list(gap.definitions.only_a), list(gap.definitions.only_b)],
            },
        })
    return {"groups": groups, "group_gaps": gaps}


def analysis_groups_json(analysis: WorkshopAnalysis, anonymous: bool) -> dict:
    """``{"groups": …, "group_gaps": …}`` for ``analyze --json``; ``{}`` with fewer than two groups."""
    comparison = compare_analysis_groups(analysis, anonymous=anonymous)
    if comparison is None:
        return {}
    return groups_to_json(comparison, _aliases(analysis.workshop, anonymous))


def _workshop(analysis: WorkshopAnalysis, folder: str | None) -> dict:
    w = analysis.workshop
    out = {
        "name": w.name, "organisation": w.organisation, "date": w.date.isoformat(), "language": w.language,
        "anonymous": w.anonymous,
        "questionnaire": {"id": w.questionnaire.id, "version": w.questionnaire.version},
        "participants": len(w.participants), "respondents": len(analysis.respondents),
        "maturity": _r(analysis.maturity.current), "alignment": _r(analysis.overall_alignment),
        "hotspots": [h.key for h in analysis.hotspots],
    }
    if folder is not None:
        out["folder"] = folder
    return out


def comparison_to_json(comparison: Comparison, *, anonymous: bool | None = None,
                       folders: tuple[str, str] | None = None) -> dict:
    """``compare --json``: anonymous when asked or when either workshop is anonymous."""
    if anonymous is None:
        anonymous = comparison.before.workshop.anonymous or comparison.after.workshop.anonymous
    if anonymous:
        comparison = without_personal_figures(comparison)
    people = []
    for i, p in enumerate(comparison.people, 1):
        entry = {
            "id": f"p{i}" if anonymous else p.id, "in": p.where, "role": p.role,
            "matched_by": p.matched_by,
            "maturity_before": _r(p.maturity_before), "maturity_after": _r(p.maturity_after),
            "maturity_change": _r(p.maturity_change),
            "similarity_before": _r(p.similarity_before), "similarity_after": _r(p.similarity_after),
            "similarity_change": _r(p.similarity_change),
            "concepts_before": None if p.concepts_before is None else list(p.concepts_before),
            "concepts_after": None if p.concepts_after is None else list(p.concepts_after),
            "concepts_gained": list(p.gained), "concepts_lost": list(p.lost),
        }
        if not anonymous:
            entry.update(name=p.name, before_id=p.before_id, after_id=p.after_id)
        people.append(entry)
    return {
        "before": _workshop(comparison.before, folders[0] if folders else None),
        "after": _workshop(comparison.after, folders[1] if folders else None),
        "anonymous": anonymous,
        "overall": {
            "maturity": {"before": _r(comparison.overall_before), "after": _r(comparison.overall_after),
                         "change": _r(comparison.overall_change)},
            "alignment": {"before": _r(comparison.before.overall_alignment),
                          "after": _r(comparison.after.overall_alignment),
                          "change": _r(comparison.alignment_change)},
        },
        "dimensions": [
            {"id": d.id, "before": _r(d.before), "after": _r(d.after), "change": _r(d.change),
             "target_before": _r(d.target_before), "target_after": _r(d.target_after),
             "spread_before": _r(d.spread_before), "spread_after": _r(d.spread_after),
             "exceeds_spread": d.exceeds_spread, "level_before": d.level_before, "level_after": d.level_after}
            for d in comparison.dimensions
        ],
        "questions": [
            {"key": q.key, "id": q.id, "part": q.part, "kind": q.kind, "before": _r(q.before), "after": _r(q.after),
             "change": _r(q.change), "status_before": status_of(q.before), "status_after": status_of(q.after)}
            for q in comparison.questions
        ],
        "hotspots": {"resolved": list(comparison.resolved), "persisting": list(comparison.persisting),
                     "new": list(comparison.new)},
        "people": people,
        "definitions": {"gained": list(comparison.concepts_gained), "lost": list(comparison.concepts_lost)},
        "left_out": {"before_only": list(comparison.left_out_before), "after_only": list(comparison.left_out_after)},
    }
