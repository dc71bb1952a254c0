"""``analyze``: from a workshop, its questionnaire and the responses to a :class:`WorkshopAnalysis`.

Only responses of participants listed in the workshop count. A response in
progress counts for the questions it answers; "don't know" answers are counted
and left out of every statistic.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from cxalign.analysis.agreement import agreement_row, build_columns, overall_alignment
from cxalign.analysis.concepts import ConceptMatcher, closest_reference, narrow_views
from cxalign.analysis.hotspots import classify, hotspots
from cxalign.analysis.maturity import dimension_maturity
from cxalign.analysis.pairwise import pairwise
from cxalign.analysis.people import camps, people, verdict
from cxalign.analysis.result import DefinitionReading, Unreadable, WorkshopAnalysis
from cxalign.bulk import collector_paused
from cxalign.models.questionnaire import Questionnaire
from cxalign.models.response import Response
from cxalign.models.workshop import Workshop


def _definitions(
    questionnaire: Questionnaire, responses: Mapping[str, Response], order: list[str]
) -> tuple[tuple[DefinitionReading, ...], dict[str, tuple[str, ...]]]:
    question = questionnaire.definition_question
    if question is None:
        return (), {}
    matcher = ConceptMatcher(questionnaire)
    readings: list[DefinitionReading] = []
    found: dict[str, tuple[str, ...]] = {}
    for pid in order:
        answer = responses[pid].answers.get(question.id)
        if answer is None:
            continue
        if answer.dont_know:
            readings.append(DefinitionReading(
                respondent=pid, text="", concepts=(), closest_reference=None, similarity=None,
                missing=(), narrow=(), dont_know=True,
            ))
            continue
        text = (answer.text or "").strip()
        if not text:
            continue
        concepts, negated = matcher.find_negated(text)
        found[pid] = concepts
        ref, sim, missing = closest_reference(questionnaire, concepts)
        readings.append(DefinitionReading(
            respondent=pid, text=text, concepts=concepts, closest_reference=ref, similarity=sim,
            missing=missing, narrow=narrow_views(questionnaire, concepts, negated),
        ))
    return tuple(readings), found


def analyze(
    workshop: Workshop, questionnaire: Questionnaire, responses: dict[str, Response],
    unreadable: Sequence[Unreadable] = (),
) -> WorkshopAnalysis:
    """The whole analysis of a workshop (maturity, agreement, pairwise, hot spots, people,
    camps, verdict, definitions); ``unreadable`` lists the response files left out."""
    with collector_paused():
        return _analyze(workshop, questionnaire, responses, unreadable)


def _analyze(
    workshop: Workshop, questionnaire: Questionnaire, responses: dict[str, Response],
    unreadable: Sequence[Unreadable],
) -> WorkshopAnalysis:
    known = [p.id for p in workshop.participants]
    usable = {pid: responses[pid] for pid in known if pid in responses}
    respondents = [
        pid for pid in known
        if pid in usable and any(a.is_answered for a in usable[pid].answers.values())
    ]
    definitions, concepts = _definitions(questionnaire, usable, respondents)
    columns = build_columns(questionnaire, usable, respondents, concepts)

    rows = []
    for column in columns:
        index = column.index()
        pattern, outliers, without = classify(column, index)
        row = agreement_row(column, outliers, without, index=index)
        rows.append(replace(row, pattern=pattern, consensus=workshop.consensus_for("question", row.id)))

    definition = questionnaire.definition_question
    definition_id = definition.id if definition is not None else None
    role_of = {p.id: p.role for p in workshop.participants}
    dims, overall = dimension_maturity(workshop, questionnaire, usable, respondents)
    matrix = pairwise(respondents, role_of, columns)
    spots = hotspots(rows, definition_id)
    persons = people(respondents, matrix, spots, definitions)
    found_camps = camps(matrix, columns)
    overall_index = overall_alignment(rows)
    return WorkshopAnalysis(
        workshop=workshop,
        questionnaire=questionnaire,
        responses=usable,
        respondents=tuple(respondents),
        questions=tuple(rows),
        overall_alignment=overall_index,
        pairwise=matrix,
        hotspots=spots,
        maturity=overall,
        dimensions=dims,
        definitions=definitions,
        people=persons,
        camps=found_camps,
        verdict=verdict(overall_index, persons, spots, definition_id, found_camps),
        unreadable=tuple(unreadable),
        columns=tuple(columns),
    )


def analyze_folder(folder) -> WorkshopAnalysis:
    """Load a :class:`~cxalign.store.WorkshopFolder` and analyse it; an unreadable response
    is left out and recorded in ``unreadable`` (it never blocks the others)."""
    workshop = folder.load()
    questionnaire = folder.questionnaire_for(workshop)
    responses, bad = folder.readable_responses(workshop)
    left_out = tuple(
        Unreadable(path=str(u.path), participant=u.participant, reason=str(u.reason)) for u in bad
    )
    return analyze(workshop, questionnaire, responses, left_out)
