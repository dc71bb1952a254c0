"""Concepts found in free-text definitions with the questionnaire's bilingual lexicon.

Text and lexicon go through the same steps: lower case, accents removed
(Unicode NFKD, combining marks dropped), split into words (letters and digits),
each word stemmed with the Snowball French and English stemmers. A lexicon
word matches a text word when they share a key: the plain word, or its stem in
the lexicon word's language (so an entry already written as a stem, like
``personnalis``, matches too); an entry ending in ``*`` matches every word that
starts with it. A lexicon form of several words matches the same words in a
row. French and English forms are both looked for whatever the workshop's
language, since executives mix them ("parcours client", "customer journey").

Closest reference: the reference definition whose concept set has the highest
Jaccard similarity with the concepts found (first in questionnaire order on a tie).

Narrow views (:func:`narrow_views`): a definition is flagged as reducing CX to a
narrow view when (a) it uses at least one of the view's concepts, (b) the view's
concepts make at least half of the concepts it uses, and (c) it uses none of the
*core* concepts — those cited by at least half of the reference definitions and
by no narrow view (in the reference questionnaire: perception, interaction, the
whole of the relationship, the journey, emotion) — other than the *qualifiers*
(:data:`QUALIFIER_CONCEPTS`, emotion): a feeling word qualifies a reading ("the
campaigns that make people *want* to buy") without widening its scope, so it
never alone makes a narrow definition broad (issue 11, item 7).

Negation: a concept every mention of which follows a negation cue within
:data:`NEGATION_WINDOW` words ("ce n'est *pas* que du marketing", "*not* just
advertising", "*au-delà* de la marque") is counted as found but never makes a
definition narrow (:meth:`ConceptMatcher.find_negated`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

from cxalign.models.questionnaire import Questionnaire

_WORD = re.compile(r"[a-z0-9]+")
#: Core concepts that qualify a definition rather than widen it (see the module docstring).
QUALIFIER_CONCEPTS = frozenset({"emotion"})
#: Folded words that negate or go beyond what follows them.
NEGATION_CUES = frozenset({"pas", "non", "ni", "jamais", "dela", "not", "no", "never", "beyond", "nor"})
#: A concept is negated when a cue stands at most this many words before it.
NEGATION_WINDOW = 4
#: At most this many distinct text words keep their matching forms in memory.
_FIRST_MAX = 200_000
_STEMMERS = {"fr": snowballstemmer.stemmer("french"), "en": snowballstemmer.stemmer("english")}


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _drop_combining(match: re.Match[str]) -> str:
    ch = match.group()
    return "" if unicodedata.combining(ch) else ch


def fold(text: str) -> str:
    """Lower case without accents: ``"ÉMOTIONS"`` -> ``"emotions"``."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    # combining marks are never ASCII: only the other characters are looked at
    return _NON_ASCII.sub(_drop_combining, decomposed)


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


@lru_cache(maxsize=200_000)
def stem(word: str, lang: str) -> str:
    return _STEMMERS[lang].stemWord(word)


@lru_cache(maxsize=200_000)
def word_keys(word: str) -> frozenset[str]:
    """Every key a folded text word can be matched by: itself and its two stems."""
    return frozenset((word, stem(word, "fr"), stem(word, "en")))


@dataclass(frozen=True)
class _Form:
    concept: str
    #: Per word: the keys that match it, or a prefix (entries ending in ``*``).
    parts: tuple[tuple[frozenset[str], str | None], ...]


class ConceptMatcher:
    """Finds the questionnaire's concepts in texts; build once, use for every respondent."""

    def __init__(self, questionnaire: Questionnaire):
        self.order = [c.id for c in questionnaire.concepts]
        self._by_key: dict[str, list[_Form]] = {}
        self._prefixed: list[_Form] = []
        #: text word -> the forms whose first word it matches (see :meth:`_starting_with`)
        self._first: dict[str, tuple[_Form, ...]] = {}
        for concept in questionnaire.concepts:
            for lang, forms in (("fr", concept.fr), ("en", concept.en)):
                for form in forms:
                    parts = []
                    for raw in form.split():
                        prefix = raw.endswith("*")
                        tokens = words(raw.rstrip("*"))
                        for i, token in enumerate(tokens):
                            if prefix and i == len(tokens) - 1:
                                parts.append((frozenset(), token))
                            else:
                                parts.append((frozenset((token, stem(token, lang))), None))
                    if not parts:
                        continue
                    entry = _Form(concept.id, tuple(parts))
                    keys, prefix = parts[0]
                    if prefix is not None:
                        self._prefixed.append(entry)
                    for key in keys:
                        self._by_key.setdefault(key, []).append(entry)

    def _starting_with(self, token: str) -> tuple[tuple[str, tuple], ...]:
        """(concept, the form's other words) of the forms whose first word matches ``token``
        (worked out once per distinct word)."""
        found = self._first.get(token)
        if found is None:
            candidates: list[_Form] = []
            for key in word_keys(token):
                candidates.extend(self._by_key.get(key, ()))
            candidates.extend(self._prefixed)
            found = tuple((form.concept, form.parts[1:]) for form in candidates
                          if self._part_matches(form.parts[0], token))
            if len(self._first) < _FIRST_MAX:
                self._first[token] = found
        return found

    @staticmethod
    def _part_matches(part: tuple[frozenset[str], str | None], word: str) -> bool:
        keys, prefix = part
        if prefix is not None:
            return word.startswith(prefix)
        return not keys.isdisjoint(word_keys(word))

    def find(self, text: str) -> tuple[str, ...]:
        """Concept ids found in ``text``, in lexicon order."""
        return self.find_negated(text)[0]

    def find_negated(self, text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(concept ids found, those of them only ever mentioned after a negation cue), in lexicon order."""
        tokens = words(text)
        found: set[str] = set()
        plain: set[str] = set()
        cues = [i for i, token in enumerate(tokens) if token in NEGATION_CUES]
        n = len(tokens)
        matches = self._part_matches
        # the sets found and plain do not depend on the order the forms are tried in
        for i, token in enumerate(tokens):
            negated = None
            for concept, rest in self._starting_with(token):  # their first word matches already
                if concept in plain:
                    continue
                if rest:
                    if i + len(rest) >= n:
                        continue
                    mismatch = False
                    for k, part in enumerate(rest, 1):  # a loop, not all(): this runs 500,000 times
                        if not matches(part, tokens[i + k]):
                            mismatch = True
                            break
                    if mismatch:
                        continue
                found.add(concept)
                if negated is None:
                    negated = any(0 < i - c <= NEGATION_WINDOW for c in cues)
                if not negated:
                    plain.add(concept)
        return (tuple(c for c in self.order if c in found),
                tuple(c for c in self.order if c in found and c not in plain))


def closest_reference(
    questionnaire: Questionnaire, concepts: tuple[str, ...]
) -> tuple[str | None, float | None, tuple[str, ...]]:
    """(reference id, Jaccard similarity, concepts of that reference missing).

    ``(None, None, ())`` when no concept is found, ``(None, 0.0, ())`` when the
    concepts found share nothing with any reference.
    """
    if not concepts or not questionnaire.references:
        return None, None, ()
    found = set(concepts)
    best, best_sim = None, -1.0
    for ref in questionnaire.references:
        ref_set = set(ref.concepts)
        sim = len(found & ref_set) / len(found | ref_set)
        if sim > best_sim + 1e-12:
            best, best_sim = ref, sim
    if best_sim <= 0.0:
        return None, 0.0, ()  # shares nothing with any reference
    missing = tuple(c for c in best.concepts if c not in found)
    return best.id, best_sim, missing


_CORE: list = [None, frozenset()]


def core_concepts(questionnaire: Questionnaire) -> frozenset[str]:
    """Concepts cited by at least half of the reference definitions and by no narrow view."""
    if _CORE[0] is questionnaire:  # asked once per definition: kept for the last questionnaire
        return _CORE[1]
    found = _core_concepts(questionnaire)
    _CORE[:] = [questionnaire, found]
    return found


def _core_concepts(questionnaire: Questionnaire) -> frozenset[str]:
    narrow = {c for view in questionnaire.narrow_views for c in view.concepts}
    refs = questionnaire.references
    cited: dict[str, int] = {}
    for ref in refs:
        for c in set(ref.concepts):
            cited[c] = cited.get(c, 0) + 1
    return frozenset(c for c, k in cited.items() if 2 * k >= len(refs) and c not in narrow)


def narrow_views(
    questionnaire: Questionnaire, concepts: tuple[str, ...], negated: tuple[str, ...] = ()
) -> tuple[str, ...]:
    """Ids of the narrow views this set of concepts reduces CX to (rule in the module docstring);
    ``negated`` concepts (only mentioned after a negation) are left out of the reading."""
    found = set(concepts) - set(negated)
    if not found or found & (core_concepts(questionnaire) - QUALIFIER_CONCEPTS):
        return ()
    flagged = []
    for view in questionnaire.narrow_views:
        inside = found & set(view.concepts)
        if inside and 2 * len(inside) >= len(found):
            flagged.append(view.id)
    return tuple(flagged)
