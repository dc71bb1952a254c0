"""``text``: free text. Only the definition of CX is compared, by the concepts found in it."""

from __future__ import annotations

from collections import Counter

from cxalign.kinds import register
from cxalign.kinds.base import Kind, stats

DONT_KNOW = "dont_know"


def _looks_like_dont_know(text: str) -> bool:
    """A text that a wide cell would read as "don't know" once one leading quote is removed."""
    return text.lstrip("'").strip().lower() == DONT_KNOW


@register
class TextKind(Kind):
    name = "text"
    fields = ("text",)
    method = "concept_jaccard"
    family = "sets"
    order = 6
    free_text = True

    def compared(self, question) -> bool:
        return bool(getattr(question, "definition", False))

    def problems(self, question, answer):
        if answer.text is not None and len(answer.text) > question.max_length:
            return [("text", f"is {len(answer.text)} characters long; at most {question.max_length}")]
        return []

    def encode(self, question, answer, part, concepts=None):
        return None if concepts is None else frozenset(concepts)

    def index(self, question, values):
        return stats.mean_pairwise_jaccard(values)

    def pair(self, question, a, b):
        return stats.jaccard(a, b)

    # A typed text "dont_know" is written with a leading quote so that it does not read back
    # as "don't know"; one more quote keeps a text that already starts with quotes exact.
    def write_cell(self, question, part, answer):
        text = answer.text or ""
        return "'" + text if _looks_like_dont_know(text) else text

    def read_cell(self, question, part, cell, raw, error, column):
        if raw.startswith("'") and _looks_like_dont_know(raw[1:]):
            raw = raw[1:]
        return {"text": raw}

    def tidy_values(self, question, part, answer):
        return [("", answer.text or "")]

    def read_tidy(self, question, part, rows, error):
        return {"text": rows[0][2]}

    def hotspot_sentence(self, question, answers, out, rest, part, lang, namer, w) -> str:
        """Who stands where on a hot spot of this question; ``w`` holds the wording helpers
        (see :func:`cxalign.present.wording.hotspot_sentence`)."""
        n = len(answers)

        def concepts_text(concepts) -> str:
            ordered = [c.id for c in w.analysis.questionnaire.concepts_of(concepts)]
            return w.join_words([w.concept_label(w.analysis, c, lang) for c in ordered], lang)
        if out:
            parts = []
            for value, pids in w.grouped(out):
                who = w.people(pids, lang, namer)
                if not value:
                    parts.append(w.t("piece.text.none", lang, who=who))
                else:
                    parts.append(w.t(f"piece.text.{'one' if len(pids) == 1 else 'many'}", lang, who=who,
                                   concepts=concepts_text(value)))
            tally = Counter(c for _, v in rest for c in v)
            common = {c for c in tally if 2 * tally[c] > len(rest)}
            rest_text = w.t("rest.text", lang, concepts=concepts_text(common)) if common else w.t("rest.text_none", lang)
            return w.cap(w.t("hs.text.outliers", lang, pieces=w.join_words(parts, lang), rest=rest_text))
        sentences = []
        narrow = [d for d in w.analysis.definitions if d.narrow and d.respondent in dict(answers)]
        if narrow:
            questionnaire = w.analysis.questionnaire
            sentences.append(w.t("hs.text.narrow", lang, list=(" ; " if lang == "fr" else "; ").join(
                w.pair(namer(d.respondent), w.join_words([questionnaire.narrow_view(v).label.get(lang) for v in d.narrow], lang),
                       lang)
                for d in narrow[:w.NAMES_MAX])))
        tally = Counter(c for _, v in answers for c in v)
        if not tally:
            sentences.append(w.t("hs.text.empty", lang))
            return " ".join(sentences)
        order = [k.id for k in w.analysis.questionnaire.concepts]
        ordered = sorted(tally, key=lambda c: (-tally[c], order.index(c)))[:5]
        dist = w.join_words([f"{w.concept_label(w.analysis, c, lang)} ({w.t('n_of', lang, k=tally[c], n=n)})" for c in ordered], lang)
        top = tally[ordered[0]]
        if 2 * top <= n:
            dist = w.join_words([w.concept_label(w.analysis, c, lang) for c in ordered if tally[c] == top], lang)
            sentences.append(w.t("hs.text.scattered", lang, k=top, n=n, dist=dist))
        else:
            sentences.append(w.t("hs.text.split", lang, dist=dist))
        return " ".join(sentences)

    def words(self, question, answer, part, lang, style, say):
        if style.strip_text:
            return answer.text.strip() if answer.text and answer.text.strip() else None
        return answer.text or ""
