"""The demo workshop: an invented retailer's leadership team, with genuinely different views.

Loriane Maison (home furnishing, stores + e-commerce + professional accounts)
runs one workshop with seven executives; six have submitted, the HR director
stopped halfway. Their answers live in ``demo_data.toml`` next to this module,
in the response file's format. Everything is fixed (names, dates, answers,
time stamps), so two demos differ only by their folder name.

Planted on purpose, for the analysis to find:

* definitions — the CEO's is broad (perceptions of every interaction along the
  journey, employees, loyalty: close to AFRC and Forrester); marketing reduces
  CX to brand and advertising, customer relations to service quality and
  complaints, digital to website and app usability; sales speaks of
  satisfaction and loyalty of key accounts;
* ``cx_owner`` — almost everyone names a different owner;
* ``obj_allocation`` — marketing puts 60 of 100 points on recommendation (NPS),
  the others 10–20 there and the rest each on their own objective;
* ``churn_reasons`` — near-opposite orders (each function ranks its own
  channel's failure last);
* ``mat_channel_coherence`` — digital rates today at 4, everyone else at 1–2,
  so "journeys and channel coherence" shows the widest spread.

The other questions are kept fairly aligned so that these stand out.

A second, later workshop (``demo_later.toml``, six months on) holds the same
leadership team — one executive left, one joined — plus five managers in a
``managers`` group: ``cxalign demo`` writes both and prints the earlier folder,
then the later one last, so ``cxalign compare`` shows what moved and the later
workshop's results and report show the groups. What it plants is listed at the
top of ``demo_later.toml`` (:data:`LATER_RESOLVED`, :data:`LATER_NEW`).
"""

from __future__ import annotations

import datetime as dt
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

from cxalign.models.common import FORMAT_VERSION
from cxalign.models.response import Answer, Response
from cxalign.store import WorkshopFolder

DATA_FILE = "demo_data.toml"
LATER_FILE = "demo_later.toml"

#: Hot spots of the first workshop that the later one resolves, and the one it adds.
LATER_RESOLVED: tuple[str, ...] = ("cx_owner",)
LATER_NEW: tuple[str, ...] = ("feedback_use",)

#: Question ids on which the demo's executives were made to disagree.
PLANTED_DISAGREEMENTS: tuple[str, ...] = (
    "cx_definition",  # narrow marketing / service / digital readings vs a broad CEO definition
    "cx_owner",  # nearly everyone names a different owner
    "obj_allocation",  # marketing: 60 points on recommendation/NPS; others elsewhere
    "churn_reasons",  # opposite orders
    "mat_channel_coherence",  # digital rates today 4, the others 1-2
)

#: Time between two answers of a participant who has not submitted yet.
_IN_PROGRESS_STEP = dt.timedelta(seconds=70)


def demo_data(file: str = DATA_FILE) -> dict[str, Any]:
    """The demo's organisation, participants and answers, as parsed from ``demo_data.toml``."""
    text = resources.files("cxalign").joinpath(file).read_text(encoding="utf-8")
    return tomllib.loads(text)


def later_data() -> dict[str, Any]:
    """The later workshop's data, each person's answers completed from their ``base`` in the first one."""
    first = {p["name"]: p for p in demo_data()["participants"]}
    data = demo_data(LATER_FILE)
    for person in data["participants"]:
        base = first[person.pop("base")]
        answers = {qid: dict(answer) for qid, answer in base.get("answers", {}).items()}
        answers.update(person.get("answers", {}))
        person["answers"] = answers
    return data


def _answer_times(start: dt.datetime, end: dt.datetime | None, count: int) -> list[dt.datetime]:
    """Evenly spaced, whole-second time stamps for ``count`` answers from ``start`` (to ``end``)."""
    if count == 0:
        return []
    if end is None:
        step = _IN_PROGRESS_STEP
    else:
        step = dt.timedelta(seconds=int((end - start).total_seconds() // (count + 1)))
    return [start + step * (i + 1) for i in range(count)]


def create_demo(root: Path) -> WorkshopFolder:
    """Write the demo workshop under ``root`` and return its folder."""
    return _write(root, demo_data())


def create_later_demo(root: Path) -> WorkshopFolder:
    """Write the later demo workshop (six months on, with a managers group) and return its folder."""
    return _write(root, later_data())


def create_demos(root: Path) -> tuple[WorkshopFolder, WorkshopFolder]:
    """Both demo workshops: (the first, the later one)."""
    return create_demo(root), create_later_demo(root)


def _write(root: Path, data: dict[str, Any]) -> WorkshopFolder:
    people = data["participants"]
    folder = WorkshopFolder.create(
        Path(root),
        name=data["name"],
        organisation=data["organisation"],
        participants=[(p["name"], p["role"]) for p in people],
        language=data["language"],
        date=data["date"],
        folder_name=data["folder"],
    )
    workshop = folder.load()
    if any(p.get("group") for p in people):
        grouped = [p.model_copy(update={"group": person.get("group")}) for p, person in zip(workshop.participants, people, strict=True)]
        workshop = workshop.model_copy(update={"participants": grouped})
        folder.save(workshop)
        workshop = folder.load()
    order = [q.id for q in folder.questionnaire.questions]
    for participant, person in zip(workshop.participants, people, strict=True):
        raw = person.get("answers", {})
        qids = sorted(raw, key=order.index)
        started = person["started_at"]
        submitted = person.get("submitted_at")
        times = _answer_times(started, submitted, len(qids))
        answers = {qid: Answer(**raw[qid], answered_at=when) for qid, when in zip(qids, times)}
        response = Response(
            format_version=FORMAT_VERSION,
            participant=participant.id,
            questionnaire_hash=workshop.questionnaire.hash,
            status=person["status"],
            started_at=started,
            updated_at=submitted or (times[-1] if times else started),
            submitted_at=submitted,
            cursor=person.get("cursor"),
            answers=answers,
        )
        folder.check_response(response, folder.response_file(participant.id))
        folder.save_response(response)
    return folder
