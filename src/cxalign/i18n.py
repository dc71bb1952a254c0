"""Interface and report wording in French and English.

Strings live in ``locales/*.toml`` as tables ``key = {fr = "…", en = "…"}``;
``tr("key", lang, name=…)`` returns the text for a language with
``str.format`` fields filled in. A missing key raises ``KeyError`` so a test
catches it rather than a user.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

_LOCALES = Path(__file__).resolve().parent / "locales"


@cache
def catalog(area: str) -> dict[str, dict[str, str]]:
    """All strings of one area (``cli``, ``tui``, ``report``, ``common``)."""
    with open(_LOCALES / f"{area}.toml", "rb") as handle:
        return tomllib.load(handle)


def areas() -> list[str]:
    return sorted(p.stem for p in _LOCALES.glob("*.toml"))


def tr(key: str, lang: str, area: str = "common", /, **fields: object) -> str:
    entry = catalog(area)[key]
    text = entry["en"] if lang == "en" else entry["fr"]
    return text.format(**fields) if fields else text


def pair(label: str, text: str, lang: str) -> str:
    """``label: text`` — in French with the no-break space before the colon (the one spelling)."""
    return tr("pair", lang, label=label, text=text)


def part_label(part: str, lang: str) -> str:
    """One part of a maturity item in words: ``current`` → "today", ``target`` → "target"."""
    return tr(f"part.{part}", lang)


def with_part(title: str, part: str | None, lang: str) -> str:
    """"title (today)" / "title (target)" for one part of a maturity item; the title alone otherwise."""
    return tr("with_part", lang, title=title, part=part_label(part, lang)) if part else title


def role_label(role: str, lang: str) -> str:
    """A role key (``ceo``, ``marketing`` …) in words; any other role as typed."""
    from cxalign.models.workshop import KNOWN_ROLES  # here, so that importing i18n stays light

    if role in KNOWN_ROLES:
        return tr(f"role.{role}", lang)
    return role
