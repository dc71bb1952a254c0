"""Comparisons in words: labels, numbers and the console tables of ``cxalign compare``
and of the groups (the section ``cxalign analyze`` prints when a workshop has groups).

User text (names, roles, group names) is data: it goes into Rich ``Text`` objects
and table cells as plain strings, never as markup.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence

from cxalign.analysis.result import WorkshopAnalysis
from cxalign.compare.groups import GroupComparison
from cxalign.compare.over_time import Comparison, without_personal_figures
from cxalign.i18n import pair, role_label, tr
from cxalign.present import wording
from cxalign.present.numbers import EMPTY
from cxalign.present.wording import quote

#: Group keys translated in the interface and the report; any other group is kept as typed.
KNOWN_GROUPS = ("comex", "managers", "front_line", "board")


def t(key: str, lang: str, **fields: object) -> str:
    return tr(key, lang, "compare", **fields)


def group_label(group: str, lang: str) -> str:
    return t(f"group.{group}", lang) if group in KNOWN_GROUPS else group


def num(value: float | None, lang: str, digits: int = 2) -> str:
    if value is None:
        return EMPTY
    text = f"{value:.{digits}f}"
    return text.replace(".", ",") if lang == "fr" else text


def signed(value: float | None, lang: str, digits: int = 2) -> str:
    if value is None:
        return EMPTY
    if round(value, digits) == 0:
        return num(0.0, lang, digits)
    return ("+" if value > 0 else "−") + num(abs(value), lang, digits)


def join(items: Sequence[str], lang: str) -> str:
    items = list(items)
    if not items:
        return t("none", lang)
    if len(items) == 1:
        return items[0]
    word = " et " if lang == "fr" else " and "
    return ", ".join(items[:-1]) + word + items[-1]


def question_title(analysis: WorkshopAnalysis, key: str, lang: str) -> str:
    qid, _, part = key.partition(":")
    return wording.question_title(analysis, qid, part or None, lang)


def dimension_name(analysis: WorkshopAnalysis, dim_id: str, lang: str) -> str:
    dim = analysis.questionnaire.dimension(dim_id)
    return dim.name.get(lang) if dim else dim_id


def item_name(analysis: WorkshopAnalysis, item_id: str, lang: str) -> str:
    question = analysis.questionnaire.question(item_id)
    return question.prompt.get(lang) if question else item_id


def concept_label(analysis: WorkshopAnalysis, concept_id: str, lang: str) -> str:
    concept = next((c for c in analysis.questionnaire.concepts if c.id == concept_id), None)
    return concept.label.get(lang).lower() if concept else concept_id


def concepts_text(analysis: WorkshopAnalysis, concepts: Sequence[str], lang: str) -> str:
    return join([concept_label(analysis, c, lang) for c in concepts], lang)


def comparison_anonymous(comparison: Comparison, anonymous: bool = False) -> bool:
    return anonymous or comparison.before.workshop.anonymous or comparison.after.workshop.anonymous


def person_labels(comparison: Comparison, lang: str, anonymous: bool) -> list[str]:
    """A label per person of the comparison: the name, or the role ("Marketing (2)" when shared)."""
    if not anonymous:
        return [p.name for p in comparison.people]
    roles = [role_label(p.role, lang) for p in comparison.people]
    seen: dict[str, int] = {}
    out = []
    for role in roles:
        seen[role] = seen.get(role, 0) + 1
        out.append(f"{role} ({seen[role]})" if roles.count(role) > 1 else role)
    return out


def summary_lines(comparison: Comparison, lang: str) -> list[str]:
    """The few sentences of "what moved"."""
    after = comparison.after
    lines = [
        t("summary.maturity", lang, before=num(comparison.overall_before, lang, 1),
          after=num(comparison.overall_after, lang, 1), change=signed(comparison.overall_change, lang, 1)),
        t("summary.alignment", lang, before=num(comparison.before.overall_alignment, lang),
          after=num(comparison.after.overall_alignment, lang), change=signed(comparison.alignment_change, lang)),
    ]
    beyond = [dimension_name(after, d.id, lang) for d in comparison.dimensions if d.exceeds_spread]
    lines.append(t("summary.beyond", lang, dims=join(beyond, lang)) if beyond else t("summary.beyond_none", lang))
    for kind in ("resolved", "new", "persisting"):
        keys = getattr(comparison, kind)
        if keys:
            lines.append(t(f"summary.{kind}", lang, n=len(keys),
                           items=join([quote(question_title(after, k, lang), lang) for k in keys], lang)))
    where = [p.where for p in comparison.people]
    lines.append(t("summary.people", lang, both=where.count("both"), left=where.count("before"),
                   joined=where.count("after")))
    return lines


def left_out_line(comparison: Comparison, lang: str) -> str | None:
    ids = list(comparison.left_out_before) + [i for i in comparison.left_out_after if i not in comparison.left_out_before]
    if not ids:
        return None
    return t("left_out", lang, n=len(comparison.after.questionnaire.questions), ids=", ".join(ids),
             v1=comparison.before.workshop.questionnaire.version, v2=comparison.after.workshop.questionnaire.version)


# -- console -------------------------------------------------------------------
def print_comparison(comparison: Comparison, *, as_json: bool = False, lang: str | None = None,
                     anonymous: bool = False, folders: tuple[str, str] | None = None, file=None) -> None:
    out = file or sys.stdout
    if as_json:
        from cxalign.compare.jsonout import comparison_to_json

        data = comparison_to_json(comparison, anonymous=comparison_anonymous(comparison, anonymous), folders=folders)
        out.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return
    render_comparison(comparison, lang or comparison.after.workshop.language, out,
                      anonymous=comparison_anonymous(comparison, anonymous))


def render_comparison(comparison: Comparison, lang: str, out, *, anonymous: bool) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(file=out, highlight=False, soft_wrap=False)
    if anonymous:
        comparison = without_personal_figures(comparison)
    b, a = comparison.before, comparison.after
    console.print(Text(t("title.long", lang, org=a.workshop.organisation), style="bold"))
    console.print(Text(pair(t("before", lang), f"{b.workshop.name} ({b.workshop.date.isoformat()})", lang)))
    console.print(Text(pair(t("after", lang), f"{a.workshop.name} ({a.workshop.date.isoformat()})", lang)))
    note = left_out_line(comparison, lang)
    if note:
        console.print(Text(note, style="yellow"))
    console.print()
    for line in summary_lines(comparison, lang):
        console.print(Text("• " + line))
    console.print()

    table = Table(title=t("section.dimensions", lang), title_justify="left")
    table.add_column(t("dimension", lang))
    for head in ("before", "after", "change"):
        table.add_column(t(head, lang), justify="right")
    table.add_column(t("spread", lang), justify="right")
    table.add_column(t("beyond_spread", lang))
    for d in comparison.dimensions:
        table.add_row(
            dimension_name(a, d.id, lang), num(d.before, lang, 1), num(d.after, lang, 1), signed(d.change, lang, 1),
            f"{num(d.spread_before, lang, 1)} → {num(d.spread_after, lang, 1)}",
            EMPTY if d.exceeds_spread is None else t("yes" if d.exceeds_spread else "no", lang),
        )
    console.print(table)

    table = Table(title=t("section.hotspots", lang), title_justify="left")
    table.add_column("")
    table.add_column(t("question", lang))
    for kind in ("resolved", "persisting", "new"):
        keys = getattr(comparison, kind)
        for i, key in enumerate(keys):
            table.add_row(t(f"hotspots.{kind}", lang) if i == 0 else "", question_title(a, key, lang))
        if not keys:
            table.add_row(t(f"hotspots.{kind}", lang), t("none", lang))
    console.print(table)

    table = Table(title=t("section.questions", lang), title_justify="left")
    table.add_column(t("question", lang), overflow="fold", max_width=60)
    for head in ("before", "after", "change"):
        table.add_column(t(head, lang), justify="right")
    for q in comparison.questions:
        style = "bold" if q.key in comparison.new or q.key in comparison.resolved else None
        table.add_row(question_title(a, q.key, lang), num(q.before, lang), num(q.after, lang),
                      signed(q.change, lang), style=style)
    console.print(table)

    table = Table(title=t("section.people", lang), title_justify="left")
    table.add_column(t("role" if anonymous else "person", lang))
    if not anonymous:  # an anonymous output gives no figure of one person
        table.add_column(t("role", lang))
    table.add_column("")
    if not anonymous:
        table.add_column(t("maturity.short", lang), justify="right")
        table.add_column(t("similarity", lang), justify="right")
    table.add_column(t("concepts.gained", lang), overflow="fold")
    table.add_column(t("concepts.lost", lang), overflow="fold")
    for label, p in zip(person_labels(comparison, lang, anonymous), comparison.people):
        where = t(f"in.{p.where}", lang) + (" " + t("matched.name", lang) if p.matched_by == "name" else "")
        figures = [] if anonymous else [
            f"{num(p.maturity_before, lang, 1)} → {num(p.maturity_after, lang, 1)}",
            f"{num(p.similarity_before, lang)} → {num(p.similarity_after, lang)}",
        ]
        table.add_row(
            label, *([] if anonymous else [role_label(p.role, lang)]), where, *figures,
            concepts_text(a, p.gained, lang) if p.where == "both" else "",
            concepts_text(a, p.lost, lang) if p.where == "both" else "",
        )
    console.print(table)
    console.print(Text(t("concepts.room", lang, gained=concepts_text(a, comparison.concepts_gained, lang),
                         lost=concepts_text(a, comparison.concepts_lost, lang))))


def render_groups(comparison: GroupComparison, analysis: WorkshopAnalysis, lang: str, out) -> None:
    """The groups of a workshop as console tables (for ``cxalign analyze``)."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(file=out, highlight=False, soft_wrap=False)
    console.print(Text(t("groups.title", lang), style="bold"))
    names = [group_label(g.id, lang) for g in comparison.groups]
    console.print(Text(t("groups.intro", lang, n=len(names), groups=join(names, lang))))
    if comparison.ungrouped:
        console.print(Text(t("groups.ungrouped", lang, n=len(comparison.ungrouped))))
    shown = [g for g in comparison.groups if g.analysis is not None]
    for g in comparison.groups:
        if g.hidden:
            console.print(Text(f"{group_label(g.id, lang)}: " + t("groups.hidden", lang, min=comparison.min_group_size)))
    if not shown:
        return
    table = Table(title=t("groups.maturity", lang), title_justify="left")
    table.add_column(t("dimension", lang))
    for g in shown:
        table.add_column(f"{group_label(g.id, lang)} ({g.n})", justify="right")
    for dim in shown[0].analysis.dimensions:
        row = [dimension_name(analysis, dim.id, lang)]
        for g in shown:
            d = g.analysis.dimension(dim.id)
            row.append(num(d.current if d else None, lang, 1))
        table.add_row(*row)
    table.add_row(t("groups.alignment", lang), *[num(g.analysis.overall_alignment, lang) for g in shown], style="dim")
    console.print(table)
    for gap in comparison.gaps:
        ga, gb = group_label(gap.a, lang), group_label(gap.b, lang)
        table = Table(title=t("groups.differ", lang, a=ga, b=gb), title_justify="left")
        table.add_column(t("question", lang), overflow="fold", max_width=60)
        table.add_column(t("groups.measure", lang), justify="right")
        for q in gap.differing:
            table.add_row(question_title(analysis, q.key, lang), num(q.value, lang))
        if gap.differing:
            console.print(table)
        else:
            console.print(Text(t("groups.differ_none", lang, a=ga, b=gb)))
        dd = gap.definitions
        console.print(Text(t("groups.definitions", lang, a=ga, b=gb, distance=num(dd.distance, lang),
                             wa=num(dd.within_a, lang), wb=num(dd.within_b, lang))))


def print_groups(analysis: WorkshopAnalysis, lang: str, out) -> None:
    """The groups section of ``cxalign analyze`` (nothing with fewer than two groups)."""
    from cxalign.compare.groups import compare_analysis_groups

    comparison = compare_analysis_groups(analysis)
    if comparison is not None:
        out.write("\n")
        render_groups(comparison, analysis, lang, out)
