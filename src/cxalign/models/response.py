"""The response file format (``<workshop>/responses/<participant-id>.toml``).

A response holds one participant's answers keyed by question id. Whether an
answer fits its question (kind, options, range, totals) is checked against the
questionnaire by :mod:`cxalign.validation`, which names every problem.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, model_validator

from cxalign.models.common import Identifier, Strict, prose

Status = Literal["not_started", "in_progress", "submitted"]

#: Longest free text accepted in any answer or note.
MAX_TEXT = 20000


class Answer(Strict):
    """One answer. Which fields are set depends on the question's kind:

    ========== ==========================================
    text       ``text``
    single     ``choice``
    multi      ``choices`` (possibly empty)
    ranking    ``ranking`` (every option, best first)
    allocation ``allocation`` (option id -> points)
    likert     ``value``, or ``current`` and ``target``
    ========== ==========================================

    ``dont_know`` replaces the value: it is recorded as a signal, not a gap.
    """

    text: prose(MAX_TEXT) | None = None
    choice: Identifier | None = None
    choices: list[Identifier] | None = None
    ranking: list[Identifier] | None = None
    allocation: dict[Identifier, int] | None = None
    value: int | None = None
    current: int | None = None
    target: int | None = None
    dont_know: bool = False
    note: prose(MAX_TEXT) = ""
    answered_at: dt.datetime | None = None

    @model_validator(mode="after")
    def _dont_know_is_alone(self):
        if self.dont_know and not self.is_empty:
            raise ValueError("an answer marked dont_know cannot also carry a value")
        return self

    @property
    def is_empty(self) -> bool:
        return all(
            v is None
            for v in (self.text, self.choice, self.choices, self.ranking, self.allocation,
                      self.value, self.current, self.target)
        )

    @property
    def is_answered(self) -> bool:
        """True when the question has been dealt with (a value or "don't know")."""
        return self.dont_know or not self.is_empty


class Response(Strict):
    format_version: int
    participant: Identifier
    questionnaire_hash: str = Field(pattern=r"^sha256:[0-9a-f]{64}$")
    status: Status = "not_started"
    started_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None
    submitted_at: dt.datetime | None = None
    #: The question the participant was on, to resume exactly there.
    cursor: Identifier | None = None
    answers: dict[Identifier, Answer] = Field(default_factory=dict)

    def answered(self, question_id: str) -> Answer | None:
        a = self.answers.get(question_id)
        return a if a is not None and a.is_answered else None
