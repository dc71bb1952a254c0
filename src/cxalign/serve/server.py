"""The workshop room's web server: personal links, one supervised child per connection.

Routes (anything else is 404, ``/`` included)::

    /<token>                  a participant's page (textual-serve's xterm.js page), or the facilitator's progress page
    /<token>/ws               the participant's websocket: their own ``cxalign fill`` and nothing else
    /<facilitator>/status.json      progress rows (never an answer)
    /<facilitator>/interface(/ws)   the normal cxalign interface on this workshop (results, export)
    /static/<file>            the page's assets, served locally from a fixed list (no directory listing)
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import jinja2
from aiohttp import WSMsgType, web

from cxalign.i18n import catalog, tr
from cxalign.serve.links import FACILITATOR, load_tokens
from cxalign.serve.progress import progress
from cxalign.serve.session import HANGUP_GRACE, ChildSession
from cxalign.store import WorkshopFolder

AREA = "serve"
_HERE = Path(__file__).resolve().parent
_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07|[\x00-\x08\x0b-\x1f\x7f]")
#: A websocket close code per reason the server ends a page's session.
CLOSE_CODES = {"ended": 4000, "taken_over": 4001, "error": 4002, "server_stopped": 4003}
MAX_STDIN = 64 * 1024
#: A child that has not painted its first screen by then is ended and the page says so.
START_TIMEOUT = 90.0


def _static_files() -> dict[str, Path]:
    """The only files /static/ serves: textual-serve's own assets (font included) and ours."""
    import textual_serve

    files: dict[str, Path] = {}
    for root in (Path(textual_serve.__file__).resolve().parent / "static", _HERE / "static"):
        for path in root.rglob("*"):
            if path.is_file() and not path.name.startswith("."):
                files[path.relative_to(root).as_posix()] = path
    return files


_TEMPLATES = jinja2.Environment(loader=jinja2.FileSystemLoader(_HERE / "templates"), autoescape=True)


async def _security_headers(request: web.Request, response: web.StreamResponse) -> None:
    headers = response.headers
    headers["Cache-Control"] = "no-store"
    headers["Referrer-Policy"] = "no-referrer"
    headers["X-Content-Type-Options"] = "nosniff"
    headers["X-Frame-Options"] = "DENY"
    headers["Content-Security-Policy"] = (
        "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
        "script-src 'self'; font-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'")


class Connection:
    """One page's websocket and its child process."""

    def __init__(self, key: str, ws: web.WebSocketResponse, lang: str):
        self.key = key
        self.ws = ws
        self.lang = lang
        self.child: ChildSession | None = None
        self._ending: asyncio.Future | None = None
        self.notice_sent = False
        self.reason: str | None = None  # why the server ends this page's session (a CLOSE_CODES key)

    async def notify_page(self, kind: str, text: str = "", *, close: bool = True) -> None:
        """Tell the page why its session ends, then close the socket (the page shows it).

        With ``close=False`` the socket stays open, so keys already on their way still reach
        the app before it is hung up (closing drops what the server has not read yet).
        """
        if not self.notice_sent:
            self.notice_sent = True
            self.reason = kind
            with contextlib.suppress(ConnectionResetError, RuntimeError):
                if not self.ws.closed:
                    await self.ws.send_str(json.dumps(["cxalign", {"kind": kind, "text": text}]))
        if close:
            await self.close_page()

    async def close_page(self) -> None:
        with contextlib.suppress(ConnectionResetError, RuntimeError):
            if not self.ws.closed:
                if self.reason is None:
                    await self.ws.close()
                else:
                    await self.ws.close(code=CLOSE_CODES[self.reason], message=self.reason.encode())

    async def child_ended(self, child: ChildSession) -> None:
        if child.ending:
            return  # the server ended it and says why itself
        if child.returncode == 0 and child.started:
            await self.notify_page("ended")
        else:
            detail = _ANSI.sub("", child.stderr_text).strip()[-2000:] or f"exit status {child.returncode}"
            await self.notify_page("error", detail)

    def end(self, hangup_grace: float) -> asyncio.Future:
        """Stop the child (SIGHUP → SIGTERM → SIGKILL); every caller awaits the same end."""
        if self._ending is None:
            if self.child is None:
                self._ending = asyncio.get_running_loop().create_future()
                self._ending.set_result(None)
            else:
                self._ending = asyncio.ensure_future(self.child.stop(hangup_grace))
        return self._ending


class Room:
    """A workshop served to its participants' browsers."""

    def __init__(self, folder: WorkshopFolder | Path | str, *, public_url: str | None = None,
                 python: str = sys.executable, hangup_grace: float = HANGUP_GRACE,
                 child_env: dict[str, str] | None = None):
        self.folder = folder if isinstance(folder, WorkshopFolder) else WorkshopFolder(folder)
        workshop = self.folder.load()
        self.folder.questionnaire  # noqa: B018 - refuse a workshop whose questionnaire was edited
        self.lang = workshop.language
        self.name = workshop.name
        self.organisation = workshop.organisation
        self.participants = {p.id: p for p in workshop.participants}
        self.tokens = load_tokens(self.folder.path, list(self.participants))
        self.public_url = public_url.rstrip("/") if public_url else None
        self.python = python
        self.hangup_grace = hangup_grace
        self.child_env = child_env or {}
        self.connections: dict[str, Connection] = {}
        self._turns: dict[str, asyncio.Lock] = {}
        self._handlers: set[asyncio.Task] = set()
        self.closing = False
        self.static = _static_files()
        self.on_change: Callable[[], None] | None = None

    # -- who is asking -------------------------------------------------------------
    def who(self, token: str) -> str | None:
        found = None
        for key, known in self.tokens.items():
            if hmac.compare_digest(known.encode(), token.encode()):
                found = key
        return found

    def _key(self, request: web.Request, *, facilitator: bool | None = None) -> str:
        key = self.who(request.match_info["token"])
        if key is None or (facilitator is True and key != FACILITATOR) or (facilitator is False and key == FACILITATOR):
            raise web.HTTPNotFound(text="Not found")
        return key

    def base_url(self, request: web.Request | None = None, fallback: str = "") -> str:
        if self.public_url:
            return self.public_url
        if request is not None:
            return f"{request.scheme}://{request.host}"
        return fallback

    def link(self, key: str, base: str) -> str:
        return f"{base.rstrip('/')}/{self.tokens[key]}"

    def online(self) -> set[str]:
        return {key for key, conn in self.connections.items() if conn.child and conn.child.started}

    def rows(self):
        return progress(self.folder, self.online(), self.lang)

    def t(self, key: str, **fields: object) -> str:
        return tr(key, self.lang, AREA, **fields)

    def argv(self, key: str) -> list[str]:
        if key == FACILITATOR:
            return [self.python, "-m", "cxalign.serve.facilitator_app", str(self.folder.path), self.lang]
        return [self.python, "-m", "cxalign", "--lang", self.lang, "fill", str(self.folder.path), "--participant", key]

    # -- the web application -------------------------------------------------------
    def make_app(self) -> web.Application:
        app = web.Application(client_max_size=64 * 1024)
        app.on_response_prepare.append(_security_headers)
        app.add_routes([
            web.get("/static/{name:[A-Za-z0-9_./-]+}", self.handle_static),
            web.get("/{token}", self.handle_page),
            web.get("/{token}/ws", self.handle_participant_ws),
            web.get("/{token}/status.json", self.handle_status),
            web.get("/{token}/interface", self.handle_interface_page),
            web.get("/{token}/interface/ws", self.handle_facilitator_ws),
        ])
        app.on_shutdown.append(lambda _app: self.shutdown())
        return app

    async def handle_static(self, request: web.Request) -> web.StreamResponse:
        path = self.static.get(request.match_info["name"])
        if path is None:
            raise web.HTTPNotFound(text="Not found")
        return web.FileResponse(path)

    def _render(self, template: str, **context: object) -> web.Response:
        strings = {key: tr(key, self.lang, AREA) for key in catalog(AREA)}
        html = _TEMPLATES.get_template(template).render(lang=self.lang, s=strings, **context)
        return web.Response(text=html, content_type="text/html", charset="utf-8")

    def _ws_url(self, request: web.Request, path: str) -> str:
        base = self.base_url(request)
        scheme, rest = base.split(":", 1)
        return ("wss:" if scheme == "https" else "ws:") + rest + path

    async def handle_page(self, request: web.Request) -> web.Response:
        key = self._key(request)
        if key == FACILITATOR:
            token = self.tokens[key]
            return self._render("facilitator.html", rows=self.rows(), token=token,
                                summary=self._summary(self.rows()), title=self.t("fac.title"),
                                workshop=f"{self.organisation} · {self.name}")
        return self._render("page.html", ws_url=self._ws_url(request, f"/{self.tokens[key]}/ws"),
                            opening=self.t("page.opening"), title="cxalign")

    async def handle_interface_page(self, request: web.Request) -> web.Response:
        key = self._key(request, facilitator=True)
        return self._render("page.html", ws_url=self._ws_url(request, f"/{self.tokens[key]}/interface/ws"),
                            opening=self.t("page.opening_facilitator"), title="cxalign")

    def _summary(self, rows) -> str:
        return self.t("fac.summary", submitted=sum(r.state == "submitted" for r in rows), total=len(rows),
                      online=sum(r.online for r in rows))

    async def handle_status(self, request: web.Request) -> web.Response:
        self._key(request, facilitator=True)
        rows = self.rows()
        return web.json_response({"rows": [r.as_json() for r in rows], "summary": self._summary(rows)})

    def _origin_ok(self, request: web.Request) -> bool:
        origin = request.headers.get("Origin")
        if origin is None:
            return True  # not a browser: the token is what protects the room
        allowed = {f"{request.scheme}://{request.host}".lower()}
        if self.public_url:
            parts = urlsplit(self.public_url)
            allowed.add(f"{parts.scheme}://{parts.netloc}".lower())
        return origin.lower() in allowed

    async def handle_participant_ws(self, request: web.Request) -> web.StreamResponse:
        return await self._websocket(request, self._key(request, facilitator=False))

    async def handle_facilitator_ws(self, request: web.Request) -> web.StreamResponse:
        return await self._websocket(request, self._key(request, facilitator=True))

    async def _websocket(self, request: web.Request, key: str) -> web.StreamResponse:
        if not self._origin_ok(request):
            raise web.HTTPForbidden(text="Forbidden origin")
        ws = web.WebSocketResponse(heartbeat=15, max_msg_size=MAX_STDIN)
        await ws.prepare(request)
        task = asyncio.current_task()
        if task is not None:
            self._handlers.add(task)
        conn = Connection(key, ws, self.lang)
        try:
            if self.closing:
                await conn.notify_page("server_stopped")
                return ws
            width = _clamp(request.query.get("width"), 80, 20, 400)
            height = _clamp(request.query.get("height"), 24, 8, 200)
            async with self._turns.setdefault(key, asyncio.Lock()):
                old = self.connections.get(key)
                if old is not None:  # the newest connection takes over; the old page is told why
                    await old.notify_page("taken_over", close=False)
                    await old.end(self.hangup_grace)  # its keys in flight are still handled, then saved
                    await old.close_page()
                if self.closing:
                    await conn.notify_page("server_stopped")
                    return ws
                conn.child = ChildSession(self.argv(key), on_end=conn.child_ended, env=self.child_env,
                                          write_bytes=ws.send_bytes, write_str=ws.send_str, close=ws.close,
                                          download_manager=_NoDownloads())
                self.connections[key] = conn
                await conn.child.start(width, height)
            self._changed()
            watchdog = asyncio.create_task(self._watch_start(conn))
            try:
                await self._pump(ws, conn.child)
            finally:
                watchdog.cancel()
        finally:
            if self.connections.get(key) is conn:
                del self.connections[key]
            await conn.end(self.hangup_grace)
            with contextlib.suppress(Exception):
                await ws.close()
            self._changed()
            if task is not None:
                self._handlers.discard(task)
        return ws

    async def _watch_start(self, conn: Connection) -> None:
        await asyncio.sleep(START_TIMEOUT)
        if conn.child is not None and not conn.child.started and conn.child.returncode is None:
            await conn.notify_page("error", f"cxalign did not start within {START_TIMEOUT:.0f} s")
            await conn.end(self.hangup_grace)

    async def _pump(self, ws: web.WebSocketResponse, child: ChildSession) -> None:
        """The page's messages to the child: keys, resizes, pings, focus."""
        async for message in ws:
            if message.type != WSMsgType.TEXT:
                continue
            try:
                envelope = json.loads(message.data)
                kind, data = envelope[0], (envelope[1] if len(envelope) > 1 else None)
            except (ValueError, TypeError, IndexError, KeyError):
                continue
            if kind == "stdin" and isinstance(data, str):
                await child.send_bytes(data.encode("utf-8", "replace")[:MAX_STDIN])
            elif kind == "resize" and isinstance(data, dict):
                await child.set_terminal_size(_clamp(data.get("width"), 80, 20, 400),
                                              _clamp(data.get("height"), 24, 8, 200))
            elif kind == "ping":
                await ws.send_json(["pong", str(data)[:32]])
            elif kind == "blur":
                await child.blur()
            elif kind == "focus":
                await child.focus()

    def _changed(self) -> None:
        if self.on_change is not None:
            self.on_change()

    async def shutdown(self) -> None:
        """End every session: each page is told, each child saves (SIGHUP) and exits."""
        self.closing = True
        conns = list(self.connections.values())
        await asyncio.gather(*(c.notify_page("server_stopped", close=False) for c in conns), return_exceptions=True)
        await asyncio.gather(*(c.end(self.hangup_grace) for c in conns), return_exceptions=True)
        await asyncio.gather(*(c.close_page() for c in conns), return_exceptions=True)
        handlers = [t for t in self._handlers if t is not asyncio.current_task()]
        if handlers:
            await asyncio.wait(handlers, timeout=self.hangup_grace + 5)


def _clamp(value: object, default: int, low: int, high: int) -> int:
    try:
        number = int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return default
    return max(low, min(high, number))


class _NoDownloads:
    """The room delivers no files to browsers (an export is written on the facilitator's laptop)."""

    async def cancel_app_downloads(self, app_service_id: str) -> None:
        return None

    async def create_download(self, **kwargs) -> None:
        raise KeyError("downloads are disabled")
