"""``allocation``: ``total`` points shared among the options. Agreement: 1 − mean L1/(2T)."""

from __future__ import annotations

from fractions import Fraction

from cxalign.kinds import register
from cxalign.kinds.base import Kind, option_label, stats, whole_number

SEP = "|"


@register
class AllocationKind(Kind):
    name = "allocation"
    fields = ("allocation",)
    method = "allocation_l1"
    family = "distance"
    measure = "mean_allocation_l1"
    order = 3
    chart = "allocation"

    def problems(self, question, answer):
        problems = []
        if answer.allocation is not None:
            ids = set(question.option_ids)
            unknown = [k for k in answer.allocation if k not in ids]
            if unknown:
                problems.append(("allocation", f"unknown options {unknown}"))
            negative = [k for k, v in answer.allocation.items() if v < 0]
            if negative:
                problems.append(("allocation", f"negative points for {negative}"))
            total = sum(answer.allocation.values())
            if total != question.total:
                problems.append(("allocation", f"points sum to {total}; they must sum to {question.total}"))
        return problems

    def encode(self, question, answer, part, concepts=None):
        if answer.allocation is None:
            return None
        return tuple(float(answer.allocation.get(o, 0)) for o in question.option_ids)

    def index(self, question, values):
        return stats.allocation_index(values, question.total)

    def pair(self, question, a, b):
        return stats.allocation_pair(a, b, question.total)

    def group_gap(self, question, part, a, b):
        """L1 distance between the groups' mean allocations, over 2·total."""
        xa = [ans.allocation for ans in a if ans.allocation is not None]
        xb = [ans.allocation for ans in b if ans.allocation is not None]
        if not xa or not xb:
            return None, len(xa), len(xb)
        gap = sum(abs(Fraction(sum(x.get(o, 0) for x in xa), len(xa)) - Fraction(sum(x.get(o, 0) for x in xb), len(xb)))
                  for o in question.option_ids) / (2 * question.total)
        return gap, len(xa), len(xb)

    def components(self, question, value):
        return value

    def norm(self, question):
        return 2.0 * question.total

    def write_cell(self, question, part, answer):
        return SEP.join(f"{k}={v}" for k, v in (answer.allocation or {}).items())

    def read_cell(self, question, part, cell, raw, error, column):
        allocation: dict[str, int] = {}
        for piece in cell.split(SEP):
            key, eq, value = piece.partition("=")
            if not eq:
                error(column, f"expected option=points, got {piece!r}")
                return None
            points = whole_number(value, error, column)
            if points is None:
                return None
            allocation[key.strip()] = points
        return {"allocation": allocation}

    def tidy_values(self, question, part, answer):
        return [(o, str(v)) for o, v in (answer.allocation or {}).items()]

    def read_tidy(self, question, part, rows, error):
        allocation = {o: whole_number(v, lambda c, m, ln=ln: error(ln, c, m), "value") for ln, o, v in rows}
        if any(v is None for v in allocation.values()):
            return None
        return {"allocation": allocation}

    def distribution(self, question, given, part, lang, fmt, say):
        if not given:
            return []
        found = []
        for o in question.options:
            pts = [(a.allocation or {}).get(o.id, 0) for a in given]
            found.append((o, sum(pts) / len(pts), min(pts), max(pts)))
        found.sort(key=lambda s: -s[1])
        return [(o.label.get(lang), say("agg.mean_points", mean=fmt(m, 0), low=lo, high=hi)) for o, m, lo, hi in found]

    def matrix(self, question, given, lang, fmt, cell):
        rows = []
        for option in question.options:
            points = [(a.allocation or {}).get(option.id, 0) for a in given]
            mean = sum(points) / len(points)
            rows.append((-mean, {"label": option.label.get(lang), "cells": [cell("points", p, question.total) for p in points],
                                 "summary": fmt(mean, 0)}))
        return rows, "mean"

    def hotspot_sentence(self, question, answers, out, rest, part, lang, namer, w) -> str:
        """Who stands where on a hot spot of this question; ``w`` holds the wording helpers
        (see :func:`cxalign.present.wording.hotspot_sentence`)."""
        n = len(answers)

        ids = question.option_ids
        if out:
            j = w.most_different([v for _, v in out], [v for _, v in rest], len(ids))
            pieces = w.pieces("allocation", w.grouped([(p, v[j]) for p, v in out]), lang, namer,
                             lambda v: {"value": w.number(v, lang)}, respectively=True)
            return w.cap(w.t("hs.allocation.outliers", lang, pieces=pieces, total=question.total,
                          option=w.quote(w.option_label(question, ids[j], lang), lang),
                          rest=w.range([v[j] for _, v in rest], lang)))
        tops = w.grouped([(p, max(range(len(ids)), key=lambda k: (v[k], -k))) for p, v in answers])
        if len(tops) > 1:
            tops.sort(key=lambda g: (-len(g[1]), g[0]))
            items = []
            for j, pids in tops:
                if n <= w.NAMES_MAX:
                    who = w.join_words([f"{namer(p)} {w.number(dict(answers)[p][j], lang)}" for p in pids], lang)
                else:
                    who = w.t("n_of", lang, k=len(pids), n=n)
                items.append(f"{w.quote(w.option_label(question, ids[j], lang), lang)} ({who})")
            return w.t("hs.allocation.tops", lang, dist=w.join_words(items, lang))
        j = max(range(len(ids)), key=lambda k: (max(v[k] for _, v in answers) - min(v[k] for _, v in answers), -k))
        lo, hi = min(v[j] for _, v in answers), max(v[j] for _, v in answers)
        return w.t("hs.allocation.split", lang, option=w.quote(w.option_label(question, ids[j], lang), lang),
                 lo=w.number(lo, lang), hi=w.number(hi, lang), total=question.total,
                 low_who=w.people([p for p, v in answers if v[j] == lo], lang, namer),
                 high_who=w.people([p for p, v in answers if v[j] == hi], lang, namer))

    def words(self, question, answer, part, lang, style, say):
        if answer.allocation is None:
            return None
        items = list(answer.allocation.items())
        if style.allocation_by_points:
            items = sorted(((o, answer.allocation[o]) for o in question.option_ids if answer.allocation.get(o)),
                           key=lambda kv: -kv[1]) if style.allocation_option_order else \
                sorted(items, key=lambda kv: -kv[1])
        return style.allocation_sep.join(
            style.allocation_item.format(label=option_label(question, o, lang), points=v) for o, v in items if v)
