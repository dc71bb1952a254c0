"""The results of an analysis: frozen dataclasses shared by the CLI, the report and the TUI.

Names and fields follow the JSON Schema ``docs/analysis.schema.json`` (see :mod:`cxalign.present.jsonout`); fields may be added, never renamed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cxalign.models.questionnaire import Questionnaire
from cxalign.models.response import Response
from cxalign.models.workshop import Consensus, Workshop

#: r_wg (and every other index) at or above this reads "aligned" (James, Demaree & Wolf 1984).
ALIGNED = 0.70
#: Below this a question is a hot spot.
HOTSPOT = 0.50


def status_of(index: float | None) -> str | None:
    """``"aligned"`` (>= 0.70), ``"mixed"``, ``"hotspot"`` (< 0.50) or None when there is no index."""
    if index is None:
        return None
    if index >= ALIGNED:
        return "aligned"
    if index < HOTSPOT:
        return "hotspot"
    return "mixed"


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

    @property
    def key(self) -> str:
        return self.id if self.part is None else f"{self.id}:{self.part}"

    @property
    def status(self) -> str | None:
        return status_of(self.index)


@dataclass(frozen=True)
class Hotspot:
    """A question where agreement is below 0.50, with the people who pull it down."""

    question: str
    part: str | None
    section: str
    kind: str
    index: float
    outliers: tuple[str, ...]
    index_without_outliers: float | None

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
class ItemMaturity:
    id: str
    current: float | None
    target: float | None
    gap: float | None
    min: float | None
    max: float | None
    n: int
    dont_know: int


@dataclass(frozen=True)
class DimensionMaturity:
    id: str
    current: float | None
    target: float | None
    gap: float | None
    min: float | None
    max: float | None
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
