"""The method appendix and the answers appendix."""

from __future__ import annotations

from typing import Any

from cxalign.i18n import tr
from cxalign.models.questionnaire import (
    TextQuestion,
)
from cxalign.report import answers as answer_text


class AppendixPart:
    """Mixin of :class:`~cxalign.report.context.Report`: the method appendix and the answers appendix."""

    def method(self) -> dict[str, Any]:
        kinds = ("likert", "ranking", "allocation", "multi", "single", "text")
        indices = [(tr(f"kind.{k}", self.lang), self._(f"method.{k}")) for k in kinds]
        paragraphs = [
            (self._("method.thresholds"), self._("method.thresholds_text")),
            (self._("method.dont_know"), self._("method.dont_know_text")),
            (self._("method.outliers"), self._("method.outliers_text")),
            (self._("method.pairwise"), self._("method.pairwise_text")),
            (self._("method.maturity"), self._("method.maturity_text")),
            (self._("method.concepts"), self._("method.concepts_text")),
            (self._("method.anonymity"),
             self._("method.anonymity_text", k=self.k) if self.anonymous else self._("method.anonymity_named", k=self.k)),
        ]
        return {"indices": indices, "paragraphs": paragraphs}

    def maturity_answers(self, section) -> list[dict[str, Any]]:
        """The maturity items of a named report, one table per dimension: people × items, "today → target"."""
        tables = []
        for dim in self.q.dimensions:
            items = [q for q in section.questions if getattr(q, "dimension", None) == dim.id]
            if not items:
                continue
            rows, notes = [], []
            for pid in self.a.respondents:
                cells, answered = [], False
                for item in items:
                    ans = self.a.responses[pid].answers.get(item.id)
                    if ans is None or not ans.is_answered:
                        cells.append("")
                        continue
                    answered = True
                    if ans.dont_know:
                        cells.append(tr("dont_know", self.lang))
                    elif item.current_target:
                        cells.append(f"{ans.current if ans.current is not None else '—'} → "
                                     f"{ans.target if ans.target is not None else '—'}")
                    else:
                        cells.append(str(ans.value) if ans.value is not None else "—")
                    if ans.note:
                        notes.append(self.pair(f"{self.namer(pid)}, {self.question_title(item)}", ans.note))
                if answered:
                    rows.append({"who": self.namer(pid), "cells": cells})
            tables.append({
                "kind": "matrix", "prompt": self.text(dim.name),
                "headers": [self.question_title(item) for item in items],
                "rows": rows, "notes": notes, "who_header": self._("answers.who"),
            })
        return tables

    def answers(self) -> dict[str, Any]:
        sections = []
        for section in self.q.sections:
            if section.id == "maturity" and not self.anonymous:
                sections.append({"title": self.text(section.title), "intro": self._("answers.maturity_intro"),
                                 "questions": self.maturity_answers(section)})
                continue
            questions = []
            for question in section.questions:
                entry = {"kind": "list", "prompt": self.text(question.prompt), "rows": [],
                         "who_header": self._("answers.who")}
                if self.anonymous:
                    if isinstance(question, TextQuestion):
                        texts = sorted(
                            (ans.text or "").strip()
                            for pid in self.a.respondents
                            if (ans := self.a.responses[pid].answers.get(question.id)) is not None
                            and not ans.dont_know and (ans.text or "").strip()
                        )
                        entry["rows"] = [{"who": "—", "answer": t, "note": ""} for t in texts]
                        dk = sum(1 for pid in self.a.respondents
                                 if (ans := self.a.responses[pid].answers.get(question.id)) is not None and ans.dont_know)
                        if dk:
                            entry["rows"].append({"who": self._("agg.dont_know"), "answer": self._("agg.count", n=dk), "note": ""})
                    else:
                        answers = [self.a.responses[pid].answers.get(question.id) for pid in self.a.respondents]
                        parts = ["current", "target"] if getattr(question, "current_target", False) else [None]
                        for part in parts:
                            prefix = f"{self.part_label(part)} · " if part else ""
                            entry["rows"] += [
                                {"who": prefix + label, "answer": figure, "note": ""}
                                for label, figure in answer_text.distribution(question, answers, self.lang, self.fmt, part)
                            ]
                        entry["who_header"] = self._("answers.answer")
                else:
                    for pid in self.a.respondents:
                        ans = self.a.responses[pid].answers.get(question.id)
                        if ans is None or not ans.is_answered:
                            continue
                        entry["rows"].append({
                            "who": self.namer(pid),
                            "answer": answer_text.answer_words(question, ans, self.lang, self.fmt),
                            "note": self._("answers.note", note=ans.note) if ans.note else "",
                        })
                questions.append(entry)
            sections.append({"title": self.text(section.title), "intro": "", "questions": questions})
        return {
            "intro": self._("answers.intro_anonymous") if self.anonymous else self._("answers.intro"),
            "sections": sections,
        }
