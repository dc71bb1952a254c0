"""Pilot tests of the filling flow: every question kind, autosave, resume, locks, refusals."""

from __future__ import annotations

import pytest
from helpers import fill_app, notices, saved, type_text

from cxalign.store import WorkshopFolder
from cxalign.tui.app import CxalignApp
from cxalign.tui.screens.fill import FillScreen
from cxalign.tui.screens.review import ReviewScreen
from cxalign.tui.screens.workshop import WorkshopScreen

SIZE = (100, 30)


@pytest.fixture
def folder(tui_workshop) -> WorkshopFolder:
    return tui_workshop


def status_text(screen, selector: str) -> str:
    """The plain text a Static shows, with no-break spaces as spaces and one space between words."""
    return " ".join(str(screen.query_one(selector).content).replace("\u00a0", " ").split())


async def test_fill_every_kind_saving_after_each_step(folder):
    app = fill_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, FillScreen) and screen.question.id == "def_text"
        assert folder.is_locked("ann-lee")

        # text: saved shortly after typing stops, without leaving the question
        await type_text(pilot, "Every moment with us")
        await pilot.pause(0.9)
        assert saved(folder).answers["def_text"].text == "Every moment with us"
        assert saved(folder).status == "in_progress"

        # multiple choice
        await pilot.press("ctrl+right")
        assert screen.question.id == "includes"
        await pilot.press("space", "down", "space")
        assert saved(folder).answers["includes"].choices == ["ads", "service"]
        await pilot.press("down", "space")  # a third one: at most two
        await pilot.pause()
        assert "at most 2 choices; untick one first" in status_text(screen, "#multi-hint")  # inline, not a toast
        assert not any("at most 2" in n.lower() for n in notices(app))
        assert saved(folder).answers["includes"].choices == ["ads", "service"]

        # single choice
        await pilot.press("ctrl+right")
        assert screen.question.id == "owner"
        await pilot.press("down", "enter")
        assert saved(folder).answers["owner"].choice == "marketing"

        # plain likert: "don't know" is recorded as such
        await pilot.press("ctrl+right")
        assert screen.question.id == "silos"
        await pilot.press("ctrl+k")
        answer = saved(folder).answers["silos"]
        assert answer.dont_know and answer.value is None and answer.answered_at is not None
        assert saved(folder).cursor == "silos"

        # allocation: over the total is refused, nothing lost, then a complete split is saved
        await pilot.press("ctrl+right")
        assert screen.question.id == "goals"
        await pilot.press("6", "0", "tab", "5", "0")
        await pilot.pause()
        assert "exceed 100" in status_text(screen, "#alloc-remaining")  # said under the fields, not a toast
        assert screen.widget.points == {"effort": 60, "nps": 5, "churn": 0}
        assert "goals" not in saved(folder).answers  # 65 of 100: not an answer yet
        await pilot.press("x")  # not a number: refused, the 5 stays
        await pilot.pause()
        assert "whole number" in status_text(screen, "#alloc-remaining")
        assert not any("exceed" in n or "whole number" in n for n in notices(app))
        assert screen.widget.points["nps"] == 5
        await pilot.press("backspace", "3", "0", "tab", "1", "0")
        await pilot.pause()
        assert saved(folder).answers["goals"].allocation == {"effort": 60, "nps": 30, "churn": 10}
        await pilot.press("backspace")  # 99 of 100 while changing it: the complete split stays saved
        await pilot.pause()
        assert saved(folder).answers["goals"].allocation == {"effort": 60, "nps": 30, "churn": 10}
        await pilot.press("0")

        # ranking: move the first line down once
        await pilot.press("ctrl+right")
        assert screen.question.id == "leave"
        await pilot.press("d")
        await pilot.pause()
        assert saved(folder).answers["leave"].ranking == ["channels", "bill", "perso"]
        await pilot.press("down", "shift+up")  # the moved line stays highlighted
        assert saved(folder).answers["leave"].ranking == ["channels", "perso", "bill"]

        # maturity item: today and target side by side
        await pilot.press("ctrl+right")
        assert screen.question.id == "m_sponsor"
        await pilot.press("2")
        assert saved(folder).answers["m_sponsor"].current == 2  # today alone is kept already
        assert saved(folder).answers["m_sponsor"].target is None
        await pilot.press("tab", "4")
        answer = saved(folder).answers["m_sponsor"]
        assert (answer.current, answer.target) == (2, 4)
        assert saved(folder).cursor == "m_sponsor"

        # next on the last question opens the review; submit with confirmation
        await pilot.press("ctrl+right")
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("ctrl+s")
        await pilot.press("y")
        await pilot.pause()
    response = saved(folder)
    assert response.status == "submitted" and response.submitted_at is not None
    assert len(response.answers) == 7
    assert app.return_value is True
    assert not folder.is_locked("ann-lee")


async def test_quit_mid_way_and_resume_exactly_there(folder):
    app = fill_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await type_text(pilot, "Trust")
        await pilot.press("ctrl+right", "space", "ctrl+right", "down", "down", "enter")
        await pilot.press("ctrl+right", "ctrl+right", "4", "0")  # allocation started, not complete
        await pilot.press("ctrl+left", "ctrl+left", "ctrl+left")
        assert app.screen.question.id == "includes"
        await pilot.press("down", "down", "space")  # ticked, then quit at once
        await pilot.press("ctrl+q")
    before = saved(folder)
    assert before.answers["def_text"].text == "Trust"
    assert before.answers["owner"].choice == "nobody"
    assert before.answers["includes"].choices == ["ads", "journey"]
    assert before.cursor == "includes"
    assert not folder.is_locked("ann-lee")

    app = fill_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert screen.question.id == "includes"
        assert screen.widget.value() == {"choices": ["ads", "journey"]}
        await pilot.press("ctrl+left")
        assert screen.widget.value() == {"text": "Trust"}
    assert saved(folder).answers == before.answers


async def test_text_typed_then_quit_at_once_is_kept(folder):
    app = fill_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await type_text(pilot, "Said and quit")
        await pilot.press("ctrl+q")
    assert saved(folder).answers["def_text"].text == "Said and quit"


async def test_resumed_text_is_continued_at_its_end(folder):
    app = fill_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await type_text(pilot, "Trust")
        await pilot.press("ctrl+q")
    app = fill_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await type_text(pilot, " and care")
        await pilot.press("ctrl+q")
    assert saved(folder).answers["def_text"].text == "Trust and care"


async def test_a_paste_longer_than_allowed_is_cut_and_kept(folder):
    from textual import events
    from textual.widgets import TextArea

    app = fill_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        limit = app.screen.question.max_length
        area = app.screen.query_one(TextArea)
        area.post_message(events.Paste("word " * (limit // 5 + 400)))
        await pilot.pause(0.9)
        assert len(area.text) == limit
        assert any(f"cut at {limit} characters" in n for n in notices(app))
        await pilot.press("ctrl+right")  # leaving keeps it (a refused answer used to be dropped)
        assert app.screen.question.id == "includes"
    text = saved(folder).answers["def_text"].text
    assert text.startswith("word word") and len(text) <= limit


async def test_closing_the_terminal_saves_what_was_just_typed(folder):
    import os
    import signal

    hung_up = []
    previous = signal.signal(signal.SIGHUP, lambda *_: hung_up.append(True))  # if the app ignores it
    try:
        app = fill_app(folder)
        async with app.run_test(size=SIZE) as pilot:
            await type_text(pilot, "Said then hung up")
            os.kill(os.getpid(), signal.SIGHUP)  # before the typing pause saves it
            await pilot.pause(0.1)
            assert not app.is_running
        assert not hung_up
        assert saved(folder).answers["def_text"].text == "Said then hung up"
        assert not folder.is_locked("ann-lee")
    finally:
        signal.signal(signal.SIGHUP, previous)


async def test_same_participant_twice_is_refused(folder):
    lock = folder.lock("ann-lee").acquire()
    try:
        app = CxalignApp(home=folder.path.parent, lang="en", workshop=folder.path)
        async with app.run_test(size=SIZE) as pilot:
            assert isinstance(app.screen, WorkshopScreen)
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, WorkshopScreen)
            assert any("already being filled in" in n for n in notices(app))
        assert folder.is_locked("ann-lee")  # the other session's lock is untouched
        assert not folder.response_file("ann-lee").exists()
    finally:
        lock.release()


async def test_refusal_of_an_open_questionnaire_is_in_the_interface_language(folder):
    lock = folder.lock("ann-lee").acquire()
    try:
        app = CxalignApp(home=folder.path.parent, lang="fr", workshop=folder.path)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, WorkshopScreen)
            message = next(n for n in notices(app) if "Ann Lee" in n)
            assert "déjà ouvert ailleurs" in message and str(folder.lock("ann-lee").path) in message
    finally:
        lock.release()


async def test_note_and_dont_know_toggle(folder):
    app = fill_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+right", "ctrl+right", "ctrl+n")
        await type_text(pilot, "depends on the region")
        await pilot.press("enter")
        await pilot.pause()
        answer = saved(folder).answers["owner"]
        assert answer.note == "depends on the region" and not answer.is_answered
        await pilot.press("ctrl+k")
        answer = saved(folder).answers["owner"]
        assert answer.dont_know and answer.note == "depends on the region"
        await pilot.press("ctrl+k")  # undo: the note stays, the "don't know" goes
        answer = saved(folder).answers["owner"]
        assert not answer.dont_know and answer.note == "depends on the region"
        await pilot.press("down", "enter")  # a value replaces nothing else
        answer = saved(folder).answers["owner"]
        assert answer.choice == "marketing" and answer.note == "depends on the region"


async def test_review_jumps_to_a_question(folder):
    app = fill_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+r")
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("down", "down", "down", "down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, FillScreen)
        assert app.screen.question.id == "goals"
    assert saved(folder).cursor == "goals"


async def test_switching_language_changes_visible_text(folder):
    app = fill_app(folder, lang="fr")
    async with app.run_test(size=SIZE) as pilot:
        prompt = app.screen.query_one("#prompt")
        assert "Qu'est-ce que l'expérience client" in str(prompt.content)
        await type_text(pilot, "Avant")
        await pilot.press("f2")
        await pilot.pause()
        assert app.lang == "en"
        assert "What is customer experience" in str(app.screen.query_one("#prompt").content)
        assert str(app.screen.query_one("#btn-next").label) == "Next ▶"
        assert app.screen.widget.value() == {"text": "Avant"}  # nothing typed is lost
    assert saved(folder).answers["def_text"].text == "Avant"


async def test_help_lists_the_keys_in_the_current_language(folder):
    app = fill_app(folder, lang="fr")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f1")
        from textual.widgets import DataTable

        from cxalign.tui.screens.help import HelpScreen

        assert isinstance(app.screen, HelpScreen)
        rows = [app.screen.query(DataTable).first().get_row_at(i)
                for i in range(app.screen.query(DataTable).first().row_count)]
        labels = {label for _, label in rows}
        assert {"Suivante", "Je ne sais pas", "Relire"} <= labels
        await pilot.press("escape")
        assert isinstance(app.screen, FillScreen)


def test_fill_command_refuses_unknown_or_locked_participant(folder, capsys):
    from cxalign.tui import run_app

    assert run_app(folder.path.parent, workshop=folder.path, participant="nobody") == 2
    assert "unknown participant 'nobody'" in capsys.readouterr().err
    lock = folder.lock("ann-lee").acquire()
    try:
        assert run_app(folder.path.parent, workshop=folder.path, participant="ann-lee") == 2
        assert "already being filled in" in capsys.readouterr().err
    finally:
        lock.release()
    assert run_app(folder.path.parent, workshop=folder.path.parent / "missing", participant="ann-lee") == 2
    assert "not a workshop folder" in capsys.readouterr().err


async def test_every_question_of_the_reference_questionnaire_shows_at_80_by_24(tmp_path):
    folder = WorkshopFolder.create(tmp_path / "ws", name="Ref", organisation="Org", participants=[("Ann Lee", "ceo")])
    questions = folder.questionnaire.questions
    app = fill_app(folder)
    async with app.run_test(size=(80, 24)) as pilot:
        seen = []
        for _ in questions:
            seen.append((app.screen.question.id, type(app.screen.widget).__name__))
            await pilot.press("ctrl+right")
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("escape", "ctrl+k")
    assert [qid for qid, _ in seen] == [q.id for q in questions]
    assert {kind for _, kind in seen} == {"TextWidget", "SingleWidget", "MultiWidget", "RankingWidget",
                                          "AllocationWidget", "LikertWidget"}
    response = saved(folder)
    assert response.cursor == questions[-1].id and response.answers[questions[-1].id].dont_know


async def test_mouse_buttons_and_points(folder):
    app = fill_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await pilot.click("#btn-next")
        assert screen.question.id == "includes"
        await screen.go_to(6)  # the maturity item
        await pilot.pause()
        assert screen.question.id == "m_sponsor"
        # a picker reads " Today  " (one column of padding) then cells of 4 columns: " ○1 ", " ○2 " …
        def point(picker_id: str, value: int) -> tuple[int, int]:
            lead = 1 + len(screen.query_one(picker_id).caption) + 2
            return (lead + (value - 1) * 4 + 2, 0)

        await pilot.click("#pick-current", offset=point("#pick-current", 3))
        assert saved(folder).answers["m_sponsor"].current == 3
        await pilot.click("#pick-target", offset=point("#pick-target", 5))
        await pilot.click("#btn-back")
        assert screen.question.id == "leave"
    answer = saved(folder).answers["m_sponsor"]
    assert (answer.current, answer.target) == (3, 5)


async def test_a_broken_response_file_is_refused_with_a_message(folder):
    folder.response_file("ann-lee").write_text('format_version = 1\nparticipant = "ann-lee"\nanswers = 3\n')
    app = CxalignApp(home=folder.path.parent, lang="en", workshop=folder.path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, WorkshopScreen)
        assert any("ann-lee.toml" in n for n in notices(app))
        await pilot.press("down", "enter")  # the other participant still opens
        assert isinstance(app.screen, FillScreen)


async def test_long_option_labels_wrap_instead_of_being_cut(tmp_path):
    """At 80 columns every option of the reference questionnaire is readable in full, multiple choices too."""
    import html
    import re

    folder = WorkshopFolder.create(tmp_path / "ws", name="Ref", organisation="Org", participants=[("Ann Lee", "ceo")])
    questionnaire = folder.questionnaire
    app = fill_app(folder, lang="fr")
    async with app.run_test(size=(80, 60)) as pilot:  # 80 wide; tall enough that no list scrolls
        for index, question in enumerate(questionnaire.questions):
            if question.kind not in ("single", "multi", "ranking"):
                continue
            await app.screen.go_to(index)
            await pilot.pause()
            svg = app.export_screenshot()
            painted = " ".join(html.unescape(" ".join(re.findall(r"<text[^>]*>(.*?)</text>", svg, flags=re.S))).split())
            assert "…" not in painted, question.id
            for option in question.options:
                last_word = re.sub(r"\W+$", "", option.label.fr.split()[-1])
                assert last_word in painted, (question.id, option.id, last_word)
