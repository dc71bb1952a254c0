"""The dialog where the facilitator records what the room agreed on (a dimension or a question)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from pydantic import ValidationError
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static, TextArea

from cxalign.errors import from_validation
from cxalign.models.workshop import Consensus
from cxalign.store import now
from cxalign.tui.base import CxModal, message_text

#: Which level fields the dialog asks for: both (dimension, current+target item), one value
#: (a plain likert item, stored as ``current``), or none (comment only).
LEVELS_BOTH, LEVELS_ONE, LEVELS_NONE = "both", "one", "none"


@dataclass(frozen=True)
class ConsensusEdit:
    """What the dialog returns: the entry to save, or None to delete the existing one."""

    scope: str
    ref: str
    consensus: Consensus | None


class ConsensusDialog(CxModal):
    """Agreed current and target levels and a comment; checked before it is returned.

    Dismisses with a :class:`ConsensusEdit`, or ``None`` when cancelled.
    """

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "save", "Save", priority=True),
    ]

    def __init__(self, scope: str, ref: str, subject: str | Callable[[], str], *, levels: str = LEVELS_BOTH,
                 high: int = 5, existing: Consensus | None = None) -> None:
        super().__init__()
        self.scope = scope
        self.ref = ref
        self.subject = subject
        self.levels = levels
        self.high = max(1, min(high, 5))
        self.existing = existing

    def compose(self) -> ComposeResult:
        existing = self.existing
        with Vertical(id="consensus-box") as box:
            box.border_title = self.tr("consensus.title")
            yield Static(self._subject(), id="consensus-subject", markup=False)
            if self.levels != LEVELS_NONE:
                with Horizontal(classes="consensus-levels"):
                    with Vertical(classes="consensus-level"):
                        label = "consensus.current" if self.levels == LEVELS_BOTH else "consensus.value"
                        yield Label(self.tr(label, high=self.high), id="label-current")
                        yield Input(_level_text(existing.current if existing else None), id="consensus-current",
                                    type="integer", max_length=2, placeholder=f"1–{self.high}")
                    if self.levels == LEVELS_BOTH:
                        with Vertical(classes="consensus-level"):
                            yield Label(self.tr("consensus.target", high=self.high), id="label-target")
                            yield Input(_level_text(existing.target if existing else None), id="consensus-target",
                                        type="integer", max_length=2, placeholder=f"1–{self.high}")
            yield Label(self.tr("consensus.comment"), id="label-comment")
            yield TextArea(existing.comment if existing else "", id="consensus-comment",
                           soft_wrap=True, tab_behavior="focus", show_line_numbers=False)
            yield Static(self.tr("consensus.hint"), id="consensus-hint")
            with Horizontal(classes="consensus-buttons"):
                if existing is not None:
                    yield Button(self.tr("consensus.remove"), id="consensus-remove", variant="error")
                yield Button(self.tr("consensus.cancel"), id="consensus-cancel")
                yield Button(self.tr("consensus.save"), id="consensus-save", variant="primary")

    def on_mount(self) -> None:
        first = self.query("Input")
        (first.first() if first else self.query_one(TextArea)).focus()

    def _subject(self) -> str:
        return self.subject() if callable(self.subject) else self.subject

    def relabel(self) -> None:
        self.query_one("#consensus-box").border_title = self.tr("consensus.title")
        self.query_one("#consensus-subject", Static).update(self._subject())
        labels = {
            "#label-current": "consensus.current" if self.levels == LEVELS_BOTH else "consensus.value",
            "#label-target": "consensus.target",
            "#label-comment": "consensus.comment",
        }
        for selector, key in labels.items():
            for label in self.query(selector):
                label.update(self.tr(key, high=self.high))
        self.query_one("#consensus-hint", Static).update(self.tr("consensus.hint"))
        for button_id, key in (("remove", "consensus.remove"), ("cancel", "consensus.cancel"),
                               ("save", "consensus.save")):
            for button in self.query(f"#consensus-{button_id}"):
                button.label = self.tr(key)

    # -- reading the form -------------------------------------------------------------
    def _level(self, input_id: str, label_key: str) -> int | None:
        """The level typed in ``input_id`` (None when empty); raises ValueError with a message."""
        inputs = self.query(f"#{input_id}")
        if not inputs:
            return None
        raw = inputs.first(Input).value.strip()
        if not raw:
            return None
        try:
            value = int(raw)
        except ValueError:
            value = None
        if value is None or not 1 <= value <= self.high:
            raise ValueError(self.tr("consensus.bad_level", what=self.tr(label_key, high=self.high),
                                    value=raw, high=self.high))
        return value

    def read(self) -> Consensus:
        """The entry on screen; raises ValueError with a message for the facilitator."""
        current = self._level("consensus-current",
                              "consensus.current" if self.levels == LEVELS_BOTH else "consensus.value")
        target = self._level("consensus-target", "consensus.target")
        comment = self.query_one("#consensus-comment", TextArea).text.strip()
        if current is None and target is None and not comment:
            raise ValueError(self.tr("consensus.empty"))
        try:
            return Consensus(scope=self.scope, ref=self.ref, current=current, target=target,
                             comment=comment, recorded_at=now())
        except ValidationError as exc:
            problem = from_validation(exc).errors[0]
            raise ValueError(self.tr("consensus.invalid", field=problem.field,
                                     message=message_text(problem.message, self.lang))) from None

    # -- actions ----------------------------------------------------------------------
    def action_save(self) -> None:
        try:
            consensus = self.read()
        except ValueError as exc:
            self.show_error(str(exc))
            return
        self.dismiss(ConsensusEdit(self.scope, self.ref, consensus))

    def action_cancel(self) -> None:
        self.dismiss(None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "consensus-save":
            self.action_save()
        elif event.button.id == "consensus-remove":
            self.dismiss(ConsensusEdit(self.scope, self.ref, None))
        else:
            self.action_cancel()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()


def _level_text(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else str(value)
