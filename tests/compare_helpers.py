"""Small workshops on the mini questionnaire for the comparison tests (answers given by hand)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from helpers import MINI

from cxalign.models.common import FORMAT_VERSION
from cxalign.models.response import Answer, Response
from cxalign.store import WorkshopFolder


def make_workshop(root: Path, people: list[tuple], *, name: str = "Atelier", organisation: str = "Testco",
                  date: dt.date = dt.date(2026, 1, 10), anonymous: bool = False, min_group_size: int = 5,
                  questionnaire: Path = MINI) -> WorkshopFolder:
    """``people``: (name, role, group or None, {question id: answer fields}[, id]) — every response submitted.

    A fifth element gives the participant another id than the slug of their name."""
    folder = WorkshopFolder.create(
        root, name=name, organisation=organisation, participants=[(p[0], p[1]) for p in people],
        date=date, anonymous=anonymous, questionnaire_path=questionnaire,
    )
    workshop = folder.load()
    grouped = [p.model_copy(update={"group": person[2], "id": person[4] if len(person) > 4 else p.id})
               for p, person in zip(workshop.participants, people)]
    workshop = workshop.model_copy(update={"participants": grouped, "min_group_size": min_group_size})
    folder.save(workshop)
    workshop = folder.load()
    stamp = dt.datetime(2026, 1, 10, 9, 0, tzinfo=dt.timezone.utc)
    for participant, person in zip(workshop.participants, people):
        answers = {qid: Answer(**fields, answered_at=stamp) for qid, fields in person[3].items()}
        folder.save_response(Response(
            format_version=FORMAT_VERSION, participant=participant.id, questionnaire_hash=workshop.questionnaire.hash,
            status="submitted", started_at=stamp, updated_at=stamp, submitted_at=stamp, answers=answers,
        ))
    return folder


def answers(definition=None, includes=None, owner=None, silos=None, goals=None, leave=None, cur=None, tgt=None):
    out = {}
    if definition is not None:
        out["def_text"] = {"text": definition}
    if includes is not None:
        out["includes"] = {"choices": includes}
    if owner is not None:
        out["owner"] = {"choice": owner}
    if silos is not None:
        out["silos"] = {"value": silos}
    if goals is not None:
        out["goals"] = {"allocation": dict(zip(("effort", "nps", "churn"), goals))}
    if leave is not None:
        out["leave"] = {"ranking": leave}
    if cur is not None:
        out["m_sponsor"] = {"current": cur, "target": tgt}
    return out
