"""HTML from the Jinja2 templates, PDF from the HTML with WeasyPrint.

Templates are looked up first in a consultant's own folder (``--template-dir``),
then in the shipped ``report_templates/``, so a custom folder only needs the
files it changes. WeasyPrint is imported inside :func:`write_pdf` only, and it
fetches nothing but ``data:`` URIs and files inside those two folders.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from cxalign.errors import InputError
from cxalign.present.numbers import EMPTY

#: The template the report starts from.
MAIN_TEMPLATE = "report.html.j2"
#: The PDF variant asked of WeasyPrint: tagged PDF for accessibility (PDF/UA-1).
PDF_OPTIONS: dict[str, Any] = {"pdf_variant": "pdf/ua-1"}


class TemplateFolders:
    """The custom template folder (if any) in front of the shipped one."""

    def __init__(self, custom: str | Path | None = None, default: str | Path | None = None):
        if default is None:
            from cxalign.resources import templates_dir

            default = templates_dir()
        self.default = Path(default).resolve()
        self.custom: Path | None = None
        if custom is not None:
            path = Path(custom).expanduser()
            if not path.exists():
                raise InputError("template folder not found", file=path)
            if not path.is_dir():
                raise InputError("is a file, not a template folder", file=path)
            self.custom = path.resolve()

    @property
    def search_path(self) -> list[Path]:
        return [self.custom, self.default] if self.custom is not None else [self.default]

    @property
    def base(self) -> Path:
        """The folder relative URLs in the HTML resolve against."""
        return self.search_path[0]

    @property
    def base_url(self) -> str:
        return self.base.as_uri() + "/"

    def find(self, name: str) -> Path | None:
        """The first file called ``name`` in the custom folder, then the default one."""
        for folder in self.search_path:
            candidate = (folder / name).resolve()
            if candidate.is_file() and candidate.is_relative_to(folder):
                return candidate
        return None

    def url(self, name: str) -> str | None:
        path = self.find(name)
        return path.as_uri() if path is not None else None

    def fallback(self, path: Path) -> Path:
        """A file asked for in the custom folder but missing there: the default folder's file of
        the same name (so a custom cover can still use the shipped logo.svg)."""
        if self.custom is None or path.exists():
            return path
        try:
            relative = path.resolve().relative_to(self.custom)
        except ValueError:
            return path
        return self.default / relative

    def allows(self, path: Path) -> bool:
        """True when ``path`` (resolved, symlinks followed) is a file inside a template folder."""
        resolved = path.resolve()
        return resolved.is_file() and any(resolved.is_relative_to(folder) for folder in self.search_path)


def _bytecode_cache():
    """Compiled templates cached in the user cache folder (keyed by each template's source),
    which saves recompiling them on every report; None when that folder cannot be written."""
    from jinja2 import FileSystemBytecodeCache
    from platformdirs import user_cache_path

    folder = user_cache_path("cxalign", appauthor=False) / "jinja"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    if not os.access(folder, os.W_OK):
        return None
    return FileSystemBytecodeCache(str(folder))


def template_loader(folders: TemplateFolders):
    """A Jinja2 loader that reads a template only when its path, symlinks resolved, is a file
    inside the template folder it was found in (custom folder first, then the shipped one).

    A name found in a folder but leading outside it (``x.txt -> /etc/passwd``) is refused with
    an :class:`InputError` naming that file; it never falls back to another folder.
    """
    from jinja2 import BaseLoader, TemplateNotFound
    from jinja2.loaders import split_template_path

    class TemplateFolderLoader(BaseLoader):
        def get_source(self, environment, template):
            pieces = split_template_path(template)  # refuses ".." and the like
            for folder in folders.search_path:
                path = folder.joinpath(*pieces)
                if not (path.exists() or path.is_symlink()):
                    continue
                resolved = path.resolve()
                if not resolved.is_relative_to(folder) or not resolved.is_file():
                    raise InputError(f"template {template!r} leads outside the template folder "
                                     f"({resolved}); templates are read only from inside it", file=path)
                source = resolved.read_text(encoding="utf-8")
                mtime = resolved.stat().st_mtime

                def uptodate(resolved=resolved, mtime=mtime) -> bool:
                    try:
                        return resolved.stat().st_mtime == mtime
                    except OSError:
                        return False

                return source, str(path), uptodate
            raise TemplateNotFound(template)

        def list_templates(self):
            found = set()
            for folder in folders.search_path:
                for path in folder.rglob("*"):
                    if path.is_file():
                        found.add(path.relative_to(folder).as_posix())
            return sorted(found)

    return TemplateFolderLoader()


def _failed_template(exc: BaseException, folders: TemplateFolders) -> tuple[Path | None, int | None]:
    """The innermost template (file, line) in ``exc``'s traceback: Jinja rewrites it so that
    template frames carry the template's file name and line."""
    found: tuple[Path | None, int | None] = (None, None)
    roots = [str(folder) for folder in folders.search_path]
    tb = exc.__traceback__
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if any(name.startswith(root + os.sep) for root in roots):
            found = (Path(name), tb.tb_lineno)
        tb = tb.tb_next
    return found



def make_environment(folders: TemplateFolders, translate: Callable[..., str]):
    """A Jinja2 environment with autoescape on, looking in the custom folder first.

    It is sandboxed: a consultant's ``--template-dir`` can lay the report out as it
    likes but cannot reach Python internals (``{{ ''.__class__.__mro__ }}`` and the like).
    """
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    env = SandboxedEnvironment(
        loader=template_loader(folders),
        bytecode_cache=_bytecode_cache(),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals["_"] = translate
    env.globals["asset"] = folders.url
    env.globals["empty"] = EMPTY  # what a missing figure prints as, as everywhere else
    env.filters["css_string"] = css_string
    return env


def css_string(text: str):
    """``text`` as a quoted CSS string, safe inside a ``<style>`` element."""
    from markupsafe import Markup

    escaped = "".join(ch if ch.isalnum() or ch in " .,;:'!?-_()" else f"\\{ord(ch):x} " for ch in str(text))
    return Markup(f'"{escaped}"')


def render_template(folders: TemplateFolders, translate: Callable[..., str], context: dict[str, Any],
                    main: str = MAIN_TEMPLATE) -> str:
    """The report's HTML from ``main`` (another document, e.g. a comparison, names its own).
    Every error of a custom template is an :class:`InputError` (exit 2) naming the template
    that failed and, when known, its line."""
    from jinja2 import TemplateError, TemplateNotFound

    env = make_environment(folders, translate)
    try:
        html = env.get_template(main).render(**context)
    except InputError:
        raise
    except TemplateNotFound as exc:
        where = _failed_template(exc, folders)[0] or getattr(exc, "filename", None) or (folders.base / main)
        raise InputError(f"template not found: {exc.message or exc} (looked in {', '.join(map(str, folders.search_path))})",
                         file=where) from None
    except TemplateError as exc:
        failed, failed_line = _failed_template(exc, folders)
        where = getattr(exc, "filename", None) or failed or (folders.base / main)
        line = getattr(exc, "lineno", None) or failed_line
        raise InputError(f"template error{f' at line {line}' if line else ''}: {exc.message or exc}", file=where) from None
    except Exception as exc:  # a custom template can raise anything (1/0, endless recursion …)
        if folders.custom is None:
            raise  # a bug in the shipped templates: let it show
        failed, line = _failed_template(exc, folders)
        raise InputError(f"template error{f' at line {line}' if line else ''}: {type(exc).__name__}: {exc}",
                         file=failed or folders.custom) from None
    _check_contents(html, context, folders, main)
    return html


def _check_contents(html: str, context: dict[str, Any], folders: TemplateFolders, main: str = MAIN_TEMPLATE) -> None:
    """Every table-of-contents entry links to an element of the HTML; a custom template that
    drops one is refused, naming the template of the section it belongs to."""
    from cxalign.report.outline import missing_anchors

    missing = missing_anchors(html, context.get("toc", []))
    if not missing:
        return
    entry = next(e for e in context["toc"] if e["anchor"] == missing[0])
    suspects = [t for t in (entry.get("template"), main, "contents.html.j2")
                if t and folders.custom is not None and (folders.custom / t).exists()]
    if not suspects:
        raise AssertionError(f"the shipped templates miss the anchors {missing}")
    raise InputError(f"the table of contents links to #{missing[0]} ({entry['title']}), but no element of the "
                     f"report has that id: keep each section's id in a custom template",
                     file=folders.custom / suspects[0])


def make_url_fetcher(folders: TemplateFolders, refused: list[str] | None = None):
    """A WeasyPrint URL fetcher that only reads ``data:`` URIs and files inside the template folders.

    Every other URL (``http:``, ``https:``, ``file:`` outside the folders …) is refused
    and, when ``refused`` is a list, recorded in it.
    """
    from weasyprint.urls import URLFetcher

    class TemplateFolderFetcher(URLFetcher):
        def __init__(self):
            super().__init__(allowed_protocols=("data", "file"), allow_redirects=False, timeout=1)
            self.refused = refused if refused is not None else []

        def fetch(self, url, headers=None):
            scheme = url.split(":", 1)[0].lower() if ":" in url else ""
            if scheme == "data":
                return super().fetch(url, headers)
            if scheme == "file":
                parts = urlsplit(url)
                if parts.netloc in ("", "localhost"):
                    path = folders.fallback(Path(unquote(parts.path)))
                    if folders.allows(path):
                        return super().fetch(path.as_uri(), headers)
            self.refused.append(url)
            raise ValueError(f"cxalign fetches only data: URIs and files inside the template folder, not {url[:200]}")

    return TemplateFolderFetcher()


def write_pdf(
    html: str,
    output: Path,
    folders: TemplateFolders,
    *,
    refused: list[str] | None = None,
    on_step: Callable[[str], None] | None = None,
) -> int:
    """Lay out ``html`` and write the PDF to ``output``; returns the number of pages."""
    from weasyprint import HTML

    fetcher = make_url_fetcher(folders, refused)
    document = HTML(string=html, base_url=folders.base_url, url_fetcher=fetcher).render(**PDF_OPTIONS)
    if on_step is not None:
        on_step("write")
    document.write_pdf(output, **PDF_OPTIONS)
    return len(document.pages)
