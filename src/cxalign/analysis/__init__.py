"""Maturity and agreement analysis of a workshop (no interface, no PDF imports here)."""

from cxalign.analysis.engine import analyze, analyze_folder
from cxalign.analysis.result import (
    DefinitionReading,
    DimensionMaturity,
    Hotspot,
    ItemMaturity,
    OverallMaturity,
    Pairwise,
    QuestionAgreement,
    WorkshopAnalysis,
)

__all__ = [
    "analyze", "analyze_folder",
    "DefinitionReading", "DimensionMaturity", "Hotspot", "ItemMaturity", "OverallMaturity",
    "Pairwise", "QuestionAgreement", "WorkshopAnalysis",
]
