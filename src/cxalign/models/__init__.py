"""Pydantic models, one per file format (questionnaire, workshop, response)."""

from cxalign.models.common import LANGS, Lang, Text
from cxalign.models.questionnaire import (
    AllocationQuestion,
    Concept,
    Dimension,
    DimensionLevel,
    LikertQuestion,
    MaturityLevel,
    MultiQuestion,
    NarrowView,
    Option,
    Question,
    Questionnaire,
    RankingQuestion,
    ReferenceDefinition,
    Section,
    SingleQuestion,
    TextQuestion,
)
from cxalign.models.response import Answer, Response
from cxalign.models.workshop import Consensus, Participant, QuestionnaireRef, Workshop

__all__ = [
    "LANGS", "Lang", "Text",
    "AllocationQuestion", "Concept", "Dimension", "DimensionLevel", "LikertQuestion",
    "MaturityLevel", "MultiQuestion", "NarrowView", "Option", "Question", "Questionnaire",
    "RankingQuestion", "ReferenceDefinition", "Section", "SingleQuestion", "TextQuestion",
    "Answer", "Response",
    "Consensus", "Participant", "QuestionnaireRef", "Workshop",
]
