"""The analysis as plain JSON types (DESIGN §5), for ``cxalign analyze --json``.

Floats are rounded to 4 decimals; a missing figure is ``null``. The contract is
documented as a JSON Schema in ``docs/analysis.schema.json`` (checked by
``tests/unit/test_analysis_schema.py``).

An anonymous workshop follows the anonymous report's rules: no name appears;
participant ids (slugs of names) become pseudonyms ``r1``..``rN`` that are *not*
linked to a role (roles are given as counts in ``workshop.roles``); no position
is attributed to anyone (``outliers`` empty, sentences say how many people, not
who; ``alignment.people`` empty; camps give their size only; maturity
``by_respondent`` empty); the pairwise matrix is by role, for roles of at least
``min_group_size`` respondents only.
"""

from __future__ import annotations

from collections import Counter

from cxalign.analysis.pairwise import aggregate_roles
from cxalign.analysis.result import Hotspot, WorkshopAnalysis
from cxalign.present import wording

DIGITS = 4


def _r(value: float | None) -> float | None:
    return None if value is None else round(float(value), DIGITS)


def analysis_to_json(analysis: WorkshopAnalysis, anonymous: bool | None = None) -> dict:
    """The DESIGN §5 contract as plain JSON types (``anonymous`` defaults to the workshop's setting)."""
    if anonymous is None:
        anonymous = analysis.workshop.anonymous
    workshop = analysis.workshop
    if anonymous:
        alias = {p.id: f"r{i}" for i, p in enumerate(workshop.participants, 1)}
    else:
        alias = {p.id: p.id for p in workshop.participants}

    def ids(pids) -> list[str]:
        return [alias.get(p, p) for p in pids]

    def consensus(c) -> dict | None:
        if c is None:
            return None
        return {"current": _r(c.current), "target": _r(c.target), "comment": c.comment,
                "recorded_at": c.recorded_at.isoformat()}

    namers = {lang: wording.default_namer(analysis, anonymous, lang) for lang in ("fr", "en")}

    n = len(analysis.respondents)

    def sentence(hotspot: Hotspot) -> dict:
        if anonymous:
            return {lang: wording.anonymous_hotspot_sentence(hotspot, n, lang) for lang in ("fr", "en")}
        return {lang: wording.hotspot_sentence(analysis, hotspot, lang, namers[lang]) for lang in ("fr", "en")}

    def named(pids) -> list[str]:
        """People attributed a position: nobody in an anonymous workshop."""
        return [] if anonymous else ids(pids)

    respondents = set(analysis.respondents)
    participants = []
    for p in workshop.participants:
        response = analysis.responses.get(p.id)
        entry = {
            "id": alias[p.id],
            "status": response.status if response else "not_started",
            "answered": sum(1 for a in response.answers.values() if a.is_answered) if response else 0,
            "respondent": p.id in respondents,
        }
        if not anonymous:
            entry["role"] = p.role
            entry["name"] = p.name
        participants.append(entry)
    role_counts = Counter(p.role for p in workshop.participants)
    respondent_roles = Counter(p.role for p in workshop.participants if p.id in respondents)
    roles = [{"role": r, "participants": c, "respondents": respondent_roles[r]} for r, c in role_counts.items()]

    pw = analysis.pairwise
    if anonymous:
        pw = aggregate_roles(pw, {p.id: p.role for p in workshop.participants}, workshop.min_group_size)
    pairwise = {
        "ids": ids(pw.ids) if pw.level == "person" else list(pw.ids),
        "matrix": [[_r(v) for v in row] for row in pw.matrix],
        "level": pw.level,
    }
    if pw.level == "role":
        pairwise["sizes"] = list(pw.sizes)

    questions = [
        {
            "id": q.id, "kind": q.kind, "method": q.method, "index": _r(q.index), "n": q.n,
            "dont_know": q.dont_know, "part": q.part, "key": q.key, "section": q.section,
            "ad_m": _r(q.ad_m), "ad_m_aligned": q.ad_m_aligned, "status": q.status,
            "outliers": named(q.outliers), "index_without_outliers": _r(q.index_without_outliers),
            "pattern": q.pattern, "consensus": consensus(q.consensus),
        }
        for q in analysis.questions
    ]
    hotspots = [
        {
            "question": h.question, "part": h.part, "key": h.key, "section": h.section, "kind": h.kind,
            "index": _r(h.index), "outliers": named(h.outliers),
            "index_without_outliers": _r(h.index_without_outliers), "sentence": sentence(h),
            "pattern": h.pattern, "rank": h.rank, "size": len(h.outliers),
            "consensus": consensus(workshop.consensus_for("question", h.question)),
        }
        for h in analysis.hotspots
    ]
    people = [] if anonymous else [
        {
            "id": alias.get(p.id, p.id), "mean_similarity": _r(p.mean_similarity),
            "stands_apart_on": list(p.stands_apart_on),
            "definition": {"closest_reference": p.closest_reference, "narrow": list(p.narrow)},
            "sentence": {lang: wording.person_sentence(analysis, p, lang, namers[lang]) for lang in ("fr", "en")},
        }
        for p in analysis.people
    ]
    camps = [
        {
            "members": named(c.members), "size": len(c.members), "inside": _r(c.inside), "across": _r(c.across),
            "separating": list(c.separating),
            "sentence": None if anonymous else
            {lang: wording.camp_sentence(analysis, c, lang, namers[lang]) for lang in ("fr", "en")},
        }
        for c in analysis.camps
    ]
    v = analysis.verdict
    verdict = {
        "label": v.label if v else None, "status": v.status if v else None,
        "apart": named(v.apart) if v else [], "apart_count": len(v.apart) if v else 0,
        "definition_hotspot": v.definition_hotspot if v else False, "camps": v.camps if v else 0,
        "sentence": {lang: wording.verdict_sentence(analysis, lang, namers[lang], anonymous) for lang in ("fr", "en")},
    }

    dims = [
        {
            "id": d.id, "current": _r(d.current), "target": _r(d.target), "gap": _r(d.gap),
            "min": _r(d.min), "max": _r(d.max), "target_min": _r(d.target_min), "target_max": _r(d.target_max),
            "level": d.level, "target_level": d.target_level, "n": d.n, "consensus": consensus(d.consensus),
            "items": [
                {"id": i.id, "current": _r(i.current), "target": _r(i.target), "gap": _r(i.gap),
                 "min": _r(i.min), "max": _r(i.max), "n": i.n, "dont_know": i.dont_know}
                for i in d.items
            ],
            "by_respondent": {} if anonymous else
            {alias.get(p, p): [_r(c), _r(tg)] for p, (c, tg) in d.by_respondent.items()},
        }
        for d in analysis.dimensions
    ]
    m = analysis.maturity
    definitions = [
        {
            "respondent": alias.get(d.respondent, d.respondent), "text": d.text, "concepts": list(d.concepts),
            "closest_reference": d.closest_reference, "similarity": _r(d.similarity),
            "missing": list(d.missing), "narrow": list(d.narrow), "dont_know": d.dont_know,
        }
        for d in analysis.definitions
    ]
    result = {
        "workshop": {
            "name": workshop.name,
            "organisation": workshop.organisation,
            "date": workshop.date.isoformat(),
            "language": workshop.language,
            "anonymous": anonymous,
            "questionnaire": {"id": workshop.questionnaire.id, "version": workshop.questionnaire.version},
            "participants": participants,
            "roles": roles,
            "min_group_size": workshop.min_group_size,
        },
        "unreadable": [
            {"path": u.path, "participant": None if anonymous else u.participant, "reason": u.reason}
            for u in analysis.unreadable
        ],
        "respondents": ids(analysis.respondents),
        "alignment": {
            "overall": _r(analysis.overall_alignment),
            "questions": questions,
            "pairwise": pairwise,
            "hotspots": hotspots,
            "people": people,
            "camps": camps,
            "verdict": verdict,
        },
        "maturity": {
            "overall": {"current": _r(m.current), "target": _r(m.target), "gap": _r(m.gap),
                        "min": _r(m.min), "max": _r(m.max), "level": m.level, "target_level": m.target_level},
            "dimensions": dims,
        },
        "definitions": definitions,
    }
    from cxalign.compare.jsonout import analysis_groups_json  # "groups" and "group_gaps" (issue 12)

    return result | analysis_groups_json(analysis, anonymous)
