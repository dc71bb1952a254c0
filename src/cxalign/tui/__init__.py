"""The Textual workshop interface.

This module is imported by the command line, so Textual itself is imported
only inside :func:`run_app`.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

from cxalign.tui.options import AppOptions


def _check_fill_target(workshop: Path, participant: str) -> tuple[str | None, str | None]:
    """(error message, workshop language) for ``cxalign fill``; the message is None when it can start."""
    from cxalign.errors import InputError
    from cxalign.store import WorkshopFolder

    folder = WorkshopFolder(workshop)
    try:
        data = folder.load()
        folder.questionnaire  # noqa: B018 - checks the questionnaire file and its hash
        if data.participant(participant) is None:
            known = ", ".join(p.id for p in data.participants) or "none"
            return f"{folder.workshop_file}: unknown participant {participant!r} (known: {known})", None
        folder.load_response(participant)
        lock = folder.lock(participant)
        lock.acquire()
        lock.release()
    except InputError as exc:
        return str(exc), None
    return None, data.language


def make_app(options: AppOptions):
    """The interface app for ``options`` (the one factory: :func:`run_app` and the tests use it)."""
    from cxalign.tui.app import CxalignApp

    return CxalignApp(options)


def run_app(options: AppOptions | Path | str | None = None, /, **keywords) -> int:
    """Run the interface; returns the process exit code.

    ``options`` is built once by the command line; the keywords of :class:`AppOptions`
    (``home``, ``lang``, ``workshop``, ``participant``) are accepted instead, with the home
    folder first or as ``home=``.
    """
    if not isinstance(options, AppOptions):
        options = AppOptions(**({"home": options} if options is not None else {}), **keywords)
    if options.participant is not None:
        if options.workshop is None:
            print("cxalign: --participant needs a workshop folder", file=sys.stderr)
            return 2
        problem, workshop_lang = _check_fill_target(options.workshop, options.participant)
        if problem:
            print(f"cxalign: {problem}", file=sys.stderr)
            return 2
        options = replace(options, lang=options.lang or workshop_lang)
    app = make_app(options)
    try:
        app.run()
    finally:
        app.release_locks()
    if options.participant is not None and app.return_value is True:
        from cxalign.tui.base import tr

        print(tr("fill.submitted", app.lang))
    return app.return_code or 0


__all__ = ["AppOptions", "make_app", "run_app"]
