"""``ranking``: every option, most important first. Agreement: Kendall's W."""

from __future__ import annotations

from fractions import Fraction

from cxalign.glyphs import EMPTY
from cxalign.kinds import register
from cxalign.kinds.base import Kind, option_label, stats, whole_number

SEP = "|"


def mean_ranks(options: list[str], orders: list[list[str]]) -> list[Fraction]:
    """Each option's mean rank over ``orders``; an option left out of an order shares the
    remaining ranks (their mean)."""
    ranks = []
    for o in options:
        total = Fraction(0)
        for order in orders:
            if o in order:
                total += order.index(o) + 1
            else:
                missing = len(options) - len(order)
                total += Fraction(sum(range(len(order) + 1, len(options) + 1)), missing)
        ranks.append(total / len(orders))
    return ranks


@register
class RankingKind(Kind):
    name = "ranking"
    fields = ("ranking",)
    method = "kendall_w"
    family = "distance"
    measure = "mean_rank_footrule"
    order = 2

    def problems(self, question, answer):
        problems = []
        if answer.ranking is not None:
            dupes = sorted({r for r in answer.ranking if answer.ranking.count(r) > 1})
            ids = set(question.option_ids)
            unknown = [r for r in answer.ranking if r not in ids]
            if dupes:
                problems.append(("ranking", f"duplicates {dupes}"))
            if unknown:
                problems.append(("ranking", f"unknown options {unknown}"))
            if not dupes and not unknown and len(answer.ranking) != len(question.options):
                missing = [o for o in question.option_ids if o not in answer.ranking]
                problems.append(("ranking", f"must rank every option; missing {missing}"))
        return problems

    def encode(self, question, answer, part, concepts=None):
        if not answer.ranking:
            return None
        return tuple(stats.ranks_from_order(answer.ranking, question.option_ids))

    def index(self, question, values):
        return stats.kendall_w(values)

    def pair(self, question, a, b):
        return stats.ranking_pair(a, b)

    def group_gap(self, question, part, a, b):
        """Spearman footrule between the groups' mean ranks, Σ_o |r̄_A(o) − r̄_B(o)|, over ⌊k²/2⌋."""
        options = question.option_ids
        oa = [ans.ranking for ans in a if ans.ranking]
        ob = [ans.ranking for ans in b if ans.ranking]
        k = len(options)
        if not oa or not ob or k < 2:
            return None, len(oa), len(ob)
        gap = sum(abs(x - y) for x, y in zip(mean_ranks(options, oa), mean_ranks(options, ob))) / (k * k // 2)
        return gap, len(oa), len(ob)

    def components(self, question, value):
        return value

    def norm(self, question):
        return float(stats.footrule_max(len(question.options)))

    def write_cell(self, question, part, answer):
        return SEP.join(answer.ranking or [])

    def read_cell(self, question, part, cell, raw, error, column):
        return {"ranking": [c.strip() for c in cell.split(SEP)]}

    def tidy_values(self, question, part, answer):
        return [(o, str(i)) for i, o in enumerate(answer.ranking or [], start=1)]

    def read_tidy(self, question, part, rows, error):
        ranks = [(whole_number(v, lambda c, m, ln=ln: error(ln, c, m), "value"), o) for ln, o, v in rows]
        if any(r is None for r, _ in ranks):
            return None
        return {"ranking": [o for _, o in sorted(ranks)]}

    def distribution(self, question, given, part, lang, fmt, say):
        ranks: dict[str, list[int]] = {o.id: [] for o in question.options}
        for a in given:
            for i, oid in enumerate(a.ranking or [], 1):
                ranks.setdefault(oid, []).append(i)
        found = [(o, ranks[o.id]) for o in question.options if ranks.get(o.id)]
        found.sort(key=lambda s: sum(s[1]) / len(s[1]))
        return [
            (o.label.get(lang), say("agg.mean_rank", rank=fmt(sum(r) / len(r), 1), best=min(r), worst=max(r)))
            for o, r in found
        ]

    def matrix(self, question, given, lang, fmt, cell):
        k = len(question.options)
        rows = []
        for option in question.options:
            ranks = [(a.ranking.index(option.id) + 1) if a.ranking and option.id in a.ranking else None for a in given]
            known = [r for r in ranks if r is not None]
            mean = sum(known) / len(known) if known else None
            rows.append((mean if mean is not None else k + 1,
                         {"label": option.label.get(lang), "cells": [cell("rank", r, k) for r in ranks],
                          "summary": fmt(mean, 1) if mean is not None else EMPTY}))
        return rows, "mean_rank"

    def hotspot_sentence(self, question, answers, out, rest, part, lang, namer, w) -> str:
        """Who stands where on a hot spot of this question; ``w`` holds the wording helpers
        (see :func:`cxalign.present.wording.hotspot_sentence`)."""
        n = len(answers)

        ids = question.option_ids
        label = lambda o: w.option_label(question, o, lang)  # noqa: E731
        if out:
            j = w.most_different([v for _, v in out], [v for _, v in rest], len(ids))
            pieces = w.pieces("ranking", w.grouped([(p, v[j]) for p, v in out]), lang, namer,
                             lambda v: {"option": w.quote(label(ids[j]), lang), "rank": w.number(v, lang)}, respectively=True)
            return w.cap(w.t("hs.ranking.outliers", lang, pieces=pieces,
                          rest=w.range([v[j] for _, v in rest], lang, "rest.rank_same", "rest.rank_range")))
        firsts = w.grouped([(p, ids[min(range(len(ids)), key=lambda k: v[k])]) for p, v in answers])
        firsts.sort(key=lambda g: -len(g[1]))
        return w.t("hs.ranking.split", lang, dist=w.dist(question, firsts, lang, namer, n, label))

    def words(self, question, answer, part, lang, style, say):
        if not answer.ranking:
            return None
        return style.rank_sep.join(style.rank_item.format(i=i, label=option_label(question, o, lang))
                                   for i, o in enumerate(answer.ranking, 1))
