"""Maturity by dimension, by person, and the recommendations."""

from __future__ import annotations

from typing import Any

from cxalign.analysis.result import (
    DimensionMaturity,
)
from cxalign.analysis.thresholds import HEATMAP_PERSON_MAX
from cxalign.present import wording
from cxalign.present.numbers import EMPTY
from cxalign.report import charts as chart_kit
from cxalign.report.context import ReportContext
from cxalign.report.formatting import level_heat


def maturity(ctx: ReportContext) -> dict[str, Any]:
    rows = []
    has_consensus = any(d.consensus is not None for d in ctx.analysis.dimensions)
    comments = []
    for d in ctx.analysis.dimensions:
        name = ctx.text(ctx.questionnaire.dimension(d.id).name)
        rows.append(_maturity_row(ctx, name, d, d.consensus))
        if d.consensus is not None and d.consensus.comment:
            comments.append(ctx.tr("maturity.consensus_comment", dimension=name, comment=ctx.user_text(d.consensus.comment)))
    m = ctx.analysis.maturity
    rows.append({
        "name": ctx.tr("maturity.overall"), "overall": True,
        "current": ctx.num(m.current, 1), "target": ctx.num(m.target, 1), "gap": ctx.num(m.gap, 1),
        "spread": _spread(ctx, m.min, m.max), "level": _level_cell(ctx, m.level),
        "consensus": "", "n": str(len(ctx.analysis.respondents)),
    })
    radar = None
    rated = [d for d in ctx.analysis.dimensions if d.current is not None]
    if ctx.with_charts and len(rated) >= 3:
        axes = [ctx.text(ctx.questionnaire.dimension(d.id).name) for d in ctx.analysis.dimensions]
        caption = ctx.tr("section.maturity")
        radar = {
            "uri": chart_kit.radar(
                axes, [d.current for d in ctx.analysis.dimensions], [d.target for d in ctx.analysis.dimensions],
                [d.min for d in ctx.analysis.dimensions], [d.max for d in ctx.analysis.dimensions],
                labels={"min": ctx.tr("maturity.min"), "max": ctx.tr("maturity.max"),
                        "target": ctx.tr("maturity.target"), "current": ctx.tr("maturity.current")},
                fmt=lambda v: ctx.num(v, 1),
            ),
            "caption": caption,
            "css": "chart-radar",
            "alt": ctx.tr("maturity.radar_alt"),
            "legend": [
                {"label": ctx.tr("maturity.current"), "colour": chart_kit.CURRENT, "line": False},
                {"label": ctx.tr("maturity.target"), "colour": chart_kit.TARGET, "line": True},
                {"label": ctx.tr("maturity.spread_legend"), "colour": chart_kit.SPREAD, "line": True},
            ],
        }
    return {
        "radar": radar,
        "rows": rows,
        "has_consensus": has_consensus,
        "consensus_comments": comments,
        "dimensions": [
            {"name": ctx.text(ctx.questionnaire.dimension(d.id).name), "sentence": wording.dimension_sentence(ctx.analysis, d, ctx.lang)}
            for d in ctx.analysis.dimensions
        ],
        "by_person": maturity_by_person(ctx),
        "levels": [
            {"value": lv.value, "name": ctx.text(lv.name), "description": ctx.text(lv.description)}
            for lv in ctx.questionnaire.levels
        ],
    }


def _spread(ctx: ReportContext, low: float | None, high: float | None) -> str:
    if low is None or high is None:
        return EMPTY
    return f"{ctx.num(low, 1)}–{ctx.num(high, 1)}"


def _level_cell(ctx: ReportContext, level: int | None) -> str:
    return f"{level} · {ctx.level_name(level)}" if level else EMPTY


def _maturity_row(ctx: ReportContext, name: str, d: DimensionMaturity, consensus) -> dict[str, Any]:
    consensus_text = ""
    if consensus is not None:
        consensus_text = ctx.tr("maturity.consensus_value", current=ctx.num(consensus.current, 1),
                                target=ctx.num(consensus.target, 1))
    return {
        "name": name, "overall": False,
        "current": ctx.num(d.current, 1), "target": ctx.num(d.target, 1), "gap": ctx.num(d.gap, 1),
        "spread": _spread(ctx, d.min, d.max), "level": _level_cell(ctx, d.level),
        "consensus": consensus_text, "n": str(d.n),
    }


def maturity_by_person(ctx: ReportContext) -> dict[str, Any] | None:
    """Each respondent's mean current level per dimension (named reports, up to the heat-map size)."""
    people = [pid for pid in ctx.analysis.respondents if any(
        d.by_respondent.get(pid, (None, None))[0] is not None for d in ctx.analysis.dimensions)]
    if ctx.anonymous or not people or len(people) > HEATMAP_PERSON_MAX:
        return None
    headers = [ctx.text(ctx.questionnaire.dimension(d.id).name) for d in ctx.analysis.dimensions]
    rows = []
    for pid in people:
        cells = []
        for d in ctx.analysis.dimensions:
            value = d.by_respondent.get(pid, (None, None))[0]
            bg, fg = level_heat(value)
            cells.append({"text": ctx.num(value, 1), "bg": bg, "fg": fg})
        rows.append({"label": ctx.namer(pid), "cells": cells})
    return {"headers": headers, "rows": rows}


def recommendations(ctx: ReportContext) -> list[dict[str, Any]]:
    out = []
    for d in ctx.analysis.dimensions:
        dim = ctx.questionnaire.dimension(d.id)
        entry: dict[str, Any] = {"name": ctx.text(dim.name), "note": "", "description": "", "blocks": []}
        level = d.level
        if level is None:
            entry["note"] = ctx.tr("reco.no_level")
            level_def = dim.level(1)
            entry["blocks"].append({
                "title": ctx.tr("reco.next", level=1, name=ctx.level_name(1)),
                "actions": [ctx.text(t) for t in level_def.recommendations],
            })
        else:
            now = dim.level(level)
            entry["description"] = ctx.text(now.description)
            entry["blocks"].append({
                "title": ctx.tr("reco.now", level=level, name=ctx.level_name(level)),
                "actions": [ctx.text(t) for t in now.recommendations],
            })
            if level < 5:
                nxt = dim.level(level + 1)
                entry["blocks"].append({
                    "title": ctx.tr("reco.next", level=level + 1, name=ctx.level_name(level + 1)),
                    "actions": [ctx.text(t) for t in nxt.recommendations],
                })
            else:
                entry["note"] = ctx.tr("reco.top")
        out.append(entry)
    return out
