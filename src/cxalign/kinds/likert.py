"""``likert``: a point on a labelled scale of A points, or two — today and target —
for a maturity item. Agreement: r_wg, with AD_M beside it."""

from __future__ import annotations

from collections import Counter
from fractions import Fraction

from cxalign.glyphs import EMPTY
from cxalign.kinds import register
from cxalign.kinds.base import Kind, stats, whole_number

PARTS = ("current", "target")


def point_label(question, value: int | None, lang: str, missing: str = EMPTY) -> str:
    """``3 — <the statement of point 3>``; ``missing`` for None; the bare number when out of range."""
    if value is None:
        return missing
    if 1 <= value <= question.size:
        return f"{value} — {question.points[value - 1].get(lang)}"
    return str(value)


@register
class LikertKind(Kind):
    name = "likert"
    fields = ("value", "current", "target")
    method = "rwg"
    family = "distance"
    measure = "mean_gap_over_range"
    order = 1

    def parts(self, question):
        return PARTS if question.current_target else (None,)

    def allowed_fields(self, question):
        return PARTS if question.current_target else ("value",)

    def _field(self, part: str | None) -> str:
        return part or "value"

    def problems(self, question, answer):
        problems = []
        size = question.size
        for name in ("value", "current", "target"):
            v = getattr(answer, name)
            if v is not None and not 1 <= v <= size:
                problems.append((name, f"{v} is out of range 1..{size}"))
        return problems

    def encode(self, question, answer, part, concepts=None):
        return getattr(answer, self._field(part))

    def index(self, question, values):
        return stats.rwg(values, question.size)

    def pair(self, question, a, b):
        return stats.likert_pair(a, b, question.size)

    def dispersion(self, question, values):
        return stats.ad_m(values), stats.ad_m_agrees(values, question.size)

    def norm(self, question):
        return float(question.size - 1)

    def group_gap(self, question, part, a, b):
        """|mean_A − mean_B| / (points − 1): the gap of the group means over the scale range."""
        field = self._field(part)
        va = [v for ans in a if (v := getattr(ans, field)) is not None]
        vb = [v for ans in b if (v := getattr(ans, field)) is not None]
        if not va or not vb:
            return None, len(va), len(vb)
        return abs(Fraction(sum(va), len(va)) - Fraction(sum(vb), len(vb))) / (question.size - 1), len(va), len(vb)

    def write_cell(self, question, part, answer):
        v = getattr(answer, self._field(part))
        return "" if v is None else str(v)

    def read_cell(self, question, part, cell, raw, error, column):
        v = whole_number(cell, error, column)
        return None if v is None else {self._field(part): v}

    def tidy_part(self, question, part):
        return self._field(part)

    def tidy_values(self, question, part, answer):
        v = getattr(answer, self._field(part))
        return [] if v is None else [("", str(v))]

    def read_tidy(self, question, part, rows, error):
        line, _, v = rows[0]
        value = whole_number(v, lambda c, m: error(line, c, m), "value")
        return None if value is None else {self._field(part): value}

    def distribution(self, question, given, part, lang, fmt, say):
        attr = "value" if not question.current_target else (part or "current")
        tally = Counter(getattr(a, attr) for a in given if getattr(a, attr) is not None)
        return [(point_label(question, v, lang), say("agg.count", n=tally[v]))
                for v in range(1, question.size + 1) if tally[v]]

    def grouping(self, question, lang, words):
        if question.current_target:
            arrow = words("current") + " {c} → " + words("target").lower() + " {t}"
            return (
                lambda a: (a.current, a.target) if a.current is not None or a.target is not None else None,
                lambda k: arrow.format(c=k[0] if k[0] is not None else EMPTY, t=k[1] if k[1] is not None else EMPTY),
                lambda g: lambda k: (k[0] or 0, k[1] or 0),
            )

        def point(v):
            return f"{v} — {question.points[v - 1].get(lang)}" if v and 1 <= v <= question.size else EMPTY
        return (lambda a: a.value, point, lambda g: lambda k: k)

    def hotspot_sentence(self, question, answers, out, rest, part, lang, namer, w) -> str:
        """Who stands where on a hot spot of this question; ``w`` holds the wording helpers
        (see :func:`cxalign.present.wording.hotspot_sentence`)."""
        prefix = w.t(f"prefix.{part}", lang) if part else ""
        if out:
            pieces = w.pieces("likert", w.grouped(out), lang, namer, lambda v: {"value": v}, respectively=True)
            return w.cap(w.t("hs.likert.outliers", lang, prefix=prefix, points=question.size, pieces=pieces,
                          rest=w.range([v for _, v in rest], lang)))
        lo, hi = min(v for _, v in answers), max(v for _, v in answers)
        return w.cap(w.t("hs.likert.split", lang, prefix=prefix, points=question.size, lo=lo, hi=hi,
                      low_who=w.people([p for p, v in answers if v == lo], lang, namer),
                      high_who=w.people([p for p, v in answers if v == hi], lang, namer)))

    def words(self, question, answer, part, lang, style, say):
        if not question.current_target:
            return None if answer.value is None else point_label(question, answer.value, lang)
        if part:
            v = getattr(answer, part)
            return None if v is None else point_label(question, v, lang)
        dont = set(answer.dont_know_parts or ())
        if style.current_target_key is None:  # one line per part
            return "\n".join(
                say("pair", label=say(p), text=say("dont_know") if p in dont else point_label(question, getattr(answer, p), lang))
                for p in PARTS)
        if answer.current is None and answer.target is None and not dont:
            return None

        def figure(p):
            if p in dont:
                return say("dont_know")
            v = getattr(answer, p)
            return style.missing if v is None else str(v)
        return say(style.current_target_key, current=figure("current"), target=figure("target"))
