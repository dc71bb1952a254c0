"""Who has started, who is done: the facilitator's view of a workshop room, never an answer."""

from __future__ import annotations

import dataclasses
import datetime as dt

from cxalign.errors import InputError
from cxalign.i18n import role_label
from cxalign.store import WorkshopFolder


@dataclasses.dataclass(frozen=True)
class Row:
    id: str
    name: str
    role: str
    state: str  # not_started | in_progress | submitted | unreadable
    answered: int
    total: int
    online: bool
    last_save: str | None  # ISO 8601, UTC

    def as_json(self) -> dict[str, object]:
        return dataclasses.asdict(self)


def progress(folder: WorkshopFolder, online: set[str], lang: str = "fr") -> list[Row]:
    """One row per participant: state, questions answered, online now, last save."""
    workshop = folder.load()
    total = len(folder.questionnaire.questions)
    rows = []
    for person in workshop.participants:
        path = folder.response_file(person.id)
        state, answered, last = "not_started", 0, None
        if path.exists():
            try:
                response = folder.load_response(person.id, workshop=workshop)
            except InputError:
                state = "unreadable"
            else:
                answered = sum(1 for answer in response.answers.values() if answer.is_answered)
                state = response.status
                if response.updated_at is not None:
                    last = response.updated_at.astimezone(dt.timezone.utc).isoformat()
            if last is None:
                last = dt.datetime.fromtimestamp(path.stat().st_mtime, dt.timezone.utc).replace(microsecond=0).isoformat()
        rows.append(Row(person.id, person.name, role_label(person.role, lang), state, answered, total, person.id in online, last))
    return rows
