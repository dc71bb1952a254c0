"""Definitions side by side, their concepts and the reference definitions."""

from __future__ import annotations

from collections import Counter
from typing import Any

from cxalign.models.questionnaire import (
    TextQuestion,
)
from cxalign.report.constants import HEATMAP_PERSON_MAX, SEED_FILE


class DefinitionsPart:
    """Mixin of :class:`~cxalign.report.context.Report`: definitions side by side, their concepts and the reference definitions."""

    def concept_label(self, concept_id: str) -> str:
        concept = next((c for c in self.q.concepts if c.id == concept_id), None)
        return self.text(concept.label) if concept else concept_id

    def reference(self, ref_id: str | None):
        return next((r for r in self.q.references if r.id == ref_id), None)

    def narrow_label(self, view_id: str) -> str:
        view = next((v for v in self.q.narrow_views if v.id == view_id), None)
        return self.text(view.label) if view else view_id

    def definitions(self) -> dict[str, Any]:
        question = self.q.definition_question
        readings = self.a.definitions
        rows = []
        concept_counts = []
        if not self.anonymous and len(readings) <= HEATMAP_PERSON_MAX:
            for reading in readings:
                ref = self.reference(reading.closest_reference)
                closest = None
                if ref is not None:
                    closest = self.text(ref.author)
                    if reading.similarity is not None:
                        closest += " — " + self._("definitions.similarity", value=self.num(reading.similarity))
                rows.append({
                    "who": f"{self.namer(reading.respondent)} · {self.role(reading.respondent)}"
                    if self.namer(reading.respondent) != self.role(reading.respondent) else self.namer(reading.respondent),
                    "text": reading.text,
                    "empty": self._("definitions.dont_know") if reading.dont_know else self._("definitions.no_answer"),
                    "concepts": [self.concept_label(c) for c in reading.concepts],
                    "closest": closest,
                    "missing": [self.concept_label(c) for c in reading.missing],
                    "narrow": [self.narrow_label(v) for v in reading.narrow],
                })
        used = Counter(c for r in readings for c in r.concepts)
        if used:
            most = max(used.values())
            for concept in self.q.concepts:
                if used[concept.id]:
                    concept_counts.append({
                        "label": self.text(concept.label), "count": used[concept.id],
                        "width": round(100 * used[concept.id] / most),
                    })
            concept_counts.sort(key=lambda c: -c["count"])
        agreement = None
        if question is not None:
            row = self.a.agreement(question.id)
            if row is not None and row.index is not None:
                agreement = self._("definitions.agreement", index=self.num(row.index), label=self.label(row.index))
        others = []
        section = self.q.section("definition")
        if section is not None:
            others = [self.question_block(q) for q in section.questions if not (isinstance(q, TextQuestion) and q.definition)]
        return {
            "rows": rows,
            "many": not self.anonymous and len(readings) > HEATMAP_PERSON_MAX,
            "concept_counts": concept_counts,
            "agreement": agreement,
            "references": [
                {"author": self.text(r.author), "source": "" if SEED_FILE.match(r.source) else r.source, "text": self.text(r.text),
                 "concepts": [self.concept_label(c) for c in r.concepts]}
                for r in self.q.references
            ],
            "questions": others,
            "questions_note": self._("question.hidden_positions", k=self.k) if self.anonymous else "",
        }
