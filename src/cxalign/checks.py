"""``cxalign validate``: check questionnaires, workshops and response files.

The kind of each TOML file is recognised from its content; a folder is
checked as a workshop (its workshop file, questionnaire and every response).
"""

from __future__ import annotations

import sys
from pathlib import Path

from cxalign.errors import InputError, InputErrors, printable
from cxalign.models.questionnaire import Questionnaire
from cxalign.models.response import Response
from cxalign.models.workshop import Workshop
from cxalign.store import (
    RESPONSES_DIR,
    WORKSHOP_FILE,
    WorkshopFolder,
    check_format_version,
    parse_model,
    read_toml,
)


def _kind(data: dict) -> str | None:
    if "sections" in data or "dimensions" in data:
        return "questionnaire"
    if "organisation" in data or "participants" in data:
        return "workshop"
    if "answers" in data or "participant" in data:
        return "response"
    return None


def check_file(path: Path) -> str:
    """Check one file or workshop folder; return a one-line summary, raise InputError if bad."""
    path = Path(path)
    if path.is_dir():
        return check_workshop(WorkshopFolder(path, recover=False))
    data = read_toml(path)
    kind = _kind(data)
    if kind is None:
        raise InputError("not a cxalign file (no questionnaire, workshop or response fields)", file=path)
    data = check_format_version(data, path, kind=kind)
    if kind == "questionnaire":
        q = parse_model(Questionnaire, data, path)
        return f"questionnaire {q.id} {q.version}: {len(q.questions)} questions, {len(q.dimensions)} dimensions"
    if kind == "workshop":
        if path.name == WORKSHOP_FILE:
            return check_workshop(WorkshopFolder(path.parent, recover=False))
        w = parse_model(Workshop, data, path)
        return f"workshop {w.name!r}: {len(w.participants)} participants"
    response = parse_model(Response, data, path)
    folder = WorkshopFolder(path.parent.parent, recover=False)
    if path.parent.name == RESPONSES_DIR and folder.workshop_file.is_file():
        folder.check_response(response, path)
        return f"response of {response.participant}: {len(response.answers)} answers, {response.status}"
    return f"response of {response.participant}: {len(response.answers)} answers (not checked against a questionnaire: not inside a workshop folder)"


def check_workshop(folder: WorkshopFolder) -> str:
    """Check a workshop folder as it is on disk: an interrupted import is reported, not repaired."""
    workshop = folder.load()
    questionnaire = folder.questionnaire
    folder.check_responses_dir()
    problems: list[InputError] = folder.leftovers()
    answered = 0
    for participant in workshop.participants:
        try:
            response = folder.load_response(participant.id, workshop=workshop)  # not workshop.toml again per person
        except InputErrors as exc:
            problems += exc.errors
            continue
        except InputError as exc:
            problems.append(exc)
            continue
        answered += bool(response.answers)
    for stray in folder.stray_responses(workshop):
        problems.append(InputError("response of a participant who is not in the workshop", file=stray, field="participant"))
    if problems:
        raise InputErrors(problems)
    return (
        f"workshop {workshop.name!r} ({workshop.organisation}): questionnaire {questionnaire.id} "
        f"{questionnaire.version}, {len(workshop.participants)} participants, {answered} with answers"
    )


def validate_paths(paths: list[Path]) -> bool:
    """Check every path, print ``ok`` lines to stdout and problems to stderr; True if all good."""
    good = True
    for path in paths:
        try:
            summary = check_file(path)
        except InputError as exc:
            good = False
            print(f"cxalign: {printable(str(exc))}", file=sys.stderr)
        else:
            print(printable(f"ok  {path}: {summary}"))
    return good
