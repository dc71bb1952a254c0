"""A progress bar that stays still between updates.

Textual's :class:`~textual.widgets.ProgressBar` calls ``update()`` every second to
refresh its estimated time of arrival; that changes a reactive and repaints the bar
even when no ETA is shown and nothing moved. In the workshop room every open
questionnaire would repaint its two bars each second and send them to the browser.
Here the once-a-second call without changes does nothing.
"""

from __future__ import annotations

from typing import Any

from textual.widgets import ProgressBar


class StillProgressBar(ProgressBar):
    """A :class:`ProgressBar` without an ETA, repainted only when its progress or total changes."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs["show_eta"] = False
        super().__init__(**kwargs)

    def update(self, **changes: Any) -> None:  # type: ignore[override]
        if changes:
            super().update(**changes)
