"""Definitions side by side, their concepts and the reference definitions."""

from __future__ import annotations

from collections import Counter
from typing import Any

from cxalign.analysis.thresholds import HEATMAP_PERSON_MAX
from cxalign.references import source_line
from cxalign.report.constants import SEED_FILE
from cxalign.report.context import ReportContext
from cxalign.report.sections import questions


def concept_label(ctx: ReportContext, concept_id: str) -> str:
    concept = next((c for c in ctx.questionnaire.concepts if c.id == concept_id), None)
    return ctx.text(concept.label) if concept else concept_id


def reference(ctx: ReportContext, ref_id: str | None):
    return next((r for r in ctx.questionnaire.references if r.id == ref_id), None)


def narrow_label(ctx: ReportContext, view_id: str) -> str:
    view = next((v for v in ctx.questionnaire.narrow_views if v.id == view_id), None)
    return ctx.text(view.label) if view else view_id


def _source(ctx: ReportContext, ref) -> str:
    """"Source: who, title, publication, year"; a bare seed file name is not printed."""
    if ref.citation is None and SEED_FILE.match(ref.source):
        return ""
    return ctx.pair(ctx.tr("definitions.source"), source_line(ref, ctx.lang) if ref.citation is not None else ref.source)


def definitions(ctx: ReportContext) -> dict[str, Any]:
    question = ctx.questionnaire.definition_question
    readings = ctx.analysis.definitions
    rows = []
    concept_counts = []
    if not ctx.anonymous and len(readings) <= HEATMAP_PERSON_MAX:
        for reading in readings:
            ref = reference(ctx, reading.closest_reference)
            closest = None
            if ref is not None:
                closest = ctx.text(ref.author)
                if reading.similarity is not None:
                    closest += " — " + ctx.tr("definitions.similarity", value=ctx.num(reading.similarity))
            rows.append({
                "who": f"{ctx.namer(reading.respondent)} · {ctx.role(reading.respondent)}"
                if ctx.namer(reading.respondent) != ctx.role(reading.respondent) else ctx.namer(reading.respondent),
                "text": reading.text,
                "empty": ctx.tr("definitions.dont_know") if reading.dont_know else ctx.tr("definitions.no_answer"),
                "concepts": [concept_label(ctx, c) for c in reading.concepts],
                "closest": closest,
                "missing": [concept_label(ctx, c) for c in reading.missing],
                "narrow": [narrow_label(ctx, v) for v in reading.narrow],
            })
    used = Counter(c for r in readings for c in r.concepts)
    if used:
        most = max(used.values())
        for concept in ctx.questionnaire.concepts:
            if used[concept.id]:
                concept_counts.append({
                    "label": ctx.text(concept.label), "count": used[concept.id],
                    "width": round(100 * used[concept.id] / most),
                })
        concept_counts.sort(key=lambda c: -c["count"])
    agreement = None
    if question is not None:
        row = ctx.analysis.agreement(question.id)
        if row is not None and row.index is not None:
            agreement = ctx.tr("definitions.agreement", index=ctx.num(row.index), label=ctx.label(row.index))
    others = []
    section = ctx.questionnaire.section("definition")
    if section is not None:
        others = [questions.question_block(ctx, q) for q in section.questions if q is not question]
    return {
        "rows": rows,
        "many": not ctx.anonymous and len(readings) > HEATMAP_PERSON_MAX,
        "concept_counts": concept_counts,
        "agreement": agreement,
        "references": [
            {"author": ctx.text(r.author), "source": _source(ctx, r), "text": ctx.text(r.text),
             "concepts": [concept_label(ctx, c) for c in r.concepts]}
            for r in ctx.questionnaire.references
        ],
        "questions": others,
        "questions_note": ctx.tr("question.hidden_positions", k=ctx.min_group_size) if ctx.anonymous else "",
    }
