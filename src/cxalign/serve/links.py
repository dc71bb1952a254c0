"""Personal links: one unguessable token per participant, kept in the workshop folder.

The tokens live in ``<workshop>/.serve-links.json``, a file only its owner can
read (mode 0600), never in ``workshop.toml``, an export or a report. They
survive a server restart (an executive may answer over several days), so
``--print-links`` prints the same links again; :func:`reissue` revokes them.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
from pathlib import Path

LINKS_FILE = ".serve-links.json"
#: The facilitator's id in the links file and in ``--print-links``.
FACILITATOR = "facilitator"


def links_path(workshop: Path) -> Path:
    return Path(workshop) / LINKS_FILE


def new_token() -> str:
    return secrets.token_urlsafe(24)  # 192 bits, URL-safe


def _read(path: Path) -> dict[str, str]:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except FileNotFoundError:
        return {}
    with os.fdopen(fd, "rb") as handle:
        try:
            data = json.loads(handle.read(1 << 20) or b"{}")
        except ValueError:
            return {}
    tokens = data.get("tokens", {}) if isinstance(data, dict) else {}
    return {str(k): str(v) for k, v in tokens.items() if isinstance(v, str) and len(v) >= 20}


def _write(path: Path, tokens: dict[str, str]) -> None:
    """Atomic, and 0600 from the first byte (the temporary file is created so)."""
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump({"format_version": 1, "tokens": tokens}, handle, indent=1, sort_keys=True)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def load_tokens(workshop: Path, participants: list[str]) -> dict[str, str]:
    """``{id: token}`` for every participant and the facilitator, creating the missing ones."""
    path = links_path(workshop)
    tokens = _read(path)
    wanted = [*participants, FACILITATOR]
    changed = False
    for pid in wanted:
        if pid not in tokens:
            tokens[pid] = new_token()
            changed = True
    if changed or (path.exists() and path.stat().st_mode & 0o077):
        _write(path, tokens)
    return {pid: tokens[pid] for pid in wanted}


def reissue(workshop: Path, participants: list[str], only: str | None = None) -> dict[str, str]:
    """Revoke and reissue every token (or only ``only``'s); returns the new tokens."""
    path = links_path(workshop)
    tokens = _read(path)
    for pid in [*participants, FACILITATOR]:
        if only is None or pid == only:
            tokens[pid] = new_token()
    _write(path, tokens)
    return load_tokens(workshop, participants)
