"""The question widgets: incomplete answers and drafts, quick ranking, consistency hints,
control characters at input, French line breaks, keys a browser leaves to the page."""

from __future__ import annotations

import pytest
from helpers import fill_app, notices, saved
from rich.console import Console
from textual import events
from textual.geometry import Region
from textual.widgets import OptionList, Static

from cxalign.store import WorkshopFolder
from cxalign.textfit import LINE_START_FORBIDDEN, fit, glue, strip_controls
from cxalign.tui.widgets.base import QuestionWidget
from cxalign.tui.widgets.clean import AnswerArea, CleanInput

SIZE = (100, 30)


@pytest.fixture
def folder(tui_workshop) -> WorkshopFolder:
    return tui_workshop


def shown(widget: Static) -> str:
    """What a Static says, words separated by single spaces."""
    return " ".join(str(widget.content).replace("\u00a0", " ").split())


async def go(app, pilot, question_id: str) -> None:
    ids = [q.id for q in app.screen.questions]
    await app.screen.go_to(ids.index(question_id))
    await pilot.pause()


# -- textfit ----------------------------------------------------------------------------

def test_strip_controls_keeps_tabs_and_newlines_only_where_allowed():
    assert strip_controls("a\x01b\x1b[31mc\td\r\ne\x7f") == "ab[31mc\td\ne"
    assert strip_controls("a\x01b\tc\nd", multiline=False) == "ab c d"
    assert strip_controls("déjà « vu » ?") == "déjà « vu » ?"


@pytest.mark.parametrize("width", range(14, 41))
def test_fit_never_starts_a_line_with_french_punctuation(width):
    text = "Qu'est-ce que l'expérience client\u00a0? Elle\u202f; vraiment\u00a0: oui\u00a0! « citation » fin ?"
    console = Console(width=width, color_system=None)
    with console.capture() as capture:
        console.print(fit(text))
    lines = capture.get().splitlines()
    assert lines and all(not line.lstrip().startswith(LINE_START_FORBIDDEN) for line in lines), lines
    assert "".join(" ".join(lines).split()) == "".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


def test_fit_shows_user_text_as_typed_never_as_markup():
    console = Console(width=80, color_system=None)
    with console.capture() as capture:
        console.print(fit("Offsite [/2027] [link=http://x]y[/link] [b]"))
    assert capture.get().strip() == "Offsite [/2027] [link=http://x]y[/link] [b]"


def test_glue_ties_the_space_before_french_punctuation():
    assert glue("Vraiment ? « Oui »") == "Vraiment\u00a0? «\u00a0Oui\u00a0»"


def painted_lines(widget) -> list[str]:
    """The lines a widget paints now (its whole size, without borders)."""
    region = Region(0, 0, widget.size.width, widget.size.height)
    return [strip.text for strip in widget.render_lines(region)]


@pytest.mark.parametrize("lang", ["fr", "en"])
async def test_no_line_starts_with_french_punctuation_at_80_columns(tmp_path, lang):
    """Every question of the reference questionnaire, its options, points and hints, at 80 columns."""
    folder = WorkshopFolder.create(tmp_path / "ws", name="Ref", organisation="Org", participants=[("Ann Lee", "ceo")])
    app = fill_app(folder, lang=lang)
    offenders = []
    async with app.run_test(size=(80, 80)) as pilot:  # 80 wide; tall enough that nothing scrolls
        for index, question in enumerate(folder.questionnaire.questions):
            await app.screen.go_to(index)
            await pilot.pause()
            body = app.screen.query_one("#fill-body")
            widgets = [w for w in body.query("Static, OptionList") if w.display and w.size.area]
            assert any(isinstance(w, OptionList) for w in widgets) or question.kind not in ("single", "multi", "ranking")
            for widget in widgets:
                for line in painted_lines(widget):
                    start = line.strip(" ▊▎▔▁").lstrip()
                    if start.startswith(LINE_START_FORBIDDEN):
                        offenders.append((question.id, line))
    assert offenders == []


# -- the widget API ---------------------------------------------------------------------

def test_the_base_class_declares_the_api_the_screen_relies_on():
    widget = QuestionWidget.__new__(QuestionWidget)
    assert widget.incomplete is False and widget.remaining == 0
    assert widget.missing() == "" and widget.draft() is None


# -- allocation -------------------------------------------------------------------------

async def test_an_allocation_that_does_not_add_up_is_kept_as_a_draft(folder):
    app = fill_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await go(app, pilot, "goals")
        await pilot.press("4", "0", "tab", "2", "0")
        await pilot.pause()
        widget = app.screen.widget
        assert widget.incomplete and widget.remaining == 40
        assert "40" in shown(widget.query_one("#alloc-remaining"))
        await pilot.press("ctrl+right")  # moving on: said what is missing, nothing saved, nothing lost
        await pilot.pause()
        assert app.screen.question.id == "leave"
        assert any("40 of 100 points are missing" in n for n in notices(app))
        assert "goals" not in saved(folder).answers
        await pilot.press("ctrl+left")  # coming back shows the draft
        await pilot.pause()
        widget = app.screen.widget
        assert widget.points == {"effort": 40, "nps": 20, "churn": 0}
        assert app.screen.query_one("#alloc-effort").value == "40"
        await pilot.press("tab", "tab", "4", "0")  # completing it saves it and forgets the draft
        await pilot.pause()
        assert saved(folder).answers["goals"].allocation == {"effort": 40, "nps": 20, "churn": 40}
        assert widget.draft() is None
        await pilot.press("ctrl+right", "ctrl+left")
        await pilot.pause()
        assert app.screen.widget.points == {"effort": 40, "nps": 20, "churn": 40}


async def test_letters_in_an_allocation_are_refused_once_inline_not_as_toasts(folder):
    app = fill_app(folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await go(app, pilot, "goals")
        await pilot.press("a", "b", "c")
        await pilot.pause()
        status = app.screen.query_one("#alloc-remaining")
        assert shown(status).count("whole number") == 1
        assert not any("whole number" in n for n in notices(app))
        assert app.screen.query_one("#alloc-effort").value == ""
        await pilot.press("5")  # a valid key clears the refusal
        await pilot.pause()
        assert "whole number" not in shown(status)


async def test_dont_know_replaces_an_allocation_draft(folder):
    app = fill_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await go(app, pilot, "goals")
        await pilot.press("3", "0", "ctrl+k")
        await pilot.pause()
        assert saved(folder).answers["goals"].dont_know
        assert app.screen.widget.points == {"effort": 0, "nps": 0, "churn": 0}


# -- maturity item ----------------------------------------------------------------------

async def test_today_without_target_reports_itself_incomplete(folder):
    app = fill_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await go(app, pilot, "m_sponsor")
        await pilot.press("4")
        await pilot.pause()
        widget = app.screen.widget
        assert widget.incomplete and widget.remaining == 1
        assert "choose the target too" in widget.missing()
        assert "choose the target too" in shown(widget.query_one("#likert-hint"))
        await pilot.press("ctrl+left")
        await pilot.pause()
        assert any("choose the target too" in n for n in notices(app))
        assert saved(folder).answers["m_sponsor"].current == 4  # today is kept meanwhile


async def test_a_target_below_today_is_questioned_in_the_hint_not_refused(folder):
    app = fill_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await go(app, pilot, "m_sponsor")
        await pilot.press("4", "tab", "2")
        await pilot.pause()
        hint = shown(app.screen.widget.query_one("#likert-hint"))
        assert "The target (2) is below today (4)" in hint
        answer = saved(folder).answers["m_sponsor"]
        assert (answer.current, answer.target) == (4, 2)
        assert not app.screen.widget.incomplete
        await pilot.press("5")
        await pilot.pause()
        assert "below today" not in shown(app.screen.widget.query_one("#likert-hint"))


# -- ranking ----------------------------------------------------------------------------

async def test_a_ranking_in_its_first_order_needs_a_move_or_a_second_enter(folder):
    app = fill_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await go(app, pilot, "leave")
        await pilot.press("enter")  # a hurried Enter records nothing
        await pilot.pause()
        assert "leave" not in saved(folder).answers
        assert "press Enter again" in shown(app.screen.query_one("#ranking-status"))
        assert app.screen.widget.incomplete
        await pilot.press("enter")  # confirmed
        await pilot.pause()
        assert saved(folder).answers["leave"].ranking == ["bill", "channels", "perso"]


async def test_a_digit_sends_a_line_to_that_rank_and_home_end_to_the_ends(folder):
    app = fill_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await go(app, pilot, "leave")
        await pilot.press("end")  # the first line to the bottom
        await pilot.pause()
        assert saved(folder).answers["leave"].ranking == ["channels", "perso", "bill"]
        await pilot.press("up", "up", "2")  # "channels" (1st) to rank 2
        await pilot.pause()
        assert saved(folder).answers["leave"].ranking == ["perso", "channels", "bill"]
        await pilot.press("home")  # it stays highlighted: now first
        await pilot.pause()
        assert saved(folder).answers["leave"].ranking == ["channels", "perso", "bill"]
        await pilot.press("9")  # no such rank: nothing moves
        await pilot.pause()
        assert saved(folder).answers["leave"].ranking == ["channels", "perso", "bill"]
        hint = " ".join(shown(s) for s in app.screen.widget.query(".hint"))
        assert "Digit 1 to 3" in hint and "Home/End" in hint


# -- multiple choice --------------------------------------------------------------------

async def test_none_ticked_with_another_option_is_questioned_in_the_hint(tmp_path):
    folder = WorkshopFolder.create(tmp_path / "ws", name="Ref", organisation="Org", participants=[("Ann Lee", "ceo")])
    app = fill_app(folder)
    async with app.run_test(size=(80, 40)) as pilot:
        await go(app, pilot, "metrics_measured")
        await pilot.press("space")  # NPS
        await pilot.pause()
        hint = app.screen.widget.query_one("#multi-hint")
        assert "ticked together" not in shown(hint)
        await pilot.press("end", "space")  # "No regular indicator" as well: asked, not refused
        await pilot.pause()
        assert '"No regular indicator" is ticked together with other answers' in shown(hint)
        assert saved(folder).answers["metrics_measured"].choices == ["nps", "none"]
        await pilot.press("home", "space")
        await pilot.pause()
        assert "ticked together" not in shown(hint)


# -- control characters and text keys ---------------------------------------------------

async def test_pasting_control_characters_into_the_definition_never_crashes(folder):
    app = fill_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        area = app.screen.query_one(AnswerArea)
        app.post_message(events.Paste("Trust\x01 [/b] and\x1b[31m care\r\nsecond line\tok"))
        await pilot.pause(0.9)
        assert area.text == "Trust [/b] and[31m care\nsecond line\tok"
        await pilot.press("ctrl+right")
        await pilot.pause()
        assert app.screen.question.id == "includes"
    assert saved(folder).answers["def_text"].text == "Trust [/b] and[31m care\nsecond line\tok"


async def test_pasting_control_characters_into_a_note_never_crashes(folder):
    app = fill_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+right", "ctrl+right")
        await pilot.press("ctrl+n")
        await pilot.pause()
        note = app.screen.query_one(CleanInput)
        app.post_message(events.Paste("see [/x]\x01 here"))
        await pilot.pause()
        assert note.value == "see [/x] here"
        await pilot.press("enter")
        await pilot.pause()
    assert saved(folder).answers["owner"].note == "see [/x] here"


async def test_the_definition_field_selects_all_and_clears(folder):
    app = fill_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        area = app.screen.query_one(AnswerArea)
        await pilot.press(*"abc")
        await pilot.press("ctrl+a")
        assert area.selected_text == "abc"
        await pilot.press("f8")
        assert area.text == ""
        await pilot.press("ctrl+z")
        assert area.text == "abc"


# -- keys -------------------------------------------------------------------------------

BROWSER_KEYS = {"ctrl+n", "ctrl+w", "ctrl+t", "ctrl+tab", "f1", "f5", "f11", "ctrl+l"}


def test_every_widget_action_has_a_key_a_browser_leaves_to_the_page():
    from cxalign.tui.widgets.choice import ChoiceList
    from cxalign.tui.widgets.likert import PointPicker
    from cxalign.tui.widgets.ranking import RankList

    for cls in (RankList, ChoiceList, PointPicker, AnswerArea):
        by_action: dict[str, set[str]] = {}
        for binding in cls.BINDINGS:
            by_action.setdefault(binding.action, set()).update(k.strip() for k in binding.key.split(","))
        for action, keys in by_action.items():
            assert keys - BROWSER_KEYS, (cls.__name__, action, keys)


async def test_a_failed_save_is_a_notification_and_the_text_is_kept(folder, monkeypatch):
    app = fill_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        def refuse(response):
            raise OSError("disk full [/b] [link=x]")

        monkeypatch.setattr(app.screen.folder, "save_response", refuse)
        await pilot.press(*"Kept")
        await pilot.pause(0.9)
        assert any("disk full [/b] [link=x]" in n for n in notices(app))
        assert app.screen.query_one(AnswerArea).text == "Kept"
        monkeypatch.undo()
        await pilot.press("ctrl+right")
    assert saved(folder).answers["def_text"].text == "Kept"


@pytest.mark.parametrize("width", range(14, 61))
def test_unbreakable_strings_never_start_a_line_with_french_punctuation(width):
    """Notifications take only strings: Textual's own wrapping must not break before ? ; : !"""
    from textual.content import Content

    from cxalign.textfit import unbreakable

    text = ("Le questionnaire de Claire est déjà ouvert ailleurs. Fermez-le là-bas d'abord ; "
            "si cette session n'existe plus, supprimez /tmp/x.lock. Pourquoi ? Parce que : voilà !")
    lines = [line.plain for line in Content(unbreakable(text)).wrap(width)]
    assert all(not line.lstrip().startswith(LINE_START_FORBIDDEN) for line in lines), lines


def test_a_saved_maturity_item_with_one_level_is_an_incomplete_answer(tui_workshop):
    from cxalign.models.response import Answer
    from cxalign.tui.widgets.base import answer_incomplete

    item = tui_workshop.questionnaire.question("m_sponsor")
    plain = tui_workshop.questionnaire.question("silos")
    assert answer_incomplete(item, Answer(current=2))
    assert answer_incomplete(item, Answer(target=4))
    assert not answer_incomplete(item, Answer(current=2, target=4))
    assert not answer_incomplete(item, Answer(dont_know=True))
    assert not answer_incomplete(item, None)
    assert not answer_incomplete(plain, Answer(value=3))


async def test_a_progress_bar_is_not_repainted_while_nothing_moves():
    """Textual's ProgressBar repaints itself every second for its ETA (this test fails with it);
    in the workshop room each open questionnaire would send its two bars to the browser
    every second for nothing."""
    from textual.app import App
    from textual.widgets import ProgressBar

    from cxalign.tui.widgets.still_progress import StillProgressBar

    class Bars(App):
        def compose(self):
            yield StillProgressBar(total=32)

    app = Bars()
    async with app.run_test(size=(60, 3)) as pilot:
        bar = app.query_one(ProgressBar)
        for done in (1, 2):  # two answers over a second apart: enough for a countdown to completion
            bar.update(progress=done)
            await pilot.pause(1.1)
        repaints = []
        original = bar.refresh
        bar.refresh = lambda *a, **k: (repaints.append(k), original(*a, **k))[1]
        await pilot.pause(2.3)  # two of ProgressBar's once-a-second ticks
        assert repaints == []
        bar.update(progress=4)  # a real change still shows
        assert repaints and bar.percentage == 0.125
