"""The workshop room (``cxalign serve``), driven through its real websocket protocol from Python.

Every test starts the real aiohttp server of :mod:`cxalign.serve.server` and
real ``cxalign fill`` children; :class:`cxalign.serve.client.RoomClient`
speaks to it as the browser page does (no browser needed).
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import stat
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest

aiohttp = pytest.importorskip("aiohttp", reason="the web extra: pip install '.[web]'")
pytest.importorskip("textual_serve", reason="the web extra: pip install '.[web]'")

from aiohttp import web  # noqa: E402
from helpers import ROOT  # noqa: E402

from cxalign.serve.client import RoomClient, child_pids  # noqa: E402
from cxalign.serve.links import FACILITATOR, LINKS_FILE, load_tokens  # noqa: E402
from cxalign.serve.server import Room  # noqa: E402
from cxalign.store import WorkshopFolder  # noqa: E402

FIRST_SCREEN = 30.0  # seconds; generous for a loaded 2-core machine


@pytest.fixture
def workshop(tmp_path):
    return WorkshopFolder.create(
        tmp_path / "workshops", name="Room test", organisation="Testco", language="en",
        participants=[("Alice Martin", "ceo"), ("Bruno Petit", "marketing"), ("Chloé Roux", "sales")],
    )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Running:
    def __init__(self, room: Room, port: int):
        self.room, self.port = room, port
        self.base = f"http://127.0.0.1:{port}"

    def ws(self, key: str, path: str = "ws") -> str:
        return f"ws://127.0.0.1:{self.port}/{self.room.tokens[key]}/{path}"

    def client(self, http, key: str, **kwargs) -> RoomClient:
        return RoomClient(http, self.ws(key), origin=kwargs.pop("origin", self.base), **kwargs)


@pytest.fixture
async def served(workshop):
    room = Room(workshop, hangup_grace=10)
    runner = web.AppRunner(room.make_app())
    await runner.setup()
    port = _free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    try:
        yield Running(room, port)
    finally:
        await room.shutdown()
        await runner.cleanup()


@pytest.fixture
async def http():
    async with aiohttp.ClientSession() as session:
        yield session


def _answers(folder: WorkshopFolder, pid: str) -> dict:
    path = folder.response_file(pid)
    return tomllib.loads(path.read_text())["answers"] if path.exists() else {}


async def _until(predicate, timeout: float = 15.0, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what or predicate}")
        await asyncio.sleep(0.1)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a zombie is gone for our purposes
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except OSError:
        return False


def _locks(folder: WorkshopFolder) -> list[str]:
    """Participants whose lock is held by some process (asked through the store, whatever its lock files)."""
    from cxalign.errors import LockedError

    held = []
    for participant in folder.load().participants:
        lock = folder.lock(participant.id)
        try:
            lock.acquire()
        except LockedError:
            held.append(participant.id)
        else:
            lock.release()
    return held


# -- links ----------------------------------------------------------------------------

def test_links_are_private_unguessable_and_survive_a_restart(workshop):
    ids = [p.id for p in workshop.load().participants]
    tokens = load_tokens(workshop.path, ids)
    path = workshop.path / LINKS_FILE
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert set(tokens) == {*ids, FACILITATOR}
    assert len(set(tokens.values())) == len(tokens) and all(len(t) >= 32 for t in tokens.values())
    assert load_tokens(workshop.path, ids) == tokens  # a restart gives the same links
    assert Room(workshop).tokens == tokens
    for token in tokens.values():
        assert token not in workshop.workshop_file.read_text()


def test_print_links_and_new_links_from_the_command_line(workshop, capsys):
    from cxalign.cli import main

    assert main(["serve", str(workshop.path), "--print-links", "--public-url", "https://room.example/"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    rows = [line.split("\t") for line in lines]
    assert [r[0] for r in rows] == ["alice-martin", "bruno-petit", "chloe-roux", FACILITATOR]
    assert rows[0][1] == "Alice Martin" and rows[0][2].startswith("https://room.example/")
    before = {r[0]: r[2] for r in rows}
    assert main(["serve", str(workshop.path), "--new-links", "--participant", "bruno-petit",
                 "--public-url", "https://room.example"]) == 0
    after = {r.split("\t")[0]: r.split("\t")[2] for r in capsys.readouterr().out.strip().splitlines()}
    assert after["bruno-petit"] != before["bruno-petit"]
    assert {k: v for k, v in after.items() if k != "bruno-petit"} == {k: v for k, v in before.items() if k != "bruno-petit"}
    assert main(["serve", str(workshop.path), "--new-links", "--participant", "nobody"]) == 2


def test_qr_code_for_one_participant(workshop, capsys):
    from cxalign.cli import main

    assert main(["serve", str(workshop.path), "--qr", "alice-martin", "--public-url", "http://10.0.0.5:8000"]) == 0
    out = capsys.readouterr().out
    assert "http://10.0.0.5:8000/" in out and "█" in out


# -- routes ---------------------------------------------------------------------------

async def test_unknown_tokens_get_404_on_every_route(served, http):
    alice, fac = served.room.tokens["alice-martin"], served.room.tokens[FACILITATOR]
    bad = "A" * len(alice)
    for path in ["/", f"/{bad}", f"/{bad}/ws", f"/{bad}/status.json", f"/{bad}/interface", f"/{bad}/interface/ws",
                 f"/{alice}/status.json", f"/{alice}/interface", f"/{alice}/interface/ws", f"/{fac}/ws",
                 f"/{alice}/", f"/{alice[:-1]}", "/static/", "/static/js/", "/static/fonts",
                 "/static/../links.py", "/static/%2e%2e/server.py", "/download/x", "/ws"]:
        async with http.get(served.base + path) as response:
            assert response.status == 404, path
            assert alice not in await response.text()
    with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
        await http.ws_connect(f"ws://127.0.0.1:{served.port}/{bad}/ws")
    assert refused.value.status == 404


async def test_page_is_local_private_and_in_the_workshop_language(served, http):
    async with http.get(f"{served.base}/{served.room.tokens['alice-martin']}") as response:
        assert response.status == 200
        html = await response.text()
        assert response.headers["Cache-Control"] == "no-store"
        assert response.headers["Referrer-Policy"] == "no-referrer"
        assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert '<meta name="viewport"' in html and '<html lang="en">' in html
    assert "Opening your questionnaire" in html
    assert "googleapis" not in html and "https://" not in html
    assert f"ws://127.0.0.1:{served.port}/{served.room.tokens['alice-martin']}/ws" in html
    for asset in ["/static/js/textual.js", "/static/css/xterm.css", "/static/room.js", "/static/room.css",
                  "/static/fonts/RobotoMono-VariableFont_wght.ttf"]:
        assert asset in html or asset.startswith("/static/fonts")
        async with http.get(served.base + asset) as response:
            assert response.status == 200, asset
            assert response.headers["Cache-Control"] == "no-store"
    async with http.get(served.base + "/static/room.css") as response:
        assert "RobotoMono-VariableFont_wght.ttf" in await response.text()


async def test_links_follow_the_request_host_or_public_url(workshop, http):
    room = Room(workshop, public_url="https://room.example/cx")
    runner = web.AppRunner(room.make_app())
    await runner.setup()
    port = _free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    try:
        async with http.get(f"http://127.0.0.1:{port}/{room.tokens['alice-martin']}") as response:
            assert f"wss://room.example/cx/{room.tokens['alice-martin']}/ws" in await response.text()
        async with http.get(f"http://127.0.0.1:{port}/{room.tokens['alice-martin']}",
                            headers={"Host": "192.168.1.20:8000"}):
            pass
    finally:
        await room.shutdown()
        await runner.cleanup()


async def test_page_uses_the_request_host(served, http):
    token = served.room.tokens["alice-martin"]
    async with http.get(f"{served.base}/{token}", headers={"Host": "192.168.1.20:8000"}) as response:
        assert f"ws://192.168.1.20:8000/{token}/ws" in await response.text()


async def test_a_foreign_origin_is_refused(served, http):
    for origin in ["http://evil.example", f"http://127.0.0.1:{served.port + 1}", "null"]:
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await served.client(http, "alice-martin", origin=origin).connect()
        assert refused.value.status == 403
    assert served.room.connections == {}
    assert not _locks(served.room.folder)


# -- sessions -------------------------------------------------------------------------

async def test_an_answer_typed_through_the_socket_lands_in_the_file(served, http):
    client = await served.client(http, "alice-martin").connect()
    await client.wait_text("Alice Martin", FIRST_SCREEN)
    await client.type("Customers first <b>[bold]x[/bold]</b>")
    folder = served.room.folder
    await _until(lambda: "Customers first" in str(_answers(folder, "alice-martin")), what="the autosave")
    first = next(iter(_answers(folder, "alice-martin").values()))
    assert first["text"] == "Customers first <b>[bold]x[/bold]</b>"  # user text is data, kept as typed
    assert _locks(folder) == ["alice-martin"]
    assert "Bruno" not in client.text and "Chloé" not in client.text
    await client.close()
    await _until(lambda: not _locks(folder), what="the lock to go")


async def test_closing_the_socket_within_the_autosave_pause_still_saves(served, http):
    client = await served.client(http, "bruno-petit").connect()
    await client.wait_text("Bruno Petit", FIRST_SCREEN)
    await client.type("typed just before the tab closed")
    await asyncio.sleep(0.05)  # well inside the 0.6 s autosave pause
    pid = served.room.connections["bruno-petit"].child.pid
    await client.close()
    folder = served.room.folder
    await _until(lambda: not _alive(pid), what="the child to end")
    assert "typed just before the tab closed" in str(_answers(folder, "bruno-petit"))
    assert not _locks(folder)


async def test_the_newest_connection_takes_over(served, http):
    old = await served.client(http, "alice-martin").connect()
    await old.wait_text("Alice Martin", FIRST_SCREEN)
    await old.type("from the laptop")
    old_pid = served.room.connections["alice-martin"].child.pid
    new = await served.client(http, "alice-martin").connect()
    await old.wait_closed(20)
    assert old.notice == {"kind": "taken_over", "text": ""} and old.close_code == 4001
    await new.wait_text("Alice Martin", FIRST_SCREEN)
    assert not _alive(old_pid)
    assert "from the laptop" in str(_answers(served.room.folder, "alice-martin"))  # the old window's typing kept
    await new.type(" and the phone")
    await _until(lambda: "from the laptop and the phone" in str(_answers(served.room.folder, "alice-martin")),
                 what="the new session's autosave")
    await new.close()


async def test_a_start_up_error_is_shown_in_the_page(served, http):
    folder = served.room.folder
    folder.responses_dir.mkdir(exist_ok=True)
    folder.response_file("chloe-roux").write_text("this is = = not toml")
    client = await served.client(http, "chloe-roux").connect()
    await client.wait_closed(FIRST_SCREEN)
    assert client.notice is not None and client.notice["kind"] == "error"
    assert "chloe-roux.toml" in client.notice["text"] and "TOML" in client.notice["text"]
    assert client.close_code == 4002


async def test_stopping_the_server_saves_every_answer_and_leaves_nothing(served, http):
    folder = served.room.folder
    clients = {}
    for pid, name in [("alice-martin", "Alice Martin"), ("bruno-petit", "Bruno Petit")]:
        clients[pid] = await served.client(http, pid).connect()
        await clients[pid].wait_text(name, FIRST_SCREEN)
    for pid, client in clients.items():
        await client.type(f"last words of {pid}")
    pids = [c.child.pid for c in served.room.connections.values()]
    await served.room.shutdown()  # what SIGINT/SIGTERM/SIGHUP do (see the command-line test below)
    for pid, client in clients.items():
        await client.wait_closed(10)
        assert client.notice == {"kind": "server_stopped", "text": ""}
        assert f"last words of {pid}" in str(_answers(folder, pid))
    assert not any(_alive(p) for p in pids)
    assert not _locks(folder)


async def test_facilitator_progress_never_shows_an_answer(served, http):
    client = await served.client(http, "alice-martin").connect()
    await client.wait_text("Alice Martin", FIRST_SCREEN)
    await client.type("secret definition")
    folder = served.room.folder
    await _until(lambda: "secret definition" in str(_answers(folder, "alice-martin")), what="the autosave")
    fac = served.room.tokens[FACILITATOR]
    async with http.get(f"{served.base}/{fac}/status.json") as response:
        body = await response.text()
    rows = {r["id"]: r for r in json.loads(body)["rows"]}
    assert rows["alice-martin"]["state"] == "in_progress" and rows["alice-martin"]["online"] is True
    assert rows["alice-martin"]["answered"] == 1 and rows["alice-martin"]["last_save"]
    assert rows["bruno-petit"] == {**rows["bruno-petit"], "state": "not_started", "online": False, "answered": 0}
    assert "secret" not in body
    async with http.get(f"{served.base}/{fac}") as response:
        page = await response.text()
    assert "Alice Martin" in page and "secret" not in page and f"/{fac}/interface" in page
    await client.close()


async def test_facilitator_link_opens_the_normal_interface(served, http):
    client = RoomClient(http, served.ws(FACILITATOR, "interface/ws"), origin=served.base)
    await client.connect()
    await client.wait_text("Room test", FIRST_SCREEN)  # the workshop screen: participants, results (R), export (E)
    await client.close()


# -- the real command, stopped by a signal --------------------------------------------

@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
async def test_cxalign_serve_stopped_by_a_signal_saves_and_leaves_no_process_or_lock(workshop, http, signum):
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "cxalign", "serve", str(workshop.path), "--port", str(port)],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        base = f"http://127.0.0.1:{port}"
        await _until(lambda: _listening(port) or server.poll() is not None, 30, "the server to listen")
        assert server.poll() is None
        tokens = load_tokens(workshop.path, ["alice-martin", "bruno-petit", "chloe-roux"])
        client = RoomClient(http, f"ws://127.0.0.1:{port}/{tokens['alice-martin']}/ws", origin=base)
        await client.connect()
        await client.wait_text("Alice Martin", FIRST_SCREEN)
        await client.type("said before the server stopped")
        children = child_pids(server.pid)
        assert children, "a cxalign fill child runs for the session"
        server.send_signal(signum)
        out, _ = await asyncio.to_thread(server.communicate, timeout=30)
        assert server.returncode == 0, out
        await client.wait_closed(5)
        assert "said before the server stopped" in str(_answers(workshop, "alice-martin"))
        assert not any(_alive(c) for c in children)
        assert not _locks(workshop)
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()


def _listening(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


# -- binding: LAN warning, TLS ----------------------------------------------------------

def _start_cli(workshop, *extra: str) -> tuple[subprocess.Popen, int]:
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "cxalign", "serve", str(workshop.path), "--port", str(port), *extra],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    return server, port


def _stop_cli(server: subprocess.Popen) -> str:
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)
    out, _ = server.communicate(timeout=30)
    assert server.returncode == 0, out
    return " ".join(out.split())


async def test_a_lan_bind_warns_about_plain_http(workshop):
    server, port = _start_cli(workshop, "--bind", "0.0.0.0")
    try:
        await _until(lambda: _listening(port) or server.poll() is not None, 30, "the server to listen")
    finally:
        out = _stop_cli(server)
    assert "WARNING" in out and "plain HTTP" in out and "--tls-cert" in out and "--public-url https://" in out
    assert "127.0.0.1:" not in out.split("WARNING")[1]  # links use the LAN address, not a hard-coded 127.0.0.1


async def test_loopback_does_not_warn_and_tls_serves_https(workshop, tmp_path, http):
    import ssl

    if not shutil_which("openssl"):
        pytest.skip("openssl is needed to make a test certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True)
    server, port = _start_cli(workshop, "--tls-cert", str(cert), "--tls-key", str(key))
    try:
        await _until(lambda: _listening(port) or server.poll() is not None, 30, "the server to listen")
        tokens = load_tokens(workshop.path, ["alice-martin", "bruno-petit", "chloe-roux"])
        context = ssl.create_default_context(cafile=str(cert))
        async with http.get(f"https://127.0.0.1:{port}/{tokens['alice-martin']}", ssl=context) as response:
            assert response.status == 200
            assert f"wss://127.0.0.1:{port}/{tokens['alice-martin']}/ws" in await response.text()
        with pytest.raises(aiohttp.ClientError):  # plain HTTP is not served on a TLS port
            async with http.get(f"http://127.0.0.1:{port}/{tokens['alice-martin']}") as response:
                await response.read()
    finally:
        out = _stop_cli(server)
    assert "WARNING" not in out and f"https://127.0.0.1:{port}/" in out


def shutil_which(name: str):
    import shutil

    return shutil.which(name)


async def test_a_killed_server_leaves_no_orphan_and_loses_nothing(workshop, http):
    """SIGKILL cannot be caught: the kernel hangs up the children (PR_SET_PDEATHSIG), which save and go."""
    if not sys.platform.startswith("linux"):
        pytest.skip("parent-death signal is Linux only")
    server, port = _start_cli(workshop)
    try:
        await _until(lambda: _listening(port) or server.poll() is not None, 30, "the server to listen")
        tokens = load_tokens(workshop.path, ["alice-martin", "bruno-petit", "chloe-roux"])
        client = RoomClient(http, f"ws://127.0.0.1:{port}/{tokens['bruno-petit']}/ws", origin=f"http://127.0.0.1:{port}")
        await client.connect()
        await client.wait_text("Bruno Petit", FIRST_SCREEN)
        await client.type("typed before the laptop crashed")
        await asyncio.sleep(0.3)  # the keys reached the app (no server is left to make sure of it)
        children = child_pids(server.pid)
        assert children
        server.kill()
        server.wait(10)
        await _until(lambda: not any(_alive(c) for c in children), 15, "the orphaned children to end")
        assert "typed before the laptop crashed" in str(_answers(workshop, "bruno-petit"))
        assert not _locks(workshop)
    finally:
        if server.poll() is None:
            server.kill()
        server.communicate()


# -- the extra stays optional -----------------------------------------------------------

def test_textual_serve_and_aiohttp_are_imported_only_by_serve():
    src = ROOT / "src" / "cxalign"
    offenders = [str(p.relative_to(src)) for p in src.rglob("*.py")
                 if "serve" not in p.relative_to(src).parts and any(
                     name in p.read_text(encoding="utf-8") for name in ("textual_serve", "import aiohttp", "from aiohttp"))]
    assert offenders == []
    code = "import sys, cxalign.cli; print(sorted({'textual_serve', 'aiohttp', 'segno'} & {m.split('.')[0] for m in sys.modules}))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
