"""A reference definition's source line, the same in the report and the interface's Definitions tab.

``source_line(reference, "fr")`` -> ``Blog de relation client (auteur non indiqué), « L'expérience
client : de la cohérence avant tout ! », billet de blog, 17 juillet 2013``: who, the title in the
language's quotation marks, the publication, and the year when the publication does not already
say it. A reference without a ``citation`` gives its ``author``.
"""

from __future__ import annotations

_QUOTES = {"fr": ("«\u00a0", "\u00a0»"), "en": ("“", "”")}


def source_line(reference, lang: str) -> str:
    citation = getattr(reference, "citation", None)
    if citation is None:
        return reference.author.get(lang)
    parts = [citation.by.get(lang)]
    if citation.title is not None:
        left, right = _QUOTES["en" if lang == "en" else "fr"]
        parts.append(f"{left}{citation.title.get(lang)}{right}")
    publication = citation.publication.get(lang) if citation.publication is not None else ""
    if publication:
        parts.append(publication)
    if citation.year is not None and str(citation.year) not in publication:
        parts.append(str(citation.year))
    return ", ".join(parts)
