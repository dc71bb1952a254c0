"""The four questions: one block per question with who diverges and how."""

from __future__ import annotations

from typing import Any

from cxalign.analysis.result import (
    QuestionAgreement,
)
from cxalign.analysis.thresholds import MATRIX_MAX
from cxalign.i18n import tr
from cxalign.kinds import kind_of
from cxalign.models.questionnaire import FOUR_QUESTIONS, AllocationQuestion
from cxalign.present import wording
from cxalign.report import answers as answer_text
from cxalign.report import charts as chart_kit
from cxalign.report.context import ReportContext
from cxalign.report.positions import answer_view


def question_sections(ctx: ReportContext) -> list[dict[str, Any]]:
    sections = []
    for n, section_id in enumerate(FOUR_QUESTIONS, 1):
        section = ctx.questionnaire.section(section_id)
        if section is None:
            continue
        sections.append({
            "anchor": f"section-{section_id}",
            "title": ctx.tr("section.question", n=n, title=ctx.text(section.title)),
            "intro": ctx.text(section.intro),
            "note": ctx.tr("question.hidden_positions", k=ctx.min_group_size) if ctx.anonymous else "",
            "questions": [question_block(ctx, q) for q in section.questions],
        })
    return sections


def view_word(ctx: ReportContext, key: str) -> str:
    if key in ("dont_know", "current", "target"):
        return tr(key, ctx.lang)
    return ctx.tr(f"view.{key}")


def positions(ctx: ReportContext, question_id: str, part: str | None) -> list[tuple[str, str]]:
    return list(wording.position_lines(ctx.analysis, question_id, part, ctx.lang, ctx.namer))


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def hotspot_of(ctx: ReportContext, row: QuestionAgreement):
    """The hot spot of an agreement row (None when the row is no hot spot)."""
    return next((h for h in ctx.analysis.hotspots if h.question == row.id and h.part == row.part), None)


def hotspot_text(ctx: ReportContext, row: QuestionAgreement) -> str | None:
    """Who stands where on a hot spot (named), or the anonymous wording (nobody named, nobody placed)."""
    hotspot = hotspot_of(ctx, row)
    if hotspot is None:
        return None
    if not ctx.anonymous:
        return wording.hotspot_sentence(ctx.analysis, hotspot, ctx.lang, ctx.namer)
    return wording.anonymous_hotspot_sentence(hotspot, row.n, ctx.lang)


def without_text(ctx: ReportContext, hotspot) -> str:
    """"Without Isabelle Faure, agreement would rise from 0.67 to 0.95." — named reports only
    (the anonymous wording already gives the figures without a name)."""
    if hotspot is None or ctx.anonymous:
        return ""
    return wording.without_sentence(hotspot, ctx.lang, ctx.namer)


def consensus_line(ctx: ReportContext, question_id: str) -> str:
    """The consensus the room recorded on a question (scope "question"), as one line; "" if none."""
    found = ctx.workshop.consensus_for("question", question_id)
    if found is None:
        return ""
    pieces = []
    if found.current is not None or found.target is not None:
        pieces.append(ctx.tr("consensus.values", current=ctx.num(found.current, 1), target=ctx.num(found.target, 1)))
    if found.comment:
        pieces.append(ctx.user_text(found.comment))
    return ctx.pair(ctx.tr("consensus.label"), " — ".join(pieces) if pieces else "✓")


def question_block(ctx: ReportContext, question) -> dict[str, Any]:
    rows = [r for r in ctx.analysis.questions if r.id == question.id]
    parts = []
    for row in rows:
        meta = [ctx.tr("question.respondents", n=row.n)]
        if row.dont_know:
            meta.append(ctx.tr("question.dont_know", n=row.dont_know))
        if row.ad_m is not None:
            meta.append(f"AD_M {ctx.num(row.ad_m)}")
        parts.append({
            "label": ctx.part_label(row.part),
            "status": row.status,
            "status_label": ctx.label(row.index),
            "index": ctx.num(row.index),
            "meta": " · ".join(meta),
        })
    hotspots = []
    for r in rows:
        text = hotspot_text(ctx, r)
        if text:
            spot = hotspot_of(ctx, r)
            pieces = [f"{_cap(wording.pattern_label(spot.pattern, ctx.lang))} —", text, without_text(ctx, spot)]
            hotspots.append(" ".join(p for p in pieces if p))
    block: dict[str, Any] = {
        "anchor": f"q-{question.id}",
        "title": ctx.question_title(question),
        # The title is the short idea when the questionnaire gives one; the full prompt goes under it.
        "prompt": ctx.text(question.prompt) if question.idea is not None else None,
        "parts": parts,
        "hotspots": hotspots,
        "consensus": consensus_line(ctx, question.id),
        "note": None,
        "distribution": False,
        "positions": [],
        "outliers": [],
        "who_header": ctx.tr("answers.who"),
        "answer_header": ctx.tr("answers.answer"),
        "chart": None,
    }
    part_ids = [r.part for r in rows] or [None]
    block["view"] = None
    if not ctx.anonymous:
        outliers = {pid for r in rows for pid in r.outliers}
        block["view"] = answer_view(
            question, [(pid, ctx.analysis.responses[pid].answers.get(question.id)) for pid in ctx.analysis.respondents],
            lang=ctx.lang, namer=ctx.namer, outliers=outliers, words=lambda key: view_word(ctx, key), fmt=ctx.fmt, pair=ctx.pair,
        )
        if block["view"] is None and len(ctx.analysis.respondents) <= MATRIX_MAX:
            # part None: a current+target item gives both values on one line.
            block["positions"] = positions(ctx, question.id, part_ids[0] if len(part_ids) == 1 else None)
            block["outliers"] = sorted({ctx.namer(pid) for pid in outliers})
        elif block["view"] is None:
            block["distribution"] = True
            block["who_header"] = ctx.tr("answers.answer")
            block["answer_header"] = ctx.tr("participants.count")
            block["positions"] = distribution_lines(ctx, question, part_ids)
    else:
        block["distribution"] = True
        block["who_header"] = ctx.tr("answers.answer")
        block["answer_header"] = ctx.tr("participants.count")
        block["positions"] = distribution_lines(ctx, question, part_ids)
    chart = CHARTS.get(kind_of(question).chart)
    if chart is not None and ctx.with_charts:
        block["chart"] = chart(ctx, question)
    return block


def distribution_lines(ctx: ReportContext, question, part_ids) -> list[tuple[str, str]]:
    """The spread of every answer to a question, without names."""
    answers = [ctx.analysis.responses[pid].answers.get(question.id) for pid in ctx.analysis.respondents]
    lines = []
    for part in part_ids:
        prefix = f"{ctx.part_label(part)} · " if part else ""
        lines += [(prefix + label, figure) for label, figure in
                  answer_text.distribution(question, answers, ctx.lang, ctx.fmt, part)]
    return lines


def allocation_chart(ctx: ReportContext, question: AllocationQuestion) -> dict[str, Any] | None:
    options = [ctx.text(o.label) for o in question.options]
    given = [
        (pid, ctx.analysis.responses[pid].answers[question.id]) for pid in ctx.analysis.respondents
        if (ans := ctx.analysis.responses[pid].answers.get(question.id)) is not None and ans.allocation and not ans.dont_know
    ]
    if not given:
        return None
    if not ctx.anonymous and len(given) <= MATRIX_MAX:
        people = [ctx.namer(pid) for pid, _ in given]
        points = [[ans.allocation.get(o.id, 0) for _, ans in given] for o in question.options]
        caption = ctx.tr("question.allocation_chart", total=question.total)
    else:
        # Anonymous: roles with at least k respondents; named but many people: every role.
        least = ctx.min_group_size if ctx.anonymous else 1
        groups: list[tuple[str, list]] = []
        for role in dict.fromkeys(ctx.role_of[pid] for pid, _ in given):
            members = [ans for pid, ans in given if ctx.role_of[pid] == role]
            if len(members) >= least:
                label = ctx.role(role, is_role=True)
                groups.append((label if ctx.anonymous else f"{label} ({len(members)})", members))
        groups.append((ctx.tr("question.average"), [ans for _, ans in given]))
        people = [label for label, _ in groups]
        points = [
            [round(sum(m.allocation.get(o.id, 0) for m in members) / len(members), 1) for _, members in groups]
            for o in question.options
        ]
        if len(groups) == 1:
            caption = ctx.tr("question.allocation_chart_all", total=question.total)
        elif ctx.anonymous:
            caption = ctx.tr("question.allocation_chart_roles", total=question.total, k=ctx.min_group_size)
        else:
            caption = ctx.tr("question.allocation_chart_by_role", total=question.total)
    uri = chart_kit.allocation_by_person(people, options, points, total=question.total,
                                         fmt=lambda v: ctx.num(v, 0))
    legend = [{"label": label, "colour": chart_kit.SERIES[i % len(chart_kit.SERIES)], "line": False}
              for i, label in enumerate(options)]
    return {"uri": uri, "caption": caption, "alt": caption + ". " + ctx.tr("question.allocation_alt"),
            "legend": legend}


#: The charts a kind may name (:attr:`cxalign.kinds.base.Kind.chart`).
CHARTS = {"allocation": allocation_chart}
