"""The method appendix and the answers appendix."""

from __future__ import annotations

from typing import Any

from cxalign import kinds
from cxalign.analysis.thresholds import PERSON_LIST_MAX
from cxalign.i18n import tr
from cxalign.kinds import kind_of
from cxalign.kinds.words import BLOCK
from cxalign.present.numbers import EMPTY
from cxalign.report import answers as answer_text
from cxalign.report.context import ReportContext


def method(ctx: ReportContext) -> dict[str, Any]:
    indices = [(tr(f"kind.{k}", ctx.lang), ctx.tr(f"method.{k}")) for k in kinds.names()]
    paragraphs = [
        (ctx.tr("method.thresholds"), ctx.tr("method.thresholds_text")),
        (ctx.tr("method.dont_know"), ctx.tr("method.dont_know_text")),
        (ctx.tr("method.outliers"), ctx.tr("method.outliers_text")),
        (ctx.tr("method.pairwise"), ctx.tr("method.pairwise_text")),
        (ctx.tr("method.people"), ctx.tr("method.people_anonymous" if ctx.anonymous else "method.people_text")),
        (ctx.tr("method.maturity"), ctx.tr("method.maturity_text")),
        (ctx.tr("method.concepts"), ctx.tr("method.concepts_text")),
        (ctx.tr("method.anonymity"),
         ctx.tr("method.anonymity_text", k=ctx.min_group_size) if ctx.anonymous else ctx.tr("method.anonymity_named", k=ctx.min_group_size)),
    ]
    return {"indices": indices, "paragraphs": paragraphs}


def maturity_answers(ctx: ReportContext, section) -> list[dict[str, Any]]:
    """The maturity items of a named report, one table per dimension: people × items, "today → target"."""
    tables = []
    for dim in ctx.questionnaire.dimensions:
        items = [q for q in section.questions if getattr(q, "dimension", None) == dim.id]
        if not items:
            continue
        rows, notes = [], []
        for pid in ctx.analysis.respondents:
            cells, answered = [], False
            for item in items:
                ans = ctx.analysis.responses[pid].answers.get(item.id)
                if ans is None or not ans.is_answered:
                    cells.append("")
                    continue
                answered = True
                if ans.dont_know:
                    cells.append(tr("dont_know", ctx.lang))
                else:  # "3", or "today → target" for an item rated twice
                    kind = kind_of(item)
                    figures = (kind.encode(item, ans, part) for part in kind.parts(item))
                    cells.append(" → ".join(BLOCK.missing if v is None else str(v) for v in figures))
                if ans.note:
                    notes.append(ctx.pair(f"{ctx.namer(pid)}, {ctx.question_title(item)}", ans.note))
            if answered:
                rows.append({"who": ctx.namer(pid), "cells": cells})
        tables.append({
            "kind": "matrix", "prompt": ctx.text(dim.name),
            "headers": [ctx.question_title(item) for item in items],
            "rows": rows, "notes": notes, "who_header": ctx.tr("answers.who"),
        })
    return tables


def _text_rows(ctx: ReportContext, question, named: bool) -> list[dict[str, Any]]:
    """A free-text question: every text (named, or unattributed in a neutral order), then the "don't know" count."""
    given = [(pid, ans) for pid in ctx.analysis.respondents
             if (ans := ctx.analysis.responses[pid].answers.get(question.id)) is not None and ans.is_answered]
    if named:
        rows = [{"who": ctx.namer(pid), "answer": answer_text.answer_words(question, ans, ctx.lang, ctx.fmt), "note": ""}
                for pid, ans in given if ans.dont_know or (ans.text or "").strip()]
        return rows
    texts = sorted(ctx.user_text((ans.text or "").strip()) for _, ans in given
                   if not ans.dont_know and (ans.text or "").strip())
    rows = [{"who": EMPTY, "answer": t, "note": ""} for t in texts]
    dk = sum(1 for _, ans in given if ans.dont_know)
    if dk:
        rows.append({"who": ctx.tr("agg.dont_know"), "answer": ctx.tr("agg.count", n=dk), "note": ""})
    return rows


def _text_count(ctx: ReportContext, question) -> list[dict[str, Any]]:
    """Above ``PERSON_LIST_MAX`` respondents the texts are not printed: how many there are, and where they are."""
    answers = [a for pid in ctx.analysis.respondents
               if (a := ctx.analysis.responses[pid].answers.get(question.id)) is not None and a.is_answered]
    texts = sum(1 for a in answers if not a.dont_know and (a.text or "").strip())
    rows = [{"who": ctx.tr("answers.texts"), "answer": ctx.tr("answers.texts_many", n=texts), "note": ""}]
    dk = sum(1 for a in answers if a.dont_know)
    if dk:
        rows.append({"who": ctx.tr("agg.dont_know"), "answer": ctx.tr("agg.count", n=dk), "note": ""})
    return rows


def _spread_rows(ctx: ReportContext, question) -> list[dict[str, Any]]:
    """A closed question: the spread of its answers, unattributed."""
    answers = [ctx.analysis.responses[pid].answers.get(question.id) for pid in ctx.analysis.respondents]
    rows = []
    for part in kind_of(question).parts(question):
        prefix = f"{ctx.part_label(part)} · " if part else ""
        rows += [{"who": prefix + label, "answer": figure, "note": ""}
                 for label, figure in answer_text.distribution(question, answers, ctx.lang, ctx.fmt, part)]
    return rows


def _person_rows(ctx: ReportContext, question) -> list[dict[str, Any]]:
    rows = []
    for pid in ctx.analysis.respondents:
        ans = ctx.analysis.responses[pid].answers.get(question.id)
        if ans is None or not ans.is_answered:
            continue
        rows.append({
            "who": ctx.namer(pid),
            "answer": answer_text.answer_words(question, ans, ctx.lang, ctx.fmt),
            "note": ctx.tr("answers.note", note=ans.note) if ans.note else "",
        })
    return rows


def answers(ctx: ReportContext) -> dict[str, Any]:
    """Every answer: by person in a named report of up to ``PERSON_LIST_MAX`` respondents;
    otherwise spreads for closed questions and the texts of open ones (named only in a named report)."""
    many = len(ctx.analysis.respondents) > PERSON_LIST_MAX
    listed = not ctx.anonymous and not many
    sections = []
    for section in ctx.questionnaire.sections:
        if section.id == "maturity" and listed:
            sections.append({"title": ctx.text(section.title), "intro": ctx.tr("answers.maturity_intro"),
                             "questions": maturity_answers(ctx, section)})
            continue
        questions = []
        for question in section.questions:
            free_text = kind_of(question).free_text
            entry = {"kind": "list", "prompt": ctx.text(question.prompt), "rows": [],
                     "who_header": ctx.tr("answers.who")}
            if listed:
                entry["rows"] = _person_rows(ctx, question)
            elif free_text and many:
                entry["rows"] = _text_count(ctx, question)
                entry["who_header"] = ctx.tr("answers.answer")
                entry["answer_header"] = ctx.tr("participants.count")
            elif free_text:
                entry["rows"] = _text_rows(ctx, question, named=not ctx.anonymous)
            else:
                entry["rows"] = _spread_rows(ctx, question)
                entry["who_header"] = ctx.tr("answers.answer")
                entry["answer_header"] = ctx.tr("participants.count")
            questions.append(entry)
        sections.append({"title": ctx.text(section.title), "intro": "", "questions": questions})
    if many:
        intro = ctx.tr("answers.intro_many", n=len(ctx.analysis.respondents), max=PERSON_LIST_MAX)
    elif ctx.anonymous:
        intro = ctx.tr("answers.intro_anonymous")
    else:
        intro = ctx.tr("answers.intro")
    return {"intro": intro, "sections": sections}
