"""Maturity by dimension, by person, and the recommendations."""

from __future__ import annotations

from typing import Any

from cxalign.present import wording
from cxalign.analysis.result import (
    DimensionMaturity,
)
from cxalign.report import charts as chart_kit
from cxalign.report.constants import HEATMAP_PERSON_MAX
from cxalign.report.formatting import level_heat


class MaturityPart:
    """Mixin of :class:`~cxalign.report.context.Report`: maturity by dimension, by person, and the recommendations."""

    def maturity(self) -> dict[str, Any]:
        rows = []
        has_consensus = any(d.consensus is not None for d in self.a.dimensions)
        comments = []
        for d in self.a.dimensions:
            name = self.text(self.q.dimension(d.id).name)
            rows.append(self._maturity_row(name, d, d.consensus))
            if d.consensus is not None and d.consensus.comment:
                comments.append(self._("maturity.consensus_comment", dimension=name, comment=d.consensus.comment))
        m = self.a.maturity
        rows.append({
            "name": self._("maturity.overall"), "overall": True,
            "current": self.num(m.current, 1), "target": self.num(m.target, 1), "gap": self.num(m.gap, 1),
            "spread": self._spread(m.min, m.max), "level": self._level_cell(m.level),
            "consensus": "", "n": str(len(self.a.respondents)),
        })
        radar = None
        rated = [d for d in self.a.dimensions if d.current is not None]
        if self.with_charts and len(rated) >= 3:
            axes = [self.text(self.q.dimension(d.id).name) for d in self.a.dimensions]
            caption = self._("section.maturity")
            radar = {
                "uri": chart_kit.radar(
                    axes, [d.current for d in self.a.dimensions], [d.target for d in self.a.dimensions],
                    [d.min for d in self.a.dimensions], [d.max for d in self.a.dimensions],
                    labels={"min": self._("maturity.min"), "max": self._("maturity.max"),
                            "target": self._("maturity.target"), "current": self._("maturity.current")},
                    fmt=lambda v: self.num(v, 1),
                ),
                "caption": caption,
                "css": "chart-radar",
                "alt": self._("maturity.radar_alt"),
                "legend": [
                    {"label": self._("maturity.current"), "colour": chart_kit.CURRENT, "line": False},
                    {"label": self._("maturity.target"), "colour": chart_kit.TARGET, "line": True},
                    {"label": self._("maturity.spread_legend"), "colour": chart_kit.SPREAD, "line": True},
                ],
            }
        return {
            "radar": radar,
            "rows": rows,
            "has_consensus": has_consensus,
            "consensus_comments": comments,
            "dimensions": [
                {"name": self.text(self.q.dimension(d.id).name), "sentence": wording.dimension_sentence(self.a, d, self.lang)}
                for d in self.a.dimensions
            ],
            "by_person": self.maturity_by_person(),
            "levels": [
                {"value": lv.value, "name": self.text(lv.name), "description": self.text(lv.description)}
                for lv in self.q.levels
            ],
        }

    def _spread(self, low: float | None, high: float | None) -> str:
        if low is None or high is None:
            return "—"
        return f"{self.num(low, 1)}–{self.num(high, 1)}"

    def _level_cell(self, level: int | None) -> str:
        return f"{level} · {self.level_name(level)}" if level else "—"

    def _maturity_row(self, name: str, d: DimensionMaturity, consensus) -> dict[str, Any]:
        consensus_text = ""
        if consensus is not None:
            consensus_text = self._("maturity.consensus_value", current=self.num(consensus.current, 1),
                                    target=self.num(consensus.target, 1))
        return {
            "name": name, "overall": False,
            "current": self.num(d.current, 1), "target": self.num(d.target, 1), "gap": self.num(d.gap, 1),
            "spread": self._spread(d.min, d.max), "level": self._level_cell(d.level),
            "consensus": consensus_text, "n": str(d.n),
        }

    def maturity_by_person(self) -> dict[str, Any] | None:
        """Each respondent's mean current level per dimension (named reports, up to the heat-map size)."""
        people = [pid for pid in self.a.respondents if any(
            d.by_respondent.get(pid, (None, None))[0] is not None for d in self.a.dimensions)]
        if self.anonymous or not people or len(people) > HEATMAP_PERSON_MAX:
            return None
        headers = [self.text(self.q.dimension(d.id).name) for d in self.a.dimensions]
        rows = []
        for pid in people:
            cells = []
            for d in self.a.dimensions:
                value = d.by_respondent.get(pid, (None, None))[0]
                bg, fg = level_heat(value)
                cells.append({"text": self.num(value, 1), "bg": bg, "fg": fg})
            rows.append({"label": self.namer(pid), "cells": cells})
        return {"headers": headers, "rows": rows}

    def recommendations(self) -> list[dict[str, Any]]:
        out = []
        for d in self.a.dimensions:
            dim = self.q.dimension(d.id)
            entry: dict[str, Any] = {"name": self.text(dim.name), "note": "", "description": "", "blocks": []}
            level = d.level
            if level is None:
                entry["note"] = self._("reco.no_level")
                level_def = dim.level(1)
                entry["blocks"].append({
                    "title": self._("reco.next", level=1, name=self.level_name(1)),
                    "actions": [self.text(t) for t in level_def.recommendations],
                })
            else:
                now = dim.level(level)
                entry["description"] = self.text(now.description)
                entry["blocks"].append({
                    "title": self._("reco.now", level=level, name=self.level_name(level)),
                    "actions": [self.text(t) for t in now.recommendations],
                })
                if level < 5:
                    nxt = dim.level(level + 1)
                    entry["blocks"].append({
                        "title": self._("reco.next", level=level + 1, name=self.level_name(level + 1)),
                        "actions": [self.text(t) for t in nxt.recommendations],
                    })
                else:
                    entry["note"] = self._("reco.top")
            out.append(entry)
        return out
