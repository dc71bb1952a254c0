"""Locks whose release the kernel guarantees: ``fcntl.flock`` on an open file descriptor.

A lock is held for as long as its process keeps the file open, and the
kernel drops it when the process dies, however it dies (``kill -9`` too), so
there is no stale lock to detect or take over. The file's content (process,
host, time) is written only so that a refusal can say who holds the lock; an
empty, garbage or absurd content never blocks anyone.

- :class:`ParticipantLock` — one participant's questionnaire is open in one
  place only (``responses/<id>.lock``, removed on release).
- :class:`WorkshopLock` — every read-modify-write of ``workshop.toml`` (and an
  import's commit) happens under it (``workshop.lock``, never removed, so all
  processes always lock the same file). It waits for the holder instead of
  refusing, and is re-entrant inside one process.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import socket
import threading
import time
from pathlib import Path
from typing import Any

from cxalign.errors import InputError, LockedError, printable


def _now_iso() -> str:
    from cxalign.store.files import now

    return now().isoformat()


def _open_lock_file(path: Path) -> int:
    # O_NOFOLLOW: a link planted at the lock's name is refused, never followed.
    return os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)


def _same_file(fd: int, path: Path) -> bool:
    """True when ``fd`` is still the file at ``path`` (not one unlinked by a releasing holder)."""
    try:
        on_disk = os.stat(path, follow_symlinks=False)
    except FileNotFoundError:
        return False
    mine = os.fstat(fd)
    return (mine.st_dev, mine.st_ino) == (on_disk.st_dev, on_disk.st_ino)


def read_holder(path: Path) -> dict[str, Any]:
    """Who holds a lock, as written in its file; ``{}`` when unreadable, empty or garbage."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read(4096)
        holder = json.loads(raw.decode("utf-8"))
    except (OSError, ValueError):
        return {}
    return holder if isinstance(holder, dict) else {}


def describe_holder(holder: dict[str, Any]) -> str:
    if not holder:
        return ""
    parts = [f"process {holder.get('pid')}", f"on {holder.get('host')}", f"since {holder.get('since')}"]
    return printable(" (" + " ".join(str(p)[:80] for p in parts) + ")")


def _write_holder(fd: int) -> None:
    info = json.dumps({"pid": os.getpid(), "host": socket.gethostname(), "since": _now_iso()}).encode()
    os.ftruncate(fd, 0)
    os.pwrite(fd, info, 0)


class ParticipantLock:
    """An exclusive lock for one participant's questionnaire; refused at once when held elsewhere."""

    def __init__(self, path: Path, participant: str):
        self.path = Path(path)
        self.participant = participant
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> "ParticipantLock":
        if self._fd is not None:
            return self
        for _ in range(50):  # a holder releasing between our open and our flock: open again
            try:
                fd = _open_lock_file(self.path)
            except OSError as exc:
                raise LockedError(f"cannot open the lock file: {exc.strerror}", file=self.path) from None
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                raise LockedError(self._refusal(), file=self.path) from None
            if _same_file(fd, self.path):
                _write_holder(fd)
                self._fd = fd
                return self
            os.close(fd)  # we locked a file its holder had just unlinked
        raise LockedError(self._refusal(), file=self.path)  # pragma: no cover - endless churn

    def _refusal(self) -> str:
        where = describe_holder(read_holder(self.path))
        return (
            f"participant {self.participant!r} is already being filled in{where}; "
            "close it there first"
        )

    def release(self) -> None:
        if self._fd is None:
            return
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.path)  # while still holding it: the next taker opens a fresh file
        os.close(self._fd)
        self._fd = None

    def __enter__(self) -> "ParticipantLock":
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()

    def __del__(self) -> None:  # pragma: no cover - a forgotten lock still ends with its object
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._fd)


def is_held(path: Path) -> bool:
    """True when some process holds the lock at ``path`` (a left-over file nobody holds is not)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
    return False


class WorkshopLock:
    """The exclusive lock around every change to ``workshop.toml``; waits for its holder, up to ``timeout``."""

    _held: dict[str, tuple[int, int]] = {}  # resolved path -> (fd, depth), for re-entrance in one process
    _mutex = threading.RLock()

    def __init__(self, path: Path, *, timeout: float = 60.0):
        self.path = Path(path)
        self.timeout = timeout

    def _key(self) -> str:
        return str(self.path.resolve())

    def __enter__(self) -> "WorkshopLock":
        self._mutex.acquire()
        try:
            key = self._key()
            if key in self._held:
                fd, depth = self._held[key]
                self._held[key] = (fd, depth + 1)
                return self
            try:
                fd = _open_lock_file(self.path)
            except OSError as exc:
                raise InputError(f"cannot open the workshop lock: {exc.strerror}", file=self.path) from None
            deadline = time.monotonic() + self.timeout
            delay = 0.005
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        holder = describe_holder(read_holder(self.path))
                        os.close(fd)
                        raise LockedError(f"the workshop is busy{holder}; try again", file=self.path) from None
                    time.sleep(delay)
                    delay = min(delay * 2, 0.1)
            _write_holder(fd)
            self._held[key] = (fd, 1)
            return self
        except BaseException:
            self._mutex.release()
            raise

    def __exit__(self, *exc: object) -> None:
        try:
            key = self._key()
            fd, depth = self._held[key]
            if depth > 1:
                self._held[key] = (fd, depth - 1)
            else:
                del self._held[key]
                os.close(fd)  # closing drops the flock
        finally:
            self._mutex.release()
