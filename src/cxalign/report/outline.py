"""The report's outline: one list of sections drives the templates and the table of contents.

Each :class:`Section` names the template that lays it out, the context entries
it fills (a plain function of :class:`~cxalign.report.context.ReportContext`
each) and its table-of-contents entries. ``report.html.j2`` includes
``section.template`` for every section of :data:`SECTIONS`, in order, and the
table of contents lists the same sections, so the two cannot disagree. A
section whose part is None ("Who stands where" in an anonymous report, the groups
with fewer than two groups) prints nothing and has no contents entry. A
custom template can still drop an anchor the table of contents links to:
:func:`missing_anchors` finds that after rendering, and the report is refused
with the template's name (see :func:`cxalign.report.render.render_template`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from cxalign.report.context import ReportContext
from cxalign.report.sections import alignment, appendix, cover, definitions, groups, maturity, people, questions, summary


@dataclass(frozen=True)
class TocEntry:
    anchor: str
    title: str
    level: int = 1


def _chapter(anchor: str, key: str, *children: tuple[str, str]) -> Callable[[ReportContext, dict], list[TocEntry]]:
    """A chapter with a fixed anchor and title key, and fixed level-2 entries (anchor, key)."""
    def entries(ctx: ReportContext, built: dict) -> list[TocEntry]:
        return [TocEntry(anchor, ctx.tr(key), 1)] + [TocEntry(a, ctx.tr(k), 2) for a, k in children]
    return entries


def _when(name: str, anchor: str, key: str | None = None, *children: tuple[str, str, str]) -> Callable[[ReportContext, dict], list[TocEntry]]:
    """A chapter listed only when its part ``name`` is not None (else the section prints nothing).

    Its title is ``key`` translated, or the part's own ``title``; ``children`` are (anchor, key, part
    key) entries listed when the part's ``part key`` is not empty."""
    def entries(ctx: ReportContext, built: dict) -> list[TocEntry]:
        part = built.get(name)
        if not part:
            return []
        found = [TocEntry(anchor, ctx.tr(key) if key else part["title"], 1)]
        found += [TocEntry(a, ctx.tr(k), 2) for a, k, sub in children if part.get(sub)]
        return found
    return entries


def _question_chapters(ctx: ReportContext, built: dict) -> list[TocEntry]:
    entries = []
    for section in built["question_sections"]:
        entries.append(TocEntry(section["anchor"], section["title"], 1))
        entries += [TocEntry(q["anchor"], q["title"], 2) for q in section["questions"]]
    return entries


@dataclass(frozen=True)
class Section:
    """One part of the report: its template, what it puts in the template context, its contents entries."""

    template: str
    #: Context name -> function of the report context; the template reads these names.
    parts: Mapping[str, Callable[[ReportContext], Any]]
    toc: Callable[[ReportContext, dict], list[TocEntry]] = field(default=lambda ctx, built: [])


#: The report, in order.
SECTIONS: tuple[Section, ...] = (
    Section("summary.html.j2", {"summary": summary.summary, "participants": summary.participants},
            _chapter("summary", "section.summary")),
    Section("definitions.html.j2", {"definitions": definitions.definitions},
            _chapter("definitions", "section.definitions")),
    Section("questions.html.j2", {"question_sections": questions.question_sections}, _question_chapters),
    Section("maturity.html.j2", {"maturity": maturity.maturity}, _chapter("maturity", "section.maturity")),
    Section("alignment.html.j2", {"alignment": alignment.alignment, "hotspots": alignment.hotspots},
            _chapter("alignment", "section.alignment", ("hotspots", "section.hotspots"))),
    # Named reports only (None, hence no page and no contents entry, when anonymous).
    Section("people.html.j2", {"people": people.people},
            _when("people", "people", "section.people", ("camps", "section.camps", "camps"))),
    # Two groups or more only.
    Section("groups.html.j2", {"groups": groups.groups}, _when("groups", "groups")),
    Section("recommendations.html.j2", {"recommendations": maturity.recommendations},
            _chapter("recommendations", "section.recommendations")),
    Section("method.html.j2", {"method": appendix.method}, _chapter("method", "section.method")),
    Section("answers.html.j2", {"answers": appendix.answers}, _chapter("answers", "section.answers")),
)


def build_context(ctx: ReportContext, sections: tuple[Section, ...] = SECTIONS) -> dict[str, Any]:
    """The template context: the cover, every section's parts, ``sections`` and the ``toc`` made from them."""
    built: dict[str, Any] = {
        "lang": ctx.lang,
        "anonymous": ctx.anonymous,
        "k": ctx.min_group_size,
        "doc": cover.doc(ctx),
        "cover": cover.cover(ctx),
    }
    for section in sections:
        for name, make in section.parts.items():
            built[name] = make(ctx)
    built["toc"] = [{"anchor": e.anchor, "title": e.title, "level": e.level, "template": section.template}
                    for section in sections for e in section.toc(ctx, built)]
    built["sections"] = [{"template": s.template} for s in sections]
    return built


def missing_anchors(html: str, toc: list[dict[str, Any]]) -> list[str]:
    """Anchors the table of contents links to that no element of ``html`` carries."""
    import re

    ids = set(re.findall(r'\bid="([^"]+)"', html))
    return [e["anchor"] for e in toc if e["anchor"] not in ids]
