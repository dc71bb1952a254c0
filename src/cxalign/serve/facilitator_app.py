"""The facilitator's browser session: the normal cxalign interface opened on the served workshop.

Run by the workshop room for the facilitator link (``/<facilitator-token>/interface``):
``python -m cxalign.serve.facilitator_app WORKSHOP LANG``. It is the same
interface as ``cxalign`` in a terminal — workshop screen, results (R), export (E) — on
this workshop only: the other workshops of its folder are out of reach.
"""

from __future__ import annotations

import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    folder = Path(args[0]).resolve()
    lang = args[1] if len(args) > 1 else None
    from cxalign.tui import run_app

    return run_app(home=folder.parent, lang=lang, workshop=folder, workshop_only=True)


if __name__ == "__main__":
    sys.exit(main())
