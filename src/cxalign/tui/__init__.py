"""The Textual workshop interface.

This module is imported by the command line, so Textual itself is imported
only inside :func:`run_app`.
"""

from __future__ import annotations

import sys
from pathlib import Path


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


def run_app(home: Path, lang: str | None = None, workshop: Path | None = None,
            participant: str | None = None) -> int:
    """Run the interface; returns the process exit code."""
    if participant is not None:
        if workshop is None:
            print("cxalign: --participant needs a workshop folder", file=sys.stderr)
            return 2
        problem, workshop_lang = _check_fill_target(Path(workshop), participant)
        if problem:
            print(f"cxalign: {problem}", file=sys.stderr)
            return 2
        lang = lang or workshop_lang
    from cxalign.tui.app import CxalignApp

    app = CxalignApp(home=Path(home), lang=lang, workshop=workshop, participant=participant)
    try:
        app.run()
    finally:
        app.release_locks()
    if participant is not None and app.return_value is True:
        from cxalign.i18n import tr

        print(tr("fill.submitted", app.lang, "tui"))
    return app.return_code or 0
