"""The person × person alignment heat map: a table of similarity values on coloured cells."""

from __future__ import annotations

from collections.abc import Sequence

from rich.color import Color
from rich.style import Style
from rich.text import Text
from textual.message import Message
from textual.widgets import DataTable

from cxalign.analysis.thresholds import matrix_colour, matrix_text_colour
from cxalign.present import numbers

def cell_style(value: float) -> Style:
    """A cell on the analysis's one colour scale (``thresholds.matrix_colour``, the PDF's too)."""
    return Style(bgcolor=Color.from_rgb(*matrix_colour(value)), color=Color.from_rgb(*matrix_text_colour(value)),
                 bold=True)


#: Characters per cell: " 0.62 ".
CELL_WIDTH = 6


def cell(value: float | None, *, diagonal: bool = False, lang: str = "en") -> Text:
    """One cell: the value printed on its colour; ``–`` when nothing was comparable."""
    if diagonal:
        return Text("  ·   ", style="dim", justify="center")
    if value is None:
        return Text(f"  {numbers.EMPTY}   ", style="dim", justify="center")
    return Text(f" {numbers.index(value, lang)} ", style=cell_style(value), justify="center")


def legend_bar(steps: int = 11, lang: str = "en") -> Text:
    """A strip of the colour scale from 0 to 1."""
    text = Text(f"{numbers.index(0, lang, 1)} ", no_wrap=True)
    for i in range(steps):
        text.append("  ", Style(bgcolor=Color.from_rgb(*matrix_colour(i / (steps - 1)))))
    text.append(f" {numbers.index(1, lang, 1)}")
    return text


def row_mean(matrix: Sequence[Sequence[float | None]], i: int) -> float | None:
    """Mean similarity of row ``i`` to every other row (None when nothing was comparable)."""
    values = [v for j, v in enumerate(matrix[i]) if j != i and v is not None]
    return sum(values) / len(values) if values else None


def lowest_pair(matrix: Sequence[Sequence[float | None]]) -> tuple[int, int]:
    """Table coordinate (names are column 0) of the least similar pair; the first cell without one."""
    pairs = [(v, i, j) for i, row in enumerate(matrix) for j, v in enumerate(row) if i != j and v is not None]
    if not pairs:
        return 0, 1
    _, i, j = min(pairs)
    return i, j + 1


class HeatMap(DataTable):
    """Rows and columns are people (or roles), numbered; each cell their similarity.

    The last column is each row's mean similarity to the others. Moving the cell
    cursor posts :class:`HeatMap.PairSelected` with the two labels and the value.
    """

    class PairSelected(Message):
        def __init__(self, heatmap: "HeatMap", first: str, second: str | None, value: float | None) -> None:
            super().__init__()
            self.heatmap = heatmap
            self.first = first
            #: None when the cursor is on the mean column.
            self.second = second
            self.value = value

    def __init__(self, **kwargs) -> None:
        # no padding: the coloured cells touch, as in a printed heat map
        super().__init__(cursor_type="cell", zebra_stripes=False, cell_padding=0, fixed_columns=1, **kwargs)
        self.labels: list[str] = []
        self.matrix: list[list[float | None]] = []

    def show(self, labels: Sequence[str], matrix: Sequence[Sequence[float | None]], *,
             mean_header: str = "Ø", lang: str = "en", diagonal: bool = False) -> None:
        """Fill the table: ``labels[i]`` names row/column ``i``; ``matrix[i][j]`` their similarity.

        ``diagonal`` prints the diagonal values (groups: similarity within the group).
        """
        same_people = list(labels) == self.labels
        where = self.cursor_coordinate
        self.labels = list(labels)
        self.matrix = [list(row) for row in matrix]
        self.clear(columns=True)
        # the names are a fixed first column (not row labels) so that every width is set here
        names = [Text(f" {i + 1} {label} ", no_wrap=True) for i, label in enumerate(self.labels)]
        self.add_column("", key="who", width=max((n.cell_len for n in names), default=1))
        for j in range(len(self.labels)):
            self.add_column(Text(str(j + 1), justify="center"), key=f"c{j}", width=CELL_WIDTH)
        self.add_column(Text(mean_header, justify="center"), key="mean", width=CELL_WIDTH + 1)
        for i, name in enumerate(names):
            cells = [cell(self.matrix[i][j], diagonal=i == j and not diagonal, lang=lang)
                     for j in range(len(self.labels))]
            cells.append(Text(" ").append_text(cell(row_mean(self.matrix, i), lang=lang)))
            self.add_row(name, *cells, key=f"r{i}")
        if self.labels:
            row, column = (where.row, where.column) if same_people else lowest_pair(self.matrix)
            self.move_cursor(row=row, column=max(column, 1), animate=False)

    def pair_at(self, row: int, column: int) -> tuple[str, str | None, float | None]:
        """(row person, column person or None for the mean column, value) at a table coordinate."""
        column = max(column - 1, 0)  # column 0 holds the names
        if column >= len(self.labels):
            return self.labels[row], None, row_mean(self.matrix, row)
        return self.labels[row], self.labels[column], self.matrix[row][column]

    def on_data_table_cell_highlighted(self, event: DataTable.CellHighlighted) -> None:
        if not self.labels:
            return
        row, column = event.coordinate
        if row < len(self.labels):
            self.post_message(self.PairSelected(self, *self.pair_at(row, column)))
