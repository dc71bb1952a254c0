"""Names typed inside free text, replaced by a neutral marker for anonymous outputs.

``mask = name_masker(["Claire Martin", "Jean-Pierre Le Gall"])`` returns a
function ``mask(text) -> text`` that replaces every mention of those people —
the full name, the first name alone, the last name alone, in any case and with
or without accents ("claire", "MARTIN", "Jean Pierre", "le gall", "Hélène" for
"Helene") — by :data:`MARKER`. Particles ("de", "le", "van" …) and one-letter
initials are never masked on their own.

It imports nothing from the report, the analysis or the interface, so that
every anonymous output (report, ``analyze``, the results screen) can use it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable

#: What a masked name becomes.
MARKER = "[…]"

#: Words of a name that are never masked on their own (they are ordinary words too).
PARTICLES = frozenset({
    "de", "du", "des", "la", "le", "les", "d", "l", "van", "von", "der", "den", "di", "da", "del", "della",
    "dos", "das", "el", "al", "ben", "bin", "ibn", "st", "ste", "saint", "sainte", "mc", "mac", "y", "e", "et",
    "and", "of", "the",
})

_SEPARATORS = re.compile(r"[\s\-‐‑–’'.]+")


def fold(text: str) -> str:
    """Lower case without accents, one character for one (so positions map back to ``text``)."""
    out = []
    for ch in text:
        base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c)).lower()
        out.append(base if len(base) == 1 else ch.lower() if len(ch.lower()) == 1 else ch)
    return "".join(out)


def _pattern(words: list[str]) -> str:
    """A name's words, any run of spaces, hyphens or apostrophes between them."""
    return r"[\s\-‐‑–’'.]+".join(re.escape(w) for w in words)


def name_patterns(names: Iterable[str]) -> list[str]:
    """The folded forms to look for: each full name, then each of its words that can stand alone."""
    full: set[tuple[str, ...]] = set()
    single: set[str] = set()
    for name in names:
        words = [w for w in _SEPARATORS.split(fold(name).strip()) if w]
        if not words:
            continue
        full.add(tuple(words))
        # first name + last name without the middle ("Marie Claire Dupont" -> "marie dupont")
        if len(words) > 2:
            full.add((words[0], words[-1]))
        # every run of two or more of its words ("jean pierre", "le gall", "pierre le gall")
        for i in range(len(words)):
            for j in range(i + 2, len(words) + 1):
                if not all(w in PARTICLES for w in words[i:j]):
                    full.add(tuple(words[i:j]))
        for word in words:
            if len(word) >= 2 and word not in PARTICLES:
                single.add(word)
    patterns = [_pattern(list(words)) for words in full if len(words) > 1 or words[0] not in PARTICLES]
    patterns += [re.escape(w) for w in single]
    # longest first, so that "claire martin" wins over "claire"
    return sorted(set(patterns), key=lambda p: (-len(p), p))


def name_masker(names: Iterable[str], marker: str = MARKER) -> Callable[[str], str]:
    """A function that replaces the given people's names in a text by ``marker`` (see the module)."""
    patterns = name_patterns(names)
    if not patterns:
        return lambda text: text
    found = re.compile(r"(?<!\w)(?:" + "|".join(patterns) + r")(?!\w)")

    def mask(text: str) -> str:
        if not text:
            return text
        folded = fold(text)
        if len(folded) != len(text):  # pragma: no cover - fold keeps one character for one
            folded = text.lower()
        pieces, last = [], 0
        for match in found.finditer(folded):
            pieces.append(text[last:match.start()])
            pieces.append(marker)
            last = match.end()
        if not pieces:
            return text
        pieces.append(text[last:])
        return "".join(pieces)

    return mask
