"""The person × person heat map, agreement by question and the hot spots."""

from __future__ import annotations

from typing import Any

from cxalign.analysis import thresholds
from cxalign.analysis.thresholds import HEATMAP_PERSON_MAX
from cxalign.present import wording
from cxalign.report.context import ReportContext
from cxalign.report.formatting import heat
from cxalign.report.sections import questions


def alignment(ctx: ReportContext) -> dict[str, Any]:
    pw = ctx.analysis.pairwise
    result: dict[str, Any] = {"heatmap": None, "intro": "", "hidden": "", "means": [], "bars": agreement_bars(ctx),
                              # the dotted lines of the bars: the hot-spot and "aligned" thresholds
                              "ticks": [round(100 * thresholds.HOTSPOT), round(100 * thresholds.ALIGNED)]}
    if len(ctx.analysis.respondents) < 2:
        result["hidden"] = ctx.tr("alignment.not_enough")
        return result
    if pw.level == "person" and not ctx.anonymous and len(pw.ids) <= HEATMAP_PERSON_MAX:
        labels = [ctx.namer(pid) for pid in pw.ids]
        matrix = pw.matrix
        result["intro"] = ctx.tr("alignment.intro")
        # each person's mean similarity is the analysis's (``alignment.people``), lowest first
        means = sorted(((ctx.namer(p.id), p.mean_similarity) for p in ctx.analysis.people
                        if p.mean_similarity is not None), key=lambda m: m[1])
        result["means"] = [(label, ctx.num(v), round(100 * v)) for label, v in means]
    else:
        labels, matrix = _role_matrix(ctx)
        if len(labels) < 2:
            result["hidden"] = ctx.tr("alignment.hidden", k=ctx.min_group_size) if ctx.anonymous else ctx.tr("alignment.not_enough")
            return result
        result["intro"] = ctx.tr("alignment.intro_roles")
    rows = []
    for label, values in zip(labels, matrix, strict=True):
        cells = []
        for value in values:
            bg, fg = heat(value)
            cells.append({"text": ctx.num(value), "bg": bg, "fg": fg})
        rows.append({"label": label, "cells": cells})
    size = "small" if len(labels) <= 8 else "medium" if len(labels) <= 14 else "large"
    result["heatmap"] = {"labels": labels, "rows": rows, "size": size}
    return result


def _role_matrix(ctx: ReportContext) -> tuple[list[str], list[list[float | None]]]:
    """Role × role similarity: the analysis's own role matrix, or the mean over member pairs.

    In an anonymous report only roles with at least ``k`` respondents are kept.
    """
    pw = ctx.analysis.pairwise
    if pw.level == "role":
        roles = list(pw.ids)
        sizes = dict(zip(roles, pw.sizes or [ctx.role_sizes[r] for r in roles], strict=True))
        keep = [i for i, r in enumerate(roles) if not ctx.anonymous or sizes[r] >= ctx.min_group_size]
        labels = [ctx.tr("alignment.role_size", role=ctx.role(roles[i], is_role=True), n=sizes[roles[i]]) for i in keep]
        return labels, [[pw.matrix[i][j] for j in keep] for i in keep]
    roles = [r for r in dict.fromkeys(ctx.role_of[pid] for pid in pw.ids)]
    if ctx.anonymous:
        roles = [r for r in roles if ctx.role_sizes[r] >= ctx.min_group_size]
    members = {r: [i for i, pid in enumerate(pw.ids) if ctx.role_of[pid] == r] for r in roles}
    matrix = []
    for ra in roles:
        row = []
        for rb in roles:
            values = [pw.matrix[i][j] for i in members[ra] for j in members[rb]
                      if i != j and pw.matrix[i][j] is not None]
            row.append(sum(values) / len(values) if values else (1.0 if ra == rb else None))
        matrix.append(row)
    labels = [ctx.tr("alignment.role_size", role=ctx.role(r, is_role=True), n=len(members[r])) for r in roles]
    return labels, matrix


def agreement_bars(ctx: ReportContext) -> list[dict[str, Any]]:
    """Every measurable question outside maturity, lowest agreement first, as HTML bars."""
    rows = sorted((r for r in ctx.analysis.questions if r.index is not None and r.section != "maturity"),
                  key=lambda r: r.index)
    bars = []
    for r in rows:
        bars.append({
            "label": ctx.titled(ctx.questionnaire.question(r.id), r.part),
            "value": ctx.num(r.index),
            "width": round(100 * r.index, 1),
            "status": r.status,
        })
    return bars


def hotspots(ctx: ReportContext) -> list[dict[str, Any]]:
    items = []
    for h in ctx.analysis.hotspots:
        question = ctx.questionnaire.question(h.question)
        section = ctx.questionnaire.section(h.section)
        title = ctx.titled(question, h.part)
        row = ctx.analysis.agreement(h.question, h.part)
        items.append({
            "rank": h.rank,
            "title": title,
            "pattern": h.pattern,
            "pattern_label": wording.pattern_label(h.pattern, ctx.lang),
            "section": ctx.text(section.title) if section else "",
            # the index alone: a lone dissent's index may read "divided", which its pattern says better
            "index": ctx.num(h.index),
            "sentence": questions.hotspot_text(ctx, row) if row is not None else "",
            "without": questions.without_text(ctx, h),
            "consensus": questions.consensus_line(ctx, h.question),
        })
    return items
