"""Reading response files fast, without giving up one readable TOML file per participant.

The TOML files stay the source of truth. Parsing 10,000 of them with
``tomllib`` is most of the time ``analyze`` takes, so the bulk readers
(:meth:`WorkshopFolder.responses`, :meth:`~WorkshopFolder.readable_responses`)
keep a derived cache, ``<workshop>/.responses-cache.json``: for each response
file, its size, modification and change times (ns), inode and device, and the
response as JSON (fields at their default left out: a third of the size, and
half the validation time, for the same model). An entry is used only when all of these still match the file
on disk, and even then it is validated again by the same strict pydantic model
as the file (never unpickled, never trusted as it is); any mismatch, damage or
version change means the TOML file is read instead. The cache is rewritten
(atomically) only when something changed, and never when the folder is
read-only. Deleting it is always safe.

An entry may also remember that its response passed the questionnaire's rules
(:func:`cxalign.validation.response_problems`, a third of a warm read): the
mark is an HMAC-SHA256 of the questionnaire's hash, the file name, the tag and
the entry, under a random key kept in the user's own cache folder (mode 0600),
never in the workshop. A cache copied, edited or forged in the folder carries
no valid mark, so its responses are checked again; another user of a shared
folder has another key and simply checks again.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from cxalign import __version__
from cxalign.models.common import FILE_CONTEXT, RESPONSE_FORMAT_VERSION
from cxalign.models.response import Response
from cxalign.store.files import atomic_write, load_model

CACHE_FILE = ".responses-cache.json"
#: Entries of another cxalign (or response format) are ignored: the model may have changed.
_TAG = f"cxalign {__version__} responses {RESPONSE_FORMAT_VERSION}"
#: A cache larger than this is ignored (it is derived; the files are there).
_MAX_CACHE_BYTES = 512 * 2**20


_KEY_BYTES = 32


def _signing_key() -> bytes | None:
    """This user's key for the marks, created on first use (mode 0600, in the user's cache
    folder); None when it cannot be had safely (then no mark is trusted or written)."""
    from platformdirs import user_cache_path

    path = user_cache_path("cxalign", appauthor=False) / "responses-cache.key"
    nofollow = getattr(os, "O_NOFOLLOW", 0)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | nofollow, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "wb") as handle:
                handle.write(secrets.token_bytes(_KEY_BYTES))
                handle.flush()
                os.fsync(handle.fileno())
        with os.fdopen(os.open(path, os.O_RDONLY | nofollow), "rb") as handle:
            status = os.fstat(handle.fileno())
            key = handle.read(_KEY_BYTES + 1)
    except OSError:
        return None
    if len(key) != _KEY_BYTES or status.st_mode & 0o077 or status.st_uid != getattr(os, "getuid", lambda: status.st_uid)():
        return None  # being written by another process, or readable by others: check as usual
    return key


def load_response_file(path: Path) -> Response:
    """The response in ``path``, strictly validated; errors name the file and the field."""
    return load_model(Response, path)


def _key(status: os.stat_result) -> list[int]:
    return [status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino, status.st_dev]


class ResponseCache:
    """The derived cache of one workshop's parsed responses; see the module's notes.

    ``questionnaire_hash``: the workshop's questionnaire, for the marks of responses that
    passed its rules (:meth:`checked`, :meth:`mark_checked`); None keeps no marks.
    """

    def __init__(self, folder: Path, questionnaire_hash: str | None = None):
        self.path = Path(folder) / CACHE_FILE
        self._old: dict[str, Any] = self._read()
        self._new: dict[str, list] = {}
        self._changed = False
        self.hits = 0
        self._questionnaire = questionnaire_hash
        self._key = _signing_key() if questionnaire_hash else None

    def _mark(self, name: str, payload: str) -> str:
        assert self._key is not None and self._questionnaire is not None
        message = "\0".join((_TAG, self._questionnaire, name, payload)).encode()
        return hmac.new(self._key, message, hashlib.sha256).hexdigest()

    def checked(self, path: Path) -> bool:
        """True when the entry just used for ``path`` carries this user's mark that it passed
        the questionnaire's rules (its response need not be checked against them again)."""
        entry = self._new.get(path.name)
        if self._key is None or entry is None or len(entry) != 3 or not isinstance(entry[2], str):
            return False
        return hmac.compare_digest(entry[2], self._mark(path.name, entry[1]))

    def mark_checked(self, path: Path) -> None:
        """Remember that the response read for ``path`` passed the questionnaire's rules."""
        entry = self._new.get(path.name)
        if self._key is not None and entry is not None:
            self._new[path.name] = [entry[0], entry[1], self._mark(path.name, entry[1])]
            self._changed = True

    def _read(self) -> dict[str, Any]:
        try:
            if os.stat(self.path).st_size > _MAX_CACHE_BYTES:
                return {}
            with open(self.path, "rb") as handle:
                data = json.loads(handle.read())
        except (OSError, ValueError, RecursionError):
            return {}
        if not isinstance(data, dict) or data.get("tag") != _TAG or not isinstance(data.get("entries"), dict):
            return {}
        return data["entries"]

    def load(self, path: Path) -> Response:
        """The response in ``path``: from the cache when the file is unchanged, else parsed from the file."""
        try:
            key = _key(os.stat(path))
        except OSError:
            return load_response_file(path)  # names the problem (missing, dangling link …)
        entry = self._old.get(path.name)
        if isinstance(entry, list) and len(entry) in (2, 3) and entry[0] == key and isinstance(entry[1], str):
            try:
                response = Response.model_validate_json(entry[1], strict=True, context=FILE_CONTEXT)
            except ValidationError:
                pass  # a damaged entry: the file decides
            else:
                self._new[path.name] = entry
                self.hits += 1
                return response
        response = load_response_file(path)
        try:
            unchanged = _key(os.stat(path)) == key  # not rewritten while we read it
        except OSError:
            unchanged = False
        if unchanged:
            self._new[path.name] = [key, response.model_dump_json(exclude_defaults=True)]
            self._changed = True
        return response

    def save(self) -> None:
        """Write the cache if an entry was added or dropped; a folder that cannot take it is fine."""
        if not self._changed and self._new.keys() == self._old.keys():
            return
        try:
            atomic_write(self.path, json.dumps({"tag": _TAG, "entries": self._new}, separators=(",", ":")).encode())
        except Exception:  # noqa: BLE001 - read-only folder, full disk …: the cache is only an optimisation
            return
