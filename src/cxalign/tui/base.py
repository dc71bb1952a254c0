"""The one interface base: language, footer labels, errors, and what every screen declares.

Every screen derives from :class:`CxScreen` and every dialog from :class:`CxModal`:

- ``self.tr(key, **fields)`` — the interface text of ``key`` in the app's language, looked
  up in the interface catalogues (``locales/tui.toml``, ``tui_results.toml``, ``common.toml``;
  a key lives in exactly one of them, :func:`ui_catalog` refuses duplicates), or in a catalogue
  shared with the command line through a scoped key (``self.tr("compare:title")``);
- ``relabel()`` — called when the language changes (F2); by default the screen is composed
  again (a dialog keeps what was typed); the footer labels are rewritten before it;
- ``show_error(error, title=…)`` — a notification, never parsed as markup, with an
  :class:`~cxalign.errors.InputError` said in the interface language (file and field kept);
- ``flush()`` — save whatever is typed but not saved yet (called before any ending);
- ``commands()`` — what the command palette offers on this screen (nothing else is offered);
- ``folder`` — the workshop folder the screen is about (None on the workshops list);
- ``private`` — True on a participant's own screens: results, export and other people are
  never offered from there.

Question widgets (owned apart) are seen by the filling screen through :class:`AnswerInput`.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Protocol, runtime_checkable

from rich.text import Text
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen

from cxalign.errors import InputError, InputErrors
from cxalign.i18n import catalog

if TYPE_CHECKING:
    from cxalign.store import WorkshopFolder

#: The catalogues the interface reads, in ``locales/``; a key may appear in only one.
UI_AREAS = ("tui", "tui_results", "tui_widgets", "common")
#: Catalogues shared with the command line and the PDF, read by the interface through a
#: scoped key ``"<area>:<key>"`` (``self.tr("compare:title")``): their keys stay apart from
#: the interface's own, so no key is defined twice.
SCOPED_AREAS = ("compare",)

#: Below this width the footer leaves out the command palette's key.
NARROW = 80

#: A palette entry: (catalogue key of its label, what it does).
Command = tuple[str, Callable[[], Any]]


@cache
def ui_catalog() -> dict[str, dict[str, str]]:
    """Every interface string by key; raises ``KeyError`` when two catalogues define one key."""
    merged: dict[str, dict[str, str]] = {}
    for area in UI_AREAS:
        for key, entry in catalog(area).items():
            if key in merged:
                raise KeyError(f"interface key {key!r} is defined twice ({area}.toml and another catalogue)")
            merged[key] = entry
    return merged


def entry_of(key: str) -> dict[str, str]:
    """The catalogue entry of an interface key, or of a scoped key ``"compare:title"``."""
    area, scoped, inner = key.partition(":")
    if scoped and area in SCOPED_AREAS:
        return catalog(area)[inner]
    return ui_catalog()[key]


def tr(key: str, lang: str, /, **fields: object) -> str:
    """The interface text of ``key`` in ``lang`` (``str.format`` fields filled in); ``key`` is an
    interface key or a scoped one (``"compare:title"``, see :data:`SCOPED_AREAS`)."""
    entry = entry_of(key)
    text = entry["en"] if lang == "en" else entry["fr"]
    return text.format(**fields) if fields else text


def app_lang(node: DOMNode) -> str:
    """The interface language of the app ``node`` runs in (French when the app has none)."""
    try:
        lang = getattr(node.app, "lang", "fr")
    except Exception:  # no active app (a widget built outside one)
        return "fr"
    return lang if lang in ("fr", "en") else "fr"


def label_key(action: str) -> str | None:
    """The catalogue key of an action's footer label: ``key.<action>``, or with arguments
    flattened (``show_tab('maturity')`` → ``key.show_tab_maturity``); None when there is none."""
    strings = ui_catalog()
    for key in ("key." + action, "key." + re.sub(r"\W+", "_", action).strip("_")):
        if key in strings:
            return key
    return None


def binding_label(action: str, lang: str) -> str | None:
    """The footer label of ``action`` in ``lang``, if the catalogue has one."""
    key = label_key(action)
    return tr(key, lang) if key else None


def relabel_bindings(node: DOMNode, lang: str) -> None:
    """Rewrite the footer labels of ``node``'s own bindings in ``lang``.

    The only place that touches Textual's binding table (``_bindings``): Textual has no public
    way to change a binding's description at run time.
    """
    table = node._bindings.key_to_bindings
    for key, bindings in table.items():
        table[key] = [replace(b, description=label) if (label := binding_label(b.action, lang)) else b
                      for b in bindings]


#: Kept for the question widgets that import it by this name.
localize_bindings = relabel_bindings


# -- errors in the interface language --------------------------------------------------

#: Known error messages (English, as the command line prints them) → catalogue key; the
#: named groups become the fields of the translated text.
_ERROR_KINDS: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(p, re.S), k) for p, k in (
    (r"file not found", "err.not_found"),
    (r"folder does not exist", "err.no_folder"),
    (r"is a folder, not a file", "err.is_folder"),
    (r"is a file, not a folder", "err.is_file"),
    (r"cannot read: (?P<why>.*)", "err.cannot_read"),
    (r"cannot write: (?P<why>.*)", "err.cannot_write"),
    (r"cannot create the folder: (?P<why>.*)", "err.cannot_mkdir"),
    (r"larger than (?P<n>\d+) MB; not a cxalign file", "err.too_large"),
    (r"not UTF-8 text \(byte (?P<n>\d+)\)", "err.not_utf8"),
    (r"invalid TOML: (?P<detail>.*)", "err.bad_toml"),
    (r"not a workshop folder \(no (?P<file>[^)]*)\)", "err.not_workshop"),
    (r"missing (?P<file>\S+\.toml)", "err.missing_file"),
    (r"(?P<file>\S+) was changed after the workshop started.*", "err.questionnaire_changed"),
    (r"questionnaire is (?P<found>.*), the workshop records (?P<expected>.*)", "err.questionnaire_other"),
    (r"unknown participant (?P<id>.*)", "err.unknown_participant"),
    (r"file is named (?P<name>.*) but holds participant (?P<id>.*)", "err.wrong_participant"),
    (r"response of a participant who is not in the workshop", "err.stray_response"),
    (r"answers were given to another version of the questionnaire", "err.other_version"),
    (r"format (?P<version>\S+) is not a cxalign format.*", "err.bad_format"),
    (r"required integer field is missing or not an integer", "err.not_integer"),
    (r"participant (?P<id>'[^']*') is already being filled in.*", "err.locked"),
    # pydantic's messages, as cxalign.errors.error_message words them
    (r"unknown field", "err.unknown_field"),
    (r"required field is missing", "err.required"),
    (r"String should have at most (?P<n>\d+) characters?", "err.too_long"),
    (r"contains control characters", "err.control_chars"),
))


def message_text(message: str, lang: str) -> str:
    """One error message (without its file and field) in ``lang``."""
    if lang == "en":
        return message
    for pattern, key in _ERROR_KINDS:
        if (match := pattern.fullmatch(message)) is not None:
            return tr(key, lang, **match.groupdict())
    return tr("err.other", lang, detail=message)


def error_text(error: BaseException | str, lang: str) -> str:
    """What to show for ``error``: an :class:`InputError` keeps its file and field, its message
    is said in ``lang``; an ``OSError`` names its file; anything else as it reads."""
    if isinstance(error, InputErrors):
        return "\n".join(error_text(e, lang) for e in error.errors)
    if isinstance(error, InputError):
        where = [w for w in (error.file, error.field) if w]
        message = message_text(error.message, lang)
        return ": ".join([*where, message]) if where else message
    if isinstance(error, OSError):
        why = error.strerror or str(error)
        return f"{error.filename}: {why}" if error.filename else why
    return str(error)


# -- the screens' contract -------------------------------------------------------------

@runtime_checkable
class AnswerInput(Protocol):
    """What the filling screen reads from a question widget (``cxalign.tui.widgets``).

    ``value()`` the answer fields on screen (None: nothing chosen); ``focus_input()``;
    ``incomplete`` a current+target item with only one of the two chosen; ``unfinished`` an
    allocation being changed that does not add up yet; ``remaining`` its points left to share.
    """

    incomplete: bool
    unfinished: bool
    remaining: int

    def value(self) -> dict[str, Any] | None: ...

    def focus_input(self) -> None: ...


class Localized:
    """Mixin of :class:`CxScreen` and :class:`CxModal`: language, labels, errors, declarations."""

    #: The workshop folder the screen is about (None: none, as on the workshops list).
    folder: WorkshopFolder | None = None
    #: A participant's own screen: never offer the results, the export or other people.
    private: ClassVar[bool] = False

    @property
    def lang(self) -> str:
        return app_lang(self)  # type: ignore[arg-type]

    def tr(self, key: str, /, **fields: object) -> str:
        return tr(key, self.lang, **fields)

    def on_mount(self) -> None:
        relabel_bindings(self, self.lang)  # type: ignore[arg-type]
        if hasattr(self.app, "lang"):  # type: ignore[attr-defined]
            self.watch(self.app, "lang", self._language_changed, init=False)  # type: ignore[attr-defined]

    def on_resize(self) -> None:
        """Below 80 columns the footer's "^p Commands" would overlap the keys: it goes (F1 says it)."""
        from textual.widgets import Footer

        narrow = self.size.width < NARROW  # type: ignore[attr-defined]
        for footer in self.query(Footer):  # type: ignore[attr-defined]
            if narrow and footer.show_command_palette:
                footer._palette_wanted = True
                footer.show_command_palette = False
            elif not narrow and getattr(footer, "_palette_wanted", False):
                footer.show_command_palette = True

    async def _language_changed(self, lang: str) -> None:
        relabel_bindings(self, lang)  # type: ignore[arg-type]
        result = self.relabel()
        if inspect.isawaitable(result):
            await result
        self.refresh_bindings()  # type: ignore[attr-defined]

    def relabel(self) -> Any:
        """Show the screen in the current language (by default: compose it again)."""
        return self.recompose()  # type: ignore[attr-defined]

    def show_error(self, error: BaseException | str, *, title: str | None = None, timeout: float = 10,
                   severity: str = "error") -> None:
        """A notification for ``error``; its text is data, never markup."""
        message = error if isinstance(error, str) else error_text(error, self.lang)
        self.app.notify(message, title=title if title is not None else self.tr("error.title"),  # type: ignore[attr-defined]
                        severity=severity, timeout=timeout, markup=False)

    def say(self, message: str, *, severity: str = "information", timeout: float = 4) -> None:
        """A notification of ours that may quote user text: never parsed as markup."""
        self.app.notify(message, severity=severity, timeout=timeout, markup=False)  # type: ignore[attr-defined]

    def flush(self) -> None:
        """Save what is typed but not saved yet (nothing, on most screens)."""

    def commands(self) -> list[Command]:
        """The command palette's entries that work on this screen (besides the app's own)."""
        return []


class CxScreen(Localized, Screen):
    """A full screen of the interface."""

    def hand_back(self, compute: Callable[[], Any], done: Callable[[Any], None],
                  failed: Callable[[InputError | str], None]) -> None:
        """Inside a thread worker: run ``compute`` and give its result to ``done`` on the app's
        thread — or the error to ``failed``, an unexpected one as text (it must not close the
        interface); nothing when a newer run of the same worker replaced this one."""
        from textual.worker import get_current_worker

        try:
            result = compute()
        except InputError as exc:
            self.app.call_from_thread(failed, exc)
            return
        except Exception as exc:  # noqa: BLE001
            self.app.call_from_thread(failed, f"{type(exc).__name__}: {exc}")
            return
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(done, result)


class CxModal(Localized, ModalScreen):
    """A dialog; changing the language keeps what was typed or chosen."""

    async def relabel(self) -> None:
        from textual.widgets import Checkbox, Input, Select

        kept = {w.id: w.value for w in self.query("Input, Select, Checkbox") if w.id}
        focused = self.focused.id if self.focused is not None else None
        await self.recompose()
        for widget in self.query("Input, Select, Checkbox"):
            if widget.id in kept and isinstance(widget, (Input, Select, Checkbox)):
                widget.value = kept[widget.id]
        if focused:
            for widget in self.query(f"#{focused}"):
                widget.focus()


class FolderScreen(CxScreen):
    """A full screen about one workshop folder; Escape goes back."""

    def __init__(self, folder: WorkshopFolder | str | Path) -> None:
        super().__init__()
        from cxalign.store import WorkshopFolder

        self.folder = folder if isinstance(folder, WorkshopFolder) else WorkshopFolder(folder)

    def action_back(self) -> None:
        self.dismiss()


def plain(text: str) -> Text:
    """User text as a renderable shown exactly as typed (brackets are not markup)."""
    return Text(text)
