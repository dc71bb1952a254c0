"""The reference questionnaire (questionnaires/cx-alignment.toml): content the design requires."""

from __future__ import annotations

import re
import tomllib

import pytest
import tomli_w

from cxalign.errors import InputError
from cxalign.models.questionnaire import LikertQuestion, TextQuestion
from cxalign.resources import reference_questionnaire_path
from cxalign.store import load_questionnaire

#: The domain sources (../shared/seeds); tests do not read that folder, it is not in the repository.
SEED_FILES = {
    "000_80a9a510bb14bef3.txt",
    "001_47f0459363c4624f.txt",
    "002_39ac56d16d1147c8.txt",
    "003_9710717283d6f3ca.txt",
    "004_73bd5f20c3f825f1.txt",
}
SECTION_ORDER = ["definition", "framing", "objectives", "starting_point", "value_destruction", "maturity"]
SNAKE = re.compile(r"^[a-z][a-z0-9_]*$")


@pytest.fixture(scope="module")
def raw() -> dict:
    return tomllib.loads(reference_questionnaire_path().read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def q():
    return load_questionnaire(reference_questionnaire_path())


def test_identity(q):
    assert (q.format_version, q.id, q.version) == (1, "cx-alignment", "1.0.0")


def test_sections_in_order(q):
    assert [s.id for s in q.sections] == SECTION_ORDER


def test_definition_is_asked_first_as_free_text(q):
    first = q.sections[0].questions[0]
    assert isinstance(first, TextQuestion) and first.definition
    assert q.definition_question is first
    assert "own words" in first.prompt.en and "propres mots" in first.prompt.fr


def test_every_question_kind_is_present(q):
    kinds = {question.kind for question in q.questions}
    assert kinds == {"text", "single", "multi", "ranking", "allocation", "likert"}


def test_required_questions(q):
    owner = q.question("cx_owner")
    assert owner.kind == "single" and q.section_of("cx_owner").id == "framing"
    assert q.question("cx_includes").kind == "multi"
    allocation = q.question("obj_allocation")
    assert allocation.kind == "allocation" and allocation.total == 100
    assert set(allocation.option_ids) == {
        "reduce_effort", "very_satisfied", "recommendation", "share_of_wallet", "reduce_churn", "roi_cost",
    }
    churn = q.question("churn_reasons")
    assert churn.kind == "ranking" and 6 <= len(churn.options) <= 8
    assert q.section_of("churn_reasons").id == "value_destruction"
    dimensions = q.question("cx_dimensions")
    assert dimensions.kind == "ranking" and len(dimensions.options) == 4
    assert [o.id for o in q.question("cx_pyramid").options] == ["useful", "easy", "enjoyable"]


def test_maturity_items(q):
    items = q.maturity_items()
    assert len(items) >= 12
    assert all(item.current_target and item.size == 5 for item in items)
    assert {s.id for s in q.sections if any(x in s.questions for x in items)} == {"maturity"}
    assert len(q.dimensions) >= 6
    for dimension in q.dimensions:
        assert len(q.maturity_items(dimension.id)) >= 2, dimension.id
        assert all(level.recommendations for level in dimension.levels)
    # every level of an item is a described statement, not a bare number
    for item in items:
        for point in item.points:
            for text in (point.fr, point.en):
                assert len(text.split()) >= 5 and not text.strip().isdigit(), (item.id, text)
        assert len({p.en for p in item.points}) == 5, item.id


def test_only_maturity_items_use_current_target(q):
    for question in q.questions:
        if isinstance(question, LikertQuestion):
            assert question.current_target == (question.dimension is not None), question.id
            if not question.current_target:
                assert 4 <= question.size <= 5, question.id


def test_five_named_levels(q):
    assert [lv.value for lv in q.levels] == [1, 2, 3, 4, 5]
    assert len({lv.name.fr for lv in q.levels}) == 5 and len({lv.name.en for lv in q.levels}) == 5


def test_lexicon_references_and_narrow_views(q):
    assert len(q.concepts) >= 15
    for concept in q.concepts:
        assert concept.fr and concept.en
    assert len(q.references) >= 3
    sources = {r.source for r in q.references}
    assert {"000_80a9a510bb14bef3.txt", "002_39ac56d16d1147c8.txt", "003_9710717283d6f3ca.txt"} <= sources
    assert {r.id for r in q.references} >= {"forrester", "afrc"}
    assert {v.id for v in q.narrow_views} >= {"marketing", "service", "digital_ux"}


def test_reference_texts_contain_their_concepts(q):
    """The lexicon finds, in each reference's own text (both languages), the concepts it lists."""
    from cxalign.analysis.concepts import ConceptMatcher

    matcher = ConceptMatcher(q)
    for reference in q.references:
        for lang in ("fr", "en"):
            found = set(matcher.find(reference.text.get(lang)))
            missing = set(reference.concepts) - found
            assert not missing, (reference.id, lang, missing)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("La façon dont nos clients perçoivent toutes leurs interactions, tout au long du parcours.",
         {"perception", "interaction", "journey"}),
        ("Notre image de marque et nos campagnes de publicité.", {"brand", "advertising"}),
        ("La rapidité du service client et le traitement des réclamations au centre d'appels.",
         {"customer_service", "complaints"}),
        ("How easy our website and mobile app are to use: navigation, UX.", {"digital", "usability", "effort"}),
        ("Engaged employees make loyal customers who recommend us.",
         {"employee_experience", "loyalty", "recommendation"}),
    ],
)
def test_lexicon_reads_realistic_sentences(q, text, expected):
    from cxalign.analysis.concepts import ConceptMatcher

    assert expected <= set(ConceptMatcher(q).find(text))


def test_every_question_names_a_seed_and_an_idea(q):
    for question in q.questions:
        assert question.source in SEED_FILES, question.id
        assert question.idea is not None, question.id
    for reference in q.references:
        assert reference.source in SEED_FILES, reference.id
    # every seed is used by at least one question
    assert {question.source for question in q.questions} == SEED_FILES


def test_ids_are_snake_case(q):
    for question in q.questions:
        assert SNAKE.match(question.id), question.id
        for option in getattr(question, "options", []):
            assert SNAKE.match(option.id), (question.id, option.id)
    for thing in [*q.dimensions, *q.concepts, *q.references, *q.narrow_views]:
        assert SNAKE.match(thing.id), thing.id


def _bilingual_tables(node, path="") -> list[tuple[str, dict]]:
    found = []
    if isinstance(node, dict):
        if "fr" in node or "en" in node:
            found.append((path, node))
        for key, value in node.items():
            found += _bilingual_tables(value, f"{path}.{key}" if path else key)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found += _bilingual_tables(value, f"{path}[{i}]")
    return found


def test_every_text_has_french_and_english(raw):
    tables = _bilingual_tables(raw)
    assert len(tables) > 300  # the walk really reaches every nested text
    for path, table in tables:
        for lang in ("fr", "en"):
            value = table.get(lang)
            assert value, f"{path}.{lang} is missing or empty"
            if isinstance(value, str):
                assert value.strip(), f"{path}.{lang} is blank"
            else:  # concept word lists
                assert all(isinstance(v, str) and v.strip() for v in value), f"{path}.{lang}"


def test_french_and_english_texts_differ(raw):
    """Both languages are written, not copied: long texts must differ between fr and en."""
    for path, table in _bilingual_tables(raw):
        fr, en = table.get("fr"), table.get("en")
        if isinstance(fr, str) and len(fr.split()) >= 6:
            assert fr != en, path


def test_missing_translation_is_refused_naming_the_field(raw, tmp_path):
    broken = tomllib.loads(tomli_w.dumps(raw))  # deep copy
    del broken["sections"][2]["questions"][0]["prompt"]["en"]
    path = tmp_path / "broken.toml"
    path.write_text(tomli_w.dumps(broken), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_questionnaire(path)
    message = str(caught.value)
    assert "broken.toml" in message
    assert "sections[2].questions[0].prompt.en" in message


def test_empty_translation_is_refused(raw, tmp_path):
    broken = tomllib.loads(tomli_w.dumps(raw))
    broken["dimensions"][0]["levels"][2]["recommendations"][0]["fr"] = "  "
    path = tmp_path / "blank.toml"
    path.write_text(tomli_w.dumps(broken), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_questionnaire(path)
    assert "dimensions[0].levels[2].recommendations[0].fr" in str(caught.value)


# -- how long it takes ---------------------------------------------------------------
#
# A rough model of an executive answering: reading every prompt, help text,
# option and scale point at 200 words a minute, plus the time to decide:
#   text 150 s (two to five sentences) · single 10 s · multi 4 s per option ·
#   ranking 8 s per option · allocation 60 s · likert 8 s ·
#   maturity item 30 s (two ratings, today and target).
DECIDE_SECONDS = {"text": 150, "single": 10, "allocation": 60, "likert": 8}
WORDS_PER_MINUTE = 200


def estimated_minutes(q, lang: str) -> float:
    words, seconds = 0, 0.0
    for section in q.sections:
        words += len(section.intro.get(lang).split())
        for question in section.questions:
            texts = [question.prompt.get(lang)]
            if question.help:
                texts.append(question.help.get(lang))
            texts += [o.label.get(lang) for o in getattr(question, "options", [])]
            texts += [p.get(lang) for p in getattr(question, "points", [])]
            words += sum(len(t.split()) for t in texts)
            if question.kind == "multi":
                seconds += 4 * len(question.options)
            elif question.kind == "ranking":
                seconds += 8 * len(question.options)
            elif isinstance(question, LikertQuestion) and question.current_target:
                seconds += 30
            else:
                seconds += DECIDE_SECONDS[question.kind]
    return words / WORDS_PER_MINUTE + seconds / 60


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_takes_twenty_to_thirty_minutes(q, lang):
    assert 20 <= estimated_minutes(q, lang) <= 30


def test_question_counts_fit_the_time_budget(q):
    non_maturity = [x for x in q.questions if q.section_of(x.id).id != "maturity"]
    assert 15 <= len(non_maturity) <= 20
    assert 12 <= len(q.maturity_items()) <= 14
