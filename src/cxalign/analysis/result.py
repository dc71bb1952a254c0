"""The results of an analysis: frozen dataclasses shared by the CLI, the report and the TUI.

Names and fields follow the JSON Schema ``docs/analysis.schema.json`` (see :mod:`cxalign.present.jsonout`); fields may be added, never renamed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cxalign.models.questionnaire import Questionnaire
from cxalign.models.response import Response
from cxalign.models.workshop import Consensus, Workshop

from cxalign.analysis.thresholds import ALIGNED, HOTSPOT, status_of  # noqa: F401  (re-exported)


@dataclass(frozen=True)
class QuestionAgreement:
    """How far the respondents agree on one question (or one part of a current+target item)."""

    id: str
    section: str
    kind: str
    part: str | None
    method: str
    index: float | None
    n: int
    dont_know: int
    ad_m: float | None = None
    ad_m_aligned: bool | None = None
    outliers: tuple[str, ...] = ()
    #: The index once the outliers are left out (None when no outlier is named).
    index_without_outliers: float | None = None
    #: ``"split"`` (index below 0.50, no small set explains it), ``"lone_dissent"`` (a few people
    #: set aside lift the index to ≥ 0.80 and by ≥ 0.20, whatever the index) or None (no hot spot).
    pattern: str | None = None
    #: The consensus the room recorded on this question (scope ``"question"``), if any.
    consensus: Consensus | None = None

    @property
    def key(self) -> str:
        return self.id if self.part is None else f"{self.id}:{self.part}"

    @property
    def hotspot(self) -> bool:
        return self.pattern is not None

    @property
    def status(self) -> str | None:
        return status_of(self.index)


@dataclass(frozen=True)
class Hotspot:
    """A question to discuss: agreement below 0.50 (``"split"``) or a lone dissent
    (``"lone_dissent"``), with the people who pull it down."""

    question: str
    part: str | None
    section: str
    kind: str
    index: float
    outliers: tuple[str, ...]
    index_without_outliers: float | None
    pattern: str = "split"
    #: Position in the discussion order (1 = discuss first); see :func:`cxalign.analysis.hotspots.rank_key`.
    rank: int = 0

    @property
    def key(self) -> str:
        return self.question if self.part is None else f"{self.question}:{self.part}"


@dataclass(frozen=True)
class Pairwise:
    """Person-to-person similarity over every question both answered."""

    ids: tuple[str, ...]
    matrix: tuple[tuple[float | None, ...], ...]
    level: str
    #: For ``level == "role"``: how many respondents each row stands for.
    sizes: tuple[int, ...] = ()

    def similarity(self, a: str, b: str) -> float | None:
        try:
            return self.matrix[self.ids.index(a)][self.ids.index(b)]
        except ValueError:
            return None


@dataclass(frozen=True)
class MaturityLevels:
    """Mean ratings today and target (1–5), the gap between them, and the spread of today's."""

    id: str
    current: float | None
    target: float | None
    gap: float | None
    min: float | None
    max: float | None


@dataclass(frozen=True)
class ItemMaturity(MaturityLevels):
    n: int
    dont_know: int


@dataclass(frozen=True)
class DimensionMaturity(MaturityLevels):
    target_min: float | None
    target_max: float | None
    level: int | None
    n: int
    consensus: Consensus | None
    items: tuple[ItemMaturity, ...]
    by_respondent: dict[str, tuple[float | None, float | None]] = field(default_factory=dict)
    #: Named level of the mean target (1..5), None without targets.
    target_level: int | None = None


@dataclass(frozen=True)
class OverallMaturity:
    current: float | None
    target: float | None
    gap: float | None
    min: float | None
    max: float | None
    level: int | None
    target_level: int | None = None


@dataclass(frozen=True)
class DefinitionReading:
    respondent: str
    text: str
    concepts: tuple[str, ...]
    closest_reference: str | None
    similarity: float | None
    missing: tuple[str, ...]
    narrow: tuple[str, ...]
    dont_know: bool = False


@dataclass(frozen=True)
class Person:
    """Where one respondent stands (``alignment.people``)."""

    id: str
    #: Mean similarity to the other respondents (None at role level or alone).
    mean_similarity: float | None
    #: Keys of the hot spots on which this person is named as standing apart.
    stands_apart_on: tuple[str, ...]
    closest_reference: str | None
    narrow: tuple[str, ...]


@dataclass(frozen=True)
class Camp:
    """A group of respondents who agree inside and disagree with the other camps (``alignment.camps``)."""

    members: tuple[str, ...]
    #: Mean pairwise similarity inside the camp.
    inside: float
    #: Mean similarity between this camp's members and the other camps' members.
    across: float
    #: Question keys that separate this camp from the others most (largest gap first).
    separating: tuple[str, ...]


@dataclass(frozen=True)
class Verdict:
    """The truthful overall verdict (numbers and codes; :func:`cxalign.present.wording.verdict_sentence` words it).

    ``label``: ``"aligned"``, ``"aligned_except"`` (the index says aligned but someone stands
    apart on 3+ questions or the definition is a hot spot), ``"camps"``, ``"mixed"``,
    ``"hotspot"`` or None (no index).
    """

    label: str | None
    status: str | None
    index: float | None
    #: People standing apart on at least ``STANDS_APART_MIN`` questions, most apart first.
    apart: tuple[str, ...]
    definition_hotspot: bool
    camps: int


@dataclass(frozen=True)
class Unreadable:
    """A response file left out of the analysis, and why."""

    path: str
    participant: str | None
    reason: str


@dataclass(frozen=True)
class WorkshopAnalysis:
    workshop: Workshop
    questionnaire: Questionnaire
    responses: dict[str, Response]
    respondents: tuple[str, ...]
    questions: tuple[QuestionAgreement, ...]
    overall_alignment: float | None
    pairwise: Pairwise
    hotspots: tuple[Hotspot, ...]
    maturity: OverallMaturity
    dimensions: tuple[DimensionMaturity, ...]
    definitions: tuple[DefinitionReading, ...]
    people: tuple[Person, ...] = ()
    camps: tuple[Camp, ...] = ()
    verdict: Verdict | None = None
    #: Response files that could not be read and were left out.
    unreadable: tuple[Unreadable, ...] = ()
    #: The encoded answers of every compared question (part) as the statistics used them
    #: (:class:`cxalign.analysis.agreement.Column`, questionnaire order): the presentation reads
    #: them instead of encoding 10,000 answers again per sentence. Not part of the JSON contract.
    columns: tuple[Any, ...] = field(default=(), repr=False, compare=False)

    def person(self, participant_id: str) -> Person | None:
        return next((p for p in self.people if p.id == participant_id), None)

    def agreement(self, question_id: str, part: str | None = None) -> QuestionAgreement | None:
        """The agreement row of a question; for a current+target item without ``part``, the current row."""
        rows = [q for q in self.questions if q.id == question_id]
        if part is not None:
            return next((q for q in rows if q.part == part), None)
        return next((q for q in rows if q.part in (None, "current")), None)

    def dimension(self, dimension_id: str) -> DimensionMaturity | None:
        return next((d for d in self.dimensions if d.id == dimension_id), None)

    def definition(self, participant_id: str) -> DefinitionReading | None:
        return next((d for d in self.definitions if d.respondent == participant_id), None)
