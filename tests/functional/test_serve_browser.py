"""The workshop room in a real browser: Debian's headless Chromium driven by playwright.

Runs only when ``/usr/bin/chromium`` and the playwright package are present
(``.ci/run`` installs Chromium when it can); playwright's own browser download
is never used. Screenshots land in pytest's temporary folder.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import socket
import time
import tomllib
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CXALIGN_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)), reason=f"no Chromium at {CHROMIUM}"),
]
playwright_api = pytest.importorskip("playwright.async_api", reason="playwright is not installed")
pytest.importorskip("textual_serve", reason="the web extra: pip install '.[web]'")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def _until(predicate, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.1)


def _held(folder, participant: str) -> bool:
    from cxalign.errors import LockedError

    lock = folder.lock(participant)
    try:
        lock.acquire()
    except LockedError:
        return True
    lock.release()
    return False


async def test_three_participants_answer_in_a_real_browser_and_a_closed_tab_loses_nothing(tmp_path):
    from aiohttp import web

    from cxalign.serve.links import FACILITATOR
    from cxalign.serve.server import Room
    from cxalign.store import WorkshopFolder

    folder = WorkshopFolder.create(tmp_path / "w", name="Browser room", organisation="Testco", language="en",
                                   participants=[("Alice Martin", "ceo"), ("Bruno Petit", "sales"),
                                                 ("Chloé Roux", "marketing")])
    room = Room(folder)
    runner = web.AppRunner(room.make_app())
    await runner.setup()
    port = _free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    base = f"http://127.0.0.1:{port}"
    shots = tmp_path / "shots"
    shots.mkdir()
    requests: list[str] = []
    try:
        async with playwright_api.async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            context = await browser.new_context(viewport={"width": 1200, "height": 760})
            context.on("request", lambda request: requests.append(request.url))
            pages = {}
            for pid in ["alice-martin", "bruno-petit", "chloe-roux"]:  # three people at once
                page = await context.new_page()
                await page.goto(f"{base}/{room.tokens[pid]}")
                pages[pid] = page
            for pid, page in pages.items():
                await page.wait_for_selector("body.-first-byte", timeout=30000)
                await page.focus(".xterm-helper-textarea")  # what a click in the terminal does
            await asyncio.sleep(1.0)
            for pid, page in pages.items():
                await page.keyboard.type(f"Definition by {pid}", delay=20)
            await pages["alice-martin"].screenshot(path=str(shots / "participant.png"))
            # Chloé closes her tab mid-sentence, inside the autosave pause
            await pages["chloe-roux"].keyboard.type(" and then", delay=20)
            await pages.pop("chloe-roux").close()
            response_file = folder.response_file("chloe-roux")
            await _until(lambda: response_file.exists() and "and then" in response_file.read_text(), 20,
                         "the closed tab's words to be saved")
            await _until(lambda: not _held(folder, "chloe-roux"), 20, "her lock to be free")
            # she reopens her link and finds everything
            page = await context.new_page()
            await page.goto(f"{base}/{room.tokens['chloe-roux']}")
            await page.wait_for_selector("body.-first-byte", timeout=30000)
            await asyncio.sleep(1.5)
            await page.screenshot(path=str(shots / "reopened.png"))
            # the same link opened again elsewhere: the older page says why it closed
            second = await context.new_page()
            await second.goto(f"{base}/{room.tokens['chloe-roux']}")
            await page.wait_for_selector("body.-closed", timeout=30000)
            message = await page.locator("#closed-message").text_content()
            assert "another window" in message
            await page.screenshot(path=str(shots / "taken-over.png"))
            # the facilitator sees who is where, and no answer
            fac = await context.new_page()
            await fac.goto(f"{base}/{room.tokens[FACILITATOR]}")
            await asyncio.sleep(2.5)
            table = await fac.locator("table").inner_text()
            assert "Alice Martin" in table and "in progress" in table and "Definition by" not in table
            await fac.screenshot(path=str(shots / "facilitator.png"), full_page=True)
            await browser.close()
        for pid in ["alice-martin", "bruno-petit"]:
            await _until(lambda: f"Definition by {pid}" in folder.response_file(pid).read_text(), 20,
                         f"{pid}'s answer")
        text = tomllib.loads(response_file.read_text())["answers"]
        assert any("Definition by chloe-roux and then" in (a.get("text") or "") for a in text.values())
        assert all(url.startswith(base) for url in requests), [u for u in requests if not u.startswith(base)]
    finally:
        await room.shutdown()
        await runner.cleanup()
        if os.environ.get("CXALIGN_SHOTS"):
            shutil.copytree(shots, os.environ["CXALIGN_SHOTS"], dirs_exist_ok=True)
