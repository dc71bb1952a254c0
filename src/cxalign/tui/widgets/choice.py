"""Single choice (radio buttons) and multiple choice (a selection list)."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList, SelectionList, Static
from textual.widgets.option_list import Option
from textual.widgets.selection_list import Selection

from cxalign.tui.messages import AnswerChanged, InputRefused
from cxalign.tui.widgets.base import QuestionWidget, hanging as _hanging


class ChoiceList(OptionList):
    """Options with a radio mark; long labels wrap instead of being cut."""

    BINDINGS = [Binding("enter,space", "choose", "Choose", show=False)]

    def __init__(self, options: list[tuple[str, str]], chosen: str | None, **kwargs: Any):
        super().__init__(**kwargs)
        self.choices = options
        self.chosen = chosen

    def on_mount(self) -> None:
        self._fill()
        ids = [oid for oid, _ in self.choices]
        self.highlighted = ids.index(self.chosen) if self.chosen in ids else 0

    def _fill(self) -> None:
        highlighted = self.highlighted
        self.clear_options()
        self.add_options(
            Option(_hanging("●" if oid == self.chosen else "○", label), id=oid) for oid, label in self.choices
        )
        if highlighted is not None:
            self.highlighted = highlighted

    def action_choose(self) -> None:
        if self.highlighted is None:
            return
        option_id = self.choices[self.highlighted][0]
        if option_id != self.chosen:
            self.chosen = option_id
            self._fill()
            self.post_message(SingleWidget.Chosen())

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()  # a click: the highlight moved there; choose it
        self.action_choose()


class SingleWidget(QuestionWidget):
    """One option among several: arrows move, Enter or Space picks (a click too)."""

    class Chosen(Message):
        """The person picked an option."""

    def compose(self) -> ComposeResult:
        chosen = self.answer.choice if self.answer else None
        yield ChoiceList([(o.id, o.label.get(self.lang)) for o in self.question.options], chosen, id="single")
        yield Static(self.tr("single.hint"), classes="hint")

    def on_single_widget_chosen(self, event: Chosen) -> None:
        event.stop()
        self.post_message(AnswerChanged())

    def value(self) -> dict[str, Any] | None:
        chosen = self.query_one(ChoiceList).chosen
        return {"choice": chosen} if chosen is not None else None


class MultiWidget(QuestionWidget):
    """Any number of options (up to ``max_choices``): Space ticks or unticks."""

    def __init__(self, question: Any, answer: Any, lang: str):
        super().__init__(question, answer, lang)
        self.touched = bool(answer and answer.choices is not None)

    def compose(self) -> ComposeResult:
        chosen = set(self.answer.choices or []) if self.answer else set()
        yield SelectionList[str](
            *(Selection(o.label.get(self.lang), o.id, o.id in chosen) for o in self.question.options),
            id="multi",
        )
        limit = self.question.max_choices
        yield Static(self.tr("multi.hint_max", n=limit) if limit else self.tr("multi.hint"), classes="hint")

    def on_selection_list_selection_toggled(self, event: SelectionList.SelectionToggled) -> None:
        event.stop()
        limit = self.question.max_choices
        selection_list = self.query_one(SelectionList)
        if limit and len(selection_list.selected) > limit:
            selection_list.deselect(event.selection.value)
            self.post_message(InputRefused(self.tr("multi.too_many", n=limit)))

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged) -> None:
        event.stop()
        limit = self.question.max_choices
        if limit and len(event.selection_list.selected) > limit:
            return  # the toggle handler takes it back
        self.touched = True
        self.post_message(AnswerChanged())

    def value(self) -> dict[str, Any] | None:
        if not self.touched:
            return None
        selected = set(self.query_one(SelectionList).selected)
        return {"choices": [o.id for o in self.question.options if o.id in selected]}
