"""The response file format (``<workshop>/responses/<participant-id>.toml``).

A response holds one participant's answers keyed by question id. Whether an
answer fits its question (kind, options, range, totals) is checked against the
questionnaire by :mod:`cxalign.validation`, which names every problem.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, model_validator

from cxalign.answer_fields import VALUE_FIELDS
from cxalign.models.common import Identifier, Strict, prose

Status = Literal["not_started", "in_progress", "submitted"]

#: Longest free text accepted in any answer or note.
MAX_TEXT = 20000


__all__ = ["MAX_TEXT", "VALUE_FIELDS", "Answer", "Response", "Status"]


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
    ``dont_know_parts`` does so for some parts only (a maturity item rated
    ``current = 3`` with a target not known: ``dont_know_parts = ["target"]``).
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
    dont_know_parts: list[Identifier] | None = None
    note: prose(MAX_TEXT) = ""
    answered_at: dt.datetime | None = None

    @model_validator(mode="after")
    def _dont_know_is_alone(self):
        if self.dont_know and not self.is_empty:
            raise ValueError("an answer marked dont_know cannot also carry a value")
        if self.dont_know_parts is not None:
            if self.dont_know or not self.dont_know_parts:
                raise ValueError("dont_know_parts lists the parts not known, when dont_know is false")
            if len(set(self.dont_know_parts)) != len(self.dont_know_parts):
                raise ValueError("dont_know_parts names a part twice")
            both = [p for p in self.dont_know_parts if getattr(self, p, None) is not None]
            if both:
                raise ValueError(f"a part marked don't know cannot also carry a value: {', '.join(both)}")
        return self

    @property
    def is_empty(self) -> bool:
        # VALUE_FIELDS spelt out: called for every answer of every response (10,000 × 30 in a large workshop)
        return (self.text is None and self.choice is None and self.choices is None and self.ranking is None
                and self.allocation is None and self.value is None and self.current is None and self.target is None)

    @property
    def is_answered(self) -> bool:
        """True when the question has been dealt with (a value or "don't know")."""
        return self.dont_know or bool(self.dont_know_parts) or not self.is_empty

    def part_unknown(self, part: str | None) -> bool:
        """True when ``part`` (None: the whole answer) is recorded as "don't know"."""
        return self.dont_know or (part is not None and part in (self.dont_know_parts or ()))


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
