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
"""

from __future__ import annotations

import json
import os
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


def load_response_file(path: Path) -> Response:
    """The response in ``path``, strictly validated; errors name the file and the field."""
    return load_model(Response, path)


def _key(status: os.stat_result) -> list[int]:
    return [status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino, status.st_dev]


class ResponseCache:
    """The derived cache of one workshop's parsed responses; see the module's notes."""

    def __init__(self, folder: Path):
        self.path = Path(folder) / CACHE_FILE
        self._old: dict[str, Any] = self._read()
        self._new: dict[str, list] = {}
        self._changed = False
        self.hits = 0

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
        if isinstance(entry, list) and len(entry) == 2 and entry[0] == key and isinstance(entry[1], str):
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
