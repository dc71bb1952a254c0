"""Pilot tests of the export screen: a real PDF from the interface, progress, errors."""

from __future__ import annotations

import threading

import pypdf
from helpers import make_app, notices, open_screen, settle
from textual.widgets import Checkbox, Input, ProgressBar, RadioSet

import cxalign.report
from cxalign.tui.screens.export import ExportScreen, default_output

SIZE = (100, 32)


async def _export(pilot) -> None:
    await pilot.press("ctrl+e")
    await settle(pilot)


async def test_export_writes_a_pdf_in_a_worker_thread(demo_folder, tmp_path, monkeypatch):
    calls: list[tuple[bool, dict]] = []
    steps: list[tuple[str, float]] = []
    real = cxalign.report.make_report

    def spy(folder, output, **kwargs):
        calls.append((threading.current_thread() is threading.main_thread(), dict(kwargs)))
        report_progress = kwargs["progress"]

        def progress(label, fraction):
            steps.append((label, fraction))
            report_progress(label, fraction)

        return real(folder, output, **{**kwargs, "progress": progress})

    monkeypatch.setattr(cxalign.report, "make_report", spy)
    output = tmp_path / "out" / "board.pdf"
    output.parent.mkdir()
    app = make_app(demo_folder, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, ExportScreen(demo_folder))
        screen = app.screen
        screen.query_one("#export-output", Input).value = str(output)
        screen.query_one("#export-html", Checkbox).value = True
        await pilot.pause()
        await _export(pilot)
        assert app.screen is screen and not screen.running
        assert screen.written == (output, output.with_suffix(".html"))
        result = screen.query_one("#export-result").content.plain
        assert str(output.resolve()) in result and str(output.with_suffix(".html").resolve()) in result
        assert any(str(output) in n for n in notices(app))
        assert screen.query_one(ProgressBar).progress == 100
    assert calls and calls[0][0] is False, "make_report ran in a worker thread, not the interface's"
    kwargs = calls[0][1]
    assert kwargs["lang"] == demo_folder.load().language and kwargs["anonymous"] is False
    assert steps and all(0.0 <= f <= 1.0 for _, f in steps)
    reader = pypdf.PdfReader(output)
    assert len(reader.pages) >= 2
    assert output.with_suffix(".html").read_text("utf-8").lstrip().lower().startswith("<!doctype html")


async def test_language_choice_moves_the_default_path_and_reaches_the_report(demo_folder, monkeypatch):
    seen: dict = {}

    def fake(folder, output, **kwargs):
        seen.update(kwargs, output=output)
        kwargs["progress"]("done", 1.0)
        output.write_bytes(b"%PDF-1.7\n")

    monkeypatch.setattr(cxalign.report, "make_report", fake)
    workshop = demo_folder.load()
    other = "en" if workshop.language == "fr" else "fr"
    app = make_app(demo_folder, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, ExportScreen(demo_folder))
        screen = app.screen
        output = screen.query_one("#export-output", Input)
        assert output.value == str(default_output(demo_folder, workshop.language))
        assert screen.report_lang == workshop.language
        screen.query_one(f"#lang-{other}").value = True
        await pilot.pause()
        assert screen.report_lang == other
        assert output.value == str(demo_folder.path / f"report-{other}.pdf")
        screen.query_one("#export-anonymous", Checkbox).value = True
        await _export(pilot)
    assert seen["lang"] == other and seen["anonymous"] is True and seen["html_path"] is None
    assert seen["output"] == demo_folder.path / f"report-{other}.pdf"


async def test_a_path_typed_by_hand_is_kept_when_the_language_changes(demo_folder, tmp_path):
    app = make_app(demo_folder, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, ExportScreen(demo_folder))
        screen = app.screen
        output = screen.query_one("#export-output", Input)
        output.value = str(tmp_path / "mine.pdf")
        await pilot.pause()
        for radio in screen.query_one(RadioSet).query("RadioButton"):
            if not radio.value:
                radio.value = True
        await pilot.pause()
        assert output.value == str(tmp_path / "mine.pdf")


async def test_anonymous_workshop_forces_an_anonymous_report(demo_folder, monkeypatch):
    seen: dict = {}

    def fake(folder, output, **kwargs):
        seen.update(kwargs)
        output.write_bytes(b"%PDF-1.7\n")

    monkeypatch.setattr(cxalign.report, "make_report", fake)
    workshop = demo_folder.load()
    workshop.anonymous = True
    demo_folder.save(workshop)
    app = make_app(demo_folder, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, ExportScreen(demo_folder))
        box = app.screen.query_one("#export-anonymous", Checkbox)
        assert box.value is True and box.disabled is True
        box.value = False  # even if it were changed, the workshop's anonymity wins
        await _export(pilot)
    assert seen["anonymous"] is True


async def test_unwritable_path_gives_a_notification_and_the_screen_stays(demo_folder, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    app = make_app(demo_folder, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, ExportScreen(demo_folder))
        screen = app.screen
        screen.query_one("#export-output", Input).value = str(blocker / "report.pdf")
        await pilot.pause()
        await _export(pilot)
        assert app.screen is screen and not screen.running and screen.written is None
        assert any("a-file" in n for n in notices(app)), notices(app)
        assert not screen.query_one("#export-run").disabled
        # the screen still works: a good path then succeeds
        good = tmp_path / "ok.pdf"
        screen.query_one("#export-output", Input).value = str(good)
        await pilot.pause()
        await _export(pilot)
        assert screen.written == (good, None)
    assert good.read_bytes().startswith(b"%PDF")


async def test_report_input_error_is_a_notification(demo_folder, monkeypatch, tmp_path):
    from cxalign.errors import InputError

    def fails(folder, output, **kwargs):
        kwargs["progress"]("render", 0.3)
        raise InputError("unknown template variable", file="custom/report.html")

    monkeypatch.setattr(cxalign.report, "make_report", fails)
    app = make_app(demo_folder, lang="fr")
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, ExportScreen(demo_folder))
        await _export(pilot)
        assert isinstance(app.screen, ExportScreen)
        # French interface: the file is kept, the message is said in French with its detail
        assert any(n.startswith("custom/report.html: valeur refusée") and "unknown template variable" in n
                   for n in notices(app))
        assert app.screen.query_one(ProgressBar).progress == 0


async def test_empty_path_is_refused(demo_folder, monkeypatch):
    called = []
    monkeypatch.setattr(cxalign.report, "make_report", lambda *a, **k: called.append(a))
    app = make_app(demo_folder, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, ExportScreen(demo_folder))
        app.screen.query_one("#export-output", Input).value = "   "
        await _export(pilot)
        assert any("enter the PDF file" in n for n in notices(app))
    assert not called


async def test_escape_is_refused_while_the_report_is_made(demo_folder, monkeypatch, tmp_path):
    release = threading.Event()

    def slow(folder, output, **kwargs):
        kwargs["progress"]("charts", 0.5)
        release.wait(10)
        output.write_bytes(b"%PDF-1.7\n")

    monkeypatch.setattr(cxalign.report, "make_report", slow)
    app = make_app(demo_folder, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, ExportScreen(demo_folder))
        screen = app.screen
        screen.query_one("#export-output", Input).value = str(tmp_path / "slow.pdf")
        await pilot.press("ctrl+e")
        for _ in range(50):  # the interface keeps answering while the worker runs
            await pilot.pause(0.02)
            if screen.query_one(ProgressBar).progress == 50:
                break
        assert screen.running and screen.query_one(ProgressBar).progress == 50
        assert screen.query_one("#export-step").content == "charts"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        assert any("running" in n for n in notices(app))
        release.set()
        await settle(pilot)
        assert screen.written == (tmp_path / "slow.pdf", None)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is not screen


async def test_the_facilitators_browser_exports_into_the_workshop_only(demo_folder, tmp_path, monkeypatch):
    """Whoever holds the facilitator's link (``cxalign serve``) must not write files elsewhere
    on the consultant's machine: a file name only, written in the workshop's folder."""
    from cxalign.tui import AppOptions
    from cxalign.tui.app import CxalignApp

    calls = []

    def fake(folder, output, **kwargs):
        calls.append(output)
        output.write_bytes(b"%PDF-1.7\n")

    monkeypatch.setattr(cxalign.report, "make_report", fake)
    app = CxalignApp(AppOptions(home=demo_folder.path.parent, lang="en", workshop=demo_folder.path, workshop_only=True))
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, ExportScreen(demo_folder))
        screen = app.screen
        field = screen.query_one("#export-output", Input)
        assert field.value == default_output(demo_folder, screen.report_lang).name  # a name, in the workshop
        elsewhere = tmp_path / "elsewhere.pdf"
        for raw in (str(elsewhere), "../elsewhere.pdf", "~/x.pdf", "..", "sub/x.pdf"):
            field.value = raw
            await pilot.pause()
            await _export(pilot)
            assert screen.written is None and any("file name only" in n for n in notices(app)), raw
        assert not elsewhere.exists() and calls == []
        field.value = "mine"
        await pilot.pause()
        await _export(pilot)
    assert calls == [demo_folder.path / "mine.pdf"]
