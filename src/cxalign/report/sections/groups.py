"""The groups section (issue 12): each group's agreement and maturity and the gaps between groups.

The figures and their words are :func:`cxalign.compare.report.groups_section` (the comparison
code owns them); this is its place in the report, where each group's hot spots are listed by
their short titles, the first :data:`HOTSPOTS_SHOWN` in discussion order. None with fewer than
two groups. Anonymity is the report's: an anonymous report shows a group below
``min_group_size`` by its count only, and that group takes part in no gap.
"""

from __future__ import annotations

from typing import Any

from cxalign.present import wording
from cxalign.report.context import ReportContext

#: A group's hot spots listed by title in the overview; the rest are counted.
HOTSPOTS_SHOWN = 5


def groups(ctx: ReportContext) -> dict[str, Any] | None:
    from cxalign.compare.groups import compare_analysis_groups
    from cxalign.compare.report import groups_section

    comparison = compare_analysis_groups(ctx.analysis, anonymous=ctx.anonymous)
    if comparison is None:
        return None
    data = groups_section(ctx.analysis, ctx.lang, ctx.anonymous, comparison=comparison)
    if data is None:
        return None
    for entry, group in zip(data["groups"], comparison.groups, strict=True):
        spots = group.analysis.hotspots if group.analysis is not None else ()
        entry["hotspots"] = [wording.short_title(ctx.analysis, h.key, ctx.lang) for h in spots[:HOTSPOTS_SHOWN]]
        entry["more"] = ctx.tr("groups.more_hotspots", k=len(spots) - HOTSPOTS_SHOWN) if len(spots) > HOTSPOTS_SHOWN else ""
    return data
