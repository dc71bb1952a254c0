"""``multi``: a set of options (possibly empty). Agreement: mean pairwise Jaccard."""

from __future__ import annotations

from collections import Counter
from fractions import Fraction

from cxalign.kinds import register
from cxalign.kinds.base import Kind, counted, option_label, stats

SEP = "|"
#: The wide cell of an empty choice ("none of them").
NONE = "-"


@register
class MultiKind(Kind):
    name = "multi"
    fields = ("choices",)
    method = "jaccard"
    family = "sets"
    measure = "mean_choice_rate_gap"
    order = 4

    def problems(self, question, answer):
        problems = []
        if answer.choices is not None:
            ids = set(question.option_ids)
            unknown = [c for c in answer.choices if c not in ids]
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

    def group_gap(self, question, part, a, b):
        """Mean over the options of |share of A choosing o − share of B choosing o|."""
        sa = [set(ans.choices) for ans in a if ans.choices is not None]
        sb = [set(ans.choices) for ans in b if ans.choices is not None]
        options = question.option_ids
        if not sa or not sb or not options:
            return None, len(sa), len(sb)
        gap = sum(abs(Fraction(sum(o in s for s in sa), len(sa)) - Fraction(sum(o in s for s in sb), len(sb)))
                  for o in options) / len(options)
        return gap, len(sa), len(sb)

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

    def hotspot_sentence(self, question, answers, out, rest, part, lang, namer, w) -> str:
        """Who stands where on a hot spot of this question; ``w`` holds the wording helpers
        (see :func:`cxalign.present.wording.hotspot_sentence`)."""
        n = len(answers)

        def names(choices) -> str:
            ordered = [o for o in question.option_ids if o in choices]
            return w.join_words([w.quote(w.option_label(question, o, lang), lang) for o in ordered], lang) or w.t("nothing", lang)
        if out:
            pieces = w.pieces("multi", w.grouped(out), lang, namer, lambda v: {"choices": names(v)})
            tally = Counter(o for _, v in rest for o in v)
            common = [o for o in question.option_ids if 2 * tally[o] > len(rest)]
            rest_text = w.t("rest.multi", lang, choices=names(common)) if common else w.t("rest.multi_none", lang)
            return w.cap(w.t("hs.multi.outliers", lang, pieces=pieces, rest=rest_text))
        tally = Counter(o for _, v in answers for o in v)
        ordered = sorted((o for o in question.option_ids if tally[o]), key=lambda o: -tally[o])
        dist = w.join_words([f"{w.quote(w.option_label(question, o, lang), lang)} ({w.t('n_of', lang, k=tally[o], n=n)})"
                           for o in ordered], lang) or w.t("nothing", lang)
        return w.t("hs.multi.split", lang, dist=dist)

    def words(self, question, answer, part, lang, style, say):
        if answer.choices is None:
            return None
        chosen = answer.choices
        if style.multi_in_option_order:
            chosen = [o for o in question.option_ids if o in answer.choices]
        sep = style.multi_sep_fr if lang == "fr" else style.multi_sep_en
        return sep.join(option_label(question, o, lang) for o in chosen) or say(style.none_key)
