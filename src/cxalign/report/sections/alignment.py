"""The person × person heat map, agreement by question and the hot spots."""

from __future__ import annotations

from typing import Any

from cxalign.present import wording
from cxalign.report.constants import HEATMAP_PERSON_MAX
from cxalign.report.formatting import heat


class AlignmentPart:
    """Mixin of :class:`~cxalign.report.context.Report`: the person × person heat map, agreement by question and the hot spots."""

    def alignment(self) -> dict[str, Any]:
        pw = self.a.pairwise
        result: dict[str, Any] = {"heatmap": None, "intro": "", "hidden": "", "means": [], "bars": self.agreement_bars()}
        if len(self.a.respondents) < 2:
            result["hidden"] = self._("alignment.not_enough")
            return result
        if pw.level == "person" and not self.anonymous and len(pw.ids) <= HEATMAP_PERSON_MAX:
            labels = [self.namer(pid) for pid in pw.ids]
            matrix = pw.matrix
            result["intro"] = self._("alignment.intro")
            means = []
            for i, label in enumerate(labels):
                others = [v for j, v in enumerate(matrix[i]) if j != i and v is not None]
                if others:
                    means.append((label, sum(others) / len(others)))
            means.sort(key=lambda m: m[1])
            result["means"] = [(label, self.num(v), round(100 * v)) for label, v in means]
        else:
            labels, matrix = self._role_matrix()
            if len(labels) < 2:
                result["hidden"] = self._("alignment.hidden", k=self.k) if self.anonymous else self._("alignment.not_enough")
                return result
            result["intro"] = self._("alignment.intro_roles")
        rows = []
        for label, values in zip(labels, matrix, strict=True):
            cells = []
            for value in values:
                bg, fg = heat(value)
                cells.append({"text": self.num(value), "bg": bg, "fg": fg})
            rows.append({"label": label, "cells": cells})
        size = "small" if len(labels) <= 8 else "medium" if len(labels) <= 14 else "large"
        result["heatmap"] = {"labels": labels, "rows": rows, "size": size}
        return result

    def _role_matrix(self) -> tuple[list[str], list[list[float | None]]]:
        """Role × role similarity: the analysis's own role matrix, or the mean over member pairs.

        In an anonymous report only roles with at least ``k`` respondents are kept.
        """
        pw = self.a.pairwise
        if pw.level == "role":
            roles = list(pw.ids)
            sizes = dict(zip(roles, pw.sizes or [self.role_sizes[r] for r in roles], strict=True))
            keep = [i for i, r in enumerate(roles) if not self.anonymous or sizes[r] >= self.k]
            labels = [self._("alignment.role_size", role=self.role(roles[i], is_role=True), n=sizes[roles[i]]) for i in keep]
            return labels, [[pw.matrix[i][j] for j in keep] for i in keep]
        roles = [r for r in dict.fromkeys(self.role_of[pid] for pid in pw.ids)]
        if self.anonymous:
            roles = [r for r in roles if self.role_sizes[r] >= self.k]
        members = {r: [i for i, pid in enumerate(pw.ids) if self.role_of[pid] == r] for r in roles}
        matrix = []
        for ra in roles:
            row = []
            for rb in roles:
                values = [pw.matrix[i][j] for i in members[ra] for j in members[rb]
                          if i != j and pw.matrix[i][j] is not None]
                row.append(sum(values) / len(values) if values else (1.0 if ra == rb else None))
            matrix.append(row)
        labels = [self._("alignment.role_size", role=self.role(r, is_role=True), n=len(members[r])) for r in roles]
        return labels, matrix

    def agreement_bars(self) -> list[dict[str, Any]]:
        """Every measurable question outside maturity, lowest agreement first, as HTML bars."""
        rows = sorted((r for r in self.a.questions if r.index is not None and r.section != "maturity"),
                      key=lambda r: r.index)
        bars = []
        for r in rows:
            title = self.question_title(self.q.question(r.id))
            bars.append({
                "label": f"{title} ({self.part_label(r.part)})" if r.part else title,
                "value": self.num(r.index),
                "width": round(100 * r.index, 1),
                "status": r.status,
            })
        return bars

    def hotspots(self) -> list[dict[str, Any]]:
        items = []
        for h in self.a.hotspots:
            question = self.q.question(h.question)
            section = self.q.section(h.section)
            title = self.question_title(question)
            if h.part:
                title = f"{title} ({self.part_label(h.part)})"
            row = self.a.agreement(h.question, h.part)
            without = ""
            if not self.anonymous:
                without = wording.without_sentence(h, self.lang, self.namer)
            items.append({
                "title": title,
                "section": self.text(section.title) if section else "",
                "index": f"{self.num(h.index)} · {self.label(h.index)}",
                "sentence": self.hotspot_text(row) if row is not None else "",
                "without": without,
            })
        return items
