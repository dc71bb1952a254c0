"""A DataTable whose rows are keyed by a string and whose cursor survives a refresh."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widgets import DataTable
from textual.widgets.data_table import RowDoesNotExist


def cell_width(value: object) -> int:
    """Terminal cells needed by a cell's longest line."""
    text = value if isinstance(value, Text) else Text(str(value))
    return max((line.cell_len for line in text.split(allow_blank=True)), default=0)


class KeyedTable(DataTable):
    """Rows keyed by ids (dimension, question …); :meth:`show` keeps the cursor on the same id."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("cursor_type", "row")
        kwargs.setdefault("zebra_stripes", True)
        super().__init__(**kwargs)

    def show(self, columns: Sequence[object], rows: Sequence[tuple[str, Sequence[object]]]) -> None:
        """Replace columns and rows; ``rows`` are (key, cells).

        Column widths are measured here and fixed: an automatic width is only computed
        when the app is idle, and a repaint before that would keep cut-off cells.
        """
        selected = self.selected_key()
        self.clear(columns=True)
        for index, label in enumerate(columns):
            width = max([cell_width(label), *(cell_width(cells[index]) for _, cells in rows)])
            self.add_column(label, width=width)
        for key, cells in rows:
            self.add_row(*cells, key=key)
        if selected is not None:
            try:
                self.move_cursor(row=self.get_row_index(selected), animate=False)
            except RowDoesNotExist:
                pass

    def selected_key(self) -> str | None:
        """The key of the row under the cursor, None when the table is empty."""
        if not self.row_count:
            return None
        row = min(self.cursor_coordinate.row, self.row_count - 1)
        return self.ordered_rows[row].key.value
