"""The executive summary and the participants table."""

from __future__ import annotations

from collections import Counter
from typing import Any

from cxalign.present import wording
from cxalign.analysis.result import (
    QuestionAgreement,
    status_of,
)
from cxalign.i18n import tr


class SummaryPart:
    """Mixin of :class:`~cxalign.report.context.Report`: the executive summary and the participants table."""

    def summary(self) -> dict[str, Any]:
        a, m = self.a, self.a.maturity
        sentences: list[str] = []
        if m.current is not None and m.level:
            level = self.q.level(m.level)
            sentences.append(self._(
                "summary.level", current=self.num(m.current, 1), level=m.level,
                name=self.text(level.name), description=self.text(level.description),
            ))
            if m.target is not None and m.gap is not None:
                sentences.append(self._(
                    "summary.target", target=self.num(m.target, 1),
                    name=self.level_name(m.target_level), gap=self.num(m.gap, 1),
                ))
        else:
            sentences.append(self._("summary.level_unknown"))
        if a.overall_alignment is not None:
            sentences.append(self._("summary.alignment", index=self.num(a.overall_alignment), label=self.label(a.overall_alignment)))
        else:
            sentences.append(self._("summary.alignment_unknown"))

        figures = [
            {"label": self._("summary.maturity_figure"), "value": self.num(m.current, 1),
             "sub": f"{self._('summary.out_of_5')} · {self.level_name(m.level)}" if m.level else self._("summary.out_of_5"),
             "status": None},
            {"label": self._("summary.target_figure"), "value": self.num(m.target, 1),
             "sub": f"{self._('summary.out_of_5')} · {self.level_name(m.target_level)}" if m.target_level else self._("summary.out_of_5"),
             "status": None},
            {"label": self._("summary.alignment_figure"), "value": self.num(a.overall_alignment),
             "sub": self.label(a.overall_alignment), "status": status_of(a.overall_alignment)},
            {"label": self._("summary.hotspots_figure"), "value": str(len(a.hotspots)),
             "sub": None, "status": "hotspot" if a.hotspots else "aligned"},
        ]
        return {
            "intro": self._(
                "summary.intro", n=len(a.respondents), organisation=self.w.organisation,
                dimensions=len(self.q.dimensions),
            ),
            "figures": figures,
            "sentences": sentences,
            "misalignments": self.top_misalignments(),
            "gaps": self.top_gaps(),
        }

    def top_misalignments(self, count: int = 3) -> list[dict[str, Any]]:
        """The lowest agreements below 0.70 (hot spots first), described in a sentence each."""
        rows = sorted(
            (r for r in self.a.questions if r.index is not None and r.index < 0.70),
            key=lambda r: r.index,
        )[:count]
        found = []
        for row in rows:
            question = self.q.question(row.id)
            title = self.question_title(question)
            if row.part:
                title = f"{title} ({self.part_label(row.part)})"
            found.append({
                "title": title,
                "status": row.status,
                "index": f"{self.num(row.index)} · {self.label(row.index)}",
                "sentence": self.hotspot_text(row) or self._agreement_sentence(row),
            })
        return found

    def _agreement_sentence(self, row: QuestionAgreement) -> str:
        lines = self.positions(row.id, row.part)
        if lines and not self.anonymous:
            return self.joined(self.pair(who, words) for who, words in lines[:4])
        return self._("question.hotspot_anonymous_plain", index=self.num(row.index))

    def top_gaps(self, count: int = 3) -> list[dict[str, Any]]:
        dims = sorted((d for d in self.a.dimensions if d.gap is not None), key=lambda d: -d.gap)[:count]
        return [
            {
                "title": self.text(self.q.dimension(d.id).name),
                "sentence": wording.dimension_sentence(self.a, d, self.lang),
            }
            for d in dims
        ]

    def participants(self) -> dict[str, Any]:
        if self.anonymous:
            sizes = Counter(self.role_of[pid] for pid in self.a.respondents)
            rows = [[self.role(r, is_role=True), str(n)] for r, n in sizes.most_common()]
            return {
                "intro": self._("participants.intro_anonymous"),
                "headers": [self._("participants.role"), self._("participants.count")],
                "rows": rows,
            }
        total = len(self.q.questions)
        rows = []
        for p in self.w.participants:
            response = self.a.responses.get(p.id)
            status = tr(f"status.{response.status}", self.lang) if response else tr("status.not_started", self.lang)
            answered = sum(1 for ans in response.answers.values() if ans.is_answered) if response else 0
            rows.append([p.name, self.role(p.id), status, f"{answered} / {total}"])
        return {
            "intro": self._("participants.intro"),
            "headers": [self._("participants.name"), self._("participants.role"), self._("participants.status"),
                        self._("participants.answered")],
            "rows": rows,
        }
