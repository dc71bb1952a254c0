"""Who stands where (issue 11 items 2 and 3): one line per person, a sentence for each person
who stands apart on several questions, and the camps the pairwise matrix holds.

Person-level: a named report only. An anonymous report leaves the whole section out (a line per
person, even under a role label, is a figure for a group of one); the method appendix says so,
and the verdict and the hot spots still count those who stand apart without naming them.
"""

from __future__ import annotations

from typing import Any

from cxalign.analysis import thresholds
from cxalign.analysis.thresholds import PERSON_LIST_MAX
from cxalign.present import wording
from cxalign.present.numbers import EMPTY
from cxalign.report.context import ReportContext


def _definition(ctx: ReportContext, person) -> str:
    """The closest reference definition, and the narrow reading if any, in a few words."""
    pieces = []
    if person.closest_reference:
        ref = ctx.questionnaire.reference(person.closest_reference)
        if ref is not None:
            pieces.append(ctx.text(ref.author))
    if person.narrow:
        views = [(label := ctx.text(v.label))[:1].lower() + label[1:]
                 for v in ctx.questionnaire.narrow_views_of(person.narrow)]
        pieces.append(ctx.tr("people.narrow", views=wording.join_words(views, ctx.lang)))
    return " · ".join(pieces) or EMPTY


def people(ctx: ReportContext) -> dict[str, Any] | None:
    """The "who stands where" table and sentences; None in an anonymous report or without people."""
    a = ctx.analysis
    if ctx.anonymous or not a.people or len(a.respondents) < 2:
        return None
    listed = list(a.people)
    note = ""
    if len(listed) > PERSON_LIST_MAX:
        listed = [p for p in listed if p.stands_apart_on]
        note = ctx.tr("people.many", n=len(a.people), shown=len(listed))
    rows = []
    for p in listed:
        rows.append({
            "name": ctx.namer(p.id),
            "role": ctx.role(p.id),
            "similarity": ctx.num(p.mean_similarity),
            "apart": str(len(p.stands_apart_on)),
            "definition": _definition(ctx, p),
            "stands_apart": len(p.stands_apart_on) >= thresholds.STANDS_APART_MIN,
        })
    sentences = [wording.person_sentence(a, p, ctx.lang, ctx.namer) for p in a.people
                 if len(p.stands_apart_on) >= thresholds.STANDS_APART_MIN]
    return {
        "intro": ctx.tr("people.intro", k=thresholds.STANDS_APART_MIN),
        "headers": [ctx.tr("participants.name"), ctx.tr("participants.role"), ctx.tr("people.similarity"),
                    ctx.tr("people.apart"), ctx.tr("people.definition")],
        "rows": rows,
        "note": note,
        "sentences": sentences,
        "none_apart": "" if sentences else ctx.tr("people.none_apart", k=thresholds.STANDS_APART_MIN),
        "camps": camps(ctx),
    }


def camps(ctx: ReportContext) -> dict[str, Any] | None:
    """The camps (members, how far they agree inside and across, the questions that separate them);
    None when the matrix holds none (one dissenter or none is not a camp)."""
    a = ctx.analysis
    if ctx.anonymous or not a.camps:
        return None
    items = []
    for n, camp in enumerate(a.camps, 1):
        items.append({
            "title": ctx.tr("people.camp", n=n),
            "members": wording.people(camp.members, ctx.lang, ctx.namer),
            "sentence": wording.camp_sentence(a, camp, ctx.lang, ctx.namer),
            "separating": [wording.short_title(a, key, ctx.lang) for key in camp.separating],
        })
    return {"intro": ctx.tr("people.camps_intro", k=len(a.camps)), "camps": items}
