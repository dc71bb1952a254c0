"""The workshop file format (``<workshop>/workshop.toml``)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, field_validator

from cxalign.models.common import Identifier, Lang, NonEmpty, Strict, one_line, prose

#: Roles the interface and the report know how to name in both languages.
#: Any other role is kept as typed.
KNOWN_ROLES = (
    "ceo", "sales", "marketing", "customer_relations", "hr", "operations",
    "digital", "finance", "it", "product", "cx", "other",
)


class QuestionnaireRef(Strict):
    """Which questionnaire (and exactly which content) a workshop runs."""

    id: Identifier
    version: NonEmpty
    #: sha256 of the questionnaire file's bytes, as ``sha256:<hex>``.
    hash: str = Field(pattern=r"^sha256:[0-9a-f]{64}$")


class Participant(Strict):
    id: Identifier
    name: one_line(200)
    role: one_line(100)
    #: Optional group (e.g. ``comex``, ``managers``): free text, known keys translated like roles.
    group: one_line(100) | None = None


class Consensus(Strict):
    """A value the room agreed on for a dimension or a question (a hot spot).

    Whether ``ref`` names a dimension or a question of the workshop's
    questionnaire is checked by the store, which knows the questionnaire.
    """

    scope: Literal["dimension", "question"]
    ref: Identifier
    current: float | None = Field(default=None, ge=1, le=5)
    target: float | None = Field(default=None, ge=1, le=5)
    comment: prose(4000) = ""
    recorded_at: dt.datetime


class Workshop(Strict):
    format_version: int
    name: one_line(200)
    organisation: one_line(200)
    date: dt.date
    language: Lang = "fr"
    anonymous: bool = False
    #: No figure is broken out for a group of respondents smaller than this
    #: in anonymous reports (the ODI Pathway convention is 5).
    min_group_size: int = Field(default=5, ge=1, le=100)
    questionnaire: QuestionnaireRef
    participants: list[Participant] = Field(default_factory=list)
    consensus: list[Consensus] = Field(default_factory=list)

    @field_validator("participants")
    @classmethod
    def _unique_participants(cls, people: list[Participant]) -> list[Participant]:
        ids = [p.id for p in people]
        dupes = sorted({i for i in ids if ids.count(i) > 1}) if len(set(ids)) != len(ids) else []
        if dupes:
            raise ValueError(f"duplicate participant ids: {', '.join(dupes)}")
        return people

    @field_validator("consensus")
    @classmethod
    def _unique_consensus(cls, entries: list[Consensus]) -> list[Consensus]:
        keys = [(c.scope, c.ref) for c in entries]
        if len(set(keys)) != len(keys):
            raise ValueError("two consensus entries for the same dimension or question")
        return entries

    def participant(self, participant_id: str) -> Participant | None:
        return next((p for p in self.participants if p.id == participant_id), None)

    def consensus_for(self, scope: str, ref: str) -> Consensus | None:
        return next((c for c in self.consensus if c.scope == scope and c.ref == ref), None)
