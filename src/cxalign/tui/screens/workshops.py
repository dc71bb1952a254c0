"""The first screen: every workshop in the workshops folder; create one, open one, make the demo."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, replace
from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Static

from cxalign.answer_fields import VALUE_FIELDS
from cxalign.errors import InputError
from cxalign.present.numbers import EMPTY
from cxalign.textfit import clip
from cxalign.tui.base import Command, CxScreen
from cxalign.tui.screens.compare import CompareSelectionMixin


@dataclass(frozen=True)
class WorkshopRow:
    path: Path
    organisation: str = ""
    name: str = ""
    date: str = ""
    participants: int = 0
    completion: float | None = None
    problem: str | None = None


#: The completion of a row not counted yet (the list paints first, then counts).
PENDING = -1.0


def _read(path: Path) -> dict:
    with open(path, "rb") as handle:
        return tomllib.load(handle)


def workshop_paths(home: Path) -> list[Path]:
    """The workshop folders directly under ``home`` (as ``store.list_workshops``)."""
    if not home.is_dir():
        return []
    return sorted(p for p in home.iterdir() if (p / "workshop.toml").is_file())


#: Question counts by questionnaire hash: the workshops of one questionnaire share it.
_QUESTION_COUNTS: dict[str, int] = {}


def _question_count(questionnaire: Path, recorded_hash: str | None) -> int:
    """Questions in a workshop's questionnaire, parsed once per questionnaire (hash) while the app runs."""
    if recorded_hash and recorded_hash in _QUESTION_COUNTS:
        return _QUESTION_COUNTS[recorded_hash]
    sections = _read(questionnaire).get("sections", [])
    count = sum(len(section.get("questions", [])) for section in sections)
    if recorded_hash:
        _QUESTION_COUNTS[recorded_hash] = count
    return count


_ROW_ERRORS = (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, KeyError, TypeError, AttributeError)


def summarise(path: Path, *, count_answers: bool = True) -> WorkshopRow:
    """One line of the list, read straight from the TOML files.

    The list only shows a few fields, so it skips model validation (and the cost of
    importing it at start-up); opening a workshop validates everything. An
    unreadable workshop gives a row naming its problem. ``count_answers=False``
    leaves the completion out (``PENDING``): reading every response file is what
    the screen does after its first paint.
    """
    try:
        data = _read(path / "workshop.toml")
        people = [person["id"] for person in data.get("participants", [])]
        row = WorkshopRow(path, str(data["organisation"]), str(data["name"]), str(data["date"]), len(people), PENDING)
        if not count_answers:
            return row
        questions = _question_count(path / "questionnaire.toml", data.get("questionnaire", {}).get("hash"))
        answered = 0
        for pid in people:
            response = path / "responses" / f"{pid}.toml"
            if response.is_file():
                answers = _read(response).get("answers", {})
                answered += sum(1 for a in answers.values()
                                if a.get("dont_know") or any(k in a for k in VALUE_FIELDS))
        total = questions * len(people)
        return replace(row, completion=answered / total if total else None)
    except _ROW_ERRORS as exc:
        return WorkshopRow(path, problem=f"{type(exc).__name__}: {exc}")


def share(wants: dict[str, int], room: int) -> dict[str, int]:
    """Share ``room`` columns among text columns wanting ``wants``: each gets what it needs when
    it needs less than a fair share, the others split the rest (never below 6)."""
    width: dict[str, int] = {}
    left = dict(sorted(wants.items(), key=lambda item: item[1]))
    while left:
        fair = max(6, room // len(left))
        key, want = next(iter(left.items()))
        width[key] = min(want, fair)
        room -= width[key]
        del left[key]
    return width


class WorkshopsScreen(CompareSelectionMixin, CxScreen):
    """Escape does nothing here (it is "back" elsewhere, and there is nothing behind): Ctrl+Q quits."""

    BINDINGS = [
        Binding("enter", "open", "Open", show=False),
        Binding("n", "new", "New"),
        Binding("d", "demo", "Demo"),
        Binding("space", "mark", "Mark", show=False),  # mark two workshops of one organisation …
        Binding("c", "compare", "Compare"),  # … and compare them
    ]

    def __init__(self, home: Path):
        super().__init__()
        self.home = Path(home)
        self.rows: list[WorkshopRow] = []

    def compose(self) -> ComposeResult:
        yield Static(self.tr("workshops.title"), classes="screen-title", markup=False)
        yield Static(self.tr("workshops.folder", path=str(self.home)), id="workshops-folder", classes="help",
                     markup=False)
        yield DataTable(id="workshops-table", cursor_type="row", zebra_stripes=True)
        yield Static(self.tr("workshops.empty"), id="workshops-empty", classes="empty", markup=False)
        yield Footer(compact=True)

    def commands(self) -> list[Command]:
        return [("cmd.open_workshop", self.action_open), ("cmd.new_workshop", self.action_new),
                ("cmd.demo", self.action_demo)]

    def on_screen_resume(self) -> None:
        self.reload()  # also runs when the screen is first shown

    async def relabel(self) -> None:
        await self.recompose()
        self.reload()

    def on_resize(self) -> None:
        if self.rows:
            self.draw()  # the same rows, laid out for the new width (no file read again)

    def _selected(self) -> Path | None:
        table = self.query_one(DataTable)
        if self.rows and table.cursor_row is not None and table.cursor_row < len(self.rows):
            return self.rows[table.cursor_row].path
        return None

    def reload(self, select: Path | None = None) -> None:
        """Read the list again; the cursor stays on the same workshop (or goes to ``select``)."""
        select = select or self._selected()
        self.rows = [summarise(p, count_answers=False) for p in workshop_paths(self.home)]
        self.draw(select)
        self._count_answers()

    @work(thread=True, exclusive=True, group="workshops-count")
    def _count_answers(self) -> None:
        """How far each workshop is filled in, read from every response file after the first paint."""
        rows = [summarise(row.path) if not row.problem else row for row in self.rows]
        self.app.call_from_thread(self._counted, rows)

    def _counted(self, rows: list[WorkshopRow]) -> None:
        if [r.path for r in rows] == [r.path for r in self.rows]:  # the list was not read again meanwhile
            self.rows = rows
            self.draw()

    def draw(self, select: Path | None = None) -> None:
        """Lay the rows out for the screen's width; the cursor stays on the same workshop."""
        table = self.query_one(DataTable)
        select = select or self._selected()
        table.clear(columns=True)
        # two workshops with the same organisation and name are told apart by their folder
        twins = len({(r.organisation, r.name) for r in self.rows}) < len(self.rows)
        fixed = ["date", "people", "done"]
        texts = ["org", "name", *(["folder"] if twins or any(r.problem for r in self.rows) else [])]
        headers = {key: self.tr(f"workshops.col_{key}") for key in texts + fixed}
        # the text columns share what the fixed ones leave (cell padding 2, margins and scroll bar 4)
        room = (self.size.width or 80) - 10 - len(headers["people"]) - len(headers["done"]) \
            - 2 * len(headers) - 4
        values = {"org": [r.organisation for r in self.rows], "name": [r.name for r in self.rows],
                  "folder": [r.path.name for r in self.rows]}
        width = share({key: max([len(headers[key]), *map(len, values[key])]) for key in texts}, max(room, 18))
        for key in texts:
            table.add_column(headers[key], key=key, width=width[key])
        fixed_width = {"date": 10, "people": max(3, len(headers["people"])), "done": max(4, len(headers["done"]))}
        for key in fixed:  # widths set here: an automatic one is computed late and cuts the first paint
            table.add_column(headers[key], key=key, width=fixed_width[key])
        for row in self.rows:
            cells = {"org": row.organisation, "name": row.name, "folder": row.path.name}
            if row.problem:
                cells = {"org": "⚠ " + row.path.name, "name": row.problem, "folder": row.path.name}
            line = [Text(clip(cells[key], width[key]), style="dim" if key == "folder" else "") for key in texts]
            if row.problem:
                line += [Text(""), Text(""), Text("")]
            else:
                done = "…" if row.completion == PENDING else f"{row.completion:.0%}" if row.completion is not None else EMPTY
                line += [Text(row.date), Text(str(row.participants), justify="right"), Text(done, justify="right")]
            table.add_row(*line, key=str(row.path))
        empty = not self.rows
        table.display = not empty
        self.query_one("#workshops-empty").display = empty
        if select is not None:
            keys = [str(r.path) for r in self.rows]
            if str(select) in keys:
                table.move_cursor(row=keys.index(str(select)), animate=False)
        if not empty:
            table.focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.open(Path(event.row_key.value))

    def action_open(self) -> None:
        if (path := self._selected()) is not None:
            self.open(path)

    def open(self, path: Path) -> None:
        from cxalign.store import WorkshopFolder
        from cxalign.tui.screens.workshop import WorkshopScreen

        folder = WorkshopFolder(path)
        try:
            folder.load()
            folder.questionnaire  # noqa: B018 - refuse a broken workshop here, with its message
            screen = WorkshopScreen(folder)
        except InputError as exc:
            self.show_error(exc)
            return
        self.app.push_screen(screen)

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
            self.show_error(exc)
            return
        self.say(self.tr("workshops.created", name=form["name"]))
        self.reload(select=folder.path)
        self.open(folder.path)

    def action_demo(self) -> None:
        try:
            from cxalign.demo import create_demo

            folder = create_demo(self.home)
        except (InputError, OSError, ImportError) as exc:
            self.show_error(exc)
            return
        self.say(self.tr("workshops.demo_created", path=str(folder.path)))
        self.reload(select=folder.path)
