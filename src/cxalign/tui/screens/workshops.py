"""The first screen: every workshop in the workshops folder; create one, open one, make the demo."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Static

from cxalign.errors import InputError
from cxalign.tui.lang import LangScreen
from cxalign.tui.screens.compare import CompareSelectionMixin
from cxalign.tui.textfit import clip


@dataclass(frozen=True)
class WorkshopRow:
    path: Path
    organisation: str = ""
    name: str = ""
    date: str = ""
    participants: int = 0
    completion: float | None = None
    problem: str | None = None


#: Answer fields that hold a value (as in ``cxalign.validation``).
_VALUE_FIELDS = ("text", "choice", "choices", "ranking", "allocation", "value", "current", "target")


def _read(path: Path) -> dict:
    with open(path, "rb") as handle:
        return tomllib.load(handle)


def workshop_paths(home: Path) -> list[Path]:
    """The workshop folders directly under ``home`` (as ``store.list_workshops``)."""
    if not home.is_dir():
        return []
    return sorted(p for p in home.iterdir() if (p / "workshop.toml").is_file())


def summarise(path: Path) -> WorkshopRow:
    """One line of the list, read straight from the TOML files.

    The list only shows a few fields, so it skips model validation (and the cost of
    importing it at start-up); opening a workshop validates everything. An
    unreadable workshop gives a row naming its problem.
    """
    try:
        data = _read(path / "workshop.toml")
        sections = _read(path / "questionnaire.toml").get("sections", [])
        questions = sum(len(section.get("questions", [])) for section in sections)
        people = [person["id"] for person in data.get("participants", [])]
        answered = 0
        for pid in people:
            response = path / "responses" / f"{pid}.toml"
            if response.is_file():
                answers = _read(response).get("answers", {})
                answered += sum(1 for a in answers.values()
                                if a.get("dont_know") or any(k in a for k in _VALUE_FIELDS))
        total = questions * len(people)
        return WorkshopRow(path, str(data["organisation"]), str(data["name"]), str(data["date"]),
                           len(people), answered / total if total else None)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, KeyError, TypeError, AttributeError) as exc:
        return WorkshopRow(path, problem=f"{type(exc).__name__}: {exc}")


class WorkshopsScreen(CompareSelectionMixin, LangScreen):
    BINDINGS = [
        Binding("enter", "open", "Open", show=False),
        Binding("n", "new", "New"),
        Binding("d", "demo", "Demo"),
        Binding("escape", "app.quit", "Quit", show=False),
        Binding("space", "mark", "Mark", show=False),  # issue 12: mark two workshops …
        Binding("c", "compare", "Compare", show=False),  # … and compare them
    ]

    def __init__(self, home: Path):
        super().__init__()
        self.home = Path(home)
        self.rows: list[WorkshopRow] = []

    def compose(self) -> ComposeResult:
        yield Static(self.tr("workshops.title"), classes="screen-title")
        yield Static(self.tr("workshops.folder", path=str(self.home)), id="workshops-folder", classes="help")
        table = DataTable(id="workshops-table", cursor_type="row", zebra_stripes=True)
        table.add_column(self.tr("workshops.col_org"), key="org")
        table.add_column(self.tr("workshops.col_name"), key="name")
        table.add_column(self.tr("workshops.col_date"), key="date")
        table.add_column(self.tr("workshops.col_people"), key="people")
        table.add_column(self.tr("workshops.col_done"), key="done")
        yield table
        yield Static(self.tr("workshops.empty"), id="workshops-empty", classes="empty")
        yield Footer(compact=True)

    def on_screen_resume(self) -> None:
        self.reload()  # also runs when the screen is first shown

    async def relabel(self) -> None:
        await self.recompose()
        self.reload()

    def reload(self, select: Path | None = None) -> None:
        self.rows = [summarise(p) for p in workshop_paths(self.home)]
        table = self.query_one(DataTable)
        table.clear()
        for row in self.rows:
            if row.problem:
                table.add_row("⚠", row.path.name, "", "", row.problem[:40], key=str(row.path))
                continue
            done = f"{row.completion:.0%}" if row.completion is not None else "—"
            table.add_row(clip(row.organisation, 16), clip(row.name, 24), row.date, str(row.participants), done,
                          key=str(row.path))
        empty = not self.rows
        table.display = not empty
        self.query_one("#workshops-empty").display = empty
        if select is not None:
            keys = [str(r.path) for r in self.rows]
            if str(select) in keys:
                table.move_cursor(row=keys.index(str(select)))
        if not empty:
            table.focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.open(Path(event.row_key.value))

    def action_open(self) -> None:
        table = self.query_one(DataTable)
        if self.rows and table.cursor_row is not None:
            self.open(self.rows[table.cursor_row].path)

    def open(self, path: Path) -> None:
        from cxalign.store import WorkshopFolder
        from cxalign.tui.screens.workshop import WorkshopScreen

        folder = WorkshopFolder(path)
        try:
            folder.load()
            folder.questionnaire  # noqa: B018 - refuse a broken workshop here, with its message
        except InputError as exc:
            self.app.notify(str(exc), title=self.tr("error.title"), severity="error", timeout=10)
            return
        self.app.push_screen(WorkshopScreen(folder))

    def action_new(self) -> None:
        from cxalign.tui.screens.dialogs import NewWorkshopDialog

        self.app.push_screen(NewWorkshopDialog(), self._create)

    def _create(self, form: dict | None) -> None:
        if not form:
            return
        from cxalign.store import WorkshopFolder

        try:
            folder = WorkshopFolder.create(self.home, **form)
        except (InputError, OSError, ValueError) as exc:
            self.app.notify(str(exc), title=self.tr("error.title"), severity="error", timeout=10)
            return
        self.app.notify(self.tr("workshops.created", name=form["name"]))
        self.reload(select=folder.path)
        self.open(folder.path)

    def action_demo(self) -> None:
        try:
            from cxalign.demo import create_demo

            folder = create_demo(self.home)
        except (InputError, OSError, ImportError) as exc:
            self.app.notify(str(exc), title=self.tr("error.title"), severity="error", timeout=10)
            return
        self.app.notify(self.tr("workshops.demo_created", path=str(folder.path)))
        self.reload(select=folder.path)
