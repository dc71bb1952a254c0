"""Workshop folders on disk: TOML load and save, atomic writes, participant locks.

Layout of a workshop folder::

    <workshop>/workshop.toml              organisation, participants, consensus …
    <workshop>/questionnaire.toml         the exact questionnaire it runs (copied at creation)
    <workshop>/responses/<id>.toml        one participant's answers
    <workshop>/responses/<id>.lock        present while that participant is being filled in

Every write goes to a temporary file in the same folder, is flushed to disk and
renamed over the target, so a crash never leaves a half-written file.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import hashlib
import json
import os
import re
import socket
import tempfile
import tomllib
import unicodedata
from pathlib import Path
from typing import Any, TypeVar

import tomli_w
from pydantic import BaseModel, ValidationError

from cxalign.errors import InputError, InputErrors, LockedError
from cxalign.home import HOME_ENV, workshops_home  # noqa: F401 - re-exported (the CLI imports cxalign.home directly)
from cxalign.models.common import FORMAT_VERSION
from cxalign.models.questionnaire import Questionnaire
from cxalign.models.response import Response
from cxalign.models.workshop import Workshop
from cxalign.validation import response_problems

M = TypeVar("M", bound=BaseModel)

WORKSHOP_FILE = "workshop.toml"
QUESTIONNAIRE_FILE = "questionnaire.toml"
RESPONSES_DIR = "responses"
#: The largest file cxalign reads (a 10,000-respondent CSV is about 15 MB).
MAX_INPUT_BYTES = 256 * 2**20


# -- reading ----------------------------------------------------------------------

def read_text(path: Path, encoding: str = "utf-8") -> str:
    """A text file's content; every failure becomes an :class:`InputError` naming the file."""
    path = Path(path)
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_INPUT_BYTES + 1)
    except FileNotFoundError:
        raise InputError("file not found", file=path) from None
    except IsADirectoryError:
        raise InputError("is a folder, not a file", file=path) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", file=path) from None
    if len(raw) > MAX_INPUT_BYTES:  # /dev/zero, a runaway export …: refuse instead of filling memory
        raise InputError(f"larger than {MAX_INPUT_BYTES // 2**20} MB; not a cxalign file", file=path)
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text (byte {exc.start})", file=path) from None


def read_toml(path: Path) -> dict[str, Any]:
    """Parse a TOML file; every failure becomes an :class:`InputError` naming the file."""
    text = read_text(path)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"invalid TOML: {exc}", file=path) from None


def _loc(loc: tuple[Any, ...]) -> str:
    parts: list[str] = []
    for item in loc:
        if isinstance(item, int):
            parts.append(f"[{item}]")
        elif item in {"text", "single", "multi", "ranking", "allocation", "likert"} and parts and parts[-1].endswith("]"):
            continue  # discriminator tag pydantic inserts into union locations
        else:
            parts.append(("." if parts else "") + str(item))
    return "".join(parts) or "(top level)"


def _shorten(value: Any, limit: int = 40) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def parse_model(model: type[M], data: dict[str, Any], path: Path) -> M:
    """Validate ``data`` as ``model``; errors name the file and each field."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        errors = []
        for err in exc.errors(include_url=False):
            message = err["msg"].removeprefix("Value error, ")
            if err["type"] == "extra_forbidden":
                message = "unknown field"
            elif err["type"] == "missing":
                message = "required field is missing"
            errors.append(InputError(message, file=path, field=_loc(err["loc"])))
        raise InputErrors(errors) from None


def check_format_version(data: dict[str, Any], path: Path) -> dict[str, Any]:
    """Refuse files from a newer cxalign; migrate older ones (none exist yet)."""
    version = data.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise InputError("required integer field is missing or not an integer", file=path, field="format_version")
    if version > FORMAT_VERSION:
        raise InputError(
            f"written by a newer cxalign (format {version}; this one reads up to {FORMAT_VERSION}); upgrade cxalign",
            file=path, field="format_version",
        )
    if version < 1:
        raise InputError(f"format {version} is not a cxalign format (the first is 1)", file=path, field="format_version")
    # Future migrations go here: while version < FORMAT_VERSION: data = MIGRATIONS[version](data) …
    return data


def load_model(model: type[M], path: Path) -> M:
    return parse_model(model, check_format_version(read_toml(path), path), path)


def file_hash(path: Path) -> str:
    return "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()


def load_questionnaire(path: Path) -> Questionnaire:
    return load_model(Questionnaire, Path(path))


# -- writing ----------------------------------------------------------------------

def dump_toml(model: BaseModel) -> bytes:
    return tomli_w.dumps(model.model_dump(mode="python", exclude_none=True)).encode("utf-8")


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _current_umask()


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old or the new file, never half."""
    path = Path(path)
    if path.exists() and not path.is_file() and not path.is_dir():
        # A device or a pipe (/dev/stdout, /dev/null): write into it; renaming over it would
        # replace the device itself.
        with path.open("wb") as handle:
            handle.write(data)
        return
    try:
        mode = path.stat().st_mode & 0o777  # keep the permissions of the file we replace
    except FileNotFoundError:
        mode = 0o666 & ~_UMASK  # a new file gets the usual permissions, not mkstemp's 0600
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    with contextlib.suppress(OSError):  # make the rename itself durable
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def save_model(model: BaseModel, path: Path) -> None:
    atomic_write(path, dump_toml(model))


# -- names ------------------------------------------------------------------------

def slugify(text: str, *, fallback: str = "item") -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:48].strip("-")
    return slug or fallback


def unique_id(base: str, taken: set[str]) -> str:
    candidate, n = base, 2
    while candidate in taken:
        candidate = f"{base}-{n}"
        n += 1
    return candidate


def now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


# -- the workshops home -----------------------------------------------------------

def list_workshops(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    return sorted(p for p in root.iterdir() if (p / WORKSHOP_FILE).is_file())


# -- locks --------------------------------------------------------------------------

def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class ParticipantLock:
    """An exclusive lock file for one participant's questionnaire."""

    def __init__(self, path: Path, participant: str):
        self.path = path
        self.participant = participant
        self.held = False

    def acquire(self) -> "ParticipantLock":
        info = {"pid": os.getpid(), "host": socket.gethostname(), "since": now().isoformat()}
        for _ in range(2):
            try:
                fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            except FileExistsError:
                if self._stale():
                    with contextlib.suppress(FileNotFoundError):
                        self.path.unlink()
                    continue
                raise LockedError(self._refusal(), file=self.path) from None
            with os.fdopen(fd, "w") as handle:
                json.dump(info, handle)
            self.held = True
            return self
        raise LockedError(self._refusal(), file=self.path)

    def _holder(self) -> dict[str, Any]:
        try:
            return json.loads(self.path.read_text())
        except (OSError, ValueError):
            return {}

    def _stale(self) -> bool:
        holder = self._holder()
        pid = holder.get("pid")
        return holder.get("host") == socket.gethostname() and isinstance(pid, int) and not _pid_alive(pid)

    def _refusal(self) -> str:
        holder = self._holder()
        where = f" (process {holder.get('pid')} on {holder.get('host')} since {holder.get('since')})" if holder else ""
        return (
            f"participant {self.participant!r} is already being filled in{where}; "
            "close it there first, or delete this lock file if that session is gone"
        )

    def release(self) -> None:
        if self.held:
            with contextlib.suppress(FileNotFoundError):
                self.path.unlink()
            self.held = False

    def __enter__(self) -> "ParticipantLock":
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()


# -- a workshop folder ------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class Unreadable:
    """A response file left out of the results because it could not be read."""

    path: Path
    participant: str
    reason: str


class WorkshopFolder:
    """One workshop on disk. Loads lazily, saves atomically."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self._questionnaire: Questionnaire | None = None

    def __repr__(self) -> str:
        return f"WorkshopFolder({str(self.path)!r})"

    # paths
    @property
    def workshop_file(self) -> Path:
        return self.path / WORKSHOP_FILE

    @property
    def questionnaire_file(self) -> Path:
        return self.path / QUESTIONNAIRE_FILE

    @property
    def responses_dir(self) -> Path:
        return self.path / RESPONSES_DIR

    def check_output(self, path: Path) -> None:
        """Refuse to write an export or a report over this workshop's own files."""
        target = Path(path).resolve()
        if target in (self.workshop_file.resolve(), self.questionnaire_file.resolve()) or (
            target.parent == self.responses_dir.resolve()
        ):
            raise InputError(f"is among the workshop's own files ({WORKSHOP_FILE}, {QUESTIONNAIRE_FILE}, "
                             f"{RESPONSES_DIR}/); write the output somewhere else", file=path)

    def check_responses_dir(self) -> None:
        if self.responses_dir.exists() and not self.responses_dir.is_dir():
            raise InputError("is a file; it must be the folder of response files", file=self.responses_dir)

    def response_file(self, participant_id: str) -> Path:
        return self.responses_dir / f"{participant_id}.toml"

    # creation
    @classmethod
    def create(
        cls,
        root: Path,
        *,
        name: str,
        organisation: str,
        participants: list[tuple[str, str]],
        language: str = "fr",
        date: dt.date | None = None,
        anonymous: bool = False,
        questionnaire_path: Path | None = None,
        folder_name: str | None = None,
    ) -> "WorkshopFolder":
        """Create a new workshop folder under ``root``; ``participants`` are (name, role) pairs."""
        from cxalign.resources import reference_questionnaire_path

        source = Path(questionnaire_path) if questionnaire_path else reference_questionnaire_path()
        questionnaire = load_questionnaire(source)
        root = Path(root)
        people: list[dict[str, str]] = []
        for person_name, role in participants:
            pid = unique_id(slugify(person_name, fallback="participant"), {p["id"] for p in people})
            people.append({"id": pid, "name": person_name, "role": role})
        data = {
            "format_version": FORMAT_VERSION, "name": name, "organisation": organisation,
            "date": date or dt.date.today(), "language": language, "anonymous": anonymous,
            "questionnaire": {"id": questionnaire.id, "version": questionnaire.version, "hash": file_hash(source)},
            "participants": people,
        }
        try:  # nothing is written before the whole workshop is valid
            workshop = Workshop.model_validate(data)
        except ValidationError as exc:
            raise InputErrors([
                InputError(f"{err['msg'].removeprefix('Value error, ')} (got {_shorten(err.get('input'))})", field=_loc(err["loc"]))
                for err in exc.errors(include_url=False)
            ]) from None
        if root.exists() and not root.is_dir():
            raise InputError("is a file, not a folder", file=root)
        try:
            root.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise InputError(f"cannot create the folder: {exc.strerror}", file=root) from None
        taken = {p.name for p in root.iterdir()}
        folder = root / unique_id(folder_name or slugify(name, fallback="workshop"), taken)
        folder.mkdir()
        (folder / RESPONSES_DIR).mkdir()
        atomic_write(folder / QUESTIONNAIRE_FILE, source.read_bytes())
        save_model(workshop, folder / WORKSHOP_FILE)
        return cls(folder)

    # workshop
    def load(self) -> Workshop:
        if not self.workshop_file.is_file():
            raise InputError(f"not a workshop folder (no {WORKSHOP_FILE})", file=self.path)
        return load_model(Workshop, self.workshop_file)

    def save(self, workshop: Workshop) -> None:
        save_model(workshop, self.workshop_file)

    @property
    def questionnaire(self) -> Questionnaire:
        if self._questionnaire is None:
            workshop = self.load()
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
        return self._questionnaire

    # responses
    def new_response(self, participant_id: str, *, workshop: Workshop | None = None) -> Response:
        return Response(
            format_version=FORMAT_VERSION,
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
        response = load_model(Response, path)
        self.check_response(response, path, workshop=workshop)
        return response

    def check_response(self, response: Response, path: Path, *, workshop: Workshop | None = None) -> None:
        workshop = workshop or self.load()
        problems: list[InputError] = []
        if workshop.participant(response.participant) is None:
            problems.append(InputError(f"unknown participant {response.participant!r}", file=path, field="participant"))
        elif path.stem != response.participant:
            problems.append(InputError(f"file is named {path.stem!r} but holds participant {response.participant!r}", file=path, field="participant"))
        if response.questionnaire_hash != workshop.questionnaire.hash:
            problems.append(InputError("answers were given to another version of the questionnaire", file=path, field="questionnaire_hash"))
        problems += [InputError(msg, file=path, field=field) for field, msg in response_problems(response, self.questionnaire)]
        if problems:
            raise InputErrors(problems)

    def save_response(self, response: Response) -> None:
        self.check_responses_dir()
        self.responses_dir.mkdir(exist_ok=True)
        save_model(response, self.response_file(response.participant))

    def responses(self) -> dict[str, Response]:
        """Every participant's saved response (participants with no file are left out)."""
        found: dict[str, Response] = {}
        workshop = self.load()
        self.check_responses_dir()
        for participant in workshop.participants:
            path = self.response_file(participant.id)
            if path.exists() or path.is_symlink():  # a dangling link is reported, not skipped
                found[participant.id] = self.load_response(participant.id, workshop=workshop)
        return found

    def readable_responses(self, workshop: Workshop | None = None) -> tuple[dict[str, Response], list[Unreadable]]:
        """Every participant's response that can be read, and the files that could not.

        One participant's broken file never blocks the others: the analysis,
        the report and the results screen use this and say which file was left
        out and why; ``validate`` still refuses the workshop.
        """
        found: dict[str, Response] = {}
        left_out: list[Unreadable] = []
        workshop = workshop or self.load()
        self.check_responses_dir()
        for participant in workshop.participants:
            path = self.response_file(participant.id)
            if path.exists() or path.is_symlink():
                try:
                    found[participant.id] = self.load_response(participant.id, workshop=workshop)
                except InputError as exc:
                    left_out.append(Unreadable(path=path, participant=participant.id, reason=str(exc)))
        return found, left_out

    def stray_responses(self, workshop: Workshop | None = None) -> list[Path]:
        """Response files of nobody in the workshop (a participant removed by hand, a renamed file)."""
        if not self.responses_dir.is_dir():
            return []
        known = {p.id for p in (workshop or self.load()).participants}
        return [path for path in sorted(self.responses_dir.glob("*.toml")) if path.stem not in known]

    def lock(self, participant_id: str) -> ParticipantLock:
        self.check_responses_dir()
        self.responses_dir.mkdir(exist_ok=True)
        return ParticipantLock(self.responses_dir / f"{participant_id}.lock", participant_id)

    def is_locked(self, participant_id: str) -> bool:
        return (self.responses_dir / f"{participant_id}.lock").exists()

    def remove_participant_files(self, participant_id: str) -> None:
        """Delete a participant's response (used when a participant is removed)."""
        with contextlib.suppress(FileNotFoundError):
            self.response_file(participant_id).unlink()
