"""Review before submitting: every question with its answer, jump to any, then submit."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Static

from cxalign.kinds.words import SHORT, answer_words
from cxalign.models.questionnaire import Questionnaire
from cxalign.models.response import Answer, Response
from cxalign.textfit import clip
from cxalign.tui.base import Command, CxScreen
from cxalign.tui.widgets.base import answer_incomplete


def answer_summary(question: Any, answer: Answer | None, lang: str) -> str:
    """One line describing an answer, in ``lang`` ("—" when there is none)."""
    return answer_words(question, answer, lang, style=SHORT)


class ReviewScreen(CxScreen):
    """Dismisses with ("jump", question id), ("submit", "") or None (back to the question)."""

    BINDINGS = [
        Binding("ctrl+s", "submit", "Submit", priority=True),
        Binding("escape", "back", "Back"),
    ]

    private = True

    def __init__(self, questionnaire: Questionnaire, response: Response):
        super().__init__()
        self.questionnaire = questionnaire
        self.response = response

    def complete(self, question: Any) -> bool:
        """Answered, and whole: a maturity item with "today" but no "target" is not (yet)."""
        return bool(self.response.answered(question.id)) and not self.incomplete(question)

    def incomplete(self, question: Any) -> bool:
        return answer_incomplete(question, self.response.answers.get(question.id))

    def compose(self) -> ComposeResult:
        questions = self.questionnaire.questions
        answered = [q for q in questions if self.complete(q)]
        dont_know = [q for q in answered if self.response.answers[q.id].dont_know]
        yield Static(self.tr("review.title"), classes="screen-title", markup=False)
        yield Static(self.tr("review.summary", answered=len(answered), n=len(questions),
                             dont_know=len(dont_know), missing=len(questions) - len(answered)),
                     id="review-summary", markup=False)
        yield DataTable(id="review-table", cursor_type="row", zebra_stripes=True)
        yield Static(self.tr("review.hint"), classes="hint", markup=False)
        yield Footer(compact=True)

    def commands(self) -> list[Command]:
        return [("cmd.submit", self.action_submit), ("cmd.back", self.action_back)]

    def _fill_table(self) -> None:
        """The question and the answer share the width the screen gives (no column left empty)."""
        lang = self.lang
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear(columns=True)
        questions = self.questionnaire.questions
        room = max(30, (self.size.width or 80) - 2 - len(str(len(questions))) - 3 * 2 - 2)
        question_width = room * 11 // 20
        answer_width = room - question_width
        table.add_column("#", key="n", width=len(str(len(questions))))
        table.add_column(self.tr("review.col_question"), key="question", width=question_width)
        table.add_column(self.tr("review.col_answer"), key="answer", width=answer_width)
        for n, q in enumerate(questions, start=1):
            prompt = clip(q.prompt.get(lang), question_width)
            summary = answer_summary(q, self.response.answers.get(q.id), lang)
            if self.incomplete(q):
                cell = Text(clip(f"⚠ {self.tr('review.incomplete')} · {summary}", answer_width), style="bold yellow")
            else:
                cell = Text(clip(summary, answer_width))
            table.add_row(Text(str(n), justify="right"), Text(prompt), cell, key=q.id)
        if row:
            table.move_cursor(row=row, animate=False)

    def on_resize(self) -> None:
        self._fill_table()

    async def relabel(self) -> None:
        await self.recompose()
        self._fill_table()
        self.query_one(DataTable).focus()

    def on_mount(self) -> None:
        self._fill_table()
        table = self.query_one(DataTable)
        ids = [q.id for q in self.questionnaire.questions]
        if self.response.cursor in ids:
            table.move_cursor(row=ids.index(self.response.cursor))
        table.focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.dismiss(("jump", event.row_key.value))

    def action_back(self) -> None:
        self.dismiss(None)

    def action_submit(self) -> None:
        from cxalign.tui.screens.dialogs import ConfirmDialog

        missing = sum(1 for q in self.questionnaire.questions if not self.complete(q))

        def message() -> str:
            text = self.tr("review.confirm_submit")
            return text + "\n" + self.tr("review.confirm_missing", n=missing) if missing else text

        def confirmed(ok: bool | None) -> None:
            if ok:
                self.dismiss(("submit", ""))

        self.app.push_screen(ConfirmDialog(message), confirmed)
