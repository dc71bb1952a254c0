"""Filling in: one participant answers the questionnaire, one question at a time.

Every answer is validated and saved atomically as soon as it is given; the
cursor (the question on screen) is saved too, so a killed terminal resumes
exactly where the person stopped. Nothing of the other participants is shown.
"""

from __future__ import annotations

from time import monotonic
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.css.query import NoMatches
from textual.timer import Timer
from textual.widgets import Button, Footer, Label, ProgressBar, Static

from cxalign.errors import InputError, LockedError
from cxalign.i18n import role_label
from cxalign.models.response import Answer
from cxalign.store import WorkshopFolder, now
from cxalign.textfit import fit, unbreakable
from cxalign.tui.base import Command, CxScreen
from cxalign.tui.messages import AnswerChanged, InputRefused
from cxalign.tui.widgets import QuestionWidget, widget_for
from cxalign.tui.widgets.still_progress import StillProgressBar
from cxalign.validation import answer_problems

_TEXT_SAVE_DELAY = 0.6
#: Longest time typed text waits unsaved while the person keeps typing (a kill -9 loses at most this).
_TEXT_SAVE_MAX_WAIT = 1.0


def _same(a: Answer | None, b: Answer | None) -> bool:
    if a is None or b is None:
        return a is b
    return a.model_dump(exclude={"answered_at"}) == b.model_dump(exclude={"answered_at"})


#: Keys a desktop browser keeps for itself (a page never receives them): the filling screen runs
#: in a browser under ``cxalign serve``, so none of its actions may depend on one of these.
BROWSER_KEYS = frozenset({
    "ctrl+n", "ctrl+shift+n", "ctrl+t", "ctrl+shift+t", "ctrl+w", "ctrl+shift+w", "ctrl+tab", "ctrl+shift+tab",
    "ctrl+pageup", "ctrl+pagedown", "ctrl+shift+q", "f11", "alt+f4",
})


class FillScreen(CxScreen):
    """One participant's questionnaire.

    Every action has a key that reaches the app in a browser too (first in each binding,
    shown in the footer): PageDown/PageUp move, Ctrl+K "don't know", Ctrl+O a note,
    Ctrl+R the review, Escape closes. Ctrl+N, which a browser keeps, stays for terminals.
    """

    BINDINGS = [
        Binding("pagedown,ctrl+right", "next", "Next", priority=True),
        Binding("pageup,ctrl+left", "back", "Back", priority=True),
        Binding("ctrl+k", "dont_know", "Don't know", priority=True),
        Binding("ctrl+o,ctrl+n", "note", "Note", priority=True),
        Binding("ctrl+r", "review", "Review", priority=True),
        Binding("escape", "close", "Close"),
    ]

    #: Never offer results or export from here (other people's answers stay hidden).
    private = True

    def __init__(self, folder: WorkshopFolder, participant_id: str, *, confined: bool = False):
        super().__init__()
        #: A participant's own session (``cxalign fill``, a browser): this screen is all there is.
        self.confined = confined
        self.folder = folder
        self.workshop = folder.load()
        participant = self.workshop.participant(participant_id)
        if participant is None:
            raise InputError(f"unknown participant {participant_id!r}", file=folder.workshop_file, field="participants")
        self.participant = participant
        self.questionnaire = folder.questionnaire
        self.questions = self.questionnaire.questions
        self.response = folder.load_response(participant_id)
        ids = [q.id for q in self.questions]
        self.index = ids.index(self.response.cursor) if self.response.cursor in ids else 0
        self.lock = folder.lock(participant_id)
        self.widget: QuestionWidget | None = None
        self._text_timer: Timer | None = None
        self._text_pending_since: float | None = None
        self.refused = False
        # what the progress bars and the flags last showed (see _update_progress, _show_flags)
        self._progress_shown: tuple[object, ...] | None = None
        self._flags_shown: tuple[object, ...] | None = None

    # -- layout ---------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Static(id="fill-title", classes="screen-title")
        with Horizontal(id="fill-progress"):
            yield Label(id="section-label", classes="progress-label")
            yield StillProgressBar(id="section-bar")
            yield Label(id="total-label", classes="progress-label")
            yield StillProgressBar(id="total-bar")
        with VerticalScroll(id="fill-body"):
            yield Static(id="section-title", classes="section-title")
            yield Static(id="prompt", classes="prompt")
            yield Static(id="help", classes="help")
            yield Static(id="dont-know", classes="dont-know")
            yield Static(id="note", classes="note")
        with Horizontal(id="fill-buttons"):
            yield Button(id="btn-back", compact=True)
            yield Button(id="btn-dont-know", compact=True)
            yield Button(id="btn-note", compact=True)
            yield Button(id="btn-review", compact=True)
            yield Button(id="btn-next", compact=True, variant="primary")
        yield Footer(compact=True, show_command_palette=False)

    def commands(self) -> list[Command]:
        return [("cmd.next", self.action_next), ("cmd.previous", self.action_back),
                ("cmd.dont_know", self.action_dont_know), ("cmd.note", self.action_note),
                ("cmd.review", self.action_review)]

    async def on_mount(self) -> None:
        try:
            self.lock.acquire()
        except LockedError as exc:
            self.refused = True
            self.show_error(unbreakable(self.tr("fill.locked", name=self.participant.name, file=exc.file or "")),
                            title=self.tr("fill.locked_title"))
            self.call_after_refresh(self._leave_refused)
            return
        self.app.locks.add(self.lock)
        try:  # read again now that the lock is ours: another session may have saved meanwhile
            self.response = self.folder.load_response(self.participant.id)
        except InputError as exc:
            self.show_error(exc)
            self.refused = True
            self.call_after_refresh(self._leave_refused)
            return
        ids = [q.id for q in self.questions]
        self.index = ids.index(self.response.cursor) if self.response.cursor in ids else 0
        await self.show_question()

    def _leave_refused(self) -> None:
        self.dismiss(None)  # not awaited: called from this screen's own message loop

    def on_unmount(self) -> None:
        try:
            self.flush()  # an app ending with this screen open saves what is on it
        finally:
            self._unlock()

    def _unlock(self) -> None:
        """Free the questionnaire (at once when leaving: the list below shows it closed)."""
        if self.lock.held:
            self.lock.release()
        self.app.locks.discard(self.lock)

    def _leave(self, result: bool) -> None:
        self._unlock()
        self.dismiss(result)

    async def relabel(self) -> None:
        self.flush()
        await self.show_question()

    @property
    def question(self) -> Any:
        return self.questions[self.index]

    def _answered(self, questions: list[Any]) -> int:
        from cxalign.tui.widgets.base import answer_incomplete

        return sum(1 for q in questions if self.response.answered(q.id) is not None
                   and not answer_incomplete(q, self.response.answers.get(q.id)))

    def _update_progress(self) -> None:
        section = self.questionnaire.section_of(self.question.id)
        in_section = section.questions
        done_section, done_all = self._answered(in_section), self._answered(self.questions)
        shown = (self.app.lang, section.id, done_section, done_all)
        if shown == self._progress_shown:
            return  # typing saves every second: a label updated to the same text still re-lays the screen out
        self._progress_shown = shown
        self.query_one("#section-label", Label).update(
            self.tr("fill.section_progress", done=done_section, n=len(in_section)))
        self.query_one("#section-bar", ProgressBar).update(total=len(in_section), progress=done_section)
        self.query_one("#total-label", Label).update(
            self.tr("fill.total_progress", done=done_all, n=len(self.questions)))
        self.query_one("#total-bar", ProgressBar).update(total=len(self.questions), progress=done_all)

    async def show_question(self) -> None:
        """Render the question at ``self.index`` with its saved answer."""
        lang = self.app.lang
        q = self.question
        section = self.questionnaire.section_of(q.id)
        number = self.questionnaire.sections.index(section) + 1
        answer = self.response.answers.get(q.id)
        who = self.participant.name
        if self.workshop.anonymous:
            who = role_label(self.participant.role, lang)
        self.query_one("#fill-title", Static).update(
            Text(f"{self.workshop.organisation} · {self.workshop.name} — {who}"))
        self.query_one("#section-title", Static).update(
            fit(self.tr("fill.section", n=number, total=len(self.questionnaire.sections), title=section.title.get(lang))))
        self.query_one("#prompt", Static).update(
            fit(self.tr("fill.question", n=self.index + 1, total=len(self.questions)) + "  " + q.prompt.get(lang)))
        lines = [q.help.get(lang)] if q.help else []
        dimension = self.questionnaire.dimension(q.dimension) if getattr(q, "dimension", None) else None
        if dimension is not None:
            lines.append(self.tr("likert.dimension", name=dimension.name.get(lang)))
        help_text = self.query_one("#help", Static)
        help_text.update(fit("\n".join(lines)))
        help_text.display = bool(lines)
        self._show_flags(answer)
        for key, button in (("back", "#btn-back"), ("dont_know", "#btn-dont-know"), ("note", "#btn-note"),
                            ("review", "#btn-review"), ("next", "#btn-next")):
            self.query_one(button, Button).label = self.tr(f"button.{key}")
        self.query_one("#btn-back", Button).disabled = self.index == 0
        if self.widget is not None:
            await self.widget.remove()
        self.widget = widget_for(q, answer, lang)
        await self.query_one("#fill-body", VerticalScroll).mount(self.widget, before="#dont-know")
        self.query_one("#fill-body", VerticalScroll).scroll_home(animate=False)
        self.widget.focus_input()
        self._update_progress()

    def _show_flags(self, answer: Answer | None) -> None:
        shown = (self.app.lang, self.question.id, bool(answer and answer.dont_know), answer.note if answer else "")
        if shown == self._flags_shown:
            return
        self._flags_shown = shown
        dont_know = self.query_one("#dont-know", Static)
        dont_know.update(Text(self.tr("fill.dont_know_recorded") if answer and answer.dont_know else ""))
        dont_know.display = bool(answer and answer.dont_know)
        note = self.query_one("#note", Static)
        note.update(fit(self.tr("fill.note_shown", note=answer.note)) if answer and answer.note else "")
        note.display = bool(answer and answer.note)

    # -- saving ---------------------------------------------------------------------
    def _store(self, question_id: str, answer: Answer | None) -> bool:
        """Validate and save one answer (``None`` removes it); False when refused."""
        if answer is not None:
            problems = answer_problems(self.question if self.question.id == question_id
                                       else self.questionnaire.question(question_id), answer)
            if problems:
                self.show_error("; ".join(f"{f}: {m}" for f, m in problems))
                return False
        response = self.response.model_copy(deep=True)
        if answer is None:
            response.answers.pop(question_id, None)
        else:
            response.answers[question_id] = answer
        if response.status == "submitted":
            self.say(self.tr("fill.reopened"), severity="warning")
        response.status = "in_progress"
        response.submitted_at = None
        return self._save(response)

    def _save(self, response: Any) -> bool:
        stamp = now()
        response.started_at = response.started_at or stamp
        response.updated_at = stamp
        response.cursor = self.question.id
        try:
            self.folder.save_response(response)
        except (InputError, OSError, ValueError) as exc:  # what was typed stays on screen
            self.show_error(self.tr("fill.save_failed", error=self.error_text(exc)))
            return False
        self.response = response
        return True

    def commit(self, *, leaving: bool = False) -> bool:
        """Save the value on screen if it changed; returns False when it cannot be saved."""
        if self.widget is None or self.refused:
            return True
        if self._text_timer is not None:
            self._text_timer.stop()
            self._text_timer = None
        self._text_pending_since = None
        q = self.question
        old = self.response.answers.get(q.id)
        note = old.note if old else ""
        try:
            fields = self.widget.value()
        except NoMatches:  # the widget is still being mounted: nothing was typed yet
            return True
        except ValueError as exc:
            self.show_error(exc)
            return False
        if leaving and self.widget.incomplete:
            self.say(self.widget.missing(), severity="warning")
        if fields is None:
            if self.widget.incomplete:
                # a draft (an allocation that does not add up yet): the widget keeps it, and the
                # last complete answer stays saved until this one is whole
                return True
            if old is None or old.dont_know or old.is_empty:
                return True
            new = Answer(note=note) if note else None  # the value was cleared on screen
        else:
            try:
                new = Answer(**fields, note=note, answered_at=now())
            except ValueError as exc:  # e.g. a control character pasted: said, and the text stays on screen
                self.show_error(self.error_text(exc))
                return False
        if _same(old, new):
            return True
        ok = self._store(q.id, new)
        if ok:
            try:
                self._show_flags(new)
                self._update_progress()
            except NoMatches:  # saved while the screen is being taken down (the app is ending)
                pass
        return ok

    def flush(self) -> None:
        """Save whatever is on screen, the pending text too (before any ending)."""
        if self.lock.held:
            self.commit()

    def error_text(self, error: BaseException) -> str:
        from pydantic import ValidationError

        from cxalign.errors import from_validation
        from cxalign.tui.base import error_text

        if isinstance(error, ValidationError):
            error = from_validation(error)
        return error_text(error, self.lang)

    def _save_cursor(self) -> None:
        if self.response.cursor != self.question.id:
            self._save(self.response.model_copy(deep=True))

    @on(AnswerChanged)
    def _answer_changed(self, event: AnswerChanged) -> None:
        event.stop()
        if event.urgent:
            self.commit()
            return
        # typed text: saved after a pause, and at least every _TEXT_SAVE_MAX_WAIT while typing on
        waited = 0.0 if self._text_pending_since is None else monotonic() - self._text_pending_since
        if waited >= _TEXT_SAVE_MAX_WAIT:
            self.commit()
            return
        if self._text_pending_since is None:
            self._text_pending_since = monotonic()
        if self._text_timer is not None:
            self._text_timer.stop()
        self._text_timer = self.set_timer(_TEXT_SAVE_DELAY, self.commit)

    @on(InputRefused)
    def _input_refused(self, event: InputRefused) -> None:
        event.stop()
        self.say(event.reason, severity="warning")

    # -- moving ---------------------------------------------------------------------
    async def go_to(self, index: int) -> None:
        self.commit(leaving=True)
        self.index = max(0, min(index, len(self.questions) - 1))
        self._save_cursor()
        await self.show_question()

    async def action_next(self) -> None:
        if self.index + 1 < len(self.questions):
            await self.go_to(self.index + 1)
        else:
            await self.action_review()

    async def action_back(self) -> None:
        if self.index > 0:
            await self.go_to(self.index - 1)

    async def action_dont_know(self) -> None:
        self.commit()
        q = self.question
        old = self.response.answers.get(q.id)
        note = old.note if old else ""
        if old is not None and old.dont_know:
            new = Answer(note=note) if note else None
        else:
            new = Answer(dont_know=True, note=note, answered_at=now())
        if self._store(q.id, new):
            await self.show_question()

    def action_note(self) -> None:
        from cxalign.tui.screens.dialogs import NoteDialog

        self.commit()
        old = self.response.answers.get(self.question.id)
        self.app.push_screen(NoteDialog(old.note if old else ""), self._note_given)

    def _note_given(self, note: str | None) -> None:
        if note is None:
            return
        q = self.question
        old = self.response.answers.get(q.id)
        if old is None:
            new = Answer(note=note) if note else None
        else:
            new = old.model_copy(update={"note": note})
        if new is not None and new.is_empty and not new.dont_know and not new.note:
            new = None
        if not _same(old, new) and self._store(q.id, new):
            self._show_flags(new)

    async def action_review(self) -> None:
        from cxalign.tui.screens.review import ReviewScreen

        self.commit(leaving=True)
        self._save_cursor()
        self.app.push_screen(ReviewScreen(self.questionnaire, self.response), self._reviewed)

    async def _reviewed(self, result: tuple[str, str] | None) -> None:
        if result is None:
            return
        what, question_id = result
        if what == "jump":
            ids = [q.id for q in self.questions]
            await self.go_to(ids.index(question_id))
        elif what == "submit":
            response = self.response.model_copy(deep=True)
            response.status = "submitted"
            response.submitted_at = now()
            if self._save(response):
                self.say(self.tr("fill.submitted"), timeout=6)
                self._leave(True)

    def action_close(self) -> None:
        if self.commit(leaving=True):
            self._save_cursor()
        self._leave(False)

    @on(Button.Pressed)
    async def _button(self, event: Button.Pressed) -> None:
        event.stop()
        actions = {"btn-back": self.action_back, "btn-next": self.action_next,
                   "btn-dont-know": self.action_dont_know, "btn-review": self.action_review}
        if event.button.id == "btn-note":
            self.action_note()
        elif event.button.id in actions:
            await actions[event.button.id]()
