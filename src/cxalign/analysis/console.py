"""``cxalign analyze``: the analysis as readable tables (rich) or as JSON."""

from __future__ import annotations

import json
import sys
from collections import Counter

from cxalign.analysis.engine import analyze_folder
from cxalign.analysis.result import WorkshopAnalysis, status_of
from cxalign.analysis import wording
from cxalign.i18n import role_label, tr

#: Above this many participants, people are counted rather than listed.
LIST_MAX = 30

_STYLE = {"aligned": "green", "mixed": "yellow", "hotspot": "bold red", None: "dim"}


def _t(key: str, lang: str, **fields: object) -> str:
    return tr(key, lang, "analysis", **fields)


def print_analysis(folder, as_json: bool = False, lang: str | None = None, file=None) -> WorkshopAnalysis:
    """Analyse a workshop folder and print it; ``as_json`` prints exactly the JSON contract."""
    analysis = analyze_folder(folder)
    out = file or sys.stdout
    if as_json:
        out.write(json.dumps(analysis.to_json(), ensure_ascii=False, indent=2) + "\n")
        return analysis
    render(analysis, lang or analysis.workshop.language, out)
    from cxalign.compare.present import print_groups  # issue 12: the groups, when there are two or more

    print_groups(analysis, lang or analysis.workshop.language, out)
    return analysis


def _idx(value: float | None, lang: str = "en") -> str:
    if value is None:
        return "–"
    text = f"{value:.2f}"
    return text.replace(".", ",") if lang == "fr" else text


def render(analysis: WorkshopAnalysis, lang: str, out) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(file=out, highlight=False, soft_wrap=False)
    workshop = analysis.workshop
    anonymous = workshop.anonymous
    namer = wording.default_namer(analysis, anonymous, lang)
    q = analysis.questionnaire

    console.print(Text(f"{workshop.name} — {workshop.organisation} ({workshop.date.isoformat()})", style="bold"))
    console.print(_t("console.questionnaire", lang, id=q.id, version=q.version))
    console.print()

    # respondents
    total = len(q.questions)
    if len(workshop.participants) <= LIST_MAX:
        table = Table(title=_t("console.respondents", lang), title_justify="left")
        table.add_column(_t("console.person", lang))
        table.add_column(_t("console.role", lang))
        table.add_column(_t("console.status", lang))
        table.add_column(_t("console.answered", lang), justify="right")
        for p in workshop.participants:
            response = analysis.responses.get(p.id)
            status = response.status if response else "not_started"
            answered = sum(1 for a in response.answers.values() if a.is_answered) if response else 0
            table.add_row(namer(p.id), role_label(p.role, lang), tr(f"status.{status}", lang), f"{answered}/{total}")
    else:  # a large survey: counts per role and status instead of one row per person
        table = Table(title=_t("console.respondents", lang), title_justify="left")
        table.add_column(_t("console.role", lang))
        statuses = ("submitted", "in_progress", "not_started")
        for status in statuses:
            table.add_column(tr(f"status.{status}", lang), justify="right")
        counts: dict[str, Counter] = {}
        for p in workshop.participants:
            response = analysis.responses.get(p.id)
            counts.setdefault(p.role, Counter())[response.status if response else "not_started"] += 1
        for role, c in counts.items():
            table.add_row(role_label(role, lang), *(str(c[s]) for s in statuses))
    console.print(table)

    # overall
    overall = analysis.overall_alignment
    status = status_of(overall)
    line = Text(_t("console.overall", lang) + " ")
    line.append(f"{_idx(overall, lang)} ({wording.agreement_label(overall, lang)})", style=_STYLE[status])
    console.print(line)
    m = analysis.maturity
    console.print(_t("console.maturity_overall", lang, current=wording.number(m.current, lang),
                     level=wording.level_name(analysis, m.level, lang), target=wording.number(m.target, lang),
                     gap=wording.number(m.gap, lang)))
    console.print()

    # hot spots
    if analysis.hotspots:
        table = Table(title=_t("console.hotspots", lang), title_justify="left", show_lines=True)
        table.add_column("#", justify="right")
        table.add_column(_t("console.question", lang), ratio=2)
        table.add_column(_t("console.index", lang), justify="right")
        table.add_column(_t("console.positions", lang), ratio=3)
        for i, h in enumerate(analysis.hotspots, 1):
            row = analysis.agreement(h.question, h.part)
            sentence = wording.hotspot_sentence(analysis, h, lang, namer)
            extra = wording.without_sentence(h, lang, namer)
            table.add_row(
                str(i),
                wording.question_title(analysis, h.question, h.part, lang) + f"\n[dim]{h.key} · {row.method}[/dim]",
                Text(_idx(h.index, lang), style="bold red"),
                sentence + (f"\n[dim]{extra}[/dim]" if extra else ""),
            )
        console.print(table)
    else:
        console.print(_t("console.no_hotspots", lang))
    console.print()

    # agreement per question
    table = Table(title=_t("console.questions", lang), title_justify="left")
    table.add_column(_t("console.question", lang), ratio=1)
    table.add_column("id", style="dim", no_wrap=True)
    table.add_column(_t("console.method", lang))
    table.add_column(_t("console.index", lang), justify="right")
    table.add_column("n", justify="right")
    table.add_column(_t("console.dont_know", lang), justify="right")
    table.add_column(_t("console.agreement", lang))
    for row in analysis.questions:
        question = q.question(row.id)
        label = question.idea.get(lang) if question.idea else question.prompt.get(lang)
        if row.part:
            label += f" ({_t(f'part.{row.part}', lang)})"
        table.add_row(label, Text(row.key, style="dim"), row.method, _idx(row.index, lang),
                      str(row.n), str(row.dont_know),
                      Text(wording.agreement_label(row.index, lang), style=_STYLE[row.status]))
    console.print(table)
    console.print()

    # maturity
    table = Table(title=_t("console.maturity", lang), title_justify="left")
    for key, justify in (("dimension", "left"), ("current", "right"), ("level", "left"), ("target", "right"),
                         ("gap", "right"), ("spread", "right"), ("consensus", "left")):
        table.add_column(_t(f"console.{key}", lang), justify=justify)
    for d in analysis.dimensions:
        name = q.dimension(d.id).name.get(lang)
        spread = "–" if d.min is None else f"{wording.number(d.min, lang)}–{wording.number(d.max, lang)}"
        consensus = ""
        if d.consensus is not None:
            consensus = f"{wording.number(d.consensus.current, lang)} → {wording.number(d.consensus.target, lang)}"
        table.add_row(name, wording.number(d.current, lang), wording.level_name(analysis, d.level, lang),
                      wording.number(d.target, lang), wording.number(d.gap, lang), spread, consensus)
    console.print(table)
    console.print()

    # definitions
    if analysis.definitions and len(analysis.definitions) <= LIST_MAX:
        table = Table(title=_t("console.definitions", lang), title_justify="left", show_lines=True)
        table.add_column(_t("console.person", lang))
        table.add_column(_t("console.definition", lang), ratio=2)
        table.add_column(_t("console.reading", lang), ratio=2)
        for reading in analysis.definitions:
            text = reading.text if not reading.dont_know else tr("dont_know", lang)
            table.add_row(namer(reading.respondent), Text(text),
                          wording.definition_sentence(analysis, reading, lang, namer))
        console.print(table)
        console.print()
    elif analysis.definitions:  # many definitions: how often each concept is used
        readings = [d for d in analysis.definitions if not d.dont_know]
        tally = Counter(c for d in readings for c in d.concepts)
        narrow = Counter(v for d in readings for v in d.narrow)
        table = Table(title=_t("console.definitions", lang), title_justify="left")
        table.add_column(_t("console.concept", lang))
        table.add_column(_t("console.used_by", lang), justify="right")
        for concept in q.concepts:
            if tally[concept.id]:
                share = wording.percent(tally[concept.id] / len(readings), lang) if readings else "–"
                table.add_row(concept.label.get(lang), f"{tally[concept.id]} ({share})")
        for view in q.narrow_views:
            if narrow[view.id]:
                table.add_row(Text(view.label.get(lang), style="yellow"), str(narrow[view.id]))
        console.print(table)
        console.print()

    # pairwise
    pw = analysis.pairwise
    if pw.ids and len(pw.ids) <= 12:
        title = _t("console.pairwise_role" if pw.level == "role" else "console.pairwise", lang)
        table = Table(title=title, title_justify="left")
        labels = [role_label(i, lang) if pw.level == "role" else namer(i) for i in pw.ids]
        table.add_column("")
        for label in labels:
            table.add_column(label, justify="right")
        for label, row in zip(labels, pw.matrix):
            cells = []
            for v in row:
                st = status_of(v)
                cells.append(Text(_idx(v, lang), style=_STYLE[st]))
            table.add_row(label, *cells)
        console.print(table)
