"""Responses as CSV: tidy export, and import of responses collected elsewhere.

Two layouts, both UTF-8 with a header row:

*wide* — one row per respondent, columns named by question id (the import
format, easy to fill in a spreadsheet). Columns ``participant`` (id), ``name``,
``role``, ``group``, ``status``, then per question:

==================== ======================================================
text                 ``<qid>``: the text
single               ``<qid>``: the option id
multi                ``<qid>``: option ids joined by ``|`` (``-`` for none)
ranking              ``<qid>``: every option id, best first, joined by ``|``
allocation           ``<qid>``: ``option=points`` pairs joined by ``|``
likert               ``<qid>``: the point (1..A)
likert current/target ``<qid>.current`` and ``<qid>.target``
any question         ``<qid>.note``: an optional note
==================== ======================================================

A cell reading ``dont_know`` records "don't know" (for one part of a maturity
item, that part only); an empty cell is unanswered.

*tidy* — one row per participant, question and value (``cxalign export``'s
default, for pivot tables): ``participant,name,role,group,status,section,question,kind,part,option,value,dont_know,note``.
Multi rows carry every option with 1 (chosen) or 0; ranking rows the rank;
allocation rows the points; likert rows ``part`` = value / current / target.

Import reads either layout (it looks at the header). What a cell holds for
each kind is the kind's business (:mod:`cxalign.kinds`); this module lays the
cells out, and neutralises spreadsheet formulas: a cell starting with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return is written with a leading
``'`` (OWASP's CSV-injection advice), which import removes again.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from pathlib import Path

from pydantic import ValidationError

from cxalign.errors import InputError, InputErrors, from_validation
from cxalign.kinds import kind_of
from cxalign.models.questionnaire import Question, Questionnaire
from cxalign.models.response import Answer, Response
from cxalign.models.workshop import Participant, Workshop
from cxalign.store import WorkshopFolder, atomic_write, now, read_text, slugify, unique_id
from cxalign.validation import answer_problems

DONT_KNOW = "dont_know"
TIDY_HEADER = ["participant", "name", "role", "group", "status", "section", "question", "kind", "part", "option",
               "value", "dont_know", "note"]
META = ("participant", "name", "role", "group", "status")
STATUSES = ("not_started", "in_progress", "submitted")

# -- spreadsheet formulas ---------------------------------------------------------------

#: First characters that make a spreadsheet read a cell as a formula (OWASP CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _needs_quote(cell: str) -> bool:
    """True when ``cell`` starts a formula, or is quotes before one (so that removing
    one quote on import gives back exactly what was written)."""
    while cell.startswith("'"):
        cell = cell[1:]
    return cell.startswith(FORMULA_START)


def neutralise(cell: str) -> str:
    """``cell`` as a spreadsheet shows it as text: a leading ``'`` before a formula."""
    return "'" + cell if _needs_quote(cell) else cell


def restore(cell: str) -> str:
    """The inverse of :func:`neutralise`."""
    return cell[1:] if cell.startswith("'") and _needs_quote(cell[1:]) else cell


# -- export -------------------------------------------------------------------------

def _wide_cells(question: Question, answer: Answer) -> dict[str, str]:
    kind = kind_of(question)
    cells = {
        column: DONT_KNOW if answer.part_unknown(part) else kind.write_cell(question, part, answer)
        for part, column in zip(kind.parts(question), kind.wide_columns(question))
    }
    if answer.note:
        cells[f"{question.id}.note"] = answer.note
    return cells


def wide_columns(questionnaire: Questionnaire) -> list[str]:
    columns = list(META)
    for q in questionnaire.questions:
        columns += kind_of(q).wide_columns(q)
        columns.append(f"{q.id}.note")
    return columns


def _tidy_rows(question: Question, answer: Answer, section: str) -> list[dict[str, str]]:
    kind = kind_of(question)
    base = {"section": section, "question": question.id, "kind": question.kind, "part": "", "option": "",
            "value": "", "dont_know": "", "note": answer.note}
    if answer.dont_know:
        return [base | {"dont_know": "1"}]
    rows: list[dict[str, str]] = []
    for part in kind.parts(question):
        label = kind.tidy_part(question, part)
        if answer.part_unknown(part):
            rows.append(base | {"part": label, "dont_know": "1"})
            continue
        rows += [base | {"part": label, "option": o, "value": v} for o, v in kind.tidy_values(question, part, answer)]
    if not rows and answer.note:  # a note without an answer
        rows.append(base)
    return rows


def csv_text(workshop: Workshop, questionnaire: Questionnaire, responses: dict[str, Response], *, wide: bool = False) -> tuple[str, int]:
    """Every answer as CSV text, formulas neutralised; and the number of data rows."""
    buffer = io.StringIO(newline="")
    columns = wide_columns(questionnaire) if wide else TIDY_HEADER
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    # The csv module quotes a cell holding "\n" but not one holding a lone "\r", which a reader
    # takes for a line end: such rows are written with every cell quoted.
    quoted = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writeheader()
    rows = 0

    def write(row: dict[str, str]) -> None:
        nonlocal rows
        row = {k: neutralise(v) for k, v in row.items()}
        (quoted if any("\r" in v for v in row.values()) else writer).writerow(row)
        rows += 1

    for p in workshop.participants:
        response = responses.get(p.id)
        if response is None:
            continue
        who = {"participant": p.id, "name": p.name, "role": p.role, "group": p.group or "", "status": response.status}
        if wide:
            row = dict(who)
            for q in questionnaire.questions:
                answer = response.answers.get(q.id)
                if answer is not None:
                    row |= _wide_cells(q, answer)
            write(row)
            continue
        for section in questionnaire.sections:
            for q in section.questions:
                answer = response.answers.get(q.id)
                if answer is not None:
                    for r in _tidy_rows(q, answer, section.id):
                        write(who | r)
    return buffer.getvalue(), rows


def export_csv(folder: WorkshopFolder, path: Path, *, wide: bool = False) -> int:
    """Write every answer of a workshop to ``path``; returns the number of data rows."""
    text, rows = csv_text(folder.load(), folder.questionnaire, folder.responses(), wide=wide)
    path = Path(path)
    if path.is_dir():
        raise InputError("is a folder; give a CSV file name", file=path)
    if path.parent and not path.parent.is_dir():
        raise InputError("folder does not exist", file=path.parent)
    folder.check_output(path)
    try:
        atomic_write(path, text.encode("utf-8"))
    except OSError as exc:
        raise InputError(f"cannot write: {exc.strerror or exc}", file=path) from None
    return rows


# -- import -------------------------------------------------------------------------

class _Cells:
    """Collects problems while reading one CSV, each naming row and column."""

    def __init__(self, path: Path):
        self.path = path
        self.errors: list[InputError] = []

    def error(self, row: int, column: str, message: str) -> None:
        self.errors.append(InputError(message, file=self.path, field=f"row {row}, column {column}"))


def _with_unknown(question: Question, fields: dict[str, object], unknown: list[str | None]) -> dict[str, object]:
    """``fields`` with the parts read as "don't know": all of them make the whole answer one."""
    if not unknown:
        return fields
    parts = kind_of(question).parts(question)
    if len(unknown) == len(parts):
        return {"dont_know": True}
    return fields | {"dont_know_parts": [p for p in parts if p in unknown]}


def _parse_wide_answer(question: Question, row: dict[str, str], cells: _Cells, line: int) -> Answer | None:
    kind = kind_of(question)
    note = row.get(f"{question.id}.note") or ""
    fields: dict[str, object] = {}
    unknown: list[str | None] = []
    given = failed = False
    for part, column in zip(kind.parts(question), kind.wide_columns(question)):
        raw = row.get(column) or ""
        cell = raw.strip()
        if not cell:
            continue
        given = True
        if cell.lower() == DONT_KNOW:
            unknown.append(part)
            continue
        got = kind.read_cell(question, part, cell, raw, lambda c, m: cells.error(line, c, m), column)
        if got is None:
            failed = True
        else:
            fields |= got
    if not given:
        return Answer(note=note) if note else None
    if failed:
        return None
    return _build_answer(question, _with_unknown(question, fields, unknown) | {"note": note}, cells, line)


def _build_answer(question: Question, fields: dict[str, object], cells: _Cells, line: int) -> Answer | None:
    try:
        answer = Answer(**fields, answered_at=now())
    except ValidationError as exc:
        for problem in from_validation(exc).errors:
            cells.error(line, question.id, problem.message)
        return None
    for field, message in answer_problems(question, answer):
        cells.error(line, question.id, f"{field}: {message}")
    return answer


def _read_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    text = read_text(path, encoding="utf-8-sig")  # a spreadsheet's byte-order mark is tolerated
    first_line = text.split("\n", 1)[0]
    # A spreadsheet set to French (or German …) saves "CSV" with semicolons.
    delimiter = ";" if ";" in first_line and "," not in first_line else ","
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
        rows = list(reader)
    except csv.Error as exc:
        raise InputError(f"malformed CSV: {exc}", file=path, field=f"row {reader.line_num}") from None
    header = reader.fieldnames or []
    if not header:
        raise InputError("empty file (a header row is needed)", file=path)
    twice = sorted({c for c in header if header.count(c) > 1})
    if twice:  # a dict row keeps only the last of two equal columns: refuse rather than drop one
        raise InputError(f"{'columns' if len(twice) > 1 else 'column'} {', '.join(map(repr, twice))} "
                         f"{'appear' if len(twice) > 1 else 'appears'} more than once", file=path, field="row 1")
    for i, row in enumerate(rows, start=2):
        if None in row:
            raise InputError("more cells than header columns", file=path, field=f"row {i}")
    rows = [{k: restore(v) if isinstance(v, str) else v for k, v in row.items()} for row in rows]
    return list(header), rows


def _parse_wide(header: list[str], rows: list[dict[str, str]], questionnaire: Questionnaire, cells: _Cells):
    known = set(wide_columns(questionnaire))
    for column in header:
        if column not in known:
            cells.error(1, column, "unknown column (not a question id of this questionnaire)")
    if "participant" not in header:
        cells.error(1, "participant", "required column is missing")
        return []
    people = []
    for line, row in enumerate(rows, start=2):
        answers = {}
        for q in questionnaire.questions:
            answer = _parse_wide_answer(q, row, cells, line)
            if answer is not None:
                answers[q.id] = answer
        people.append((line, row, answers))
    return people


_TRUE = {"1", "true", "yes"}


def _parse_tidy_answer(question: Question, pid: str, qrows: list[tuple[int, dict[str, str]]], cells: _Cells) -> Answer | None:
    kind = kind_of(question)
    qid, line = question.id, qrows[0][0]
    seen_parts: set[tuple[str, str]] = set()
    for ln, r in qrows:  # a second row for the same value would silently replace the first
        key = ((r.get("part") or "").strip(), (r.get("option") or "").strip())
        if key in seen_parts:
            cells.error(ln, "question", f"{qid!r} appears twice for participant {pid!r}"
                        + (f" ({', '.join(k for k in key if k)})" if any(key) else ""))
        seen_parts.add(key)
    note = qrows[0][1].get("note") or ""
    parts = kind.parts(question)
    by_label = {kind.tidy_part(question, p): p for p in parts}
    values: dict[str | None, list[tuple[int, str, str]]] = defaultdict(list)
    unknown: list[str | None] = []
    failed = False
    for ln, r in qrows:
        label = (r.get("part") or "").strip()
        option, value = (r.get("option") or "").strip(), r.get("value") or ""
        dont_know = (r.get("dont_know") or "").strip().lower() in _TRUE
        if dont_know and (not label or len(parts) == 1):  # the whole answer
            return _build_answer(question, {"dont_know": True, "note": note}, cells, line)
        if not dont_know and not option and not value.strip():
            continue  # a row carrying only a note
        part = parts[0] if len(parts) == 1 and by_label == {"": parts[0]} else by_label.get(label, "?")
        if part == "?":
            cells.error(ln, "part", f"expected {' or '.join(repr(k) for k in by_label)}, got {label!r}")
            failed = True
        elif dont_know:
            unknown.append(part)
        else:
            values[part].append((ln, option, value))
    fields: dict[str, object] = {}
    for part, rows in values.items():
        got = kind.read_tidy(question, part, rows, cells.error)
        if got is None:
            failed = True
        else:
            fields |= got
    if failed:
        return None
    if not fields and not unknown:
        return Answer(note=note) if note else None
    return _build_answer(question, _with_unknown(question, fields, unknown) | {"note": note}, cells, line)


def _parse_tidy(header: list[str], rows: list[dict[str, str]], questionnaire: Questionnaire, cells: _Cells):
    missing = [c for c in ("participant", "question", "value") if c not in header]
    for column in missing:
        cells.error(1, column, "required column is missing")
    if missing:
        return []
    grouped: dict[str, dict[str, list[tuple[int, dict[str, str]]]]] = defaultdict(lambda: defaultdict(list))
    first: dict[str, tuple[int, dict[str, str]]] = {}
    for line, row in enumerate(rows, start=2):
        pid = (row.get("participant") or "").strip()
        grouped[pid][(row.get("question") or "").strip()].append((line, row))
        first.setdefault(pid, (line, row))
    people = []
    for pid, by_question in grouped.items():
        answers = {}
        for qid, qrows in by_question.items():
            question = questionnaire.question(qid)
            if question is None:
                cells.error(qrows[0][0], "question", f"unknown question id {qid!r}")
                continue
            answer = _parse_tidy_answer(question, pid, qrows, cells)
            if answer is not None:
                answers[qid] = answer
        line, row = first[pid]
        people.append((line, row, answers))
    return people


def _save_import(folder: WorkshopFolder, workshop: Workshop, participants: list[Participant], responses: list[Response],
                 *, replace: bool = False, source: Path | None = None):
    """Write an import that was checked whole as one commit: all of it lands on disk or none of it
    (:meth:`cxalign.store.WorkshopFolder.commit_import`: staged, then committed under the workshop lock)."""
    before = {p.id: p for p in workshop.participants}
    added = [p for p in participants if p.id not in before]
    changed = [p for p in participants if p.id in before and p != before[p.id]]
    return folder.commit_import(added, responses, changed=changed, replace=replace, source=source)


def parse_csv(path: Path, questionnaire: Questionnaire) -> list[tuple[int, dict[str, str], dict[str, Answer]]]:
    """The answers of a CSV file of either layout as (line, row, answers by question id)
    per respondent; every bad cell is raised at once as :class:`InputErrors`."""
    header, rows = _read_rows(Path(path))
    cells = _Cells(Path(path))
    tidy = "question" in header and "value" in header
    people = (_parse_tidy if tidy else _parse_wide)(header, rows, questionnaire, cells)
    if cells.errors:
        raise InputErrors(cells.errors)
    return people


def import_csv(folder: WorkshopFolder, path: Path, *, replace: bool = False) -> int:
    """Import responses from ``path`` into a workshop; returns how many respondents were written.

    Nothing is written unless the whole file is valid.
    """
    path = Path(path)
    workshop = folder.load()
    questionnaire = folder.questionnaire
    header, rows = _read_rows(path)
    cells = _Cells(path)
    tidy = "question" in header and "value" in header
    people = (_parse_tidy if tidy else _parse_wide)(header, rows, questionnaire, cells)

    participants = list(workshop.participants)
    to_save: list[Response] = []
    seen: set[str] = set()
    for line, row, answers in people:
        pid = (row.get("participant") or "").strip()
        name = (row.get("name") or "").strip()
        role = (row.get("role") or "").strip()
        group = (row.get("group") or "").strip() or None
        if not pid and name:
            pid = unique_id(slugify(name, fallback="participant"), {p.id for p in participants})
        if not pid:
            cells.error(line, "participant", "empty (give an id, or a name and a role)")
            continue
        if pid in seen:
            cells.error(line, "participant", f"{pid!r} appears in two rows")
            continue
        seen.add(pid)
        known = next((i for i, p in enumerate(participants) if p.id == pid), None)
        if known is None:
            if not name or not role:
                cells.error(line, "participant", f"unknown participant {pid!r}: give name and role columns to add them")
                continue
            try:
                participants.append(Participant(id=pid, name=name, role=role, group=group))
            except ValidationError as exc:
                problem = from_validation(exc).errors[0]
                column = "group" if problem.field.startswith("group") else "participant"
                cells.error(line, column, problem.message)
                continue
        else:
            if folder.response_file(pid).exists() and not replace:
                existing = folder.load_response(pid, workshop=workshop)
                if existing.answers:
                    cells.error(line, "participant", f"{pid!r} already has answers (use --replace to overwrite)")
                    continue
            if group is not None and group != participants[known].group:  # an empty cell keeps the group
                try:
                    participants[known] = participants[known].model_copy(update={"group": group})
                    Participant.model_validate(participants[known].model_dump())
                except ValidationError as exc:
                    cells.error(line, "group", from_validation(exc).errors[0].message)
                    continue
        status = (row.get("status") or "submitted").strip() or "submitted"
        if status not in STATUSES:
            cells.error(line, "status", f"expected not_started, in_progress or submitted, got {status!r}")
            continue
        stamp = now()
        try:
            response = folder.new_response(pid, workshop=workshop).model_copy(update={
                "answers": answers, "status": status, "started_at": stamp, "updated_at": stamp,
                "submitted_at": stamp if status == "submitted" else None,
            })
        except ValidationError as exc:  # pragma: no cover - fields above are already checked
            for problem in from_validation(exc).errors:
                cells.error(line, "participant", f"{problem.field}: {problem.message}")
            continue
        to_save.append(response)
    if cells.errors:
        raise InputErrors(cells.errors)
    result = _save_import(folder, workshop, participants, to_save, replace=replace, source=path)
    return result.written + result.unchanged
