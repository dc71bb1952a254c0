"""One workshop: its participants with status and progress; add, rename, remove; fill; results; export."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Static

from cxalign.errors import InputError, LockedError
from cxalign.i18n import role_label, tr
from cxalign.models.workshop import Participant
from cxalign.store import WorkshopFolder
from cxalign.tui.lang import LangScreen
from cxalign.tui.textfit import clip


def lock_is_live(folder: WorkshopFolder, pid: str) -> bool:
    """True when someone is filling ``pid`` in right now (a lock left by a killed session is not)."""
    if not folder.is_locked(pid):
        return False
    try:
        folder.lock(pid).acquire().release()  # a stale lock is cleared by acquiring it
    except LockedError:
        return True
    return False


class WorkshopScreen(LangScreen):
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

    def __init__(self, folder: WorkshopFolder):
        super().__init__()
        self.folder = folder
        self.workshop = folder.load()

    def compose(self) -> ComposeResult:
        w = self.workshop
        yield Static(f"{w.organisation} · {w.name}", id="workshop-title", classes="screen-title")
        yield Static(id="workshop-info", classes="help")
        table = DataTable(id="participants", cursor_type="row", zebra_stripes=True)
        table.add_column(self.tr("workshop.col_name"), key="name")
        table.add_column(self.tr("workshop.col_role"), key="role")
        table.add_column(self.tr("workshop.col_status"), key="status")
        table.add_column(self.tr("workshop.col_progress"), key="progress")
        yield table
        yield Static(self.tr("workshop.empty"), id="participants-empty", classes="empty")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.reload()

    def on_screen_resume(self) -> None:
        if self.is_mounted:
            self.reload()

    async def relabel(self) -> None:
        await self.recompose()
        self.reload()

    def reload(self) -> None:
        lang = self.app.lang
        try:
            self.workshop = self.folder.load()
            total = len(self.folder.questionnaire.questions)
        except InputError as exc:
            self.app.notify(str(exc), title=self.tr("error.title"), severity="error", timeout=10)
            return
        w = self.workshop
        anonymous = self.tr("workshop.anonymous") if w.anonymous else ""
        self.query_one("#workshop-info", Static).update(
            self.tr("workshop.info", date=w.date.isoformat(), lang=w.language.upper(),
                    n=len(w.participants), path=str(self.folder.path)) + anonymous)
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        for p in w.participants:
            status, progress = self._progress(p.id, total, lang)
            table.add_row(clip(p.name, 30), role_label(p.role, lang), status, progress, key=p.id)
        if w.participants:
            table.move_cursor(row=min(row or 0, len(w.participants) - 1))
        table.display = bool(w.participants)
        self.query_one("#participants-empty").display = not w.participants
        table.focus()

    def _progress(self, pid: str, total: int, lang: str) -> tuple[str, str]:
        try:
            response = self.folder.load_response(pid)
        except InputError:
            return "⚠ " + self.tr("workshop.unreadable"), "—"
        answered = sum(1 for a in response.answers.values() if a.is_answered)
        status = tr(f"status.{response.status}", lang)
        if lock_is_live(self.folder, pid):
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

    def action_back(self) -> None:
        self.dismiss()

    def action_fill(self) -> None:
        from cxalign.tui.screens.fill import FillScreen

        person = self._current()
        if person is None:
            return
        try:
            screen = FillScreen(self.folder, person.id)
        except InputError as exc:
            self.app.notify(str(exc), title=self.tr("error.title"), severity="error", timeout=10)
            return
        self.app.push_screen(screen)

    def action_add(self) -> None:
        from cxalign.tui.screens.dialogs import ParticipantDialog

        self.app.push_screen(ParticipantDialog(lambda: self.tr("workshop.add_title")), self._added)

    def _added(self, result: tuple[str, str] | None) -> None:
        if result is None:
            return
        name, role = result[0], result[1]
        self._change(lambda: self.folder.add_participant(name, role), self.tr("workshop.added", name=name))

    def action_rename(self) -> None:
        from cxalign.tui.screens.dialogs import ParticipantDialog

        person = self._current()
        if person is not None:
            self.app.push_screen(
                ParticipantDialog(lambda: self.tr("workshop.rename_title"), person.name, person.role, rename=True),
                lambda result: self._renamed(person.id, result))

    def _renamed(self, pid: str, result: tuple[str, str] | None) -> None:
        if result is None:
            return
        person = self.workshop.participant(pid)
        old = person.name if person else pid
        self._change(lambda: self.folder.rename_participant(pid, name=result[0]),
                     self.tr("workshop.renamed", old=old, name=result[0]))

    def action_remove(self) -> None:
        from cxalign.tui.screens.dialogs import ConfirmDialog

        person = self._current()
        if person is None:
            return
        if lock_is_live(self.folder, person.id):
            self.app.notify(self.tr("workshop.remove_locked", name=person.name), severity="error")
            return
        self.app.push_screen(ConfirmDialog(lambda: self.tr("workshop.confirm_remove", name=person.name)),
                             lambda ok: self._removed(person.id, person.name) if ok else None)

    def _removed(self, pid: str, name: str) -> None:
        self._change(lambda: self.folder.remove_participant(pid), self.tr("workshop.removed", name=name))

    def _change(self, change, message: str) -> bool:
        """Run a store operation on workshop.toml (under its lock, on a fresh read); say how it went."""
        try:
            change()
        except (InputError, OSError, ValueError) as exc:
            self.app.notify(str(exc), title=self.tr("error.title"), severity="error", markup=False)
            return False
        self.app.notify(message, markup=False)
        self.reload()
        return True

    def action_results(self) -> None:
        try:
            from cxalign.tui.screens.results import ResultsScreen
        except ImportError:
            self.app.notify(self.tr("workshop.results_missing"), severity="error")
            return
        self._push(ResultsScreen)

    def action_export(self) -> None:
        try:
            from cxalign.tui.screens.export import ExportScreen
        except ImportError:
            self.app.notify(self.tr("workshop.export_missing"), severity="error")
            return
        self._push(ExportScreen)

    def _push(self, screen_class) -> None:
        try:
            screen = screen_class(self.folder)
        except InputError as exc:
            self.app.notify(str(exc), title=self.tr("error.title"), severity="error", timeout=10)
            return
        self.app.push_screen(screen)
