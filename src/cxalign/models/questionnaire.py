"""The questionnaire file format (``questionnaires/*.toml``).

A questionnaire is data, not code: sections of questions of six kinds, the
maturity dimensions with five described levels each, a bilingual concept
lexicon used to read free-text definitions, and reference definitions.
"""

from __future__ import annotations

from typing import Annotated, Literal, Union

from pydantic import Field, field_validator, model_validator

from cxalign.models.common import Frozen, Identifier, NonEmpty, Text

SectionId = Literal["definition", "framing", "objectives", "starting_point", "value_destruction", "maturity"]

#: The four questions of seed 003, in order, as section ids.
FOUR_QUESTIONS: tuple[SectionId, ...] = ("framing", "objectives", "starting_point", "value_destruction")


class Option(Frozen):
    id: Identifier
    label: Text


class _Question(Frozen):
    id: Identifier
    prompt: Text
    help: Text | None = None
    #: The seed file (``../shared/seeds``) whose idea this question operationalises.
    source: NonEmpty
    #: What the question measures, in a few words, for the report and the coverage map.
    idea: Text | None = None


class _WithOptions(_Question):
    options: list[Option] = Field(min_length=2)

    @model_validator(mode="after")
    def _unique_options(self):
        ids = [o.id for o in self.options]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"duplicate option ids: {', '.join(dupes)}")
        return self

    def option(self, option_id: str) -> Option | None:
        return next((o for o in self.options if o.id == option_id), None)

    @property
    def option_ids(self) -> list[str]:
        return [o.id for o in self.options]


class TextQuestion(_Question):
    kind: Literal["text"] = "text"
    #: True for the free-text definition of CX analysed with the concept lexicon.
    definition: bool = False
    max_length: int = Field(default=4000, ge=1, le=20000)


class SingleQuestion(_WithOptions):
    kind: Literal["single"] = "single"


class MultiQuestion(_WithOptions):
    kind: Literal["multi"] = "multi"
    max_choices: int | None = Field(default=None, ge=1)


class RankingQuestion(_WithOptions):
    """Rank every option, best (most important) first."""

    kind: Literal["ranking"] = "ranking"


class AllocationQuestion(_WithOptions):
    """Share ``total`` points among the options."""

    kind: Literal["allocation"] = "allocation"
    total: int = Field(default=100, ge=1)


class LikertQuestion(_Question):
    """A scale of labelled points, valued 1..len(points).

    Maturity items set ``dimension`` and ``current_target``: every point is then a
    descriptive statement of a level, rated once for today and once for the target.
    """

    kind: Literal["likert"] = "likert"
    points: list[Text] = Field(min_length=2, max_length=11)
    current_target: bool = False
    dimension: Identifier | None = None

    @property
    def size(self) -> int:
        return len(self.points)


Question = Annotated[
    Union[TextQuestion, SingleQuestion, MultiQuestion, RankingQuestion, AllocationQuestion, LikertQuestion],
    Field(discriminator="kind"),
]


class Section(Frozen):
    id: SectionId
    title: Text
    intro: Text
    questions: list[Question] = Field(min_length=1)


class MaturityLevel(Frozen):
    """One of the five named levels (overall scale)."""

    value: int = Field(ge=1, le=5)
    name: Text
    description: Text


class DimensionLevel(Frozen):
    level: int = Field(ge=1, le=5)
    description: Text
    recommendations: list[Text] = Field(min_length=1)


class Dimension(Frozen):
    id: Identifier
    name: Text
    description: Text
    levels: list[DimensionLevel] = Field(min_length=5, max_length=5)

    @model_validator(mode="after")
    def _levels_one_to_five(self):
        if sorted(lv.level for lv in self.levels) != [1, 2, 3, 4, 5]:
            raise ValueError("levels must be exactly 1, 2, 3, 4 and 5")
        return self

    def level(self, value: int) -> DimensionLevel:
        return next(lv for lv in self.levels if lv.level == value)


class Concept(Frozen):
    """A CX concept looked for in free-text definitions (stems or phrases per language)."""

    id: Identifier
    label: Text
    fr: list[NonEmpty] = Field(min_length=1)
    en: list[NonEmpty] = Field(min_length=1)


class ReferenceDefinition(Frozen):
    id: Identifier
    #: Who gives the definition (a firm, an association, an article), as shown to readers.
    author: Text
    source: NonEmpty
    text: Text
    concepts: list[Identifier] = Field(min_length=1)

    @field_validator("author", mode="before")
    @classmethod
    def _same_in_both_languages(cls, value: object) -> object:
        """A plain string (a proper name, or a questionnaire written before 1.0) names it in both languages."""
        return {"fr": value, "en": value} if isinstance(value, str) else value


class NarrowView(Frozen):
    """A reductive reading of CX (e.g. CX = advertising) recognised by its concepts."""

    id: Identifier
    label: Text
    concepts: list[Identifier] = Field(min_length=1)


class Questionnaire(Frozen):
    format_version: int
    id: Identifier
    version: NonEmpty
    title: Text
    description: Text
    levels: list[MaturityLevel] = Field(min_length=5, max_length=5)
    dimensions: list[Dimension] = Field(min_length=1)
    sections: list[Section] = Field(min_length=1)
    concepts: list[Concept] = Field(default_factory=list)
    references: list[ReferenceDefinition] = Field(default_factory=list)
    narrow_views: list[NarrowView] = Field(default_factory=list)

    @model_validator(mode="after")
    def _cross_references(self):
        problems: list[str] = []
        qids = [q.id for s in self.sections for q in s.questions]
        dupes = sorted({i for i in qids if qids.count(i) > 1})
        if dupes:
            problems.append(f"duplicate question ids: {', '.join(dupes)}")
        sids = [s.id for s in self.sections]
        if len(set(sids)) != len(sids):
            problems.append("duplicate section ids")
        if sorted(lv.value for lv in self.levels) != [1, 2, 3, 4, 5]:
            problems.append("levels must be exactly 1, 2, 3, 4 and 5")
        dims = {d.id for d in self.dimensions}
        concepts = {c.id for c in self.concepts}
        for s in self.sections:
            for q in s.questions:
                if isinstance(q, LikertQuestion) and q.dimension is not None and q.dimension not in dims:
                    problems.append(f"question {q.id}: unknown dimension {q.dimension!r}")
        for r in self.references:
            for c in r.concepts:
                if c not in concepts:
                    problems.append(f"reference {r.id}: unknown concept {c!r}")
        for n in self.narrow_views:
            for c in n.concepts:
                if c not in concepts:
                    problems.append(f"narrow view {n.id}: unknown concept {c!r}")
        if problems:
            raise ValueError("; ".join(problems))
        return self

    # -- look-ups -----------------------------------------------------------------
    @property
    def questions(self) -> list[Question]:
        return [q for s in self.sections for q in s.questions]

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)

    def section_of(self, question_id: str) -> Section | None:
        return next((s for s in self.sections if any(q.id == question_id for q in s.questions)), None)

    def section(self, section_id: str) -> Section | None:
        return next((s for s in self.sections if s.id == section_id), None)

    def dimension(self, dimension_id: str) -> Dimension | None:
        return next((d for d in self.dimensions if d.id == dimension_id), None)

    def level(self, value: int) -> MaturityLevel:
        return next(lv for lv in self.levels if lv.value == value)

    def maturity_items(self, dimension_id: str | None = None) -> list[LikertQuestion]:
        return [
            q for q in self.questions
            if isinstance(q, LikertQuestion) and q.dimension is not None
            and (dimension_id is None or q.dimension == dimension_id)
        ]

    @property
    def definition_question(self) -> TextQuestion | None:
        return next((q for q in self.questions if isinstance(q, TextQuestion) and q.definition), None)

    # -- the concept lexicon and the reference definitions ------------------------------
    def concept(self, concept_id: str) -> Concept | None:
        return next((c for c in self.concepts if c.id == concept_id), None)

    def reference(self, reference_id: str) -> ReferenceDefinition | None:
        return next((r for r in self.references if r.id == reference_id), None)

    def narrow_view(self, view_id: str) -> NarrowView | None:
        return next((v for v in self.narrow_views if v.id == view_id), None)

    def concepts_of(self, concept_ids) -> list[Concept]:
        """The concepts among ``concept_ids``, in lexicon order."""
        wanted = set(concept_ids)
        return [c for c in self.concepts if c.id in wanted]

    def narrow_views_of(self, view_ids) -> list[NarrowView]:
        """The narrow views among ``view_ids``, in questionnaire order."""
        wanted = set(view_ids)
        return [v for v in self.narrow_views if v.id in wanted]
