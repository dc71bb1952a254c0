"""One browser connection = one ``cxalign`` child process, supervised.

Built on textual-serve's :class:`~textual_serve.app_service.AppService` (its
packet protocol between the page and a Textual app run with the web driver),
with what a workshop room needs on top:

- the child is started **without a shell** (an argument list), in its own
  session, and — on Linux — receives SIGHUP if the server itself dies;
- it is ended with **SIGHUP** (the app saves what is typed and unlocks), then
  SIGTERM, then SIGKILL, each after a grace period;
- a child that fails to start or dies is reported to the page (its error
  text), never left as an endless spinner.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import json
import os
import signal
import sys
import time
from collections.abc import Awaitable, Callable, Sequence

from textual_serve.app_service import AppService

#: Seconds a child has to save and exit after SIGHUP, then after SIGTERM.
HANGUP_GRACE = 10.0
TERM_GRACE = 2.0
#: At most this long is spent letting the app handle keys already sent before it is hung up.
SETTLE_LIMIT = 6.0
#: … and the app must have been quiet this long (keys still in flight arrive meanwhile).
SETTLE_QUIET = 0.2


def _die_with_parent() -> None:  # pragma: no cover - runs in the child between fork and exec
    """Linux: the kernel sends SIGHUP to the child when the server dies, even by SIGKILL."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGHUP)  # PR_SET_PDEATHSIG
    except Exception:
        pass


class ChildSession(AppService):
    """A supervised ``cxalign`` child for one websocket."""

    def __init__(self, argv: Sequence[str], *, on_end: Callable[["ChildSession"], Awaitable[None]],
                 env: dict[str, str] | None = None, **kwargs):
        super().__init__(" ".join(argv), **kwargs)
        self.argv = list(argv)
        self.extra_env = env or {}
        self.on_end = on_end
        self.started = False  # the app printed its prelude and its first screen
        self.ending = False
        self.stderr_text = ""
        self.returncode: int | None = None
        self.last_input = 0.0  # monotonic time of the last keys sent to the child
        self.last_output = 0.0  # … and of the last screen update it sent back

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        env = super()._build_environment(width, height)
        env.pop("TEXTUAL", None)
        env.update(self.extra_env)
        return env

    async def _open_app_process(self, width: int = 80, height: int = 24):
        environment = self._build_environment(width=width, height=height)
        self._process = process = await asyncio.create_subprocess_exec(
            *self.argv,
            stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
            env=environment, start_new_session=True,
            preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None,
        )
        self._stdin = process.stdin
        return process

    async def send_bytes(self, data: bytes) -> bool:
        self.last_input = time.monotonic()
        return await super().send_bytes(data)

    async def settle(self, limit: float = SETTLE_LIMIT) -> None:
        """Wait until the app has answered the last keys sent (its screen updated after them).

        Keys still in the app's input queue when SIGHUP arrives would not be in what it
        saves; the echo coming back proves they were handled.
        """
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline and self._process is not None and self._process.returncode is None:
            now = time.monotonic()
            if self.last_output >= self.last_input and now - self.last_output >= SETTLE_QUIET:
                return
            await asyncio.sleep(0.05)

    async def on_data(self, payload: bytes) -> None:
        self.started = True
        self.last_output = time.monotonic()
        with contextlib.suppress(ConnectionResetError, RuntimeError):
            await self.remote_write_bytes(payload)

    async def on_meta(self, data: bytes) -> None:
        with contextlib.suppress(ValueError, AttributeError):
            if json.loads(data).get("type") == "exit":
                return  # the page is told once the process is gone (see ``on_end``), not closed bare here
        with contextlib.suppress(ConnectionResetError, RuntimeError):
            await super().on_meta(data)

    async def run(self) -> None:
        """Relay the child's packets to the page until it exits, then report how it ended."""
        process = self._process
        assert process is not None and process.stdout is not None and process.stderr is not None
        stdout, stderr = process.stdout, process.stderr
        errors = io.BytesIO()

        async def read_stderr() -> None:
            while data := await stderr.read(4096):
                if errors.tell() < 64 * 1024:
                    errors.write(data)

        stderr_task = asyncio.create_task(read_stderr())
        try:
            for _ in range(50):  # the web driver's prelude; anything printed before it is an error
                line = await stdout.readline()
                if not line or line == b"__GANGLION__\n":
                    break
                errors.write(line)
            while True:
                kind = await stdout.readexactly(1)
                size = int.from_bytes(await stdout.readexactly(4), "big")
                payload = await stdout.readexactly(size)
                if kind == b"D":
                    await self.on_data(payload)
                elif kind == b"M":
                    await self.on_meta(payload)
                elif kind == b"P":
                    await self.on_packed(payload)
        except (asyncio.IncompleteReadError, ConnectionResetError, asyncio.CancelledError):
            pass
        finally:
            self.returncode = await process.wait()
            with contextlib.suppress(asyncio.CancelledError):
                await stderr_task
            self.stderr_text = errors.getvalue().decode("utf-8", "replace")
            self._exit_event.set()
            await self.on_end(self)

    async def start(self, width: int, height: int) -> None:
        await self._open_app_process(width, height)
        self._task = asyncio.create_task(self.run())

    def _signal(self, signum: int) -> None:
        with contextlib.suppress(ProcessLookupError):
            if self._process is not None and self._process.returncode is None:
                os.kill(self._process.pid, signum)

    async def stop(self, hangup_grace: float = HANGUP_GRACE, term_grace: float = TERM_GRACE) -> None:
        """SIGHUP (save and unlock), then SIGTERM, then SIGKILL; returns when the child is gone."""
        self.ending = True
        process = self._process
        if process is None:
            return
        if self.started:
            await self.settle()
        for signum, grace in ((signal.SIGHUP, hangup_grace), (signal.SIGTERM, term_grace), (signal.SIGKILL, None)):
            if process.returncode is not None:
                break
            self._signal(signum)
            try:
                await asyncio.wait_for(process.wait(), grace)
            except asyncio.TimeoutError:
                continue
        await process.wait()
        if self._task is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
