"""Small dialogs: confirm, note, new workshop, add or rename a participant."""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Checkbox, Input, Label, ListItem, ListView, Select, Static

from cxalign.i18n import role_label
from cxalign.models.workshop import KNOWN_ROLES
from cxalign.tui.base import CxModal
from cxalign.tui.widgets.clean import CleanInput


def role_options(lang: str) -> list[tuple[str, str]]:
    return [(role_label(role, lang), role) for role in KNOWN_ROLES]


def known_groups() -> tuple[str, ...]:
    """The group keys said in words (``comex``, ``managers`` …), as the comparison and the report say them."""
    from cxalign.compare.present import KNOWN_GROUPS

    return KNOWN_GROUPS


def group_label(group: str | None, lang: str) -> str:
    """A group key in words (``comex`` → "Comité de direction"/"Leadership team"); any other group as typed."""
    from cxalign.tui.base import tr

    if not group:
        return ""
    return tr(f"compare:group.{group}", lang) if group in known_groups() else group


def group_key(text: str) -> str | None:
    """What was typed in the group field as stored: a known group's words (in either language)
    become its key; empty is no group; anything else is kept as typed."""
    text = " ".join(text.split())
    if not text:
        return None
    for key in known_groups():
        if text.casefold() in {key.casefold(), group_label(key, "fr").casefold(), group_label(key, "en").casefold()}:
            return key
    return text


class ConfirmDialog(CxModal):
    """Yes / no; dismisses with a bool."""

    BINDINGS = [Binding("escape", "no", "No"), Binding("y", "yes", "Yes", show=False)]

    def __init__(self, message: str | Callable[[], str]):
        super().__init__()
        self.message = message

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            text = self.message() if callable(self.message) else self.message
            yield Static(text, classes="dialog-message", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.tr("button.yes"), id="yes", variant="error")
                yield Button(self.tr("button.no"), id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def action_yes(self) -> None:
        self.dismiss(True)

    def action_no(self) -> None:
        self.dismiss(False)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")


class NoteDialog(CxModal):
    """An optional note on the current question; dismisses with the text or None."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, note: str):
        super().__init__()
        self.note = note

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.tr("note.title"), classes="dialog-title", markup=False)
            yield CleanInput(self.note, placeholder=self.tr("note.placeholder"), id="note-input", max_length=2000)
            yield Static(self.tr("note.hint"), classes="hint", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.tr("button.save"), id="save", variant="primary")
                yield Button(self.tr("button.cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip())

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(self.query_one(Input).value.strip() if event.button.id == "save" else None)


class ParticipantDialog(CxModal):
    """Name, role and group of a participant; dismisses with (name, role, group or None) or None.

    The group is free text, completed from the known groups (Tab accepts the suggestion).

    Enter in the name, or after choosing a role, gives the form (the OK button takes the focus).
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str | Callable[[], str], name: str = "", role: str = "ceo", *, rename: bool = False,
                 group: str | None = None):
        super().__init__()
        self.title_text = title
        self.name_value = name
        self.role = role
        self.group = group
        self.rename = rename

    def compose(self) -> ComposeResult:
        options = role_options(self.app.lang)
        if self.role not in KNOWN_ROLES:
            options.append((self.role, self.role))
        with Vertical(classes="dialog"):
            title = self.title_text() if callable(self.title_text) else self.title_text
            yield Label(title, classes="dialog-title", markup=False)
            with Horizontal(classes="form-row"):
                yield Label(self.tr("form.person_name_label"), classes="form-label")
                yield Input(self.name_value, placeholder=self.tr("form.person_name"), id="person-name",
                            max_length=200, compact=True)
            with Horizontal(classes="form-row"):
                yield Label(self.tr("form.role_label"), classes="form-label")
                yield Select(options, value=self.role, allow_blank=False, id="person-role", compact=True)
            with Horizontal(classes="form-row"):
                from textual.suggester import SuggestFromList

                lang = self.app.lang
                yield Label(self.tr("form.group_label"), classes="form-label")
                yield Input(group_label(self.group, lang), placeholder=self.tr("form.group_placeholder"),
                            id="person-group", max_length=100, compact=True,
                            suggester=SuggestFromList([group_label(g, lang) for g in known_groups()],
                                                      case_sensitive=False))
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.tr("button.ok"), id="ok", variant="primary", compact=True)
                yield Button(self.tr("button.cancel"), id="cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#person-name", Input).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def _done(self) -> None:
        name = self.query_one("#person-name", Input).value.strip()
        if not name:
            self.notify(self.tr("form.name_required"), severity="warning")
            return
        self.dismiss((name, self.query_one("#person-role", Select).value,
                      group_key(self.query_one("#person-group", Input).value)))

    @on(Select.Changed, "#person-role")
    def _role_chosen(self) -> None:
        if self.query_one("#person-role", Select).has_focus:
            self.query_one("#ok", Button).focus()  # the next Enter gives the form, as the hint says

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self._done()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "ok":
            self._done()
        else:
            self.dismiss(None)


class NewWorkshopDialog(CxModal):
    """The form creating a workshop; dismisses with a dict of its fields or None."""

    BINDINGS = [Binding("escape", "cancel", "Cancel"), Binding("ctrl+s", "create", "Create", priority=True)]

    def __init__(self):
        super().__init__()
        self.people: list[tuple[str, str]] = []

    def compose(self) -> ComposeResult:
        lang = self.app.lang
        with Vertical(classes="dialog wide", id="new-workshop"):
            yield Label(self.tr("form.new_title"), classes="dialog-title")
            with Vertical(id="form-body"):
                with Horizontal(classes="form-row"):
                    yield Label(self.tr("form.workshop_name_label"), classes="form-label")
                    yield Input(placeholder=self.tr("form.workshop_name_example"), id="ws-name", max_length=200,
                                compact=True)
                with Horizontal(classes="form-row"):
                    yield Label(self.tr("form.organisation_label"), classes="form-label")
                    yield Input(placeholder=self.tr("form.organisation_example"), id="ws-org", max_length=200,
                                compact=True)
                with Horizontal(classes="form-row"):
                    yield Label(self.tr("form.language_label"), classes="form-label")
                    yield Select([("Français", "fr"), ("English", "en")], value=lang, allow_blank=False,
                                 id="ws-lang", compact=True)
                    yield Checkbox(self.tr("form.anonymous"), id="ws-anon", compact=True)
                yield Label(self.tr("form.participants"), classes="form-section")
                with Horizontal(classes="form-row"):
                    yield Label(self.tr("form.person_name_label"), classes="form-label")
                    yield Input(placeholder=self.tr("form.person_name"), id="p-name", max_length=200, compact=True)
                    yield Select(role_options(lang), value="ceo", allow_blank=False, id="p-role", compact=True)
                    yield Button(self.tr("button.add"), id="p-add", compact=True)
                yield ListView(*(self._person_item(name, role) for name, role in self.people), id="p-list")
                yield Static(self.tr("form.people_hint"), classes="hint", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.tr("button.create"), id="create", variant="primary", compact=True)
                yield Button(self.tr("button.cancel"), id="cancel", compact=True)

    def _person_item(self, name: str, role: str) -> ListItem:
        return ListItem(Label(f"{name} — {role_label(role, self.app.lang)}", markup=False))

    def on_mount(self) -> None:
        self.query_one("#ws-name", Input).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def _add_person(self) -> None:
        name_input = self.query_one("#p-name", Input)
        name = name_input.value.strip()
        if not name:
            self.notify(self.tr("form.name_required"), severity="warning")
            return
        role = self.query_one("#p-role", Select).value
        twin = next((f"{n} ({role_label(r, self.app.lang)})" for n, r in self.people
                     if " ".join(n.casefold().split()) == " ".join(name.casefold().split())), None)
        if twin is not None:
            self.app.notify(self.tr("workshop.same_name", who=twin), severity="warning", timeout=8, markup=False)
        self.people.append((name, role))
        self.query_one("#p-list", ListView).append(self._person_item(name, role))
        name_input.value = ""
        name_input.focus()

    def on_key(self, event) -> None:
        people = self.query_one("#p-list", ListView)
        if event.key in ("delete", "backspace") and people.has_focus and people.index is not None:
            event.stop()
            index = people.index
            del self.people[index]
            people.pop(index)

    @on(Select.Changed, "#p-role")
    def _role_chosen(self) -> None:
        if self.query_one("#p-role", Select).has_focus:
            self.query_one("#p-add", Button).focus()  # the next Enter adds the person, as the hint says

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "p-name":
            self._add_person()
        else:
            self.focus_next()

    def action_create(self) -> None:
        name = self.query_one("#ws-name", Input).value.strip()
        org = self.query_one("#ws-org", Input).value.strip()
        if not name or not org:
            self.notify(self.tr("form.required"), severity="warning")
            return
        if self.query_one("#p-name", Input).value.strip():
            self._add_person()
        self.dismiss({
            "name": name, "organisation": org, "language": self.query_one("#ws-lang", Select).value,
            "anonymous": self.query_one("#ws-anon", Checkbox).value, "participants": list(self.people),
        })

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "p-add":
            self._add_person()
        elif event.button.id == "create":
            self.action_create()
        elif event.button.id == "cancel":
            self.dismiss(None)
