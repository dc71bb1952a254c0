"""The PDF report: ``make_report`` (``cxalign report``) and ``render_html``.

Importing this package is cheap: Jinja2, pygal and WeasyPrint are imported
only when a report is actually made.
"""

from __future__ import annotations

import contextlib
import errno
import gc
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from cxalign.errors import InputError

if TYPE_CHECKING:  # pragma: no cover
    from cxalign.analysis.result import WorkshopAnalysis
    from cxalign.store import WorkshopFolder

__all__ = ["make_report", "render_html"]

LANGS = ("fr", "en")


def _source(source: "WorkshopFolder | str | Path | WorkshopAnalysis"):
    """An analysis, or a workshop folder to analyse."""
    from cxalign.analysis.result import WorkshopAnalysis
    from cxalign.store import WorkshopFolder

    if isinstance(source, (WorkshopAnalysis, WorkshopFolder)):
        return source
    return WorkshopFolder(source)


def _analysis(source) -> "tuple[WorkshopAnalysis, list]":
    """The analysis and the response files left out of it because they could not be read."""
    from cxalign.analysis.result import WorkshopAnalysis

    if isinstance(source, WorkshopAnalysis):
        return source, []
    from cxalign.analysis import analyze

    workshop = source.load()
    responses, unreadable = source.readable_responses(workshop)
    return analyze(workshop, source.questionnaire, responses), unreadable


def _workshop_language(source) -> str:
    from cxalign.analysis.result import WorkshopAnalysis

    return source.workshop.language if isinstance(source, WorkshopAnalysis) else source.load().language


def _language(lang: str | None, default: str) -> str:
    chosen = lang or default
    if chosen not in LANGS:
        raise InputError(f"unknown report language {chosen!r} (expected fr or en)", field="lang")
    return chosen


def _render(analysis, *, lang, anonymous, folders, step=lambda key: None, unreadable=(), where=None) -> str:
    from cxalign.i18n import tr
    from cxalign.report.context import ReportContext
    from cxalign.report.outline import build_context
    from cxalign.report.render import render_template

    step("context")
    ctx = ReportContext.create(analysis, lang=lang, anonymous=anonymous, folders=folders, unreadable=unreadable)
    ctx.check_anonymity(where)
    context = build_context(ctx)
    step("html")

    def translate(key: str, **fields: object) -> str:
        return tr(key, lang, "report", **fields)

    return render_template(folders, translate, context)


def render_html(
    source: "WorkshopFolder | str | Path | WorkshopAnalysis",
    *,
    lang: str | None = None,
    anonymous: bool = False,
    template_dir: str | Path | None = None,
) -> str:
    """The report's final HTML (what WeasyPrint lays out), from a workshop folder or an analysis."""
    from cxalign.report.render import TemplateFolders

    folders = TemplateFolders(template_dir)
    source = _source(source)
    analysis, unreadable = _analysis(source)
    return _render(analysis, lang=_language(lang, analysis.workshop.language),
                   anonymous=anonymous or analysis.workshop.anonymous, folders=folders,
                   unreadable=unreadable, where=_where(source))


def _where(source) -> Path | None:
    from cxalign.store import WorkshopFolder

    return source.path / "workshop.toml" if isinstance(source, WorkshopFolder) else None


def warnings(analysis: "WorkshopAnalysis", unreadable) -> list[str]:
    """What the command line says on stderr besides the report (the same facts the cover shows)."""
    from cxalign.report.sections.cover import turnout

    found = [f"{u.path}: unreadable response of {u.participant!r}, left out of the report: {u.reason}"
             for u in unreadable]

    low = turnout(analysis)
    if low is not None:
        found.append("only {submitted} of {total} participants submitted ({answered} of {expected} answers); "
                     "the report reflects a minority of the team".format(**low))
    return found


def _check_output(path: Path, what: str) -> Path:
    path = Path(path)
    if path.is_dir():
        raise InputError(f"is a folder; give a {what} file name", file=path)
    if not path.parent.is_dir():
        raise InputError("folder does not exist", file=path.parent)
    return path


def _discard(tmp: Path, special: bool) -> None:
    """Remove a half-written PDF; a folder that refuses even that (read-only) keeps nothing anyway."""
    if not special:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)


def make_report(
    folder: "WorkshopFolder | str | Path | WorkshopAnalysis",
    output: str | Path,
    *,
    lang: str | None = None,
    anonymous: bool = False,
    html_path: str | Path | None = None,
    template_dir: str | Path | None = None,
    progress: None | bool | Callable[[str, float], None] = None,
    warn: Callable[[str], None] | None = None,
) -> Path:
    """Write the PDF report of a workshop to ``output`` and return its path.

    ``lang`` defaults to the workshop's language; an anonymous workshop is always
    reported anonymously. ``html_path`` also writes the exact HTML that was laid out.
    ``progress`` is None (silent), True (a progress bar on stderr) or a callable
    ``(label, fraction)`` called from the thread making the report.
    ``warn(message)`` is told what the cover warns about (unreadable response files, low
    turnout); with ``progress=True`` (the command line) and no ``warn``, it goes to stderr.

    A memory error while laying out the PDF becomes an ``OSError(ENOMEM)`` with a message
    (the command line's exit 1, no traceback).
    """
    from cxalign.report.render import TemplateFolders
    from cxalign.store import WorkshopFolder

    output = _check_output(Path(output), "PDF")
    if html_path is not None:
        html_path = _check_output(Path(html_path), "HTML")
        if html_path.resolve() == output.resolve():
            raise InputError("is given for both the PDF and the HTML; the PDF would replace the HTML", file=html_path)
    folders = TemplateFolders(template_dir)
    source = _source(folder)
    if isinstance(source, WorkshopFolder):
        for path in (output, html_path):
            if path is not None:
                source.check_output(path)
    lang = _language(lang, _workshop_language(source))
    try:
        return _make(source, output, lang, anonymous, html_path, folders, progress, warn)
    except MemoryError:
        gc.collect()
        raise OSError(errno.ENOMEM, "not enough memory to make the report; close other programs and try again",
                      str(output)) from None


def _make(source, output, lang, anonymous, html_path, folders, progress, warn) -> Path:
    from cxalign.report.progress import reporter
    from cxalign.report.render import write_pdf
    from cxalign.store import atomic_write, reserve_temp

    if warn is None and progress is True:
        def warn(message: str) -> None:
            print(f"cxalign: warning: {message}", file=sys.stderr)
    with reporter(progress, lang) as step:
        step("analysis")
        analysis, unreadable = _analysis(source)
        html = _render(analysis, lang=lang, anonymous=anonymous or analysis.workshop.anonymous,
                       folders=folders, step=step, unreadable=unreadable, where=_where(source))
        if html_path is not None:
            atomic_write(html_path, html.encode("utf-8"))
        step("layout")
        # A device such as /dev/null is written into; renaming over it would replace it.
        special = output.exists() and not output.is_file()
        tmp = output if special else reserve_temp(output)  # O_EXCL beside it: a planted link is never followed
        # The analysis and the context stay alive but will not change: keep the garbage
        # collector from scanning them again and again while WeasyPrint allocates.
        gc.collect()
        gc.freeze()
        try:
            write_pdf(html, tmp, folders, on_step=step)
            if not special:
                tmp.replace(output)
        except MemoryError:
            _discard(tmp, special)
            raise
        except OSError as exc:
            _discard(tmp, special)
            raise InputError(f"cannot write the PDF: {exc.strerror or exc}", file=output) from None
        except BaseException:
            _discard(tmp, special)
            raise
        finally:
            gc.unfreeze()
        step("done")
    if warn is not None:
        for message in warnings(analysis, unreadable):
            warn(message)
    return output
