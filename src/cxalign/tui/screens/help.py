"""The keys of the current screen and of the whole app, in the current language."""

from __future__ import annotations

from rich.markup import escape
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from cxalign.tui.base import CxScreen, binding_label


class HelpScreen(CxScreen):
    """Lists the bindings of the screen it was opened from, then the global ones."""

    BINDINGS = [Binding("escape,q", "close", "Close")]

    def __init__(self, origin: Screen):
        super().__init__()
        self.origin = origin

    def _rows(self, node) -> list[tuple[str, str]]:
        rows, seen = [], set()
        for key, binding in node._bindings:
            if binding.system or binding.action in seen:
                continue
            label = binding_label(binding.action, self.lang) or binding.description
            if not label:
                continue
            seen.add(binding.action)
            keys = [k for k, b in node._bindings if b.action == binding.action]
            rows.append((" / ".join(self.app.get_key_display(Binding(k, binding.action)) for k in keys), label))
        return rows

    def compose(self) -> ComposeResult:
        yield Static(self.tr("help.title"), classes="screen-title")
        with VerticalScroll(id="help-body"):
            yield Static(self.tr("help.intro"), classes="help")
            for title, node in ((self.tr("help.this_screen"), self.origin), (self.tr("help.everywhere"), self.app)):
                yield Static(title, classes="section-title")
                table = DataTable(cursor_type="none", show_cursor=False, classes="help-table")
                table.add_columns(self.tr("help.col_key"), self.tr("help.col_action"))
                for keys, label in self._rows(node):
                    table.add_row(escape(keys), escape(label))
                yield table
            yield Static(self.tr("help.palette"), classes="help")
        yield Footer(compact=True)

    def action_close(self) -> None:
        self.dismiss()
