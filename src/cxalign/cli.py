"""The ``cxalign`` command: the interface with no arguments, scriptable sub-commands otherwise.

Exit codes: 0 success, 2 bad input (the message names the file and the field),
1 unexpected failure. Heavy modules (Textual, the analysis, WeasyPrint) are
imported inside the command that needs them, so each command starts fast.
"""

from __future__ import annotations

import argparse
import errno
import sys
from collections.abc import Sequence
from pathlib import Path

from cxalign import __version__
from cxalign.errors import InputError

EXIT_OK, EXIT_FAILURE, EXIT_BAD_INPUT = 0, 1, 2
#: Operating-system errors caused by the paths given (bad input), unlike a full disk or an I/O error.
_PATH_ERRORS = (FileNotFoundError, FileExistsError, IsADirectoryError, NotADirectoryError, PermissionError)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse exits 2 already; keep its wording short
        self.print_usage(sys.stderr)
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: error: {message}\n")


def _participant_spec(value: str) -> tuple[str, str]:
    name, sep, role = value.rpartition(":")
    if not sep or not name.strip() or not role.strip():
        raise argparse.ArgumentTypeError(f"expected \"Name:role\", got {value!r}")
    return name.strip(), role.strip()


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="cxalign",
        description="Customer-experience maturity and leadership alignment workshops. "
        "With no command, opens the workshop interface.",
    )
    parser.add_argument("--version", action="version", version=f"cxalign {__version__}")
    parser.add_argument("--dir", metavar="D", help="workshops folder (default: $CXALIGN_HOME or the user data folder)")
    parser.add_argument("--lang", choices=("fr", "en"), default=None, help="interface language")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser("demo", help="write a realistic demo workshop and print its folder")
    p.add_argument("--dir", dest="sub_dir", metavar="D", help="where to write it (default: the workshops folder)")

    p = sub.add_parser("new", help="create a workshop")
    p.add_argument("name")
    p.add_argument("--org", required=True, help="organisation")
    p.add_argument("--participant", action="append", type=_participant_spec, default=[], metavar="NAME:ROLE")
    p.add_argument("--language", choices=("fr", "en"), default="fr", help="workshop language (default fr)")
    p.add_argument("--anonymous", action="store_true", help="report roles only, never names")
    p.add_argument("--questionnaire", type=Path, help="questionnaire TOML (default: the reference questionnaire)")
    p.add_argument("--dir", dest="sub_dir", metavar="D", help="where to create it (default: the workshops folder)")

    p = sub.add_parser("fill", help="open the interface on one participant's questionnaire")
    p.add_argument("workshop", type=Path)
    p.add_argument("--participant", required=True, metavar="ID")

    p = sub.add_parser("import", help="import responses from a CSV file (one row per respondent)")
    p.add_argument("workshop", type=Path)
    p.add_argument("csv", type=Path)
    p.add_argument("--replace", action="store_true", help="overwrite participants who already have answers")

    p = sub.add_parser("export", help="write every answer as tidy CSV")
    p.add_argument("workshop", type=Path)
    p.add_argument("--csv", type=Path, required=True, metavar="FILE")
    p.add_argument("--wide", action="store_true", help="one row per respondent (the import format) instead of tidy rows")

    p = sub.add_parser("analyze", help="print the maturity and alignment analysis")
    p.add_argument("workshop", type=Path)
    p.add_argument("--json", action="store_true", help="print the JSON contract instead of tables")
    p.add_argument("--lang", dest="sub_lang", choices=("fr", "en"), help="language of the sentences")

    p = sub.add_parser("report", help="write the PDF report")
    p.add_argument("workshop", type=Path)
    p.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.pdf")
    p.add_argument("--lang", dest="sub_lang", choices=("fr", "en"), help="report language (default: the workshop's)")
    p.add_argument("--anonymous", action="store_true", help="roles only, no names; small groups not broken out")
    p.add_argument("--html", type=Path, metavar="FILE.html", help="also write the final HTML that was rendered")
    p.add_argument("--template-dir", type=Path, metavar="DIR", help="your own templates; missing files fall back to the defaults")

    p = sub.add_parser("validate", help="check questionnaires, workshops and response files")
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return _dispatch(args)
    except InputError as exc:
        print(f"cxalign: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except OSError as exc:  # a path the commands did not foresee (read-only folder, full disk …): no traceback
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"cxalign: {where}{exc.strerror or exc}", file=sys.stderr)
        return EXIT_BAD_INPUT if isinstance(exc, _PATH_ERRORS) or exc.errno == errno.EROFS else EXIT_FAILURE


def _home(args: argparse.Namespace) -> Path:
    from cxalign.home import workshops_home  # not cxalign.store: the interface should start without pydantic

    return workshops_home(getattr(args, "sub_dir", None) or args.dir)


def _warn_strays(folder) -> None:
    """Answers that the analysis, the report or the export leave out are said, not dropped silently."""
    for path in folder.stray_responses():
        print(f"cxalign: warning: {path}: response of a participant who is not in the workshop; left out "
              "(add them back to workshop.toml, or move the file away)", file=sys.stderr)


def _dispatch(args: argparse.Namespace) -> int:
    command = args.command
    if command is None:
        from cxalign.tui import AppOptions, run_app

        return run_app(AppOptions(home=_home(args), lang=args.lang))
    if command == "fill":
        from cxalign.tui import AppOptions, run_app

        return run_app(AppOptions(home=_home(args), lang=args.lang, workshop=args.workshop,
                                  participant=args.participant))
    if command == "demo":
        from cxalign.demo import create_demo

        folder = create_demo(_home(args))
        print(folder.path)
        return EXIT_OK
    if command == "new":
        from cxalign.store import WorkshopFolder

        folder = WorkshopFolder.create(
            _home(args), name=args.name, organisation=args.org, participants=args.participant,
            language=args.language, anonymous=args.anonymous, questionnaire_path=args.questionnaire,
        )
        print(folder.path)
        return EXIT_OK
    if command == "validate":
        from cxalign.checks import validate_paths

        return EXIT_OK if validate_paths(args.files) else EXIT_BAD_INPUT
    if command == "import":
        from cxalign.csvio import import_csv
        from cxalign.store import WorkshopFolder

        count = import_csv(WorkshopFolder(args.workshop), args.csv, replace=args.replace)
        print(f"imported {count} respondent(s) into {args.workshop}")
        return EXIT_OK
    if command == "export":
        from cxalign.csvio import export_csv
        from cxalign.store import WorkshopFolder

        rows = export_csv(WorkshopFolder(args.workshop), args.csv, wide=args.wide)
        _warn_strays(WorkshopFolder(args.workshop))
        print(f"wrote {rows} row(s) to {args.csv}")
        return EXIT_OK
    if command == "analyze":
        from cxalign.analysis.console import print_analysis
        from cxalign.store import WorkshopFolder

        print_analysis(WorkshopFolder(args.workshop), as_json=args.json, lang=args.sub_lang or args.lang)
        _warn_strays(WorkshopFolder(args.workshop))
        return EXIT_OK
    if command == "report":
        from cxalign.report import make_report
        from cxalign.store import WorkshopFolder

        make_report(
            WorkshopFolder(args.workshop), args.output, lang=args.sub_lang or args.lang,
            anonymous=args.anonymous, html_path=args.html, template_dir=args.template_dir, progress=True,
        )
        _warn_strays(WorkshopFolder(args.workshop))
        print(args.output)
        return EXIT_OK
    raise AssertionError(f"unhandled command {command}")  # pragma: no cover
