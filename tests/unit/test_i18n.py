"""Every string of every locale file exists in French and English, with the same fields."""

from __future__ import annotations

import string

import pytest

from cxalign.i18n import areas, catalog, role_label, tr
from cxalign.models.workshop import KNOWN_ROLES


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("area", areas())
def test_every_key_has_both_languages_with_the_same_fields(area):
    entries = catalog(area)
    assert entries, f"{area}.toml is empty"
    for key, entry in entries.items():
        assert set(entry) == {"fr", "en"}, (area, key)
        assert entry["fr"].strip() and entry["en"].strip(), (area, key)
        assert _fields(entry["fr"]) == _fields(entry["en"]), (area, key)


def test_roles():
    for role in KNOWN_ROLES:
        assert role_label(role, "fr") and role_label(role, "en")
    assert role_label("customer_relations", "fr") == "Direction relation client"
    assert role_label("Responsable RSE", "en") == "Responsable RSE"


def test_missing_key_is_an_error():
    with pytest.raises(KeyError):
        tr("no.such.key", "fr")


def test_the_interface_catalogues_share_no_key():
    """One catalogue per area: a key the interface reads is defined once (tui, tui_results, common)."""
    from cxalign.tui.base import UI_AREAS, ui_catalog

    seen: dict[str, str] = {}
    for area in UI_AREAS:
        for key in catalog(area):
            assert key not in seen, f"{key!r} is in {seen.get(key)}.toml and {area}.toml"
            seen[key] = area
    assert set(ui_catalog()) == set(seen)


def test_every_key_shown_in_a_footer_has_both_languages():
    """A footer key shown in English in the French interface (as "Compare" once was) fails here."""
    import importlib
    import pkgutil

    from textual.binding import Binding
    from textual.dom import DOMNode

    import cxalign.tui
    from cxalign.tui.base import binding_label

    missing = []
    for info in pkgutil.walk_packages(cxalign.tui.__path__, "cxalign.tui."):
        module = importlib.import_module(info.name)
        for obj in vars(module).values():
            if not (isinstance(obj, type) and issubclass(obj, DOMNode) and obj.__module__ == info.name):
                continue
            for binding in obj.BINDINGS:
                if isinstance(binding, Binding) and binding.show and binding.description:
                    if binding_label(binding.action, "fr") is None or binding_label(binding.action, "en") is None:
                        missing.append(f"{info.name}.{obj.__name__}: {binding.key} {binding.action}")
    assert not missing, missing


@pytest.mark.parametrize("area", areas())
def test_french_punctuation_is_held_by_a_no_break_space(area):
    """French puts a space before : ; ? ! and inside « »; an ordinary one lets a line (a PDF
    paragraph, a terminal) break there and start with the colon. Every French text uses U+00A0."""
    import re

    loose = {key: entry["fr"] for key, entry in catalog(area).items()
             if re.search(r" [:;?!»]|« ", entry["fr"])}
    assert loose == {}
