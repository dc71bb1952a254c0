"""``multi``: a set of options (possibly empty). Agreement: mean pairwise Jaccard."""

from __future__ import annotations

from collections import Counter

from cxalign.analysis import stats
from cxalign.kinds import register
from cxalign.kinds.base import Kind, counted, option_label

SEP = "|"
#: The wide cell of an empty choice ("none of them").
NONE = "-"


@register
class MultiKind(Kind):
    name = "multi"
    fields = ("choices",)
    method = "jaccard"
    family = "sets"

    def problems(self, question, answer):
        problems = []
        if answer.choices is not None:
            unknown = [c for c in answer.choices if c not in question.option_ids]
            if unknown:
                problems.append(("choices", f"unknown options {unknown}"))
            if len(set(answer.choices)) != len(answer.choices):
                problems.append(("choices", "an option is chosen twice"))
            if question.max_choices and len(answer.choices) > question.max_choices:
                problems.append(("choices", f"{len(answer.choices)} chosen; at most {question.max_choices}"))
        return problems

    def encode(self, question, answer, part, concepts=None):
        return None if answer.choices is None else frozenset(answer.choices)

    def index(self, question, values):
        return stats.mean_pairwise_jaccard(values)

    def pair(self, question, a, b):
        return stats.jaccard(a, b)

    def write_cell(self, question, part, answer):
        if answer.choices:
            return SEP.join(answer.choices)
        return NONE if answer.choices is not None else ""

    def read_cell(self, question, part, cell, raw, error, column):
        return {"choices": [] if cell == NONE else [c.strip() for c in cell.split(SEP)]}

    def tidy_values(self, question, part, answer):
        chosen = set(answer.choices or [])
        return [(o, "1" if o in chosen else "0") for o in question.option_ids]

    def read_tidy(self, question, part, rows, error):
        return {"choices": [o for _, o, v in rows if v.strip() == "1"]}

    def distribution(self, question, given, part, lang, fmt, say):
        tally = Counter(c for a in given for c in (a.choices or []))
        return counted(question, tally, lang, lambda n: say("agg.count", n=n))

    def matrix(self, question, given, lang, fmt, cell):
        rows = []
        for option in question.options:
            ticks = [option.id in (a.choices or []) for a in given]
            if not any(ticks):
                continue
            rows.append((-sum(ticks), {"label": option.label.get(lang), "cells": [cell("tick", t, None) for t in ticks],
                                       "summary": f"{sum(ticks)} / {len(given)}"}))
        return rows, "count"

    def words(self, question, answer, part, lang, style, say):
        if answer.choices is None:
            return None
        chosen = answer.choices
        if style.multi_in_option_order:
            chosen = [o for o in question.option_ids if o in answer.choices]
        sep = style.multi_sep_fr if lang == "fr" else style.multi_sep_en
        return sep.join(option_label(question, o, lang) for o in chosen) or say(style.none_key)
