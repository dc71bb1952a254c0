"""One widget per question kind, all built on :class:`QuestionWidget`.

Nothing is imported here eagerly: the workshops list (the first screen) uses
small widgets of this package and must start without loading the models.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from cxalign.tui.widgets.base import QuestionWidget


def widget_for(question, answer, lang: str) -> QuestionWidget:
    """The widget that asks ``question``, showing ``answer`` (or nothing) in ``lang``."""
    from cxalign.tui.widgets.allocation import AllocationWidget
    from cxalign.tui.widgets.choice import MultiWidget, SingleWidget
    from cxalign.tui.widgets.likert import LikertWidget
    from cxalign.tui.widgets.ranking import RankingWidget
    from cxalign.tui.widgets.text import TextWidget

    kinds = {
        "text": TextWidget, "single": SingleWidget, "multi": MultiWidget,
        "ranking": RankingWidget, "allocation": AllocationWidget, "likert": LikertWidget,
    }
    return kinds[question.kind](question, answer, lang)


def __getattr__(name: str):
    if name == "QuestionWidget":
        from cxalign.tui.widgets.base import QuestionWidget

        return QuestionWidget
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["QuestionWidget", "widget_for"]
