"""The interface's screens; :func:`first_screens` says which open at start."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cxalign.tui.options import AppOptions


def first_screens(options: AppOptions) -> list[tuple[Any, Callable[[Any], None] | None]]:
    """The screens to push at start, bottom first, each with its dismiss callback.

    A participant's session (``options.confined``) is their questionnaire alone: when it
    closes, the app ends with its result; nothing else is under it to go back to.
    """
    if options.confined and options.workshop is not None:
        from cxalign.store import WorkshopFolder
        from cxalign.tui.screens.fill import FillScreen

        fill = FillScreen(WorkshopFolder(options.workshop), options.participant, confined=True)
        return [(fill, lambda result: fill.app.exit(result))]
    screens: list[tuple[Any, Callable[[Any], None] | None]] = []
    if not (options.workshop_only and options.workshop is not None):
        from cxalign.tui.screens.workshops import WorkshopsScreen

        screens.append((WorkshopsScreen(options.home), None))
    if options.workshop is not None:
        from cxalign.store import WorkshopFolder
        from cxalign.tui.screens.workshop import WorkshopScreen

        alone = options.workshop_only
        screens.append((WorkshopScreen(WorkshopFolder(options.workshop), alone=alone), None))
    return screens
