"""A participant's browser session is confined to their own questionnaire.

These tests check, through the real websocket, what the fill session itself
must guarantee (the interface's side of the workshop room): no route to the
workshops list, the results, the export or another participant, and a command
palette that offers only what filling in needs.
"""

from __future__ import annotations

import pytest

pytest.importorskip("textual_serve", reason="the web extra: pip install '.[web]'")

from tests.functional.test_serve import FIRST_SCREEN, _answers, _until, http, served, workshop  # noqa: E402,F401


async def test_escape_ends_the_session_and_never_opens_the_workshop(served, http):
    client = await served.client(http, "alice-martin").connect()
    await client.wait_text("Alice Martin", FIRST_SCREEN)
    await client.type("kept on leaving")
    await client.send("\x1b")  # Escape: close the questionnaire
    await client.wait_closed(20)
    assert client.notice == {"kind": "ended", "text": ""}
    for elsewhere in ("Bruno Petit", "Chloé Roux", "Results", "Export"):
        assert elsewhere not in client.text
    assert "kept on leaving" in str(_answers(served.room.folder, "alice-martin"))


async def test_the_command_palette_offers_only_filling_in(served, http):
    client = await served.client(http, "alice-martin").connect()
    await client.wait_text("Alice Martin", FIRST_SCREEN)
    seen = len(client.raw)
    await client.send("\x10")  # Ctrl+P
    await client.wait_for(lambda: "Search for a command" in client.text[seen:], 20)  # the prompt, in the workshop's language
    await _until(lambda: "Help" in client.text[seen:], 10, "the palette's commands")
    palette = client.text[seen:]
    for offered in ("New workshop", "Create the demo workshop", "Results", "Export", "Screenshot"):
        assert offered not in palette, f"the palette of a participant's session offers {offered!r}"
    await client.close()
