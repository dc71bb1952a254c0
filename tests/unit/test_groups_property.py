"""Any valid answers, any split into groups: every group difference lies on [0, 1] or is null,
and the comparison of any two such workshops gives changes that are after − before."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cxalign.analysis.engine import analyze
from cxalign.compare.groups import compare_groups
from cxalign.compare.jsonout import analysis_groups_json
from cxalign.compare.over_time import compare_analyses
from cxalign.models import Participant, QuestionnaireRef, Response, Workshop
from cxalign.store import load_questionnaire
from helpers import MINI
from strategies import answer_sets

HASH = "sha256:" + "0" * 64


@pytest.fixture(scope="module")
def mini():
    return load_questionnaire(MINI)


def _workshop(q, groups, anonymous=False, min_size=2, day=1):
    return Workshop(
        format_version=1, name="T", organisation="Testco", date=dt.date(2025, 1, day), anonymous=anonymous,
        min_group_size=min_size,
        questionnaire=QuestionnaireRef(id=q.id, version=q.version, hash=HASH),
        participants=[Participant(id=f"p{i}", name=f"Person {i}", role="ceo", group=g) for i, g in enumerate(groups)],
    )


def _responses(sets):
    return {f"p{i}": Response(format_version=1, participant=f"p{i}", questionnaire_hash=HASH, status="submitted",
                              answers=answers) for i, answers in enumerate(sets)}


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data())
def test_any_answers_any_groups(mini, data):
    sets = data.draw(st.lists(answer_sets(mini), min_size=0, max_size=7))
    groups = data.draw(st.lists(st.sampled_from(["comex", "managers", "front_line", None]),
                                min_size=len(sets), max_size=len(sets)))
    anonymous = data.draw(st.booleans())
    workshop = _workshop(mini, groups, anonymous=anonymous)
    responses = _responses(sets)
    result = compare_groups(workshop, mini, responses)
    if len({g for g in groups if g}) < 2:
        assert result is None
        return
    for gap in result.gaps:
        for q in gap.questions:
            assert q.value is None or 0 <= q.value <= 1
        d = gap.definitions.distance
        assert d is None or 0 <= d <= 1
    for g in result.groups:
        assert g.hidden == (anonymous and g.n < 2)
        assert (g.analysis is None) == g.hidden
    json.dumps(analysis_groups_json(analyze(workshop, mini, responses), anonymous))


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data())
def test_any_two_workshops_compare(mini, data):
    before_sets = data.draw(st.lists(answer_sets(mini), min_size=0, max_size=5))
    after_sets = data.draw(st.lists(answer_sets(mini), min_size=0, max_size=5))
    before = analyze(_workshop(mini, [None] * len(before_sets)), mini, _responses(before_sets))
    after = analyze(_workshop(mini, [None] * len(after_sets), day=2), mini, _responses(after_sets))
    c = compare_analyses(before, after)
    for q in c.questions:
        assert q.change is None or q.change == pytest.approx(q.after - q.before)
    assert set(c.resolved).isdisjoint(c.new) and set(c.persisting).isdisjoint(c.new)
    both = min(len(before_sets), len(after_sets))
    assert [p.where for p in c.people].count("both") == both  # same ids p0.. in both
