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


def make_environment(folders: TemplateFolders, translate: Callable[..., str]):
    """A Jinja2 environment with autoescape on, looking in the custom folder first.

    It is sandboxed: a consultant's ``--template-dir`` can lay the report out as it
    likes but cannot reach Python internals (``{{ ''.__class__.__mro__ }}`` and the like).
    """
    from jinja2 import ChoiceLoader, FileSystemLoader, StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    loader = ChoiceLoader([FileSystemLoader(str(folder)) for folder in folders.search_path])
    env = SandboxedEnvironment(
        loader=loader,
        bytecode_cache=_bytecode_cache(),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals["_"] = translate
    env.globals["asset"] = folders.url
    env.filters["css_string"] = css_string
    return env


def css_string(text: str):
    """``text`` as a quoted CSS string, safe inside a ``<style>`` element."""
    from markupsafe import Markup

    escaped = "".join(ch if ch.isalnum() or ch in " .,;:'!?-_()" else f"\\{ord(ch):x} " for ch in str(text))
    return Markup(f'"{escaped}"')


def render_template(folders: TemplateFolders, translate: Callable[..., str], context: dict[str, Any]) -> str:
    from jinja2 import TemplateError, TemplateNotFound

    env = make_environment(folders, translate)
    try:
        return env.get_template(MAIN_TEMPLATE).render(**context)
    except TemplateNotFound as exc:
        where = getattr(exc, "filename", None) or (folders.base / MAIN_TEMPLATE)
        raise InputError(f"template not found: {exc.message or exc} (looked in {', '.join(map(str, folders.search_path))})",
                         file=where) from None
    except TemplateError as exc:
        where = getattr(exc, "filename", None) or (folders.base / MAIN_TEMPLATE)
        line = getattr(exc, "lineno", None)
        raise InputError(f"template error{f' at line {line}' if line else ''}: {exc.message or exc}", file=where) from None
    except Exception as exc:  # a custom template can raise anything (1/0, endless recursion …)
        if folders.custom is None:
            raise  # a bug in the shipped templates: let it show
        raise InputError(f"template error: {type(exc).__name__}: {exc}", file=folders.custom) from None


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
