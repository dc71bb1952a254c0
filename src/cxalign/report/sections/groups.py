"""The groups section (issue 12): each group's agreement and maturity and the gaps between groups.

The figures and their words are :func:`cxalign.compare.report.groups_section` (the comparison
code owns them); this is its place in the report. None with fewer than two groups. Anonymity
is the report's: an anonymous report shows a group below ``min_group_size`` by its count only.
"""

from __future__ import annotations

from typing import Any

from cxalign.report.context import ReportContext


def groups(ctx: ReportContext) -> dict[str, Any] | None:
    from cxalign.compare.report import groups_section

    return groups_section(ctx.analysis, ctx.lang, ctx.anonymous)
