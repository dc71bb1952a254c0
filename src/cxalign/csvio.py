"""Responses as CSV: tidy export, and import of responses collected elsewhere.

Two layouts, both UTF-8 with a header row:

*wide* — one row per respondent, columns named by question id (the import
format, easy to fill in a spreadsheet). Columns ``participant`` (id), ``name``,
``role``, ``status``, then per question:

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

A cell reading ``dont_know`` records "don't know"; an empty cell is unanswered.

*tidy* — one row per participant, question and value (``cxalign export``'s
default, for pivot tables): ``participant,name,role,section,question,kind,part,option,value,dont_know,note``.
Multi rows carry every option with 1 (chosen) or 0; ranking rows the rank;
allocation rows the points; likert rows ``part`` = value / current / target.

Import reads either layout (it looks at the header).
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from pathlib import Path

from pydantic import ValidationError

from cxalign.errors import InputError, InputErrors
from cxalign.models.questionnaire import (
    AllocationQuestion,
    LikertQuestion,
    MultiQuestion,
    Question,
    Questionnaire,
    RankingQuestion,
    SingleQuestion,
    TextQuestion,
)
from cxalign.models.response import Answer, Response
from cxalign.models.workshop import Participant
from cxalign.store import WorkshopFolder, atomic_write, now, read_text, slugify, unique_id
from cxalign.validation import answer_problems

DONT_KNOW = "dont_know"
SEP = "|"
TIDY_HEADER = ["participant", "name", "role", "section", "question", "kind", "part", "option", "value", "dont_know", "note"]
META = ("participant", "name", "role", "status")


# -- export -------------------------------------------------------------------------

def _wide_cells(question: Question, answer: Answer) -> dict[str, str]:
    qid = question.id
    cells: dict[str, str] = {}
    if isinstance(question, LikertQuestion) and question.current_target:
        if answer.dont_know:
            cells[f"{qid}.current"] = cells[f"{qid}.target"] = DONT_KNOW
        else:
            cells[f"{qid}.current"] = "" if answer.current is None else str(answer.current)
            cells[f"{qid}.target"] = "" if answer.target is None else str(answer.target)
    elif answer.dont_know:
        cells[qid] = DONT_KNOW
    elif isinstance(question, TextQuestion):
        cells[qid] = answer.text or ""
    elif isinstance(question, SingleQuestion):
        cells[qid] = answer.choice or ""
    elif isinstance(question, MultiQuestion):
        cells[qid] = SEP.join(answer.choices) if answer.choices else ("-" if answer.choices is not None else "")
    elif isinstance(question, RankingQuestion):
        cells[qid] = SEP.join(answer.ranking or [])
    elif isinstance(question, AllocationQuestion):
        cells[qid] = SEP.join(f"{k}={v}" for k, v in (answer.allocation or {}).items())
    elif isinstance(question, LikertQuestion):
        cells[qid] = "" if answer.value is None else str(answer.value)
    if answer.note:
        cells[f"{qid}.note"] = answer.note
    return cells


def wide_columns(questionnaire: Questionnaire) -> list[str]:
    columns = list(META)
    for q in questionnaire.questions:
        if isinstance(q, LikertQuestion) and q.current_target:
            columns += [f"{q.id}.current", f"{q.id}.target"]
        else:
            columns.append(q.id)
        columns.append(f"{q.id}.note")
    return columns


def _tidy_rows(question: Question, answer: Answer, section: str) -> list[dict[str, str]]:
    base = {"section": section, "question": question.id, "kind": question.kind, "part": "", "option": "",
            "value": "", "dont_know": "", "note": answer.note}
    if answer.dont_know:
        return [base | {"dont_know": "1"}]
    rows: list[dict[str, str]] = []
    if isinstance(question, TextQuestion):
        rows.append(base | {"value": answer.text or ""})
    elif isinstance(question, SingleQuestion):
        rows.append(base | {"value": answer.choice or ""})
    elif isinstance(question, MultiQuestion):
        chosen = set(answer.choices or [])
        rows += [base | {"option": o, "value": "1" if o in chosen else "0"} for o in question.option_ids]
    elif isinstance(question, RankingQuestion):
        rows += [base | {"option": o, "value": str(i)} for i, o in enumerate(answer.ranking or [], start=1)]
    elif isinstance(question, AllocationQuestion):
        rows += [base | {"option": o, "value": str(v)} for o, v in (answer.allocation or {}).items()]
    elif isinstance(question, LikertQuestion):
        for part in ("value", "current", "target"):
            v = getattr(answer, part)
            if v is not None:
                rows.append(base | {"part": part, "value": str(v)})
    return rows


def export_csv(folder: WorkshopFolder, path: Path, *, wide: bool = False) -> int:
    """Write every answer of a workshop to ``path``; returns the number of data rows."""
    workshop = folder.load()
    questionnaire = folder.questionnaire
    responses = folder.responses()
    buffer = io.StringIO(newline="")
    rows = 0
    if wide:
        writer = csv.DictWriter(buffer, fieldnames=wide_columns(questionnaire), lineterminator="\n")
        writer.writeheader()
        for p in workshop.participants:
            response = responses.get(p.id)
            if response is None:
                continue
            row = {"participant": p.id, "name": p.name, "role": p.role, "status": response.status}
            for q in questionnaire.questions:
                answer = response.answers.get(q.id)
                if answer is not None:
                    row |= _wide_cells(q, answer)
            writer.writerow(row)
            rows += 1
    else:
        writer = csv.DictWriter(buffer, fieldnames=TIDY_HEADER, lineterminator="\n")
        writer.writeheader()
        for p in workshop.participants:
            response = responses.get(p.id)
            if response is None:
                continue
            for section in questionnaire.sections:
                for q in section.questions:
                    answer = response.answers.get(q.id)
                    if answer is None:
                        continue
                    for r in _tidy_rows(q, answer, section.id):
                        writer.writerow({"participant": p.id, "name": p.name, "role": p.role} | r)
                        rows += 1
    path = Path(path)
    if path.is_dir():
        raise InputError("is a folder; give a CSV file name", file=path)
    if path.parent and not path.parent.is_dir():
        raise InputError("folder does not exist", file=path.parent)
    folder.check_output(path)
    try:
        atomic_write(path, buffer.getvalue().encode("utf-8"))
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


def _int(cell: str, cells: _Cells, row: int, column: str) -> int | None:
    try:
        return int(cell.strip())
    except ValueError:
        cells.error(row, column, f"{cell!r} is not a whole number")
        return None


def _parse_wide_answer(question: Question, row: dict[str, str], cells: _Cells, line: int) -> Answer | None:
    qid = question.id
    note = row.get(f"{qid}.note") or ""
    note = note if note.strip() else ""
    fields: dict[str, object] = {}
    if isinstance(question, LikertQuestion) and question.current_target:
        cur, tgt = (row.get(f"{qid}.current") or "").strip(), (row.get(f"{qid}.target") or "").strip()
        if not cur and not tgt:
            return Answer(note=note) if note else None
        if DONT_KNOW in (cur.lower(), tgt.lower()):
            fields["dont_know"] = True
        else:
            if cur:
                fields["current"] = _int(cur, cells, line, f"{qid}.current")
            if tgt:
                fields["target"] = _int(tgt, cells, line, f"{qid}.target")
    else:
        raw = row.get(qid) or ""
        cell = raw.strip()
        if not cell:
            return Answer(note=note) if note else None
        if cell.lower() == DONT_KNOW:
            fields["dont_know"] = True
        elif isinstance(question, TextQuestion):
            fields["text"] = raw
        elif isinstance(question, SingleQuestion):
            fields["choice"] = cell
        elif isinstance(question, MultiQuestion):
            fields["choices"] = [] if cell == "-" else [c.strip() for c in cell.split(SEP)]
        elif isinstance(question, RankingQuestion):
            fields["ranking"] = [c.strip() for c in cell.split(SEP)]
        elif isinstance(question, AllocationQuestion):
            allocation: dict[str, int] = {}
            for part in cell.split(SEP):
                key, eq, value = part.partition("=")
                if not eq:
                    cells.error(line, qid, f"expected option=points, got {part!r}")
                    return None
                points = _int(value, cells, line, qid)
                if points is None:
                    return None
                allocation[key.strip()] = points
            fields["allocation"] = allocation
        elif isinstance(question, LikertQuestion):
            fields["value"] = _int(cell, cells, line, qid)
    if any(v is None for v in fields.values()):
        return None
    return _build_answer(question, fields | {"note": note}, cells, line)


def _build_answer(question: Question, fields: dict[str, object], cells: _Cells, line: int) -> Answer | None:
    try:
        answer = Answer(**fields, answered_at=now())
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            cells.error(line, question.id, err["msg"].removeprefix("Value error, "))
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
            line = qrows[0][0]
            if question is None:
                cells.error(line, "question", f"unknown question id {qid!r}")
                continue
            seen_parts: set[tuple[str, str]] = set()
            for ln, r in qrows:  # a second row for the same value would silently replace the first
                key = ((r.get("part") or "").strip(), (r.get("option") or "").strip())
                if key in seen_parts:
                    cells.error(ln, "question", f"{qid!r} appears twice for participant {pid!r}"
                                + (f" ({', '.join(k for k in key if k)})" if any(key) else ""))
                seen_parts.add(key)
            note = qrows[0][1].get("note") or ""
            note = note if note.strip() else ""
            if (qrows[0][1].get("dont_know") or "").strip() in {"1", "true", "yes"}:
                answer = _build_answer(question, {"dont_know": True, "note": note}, cells, line)
            else:
                fields: dict[str, object] = {"note": note}
                values = [(ln, r.get("part") or "", (r.get("option") or "").strip(), (r.get("value") or "")) for ln, r in qrows]
                if isinstance(question, TextQuestion):
                    fields["text"] = values[0][3]
                elif isinstance(question, SingleQuestion):
                    fields["choice"] = values[0][3].strip()
                elif isinstance(question, MultiQuestion):
                    fields["choices"] = [o for _, _, o, v in values if v.strip() == "1"]
                elif isinstance(question, RankingQuestion):
                    ranks = [(_int(v, cells, ln, "value"), o) for ln, _, o, v in values]
                    fields["ranking"] = [o for r, o in sorted((r, o) for r, o in ranks if r is not None)]
                elif isinstance(question, AllocationQuestion):
                    fields["allocation"] = {o: _int(v, cells, ln, "value") for ln, _, o, v in values}
                elif isinstance(question, LikertQuestion):
                    for ln, part, _, v in values:
                        if part not in ("value", "current", "target"):
                            cells.error(ln, "part", f"expected value, current or target, got {part!r}")
                            continue
                        fields[part] = _int(v, cells, ln, "value")
                if any(v is None for v in fields.values()) or any(
                    v is None for v in (fields.get("allocation") or {}).values()
                ):
                    continue
                answer = _build_answer(question, fields, cells, line)
            if answer is not None:
                answers[qid] = answer
        line, row = first[pid]
        people.append((line, row, answers))
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
        if not pid and name:
            pid = unique_id(slugify(name, fallback="participant"), {p.id for p in participants})
        if not pid:
            cells.error(line, "participant", "empty (give an id, or a name and a role)")
            continue
        if pid in seen:
            cells.error(line, "participant", f"{pid!r} appears in two rows")
            continue
        seen.add(pid)
        known = next((p for p in participants if p.id == pid), None)
        if known is None:
            if not name or not role:
                cells.error(line, "participant", f"unknown participant {pid!r}: give name and role columns to add them")
                continue
            try:
                participants.append(Participant(id=pid, name=name, role=role))
            except ValidationError as exc:
                cells.error(line, "participant", exc.errors(include_url=False)[0]["msg"].removeprefix("Value error, "))
                continue
        elif folder.response_file(pid).exists() and not replace:
            existing = folder.load_response(pid, workshop=workshop)
            if existing.answers:
                cells.error(line, "participant", f"{pid!r} already has answers (use --replace to overwrite)")
                continue
        status = (row.get("status") or "submitted").strip() or "submitted"
        if status not in ("not_started", "in_progress", "submitted"):
            cells.error(line, "status", f"expected not_started, in_progress or submitted, got {status!r}")
            continue
        stamp = now()
        try:
            response = folder.new_response(pid, workshop=workshop).model_copy(update={
                "answers": answers, "status": status, "started_at": stamp, "updated_at": stamp,
                "submitted_at": stamp if status == "submitted" else None,
            })
        except ValidationError as exc:  # pragma: no cover - fields above are already checked
            cells.error(line, "participant", str(exc))
            continue
        to_save.append(response)
    if cells.errors:
        raise InputErrors(cells.errors)
    # One commit: all of it lands on disk or none of it (cxalign.store.folder.WorkshopFolder.commit_import).
    result = folder.commit_import(participants[len(workshop.participants):], to_save, replace=replace, source=path)
    return result.written + result.unchanged
