"""Concepts found in free-text definitions: accents, plurals, capitals, both languages."""

from __future__ import annotations

import pytest
from helpers import MINI

from cxalign.analysis.concepts import (
    ConceptMatcher,
    closest_reference,
    core_concepts,
    fold,
    narrow_views,
)
from cxalign.store import load_questionnaire


@pytest.fixture(scope="module")
def mini():
    return load_questionnaire(MINI)


@pytest.fixture(scope="module")
def reference_matcher(reference_questionnaire):
    return ConceptMatcher(reference_questionnaire)


def test_fold_removes_case_and_accents():
    assert fold("ÉMOTIONS Ressentis Cohérence") == "emotions ressentis coherence"


@pytest.mark.parametrize("text, expected", [
    ("Parcours Clients", ("journey",)),                     # capitals and a French plural
    ("les PARCOURS", ("journey",)),
    ("customer journeys", ("journey",)),                     # English plural
    ("ÉMOTIONS", ("emotion",)),                              # capital accented letter
    ("emotions sans accent", ("emotion",)),                  # accent left out by the writer
    ("Le ressenti des clients", ("emotion",)),
    ("feelings", ("emotion",)),
    ("Le ressenti tout au long du parcours", ("journey", "emotion")),  # lexicon order
    ("Le prix et la qualité", ()),
])
def test_mini_lexicon(mini, text, expected):
    assert ConceptMatcher(mini).find(text) == expected


@pytest.mark.parametrize("text, expected", [
    # French, several-word forms and accents
    ("Le service client et le traitement des réclamations", {"customer_service", "complaints"}),
    ("Tout ce que le client VIT avant, pendant et après l'achat, de bout en bout",
     {"purchase_cycle", "journey"}),
    ("Une expérience cohérente sur tous les canaux", {"coherence", "totality", "channels"}),
    ("La publicité et l'image de marque", {"advertising", "brand"}),
    # English, plurals and capitals
    ("Customer Journeys across every Touchpoint", {"journey", "channels"}),
    ("Emotions and Perceptions of our customers", {"emotion", "perception"}),
    ("A seamless, Personalised experience", {"coherence", "personalisation"}),
    # the two languages mixed in one sentence
    ("Le parcours client and the customer's emotions", {"journey", "emotion"}),
])
def test_reference_lexicon(reference_matcher, text, expected):
    found = set(reference_matcher.find(text))
    assert expected <= found, f"{text!r}: found {sorted(found)}"


def test_multiword_form_needs_consecutive_words(reference_matcher):
    # "service client" is a form of customer_service; the two words apart do not match it.
    assert "customer_service" in reference_matcher.find("notre service client")
    assert "customer_service" not in reference_matcher.find("le client attend un service")


def test_closest_reference_and_missing(mini):
    ref, sim, missing = closest_reference(mini, ("emotion",))
    assert (ref, sim, missing) == ("ref", 0.5, ("journey",))
    assert closest_reference(mini, ()) == (None, None, ())


def test_closest_reference_none_when_nothing_shared(reference_questionnaire):
    ref, sim, missing = closest_reference(reference_questionnaire, ("customer_service", "complaints"))
    assert ref is None and sim == 0.0 and missing == ()


def test_narrow_views_rule(reference_questionnaire, reference_matcher):
    q = reference_questionnaire
    assert {"perception", "interaction", "journey"} <= core_concepts(q)
    ads = reference_matcher.find("Pour moi c'est la publicité, les campagnes et l'image de marque")
    assert narrow_views(q, ads) == ("marketing",)
    service = reference_matcher.find("C'est la qualité du service client et la gestion des réclamations")
    assert narrow_views(q, service) == ("service",)
    digital = reference_matcher.find("An intuitive website and a mobile app with great usability")
    assert narrow_views(q, digital) == ("digital_ux",)
    # A core concept (the journey) makes the same words a broad definition.
    broad = reference_matcher.find("La publicité, l'image de marque et tout le parcours client")
    assert "journey" in broad and narrow_views(q, broad) == ()
    assert narrow_views(q, ()) == ()
