"""``single``: one option. Agreement: the share of agreeing pairs."""

from __future__ import annotations

from collections import Counter
from fractions import Fraction

from cxalign.kinds import register
from cxalign.kinds.base import Kind, counted, option_label, stats


@register
class SingleKind(Kind):
    name = "single"
    fields = ("choice",)
    method = "pairwise_share"
    family = "equal"
    measure = "total_variation"
    order = 5

    def problems(self, question, answer):
        if answer.choice is not None and answer.choice not in question.option_ids:
            return [("choice", f"unknown option {answer.choice!r}")]
        return []

    def encode(self, question, answer, part, concepts=None):
        return answer.choice

    def index(self, question, values):
        return stats.agreeing_pairs_share(values)

    def pair(self, question, a, b):
        return 1.0 if a == b else 0.0

    def group_gap(self, question, part, a, b):
        """Total-variation distance of the two distributions of choices: ½ Σ_o |share_A(o) − share_B(o)|."""
        ca = [ans.choice for ans in a if ans.choice is not None]
        cb = [ans.choice for ans in b if ans.choice is not None]
        if not ca or not cb:
            return None, len(ca), len(cb)
        gap = sum(abs(Fraction(ca.count(o), len(ca)) - Fraction(cb.count(o), len(cb))) for o in set(ca) | set(cb)) / 2
        return gap, len(ca), len(cb)

    def write_cell(self, question, part, answer):
        return answer.choice or ""

    def read_cell(self, question, part, cell, raw, error, column):
        return {"choice": cell}

    def tidy_values(self, question, part, answer):
        return [("", answer.choice or "")]

    def read_tidy(self, question, part, rows, error):
        return {"choice": rows[0][2].strip()}

    def distribution(self, question, given, part, lang, fmt, say):
        tally = Counter(a.choice for a in given if a.choice)
        return counted(question, tally, lang, lambda n: say("agg.count", n=n))

    def grouping(self, question, lang, words):
        return (lambda a: a.choice, lambda oid: option_label(question, oid, lang), lambda g: lambda k: -len(g[k]))

    def hotspot_sentence(self, question, answers, out, rest, part, lang, namer, w) -> str:
        """Who stands where on a hot spot of this question; ``w`` holds the wording helpers
        (see :func:`cxalign.present.wording.hotspot_sentence`)."""
        n = len(answers)

        label = lambda o: w.option_label(question, o, lang)  # noqa: E731
        if out:
            pieces = w.pieces("single", w.grouped(out), lang, namer, lambda v: {"choice": w.quote(label(v), lang)})
            counts = sorted(w.grouped(rest), key=lambda g: -len(g[1]))
            return w.cap(w.t("hs.single.outliers", lang, pieces=pieces,
                          rest=w.t("rest.choices", lang, dist=w.dist(question, counts, lang, namer, len(rest), label))))
        counts = sorted(w.grouped(answers), key=lambda g: -len(g[1]))
        return w.t("hs.single.split", lang, dist=w.dist(question, counts, lang, namer, n, label))

    def words(self, question, answer, part, lang, style, say):
        if answer.choice is None:
            return None
        return option_label(question, answer.choice, lang)
