"""What every question widget shares: its question, the saved answer, its language,
and what the filling screen asks of it (value, whether it is incomplete, a draft)."""

from __future__ import annotations

import weakref
from typing import Any

from rich.table import Table
from rich.text import Text
from textual.containers import Vertical

from cxalign.i18n import tr
from cxalign.models.response import Answer
from cxalign.textfit import Unbroken, fit


def hanging(mark: str, label: str | Text | Unbroken) -> Table:
    """``mark label`` where a long label wraps under itself, not under the mark.

    The label is data (never markup) and French punctuation never starts a line.
    """
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_row(mark, label if isinstance(label, Unbroken) else fit(label))
    return grid


def answer_incomplete(question: Any, answer: Answer | None) -> bool:
    """True for a saved answer that is not whole: a maturity item rated today but not
    target (or the reverse). The review and the submission count it as not answered yet.
    (Allocations and rankings are never saved unfinished: their drafts stay in the widget.)"""
    if answer is None or answer.dont_know or not getattr(question, "current_target", False):
        return False
    return (answer.current is None) != (answer.target is None)


#: Unfinished answers kept while the app runs: app -> {(scope, question id): draft}.
#: A draft is what a widget had on screen when the person left it incomplete (an
#: allocation that does not add up yet); coming back to the question shows it again.
_DRAFTS: "weakref.WeakKeyDictionary[Any, dict[tuple[str, str], Any]]" = weakref.WeakKeyDictionary()


class QuestionWidget(Vertical):
    """Shows one question's input; reports changes with :class:`AnswerChanged`.

    What the filling screen relies on:

    - ``value()`` returns the answer fields for the value on screen (``None`` when
      nothing complete is chosen yet); the screen adds note, "don't know" and time.
    - ``incomplete`` is True while the value on screen is started but not a whole
      answer (an allocation that does not add up, a maturity item with today but no
      target, a ranking not confirmed); ``remaining`` says how much is missing (a
      number: points left, levels left …, 0 when nothing) and ``missing()`` says it in
      words, in the widget's language, or ``""``.
    - ``draft()`` is the unfinished value on screen (``None`` when there is none); the
      widget keeps it itself, per app and participant, when it is removed, and shows
      it again when the same question is shown again (``restore_draft``).
    - ``clear()`` forgets the value on screen (after "don't know").
    """

    DEFAULT_CSS = """
    QuestionWidget {
        height: auto;
        margin-top: 1;
    }
    """

    DEFAULT_CLASSES = "question-widget"

    def __init__(self, question: Any, answer: Answer | None, lang: str):
        super().__init__()
        self.question = question
        self.answer = answer
        self.lang = lang

    def tr(self, key: str, **fields: object) -> str:
        """Wording of the question widgets (``locales/tui_widgets.toml``, then ``tui.toml``)."""
        try:
            return tr(key, self.lang, "tui_widgets", **fields)
        except KeyError:
            return tr(key, self.lang, "tui", **fields)

    def value(self) -> dict[str, Any] | None:
        raise NotImplementedError

    # -- incomplete answers ---------------------------------------------------------
    @property
    def incomplete(self) -> bool:
        """True while the value on screen is started but not a whole answer."""
        return False

    @property
    def remaining(self) -> int:
        """How much is missing for a whole answer (0 when nothing is)."""
        return 0

    def missing(self) -> str:
        """What is missing, in words (``""`` when nothing is)."""
        return ""

    # -- drafts ---------------------------------------------------------------------
    def draft(self) -> Any | None:
        """The unfinished value on screen, to show again later; ``None`` when there is none."""
        return None

    def restore_draft(self, draft: Any) -> None:
        """Show a draft saved by :meth:`draft` (called before the widget composes)."""

    def _draft_key(self) -> tuple[Any, tuple[str, str]] | None:
        try:
            app, screen = self.app, self.screen
        except Exception:  # not mounted
            return None
        folder = getattr(screen, "folder", None)
        participant = getattr(screen, "participant", None)
        scope = f"{getattr(folder, 'path', id(screen))}::{getattr(participant, 'id', '')}"
        return app, (scope, self.question.id)

    def _load_draft(self) -> None:
        key = self._draft_key()
        if key is None:
            return
        app, inner = key
        if self.answer is not None and self.answer.dont_know:  # "don't know" replaced the draft
            _DRAFTS.get(app, {}).pop(inner, None)
            return
        draft = _DRAFTS.get(app, {}).get(inner)
        if draft is not None:
            self.restore_draft(draft)

    def _keep_draft(self) -> None:
        key = self._draft_key()
        if key is None:
            return
        app, inner = key
        drafts = _DRAFTS.setdefault(app, {})
        draft = self.draft() if self.incomplete else None
        if draft is None:
            drafts.pop(inner, None)
        else:
            drafts[inner] = draft

    def on_unmount(self) -> None:
        self._keep_draft()

    # -- misc -----------------------------------------------------------------------
    def clear(self) -> None:
        """Forget the value on screen (after "don't know")."""

    def focus_input(self) -> None:
        """Give the keyboard to the first input of the widget."""
        for child in self.query("*"):
            if child.focusable:
                child.focus()
                return
