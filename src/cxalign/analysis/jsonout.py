"""The analysis as plain JSON types (DESIGN §5), for ``cxalign analyze --json``.

Floats are rounded to 4 decimals; a missing figure is ``null``. In an anonymous
workshop no name appears: participant ids (slugs of names) become stable
pseudonyms ``r1``..``rN`` in the order of the workshop's participant list, each
listed with its role, and sentences name roles.
"""

from __future__ import annotations

from cxalign.analysis.result import Hotspot, WorkshopAnalysis

DIGITS = 4


def _r(value: float | None) -> float | None:
    return None if value is None else round(float(value), DIGITS)


def analysis_to_json(analysis: WorkshopAnalysis, anonymous: bool) -> dict:
    from cxalign.analysis import wording

    workshop = analysis.workshop
    if anonymous:
        alias = {p.id: f"r{i}" for i, p in enumerate(workshop.participants, 1)}
    else:
        alias = {p.id: p.id for p in workshop.participants}

    def ids(pids) -> list[str]:
        return [alias.get(p, p) for p in pids]

    namers = {lang: wording.default_namer(analysis, anonymous, lang) for lang in ("fr", "en")}

    def sentence(hotspot: Hotspot) -> dict:
        return {lang: wording.hotspot_sentence(analysis, hotspot, lang, namers[lang]) for lang in ("fr", "en")}

    participants = []
    for p in workshop.participants:
        response = analysis.responses.get(p.id)
        entry = {
            "id": alias[p.id],
            "role": p.role,
            "status": response.status if response else "not_started",
            "answered": sum(1 for a in response.answers.values() if a.is_answered) if response else 0,
            "respondent": p.id in analysis.respondents,
        }
        if not anonymous:
            entry["name"] = p.name
        participants.append(entry)

    pw = analysis.pairwise
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
            "outliers": ids(q.outliers), "index_without_outliers": _r(q.index_without_outliers),
        }
        for q in analysis.questions
    ]
    hotspots = [
        {
            "question": h.question, "part": h.part, "key": h.key, "section": h.section, "kind": h.kind,
            "index": _r(h.index), "outliers": ids(h.outliers),
            "index_without_outliers": _r(h.index_without_outliers), "sentence": sentence(h),
        }
        for h in analysis.hotspots
    ]

    def consensus(c) -> dict | None:
        if c is None:
            return None
        return {"current": _r(c.current), "target": _r(c.target), "comment": c.comment,
                "recorded_at": c.recorded_at.isoformat()}

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
            "by_respondent": {alias.get(p, p): [_r(c), _r(tg)] for p, (c, tg) in d.by_respondent.items()},
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
        },
        "respondents": ids(analysis.respondents),
        "alignment": {
            "overall": _r(analysis.overall_alignment),
            "questions": questions,
            "pairwise": pairwise,
            "hotspots": hotspots,
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
