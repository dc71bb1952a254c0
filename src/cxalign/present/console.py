"""``cxalign analyze``: the analysis as readable tables (rich) or as JSON.

User text is data: every name, role, organisation, answer and file name goes
through :func:`clean` (control and format characters removed, so no escape
sequence reaches the terminal) and into a :class:`rich.text.Text` (never parsed
as markup). Tables fit the console width: at 80 columns the narrow layout drops
the id and method columns and wraps (folds) words instead of cutting them.
An anonymous workshop follows the anonymous report's rules (see
:mod:`cxalign.present.jsonout`).
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from collections import Counter

from cxalign.analysis.engine import analyze_folder
from cxalign.analysis.pairwise import aggregate_roles
from cxalign.analysis.result import WorkshopAnalysis
from cxalign.analysis.thresholds import CONSOLE_LIST_MAX, CONSOLE_MATRIX_MAX, STANDS_APART_MIN, status_of
from cxalign.i18n import role_label, tr
from cxalign.present import numbers, wording
from cxalign.present.jsonout import analysis_to_json
from cxalign.textfit import fit

#: Kept for callers of the former name.
LIST_MAX = CONSOLE_LIST_MAX
#: From this width the question ids are shown (and the method from :data:`WIDEST_MIN`).
WIDE_MIN = 110
WIDEST_MIN = 150

_STYLE = {"aligned": "green", "mixed": "yellow", "hotspot": "bold red", None: "dim"}
#: C0/C1 controls, DEL, and Unicode format characters (bidi overrides, zero-width…).
_UNSAFE_JSON = re.compile(r"[\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]")


def clean(text: object) -> str:
    """User text made safe for a terminal: tabs become spaces; every other control or format
    character (ESC, C1, bidi overrides, zero-width) is dropped; new lines are kept."""
    out = []
    for ch in str(text):
        if ch == "\n":
            out.append(ch)
        elif ch == "\t":
            out.append(" ")
        elif unicodedata.category(ch) in ("Cc", "Cf"):
            continue
        else:
            out.append(ch)
    return "".join(out)


def json_text(data: dict) -> str:
    """The JSON of ``analyze --json``: C0 controls are escaped by ``json``; C1 controls and
    format characters (which ``ensure_ascii=False`` would write raw) are written as ``\\uXXXX``."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return _UNSAFE_JSON.sub(lambda m: "\\u%04x" % ord(m.group(0)), text)


def _t(key: str, lang: str, **fields: object) -> str:
    return tr(key, lang, "analysis", **fields)


def print_analysis(folder, as_json: bool = False, lang: str | None = None, file=None,
                   width: int | None = None) -> WorkshopAnalysis:
    """Analyse a workshop folder and print it; ``as_json`` prints exactly the JSON contract.

    Unreadable response files are left out and announced (on stderr as well, and in the tables).
    """
    analysis = analyze_folder(folder)
    out = file or sys.stdout
    if analysis.unreadable and file is None:  # loudly, on stderr too, so a script sees it
        warn = lang or analysis.workshop.language
        sys.stderr.write(clean(_t("console.unreadable", warn, k=len(analysis.unreadable))) + "\n")
        for u in analysis.unreadable:
            sys.stderr.write("  " + clean(f"{u.path}: {u.reason}") + "\n")
    if as_json:
        out.write(json_text(analysis_to_json(analysis)) + "\n")
        return analysis
    render(analysis, lang or analysis.workshop.language, out, width=width)
    from cxalign.compare.present import print_groups  # the groups, when there are two or more (issue 12)

    print_groups(analysis, lang or analysis.workshop.language, out)
    return analysis


def _idx(value: float | None, lang: str = "en") -> str:
    return numbers.index(value, lang)


def render(analysis: WorkshopAnalysis, lang: str, out, width: int | None = None) -> None:
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(file=out, highlight=False, soft_wrap=False, emoji=False, markup=False, width=width)
    wide = console.width >= WIDE_MIN
    workshop = analysis.workshop
    anonymous = workshop.anonymous
    k_min = workshop.min_group_size
    namer = wording.default_namer(analysis, anonymous, lang)
    q = analysis.questionnaire

    def T(text: object, style: str = ""):  # noqa: N802 - a tiny constructor
        """Text as data (never markup), wrapped without ever starting a line with ? ; : ! »."""
        return fit(clean(text), style=style)

    def table(title: str, **kwargs) -> Table:
        return Table(title=Text(clean(title)), title_justify="left", expand=False, **kwargs)

    def col(t: Table, header: str, **kwargs) -> None:
        kwargs.setdefault("overflow", "fold")
        t.add_column(T(header), **kwargs)

    console.print(T(f"{workshop.name} — {workshop.organisation} ({workshop.date.isoformat()})", "bold"))
    console.print(T(_t("console.questionnaire", lang, id=q.id, version=q.version)))
    if anonymous:
        console.print(T(_t("console.anonymous", lang, k=k_min), "italic"))
    console.print()

    # unreadable responses: loudly, first
    if analysis.unreadable:
        console.print(T(_t("console.unreadable", lang, k=len(analysis.unreadable)), "bold red"))
        for u in analysis.unreadable:
            who = numbers.EMPTY if anonymous or not u.participant else namer(u.participant)
            console.print(T("  " + _t("console.unreadable_row", lang, path=u.path, who=who, reason=u.reason), "red"))
        console.print()

    # respondents
    total = len(q.questions)
    statuses = ("submitted", "in_progress", "not_started")
    if len(workshop.participants) <= CONSOLE_LIST_MAX and not anonymous:
        t = table(_t("console.respondents", lang))
        col(t, _t("console.person", lang))
        col(t, _t("console.role", lang))
        col(t, _t("console.status", lang))
        col(t, _t("console.answered", lang), justify="right")
        for p in workshop.participants:
            response = analysis.responses.get(p.id)
            status = response.status if response else "not_started"
            answered = sum(1 for a in response.answers.values() if a.is_answered) if response else 0
            t.add_row(T(namer(p.id)), T(role_label(p.role, lang)), T(tr(f"status.{status}", lang)),
                      T(f"{answered}/{total}"))
    else:  # anonymous or a large survey: counts per role and status instead of one row per person
        t = table(_t("console.respondents", lang))
        col(t, _t("console.role", lang))
        for status in statuses:
            col(t, tr(f"status.{status}", lang), justify="right")
        counts: dict[str, Counter] = {}
        for p in workshop.participants:
            response = analysis.responses.get(p.id)
            counts.setdefault(p.role, Counter())[response.status if response else "not_started"] += 1
        for role, c in counts.items():
            t.add_row(T(role_label(role, lang)), *(T(str(c[s])) for s in statuses))
    console.print(t)

    # the verdict, then the overall figures
    console.print(T(_t("console.verdict", lang) + " " + wording.verdict_sentence(analysis, lang, namer, anonymous), "bold"))
    overall = analysis.overall_alignment
    line = Text(clean(_t("console.overall", lang) + " "))
    verdict = analysis.verdict.label if analysis.verdict else None
    style = _STYLE[status_of(overall)] if verdict not in ("aligned_except", "camps") else "yellow"
    line.append(f"{_idx(overall, lang)} ({wording.verdict_label(analysis, lang)})", style=style)
    console.print(line)
    m = analysis.maturity
    console.print(T(_t("console.maturity_overall", lang, current=numbers.number(m.current, lang),
                       level=wording.level_name(analysis, m.level, lang), target=numbers.number(m.target, lang),
                       gap=numbers.number(m.gap, lang))))
    console.print()

    def consensus_text(c) -> str:
        if c is None:
            return ""
        value = f"{numbers.number(c.current, lang)} → {numbers.number(c.target, lang)}"
        text = _t("console.consensus_recorded", lang, value=value)
        return text + (f" — {c.comment}" if c.comment else "")

    # hot spots, in discussion order
    n_resp = len(analysis.respondents)
    if analysis.hotspots:
        t = table(_t("console.hotspots", lang), show_lines=True)
        col(t, "#", justify="right")
        col(t, _t("console.question", lang), ratio=2)
        col(t, _t("console.index", lang), justify="right")
        col(t, _t("console.positions", lang), ratio=3)
        for h in analysis.hotspots:
            row = analysis.agreement(h.question, h.part)
            title = Text(clean(wording.question_title(analysis, h.question, h.part, lang)))
            meta = [wording.pattern_label(h.pattern, lang)]
            if wide:
                meta = [h.key, row.method if row else "", *meta]
            title.append("\n" + clean(" · ".join(x for x in meta if x)), style="dim")
            title = fit(title)
            if anonymous:
                cell = Text(clean(wording.anonymous_hotspot_sentence(h, n_resp, lang)))
            else:
                cell = Text(clean(wording.hotspot_sentence(analysis, h, lang, namer)))
                extra = wording.without_sentence(h, lang, namer)
                if extra:
                    cell.append("\n" + clean(extra), style="dim")
            agreed = consensus_text(row.consensus if row else None)
            if agreed:
                cell.append("\n" + clean(agreed), style="cyan")
            t.add_row(T(str(h.rank)), title, T(_idx(h.index, lang), "bold red" if h.pattern == "split" else "yellow"),
                      fit(cell))
        console.print(t)
    else:
        console.print(T(_t("console.no_hotspots", lang)))
    console.print()

    # who stands where, and camps
    if analysis.people and not anonymous and analysis.pairwise.level == "person":
        t = table(_t("console.people", lang))
        col(t, _t("console.person", lang), ratio=2)
        col(t, _t("console.similarity", lang), justify="right")
        col(t, _t("console.apart_on", lang), justify="right")
        col(t, _t("console.closest", lang), ratio=2)
        for p in analysis.people:
            ref = next((r.author.get(lang) for r in q.references if r.id == p.closest_reference), numbers.EMPTY)
            t.add_row(T(namer(p.id)), T(_idx(p.mean_similarity, lang)), T(str(len(p.stands_apart_on))), T(ref))
        console.print(t)
        for p in analysis.people:
            if len(p.stands_apart_on) >= STANDS_APART_MIN:
                console.print(T("• " + wording.person_sentence(analysis, p, lang, namer)))
        console.print()
    if analysis.camps and not anonymous:
        console.print(T(_t("console.camps", lang), "bold"))
        for c in analysis.camps:
            console.print(T("• " + wording.camp_sentence(analysis, c, lang, namer)))
        console.print()

    # agreement per question
    t = table(_t("console.questions", lang))
    widest = console.width >= WIDEST_MIN
    col(t, _t("console.question", lang), ratio=1)
    if wide:
        col(t, "id", style="dim", no_wrap=True)
    if widest:
        col(t, _t("console.method", lang), no_wrap=True)
    col(t, _t("console.index", lang), justify="right")
    col(t, "n", justify="right")
    col(t, _t("console.dont_know", lang), justify="right")
    col(t, _t("console.agreement", lang))
    for row in analysis.questions:
        label = wording.short_title(analysis, row.key, lang)
        reading = Text(clean(wording.agreement_label(row.index, lang)), style=_STYLE[row.status])
        if row.pattern == "lone_dissent":
            reading.append(" · " + wording.pattern_label(row.pattern, lang), style="yellow")
        agreed = consensus_text(row.consensus)
        if agreed:
            reading.append("\n" + clean(agreed), style="cyan")
        cells = [T(label)]
        if wide:
            cells.append(T(row.key, "dim"))
        if widest:
            cells.append(T(row.method))
        cells += [T(_idx(row.index, lang)), T(str(row.n)), T(str(row.dont_know)), fit(reading)]
        t.add_row(*cells)
    console.print(t)
    console.print()

    # maturity
    t = table(_t("console.maturity", lang))
    with_consensus = any(d.consensus is not None for d in analysis.dimensions)
    keys = [("dimension", "left"), ("current", "right"), ("level", "left"), ("target", "right"),
            ("gap", "right"), ("spread", "right")] + ([("consensus", "left")] if with_consensus else [])
    for key, justify in keys:
        col(t, _t(f"console.{key}", lang), justify=justify, ratio=2 if key in ("dimension", "level") else None)
    for d in analysis.dimensions:
        name = q.dimension(d.id).name.get(lang)
        spread = numbers.EMPTY if d.min is None else f"{numbers.number(d.min, lang)}–{numbers.number(d.max, lang)}"
        cells = [T(name), T(numbers.number(d.current, lang)), T(wording.level_name(analysis, d.level, lang)),
                 T(numbers.number(d.target, lang)), T(numbers.number(d.gap, lang)), T(spread)]
        if with_consensus:
            cells.append(T("" if d.consensus is None else
                           f"{numbers.number(d.consensus.current, lang)} → {numbers.number(d.consensus.target, lang)}"))
        t.add_row(*cells)
    console.print(t)
    console.print()

    # definitions
    if analysis.definitions and len(analysis.definitions) <= CONSOLE_LIST_MAX and not anonymous:
        t = table(_t("console.definitions", lang), show_lines=True)
        col(t, _t("console.person", lang), ratio=1)
        col(t, _t("console.definition", lang), ratio=2)
        col(t, _t("console.reading", lang), ratio=2)
        for reading in analysis.definitions:
            text = reading.text if not reading.dont_know else tr("dont_know", lang)
            t.add_row(T(namer(reading.respondent)), T(text),
                      T(wording.definition_sentence(analysis, reading, lang, namer)))
        console.print(t)
        console.print()
    elif analysis.definitions:  # many definitions, or anonymous: how often each concept is used
        readings = [d for d in analysis.definitions if not d.dont_know]
        tally = Counter(c for d in readings for c in d.concepts)
        narrow = Counter(v for d in readings for v in d.narrow)
        t = table(_t("console.definitions", lang))
        col(t, _t("console.concept", lang), ratio=3)
        col(t, _t("console.used_by", lang), justify="right")
        for concept in q.concepts:
            if tally[concept.id]:
                share = wording.percent(tally[concept.id] / len(readings), lang) if readings else numbers.EMPTY
                t.add_row(T(concept.label.get(lang)), T(f"{tally[concept.id]} ({share})"))
        for view in q.narrow_views:
            if narrow[view.id]:
                t.add_row(T(view.label.get(lang), "yellow"), T(str(narrow[view.id])))
        console.print(t)
        console.print()

    # pairwise: people numbered, so that twelve columns fit 80 characters
    pw = analysis.pairwise
    if anonymous:
        pw = aggregate_roles(pw, {p.id: p.role for p in workshop.participants}, k_min)
    if pw.ids and len(pw.ids) <= CONSOLE_MATRIX_MAX and (pw.level == "person" or len(pw.ids) >= 2):
        title = _t("console.pairwise_role" if pw.level == "role" else "console.pairwise", lang)
        t = table(title, box=box.SIMPLE_HEAD, padding=(0, 1))
        labels = [role_label(i, lang) if pw.level == "role" else namer(i) for i in pw.ids]
        col(t, "", ratio=1, min_width=8)
        for number, _ in enumerate(labels, 1):
            col(t, str(number), justify="right", no_wrap=True, min_width=4)
        for number, (label, row) in enumerate(zip(labels, pw.matrix), 1):
            cells = [T(_idx(v, lang), _STYLE[status_of(v)]) for v in row]
            t.add_row(T(f"{number} {label}"), *cells)
        console.print(t)
