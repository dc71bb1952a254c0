"""A Python client for the workshop room's websocket, as the browser page speaks it.

Used by the tests and ``benchmarks/serve_load.py`` to drive real sessions
without a browser: the page's JSON envelopes (``["stdin", text]``,
``["resize", {...}]``) up, terminal bytes and the room's notices down.
"""

from __future__ import annotations

import asyncio
import json
import re
import time

import aiohttp

_ESCAPES = re.compile(r"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b[=>78]")


class RoomClient:
    def __init__(self, http: aiohttp.ClientSession, ws_url: str, *, origin: str | None = None):
        self.http = http
        self.ws_url = ws_url
        self.origin = origin
        self.ws: aiohttp.ClientWebSocketResponse | None = None
        self.raw = bytearray()
        self.notice: dict | None = None
        self.close_code: int | None = None
        self._reader: asyncio.Task | None = None
        self._frame = asyncio.Event()
        self.frames: list[tuple[float, bytes]] = []

    @property
    def text(self) -> str:
        """Everything the app wrote, escape sequences removed (enough to look for words)."""
        return _ESCAPES.sub("", self.raw.decode("utf-8", "replace"))

    async def connect(self, width: int = 110, height: int = 36) -> "RoomClient":
        headers = {"Origin": self.origin} if self.origin else {}
        self.ws = await self.http.ws_connect(f"{self.ws_url}?width={width}&height={height}", headers=headers,
                                             max_msg_size=0)
        await self.ws.send_str(json.dumps(["resize", {"width": width, "height": height}]))
        self._reader = asyncio.create_task(self._read())
        return self

    async def _read(self) -> None:
        assert self.ws is not None
        async for message in self.ws:
            if message.type == aiohttp.WSMsgType.BINARY:
                self.raw += message.data
                self.frames.append((time.perf_counter(), message.data))
                self._frame.set()
            elif message.type == aiohttp.WSMsgType.TEXT:
                data = json.loads(message.data)
                if data[0] == "cxalign":
                    self.notice = data[1]
        self.close_code = self.ws.close_code
        self._frame.set()

    @property
    def closed(self) -> bool:
        return self._reader is not None and self._reader.done()

    async def wait_for(self, predicate, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while not predicate():
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(f"waited {timeout}s; screen so far: {self.text[-600:]!r}; notice {self.notice}")
            if self.closed and not predicate():
                raise ConnectionError(f"closed ({self.close_code}, {self.notice}); screen: {self.text[-600:]!r}")
            self._frame.clear()
            try:
                await asyncio.wait_for(self._frame.wait(), min(remaining, 0.5))
            except asyncio.TimeoutError:
                pass

    async def frame_with(self, data: bytes, since: int, timeout: float = 5.0) -> float | None:
        """When the first screen update from ``frames[since:]`` carrying ``data`` arrived
        (``time.perf_counter()``), waiting for it without polling; None after ``timeout``."""
        deadline = time.monotonic() + timeout
        while True:
            for at, frame in self.frames[since:]:
                if data in frame:
                    return at
            since = len(self.frames)
            remaining = deadline - time.monotonic()
            if remaining <= 0 or self.closed:
                return None
            self._frame.clear()
            try:
                await asyncio.wait_for(self._frame.wait(), remaining)
            except asyncio.TimeoutError:
                pass

    async def wait_text(self, words: str, timeout: float = 30.0) -> None:
        await self.wait_for(lambda: words in self.text, timeout)

    async def wait_closed(self, timeout: float = 30.0) -> None:
        await self.wait_for(lambda: self.closed, timeout)

    async def send(self, keys: str) -> None:
        assert self.ws is not None
        await self.ws.send_str(json.dumps(["stdin", keys]))

    async def focus(self) -> None:
        """What the page says when its terminal gets the keyboard (a click, or the page opening)."""
        assert self.ws is not None
        await self.ws.send_str(json.dumps(["focus"]))

    async def type(self, text: str, delay: float = 0.0) -> None:
        for ch in text:
            await self.send(ch)
            if delay:
                await asyncio.sleep(delay)

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()
        if self._reader is not None:
            await asyncio.gather(self._reader, return_exceptions=True)


def child_pids(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (Linux ``/proc``): the sessions a server started."""
    from pathlib import Path

    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    found.append(int(entry.name))
            except (OSError, ValueError, IndexError):
                pass
    return found
