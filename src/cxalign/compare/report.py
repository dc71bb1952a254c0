"""The compare PDF (``cxalign compare … -o FILE.pdf``) and the data of the main report's groups section.

Everything the templates show is computed here as plain, already-translated
strings and numbers (``compare_context``, ``groups_section``): the templates only
lay it out, and user text reaches them as data (Jinja autoescape). Jinja2,
pygal and WeasyPrint are imported only when a PDF is made.
"""

from __future__ import annotations

from pathlib import Path

from cxalign.analysis.result import WorkshopAnalysis, status_of
from cxalign.compare.groups import GroupComparison, compare_analysis_groups
from cxalign.compare.over_time import Comparison
from cxalign.compare.present import (
    comparison_anonymous,
    concepts_text,
    dimension_name,
    group_label,
    item_name,
    join,
    left_out_line,
    num,
    person_labels,
    question_title,
    signed,
    summary_lines,
    t,
)
from cxalign.errors import InputError
from cxalign.i18n import pair, role_label

COMPARE_TEMPLATE = "compare.html.j2"
GROUPS_TEMPLATE = "groups.html.j2"


def _labels(lang: str, keys) -> dict[str, str]:
    return {k.replace(".", "_"): t(k, lang) for k in keys}


_LABEL_KEYS = (
    "title", "before", "after", "change", "dimension", "question", "person", "role", "workshop", "date",
    "respondents", "maturity", "maturity.short", "alignment", "alignment.short", "spread", "beyond_spread",
    "section.overview", "section.dimensions", "section.hotspots", "section.questions", "section.people",
    "section.definitions", "hotspots.resolved", "hotspots.persisting", "hotspots.new", "similarity",
    "concepts.gained", "concepts.lost", "definition.none", "definition.same", "method", "page", "anonymous_note", "chart.title",
)


def maturity_chart(comparison: Comparison, lang: str) -> str:
    """A horizontal bar chart: each dimension's mean today, before (grey) and after (blue), as a data: URI."""
    import pygal

    from cxalign.report.charts import CURRENT, SPREAD, _config, _style, data_uri

    names = [dimension_name(comparison.after, d.id, lang) for d in comparison.dimensions]
    chart = pygal.HorizontalBar(
        **_config(width=720, height=90 + 52 * len(names), range=(0, 5), show_legend=True, print_values=True,
                  value_formatter=lambda v: num(v, lang, 1), y_labels=[0, 1, 2, 3, 4, 5], spacing=4,
                  show_y_guides=True, x_label_rotation=0, legend_at_bottom=True),
        style=_style((SPREAD, CURRENT), opacity=".95", value_colours=("#ffffff", "#ffffff")),
    )
    chart.x_labels = list(reversed(names))
    chart.add(f"{t('before', lang)} ({comparison.before.workshop.date.isoformat()})",
              list(reversed([d.before for d in comparison.dimensions])))
    chart.add(f"{t('after', lang)} ({comparison.after.workshop.date.isoformat()})",
              list(reversed([d.after for d in comparison.dimensions])))
    return data_uri(chart.render())


def compare_context(comparison: Comparison, lang: str, anonymous: bool = False) -> dict:
    """Everything the compare templates show, as plain data."""
    anonymous = comparison_anonymous(comparison, anonymous)
    if anonymous:
        from cxalign.compare.over_time import without_personal_figures

        comparison = without_personal_figures(comparison)
    b, a = comparison.before, comparison.after

    def workshop(analysis: WorkshopAnalysis) -> dict:
        w = analysis.workshop
        return {"name": w.name, "date": w.date.isoformat(), "respondents": len(analysis.respondents),
                "participants": len(w.participants), "version": w.questionnaire.version,
                "maturity": num(analysis.maturity.current, lang, 1), "alignment": num(analysis.overall_alignment, lang)}

    dims = [
        {"name": dimension_name(a, d.id, lang), "before": num(d.before, lang, 1), "after": num(d.after, lang, 1),
         "change": signed(d.change, lang, 1), "up": (d.change or 0) > 0, "down": (d.change or 0) < 0,
         "spread": f"{num(d.spread_before, lang, 1)} → {num(d.spread_after, lang, 1)}",
         "beyond": None if d.exceeds_spread is None else t("yes" if d.exceeds_spread else "no", lang),
         "exceeds": bool(d.exceeds_spread)}
        for d in comparison.dimensions
    ]
    rows_by_section: list[dict] = []
    for q in comparison.questions:
        section = a.questionnaire.section(q.section)
        title = section.title.get(lang) if section else q.section
        if not rows_by_section or rows_by_section[-1]["title"] != title:
            rows_by_section.append({"title": title, "rows": []})
        mark = "new" if q.key in comparison.new else "resolved" if q.key in comparison.resolved else \
            "persisting" if q.key in comparison.persisting else ""
        rows_by_section[-1]["rows"].append({
            "title": question_title(a, q.key, lang), "before": num(q.before, lang), "after": num(q.after, lang),
            "change": signed(q.change, lang), "status_before": status_of(q.before) or "none",
            "status_after": status_of(q.after) or "none", "mark": t(f"hotspots.{mark}", lang) if mark else "",
        })

    def hot(keys, before_after=True):
        out = []
        for key in keys:
            qb = b.agreement(*key.split(":")) if ":" in key else b.agreement(key)
            qa = a.agreement(*key.split(":")) if ":" in key else a.agreement(key)
            out.append({"title": question_title(a, key, lang), "before": num(qb.index if qb else None, lang),
                        "after": num(qa.index if qa else None, lang)})
        return out

    labels = person_labels(comparison, lang, anonymous)
    people = []
    definitions = []
    for label, p in zip(labels, comparison.people):
        where = t(f"in.{p.where}", lang) + (" " + t("matched.name", lang) if p.matched_by == "name" else "")
        people.append({
            "label": label, "role": role_label(p.role, lang), "where": where,
            "maturity": f"{num(p.maturity_before, lang, 1)} → {num(p.maturity_after, lang, 1)}",
            "similarity": f"{num(p.similarity_before, lang)} → {num(p.similarity_after, lang)}",
        })

        def reading(analysis, pid):
            r = analysis.definition(pid) if pid else None
            if r is None or r.dont_know:
                return None
            return {"text": r.text, "concepts": concepts_text(analysis, r.concepts, lang)}

        definitions.append({
            "label": label, "role": role_label(p.role, lang), "where": where,
            "before": reading(b, p.before_id), "after": reading(a, p.after_id),
            "same": bool(reading(b, p.before_id)) and reading(b, p.before_id) == reading(a, p.after_id),
            "gained": concepts_text(a, p.gained, lang) if p.gained else "",
            "lost": concepts_text(a, p.lost, lang) if p.lost else "",
            "gained_line": pair(t("concepts.gained", lang), concepts_text(a, p.gained, lang), lang) if p.gained else "",
            "lost_line": pair(t("concepts.lost", lang), concepts_text(a, p.lost, lang), lang) if p.lost else "",
        })
    return {
        "lang": lang,
        "anonymous": anonymous,
        "l": _labels(lang, _LABEL_KEYS),
        "title": t("title.long", lang, org=a.workshop.organisation),
        "organisation": a.workshop.organisation,
        "before": workshop(b),
        "after": workshop(a),
        "summary": summary_lines(comparison, lang),
        "left_out": left_out_line(comparison, lang),
        "chart": maturity_chart(comparison, lang),
        "dimensions": dims,
        "hotspots": {"resolved": hot(comparison.resolved), "persisting": hot(comparison.persisting),
                     "new": hot(comparison.new)},
        "sections": rows_by_section,
        "people": people,
        "definitions": definitions,
        "room": t("concepts.room", lang, gained=concepts_text(a, comparison.concepts_gained, lang),
                  lost=concepts_text(a, comparison.concepts_lost, lang)),
    }


def render_compare_html(comparison: Comparison, *, lang: str, anonymous: bool = False, folders=None) -> str:
    from cxalign.report.render import TemplateFolders, make_environment

    folders = folders or TemplateFolders()

    def translate(key: str, **fields: object) -> str:
        return t(key, lang, **fields)

    env = make_environment(folders, translate)
    return env.get_template(COMPARE_TEMPLATE).render(**compare_context(comparison, lang, anonymous))


def make_compare_report(comparison: Comparison, output: str | Path, *, lang: str | None = None,
                        anonymous: bool = False, html_path: str | Path | None = None) -> Path:
    """Write the compare PDF to ``output`` (atomically) and return its path."""
    import contextlib

    from cxalign.report.render import TemplateFolders, write_pdf
    from cxalign.store import atomic_write

    output = Path(output)
    if output.is_dir():
        raise InputError("is a folder; give a PDF file name", file=output)
    if not output.parent.is_dir():
        raise InputError("folder does not exist", file=output.parent)
    lang = lang or comparison.after.workshop.language
    if lang not in ("fr", "en"):
        raise InputError(f"unknown language {lang!r} (expected fr or en)", field="lang")
    folders = TemplateFolders()
    html = render_compare_html(comparison, lang=lang, anonymous=anonymous, folders=folders)
    if html_path is not None:
        atomic_write(Path(html_path), html.encode("utf-8"))
    special = output.exists() and not output.is_file()
    tmp = output if special else output.with_name(f".{output.name}.part")
    try:
        write_pdf(html, tmp, folders)
        if not special:
            tmp.replace(output)
    except OSError as exc:
        if not special:
            with contextlib.suppress(OSError):
                tmp.unlink(missing_ok=True)
        raise InputError(f"cannot write the PDF: {exc.strerror or exc}", file=output) from None
    return output


# -- the main report's groups section ------------------------------------------------
def groups_section(analysis: WorkshopAnalysis, lang: str, anonymous: bool = False,
                   comparison: GroupComparison | None = None) -> dict | None:
    """The data of ``groups.html.j2`` (None when the workshop has fewer than two groups).

    A hidden group (anonymous, fewer respondents than ``min_group_size``) shows its
    name and count and the anonymity note, and no figure; it takes part in no gap.
    """
    anonymous = anonymous or analysis.workshop.anonymous
    comparison = comparison or compare_analysis_groups(analysis, anonymous=anonymous)
    if comparison is None:
        return None
    names = {g.id: group_label(g.id, lang) for g in comparison.groups}
    shown = [g for g in comparison.groups if g.analysis is not None]
    groups = [
        {"name": names[g.id], "n": t("groups.n", lang, n=g.n), "hidden": g.hidden,
         "note": t("groups.hidden", lang, min=comparison.min_group_size) if g.hidden else "",
         "alignment": num(g.analysis.overall_alignment, lang) if g.analysis else "",
         "hotspots": [question_title(analysis, h.key, lang) for h in g.analysis.hotspots] if g.analysis else []}
        for g in comparison.groups
    ]
    maturity = []
    if shown:
        for dim in shown[0].analysis.dimensions:
            maturity.append({
                "name": dimension_name(analysis, dim.id, lang),
                "values": [num(g.analysis.dimension(dim.id).current if g.analysis.dimension(dim.id) else None, lang, 1)
                           for g in shown],
            })
    gaps = []
    for gap in comparison.gaps:
        ga, gb = names[gap.a], names[gap.b]
        dd = gap.definitions
        items = sorted((i for d in gap.dimensions for i in d.items if i.gap is not None), key=lambda i: -abs(i.gap))
        gaps.append({
            "title": t("groups.differ", lang, a=ga, b=gb),
            "gap_head": t("groups.gap", lang, a=ga, b=gb),
            "dimensions": [{"name": dimension_name(analysis, d.id, lang), "a": num(d.a_current, lang, 1),
                            "b": num(d.b_current, lang, 1), "gap": signed(d.gap, lang, 1)} for d in gap.dimensions],
            "items": [{"name": item_name(analysis, i.id, lang), "gap": signed(i.gap, lang, 1)} for i in items[:3]],
            "a": ga, "b": gb,
            "questions": [{"title": question_title(analysis, q.key, lang), "value": num(q.value, lang),
                           "measure": t(f"measure.{q.measure}", lang)} for q in gap.differing],
            "none": t("groups.differ_none", lang, a=ga, b=gb),
            "definitions": t("groups.definitions", lang, a=ga, b=gb, distance=num(dd.distance, lang),
                             wa=num(dd.within_a, lang), wb=num(dd.within_b, lang)),
            "only": [t("groups.only", lang, g=g, items=concepts_text(analysis, only, lang))
                     for g, only in ((ga, dd.only_a), (gb, dd.only_b)) if only],
        })
    return {
        "title": t("groups.title", lang),
        "intro": t("groups.intro", lang, n=len(groups), groups=join([g["name"] for g in groups], lang)),
        "ungrouped": t("groups.ungrouped", lang, n=len(comparison.ungrouped)) if comparison.ungrouped else "",
        "groups": groups,
        "shown": [{"name": names[g.id], "n": g.n} for g in shown],
        "maturity": maturity,
        "gaps": gaps,
        "l": {"dimension": t("dimension", lang), "question": t("question", lang),
              "maturity": t("groups.maturity", lang), "measure": t("groups.measure", lang),
              "alignment": t("groups.alignment", lang), "hotspots": t("groups.hotspots", lang),
              "group": t("groups.group", lang), "method": t("groups.method", lang)},
    }


def render_groups_html(analysis: WorkshopAnalysis, *, lang: str, anonymous: bool = False, folders=None) -> str:
    """The groups section alone as an HTML page (``groups_page.html.j2``)."""
    from cxalign.report.render import TemplateFolders, make_environment

    folders = folders or TemplateFolders()
    env = make_environment(folders, lambda key, **fields: t(key, lang, **fields))
    return env.get_template("groups_page.html.j2").render(
        lang=lang, groups=groups_section(analysis, lang, anonymous))


def write_groups_pdf(analysis: WorkshopAnalysis, output: str | Path, *, lang: str, anonymous: bool = False) -> Path:
    """The groups section alone as a PDF (to look at it before it is part of the main report)."""
    from cxalign.report.render import TemplateFolders, write_pdf

    folders = TemplateFolders()
    write_pdf(render_groups_html(analysis, lang=lang, anonymous=anonymous, folders=folders), Path(output), folders)
    return Path(output)
