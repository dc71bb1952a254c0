"""``cxalign compare OLD NEW [--json] [-o FILE.pdf]``: load, check, compare, print (and write the PDF)."""

from __future__ import annotations

import sys
from pathlib import Path

from cxalign.errors import InputError


def load_comparison(old: Path, new: Path):
    """The :class:`~cxalign.compare.over_time.Comparison` of two workshop folders (InputError if they cannot be)."""
    from cxalign.compare.over_time import compare_workshops
    from cxalign.store import WorkshopFolder

    for path in (old, new):
        if not Path(path).exists():
            raise InputError("not found", file=path)
        if not Path(path).is_dir():
            raise InputError("is not a workshop folder", file=path)
    if Path(old).resolve() == Path(new).resolve():
        raise InputError("is given as both OLD and NEW; compare two different workshops", file=new)
    return compare_workshops(WorkshopFolder(old), WorkshopFolder(new))


def warnings(comparison, lang: str) -> list[str]:
    from cxalign.compare.present import t

    out = [f"warning: {reason}; this response is left out of the comparison" for reason in comparison.unreadable]
    if comparison.before.workshop.date > comparison.after.workshop.date:
        out.append(t("dates_reversed", lang, old=comparison.before.workshop.date.isoformat(),
                     new=comparison.after.workshop.date.isoformat()))
    return out


def run_compare(old: Path, new: Path, *, as_json: bool = False, output: Path | None = None,
                lang: str | None = None, anonymous: bool = False) -> int:
    from cxalign.compare.present import print_comparison

    comparison = load_comparison(old, new)
    lang = lang or comparison.after.workshop.language
    if output is not None:
        from cxalign.compare.report import make_compare_report
        from cxalign.store import WorkshopFolder

        for folder in (WorkshopFolder(old), WorkshopFolder(new)):
            folder.check_output(output)
        make_compare_report(comparison, output, lang=lang, anonymous=anonymous)
    print_comparison(comparison, as_json=as_json, lang=lang, anonymous=anonymous, folders=(str(old), str(new)))
    for line in warnings(comparison, lang):
        print(f"cxalign: {line}", file=sys.stderr)
    if output is not None:
        print(output, file=sys.stderr if as_json else sys.stdout)
    return 0
