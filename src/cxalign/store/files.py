"""File primitives: read a file, parse TOML into a model, write atomically, hash, names.

Every failure to read becomes an :class:`~cxalign.errors.InputError` naming the
file (and the field, for a model); every write goes to a temporary file created
with ``O_EXCL``/``O_NOFOLLOW`` beside its target, flushed to disk and renamed
over it, so a reader sees the old file or the new one, never half of one.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import re
import stat
import tempfile
import tomllib
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import tomli_w
from pydantic import BaseModel, ValidationError

from cxalign.errors import InputError, from_validation
from cxalign.models.common import FILE_CONTEXT

M = TypeVar("M", bound=BaseModel)

#: The largest file cxalign reads (a 10,000-respondent CSV is about 15 MB).
MAX_INPUT_BYTES = 256 * 2**20


# -- reading ----------------------------------------------------------------------

def read_bytes(path: Path) -> bytes:
    """A file's bytes; every failure becomes an :class:`InputError` naming the file."""
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
    return raw


def decode(raw: bytes, path: Path, encoding: str = "utf-8") -> str:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text (byte {exc.start})", file=path) from None


def read_text(path: Path, encoding: str = "utf-8") -> str:
    """A text file's content; every failure becomes an :class:`InputError` naming the file."""
    return decode(read_bytes(path), Path(path), encoding)


def parse_toml(text: str, path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"invalid TOML: {exc}", file=path) from None
    except RecursionError:  # thousands of nested arrays or tables
        raise InputError("invalid TOML: nested too deeply", file=path) from None


def read_toml(path: Path) -> dict[str, Any]:
    """Parse a TOML file; every failure becomes an :class:`InputError` naming the file."""
    return parse_toml(read_text(path), Path(path))


def parse_model(model: type[M], data: dict[str, Any], path: Path) -> M:
    """Validate ``data`` read from ``path`` as ``model``, strictly: errors name the file and each field.

    Strict: ``anonymous = "yes"`` or ``min_group_size = "5"`` are refused, not
    coerced; control characters in text are refused (they are stripped from
    what people type, so a file holding them was not written by cxalign).
    """
    try:
        return model.model_validate(data, strict=True, context=FILE_CONTEXT)
    except ValidationError as exc:
        raise from_validation(exc, file=path) from None
    except RecursionError:
        raise InputError("nested too deeply", file=path) from None


def validate_model(model: type[M], data: dict[str, Any], *, file: Path | None = None) -> M:
    """Validate ``data`` typed by a person (arguments, a form): control characters are stripped."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise from_validation(exc, file=file, show_input=True) from None


# -- format versions --------------------------------------------------------------

#: ``MIGRATIONS[kind][v]`` turns the data of format ``v`` into format ``v + 1``.
Migration = Callable[[dict[str, Any]], dict[str, Any]]


def _workshop_1_to_2(data: dict[str, Any]) -> dict[str, Any]:
    # Format 2 lets participants carry a group; a format-1 file has none to convert.
    return {**data, "format_version": 2}


MIGRATIONS: dict[str, dict[int, Migration]] = {"workshop": {1: _workshop_1_to_2}}


def check_format_version(data: dict[str, Any], path: Path, *, kind: str = "response") -> dict[str, Any]:
    """Refuse files from a newer cxalign; migrate older ones to the current format of ``kind``."""
    from cxalign.models.common import QUESTIONNAIRE_FORMAT_VERSION, RESPONSE_FORMAT_VERSION, WORKSHOP_FORMAT_VERSION

    current = {"workshop": WORKSHOP_FORMAT_VERSION, "response": RESPONSE_FORMAT_VERSION,
               "questionnaire": QUESTIONNAIRE_FORMAT_VERSION}[kind]
    version = data.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise InputError("required integer field is missing or not an integer", file=path, field="format_version")
    if version > current:
        raise InputError(
            f"written by a newer cxalign (format {version}; this one reads up to {current}); upgrade cxalign",
            file=path, field="format_version",
        )
    if version < 1:
        raise InputError(f"format {version} is not a cxalign format (the first is 1)", file=path, field="format_version")
    while version < current:
        data = MIGRATIONS[kind][version](data)
        version = data["format_version"]
    return data


def model_kind(model: type[BaseModel]) -> str:
    name = model.__name__.lower()
    return name if name in ("workshop", "questionnaire") else "response"


def load_model(model: type[M], path: Path) -> M:
    return parse_model(model, check_format_version(read_toml(path), path, kind=model_kind(model)), path)


def file_hash(path: Path) -> str:
    return "sha256:" + hashlib.sha256(read_bytes(path)).hexdigest()


# -- writing ----------------------------------------------------------------------

def dump_toml(model: BaseModel) -> bytes:
    return tomli_w.dumps(model.model_dump(mode="python", exclude_none=True)).encode("utf-8")


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _current_umask()


def fsync_dir(folder: Path) -> None:
    """Make a rename or a creation in ``folder`` durable."""
    with contextlib.suppress(OSError):
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def temp_file(folder: Path, hint: str = "") -> tuple[int, str]:
    """A new temporary file in ``folder``, opened with ``O_EXCL`` (``mkstemp``: a planted file or link is never opened).

    Its name stays short whatever ``hint`` is, so a target of 250 characters works.
    """
    prefix = "." + hint[:40] + "." if hint else ".cxalign-"
    return tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=folder)


def reserve_temp(path: Path) -> Path:
    """A new empty temporary file beside ``path`` (``O_EXCL``, short name), for a writer that wants a path.

    It gets the permissions a new file would get; the caller renames it over
    ``path`` when done, or deletes it.
    """
    path = Path(path)
    fd, tmp = temp_file(path.parent, path.name)
    try:
        os.fchmod(fd, 0o666 & ~_UMASK)
    finally:
        os.close(fd)
    return Path(tmp)


def write_durably(fd: int, data: bytes) -> None:
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old or the new file, never half.

    The temporary file is created exclusively beside ``path`` (never through a
    link someone planted), removed if anything fails, and renamed over ``path``;
    a link at ``path`` itself is replaced, not followed.
    """
    path = Path(path)
    try:
        status = path.stat()  # through a link: /dev/stdout is a link to the terminal or the pipe
    except (FileNotFoundError, NotADirectoryError):
        status = None
    if status is not None and (stat.S_ISCHR(status.st_mode) or stat.S_ISFIFO(status.st_mode)):
        # A device or a pipe (/dev/stdout, /dev/null): write into it; renaming over it would
        # replace the device itself.
        try:
            with path.open("wb") as handle:
                handle.write(data)
        except OSError as exc:  # /dev/full, a pipe closed by its reader …
            raise InputError(f"cannot write: {exc.strerror or exc}", file=path) from None
        return
    if status is not None and stat.S_ISREG(status.st_mode):
        mode = status.st_mode & 0o777  # keep the permissions of the file we replace
    else:
        mode = 0o666 & ~_UMASK  # a new file gets the usual permissions, not mkstemp's 0600
    fd, tmp = temp_file(path.parent, path.name)
    try:
        os.fchmod(fd, mode)
        write_durably(fd, data)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    fsync_dir(path.parent)


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
