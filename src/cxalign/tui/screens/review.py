"""Review before submitting: every question with its answer, jump to any, then submit."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Static

from cxalign.kinds.words import SHORT, answer_words
from cxalign.models.questionnaire import Questionnaire
from cxalign.models.response import Answer, Response
from cxalign.tui.lang import LangScreen
from cxalign.tui.textfit import clip


def answer_summary(question: Any, answer: Answer | None, lang: str) -> str:
    """One line describing an answer, in ``lang`` ("—" when there is none)."""
    return answer_words(question, answer, lang, style=SHORT)


class ReviewScreen(LangScreen):
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

    def compose(self) -> ComposeResult:
        lang = self.app.lang
        questions = self.questionnaire.questions
        answered = [q for q in questions if self.response.answered(q.id)]
        dont_know = [q for q in answered if self.response.answers[q.id].dont_know]
        yield Static(self.tr("review.title"), classes="screen-title")
        yield Static(self.tr("review.summary", answered=len(answered), n=len(questions),
                             dont_know=len(dont_know), missing=len(questions) - len(answered)),
                     id="review-summary")
        table = DataTable(id="review-table", cursor_type="row", zebra_stripes=True)
        table.add_column("#", key="n")
        table.add_column(self.tr("review.col_question"), key="question", width=36)
        table.add_column(self.tr("review.col_answer"), key="answer")
        for n, q in enumerate(questions, start=1):
            prompt = clip(q.prompt.get(lang), 36)
            summary = clip(answer_summary(q, self.response.answers.get(q.id), lang), 36)
            table.add_row(str(n), prompt, summary, key=q.id)
        yield table
        yield Static(self.tr("review.hint"), classes="hint")
        yield Footer(compact=True)

    def on_mount(self) -> None:
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

        missing = sum(1 for q in self.questionnaire.questions if not self.response.answered(q.id))

        def message() -> str:
            text = self.tr("review.confirm_submit")
            return text + "\n" + self.tr("review.confirm_missing", n=missing) if missing else text

        def confirmed(ok: bool | None) -> None:
            if ok:
                self.dismiss(("submit", ""))

        self.app.push_screen(ConfirmDialog(message), confirmed)
