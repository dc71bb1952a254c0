"""The demo workshop: deterministic, valid, and holding the disagreements it promises."""

from __future__ import annotations

from pathlib import Path

import pytest

from cxalign.demo import PLANTED_DISAGREEMENTS, create_demo, demo_data
from cxalign.models.workshop import KNOWN_ROLES


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_demos_are_identical_but_for_the_folder_name(tmp_path):
    first = create_demo(tmp_path / "a")
    second = create_demo(tmp_path / "b")
    again = create_demo(tmp_path / "a")  # same root: a new folder, same content
    assert first.path.name.startswith("demo")
    assert again.path != first.path and again.path.name.startswith("demo")
    assert _files(first.path) == _files(second.path) == _files(again.path)
    assert len(_files(first.path)) == 2 + len(first.load().participants)


def test_every_response_validates(demo_folder):
    workshop = demo_folder.load()
    responses = demo_folder.responses()  # raises on any problem
    assert set(responses) == {p.id for p in workshop.participants}
    assert workshop.organisation and workshop.language == "fr"
    assert str(workshop.date) == "2026-11-20"


def test_participants_and_progress(demo_folder):
    workshop = demo_folder.load()
    questionnaire = demo_folder.questionnaire
    roles = [p.role for p in workshop.participants]
    assert len(roles) >= 6 and len(set(roles)) == len(roles)
    assert set(roles) <= set(KNOWN_ROLES)
    assert {"ceo", "sales", "marketing", "customer_relations", "digital"} <= set(roles)

    responses = demo_folder.responses()
    in_progress = [r for r in responses.values() if r.status == "in_progress"]
    submitted = [r for r in responses.values() if r.status == "submitted"]
    assert len(in_progress) == 1 and len(submitted) == len(responses) - 1

    pending = in_progress[0]
    answered = [q.id for q in questionnaire.questions if pending.answered(q.id)]
    assert 0.35 <= len(answered) / len(questionnaire.questions) <= 0.65  # about half
    assert pending.cursor is not None and pending.cursor not in pending.answers
    assert pending.submitted_at is None
    # answered in order, and the cursor is the first unanswered question
    order = [q.id for q in questionnaire.questions]
    assert answered == order[: len(answered)] and pending.cursor == order[len(answered)]

    for response in submitted:
        assert response.submitted_at is not None and response.started_at < response.submitted_at
        assert all(response.answered(q.id) for q in questionnaire.questions), response.participant
        times = [response.answers[q.id].answered_at for q in questionnaire.questions]
        assert times == sorted(times) and times[-1] <= response.submitted_at


def test_dont_know_and_notes_are_used(demo_folder):
    answers = [a for r in demo_folder.responses().values() for a in r.answers.values()]
    assert any(a.dont_know for a in answers)
    notes = [a.note for a in answers if a.note]
    assert len(notes) >= 5


def _by_role(folder):
    workshop = folder.load()
    responses = folder.responses()
    return {p.role: responses[p.id] for p in workshop.participants}


def test_definitions_say_what_each_role_believes(demo_folder):
    answers = _by_role(demo_folder)

    def definition(role: str) -> str:
        return answers[role].answers["cx_definition"].text.lower()

    assert all(w in definition("marketing") for w in ("marque", "campagnes", "communication"))
    assert all(w in definition("customer_relations") for w in ("service client", "réclamations", "centre d'appels"))
    assert all(w in definition("digital") for w in ("site", "application", "ux"))
    assert all(w in definition("ceo") for w in ("perçoivent", "interactions", "parcours", "collaborateurs"))
    assert all(w in definition("sales") for w in ("satisfaction", "fidélité", "comptes clés"))
    for role in answers:
        sentences = [s for s in definition(role).split(". ") if s.strip()]
        assert 2 <= len(sentences) <= 5, role


def test_the_analysis_reads_the_planted_definitions(demo_folder):
    from cxalign.analysis.concepts import ConceptMatcher, closest_reference, narrow_views

    questionnaire = demo_folder.questionnaire
    matcher = ConceptMatcher(questionnaire)
    answers = _by_role(demo_folder)

    def read(role: str):
        concepts = matcher.find(answers[role].answers["cx_definition"].text)
        return concepts, narrow_views(questionnaire, concepts), closest_reference(questionnaire, concepts)[0]

    assert read("marketing")[1] == ("marketing",)
    assert read("customer_relations")[1] == ("service",)
    assert read("digital")[1] == ("digital_ux",)
    ceo_concepts, ceo_narrow, ceo_reference = read("ceo")
    assert ceo_narrow == () and ceo_reference in {"afrc", "forrester"}
    assert {"perception", "interaction", "journey", "employee_experience", "loyalty"} <= set(ceo_concepts)
    sales_concepts, sales_narrow, _ = read("sales")
    assert sales_narrow == () and {"satisfaction", "loyalty"} <= set(sales_concepts)


def test_planted_disagreements_are_the_hot_spots(demo_folder):
    from cxalign.analysis import analyze_folder

    analysis = analyze_folder(demo_folder)
    hot = {h.question for h in analysis.hotspots if h.index < 0.5}  # lone dissents (issue 11) come on top
    assert hot == set(PLANTED_DISAGREEMENTS)
    assert {h.question for h in analysis.hotspots[:len(PLANTED_DISAGREEMENTS)]} == set(PLANTED_DISAGREEMENTS)
    indexed = [q for q in analysis.questions if q.index is not None]
    lowest = sorted(indexed, key=lambda q: q.index)[: len(PLANTED_DISAGREEMENTS)]
    assert {q.id for q in lowest} == set(PLANTED_DISAGREEMENTS)
    channel = next(q for q in analysis.questions if q.id == "mat_channel_coherence" and q.part == "current")
    digital = next(p.id for p in demo_folder.load().participants if p.role == "digital")
    assert channel.outliers == (digital,)


def test_planted_allocation_and_ownership(demo_folder):
    answers = _by_role(demo_folder)
    recommendation = {role: r.answers["obj_allocation"].allocation["recommendation"] for role, r in answers.items()}
    assert recommendation.pop("marketing") == 60
    assert all(10 <= v <= 20 for v in recommendation.values())
    owners = [r.answers["cx_owner"].choice for r in answers.values()]
    assert len(set(owners)) >= len(owners) - 2


def test_maturity_levels(demo_folder):
    from cxalign.analysis import analyze_folder

    analysis = analyze_folder(demo_folder)
    overall = analysis.maturity
    assert 1.5 <= overall.current <= 2.5 and overall.level == 2
    assert 3.5 <= overall.target <= 4.5 and overall.target_level == 4
    spreads = {d.id: d.max - d.min for d in analysis.dimensions}
    assert max(spreads, key=spreads.get) == "journeys_channels"
    assert spreads["journeys_channels"] >= 2


def test_data_file_names_known_questions_only(reference_questionnaire):
    ids = {q.id for q in reference_questionnaire.questions}
    for person in demo_data()["participants"]:
        assert set(person["answers"]) <= ids, person["name"]
        if "cursor" in person:
            assert person["cursor"] in ids


@pytest.mark.parametrize("question", PLANTED_DISAGREEMENTS)
def test_planted_questions_exist(reference_questionnaire, question):
    assert reference_questionnaire.question(question) is not None


# -- the later workshop (issue 12): six months on, with a managers group ---------------------------
@pytest.fixture
def demo_pair(tmp_path):
    from cxalign.demo import create_demos

    return create_demos(tmp_path / "workshops")


def test_cli_demo_prints_both_folders_the_later_last(tmp_path, capsys):
    from cxalign.cli import main

    assert main(["demo", "--dir", str(tmp_path)]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 2
    first, later = (Path(line) for line in lines)
    assert first.name == "demo-loriane-maison" and later.name == "demo-loriane-maison-2027"


def test_later_demo_validates_and_has_a_managers_group(demo_pair):
    first, later = demo_pair
    workshop = later.load()
    responses = later.responses()  # raises on any problem
    assert set(responses) == {p.id for p in workshop.participants}
    assert all(r.status == "submitted" for r in responses.values())
    assert workshop.organisation == first.load().organisation
    assert workshop.date.isoformat() == "2027-05-20"  # six months after 2026-11-20
    groups = [p.group for p in workshop.participants]
    assert groups.count("comex") == 7 and groups.count("managers") == 5


def test_later_demo_compares_as_planted(demo_pair):
    from cxalign.compare.over_time import compare_workshops
    from cxalign.demo import LATER_NEW, LATER_RESOLVED

    comparison = compare_workshops(*demo_pair)
    assert set(LATER_RESOLVED) <= set(comparison.resolved)
    assert set(LATER_NEW) <= set(comparison.new)
    measured = comparison.dimension("measurement_objectives")
    assert measured.change > 1 and measured.exceeds_spread
    assert comparison.overall_change > 0  # some progress
    where = {p.name: p.where for p in comparison.people}
    assert where["Pierre Garnier"] == "before" and where["Claire Dubois"] == "after"
    assert where["Hélène Marchand"] == "both"
    marketing = next(p for p in comparison.people if p.role == "marketing")
    assert {"journey", "interaction"} <= set(marketing.gained)


def test_later_demo_groups(demo_pair):
    from cxalign.analysis import analyze_folder
    from cxalign.compare.groups import compare_analysis_groups

    result = compare_analysis_groups(analyze_folder(demo_pair[1]))
    gap = result.gap("comex", "managers")
    assert all(d.gap < 0 for d in gap.dimensions)  # the managers see a lower maturity everywhere
    assert "feedback_use" in [q.key for q in gap.differing]
    assert gap.definitions.distance > 0.5
