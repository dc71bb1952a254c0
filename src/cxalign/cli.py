"""The ``cxalign`` command: the interface with no arguments, scriptable sub-commands otherwise.

Exit codes: 0 success, 2 bad input (the message names the file and the field),
1 unexpected failure. Heavy modules (Textual, the analysis, WeasyPrint) are
imported inside the command that needs them, so each command starts fast.

A sub-command is one ``_add_<name>`` function building its parser and one
``_run_<name>`` function doing the work, listed in :data:`COMMANDS`.
"""

from __future__ import annotations

import argparse
import errno
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from cxalign import __version__
from cxalign.errors import InputError, printable

EXIT_OK, EXIT_FAILURE, EXIT_BAD_INPUT = 0, 1, 2
#: Operating-system errors caused by the paths given (bad input), unlike a full disk or an I/O error.
_PATH_ERRORS = (FileNotFoundError, FileExistsError, IsADirectoryError, NotADirectoryError, PermissionError)

WORKSHOP_HELP = ("the workshop: a workshop folder, or the name of one in the workshops folder "
                 "(--dir, else $CXALIGN_HOME, else the user data folder)")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse exits 2 already; keep its wording short
        self.print_usage(sys.stderr)
        self.exit(EXIT_BAD_INPUT, printable(f"{self.prog}: error: {message}") + "\n")


def _participant_spec(value: str) -> tuple[str, str, str | None]:
    """``Name:role`` or ``Name:role:group`` (a name may hold colons when a group is given)."""
    parts = value.split(":")
    if len(parts) == 2:
        name, role, group = parts[0], parts[1], None
    elif len(parts) > 2:
        name, role, group = ":".join(parts[:-2]), parts[-2], parts[-1].strip() or None
    else:
        name = role = ""
    if not name.strip() or not role.strip():
        raise argparse.ArgumentTypeError(f"expected \"Name:role\" or \"Name:role:group\", got {value!r}")
    return name.strip(), role.strip(), group


def _sub(sub, name: str, help: str, description: str, example: str) -> argparse.ArgumentParser:
    return sub.add_parser(name, help=help, description=description, epilog="example:\n  " + example,
                          formatter_class=argparse.RawDescriptionHelpFormatter)


def _workshop_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("workshop", metavar="WORKSHOP", help=WORKSHOP_HELP)
    p.add_argument("--dir", dest="sub_dir", metavar="D", help="workshops folder where WORKSHOP names are looked up")


def _add_demo(sub) -> None:
    p = _sub(sub, "demo", "write a realistic demo workshop and print its folder",
             "Write the demo: two workshops of one company six months apart (executives with different "
             "views, a managers group, one person still answering); the later one's folder is the last line printed.", 'D="$(cxalign demo | tail -n 1)" && cxalign analyze "$D"')
    p.add_argument("--dir", dest="sub_dir", metavar="D", help="where to write it (default: the workshops folder)")


def _add_new(sub) -> None:
    p = _sub(sub, "new", "create a workshop",
             "Create a workshop folder in the workshops folder and print its path.",
             'cxalign new "CODIR novembre" --org "Maison Test" --participant "Claire Dubois:ceo:comex" '
             '--participant "Marc Leroy:marketing"')
    p.add_argument("name", metavar="NAME", help="the workshop's name (also gives its folder name)")
    p.add_argument("--org", required=True, metavar="ORG", help="the organisation the workshop is for")
    p.add_argument("--participant", action="append", type=_participant_spec, default=[], metavar="NAME:ROLE[:GROUP]",
                   help="a participant, with a role (ceo, sales, marketing, customer_relations, hr … or any text) "
                        "and an optional group (comex, managers …); repeat for each person")
    p.add_argument("--language", choices=("fr", "en"), default="fr", help="workshop language (default fr)")
    p.add_argument("--anonymous", action="store_true", help="report roles only, never names")
    p.add_argument("--questionnaire", type=Path, metavar="FILE.toml",
                   help="questionnaire TOML (default: the reference questionnaire)")
    p.add_argument("--dir", dest="sub_dir", metavar="D", help="where to create it (default: the workshops folder)")


def _add_fill(sub) -> None:
    p = _sub(sub, "fill", "open the interface on one participant's questionnaire",
             "Open the interface straight on one participant's questionnaire (answers are saved as they are given).",
             "cxalign fill codir-novembre --participant claire-dubois")
    _workshop_arg(p)
    p.add_argument("--participant", required=True, metavar="ID", help="the participant's id (as in workshop.toml)")


def _add_import(sub) -> None:
    p = _sub(sub, "import", "import responses from a CSV file (one row per respondent)",
             "Import answers collected elsewhere: all or nothing, and safe to run again.",
             "cxalign import codir-novembre answers.csv")
    _workshop_arg(p)
    p.add_argument("csv", type=Path, metavar="FILE.csv", help="the CSV file (wide or tidy layout, see the README)")
    p.add_argument("--replace", action="store_true", help="overwrite participants who already have answers")


def _add_export(sub) -> None:
    p = _sub(sub, "export", "write every answer as tidy CSV",
             "Write every answer as CSV (an existing file is replaced, and said so).",
             "cxalign export codir-novembre --csv answers.csv --wide")
    _workshop_arg(p)
    p.add_argument("--csv", type=Path, required=True, metavar="FILE", help="the CSV file to write")
    p.add_argument("--wide", action="store_true", help="one row per respondent (the import format) instead of tidy rows")


def _add_analyze(sub) -> None:
    p = _sub(sub, "analyze", "print the maturity and alignment analysis",
             "Print the maturity and alignment analysis of a workshop.",
             "cxalign analyze codir-novembre --json > analysis.json")
    _workshop_arg(p)
    p.add_argument("--json", action="store_true", help="print the JSON contract instead of tables")
    p.add_argument("--lang", dest="sub_lang", choices=("fr", "en"), help="language of the sentences")


def _add_report(sub) -> None:
    p = _sub(sub, "report", "write the PDF report",
             "Write the PDF report (an existing file is replaced, and said so).",
             "cxalign report codir-novembre -o codir.pdf --lang en")
    _workshop_arg(p)
    p.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.pdf", help="the PDF file to write")
    p.add_argument("--lang", dest="sub_lang", choices=("fr", "en"), help="report language (default: the workshop's)")
    p.add_argument("--anonymous", action="store_true", help="roles only, no names; small groups not broken out")
    p.add_argument("--html", type=Path, metavar="FILE.html", help="also write the final HTML that was rendered")
    p.add_argument("--template-dir", type=Path, metavar="DIR", help="your own templates; missing files fall back to the defaults")


def _add_compare(sub) -> None:
    p = _sub(sub, "compare", "what moved between two workshops of one organisation",
             "Compare two workshops of one organisation run on the same questionnaire: maturity, "
             "agreement, hot spots, people and definitions, then and now.",
             'set -- $(cxalign demo | tail -n 2) && cxalign compare "$1" "$2" -o compare.pdf')
    p.add_argument("old", metavar="OLD", help="the earlier workshop (a folder, or a name in the workshops folder)")
    p.add_argument("new", metavar="NEW", help="the later workshop (a folder, or a name in the workshops folder)")
    p.add_argument("--dir", dest="sub_dir", metavar="D", help="workshops folder where OLD and NEW names are looked up")
    p.add_argument("--json", action="store_true", help="print the JSON comparison instead of tables")
    p.add_argument("-o", "--output", type=Path, metavar="FILE.pdf", help="also write the comparison PDF")
    p.add_argument("--lang", dest="sub_lang", choices=("fr", "en"), help="language (default: the later workshop's)")
    p.add_argument("--anonymous", action="store_true", help="roles only, no names")


def _run_compare(args: argparse.Namespace) -> int:
    from cxalign.compare.cli import run_compare

    home = _home(args)
    return run_compare(resolve_workshop(args.old, home), resolve_workshop(args.new, home), as_json=args.json,
                       output=args.output, lang=args.sub_lang or args.lang, anonymous=args.anonymous)


def _add_validate(sub) -> None:
    p = _sub(sub, "validate", "check questionnaires, workshops and response files",
             "Check files and workshops; every problem is named with its file and field (exit 2).",
             "cxalign validate codir-novembre questionnaires/cx-alignment.toml")
    p.add_argument("files", nargs="+", metavar="FILE",
                   help="a questionnaire, workshop or response TOML file, a workshop folder, "
                        "or the name of a workshop in the workshops folder")
    p.add_argument("--dir", dest="sub_dir", metavar="D", help="workshops folder where workshop names are looked up")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="cxalign",
        description="Customer-experience maturity and leadership alignment workshops. "
        "With no command, opens the workshop interface.",
        epilog="WORKSHOP is a workshop folder or the name of one in the workshops folder.\n"
               "example:\n  cxalign analyze codir-novembre",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"cxalign {__version__}")
    parser.add_argument("--dir", metavar="D", help="workshops folder (default: $CXALIGN_HOME or the user data folder)")
    parser.add_argument("--lang", choices=("fr", "en"), default=None, help="interface language")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for add, _run in COMMANDS.values():
        add(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return _dispatch(args)
    except InputError as exc:
        _say(str(exc))
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return _closed_pipe()
    except SystemExit as exc:  # Rich meets a closed pipe with SystemExit(1)
        if isinstance(exc.__context__, BrokenPipeError):
            return _closed_pipe()
        raise
    except OSError as exc:  # a path the commands did not foresee (read-only folder, full disk …): no traceback
        where = f"{exc.filename}: " if exc.filename else ""
        _say(f"{where}{exc.strerror or exc}")
        return EXIT_BAD_INPUT if isinstance(exc, _PATH_ERRORS) or exc.errno == errno.EROFS else EXIT_FAILURE
    except RecursionError:
        _say("input nested too deeply")
        return EXIT_BAD_INPUT


def _say(message: str) -> None:
    """A message on stderr; nothing from data reaches the terminal as a control character."""
    print(f"cxalign: {printable(message)}", file=sys.stderr)


def _warn(message: str) -> None:
    _say(f"warning: {message}")


def _closed_pipe() -> int:
    """``cxalign analyze D | head -1``: the reader is gone; that is a success, and no more writing."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    return EXIT_OK


def _home(args: argparse.Namespace) -> Path:
    from cxalign.home import workshops_home  # not cxalign.store: the interface should start without pydantic

    return workshops_home(getattr(args, "sub_dir", None) or args.dir)


def resolve_workshop(value: str | Path, home: Path) -> Path:
    """WORKSHOP as given: an existing path is used as it is; else a workshop of that name in ``home``."""
    path = Path(value)
    if path.exists() or path.is_symlink():
        return path
    named = home / str(value)
    if len(path.parts) == 1 and str(value) not in (".", "..") and (named / "workshop.toml").is_file():
        return named
    raise InputError(f"not a workshop folder (no such folder, and no workshop of that name in {home})", file=path)


def _folder(args: argparse.Namespace):
    from cxalign.store import WorkshopFolder

    return WorkshopFolder(resolve_workshop(args.workshop, _home(args)), lenient=True)


def _warn_left_out(folder) -> None:
    """Answers that the analysis, the report or the export leave out are said loudly, not dropped silently."""
    for item in folder.unreadable:
        _warn(f"{item.path}: LEFT OUT — the response of {item.participant} cannot be read "
              f"(the results go on without it):\n  {item.reason}")
    for path in folder.stray_responses(folder.loaded_for):  # the workshop the answers were read for
        _warn(f"{path}: response of a participant who is not in the workshop; left out "
              "(add them back to workshop.toml, or move the file away)")


def _existing_file(path: Path | None) -> bool:
    return path is not None and path.is_file() and not path.is_symlink()


# -- commands ------------------------------------------------------------------------------

def _run_demo(args: argparse.Namespace) -> int:
    from cxalign.demo import create_demos

    for folder in create_demos(_home(args)):  # the first workshop, then the later one (the main one) last
        print(folder.path)
    return EXIT_OK


def _run_new(args: argparse.Namespace) -> int:
    from cxalign.store import WorkshopFolder

    folder = WorkshopFolder.create(
        _home(args), name=args.name, organisation=args.org, participants=args.participant,
        language=args.language, anonymous=args.anonymous, questionnaire_path=args.questionnaire,
    )
    print(folder.path)
    return EXIT_OK


def _run_fill(args: argparse.Namespace) -> int:
    from cxalign.tui import AppOptions, run_app

    workshop = resolve_workshop(args.workshop, _home(args))
    return run_app(AppOptions(home=_home(args), lang=args.lang, workshop=workshop, participant=args.participant))


def _run_validate(args: argparse.Namespace) -> int:
    from cxalign.checks import validate_paths

    home = _home(args)
    paths = []
    for value in args.files:
        try:
            paths.append(resolve_workshop(value, home))
        except InputError:
            paths.append(Path(value))  # validate names the missing file itself, and goes on with the others
    return EXIT_OK if validate_paths(paths) else EXIT_BAD_INPUT


def _run_import(args: argparse.Namespace) -> int:
    from cxalign.csvio import import_csv

    folder = _folder(args)
    count = import_csv(folder, args.csv, replace=args.replace)
    print(printable(f"imported {count} respondent(s) into {folder.path}"))
    return EXIT_OK


def _run_export(args: argparse.Namespace) -> int:
    from cxalign.csvio import export_csv

    folder = _folder(args)
    replacing = _existing_file(args.csv)
    rows = export_csv(folder, args.csv, wide=args.wide)
    _warn_left_out(folder)
    if replacing:
        _say(f"replaced {args.csv}")
    print(printable(f"wrote {rows} row(s) to {args.csv}"))
    return EXIT_OK


def _run_analyze(args: argparse.Namespace) -> int:
    import gc

    from cxalign.present.console import print_analysis

    # A one-shot command over up to 10,000 responses: millions of objects, no cycles worth
    # collecting before it exits; the cyclic collector would scan them all again and again
    # while the tables and the JSON are made (reading and analysing pause it already).
    gc.disable()
    folder = _folder(args)
    print_analysis(folder, as_json=args.json, lang=args.sub_lang or args.lang)
    sys.stdout.flush()  # a closed pipe is met here, inside main's handler
    _warn_left_out(folder)
    return EXIT_OK


def _run_report(args: argparse.Namespace) -> int:
    from cxalign.report import make_report

    folder = _folder(args)
    replacing = [path for path in (args.output, args.html) if _existing_file(path)]
    make_report(
        folder, args.output, lang=args.sub_lang or args.lang,
        anonymous=args.anonymous, html_path=args.html, template_dir=args.template_dir, progress=True,
        warn=lambda message: None,  # said below, once, in the command's own words
    )
    _warn_left_out(folder)
    _warn_few_submitted(folder)
    for path in replacing:
        _say(f"replaced {path}")
    print(printable(str(args.output)))
    return EXIT_OK


def _add_serve(sub) -> None:
    from cxalign.serve.command import add_parser  # light: no textual-serve, no aiohttp

    add_parser(sub)


def _run_serve(args: argparse.Namespace) -> int:
    from cxalign.serve import run

    args.workshop = resolve_workshop(args.workshop, _home(args))
    return run(args)


def _warn_few_submitted(folder) -> None:
    """A report from 1 of 4 people says so."""
    invited = len(folder.load().participants)
    submitted = sum(r.status == "submitted" for r in folder.loaded.values())
    if invited and submitted * 2 < invited:
        answered = sum(bool(r.answers) for r in folder.loaded.values())
        _warn(f"only {submitted} of {invited} participants submitted their answers "
              f"({answered} with some answers); the report speaks for them only")


COMMANDS: dict[str, tuple[Callable, Callable[[argparse.Namespace], int]]] = {
    "demo": (_add_demo, _run_demo),
    "new": (_add_new, _run_new),
    "fill": (_add_fill, _run_fill),
    "import": (_add_import, _run_import),
    "export": (_add_export, _run_export),
    "analyze": (_add_analyze, _run_analyze),
    "report": (_add_report, _run_report),
    "validate": (_add_validate, _run_validate),
    "serve": (_add_serve, _run_serve),
    "compare": (_add_compare, _run_compare),
}


def _dispatch(args: argparse.Namespace) -> int:
    if args.command is None:
        from cxalign.tui import AppOptions, run_app

        return run_app(AppOptions(home=_home(args), lang=args.lang))
    return COMMANDS[args.command][1](args)
