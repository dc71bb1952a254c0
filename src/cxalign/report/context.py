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
import re
from collections import Counter
from collections.abc import Callable
from typing import Any

from cxalign import __version__
from cxalign.analysis import wording
from cxalign.analysis.result import DimensionMaturity, QuestionAgreement, WorkshopAnalysis, status_of
from cxalign.i18n import role_label, tr
from cxalign.models.questionnaire import FOUR_QUESTIONS, AllocationQuestion, TextQuestion
from cxalign.report import answers as answer_text
from cxalign.report import charts as chart_kit
from cxalign.report.positions import MATRIX_MAX, answer_view, shade

#: A reference whose source is one of the domain seed files (``000_…txt``): not worth printing.
_SEED_FILE = re.compile(r"^\d{3}_[0-9a-f]+\.txt$")

#: The heat map prints person × person up to this many people; above, it groups by role.
HEATMAP_PERSON_MAX = 20


# -- formatting ------------------------------------------------------------------------

def number(value: float | None, digits: int, lang: str) -> str:
    """A number with the language's decimal separator; an em dash for None."""
    if value is None:
        return "—"
    text = f"{value:.{digits}f}"
    if text.startswith("-") and float(text) == 0:
        text = text[1:]
    return text.replace(".", ",") if lang == "fr" else text


def _heat(value: float | None) -> tuple[str, str]:
    """Background and text colours of a [0, 1] value: red (0) through pale (0.5) to green (1)."""
    if value is None:
        return "#eef0f3", "#5b6472"
    low, mid, high = (192, 57, 43), (248, 239, 214), (24, 106, 77)
    v = min(1.0, max(0.0, value))
    a, b, t = (low, mid, v / 0.5) if v <= 0.5 else (mid, high, (v - 0.5) / 0.5)
    rgb = tuple(round(a[i] + (b[i] - a[i]) * t) for i in range(3))
    text = "#ffffff" if v < 0.18 or v > 0.72 else "#1f2a37"
    return "#%02x%02x%02x" % rgb, text


def _level_heat(value: float | None) -> tuple[str, str]:
    """Colours of a 1..5 maturity value: white (1) to the report's blue (5) — a level, not a verdict."""
    if value is None:
        return "#eef0f3", "#5b6472"
    return shade(0.85 * (value - 1) / 4)


class Report:
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
        a, w = self.a, self.w
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

    # -- summary ---------------------------------------------------------------------------
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

    # -- participants ------------------------------------------------------------------------
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

    # -- definitions ------------------------------------------------------------------------
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
                {"author": self.text(r.author), "source": "" if _SEED_FILE.match(r.source) else r.source, "text": self.text(r.text),
                 "concepts": [self.concept_label(c) for c in r.concepts]}
                for r in self.q.references
            ],
            "questions": others,
            "questions_note": self._("question.hidden_positions", k=self.k) if self.anonymous else "",
        }

    # -- the four questions ------------------------------------------------------------------
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

    # -- maturity ---------------------------------------------------------------------------
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
                bg, fg = _level_heat(value)
                cells.append({"text": self.num(value, 1), "bg": bg, "fg": fg})
            rows.append({"label": self.namer(pid), "cells": cells})
        return {"headers": headers, "rows": rows}

    # -- alignment ---------------------------------------------------------------------------
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
                bg, fg = _heat(value)
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

    # -- hot spots ---------------------------------------------------------------------------
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

    # -- recommendations -----------------------------------------------------------------------
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

    # -- method appendix -----------------------------------------------------------------------
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

    # -- answers appendix ------------------------------------------------------------------------
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


def build_context(analysis: WorkshopAnalysis, folders, *, lang: str, anonymous: bool) -> dict[str, Any]:
    """The template context of a report (see the module docstring for what anonymity changes)."""
    return Report(analysis, lang=lang, anonymous=anonymous).build(folders)
