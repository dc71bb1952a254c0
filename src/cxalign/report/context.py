"""The report's view-model: plain dicts and strings built from a :class:`WorkshopAnalysis`.

Everything the templates print is decided here — which person is named how,
what an anonymous report leaves out, every sentence in the report's language —
so the templates only lay it out.

Anonymity: with ``anonymous`` no name is used anywhere (roles only), and no
figure is broken out for a group smaller than ``workshop.min_group_size``
(default 5): individual positions, the person × person heat map, the
allocation chart by person and the named outliers are replaced by aggregates
over all respondents, or over the roles that have at least that many
respondents.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from typing import Any

from cxalign import __version__
from cxalign.present import wording
from cxalign.analysis.result import (
    WorkshopAnalysis,
)
from cxalign.i18n import role_label, tr
from cxalign.report.formatting import number
from cxalign.report.sections.alignment import AlignmentPart
from cxalign.report.sections.appendix import AppendixPart
from cxalign.report.sections.definitions import DefinitionsPart
from cxalign.report.sections.maturity import MaturityPart
from cxalign.report.sections.questions import QuestionsPart
from cxalign.report.sections.summary import SummaryPart


class Report(SummaryPart, DefinitionsPart, QuestionsPart, MaturityPart, AlignmentPart, AppendixPart):
    """Builds the template context for one analysis, language and anonymity."""

    def __init__(self, analysis: WorkshopAnalysis, *, lang: str, anonymous: bool, with_charts: bool = True):
        self.a = analysis
        self.q = analysis.questionnaire
        self.w = analysis.workshop
        self.lang = lang
        self.anonymous = anonymous or self.w.anonymous
        self.k = self.w.min_group_size
        self.with_charts = with_charts
        self.namer: Callable[[str], str] = wording.default_namer(analysis, self.anonymous, lang)
        self.role_of = {p.id: p.role for p in self.w.participants}
        sizes = Counter(self.role_of[pid] for pid in analysis.respondents)
        #: Roles with enough respondents to be shown on their own in an anonymous report.
        self.reportable_roles = [r for r in sizes if sizes[r] >= self.k]
        self.role_sizes = sizes

    # -- small helpers -----------------------------------------------------------------

    def _(self, key: str, **fields: object) -> str:
        return tr(key, self.lang, "report", **fields)

    def num(self, value: float | None, digits: int = 2) -> str:
        return number(value, digits, self.lang)

    def fmt(self, value: float, digits: int = 1) -> str:
        return number(value, digits, self.lang)

    def pair(self, label: str, text: str) -> str:
        """``label: text`` with the language's colon spacing."""
        return f"{label} : {text}" if self.lang == "fr" else f"{label}: {text}"

    def joined(self, items) -> str:
        return (" ; " if self.lang == "fr" else "; ").join(items)

    def text(self, t) -> str:
        return t.get(self.lang)

    def role(self, pid_or_role: str, *, is_role: bool = False) -> str:
        return role_label(pid_or_role if is_role else self.role_of.get(pid_or_role, ""), self.lang)

    def label(self, index: float | None) -> str:
        return wording.agreement_label(index, self.lang)

    def question_title(self, question) -> str:
        return self.text(question.idea) if question.idea is not None else self.text(question.prompt)

    def part_label(self, part: str | None) -> str:
        return self._(f"question.part_{part}") if part else ""

    def level_name(self, level: int | None) -> str:
        return self.text(self.q.level(level).name) if level else "—"

    # -- the whole context ---------------------------------------------------------------

    def build(self, folders) -> dict[str, Any]:
        w = self.w
        author = w.organisation
        context = {
            "lang": self.lang,
            "anonymous": self.anonymous,
            "k": self.k,
            "doc": {
                "title": f"{self._('doc.title')} — {w.organisation}",
                "author": author,
                "subject": self._("doc.subject", organisation=w.organisation),
                "keywords": "cxalign, " + ", ".join(
                    self._(k) for k in ("section.maturity", "section.alignment", "section.recommendations")
                ),
                "generator": f"cxalign {__version__}",
                "created": w.date.isoformat(),
            },
            "cover": self.cover(folders),
            "summary": self.summary(),
            "participants": self.participants(),
            "definitions": self.definitions(),
            "question_sections": self.question_sections(),
            "maturity": self.maturity(),
            "alignment": self.alignment(),
            "hotspots": self.hotspots(),
            "recommendations": self.recommendations(),
            "method": self.method(),
            "answers": self.answers(),
        }
        context["toc"] = self.toc(context)
        return context

    def toc(self, context: dict[str, Any]) -> list[dict[str, Any]]:
        entries = [
            {"anchor": "summary", "title": self._("section.summary"), "level": 1},
            {"anchor": "definitions", "title": self._("section.definitions"), "level": 1},
        ]
        for section in context["question_sections"]:
            entries.append({"anchor": section["anchor"], "title": section["title"], "level": 1})
            for q in section["questions"]:
                entries.append({"anchor": q["anchor"], "title": q["title"], "level": 2})
        entries += [
            {"anchor": "maturity", "title": self._("section.maturity"), "level": 1},
            {"anchor": "alignment", "title": self._("section.alignment"), "level": 1},
            {"anchor": "hotspots", "title": self._("section.hotspots"), "level": 2},
            {"anchor": "recommendations", "title": self._("section.recommendations"), "level": 1},
            {"anchor": "method", "title": self._("section.method"), "level": 1},
            {"anchor": "answers", "title": self._("section.answers"), "level": 1},
        ]
        return entries

    # -- cover ---------------------------------------------------------------------------

    def cover(self, folders) -> dict[str, Any]:
        w = self.w
        date = self._long_date(w.date)
        return {
            "title": self._("doc.title"),
            "organisation": w.organisation,
            "workshop": w.name,
            "date": date,
            "language": self._(f"lang.{self.lang}"),
            "respondents": self._("cover.respondents_value", n=len(self.a.respondents), total=len(w.participants)),
            "questionnaire": f"{self.text(self.q.title)} ({self.q.version})",
            "logo_url": folders.url("logo.svg") or folders.url("logo.png"),
            "generated": self._("cover.generated", version=__version__, date=self._long_date(dt.date.today())),
        }

    _MONTHS = {
        "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
               "octobre", "novembre", "décembre"),
        "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December"),
    }

    def _long_date(self, day: dt.date) -> str:
        month = self._MONTHS["en" if self.lang == "en" else "fr"][day.month - 1]
        if self.lang == "en":
            return f"{day.day} {month} {day.year}"
        return f"{'1er' if day.day == 1 else day.day} {month} {day.year}"


def build_context(analysis: WorkshopAnalysis, folders, *, lang: str, anonymous: bool) -> dict[str, Any]:
    """The template context of a report (see the module docstring for what anonymity changes)."""
    return Report(analysis, lang=lang, anonymous=anonymous).build(folders)
