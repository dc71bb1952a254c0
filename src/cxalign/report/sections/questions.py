"""The four questions: one block per question with who diverges and how."""

from __future__ import annotations

from typing import Any

from cxalign.present import wording
from cxalign.analysis.result import (
    QuestionAgreement,
)
from cxalign.i18n import tr
from cxalign.models.questionnaire import (
    FOUR_QUESTIONS,
    AllocationQuestion,
)
from cxalign.report import answers as answer_text
from cxalign.report import charts as chart_kit
from cxalign.report.positions import MATRIX_MAX, answer_view


class QuestionsPart:
    """Mixin of :class:`~cxalign.report.context.Report`: the four questions: one block per question with who diverges and how."""

    def question_sections(self) -> list[dict[str, Any]]:
        sections = []
        for n, section_id in enumerate(FOUR_QUESTIONS, 1):
            section = self.q.section(section_id)
            if section is None:
                continue
            sections.append({
                "anchor": f"section-{section_id}",
                "title": self._("section.question", n=n, title=self.text(section.title)),
                "intro": self.text(section.intro),
                "note": self._("question.hidden_positions", k=self.k) if self.anonymous else "",
                "questions": [self.question_block(q) for q in section.questions],
            })
        return sections

    def view_word(self, key: str) -> str:
        if key in ("dont_know", "current", "target"):
            return tr(key, self.lang)
        return self._(f"view.{key}")

    def positions(self, question_id: str, part: str | None) -> list[tuple[str, str]]:
        return list(wording.position_lines(self.a, question_id, part, self.lang, self.namer))

    def hotspot_text(self, row: QuestionAgreement) -> str | None:
        hotspot = next((h for h in self.a.hotspots if h.question == row.id and h.part == row.part), None)
        if hotspot is None:
            return None
        if not self.anonymous:
            return wording.hotspot_sentence(self.a, hotspot, self.lang, self.namer)
        if hotspot.outliers and hotspot.index_without_outliers is not None:
            return self._(
                "question.hotspot_anonymous", index=self.num(hotspot.index), count=len(hotspot.outliers),
                without=self.num(hotspot.index_without_outliers),
            )
        return self._("question.hotspot_anonymous_plain", index=self.num(hotspot.index))

    def question_block(self, question) -> dict[str, Any]:
        rows = [r for r in self.a.questions if r.id == question.id]
        parts = []
        for row in rows:
            meta = [self._("question.respondents", n=row.n)]
            if row.dont_know:
                meta.append(self._("question.dont_know", n=row.dont_know))
            if row.ad_m is not None:
                meta.append(f"AD_M {self.num(row.ad_m)}")
            parts.append({
                "label": self.part_label(row.part),
                "status": row.status,
                "status_label": self.label(row.index),
                "index": self.num(row.index),
                "meta": " · ".join(meta),
            })
        hotspots = [s for s in (self.hotspot_text(r) for r in rows) if s]
        block: dict[str, Any] = {
            "anchor": f"q-{question.id}",
            "title": self.question_title(question),
            # The title is the short idea when the questionnaire gives one; the full prompt goes under it.
            "prompt": self.text(question.prompt) if question.idea is not None else None,
            "parts": parts,
            "hotspots": hotspots,
            "note": None,
            "distribution": False,
            "positions": [],
            "outliers": [],
            "who_header": self._("answers.who"),
            "answer_header": self._("answers.answer"),
            "chart": None,
        }
        part_ids = [r.part for r in rows] or [None]
        block["view"] = None
        if not self.anonymous:
            outliers = {pid for r in rows for pid in r.outliers}
            block["view"] = answer_view(
                question, [(pid, self.a.responses[pid].answers.get(question.id)) for pid in self.a.respondents],
                lang=self.lang, namer=self.namer, outliers=outliers, words=self.view_word, fmt=self.fmt, pair=self.pair,
            )
            if block["view"] is None and len(self.a.respondents) <= MATRIX_MAX:
                # part None: a current+target item gives both values on one line.
                block["positions"] = self.positions(question.id, part_ids[0] if len(part_ids) == 1 else None)
                block["outliers"] = sorted({self.namer(pid) for pid in outliers})
            elif block["view"] is None:
                block["distribution"] = True
                block["who_header"] = self._("answers.answer")
                block["answer_header"] = self._("participants.count")
                block["positions"] = self.distribution_lines(question, part_ids)
        else:
            block["distribution"] = True
            block["who_header"] = self._("answers.answer")
            block["answer_header"] = self._("participants.count")
            block["positions"] = self.distribution_lines(question, part_ids)
        if isinstance(question, AllocationQuestion) and self.with_charts:
            block["chart"] = self.allocation_chart(question)
        return block

    def distribution_lines(self, question, part_ids) -> list[tuple[str, str]]:
        """The spread of every answer to a question, without names."""
        answers = [self.a.responses[pid].answers.get(question.id) for pid in self.a.respondents]
        lines = []
        for part in part_ids:
            prefix = f"{self.part_label(part)} · " if part else ""
            lines += [(prefix + label, figure) for label, figure in
                      answer_text.distribution(question, answers, self.lang, self.fmt, part)]
        return lines

    def allocation_chart(self, question: AllocationQuestion) -> dict[str, Any] | None:
        options = [self.text(o.label) for o in question.options]
        given = [
            (pid, self.a.responses[pid].answers[question.id]) for pid in self.a.respondents
            if (ans := self.a.responses[pid].answers.get(question.id)) is not None and ans.allocation and not ans.dont_know
        ]
        if not given:
            return None
        if not self.anonymous and len(given) <= MATRIX_MAX:
            people = [self.namer(pid) for pid, _ in given]
            points = [[ans.allocation.get(o.id, 0) for _, ans in given] for o in question.options]
            caption = self._("question.allocation_chart", total=question.total)
        else:
            # Anonymous: roles with at least k respondents; named but many people: every role.
            least = self.k if self.anonymous else 1
            groups: list[tuple[str, list]] = []
            for role in dict.fromkeys(self.role_of[pid] for pid, _ in given):
                members = [ans for pid, ans in given if self.role_of[pid] == role]
                if len(members) >= least:
                    label = self.role(role, is_role=True)
                    groups.append((label if self.anonymous else f"{label} ({len(members)})", members))
            groups.append((self._("question.average"), [ans for _, ans in given]))
            people = [label for label, _ in groups]
            points = [
                [round(sum(m.allocation.get(o.id, 0) for m in members) / len(members), 1) for _, members in groups]
                for o in question.options
            ]
            if len(groups) == 1:
                caption = self._("question.allocation_chart_all", total=question.total)
            elif self.anonymous:
                caption = self._("question.allocation_chart_roles", total=question.total, k=self.k)
            else:
                caption = self._("question.allocation_chart_by_role", total=question.total)
        uri = chart_kit.allocation_by_person(people, options, points, total=question.total,
                                             fmt=lambda v: self.num(v, 0))
        legend = [{"label": label, "colour": chart_kit.SERIES[i % len(chart_kit.SERIES)], "line": False}
                  for i, label in enumerate(options)]
        return {"uri": uri, "caption": caption, "alt": caption + ". " + self._("question.allocation_alt"),
                "legend": legend}
