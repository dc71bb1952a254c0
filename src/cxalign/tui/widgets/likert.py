"""Likert questions: labelled points, and current + target for maturity items."""

from __future__ import annotations

from typing import Any

from rich.table import Table
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Static

from cxalign.textfit import Unbroken, fit
from cxalign.tui.messages import AnswerChanged
from cxalign.tui.widgets.base import QuestionWidget

_CELL = 4


class PointPicker(Widget, can_focus=True):
    """One row of points 1..n: digit keys or left/right choose, backspace clears, a click picks."""

    DEFAULT_CSS = """
    PointPicker {
        width: auto;
        height: 1;
        margin-right: 4;
        padding: 0 1;
    }
    PointPicker:focus {
        background: $boost;
        text-style: bold;
        outline-left: thick $accent;
    }
    """

    BINDINGS = [
        Binding("left", "step(-1)", "−", show=False),
        Binding("right", "step(1)", "+", show=False),
        Binding("backspace,delete", "pick(0)", show=False),
    ]

    value: reactive[int | None] = reactive(None)

    class Picked(Message):
        def __init__(self, picker: "PointPicker"):
            super().__init__()
            self.picker = picker

    def __init__(self, caption: str, count: int, value: int | None, *, id: str | None = None):
        super().__init__(id=id)
        self.caption = caption
        self.count = count
        self.set_reactive(PointPicker.value, value)

    @property
    def _lead(self) -> int:
        return len(self.caption) + 2

    def render(self) -> Text:
        text = Text(self.caption + "  ", style="bold")
        width = _CELL + (1 if self.count > 9 else 0)
        for point in range(1, self.count + 1):
            chosen = point == self.value
            mark = "●" if chosen else "○"
            cell = f" {mark}{point}".ljust(width)
            text.append(cell, style="reverse bold" if chosen else "")
        return text

    def get_content_width(self, container, viewport) -> int:
        return self._lead + self.count * (_CELL + (1 if self.count > 9 else 0))

    def get_content_height(self, container, viewport, width) -> int:
        return 1

    def _set(self, value: int | None) -> None:
        if value != self.value:
            self.value = value
            self.post_message(self.Picked(self))

    def action_step(self, delta: int) -> None:
        start = self.value or (0 if delta > 0 else self.count + 1)
        self._set(min(self.count, max(1, start + delta)))

    def action_pick(self, value: int) -> None:
        self._set(value or None)

    def on_key(self, event: events.Key) -> None:
        if event.character and event.character.isdigit():
            digit = int(event.character)
            if 1 <= digit <= min(self.count, 9):
                event.stop()
                event.prevent_default()
                self._set(digit)

    def on_click(self, event: events.Click) -> None:
        width = _CELL + (1 if self.count > 9 else 0)
        where = event.get_content_offset(self)
        if where is None:
            return
        offset = where.x - self._lead
        if offset >= 0:
            point = offset // width + 1
            if 1 <= point <= self.count:
                self._set(point)


class LikertWidget(QuestionWidget):
    """The labelled points, then one picker (or two side by side: today and target)."""

    DEFAULT_CSS = """
    LikertWidget .likert-points {
        padding: 0 1;
    }
    LikertWidget .likert-pickers {
        height: auto;
        margin-top: 1;
    }
    """

    def compose(self) -> ComposeResult:
        q = self.question
        a = self.answer
        yield Static(self._points_text(), id="likert-points", classes="likert-points")
        with Horizontal(classes="likert-pickers"):
            if q.current_target:
                yield PointPicker(self.tr("likert.current"), q.size, a.current if a else None, id="pick-current")
                yield PointPicker(self.tr("likert.target"), q.size, a.target if a else None, id="pick-target")
            else:
                yield PointPicker(self.tr("likert.value"), q.size, a.value if a else None, id="pick-value")
        yield Static(self._hint(), id="likert-hint", classes="hint")

    def _hint(self) -> Unbroken:
        """How to answer, then a gentle word when the answer looks inconsistent (never a refusal)."""
        q = self.question
        lines = [self.tr("likert.hint_ct" if q.current_target else "likert.hint", n=min(q.size, 9))]
        if q.current_target:
            picked = self._picked() if self.is_mounted else (
                {"current": self.answer.current, "target": self.answer.target} if self.answer else {})
            current, target = picked.get("current"), picked.get("target")
            if current and target and target < current:
                lines.append(self.tr("likert.target_below", current=current, target=target))
            elif current and not target:
                lines.append(self.tr("likert.missing_target", n=min(q.size, 9)))
            elif target and not current:
                lines.append(self.tr("likert.missing_current", n=min(q.size, 9)))
        return fit("\n".join(lines))

    def _picked(self) -> dict[str, int | None]:
        return {p.id.removeprefix("pick-"): p.value for p in self.query(PointPicker)} if self.is_mounted else {}

    def _points_text(self) -> Table:
        """The numbered points in a grid, so that long statements wrap under their text."""
        q = self.question
        if self.is_mounted:
            picked = self._picked()
        else:
            a = self.answer
            picked = {"current": a.current, "target": a.target, "value": a.value} if a else {}
        grid = Table.grid(padding=(0, 1))
        grid.add_column(justify="right", no_wrap=True)
        grid.add_column(ratio=1)
        for i, point in enumerate(q.points, start=1):
            marks = []
            if q.current_target:
                if picked.get("current") == i:
                    marks.append(self.tr("likert.current"))
                if picked.get("target") == i:
                    marks.append(self.tr("likert.target"))
            elif picked.get("value") == i:
                marks.append("✓")
            text = Text(point.get(self.lang), style="bold" if marks else "")
            if marks:
                text.append("  ◀ " + " · ".join(marks), style="bold reverse")
            grid.add_row(Text(f"{i}.", style="bold"), fit(text))
        return grid

    def on_point_picker_picked(self, event: PointPicker.Picked) -> None:
        event.stop()
        self.query_one("#likert-points", Static).update(self._points_text())
        self.query_one("#likert-hint", Static).update(self._hint())
        self.post_message(AnswerChanged())

    def value(self) -> dict[str, Any] | None:
        picked = self._picked()
        if self.question.current_target:
            chosen = {k: picked[k] for k in ("current", "target") if picked.get(k)}
            return chosen or None  # one of the two is kept too: nothing chosen is lost
        return {"value": picked["value"]} if picked.get("value") else None

    @property
    def incomplete(self) -> bool:
        """True when only one of today / target is chosen."""
        picked = self._picked()
        return bool(self.question.current_target) and bool(picked.get("current")) != bool(picked.get("target"))

    @property
    def remaining(self) -> int:
        """Levels still to choose: 1 when only one of today / target is chosen."""
        return 1 if self.incomplete else 0

    def missing(self) -> str:
        if not self.incomplete:
            return ""
        picked = self._picked()
        return self.tr("likert.missing_target" if picked.get("current") else "likert.missing_current",
                       n=min(self.question.size, 9))

    def clear(self) -> None:
        for picker in self.query(PointPicker):
            picker.value = None
        self.query_one("#likert-points", Static).update(self._points_text())
        self.query_one("#likert-hint", Static).update(self._hint())
