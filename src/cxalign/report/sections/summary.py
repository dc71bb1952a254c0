"""The executive summary and the participants table."""

from __future__ import annotations

from collections import Counter
from typing import Any

from cxalign.analysis import thresholds
from cxalign.analysis.result import QuestionAgreement
from cxalign.analysis.thresholds import PERSON_LIST_MAX
from cxalign.i18n import tr
from cxalign.present import wording
from cxalign.report.context import ReportContext
from cxalign.report.sections import questions

#: The colour of the overall figure for each verdict: "aligned" is green only when it is true.
_VERDICT_STATUS = {"aligned": "aligned", "aligned_except": "mixed", "camps": "mixed", "mixed": "mixed",
                   "hotspot": "hotspot"}


def verdict(ctx: ReportContext) -> dict[str, Any]:
    """The truthful overall verdict (issue 11 item 4): the summary's first sentence and its label."""
    a = ctx.analysis
    label = a.verdict.label if a.verdict is not None else thresholds.status_of(a.overall_alignment)
    return {
        "sentence": wording.verdict_sentence(a, ctx.lang, ctx.namer, anonymous=ctx.anonymous),
        "label": wording.verdict_label(a, ctx.lang),
        "status": _VERDICT_STATUS.get(label or "", None),
    }


def summary(ctx: ReportContext) -> dict[str, Any]:
    a, m = ctx.analysis, ctx.analysis.maturity
    overall = verdict(ctx)
    sentences: list[str] = []
    if m.current is not None and m.level:
        level = ctx.questionnaire.level(m.level)
        sentences.append(ctx.tr(
            "summary.level", current=ctx.num(m.current, 1), level=m.level,
            name=ctx.text(level.name), description=ctx.text(level.description),
        ))
        if m.target is not None and m.gap is not None:
            sentences.append(ctx.tr(
                "summary.target", target=ctx.num(m.target, 1),
                name=ctx.level_name(m.target_level), gap=ctx.num(m.gap, 1),
            ))
    else:
        sentences.append(ctx.tr("summary.level_unknown"))
    if a.overall_alignment is None:
        sentences.append(ctx.tr("summary.alignment_unknown"))

    figures = [
        {"label": ctx.tr("summary.maturity_figure"), "value": ctx.num(m.current, 1),
         "sub": f"{ctx.tr('summary.out_of_5')} · {ctx.level_name(m.level)}" if m.level else ctx.tr("summary.out_of_5"),
         "status": None},
        {"label": ctx.tr("summary.target_figure"), "value": ctx.num(m.target, 1),
         "sub": f"{ctx.tr('summary.out_of_5')} · {ctx.level_name(m.target_level)}" if m.target_level else ctx.tr("summary.out_of_5"),
         "status": None},
        {"label": ctx.tr("summary.alignment_figure"), "value": ctx.num(a.overall_alignment),
         "sub": overall["label"], "status": overall["status"]},
        {"label": ctx.tr("summary.hotspots_figure"), "value": str(len(a.hotspots)),
         "sub": None, "status": "hotspot" if a.hotspots else "aligned"},
    ]
    return {
        "verdict": overall,
        "intro": ctx.tr(
            "summary.intro", n=len(a.respondents), organisation=ctx.workshop.organisation,
            dimensions=len(ctx.questionnaire.dimensions),
        ),
        "figures": figures,
        "sentences": sentences,
        "misalignments": top_misalignments(ctx),
        "gaps": top_gaps(ctx),
    }


def top_misalignments(ctx: ReportContext, count: int = 3) -> list[dict[str, Any]]:
    """The first hot spots in discussion order (lone dissents included, whatever their index),
    then the lowest agreements below "aligned", described in a sentence each."""
    a = ctx.analysis
    rows = [r for h in a.hotspots if (r := a.agreement(h.question, h.part)) is not None]
    rows += sorted((r for r in a.questions if r.index is not None and not r.hotspot
                    and thresholds.below(r.index, thresholds.ALIGNED)), key=lambda r: r.index)
    found = []
    for row in rows[:count]:
        question = ctx.questionnaire.question(row.id)
        title = ctx.titled(question, row.part)
        found.append({
            "title": title,
            "status": "hotspot" if row.hotspot else row.status,
            "index": ctx.num(row.index) if row.hotspot else f"{ctx.num(row.index)} · {ctx.label(row.index)}",
            "pattern": wording.pattern_label(row.pattern, ctx.lang),
            "pattern_code": row.pattern or "",
            "sentence": questions.hotspot_text(ctx, row) or _agreement_sentence(ctx, row),
            "without": questions.without_text(ctx, questions.hotspot_of(ctx, row)),
        })
    return found


def _agreement_sentence(ctx: ReportContext, row: QuestionAgreement) -> str:
    lines = questions.positions(ctx, row.id, row.part)
    if lines and not ctx.anonymous:
        return ctx.joined(ctx.pair(who, words) for who, words in lines[:4])
    return ctx.tr("question.hotspot_anonymous_plain", index=ctx.num(row.index))


def top_gaps(ctx: ReportContext, count: int = 3) -> list[dict[str, Any]]:
    dims = sorted((d for d in ctx.analysis.dimensions if d.gap is not None), key=lambda d: -d.gap)[:count]
    return [
        {
            "title": ctx.text(ctx.questionnaire.dimension(d.id).name),
            "sentence": wording.dimension_sentence(ctx.analysis, d, ctx.lang),
        }
        for d in dims
    ]


def participants(ctx: ReportContext) -> dict[str, Any]:
    """Who took part: one row per person (named, up to ``PERSON_LIST_MAX``), else counts by role.

    An anonymous report counts respondents by role only for roles with at least
    ``min_group_size`` respondents; the smaller roles are counted together.
    """
    if ctx.anonymous:
        sizes = Counter(ctx.role_of[pid] for pid in ctx.analysis.respondents)
        shown = [(r, n) for r, n in sizes.most_common() if n >= ctx.min_group_size]
        rest = sum(n for r, n in sizes.items() if n < ctx.min_group_size)
        rows = [[ctx.role(r, is_role=True), str(n)] for r, n in shown]
        if rest:
            rows.append([ctx.tr("participants.other_roles" if shown else "participants.all_roles"), str(rest)])
        return {
            "intro": ctx.tr("participants.intro_anonymous", k=ctx.min_group_size),
            "headers": [ctx.tr("participants.role"), ctx.tr("participants.count")],
            "rows": rows,
        }
    if len(ctx.workshop.participants) > PERSON_LIST_MAX:
        return _participants_by_role(ctx)
    total = len(ctx.questionnaire.questions)
    rows = []
    for p in ctx.workshop.participants:
        response = ctx.analysis.responses.get(p.id)
        status = tr(f"status.{response.status}", ctx.lang) if response else tr("status.not_started", ctx.lang)
        answered = sum(1 for ans in response.answers.values() if ans.is_answered) if response else 0
        rows.append([p.name, ctx.role(p.id), status, f"{answered} / {total}"])
    return {
        "intro": ctx.tr("participants.intro"),
        "headers": [ctx.tr("participants.name"), ctx.tr("participants.role"), ctx.tr("participants.status"),
                    ctx.tr("participants.answered")],
        "rows": rows,
    }


_STATUSES = ("submitted", "in_progress", "not_started")


def _participants_by_role(ctx: ReportContext) -> dict[str, Any]:
    counts: dict[str, Counter] = {}
    for p in ctx.workshop.participants:
        response = ctx.analysis.responses.get(p.id)
        counts.setdefault(p.role, Counter())[response.status if response else "not_started"] += 1
    rows = [[ctx.role(role, is_role=True), str(sum(c.values())), *(str(c[s]) for s in _STATUSES)]
            for role, c in sorted(counts.items(), key=lambda rc: -sum(rc[1].values()))]
    return {
        "intro": ctx.tr("participants.intro_many", n=len(ctx.workshop.participants), max=PERSON_LIST_MAX),
        "headers": [ctx.tr("participants.role"), ctx.tr("participants.invited"),
                    *(tr(f"status.{s}", ctx.lang) for s in _STATUSES)],
        "rows": rows,
    }
