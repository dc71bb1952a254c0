"""One workshop: its participants with status and progress; add, rename, remove; fill; results; export."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Static

from cxalign.errors import InputError, LockedError
from cxalign.i18n import role_label, tr
from cxalign.models.workshop import Participant
from cxalign.present.numbers import EMPTY
from cxalign.store import WorkshopFolder
from cxalign.textfit import clip
from cxalign.tui.base import Command, CxScreen


def lock_is_live(folder: WorkshopFolder, pid: str) -> bool:
    """True when someone is filling ``pid`` in right now (a lock left by a killed session is not)."""
    if not folder.is_locked(pid):
        return False
    try:
        folder.lock(pid).acquire().release()  # a stale lock is cleared by acquiring it
    except LockedError:
        return True
    return False


def who(person: Participant, lang: str) -> str:
    """A person named with their role, as every dialog names them: "Ann Lee (Chief executive)"."""
    return f"{person.name} ({role_label(person.role, lang)})"


def same_name(people: list[Participant], name: str, but: str | None = None) -> Participant | None:
    """Someone else in ``people`` called ``name`` (case, accents and spaces aside), if any."""
    import unicodedata

    def key(text: str) -> str:
        plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
        return " ".join(plain.casefold().split())

    return next((p for p in people if p.id != but and key(p.name) == key(name)), None)


#: Seconds between two readings of who is filling in right now (a browser session may close).
STATUS_REFRESH = 3.0


class WorkshopScreen(CxScreen):
    BINDINGS = [
        Binding("f", "fill", "Fill in"),  # shown: the table takes Enter, so the Footer would hide it
        Binding("enter", "fill", "Fill in", show=False),
        Binding("a", "add", "Add"),
        Binding("n", "rename", "Rename"),
        Binding("x,delete", "remove", "Remove"),
        Binding("r", "results", "Results"),
        Binding("e", "export", "Export"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, folder: WorkshopFolder, *, alone: bool = False):
        super().__init__()
        self.folder = folder
        self.workshop = folder.load()
        #: The only workshop this interface shows (the facilitator's browser): Esc goes nowhere.
        self.alone = alone

    def compose(self) -> ComposeResult:
        w = self.workshop
        yield Static(f"{w.organisation} · {w.name}", id="workshop-title", classes="screen-title", markup=False)
        yield Static(id="workshop-info", classes="help", markup=False)
        yield DataTable(id="participants", cursor_type="row", zebra_stripes=True)
        yield Static(self.tr("workshop.empty"), id="participants-empty", classes="empty", markup=False)
        yield Footer(compact=True, show_command_palette=False)

    def commands(self) -> list[Command]:
        return [("cmd.fill", self.action_fill), ("cmd.add", self.action_add), ("cmd.rename", self.action_rename),
                ("cmd.remove", self.action_remove), ("cmd.results", self.action_results),
                ("cmd.export", self.action_export)] + ([] if self.alone else [("cmd.back", self.action_back)])

    def on_mount(self) -> None:
        self.reload()
        self.set_interval(STATUS_REFRESH, self._refresh_status)

    def _refresh_status(self) -> None:
        """Who is filling in changes under our eyes (a questionnaire closed in a browser)."""
        if self.app.screen is self:
            self.reload(quiet=True)

    def on_resize(self) -> None:
        if self.workshop.participants:
            self.reload(quiet=True)

    def on_screen_resume(self) -> None:
        if self.is_mounted:
            self.reload()

    async def relabel(self) -> None:
        await self.recompose()
        self.reload()

    def reload(self, *, quiet: bool = False) -> None:
        lang = self.app.lang
        try:
            self.workshop = self.folder.load()
            total = len(self.folder.questionnaire.questions)
        except InputError as exc:
            if not quiet:
                self.show_error(exc)
            return
        w = self.workshop
        anonymous = self.tr("workshop.anonymous") if w.anonymous else ""
        self.query_one("#workshop-info", Static).update(
            self.tr("workshop.info", date=w.date.isoformat(), lang=w.language.upper(),
                    n=len(w.participants), path=str(self.folder.path)) + anonymous)
        table = self.query_one(DataTable)
        row = table.cursor_row
        from cxalign.tui.screens.dialogs import group_label

        rows = []
        for p in w.participants:
            status, progress = self._progress(p.id, total, lang)
            rows.append((p, role_label(p.role, lang), status, progress))
        # the group gets a column when anyone has one
        groups = any(p.group for p in w.participants)
        group_width = max((len(group_label(p.group, lang)) for p in w.participants), default=0)
        group_width = min(max(group_width, len(self.tr("workshop.col_group"))), 20) if groups else 0
        # widths measured here: an automatic width waits for the app to be idle (a repaint before it is empty)
        status_width = max([len(self.tr("workshop.col_status")), *(len(r[2]) for r in rows)])
        progress_width = max([len(self.tr("workshop.col_progress")), *(len(r[3]) for r in rows)])
        columns = 5 if groups else 4
        # the name and role take what the status, the group and the answers leave (2 cells of padding a column)
        fixed = status_width + progress_width + group_width + 2 * columns + 2 + 1
        room = max(24, (self.size.width or 80) - fixed)
        name_width = max(12, min(max((len(p.name) for p, *_ in rows), default=12), room * 3 // 5))
        role_width = max(10, room - name_width)
        used_name = max([len(self.tr("workshop.col_name")), *(min(len(p.name), name_width) for p, *_ in rows)])
        used_role = max([len(self.tr("workshop.col_role")), *(min(len(r[1]), role_width) for r in rows)])
        table.clear(columns=True)
        table.add_column(self.tr("workshop.col_name"), key="name", width=used_name)
        table.add_column(self.tr("workshop.col_role"), key="role", width=used_role)
        if groups:
            table.add_column(self.tr("workshop.col_group"), key="group", width=group_width)
        table.add_column(self.tr("workshop.col_status"), key="status", width=status_width)
        table.add_column(self.tr("workshop.col_progress"), key="progress", width=progress_width)
        for p, role, status, progress in rows:
            group = [Text(clip(group_label(p.group, lang), group_width))] if groups else []
            table.add_row(Text(clip(p.name, name_width)), Text(clip(role, role_width)), *group, Text(status),
                          Text(progress, justify="right"), key=p.id)
        if w.participants:
            table.move_cursor(row=min(row or 0, len(w.participants) - 1), animate=False)
        table.display = bool(w.participants)
        self.query_one("#participants-empty").display = not w.participants
        if not quiet:
            table.focus()

    def _progress(self, pid: str, total: int, lang: str) -> tuple[str, str]:
        try:
            response = self.folder.load_response(pid)
        except InputError:
            return "⚠ " + self.tr("workshop.unreadable"), EMPTY
        answered = sum(1 for a in response.answers.values() if a.is_answered)
        status = tr(f"status.{response.status}", lang)
        if any(lock.participant == pid and lock.held for lock in self.app.locks) or lock_is_live(self.folder, pid):
            status += " · " + self.tr("workshop.open_now")
        return status, f"{answered}/{total}"

    def _current(self) -> Participant | None:
        table = self.query_one(DataTable)
        if not self.workshop.participants or table.cursor_row is None:
            return None
        return self.workshop.participants[table.cursor_row]

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_fill()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not (action == "back" and self.alone)  # nothing to go back to: not in the footer either

    def action_back(self) -> None:
        if not self.alone:
            self.dismiss()

    def action_fill(self) -> None:
        from cxalign.tui.screens.fill import FillScreen

        person = self._current()
        if person is None:
            return
        try:
            screen = FillScreen(self.folder, person.id)
        except InputError as exc:
            self.show_error(exc)
            return
        self.app.push_screen(screen)

    def action_add(self) -> None:
        from cxalign.tui.screens.dialogs import ParticipantDialog

        self.app.push_screen(ParticipantDialog(lambda: self.tr("workshop.add_title")), self._added)

    def _added(self, result: tuple[str, str, str | None] | None) -> None:
        if result is None:
            return
        name, role, group = result
        if (twin := same_name(self.workshop.participants, name)) is not None:
            self.say(self.tr("workshop.same_name", who=who(twin, self.lang)), severity="warning", timeout=8)
        self._change(lambda: self.folder.add_participant(name, role, group=group), self.tr("workshop.added", name=name))

    def action_rename(self) -> None:
        from cxalign.tui.screens.dialogs import ParticipantDialog

        person = self._current()
        if person is not None:
            self.app.push_screen(
                ParticipantDialog(lambda: self.tr("workshop.rename_title", who=who(person, self.lang)), person.name,
                                  person.role, rename=True, group=person.group),
                lambda result: self._renamed(person.id, result))

    def _renamed(self, pid: str, result: tuple[str, str, str | None] | None) -> None:
        if result is None:
            return
        person = self.workshop.participant(pid)
        old = person.name if person else pid
        if (twin := same_name(self.workshop.participants, result[0], but=pid)) is not None:
            self.say(self.tr("workshop.same_name", who=who(twin, self.lang)), severity="warning", timeout=8)
        name, role, group = result
        # a group of "" removes it (None would keep it)
        self._change(lambda: self.folder.rename_participant(pid, name=name, role=role, group=group or ""),
                     self.tr("workshop.renamed", old=old, name=name) if name != old
                     else self.tr("workshop.changed", name=name))

    def action_remove(self) -> None:
        from cxalign.tui.screens.dialogs import ConfirmDialog

        person = self._current()
        if person is None:
            return
        if lock_is_live(self.folder, person.id):
            self.show_error(self.tr("workshop.remove_locked", name=who(person, self.lang)))
            return
        self.app.push_screen(ConfirmDialog(lambda: self.tr("workshop.confirm_remove", name=who(person, self.lang))),
                             lambda ok: self._removed(person.id, person.name) if ok else None)

    def _removed(self, pid: str, name: str) -> None:
        self._change(lambda: self.folder.remove_participant(pid), self.tr("workshop.removed", name=name))

    def _change(self, change, message: str) -> bool:
        """Run a store operation on workshop.toml (under its lock, on a fresh read); say how it went."""
        try:
            change()
        except (InputError, OSError, ValueError) as exc:
            self.show_error(exc)
            return False
        self.say(message)
        self.reload()
        return True

    def action_results(self) -> None:
        try:
            from cxalign.tui.screens.results import ResultsScreen
        except ImportError:
            self.show_error(self.tr("workshop.results_missing"))
            return
        self._push(ResultsScreen)

    def action_export(self) -> None:
        try:
            from cxalign.tui.screens.export import ExportScreen
        except ImportError:
            self.show_error(self.tr("workshop.export_missing"))
            return
        self._push(ExportScreen)

    def _push(self, screen_class) -> None:
        try:
            screen = screen_class(self.folder)
        except InputError as exc:
            self.show_error(exc)
            return
        self.app.push_screen(screen)
