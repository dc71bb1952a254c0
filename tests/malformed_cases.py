"""The malformed files of tests/functional/test_malformed.py, made from good ones by named mutations.

The questionnaires come from the mini questionnaire (tests/data/mini-questionnaire.toml), the
responses and the workshops from a good response and a good workshop of a workshop built on it.
Each case says what it is (response, questionnaire or workshop) and the field the message must
name, or ``(none)`` for files that cannot be parsed at all.
"""

from __future__ import annotations

from typing import NamedTuple

from helpers import MINI

#: A good response of Alice and a good workshop file, ``@HASH@`` standing for the questionnaire's hash.
RESPONSE = 'format_version = 1\nparticipant = "alice-martin"\nquestionnaire_hash = "@HASH@"\nstatus = "in_progress"\n'
WORKSHOP = ('format_version = 1\nname = "Atelier"\norganisation = "Testco"\ndate = 2026-11-20\n'
            'questionnaire = { id = "mini", version = "0.1", hash = "@HASH@" }\n'
            'participants = [{ id = "alice-martin", name = "Alice", role = "ceo" }]\n')


class Case(NamedTuple):
    kind: str  # response, questionnaire or workshop
    field: str  # what the message must name; "(none)" when the file cannot be parsed
    content: bytes


def _swap(good: str, old: str, new: str) -> str:
    assert old in good, old
    return good.replace(old, new, 1)


def _response(answers: str | bytes = "", *, swap: tuple[str, str] | None = None, status: bool = True) -> bytes:
    """The good response with ``answers`` added at its end (and one line changed, or its status left out)."""
    text = RESPONSE if status else _swap(RESPONSE, 'status = "in_progress"\n', "")
    if swap:
        text = _swap(text, *swap)
    return text.encode() + (answers.encode() if isinstance(answers, str) else answers)


def _questionnaire(old: str, new: str) -> bytes:
    return _swap(MINI.read_text(encoding="utf-8"), old, new).encode()


def _workshop(old: str, new: str) -> bytes:
    return _swap(WORKSHOP, old, new).encode()


CASES = {
    "allocation-negative": Case("response", "answers.goals.allocation",
                                _response("[answers.goals]\nallocation = { effort = 120, nps = -20, churn = 0 }\n")),
    "allocation-sum": Case("response", "answers.goals.allocation",
                           _response("[answers.goals]\nallocation = { effort = 50, nps = 30, churn = 30 }\n")),
    "bad-date": Case("response", "updated_at", _response('updated_at = "yesterday"\n')),
    "bad-status": Case("response", "status", _response(swap=('"in_progress"', '"finished"'))),
    "bad-toml-syntax": Case("response", "(none)", _response('[answers.owner\nchoice = "ceo"\n')),
    "control-characters": Case("response", "answers.def_text.text",
                               _response('[answers.def_text]\ntext = "Le client\\u0007 avant tout"\n')),
    "current-out-of-range": Case("response", "answers.m_sponsor.target",
                                 _response("[answers.m_sponsor]\ncurrent = 2\ntarget = 6\n")),
    "dont-know-part-of-a-scale": Case("response", "answers.silos.dont_know_parts",
                                      _response('[answers.silos]\ndont_know_parts = ["target"]\n')),
    "dont-know-part-with-value": Case("response", "answers.m_sponsor",
                                      _response('[answers.m_sponsor]\ncurrent = 3\ntarget = 4\ndont_know_parts = ["target"]\n')),
    "dont-know-with-value": Case("response", "answers.owner", _response('[answers.owner]\nchoice = "ceo"\ndont_know = true\n')),
    "future-format": Case("response", "format_version", _response(swap=("format_version = 1", "format_version = 99"))),
    "huge-text": Case("response", "answers.def_text.text",
                      _response('[answers.def_text]\ntext = "' + "expérience " * 3000 + '"\n', status=False)),
    "likert-out-of-range": Case("response", "answers.silos.value", _response("[answers.silos]\nvalue = 9\n")),
    "not-utf8": Case("response", "(none)", _response(b'[answers.def_text]\ntext = "caf\xe9"\n', status=False)),
    "q-duplicate-question": Case("questionnaire", "(top level)", _questionnaire('id = "silos"', 'id = "owner"')),
    "q-empty-translation": Case("questionnaire", "sections[2].title.en",
                                _questionnaire('en = "Objectives" }', 'en = "   " }')),
    "q-missing-translation": Case("questionnaire", "sections[1].questions[0].prompt.en",
                                  _questionnaire('prompt = { fr = "Qui en est responsable ?", en = "Who owns it?" }',
                                                 'prompt = { fr = "Qui en est responsable ?" }')),
    "q-unknown-kind": Case("questionnaire", "sections[1].questions[0]", _questionnaire('kind = "single"', 'kind = "dropdown"')),
    "ranking-duplicates": Case("response", "answers.leave.ranking",
                               _response('[answers.leave]\nranking = ["bill", "bill", "perso"]\n')),
    "ranking-incomplete": Case("response", "answers.leave.ranking", _response('[answers.leave]\nranking = ["bill", "perso"]\n')),
    "unknown-field": Case("response", "answers.owner.colour", _response('[answers.owner]\nchoice = "ceo"\ncolour = "blue"\n')),
    "unknown-option": Case("response", "answers.owner.choice", _response('[answers.owner]\nchoice = "the_intern"\n')),
    "unknown-participant": Case("response", "participant", _response(swap=('"alice-martin"', '"zorro"'))),
    "unknown-question": Case("response", "answers.no_such_question", _response('[answers.no_such_question]\nchoice = "ceo"\n')),
    "w-bad-language": Case("workshop", "language", _workshop("date = 2026-11-20\n", 'date = 2026-11-20\nlanguage = "de"\n')),
    "w-duplicate-participant": Case("workshop", "participants", _workshop(
        'role = "ceo" }]', 'role = "ceo" }, { id = "alice-martin", name = "Alice bis", role = "sales" }]')),
    "w-wrong-types": Case("workshop", "participants[0].name", _workshop('name = "Alice"', "name = 42")),
    "wrong-field-for-kind": Case("response", "answers.owner.choices", _response('[answers.owner]\nchoices = ["ceo"]\n')),
    "wrong-type": Case("response", "answers.silos.value", _response('[answers.silos]\nvalue = "three"\n')),
}
