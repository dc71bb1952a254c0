"""One workshop folder on disk: :class:`WorkshopFolder`.

Layout::

    <workshop>/workshop.toml              organisation, participants, consensus …
    <workshop>/questionnaire.toml         the exact questionnaire it runs (copied at creation)
    <workshop>/responses/<id>.toml        one participant's answers
    <workshop>/responses/<id>.lock        while that participant is being filled in
    <workshop>/workshop.lock              taken around every change to workshop.toml
    <workshop>/import.journal             only between an import's commit point and its end
    <workshop>/.import-*/                 only while an import is being staged

Every read-modify-write of ``workshop.toml`` happens under the workshop lock
and re-reads the file inside it (:meth:`WorkshopFolder.edit`), so two processes
(two imports, two interface windows, a browser session) never lose each
other's changes. An import is staged in a hidden folder and committed by
writing one journal file; a crash before that leaves the old workshop, a crash
after it is rolled forward the next time the workshop is opened.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
import os
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

from cxalign.bulk import collector_paused
from cxalign.errors import InputError, InputErrors, LockedError
from cxalign.models.common import RESPONSE_FORMAT_VERSION, WORKSHOP_FORMAT_VERSION
from cxalign.models.questionnaire import Questionnaire
from cxalign.models.response import Response
from cxalign.models.workshop import Consensus, Participant, Workshop
from cxalign.store.files import (
    atomic_write,
    dump_toml,
    file_hash,
    fsync_dir,
    load_model,
    now,
    read_bytes,
    save_model,
    slugify,
    unique_id,
    validate_model,
    write_durably,
)
from cxalign.store.locks import ParticipantLock, WorkshopLock, is_held
from cxalign.validation import response_problems

WORKSHOP_FILE = "workshop.toml"
QUESTIONNAIRE_FILE = "questionnaire.toml"
RESPONSES_DIR = "responses"
WORKSHOP_LOCK = "workshop.lock"
IMPORT_JOURNAL = "import.journal"
STAGING_PREFIX = ".import-"
#: An import holds the locks of the participants it replaces when they are at most this many;
#: above, it checks that none is open (a file descriptor per lock would run out).
_MAX_HELD_LOCKS = 256


def load_questionnaire(path: Path) -> Questionnaire:
    return load_model(Questionnaire, Path(path))


def list_workshops(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    return sorted(p for p in root.iterdir() if (p / WORKSHOP_FILE).is_file())


def _person_key(name: str, role: str) -> tuple[str, str]:
    return (" ".join(name.split()).casefold(), " ".join(role.split()).casefold())


def _answers_key(response: Response) -> dict:
    return {qid: a.model_dump(exclude={"answered_at"}) for qid, a in response.answers.items()}


class _QuestionIndex:
    """The questionnaire with question look-ups by id in constant time, for checking thousands of responses."""

    def __init__(self, questionnaire: Questionnaire):
        self._questionnaire = questionnaire
        self._by_id = {q.id: q for q in questionnaire.questions}

    def question(self, question_id: str):
        return self._by_id.get(question_id)

    def __getattr__(self, name: str):
        return getattr(self._questionnaire, name)


@dataclasses.dataclass(frozen=True)
class Unreadable:
    """A response file left out of the results because it could not be read."""

    path: Path
    participant: str
    reason: str


@dataclasses.dataclass(frozen=True)
class ImportResult:
    """What :meth:`WorkshopFolder.commit_import` did."""

    written: int          # response files written
    added: int            # participants added to workshop.toml
    unchanged: int        # rows naming someone already holding exactly these answers


class WorkshopFolder:
    """One workshop on disk. Loads lazily, saves atomically, changes ``workshop.toml`` under its lock.

    ``recover=False`` leaves an interrupted import as it is (``validate`` reports it);
    otherwise opening the workshop finishes or undoes it first.

    ``lenient=True`` (the commands that read answers: ``analyze``, ``report``,
    ``export``) makes :meth:`responses` leave an unreadable response out instead
    of failing; what was left out is in :attr:`unreadable`, for the caller to say.
    """

    def __init__(self, path: str | Path, *, recover: bool = True, lenient: bool = False):
        self.path = Path(path)
        self.recover_on_load = recover
        self.lenient = lenient
        #: Responses left out by the last :meth:`responses` (lenient) or :meth:`readable_responses`.
        self.unreadable: list[Unreadable] = []
        #: Responses read by the last :meth:`responses` or :meth:`readable_responses`.
        self.loaded: dict[str, Response] = {}
        #: The workshop those responses were read for (None before).
        self.loaded_for: Workshop | None = None
        self._questionnaire: Questionnaire | None = None

    def __repr__(self) -> str:
        return f"WorkshopFolder({str(self.path)!r})"

    # -- paths ------------------------------------------------------------------------
    @property
    def workshop_file(self) -> Path:
        return self.path / WORKSHOP_FILE

    @property
    def questionnaire_file(self) -> Path:
        return self.path / QUESTIONNAIRE_FILE

    @property
    def responses_dir(self) -> Path:
        return self.path / RESPONSES_DIR

    @property
    def journal_file(self) -> Path:
        return self.path / IMPORT_JOURNAL

    def response_file(self, participant_id: str) -> Path:
        return self.responses_dir / f"{participant_id}.toml"

    def check_output(self, path: Path) -> None:
        """Refuse to write an export or a report over this workshop's own files."""
        target = Path(path).resolve()
        own = {self.workshop_file.resolve(), self.questionnaire_file.resolve(),
               (self.path / WORKSHOP_LOCK).resolve(), self.journal_file.resolve(),
               (self.path / ".responses-cache.json").resolve()}
        if target in own or target.parent == self.responses_dir.resolve():
            raise InputError(f"is among the workshop's own files ({WORKSHOP_FILE}, {QUESTIONNAIRE_FILE}, "
                             f"{RESPONSES_DIR}/); write the output somewhere else", file=path)

    def check_responses_dir(self) -> None:
        if self.responses_dir.exists() and not self.responses_dir.is_dir():
            raise InputError("is a file; it must be the folder of response files", file=self.responses_dir)

    # -- creation ---------------------------------------------------------------------
    @classmethod
    def create(
        cls,
        root: Path,
        *,
        name: str,
        organisation: str,
        participants: Sequence[tuple[str, str] | tuple[str, str, str | None]],
        language: str = "fr",
        date: dt.date | None = None,
        anonymous: bool = False,
        questionnaire_path: Path | None = None,
        folder_name: str | None = None,
    ) -> "WorkshopFolder":
        """Create a new workshop folder under ``root``; ``participants`` are (name, role[, group]) tuples.

        Control characters typed in any of them are stripped; nothing is written
        before the whole workshop is valid.
        """
        from cxalign.resources import reference_questionnaire_path

        source = Path(questionnaire_path) if questionnaire_path else reference_questionnaire_path()
        questionnaire = load_questionnaire(source)
        root = Path(root)
        people: list[dict[str, str]] = []
        for person_name, role, *rest in participants:
            group = rest[0] if rest else None
            pid = unique_id(slugify(person_name, fallback="participant"), {p["id"] for p in people})
            people.append({"id": pid, "name": person_name, "role": role, **({"group": group} if group else {})})
        data = {
            "format_version": WORKSHOP_FORMAT_VERSION, "name": name, "organisation": organisation,
            "date": date or dt.date.today(), "language": language, "anonymous": anonymous,
            "questionnaire": {"id": questionnaire.id, "version": questionnaire.version, "hash": file_hash(source)},
            "participants": people,
        }
        workshop = validate_model(Workshop, data)
        if root.exists() and not root.is_dir():
            raise InputError("is a file, not a folder", file=root)
        try:
            root.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise InputError(f"cannot create the folder: {exc.strerror}", file=root) from None
        taken = {p.name for p in root.iterdir()}
        folder = root / unique_id(folder_name or slugify(workshop.name, fallback="workshop"), taken)
        folder.mkdir()
        (folder / RESPONSES_DIR).mkdir()
        atomic_write(folder / QUESTIONNAIRE_FILE, read_bytes(source))
        save_model(workshop, folder / WORKSHOP_FILE)
        return cls(folder)

    # -- workshop.toml ----------------------------------------------------------------
    def load(self) -> Workshop:
        if not self.workshop_file.is_file():
            raise InputError(f"not a workshop folder (no {WORKSHOP_FILE})", file=self.path)
        if self.recover_on_load and self.interrupted_import():
            self.recover()
        return load_model(Workshop, self.workshop_file)

    def workshop_lock(self) -> WorkshopLock:
        """The exclusive lock around every change to ``workshop.toml`` (re-entrant in one process)."""
        if not self.path.is_dir():
            raise InputError("not a workshop folder", file=self.path)
        return WorkshopLock(self.path / WORKSHOP_LOCK)

    def save(self, workshop: Workshop) -> None:
        """Write ``workshop`` as it is. A change made from a fresh read belongs in :meth:`edit`."""
        workshop = Workshop.model_validate(workshop.model_dump())  # list edits bypass validate_assignment
        with self.workshop_lock():
            save_model(workshop, self.workshop_file)

    @contextlib.contextmanager
    def edit(self) -> Iterator[Workshop]:
        """Read ``workshop.toml`` under the workshop lock, yield it, save it atomically if the block succeeds."""
        with self.workshop_lock():
            self._recover_locked()
            workshop = self.load()
            yield workshop
            checked = validate_model(Workshop, workshop.model_dump(), file=self.workshop_file)
            self._check_consensus_refs(checked)
            save_model(checked, self.workshop_file)

    def add_participant(self, name: str, role: str, group: str | None = None) -> Participant:
        with self.edit() as workshop:
            taken = {p.id for p in workshop.participants}
            person = validate_model(Participant, {
                "id": unique_id(slugify(name, fallback="participant"), taken), "name": name, "role": role,
                **({"group": group} if group else {}),
            })
            workshop.participants.append(person)
        return person

    def rename_participant(self, pid: str, name: str | None = None, role: str | None = None,
                           group: str | None = None) -> Participant:
        """Change a participant's name, role or group (``None`` keeps it; a ``group`` of ``""`` removes it)."""
        with self.edit() as workshop:
            index = self._index(workshop, pid)
            update = workshop.participants[index].model_dump()
            if name is not None:
                update["name"] = name
            if role is not None:
                update["role"] = role
            if group is not None:
                update["group"] = group or None
            person = validate_model(Participant, update)
            workshop.participants[index] = person
        return person

    def remove_participant(self, pid: str) -> Participant:
        """Remove a participant and their response; refused while their questionnaire is open."""
        with self.edit() as workshop:
            index = self._index(workshop, pid)
            if is_held(self.responses_dir / f"{pid}.lock"):
                raise LockedError(f"participant {pid!r} is being filled in; close it there first",
                                  file=self.responses_dir / f"{pid}.lock")
            person = workshop.participants.pop(index)
        self.remove_participant_files(pid)
        return person

    def record_consensus(self, scope: str, ref: str, *, current: float | None = None,
                         target: float | None = None, comment: str = "",
                         recorded_at: dt.datetime | None = None) -> Consensus:
        """Record (or replace) what the room agreed on for a dimension or a question."""
        entry = validate_model(Consensus, {
            "scope": scope, "ref": ref, "current": current, "target": target, "comment": comment,
            "recorded_at": recorded_at or now(),
        })
        with self.edit() as workshop:
            entries = list(workshop.consensus)
            index = next((i for i, c in enumerate(entries) if (c.scope, c.ref) == (scope, ref)), None)
            if index is None:
                entries.append(entry)
            else:
                entries[index] = entry  # in place: the order of the file stays
            workshop.consensus = entries
        return entry

    def clear_consensus(self, scope: str, ref: str) -> bool:
        """Delete the consensus on ``ref``; False when there was none."""
        with self.edit() as workshop:
            before = len(workshop.consensus)
            workshop.consensus = [c for c in workshop.consensus if (c.scope, c.ref) != (scope, ref)]
            return len(workshop.consensus) != before

    @staticmethod
    def _index(workshop: Workshop, pid: str) -> int:
        for i, person in enumerate(workshop.participants):
            if person.id == pid:
                return i
        raise InputError(f"no participant {pid!r} in this workshop", field="participants")

    def _check_consensus_refs(self, workshop: Workshop) -> None:
        questionnaire = self.questionnaire
        problems = []
        for i, entry in enumerate(workshop.consensus):
            found = questionnaire.dimension(entry.ref) if entry.scope == "dimension" else questionnaire.question(entry.ref)
            if found is None:
                problems.append(InputError(
                    f"unknown {entry.scope} {entry.ref!r} (not in questionnaire {questionnaire.id} {questionnaire.version})",
                    file=self.workshop_file, field=f"consensus[{i}].ref"))
        if problems:
            raise InputErrors(problems)

    # -- the questionnaire ------------------------------------------------------------
    @property
    def questionnaire(self) -> Questionnaire:
        return self.questionnaire_for(None)

    def questionnaire_for(self, workshop: Workshop | None) -> Questionnaire:
        """:attr:`questionnaire`, checked against ``workshop`` when the caller has just loaded it
        (``workshop.toml`` of 10,000 participants is not parsed again for it)."""
        if self._questionnaire is None:
            workshop = workshop or self.load()
            path = self.questionnaire_file
            if not path.is_file():
                raise InputError(f"missing {QUESTIONNAIRE_FILE}", file=self.path)
            actual = file_hash(path)
            if actual != workshop.questionnaire.hash:
                raise InputError(
                    f"{QUESTIONNAIRE_FILE} was changed after the workshop started "
                    f"(hash {actual[:19]}… but the workshop records {workshop.questionnaire.hash[:19]}…)",
                    file=self.workshop_file, field="questionnaire.hash",
                )
            questionnaire = load_questionnaire(path)
            if (questionnaire.id, questionnaire.version) != (workshop.questionnaire.id, workshop.questionnaire.version):
                raise InputError(
                    f"questionnaire is {questionnaire.id} {questionnaire.version}, "
                    f"the workshop records {workshop.questionnaire.id} {workshop.questionnaire.version}",
                    file=self.workshop_file, field="questionnaire",
                )
            self._questionnaire = questionnaire
            self._check_consensus_refs(workshop)
        return self._questionnaire

    def _question_index(self) -> _QuestionIndex:
        questionnaire = self.questionnaire
        if getattr(self, "_indexed", None) is None or self._indexed._questionnaire is not questionnaire:
            self._indexed = _QuestionIndex(questionnaire)
        return self._indexed

    # -- responses --------------------------------------------------------------------
    def new_response(self, participant_id: str, *, workshop: Workshop | None = None) -> Response:
        return Response(
            format_version=RESPONSE_FORMAT_VERSION,
            participant=participant_id,
            questionnaire_hash=(workshop or self.load()).questionnaire.hash,
        )

    def load_response(self, participant_id: str, *, create: bool = True, workshop: Workshop | None = None) -> Response:
        """A participant's response, checked against the questionnaire.

        A missing file gives a new empty response when ``create`` is true.
        ``workshop`` spares re-reading ``workshop.toml`` when the caller has it.
        """
        path = self.response_file(participant_id)
        if not path.exists() and not path.is_symlink():
            if create:
                return self.new_response(participant_id, workshop=workshop)
            raise InputError("file not found", file=path)
        from cxalign.store.cache import load_response_file

        response = load_response_file(path)
        self.check_response(response, path, workshop=workshop)
        return response

    def check_response(self, response: Response, path: Path, *, workshop: Workshop | None = None,
                       known: set[str] | None = None, rules: bool = True) -> None:
        """Refuse ``response`` (read from ``path``) unless it belongs in this workshop; with
        ``rules``, also check each answer against the questionnaire's rules."""
        workshop = workshop or self.load()
        problems: list[InputError] = []
        is_known = response.participant in known if known is not None else workshop.participant(response.participant) is not None
        if not is_known:
            problems.append(InputError(f"unknown participant {response.participant!r}", file=path, field="participant"))
        elif path.stem != response.participant:
            problems.append(InputError(f"file is named {path.stem!r} but holds participant {response.participant!r}", file=path, field="participant"))
        if response.questionnaire_hash != workshop.questionnaire.hash:
            problems.append(InputError("answers were given to another version of the questionnaire", file=path, field="questionnaire_hash"))
        if rules:
            problems += [InputError(msg, file=path, field=field)
                         for field, msg in response_problems(response, self._question_index())]
        if problems:
            raise InputErrors(problems)

    def save_response(self, response: Response) -> None:
        self.check_responses_dir()
        self.responses_dir.mkdir(exist_ok=True)
        save_model(response, self.response_file(response.participant))

    def _saved(self, workshop: Workshop) -> Iterator[tuple[str, Path]]:
        self.check_responses_dir()
        for participant in workshop.participants:
            path = self.response_file(participant.id)
            if path.exists() or path.is_symlink():  # a dangling link is reported, not skipped
                yield participant.id, path

    def _load_checked(self, path: Path, workshop: Workshop, known: set[str], cache=None) -> Response:
        from cxalign.store.cache import load_response_file

        response = cache.load(path) if cache is not None else load_response_file(path)
        passed_before = cache is not None and cache.checked(path)  # same entry, same questionnaire, signed
        self.check_response(response, path, workshop=workshop, known=known, rules=not passed_before)
        if cache is not None and not passed_before:
            cache.mark_checked(path)
        return response

    def _bulk_cache(self, workshop: Workshop):
        from cxalign.store.cache import ResponseCache

        return ResponseCache(self.path, workshop.questionnaire.hash)

    def responses(self) -> dict[str, Response]:
        """Every participant's saved response (participants with no file are left out).

        The first unreadable one raises, unless the folder is ``lenient``: then it
        is left out and listed in :attr:`unreadable`.
        """
        workshop = self.load()
        if self.lenient:
            return self.readable_responses(workshop)[0]
        known = {p.id for p in workshop.participants}
        cache = self._bulk_cache(workshop)
        with collector_paused():
            self.loaded = {pid: self._load_checked(path, workshop, known, cache) for pid, path in self._saved(workshop)}
        self.loaded_for = workshop
        cache.save()
        return self.loaded

    def readable_responses(self, workshop: Workshop | None = None) -> tuple[dict[str, Response], list[Unreadable]]:
        """Every participant's response that can be read, and the files that could not.

        One participant's broken file never blocks the others: the analysis,
        the report and the results screen use this and say which file was left
        out and why; ``validate`` still refuses the workshop.
        """
        found: dict[str, Response] = {}
        left_out: list[Unreadable] = []
        workshop = workshop or self.load()
        known = {p.id for p in workshop.participants}
        cache = self._bulk_cache(workshop)
        with collector_paused():
            for pid, path in self._saved(workshop):
                try:
                    found[pid] = self._load_checked(path, workshop, known, cache)
                except InputError as exc:
                    # the reason without the path, which every place showing it puts beside it
                    reason = "\n".join(line.removeprefix(f"{path}: ") for line in str(exc).splitlines())
                    left_out.append(Unreadable(path=path, participant=pid, reason=reason))
        cache.save()
        self.loaded, self.unreadable, self.loaded_for = found, left_out, workshop
        return found, left_out

    def stray_responses(self, workshop: Workshop | None = None) -> list[Path]:
        """Response files of nobody in the workshop (a participant removed by hand, a renamed file)."""
        if not self.responses_dir.is_dir():
            return []
        known = {p.id for p in (workshop or self.load()).participants}
        # names, not paths, for the 10,000 files of participants (what glob("*.toml") lists)
        names = (name for name in os.listdir(self.responses_dir) if name.endswith(".toml"))
        return sorted(path for name in names if (name[:-5] not in known or name == ".toml")
                      and (path := self.responses_dir / name).stem not in known)

    # -- participant locks --------------------------------------------------------------
    def lock(self, participant_id: str) -> ParticipantLock:
        self.check_responses_dir()
        self.responses_dir.mkdir(exist_ok=True)
        return ParticipantLock(self.responses_dir / f"{participant_id}.lock", participant_id)

    def is_locked(self, participant_id: str) -> bool:
        """True while some process has this participant's questionnaire open."""
        return is_held(self.responses_dir / f"{participant_id}.lock")

    def remove_participant_files(self, participant_id: str) -> None:
        """Delete a participant's response (used when a participant is removed)."""
        with contextlib.suppress(FileNotFoundError):
            self.response_file(participant_id).unlink()

    # -- imports: all or nothing --------------------------------------------------------
    def commit_import(self, participants: Sequence[Participant], responses: Sequence[Response], *,
                      changed: Sequence[Participant] = (), replace: bool = False,
                      source: Path | None = None) -> ImportResult:
        """Add ``participants`` and write ``responses`` as one change: all of it lands on disk or none.

        Under the workshop lock, ``workshop.toml`` is read again; a new
        participant with the name and role of someone already there is that
        person (re-running an import adds nobody twice); their answers are
        rewritten only with ``replace``, or when they are already the same.
        ``changed`` are participants already there whose record the import
        updates (a group given in the CSV). Files are staged in a hidden folder; writing the journal is the commit
        point; the staged files are then moved in place (rolled forward by
        :meth:`recover` if the process dies on the way).
        """
        self.check_responses_dir()
        self.responses_dir.mkdir(exist_ok=True)
        with contextlib.ExitStack() as stack:
            stack.enter_context(self.workshop_lock())
            self._recover_locked()
            workshop = self.load()
            updates = {p.id: p for p in changed}
            people = [updates.get(p.id, p) for p in workshop.participants]
            updated = any(p.id in updates for p in workshop.participants)
            ids = {p.id for p in people}
            by_person = {}
            for p in people:
                by_person.setdefault(_person_key(p.name, p.role), p.id)
            remap: dict[str, str] = {}
            added: list[Participant] = []
            for person in participants:
                same = by_person.get(_person_key(person.name, person.role))
                if same is not None:
                    remap[person.id] = same
                    continue
                if person.id in ids:  # someone else took this id meanwhile
                    remap[person.id] = unique_id(person.id, ids)
                    person = person.model_copy(update={"id": remap[person.id]})
                ids.add(person.id)
                added.append(person)
            new_ids = {p.id for p in added}
            to_write: list[Response] = []
            unchanged = 0
            problems: list[InputError] = []
            for response in responses:
                pid = remap.get(response.participant, response.participant)
                if pid != response.participant:
                    response = response.model_copy(update={"participant": pid})
                if pid not in ids:
                    problems.append(InputError(f"unknown participant {pid!r}", file=source, field="participant"))
                    continue
                if pid not in new_ids and not replace and self.response_file(pid).exists():
                    try:
                        existing = self.load_response(pid, workshop=workshop)
                    except InputError:
                        existing = None
                    if existing is not None and existing.answers:
                        if _answers_key(existing) == _answers_key(response) and existing.status == response.status:
                            unchanged += 1
                            continue
                        problems.append(InputError(
                            f"{pid!r} already has other answers (use --replace to overwrite)",
                            file=source, field="participant"))
                        continue
                to_write.append(response)
            if problems:
                raise InputErrors(problems)
            replaced = [r.participant for r in to_write if r.participant not in new_ids]
            if len(replaced) <= _MAX_HELD_LOCKS:
                for pid in replaced:  # someone answering right now would save over the import
                    stack.enter_context(self.lock(pid))
            else:
                busy = [pid for pid in replaced if self.is_locked(pid)]
                if busy:
                    raise LockedError(f"{len(busy)} participant(s) are being filled in right now "
                                      f"({', '.join(busy[:5])} …); close them first", file=self.responses_dir)
            new_workshop = None
            if added or updated:
                new_workshop = validate_model(
                    Workshop, {**workshop.model_dump(), "participants": [*people, *added]}, file=self.workshop_file)
            if to_write or new_workshop is not None:
                self._stage_and_commit(new_workshop, to_write)
        return ImportResult(written=len(to_write), added=len(added), unchanged=unchanged)

    def _stage_and_commit(self, workshop: Workshop | None, responses: list[Response]) -> None:
        staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=self.path))
        try:
            (staging / RESPONSES_DIR).mkdir()
            for response in responses:
                fd = os.open(staging / RESPONSES_DIR / f"{response.participant}.toml",
                             os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
                write_durably(fd, dump_toml(response))
            if workshop is not None:
                fd = os.open(staging / WORKSHOP_FILE, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
                write_durably(fd, dump_toml(workshop))
            fsync_dir(staging / RESPONSES_DIR)
            fsync_dir(staging)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        journal = {"staging": staging.name, "responses": [r.participant for r in responses],
                   "workshop": workshop is not None, "at": now().isoformat()}
        atomic_write(self.journal_file, json.dumps(journal).encode())  # the commit point
        self._roll_forward(journal)

    def _roll_forward(self, journal: dict) -> None:
        staging = self.path / str(journal.get("staging", ""))
        if not staging.name.startswith(STAGING_PREFIX) or staging.parent != self.path:
            raise InputError("names no staging folder of this workshop", file=self.journal_file, field="staging")
        for pid in journal.get("responses", []):
            source = staging / RESPONSES_DIR / f"{pid}.toml"
            if source.is_file():
                os.replace(source, self.response_file(pid))
        fsync_dir(self.responses_dir)
        if journal.get("workshop") and (staging / WORKSHOP_FILE).is_file():
            os.replace(staging / WORKSHOP_FILE, self.workshop_file)
        fsync_dir(self.path)
        self.journal_file.unlink()
        fsync_dir(self.path)
        shutil.rmtree(staging, ignore_errors=True)

    def _staging_folders(self) -> list[Path]:
        try:
            return sorted(p for p in self.path.iterdir() if p.name.startswith(STAGING_PREFIX))
        except OSError:
            return []

    def interrupted_import(self) -> bool:
        """True when an import stopped half-way (its journal or staging folder is still there)."""
        return self.journal_file.exists() or bool(self._staging_folders())

    def recover(self) -> None:
        """Finish an import that passed its commit point, or undo one that had not."""
        with self.workshop_lock():
            self._recover_locked()

    def _recover_locked(self) -> None:
        if self.journal_file.exists():
            from cxalign.store.files import read_text

            try:
                journal = json.loads(read_text(self.journal_file))
            except ValueError:
                raise InputError("damaged import journal; restore the workshop from a copy",
                                 file=self.journal_file) from None
            if not isinstance(journal, dict):
                raise InputError("damaged import journal; restore the workshop from a copy", file=self.journal_file)
            self._roll_forward(journal)
        for staging in self._staging_folders():  # staged by an import that died before its commit point
            shutil.rmtree(staging, ignore_errors=True)

    def leftovers(self) -> list[InputError]:
        """What ``validate`` reports beside the files: an interrupted import, temporary files left by a crash."""
        problems: list[InputError] = []
        if self.journal_file.exists():
            problems.append(InputError("an import stopped after its commit point and is half applied; "
                                       "any cxalign command that opens the workshop finishes it",
                                       file=self.journal_file))
        for staging in self._staging_folders():
            problems.append(InputError("files of an interrupted import (nothing of it was applied); "
                                       "any cxalign command that opens the workshop removes them", file=staging))
        for folder in (self.path, self.responses_dir):
            if folder.is_dir():
                for tmp in sorted(folder.glob(".*.tmp")):
                    problems.append(InputError("temporary file left by an interrupted save; delete it", file=tmp))
        return problems
