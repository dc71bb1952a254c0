"""Plain-language sentences about an analysis, in French and English.

Used alike by ``cxalign analyze``, the results screen and the report. Every
function takes ``lang`` and, where people are named, a ``namer`` (participant
id -> how to call them), so one analysis can be worded with names or with
roles only (:func:`default_namer`). Strings live in ``locales/analysis.toml``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

from cxalign import kinds
from cxalign.analysis.agreement import encode
from cxalign.analysis.result import (
    Camp,
    DefinitionReading,
    DimensionMaturity,
    Hotspot,
    Person,
    WorkshopAnalysis,
    status_of,
)
from cxalign.analysis.thresholds import NAMES_MAX
from cxalign.i18n import pair, role_label, tr, with_part
from cxalign.kinds.words import answer_words
from cxalign.present import numbers
from cxalign.present.numbers import EMPTY

Namer = Callable[[str], str]


def t(key: str, lang: str, **fields: object) -> str:
    return tr(key, lang, "analysis", **fields)


# -- small helpers ------------------------------------------------------------------------

def number(value: float | None, lang: str, digits: int = 1) -> str:
    """See :func:`cxalign.present.numbers.number` (kept here for the callers of ``wording.number``)."""
    return numbers.number(value, lang, digits)


def percent(value: float, lang: str) -> str:
    return t("percent", lang, n=int(round(value * 100)))


def join_words(items: Sequence[str], lang: str) -> str:
    """``A``, ``A and B``, ``A, B and C`` (French: ``et``)."""
    items = list(items)
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return f"{', '.join(items[:-1])} {t('and', lang)} {items[-1]}"


def people(pids: Sequence[str], lang: str, namer: Namer) -> str:
    if len(pids) > NAMES_MAX:
        return t("people", lang, n=len(pids))
    return join_words([namer(p) for p in pids], lang)


def quote(text: str, lang: str) -> str:
    return t("quote", lang, text=text)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def option_label(question, option_id: str, lang: str) -> str:
    option = question.option(option_id)
    return option.label.get(lang) if option else option_id


def concept_label(analysis: WorkshopAnalysis, concept_id: str, lang: str) -> str:
    concept = analysis.questionnaire.concept(concept_id)
    return concept.label.get(lang).lower() if concept else concept_id


def agreement_label(index: float | None, lang: str) -> str:
    """"aligned" (≥ 0.70), "divided", "hot spot" (< 0.50) or "not enough answers"."""
    return t(f"label.{status_of(index) or 'none'}", lang)


def question_title(analysis: WorkshopAnalysis, question_id: str, part: str | None, lang: str) -> str:
    """The question's prompt, with "(today)" / "(target)" for a part of a maturity item."""
    question = analysis.questionnaire.question(question_id)
    return with_part(question.prompt.get(lang) if question else question_id, part, lang)


def default_namer(analysis: WorkshopAnalysis, anonymous: bool, lang: str) -> Namer:
    """Names, or role labels when ``anonymous`` ("Marketing (1)", "Marketing (2)" when two share a role)."""
    participants = analysis.workshop.participants
    if not anonymous:
        names = {p.id: p.name for p in participants}
        return lambda pid: names.get(pid, pid)
    shared = Counter(p.role for p in participants)
    seen: Counter = Counter()
    labels: dict[str, str] = {}
    for p in participants:
        label = role_label(p.role, lang)
        if shared[p.role] > 1:
            seen[p.role] += 1
            label = f"{label} ({seen[p.role]})"
        labels[p.id] = label
    return lambda pid: labels.get(pid, pid)


# -- answers ----------------------------------------------------------------------------------

def _answers(analysis: WorkshopAnalysis, question, part: str | None) -> list[tuple[str, object]]:
    """(participant id, encoded answer) for every usable answer, in respondent order.

    The analysis's own column of that question (part) holds exactly these, already encoded."""
    for column in analysis.columns:
        if column.question.id == question.id and column.part == part:
            return list(zip(column.pids, column.values))
    concepts = {d.respondent: d.concepts for d in analysis.definitions if not d.dont_know}
    found = []
    for pid in analysis.respondents:
        answer = analysis.responses[pid].answers.get(question.id)
        if answer is None or answer.part_unknown(part):
            continue
        value = encode(question, answer, part, concepts.get(pid))
        if value is not None:
            found.append((pid, value))
    return found


def _grouped(pairs: Sequence[tuple[str, object]]) -> list[tuple[object, list[str]]]:
    """People grouped by identical answer, groups in order of first appearance."""
    groups: dict[object, list[str]] = {}
    for pid, value in pairs:
        groups.setdefault(value, []).append(pid)
    return list(groups.items())


def _pieces(kind: str, groups: list[tuple[object, list[str]]], lang: str, namer: Namer, fmt,
            respectively: bool = False) -> str:
    """"Alice answers 1", "Alice and Bob answer 1", or with ``respectively`` (the kind has a
    ``piece.<kind>.resp`` wording) and different answers "Alice and Bob answer 1 and 5 respectively"."""
    if len(groups) > 1 and respectively and all(len(p) == 1 for _, p in groups):
        fields = [fmt(value) for value, _ in groups]
        merged = {k: join_words([str(f[k]) for f in fields], lang) for k in fields[0]}
        if "option" in fields[0]:
            merged["option"] = fields[0]["option"]
        return t(f"piece.{kind}.resp", lang, who=join_words([namer(p[0]) for _, p in groups], lang), **merged)
    parts = []
    for value, pids in groups:
        key = f"piece.{kind}.{'one' if len(pids) == 1 else 'many'}"
        parts.append(t(key, lang, who=people(pids, lang, namer), **fmt(value)))
    return join_words(parts, lang)


def _range(values: Sequence[float], lang: str, same_key="rest.same", range_key="rest.range") -> str:
    lo, hi = min(values), max(values)
    if lo == hi:
        return t(same_key, lang, value=number(lo, lang))
    return t(range_key, lang, lo=number(lo, lang), hi=number(hi, lang))


def _dist(question, counts: list[tuple[str, list[str]]], lang: str, namer: Namer, total: int, label) -> str:
    """``“A” (Alice, Bob), “B” (Chloé)`` — counts instead of names for large groups."""
    items = []
    for key, pids in counts:
        who = people(pids, lang, namer) if total <= NAMES_MAX else t("n_of", lang, k=len(pids), n=total)
        items.append(f"{quote(label(key), lang)} ({who})")
    return join_words(items, lang)


def _most_different(groups_out: Sequence[Sequence[float]], others: Sequence[Sequence[float]], width: int) -> int:
    """The option where the outliers' mean differs most from the others' mean."""
    def avg(rows, j):
        return sum(r[j] for r in rows) / len(rows)
    return max(range(width), key=lambda j: (abs(avg(groups_out, j) - avg(others, j)), -j))


def hotspot_sentence(analysis: WorkshopAnalysis, hotspot: Hotspot, lang: str, namer: Namer) -> str:
    """Who stands where on a hot spot, e.g. "Marketing gives 60 points out of 100 to
    “Recommendation”; the others 10 to 20."."""
    question = analysis.questionnaire.question(hotspot.question)
    answers = _answers(analysis, question, hotspot.part)
    if not answers:
        return ""
    out = [(p, v) for p, v in answers if p in hotspot.outliers]
    rest = [(p, v) for p, v in answers if p not in hotspot.outliers]
    if not rest:
        out, rest = [], answers
    return kinds.kind_of(question).hotspot_sentence(question, answers, out, rest, hotspot.part, lang, namer, _Words(analysis))


class _Words:
    """The wording helpers a kind's hot-spot sentence uses (the kinds import no translations)."""

    NAMES_MAX = NAMES_MAX
    t = staticmethod(t)
    cap = staticmethod(_cap)
    pieces = staticmethod(_pieces)
    grouped = staticmethod(_grouped)
    people = staticmethod(people)
    range = staticmethod(_range)
    number = staticmethod(number)
    option_label = staticmethod(option_label)
    quote = staticmethod(quote)
    pair = staticmethod(pair)
    most_different = staticmethod(_most_different)
    dist = staticmethod(_dist)
    join_words = staticmethod(join_words)
    concept_label = staticmethod(concept_label)

    def __init__(self, analysis: WorkshopAnalysis):
        self.analysis = analysis


def without_sentence(hotspot: Hotspot, lang: str, namer: Namer) -> str:
    """"Without Marketing, agreement would rise from 0.21 to 0.83." — empty when nobody is named."""
    if not hotspot.outliers or hotspot.index_without_outliers is None:
        return ""
    return t("hs.without", lang, who=join_words([namer(p) for p in hotspot.outliers], lang),
             before=numbers.index(hotspot.index, lang), after=numbers.index(hotspot.index_without_outliers, lang))


def position_lines(
    analysis: WorkshopAnalysis, question_id: str, part: str | None, lang: str, namer: Namer
) -> list[tuple[str, str]]:
    """(person, their answer in words) for every respondent who answered, "don't know" included."""
    question = analysis.questionnaire.question(question_id)
    if question is None:
        return []
    lines: list[tuple[str, str]] = []
    for pid in analysis.respondents:
        text = answer_words(question, analysis.responses[pid].answers.get(question_id), lang, part=part)
        if text is not None:
            lines.append((namer(pid), text))
    return lines


def definition_sentence(analysis: WorkshopAnalysis, reading: DefinitionReading, lang: str, namer: Namer) -> str:
    """What a definition speaks of, its closest reference, what that reference adds, and narrow views."""
    who = namer(reading.respondent)
    if reading.dont_know:
        return t("def.dont_know", lang, who=who)
    if not reading.concepts:
        return t("def.none", lang, who=who)
    concepts = join_words([concept_label(analysis, c, lang) for c in reading.concepts], lang)
    parts = [t("def.concepts", lang, who=who, concepts=concepts)]
    if reading.closest_reference:
        ref = analysis.questionnaire.reference(reading.closest_reference)
        closest = t("def.closest", lang, ref=ref.author.get(lang), share=percent(reading.similarity or 0.0, lang))
        if reading.missing:
            closest += t("def.missing", lang, missing=join_words([concept_label(analysis, c, lang) for c in reading.missing], lang))
        parts.append(closest + ".")
    elif analysis.questionnaire.references:
        parts.append(t("def.no_reference", lang))
    if reading.narrow:
        labels = [v.label.get(lang) for v in analysis.questionnaire.narrow_views_of(reading.narrow)]
        parts.append(t("def.narrow", lang, views=join_words(labels, lang)))
    return " ".join(parts)


def level_name(analysis: WorkshopAnalysis, level: int | None, lang: str) -> str:
    if level is None:
        return EMPTY
    return t("level", lang, n=level, name=analysis.questionnaire.level(level).name.get(lang))


def dimension_sentence(analysis: WorkshopAnalysis, dim: DimensionMaturity, lang: str) -> str:
    """Today, target, gap, named level, spread of personal views and the room's consensus."""
    definition = analysis.questionnaire.dimension(dim.id)
    name = definition.name.get(lang) if definition else dim.id
    if dim.current is None and dim.target is None:
        return t("dim.empty", lang, name=name)
    level = level_name(analysis, dim.level, lang)
    if dim.target is None:
        text = t("dim.no_target", lang, name=name, current=number(dim.current, lang), level=level)
    else:
        text = t("dim.sentence", lang, name=name, current=number(dim.current, lang), level=level,
                 target=number(dim.target, lang), gap=number(dim.gap, lang))
    if dim.min is not None and dim.max is not None and dim.max > dim.min:
        text += " " + t("dim.spread", lang, lo=number(dim.min, lang), hi=number(dim.max, lang))
    if dim.consensus is not None:
        values = []
        if dim.consensus.current is not None:
            values.append(t("dim.consensus_current", lang, value=number(dim.consensus.current, lang)))
        if dim.consensus.target is not None:
            values.append(t("dim.consensus_target", lang, value=number(dim.consensus.target, lang)))
        if values:
            text += " " + t("dim.consensus", lang, values=join_words(values, lang))
    return text


# -- patterns, people, camps and the verdict (issue 11) ------------------------------------

def pattern_label(pattern: str | None, lang: str) -> str:
    """"split" / "lone dissent" in words ("" when the question is no hot spot)."""
    return t(f"pattern.{pattern}", lang) if pattern else ""


def anonymous_hotspot_sentence(hotspot: Hotspot, n: int, lang: str) -> str:
    """A hot spot without attributing any position to anyone (anonymous workshops)."""
    if hotspot.pattern == "lone_dissent" and hotspot.index_without_outliers is not None:
        return t("hs.anon.lone", lang, k=len(hotspot.outliers), n=n,
                 before=numbers.index(hotspot.index, lang), after=numbers.index(hotspot.index_without_outliers, lang))
    return t("hs.anon.split", lang, index=numbers.index(hotspot.index, lang))


def _reference_name(analysis: WorkshopAnalysis, ref_id: str | None, lang: str) -> str | None:
    ref = next((r for r in analysis.questionnaire.references if r.id == ref_id), None)
    return ref.author.get(lang) if ref else None


def _narrow_words(analysis: WorkshopAnalysis, narrow: Sequence[str], lang: str) -> str:
    labels = [v.label.get(lang) for v in analysis.questionnaire.narrow_views if v.id in narrow]
    return join_words([label[:1].lower() + label[1:] for label in labels], lang)


def short_title(analysis: WorkshopAnalysis, key: str, lang: str) -> str:
    """A question key (``id`` or ``id:part``) as a short title: the idea it operationalises, else its prompt."""
    qid, _, part = key.partition(":")
    question = analysis.questionnaire.question(qid)
    if question is None:
        return key
    return with_part(question.idea.get(lang) if question.idea else question.prompt.get(lang), part or None, lang)


def person_sentence(analysis: WorkshopAnalysis, person: Person, lang: str, namer: Namer) -> str:
    """"Sophie Laurent stands apart on 6 questions (…); reads customer experience as …"."""
    who = namer(person.id)
    keys = person.stands_apart_on
    if not keys:
        return t("person.with_others", lang, who=who)
    titles = [short_title(analysis, k, lang) for k in keys[:3]]
    text = t("person.apart", lang, who=who, k=len(keys), questions=join_words([quote(x, lang) for x in titles], lang))
    if len(keys) > 3:
        text += t("person.more", lang, k=len(keys) - 3)
    if person.narrow:
        text += t("person.narrow", lang, views=_narrow_words(analysis, person.narrow, lang))
    else:
        ref = _reference_name(analysis, person.closest_reference, lang)
        if ref:
            text += t("person.closest", lang, ref=ref)
    return text + "."


def camp_sentence(analysis: WorkshopAnalysis, camp: Camp, lang: str, namer: Namer) -> str:
    """"Alice, Bob and Chloé agree among themselves (0.91) and differ from the others (0.32), most on …"."""
    titles = [short_title(analysis, k, lang) for k in camp.separating]
    text = t("camp.sentence", lang, who=people(camp.members, lang, namer),
             inside=numbers.index(camp.inside, lang), across=numbers.index(camp.across, lang))
    if titles:
        text += t("camp.on", lang, questions=join_words([quote(x, lang) for x in titles], lang))
    return text + "."


def verdict_label(analysis: WorkshopAnalysis, lang: str) -> str:
    """The overall label that tells the truth: "aligned" only when nobody stands apart on 3+
    questions and the definitions are no hot spot (else "aligned on most questions"), "camps"…"""
    v = analysis.verdict
    label = v.label if v is not None else status_of(analysis.overall_alignment)
    return t(f"label.{label or 'none'}", lang)


def verdict_sentence(analysis: WorkshopAnalysis, lang: str, namer: Namer, anonymous: bool = False) -> str:
    """The executive summary's first sentence: the overall verdict, never "aligned" when it is not true."""
    v = analysis.verdict
    if v is None or v.label is None:
        return t("verdict.none", lang)
    index = numbers.index(v.index, lang)
    hot = len(analysis.hotspots)
    if v.label == "camps":
        if anonymous:
            return t("verdict.camps_anon", lang, index=index, k=v.camps)
        groups = [people(c.members, lang, namer) for c in analysis.camps]
        return t("verdict.camps", lang, index=index, k=v.camps, groups=" / ".join(groups))
    if v.label == "aligned_except":
        if anonymous or not v.apart:
            key = "verdict.aligned_definition" if v.definition_hotspot and not v.apart else "verdict.aligned_except_anon"
            return t(key, lang, index=index, k=len(v.apart))
        parts = []
        for pid in v.apart:
            person = analysis.person(pid)
            if person and person.narrow:
                parts.append(t("verdict.who_reads", lang, who=namer(pid), views=_narrow_words(analysis, person.narrow, lang)))
            else:
                parts.append(t("verdict.who_apart", lang, who=namer(pid), k=len(person.stands_apart_on) if person else 0))
        text = t("verdict.aligned_except", lang, index=index, who=join_words(parts, lang))
        if v.definition_hotspot:
            text += " " + t("verdict.definition_too", lang)
        return text
    if v.label == "aligned":
        return t("verdict.aligned", lang, index=index)
    key = "verdict.hotspot" if v.label == "hotspot" else "verdict.mixed"
    text = t(key, lang, index=index, k=hot)
    if v.apart and not anonymous:
        text += " " + t("verdict.apart_also", lang, who=people(v.apart, lang, namer))
    return text
