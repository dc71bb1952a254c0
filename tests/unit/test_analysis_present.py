"""The one number formatter of the presentation layer (issue 8, item 3)."""

from __future__ import annotations

import pytest

from cxalign.present import numbers, wording


@pytest.mark.parametrize("value, lang, digits, expected", [
    (None, "en", 1, "—"),
    (3.0, "en", 1, "3"),
    (3, "fr", 1, "3"),
    (2.5, "fr", 1, "2,5"),
    (2.5, "en", 1, "2.5"),
    (1.94, "en", 1, "1.9"),
    (-0.04, "en", 1, "0.0"),
    (4.0000000001, "en", 1, "4"),
])
def test_number(value, lang, digits, expected):
    assert numbers.number(value, lang, digits) == expected
    assert wording.number(value, lang, digits) == expected  # the wording helper is the same function


@pytest.mark.parametrize("value, lang, expected", [
    (None, "fr", "—"), (0.5, "en", "0.50"), (0.5, "fr", "0,50"), (1.0, "en", "1.00"), (-1e-9, "en", "0.00"),
    (0.666666, "fr", "0,67"),
])
def test_index(value, lang, expected):
    assert numbers.index(value, lang) == expected


def test_one_empty_glyph():
    assert numbers.EMPTY == "—" and numbers.number(None, "fr") == numbers.index(None, "en") == numbers.EMPTY
