"""Single choice (radio marks) and multiple choice (check boxes), on one wrapping option list."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from cxalign.textfit import fit
from cxalign.tui.messages import AnswerChanged
from cxalign.tui.widgets.base import QuestionWidget
from cxalign.tui.widgets.base import hanging as _hanging

#: Option ids that mean "none of the others" in a multiple choice (when the questionnaire
#: does not mark an option ``exclusive`` itself): ticked with another one, the hint asks.
EXCLUSIVE_IDS = frozenset({"none", "nothing", "neither", "none_of_them"})


def exclusive_options(question: Any) -> set[str]:
    """The options of a multiple choice that exclude every other one."""
    marked = {o.id for o in question.options if getattr(o, "exclusive", False)}
    return marked or {o.id for o in question.options if o.id in EXCLUSIVE_IDS}


class ChoiceList(OptionList):
    """Options with a radio mark (one choice) or a check box (several); long labels wrap instead of being cut."""

    DEFAULT_CSS = """
    ChoiceList {
        height: auto;
        max-height: 14;
        width: 100%;
    }
    """

    BINDINGS = [Binding("enter,space", "choose", "Choose", show=False)]

    class Toggled(Message):
        """A check box was ticked or unticked (``multiple`` lists)."""

        def __init__(self, option_id: str, ticked: bool):
            super().__init__()
            self.option_id = option_id
            self.ticked = ticked

    def __init__(self, options: list[tuple[str, str]], chosen: str | set[str] | None, *,
                 multiple: bool = False, **kwargs: Any):
        super().__init__(**kwargs)
        self.choices = options
        self.multiple = multiple
        self.chosen = chosen
        self.ticked: set[str] = set(chosen or ()) if multiple else set()

    def on_mount(self) -> None:
        self._fill()
        ids = [oid for oid, _ in self.choices]
        self.highlighted = ids.index(self.chosen) if not self.multiple and self.chosen in ids else 0

    def _mark(self, option_id: str) -> str:
        if self.multiple:
            return "▣" if option_id in self.ticked else "□"
        return "●" if option_id == self.chosen else "○"

    def _fill(self) -> None:
        highlighted = self.highlighted
        self.clear_options()
        self.add_options(Option(_hanging(self._mark(oid), label), id=oid) for oid, label in self.choices)
        if highlighted is not None:
            self.highlighted = highlighted

    def untick(self, option_id: str) -> None:
        self.ticked.discard(option_id)
        self._fill()

    def action_choose(self) -> None:
        if self.highlighted is None:
            return
        option_id = self.choices[self.highlighted][0]
        if self.multiple:
            ticked = option_id not in self.ticked
            (self.ticked.add if ticked else self.ticked.discard)(option_id)
            self._fill()
            self.post_message(self.Toggled(option_id, ticked))
        elif option_id != self.chosen:
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
        yield Static(fit(self.tr("single.hint")), classes="hint")

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
        options = [(o.id, o.label.get(self.lang)) for o in self.question.options]
        yield ChoiceList(options, chosen, multiple=True, id="multi")
        yield Static(self._hint(chosen), id="multi-hint", classes="hint")

    def _hint(self, ticked: set[str], refusal: str = "") -> Any:
        """How to answer, then a refusal or a gentle word when an option meaning "none" is
        ticked with others (asked, never refused)."""
        limit = self.question.max_choices
        lines = [self.tr("multi.hint_max", n=limit) if limit else self.tr("multi.hint")]
        if refusal:
            lines.append(refusal)
        clash = sorted(exclusive_options(self.question) & ticked)
        if clash and len(ticked) > 1:
            option = self.question.option(clash[0])
            lines.append(self.tr("multi.exclusive", option=option.label.get(self.lang) if option else clash[0]))
        return fit("\n".join(lines))

    def on_choice_list_toggled(self, event: ChoiceList.Toggled) -> None:
        event.stop()
        limit = self.question.max_choices
        choice_list = self.query_one("#multi", ChoiceList)
        hint = self.query_one("#multi-hint", Static)
        if event.ticked and limit and len(choice_list.ticked) > limit:
            choice_list.untick(event.option_id)
            # said once under the list, not as one more notification over the question
            hint.update(self._hint(choice_list.ticked, self.tr("multi.too_many", n=limit)))
            hint.set_class(True, "refused")
            self.call_after_refresh(hint.scroll_visible, animate=False)
            self.app.bell()
            return
        self.touched = True
        hint.update(self._hint(choice_list.ticked))
        hint.set_class(False, "refused")
        self.post_message(AnswerChanged())

    def value(self) -> dict[str, Any] | None:
        if not self.touched:
            return None
        ticked = self.query_one("#multi", ChoiceList).ticked
        return {"choices": [o.id for o in self.question.options if o.id in ticked]}
