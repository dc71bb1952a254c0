"""Progress reporting for report making: nothing, a rich bar on stderr, or a callback.

The callback form ``(label, fraction) -> None`` is what the interface's export
worker passes; it is called from the thread that makes the report, so the
callback must hand the update over to its own thread (Textual's
``call_from_thread``). Nothing here imports Textual.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator

from cxalign.i18n import tr

Callback = Callable[[str, float], None]

#: The steps of report making: (key in locales/report.toml, fraction done when it starts).
STEPS = {
    "analysis": 0.02,
    "context": 0.12,
    "html": 0.22,
    "layout": 0.25,
    "write": 0.85,
    "done": 1.0,
}


@contextlib.contextmanager
def reporter(progress: None | bool | Callback, lang: str = "en") -> Iterator[Callable[[str], None]]:
    """Yield ``step(key)`` that reports one step to the chosen sink."""
    if progress is None or progress is False or (progress is True and not sys.stderr.isatty()):
        yield lambda key: None  # no bar to draw: do not even import rich
        return
    if callable(progress):
        def step(key: str) -> None:
            progress(tr(f"progress.{key}", lang, "report"), STEPS[key])

        yield step
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    console = Console(stderr=True)
    with Progress(
        TextColumn("{task.description:<28}"), BarColumn(), TimeElapsedColumn(),
        console=console, transient=True,
    ) as bar:
        task = bar.add_task(tr("progress.analysis", lang, "report"), total=1.0)

        def step(key: str) -> None:
            bar.update(task, description=tr(f"progress.{key}", lang, "report"), completed=STEPS[key])

        yield step
