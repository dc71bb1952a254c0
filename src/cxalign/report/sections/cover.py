"""The cover page and the PDF's metadata."""

from __future__ import annotations

import datetime as dt
from typing import Any

from cxalign import __version__
from cxalign.report.context import ReportContext

_MONTHS = {
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
           "octobre", "novembre", "décembre"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"),
}


def long_date(ctx: ReportContext, day: dt.date) -> str:
    month = _MONTHS["en" if ctx.lang == "en" else "fr"][day.month - 1]
    if ctx.lang == "en":
        return f"{day.day} {month} {day.year}"
    return f"{'1er' if day.day == 1 else day.day} {month} {day.year}"


def doc(ctx: ReportContext) -> dict[str, Any]:
    """The document's metadata (title, author …) written into the PDF."""
    w = ctx.workshop
    return {
        "title": f"{ctx.tr('doc.title')} — {w.organisation}",
        "author": w.organisation,
        "subject": ctx.tr("doc.subject", organisation=w.organisation),
        "keywords": "cxalign, " + ", ".join(
            ctx.tr(k) for k in ("section.maturity", "section.alignment", "section.recommendations")
        ),
        "generator": f"cxalign {__version__}",
        "created": w.date.isoformat(),
    }


def turnout(analysis) -> dict[str, int] | None:
    """The counts behind the low-turnout warning, or None when at least half the participants submitted.

    ``submitted`` and ``total`` count participants; ``answered`` and ``expected`` count answers
    (every participant × every question).
    """
    participants = analysis.workshop.participants
    total = len(participants)
    submitted = sum(1 for p in participants
                    if (r := analysis.responses.get(p.id)) is not None and r.status == "submitted")
    if total == 0 or 2 * submitted >= total:
        return None
    questions = len(analysis.questionnaire.questions)
    answered = sum(1 for r in analysis.responses.values() for a in r.answers.values() if a.is_answered)
    return {"submitted": submitted, "total": total, "answered": answered, "expected": total * questions}


def warnings(ctx: ReportContext) -> list[str]:
    """Lines the cover shows in a box: response files left out, and a low turnout."""
    lines = []
    if ctx.anonymous and ctx.unreadable:
        # a file name or a reason would name the person: only the count
        lines.append(ctx.tr("cover.unreadable_anonymous", n=len(ctx.unreadable)))
    else:
        for u in ctx.unreadable:
            lines.append(ctx.tr("cover.unreadable", file=u.path.name, participant=ctx.namer(u.participant),
                                reason=u.reason))  # the store gives it without the path
    low = turnout(ctx.analysis)
    if low is not None:
        lines.append(ctx.tr("cover.low_turnout", **low))
    return lines


def cover(ctx: ReportContext) -> dict[str, Any]:
    w, q = ctx.workshop, ctx.questionnaire
    folders = ctx.folders
    return {
        "title": ctx.tr("doc.title"),
        "organisation": w.organisation,
        "workshop": w.name,
        "date": long_date(ctx, w.date),
        "language": ctx.tr(f"lang.{ctx.lang}"),
        "respondents": ctx.tr("cover.respondents_value", n=len(ctx.analysis.respondents), total=len(w.participants)),
        "questionnaire": f"{ctx.text(q.title)} ({q.version})",
        "logo_url": (folders.url("logo.svg") or folders.url("logo.png")) if folders is not None else None,
        "generated": ctx.tr("cover.generated", version=__version__, date=long_date(ctx, dt.date.today())),
        "warnings": warnings(ctx),
    }
