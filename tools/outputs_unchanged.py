"""Check that a refactoring leaves the demo's outputs unchanged.

    python tools/outputs_unchanged.py save DIR    # before: write the demo's outputs to DIR
    python tools/outputs_unchanged.py check DIR   # after: exit 1 and show a diff if they changed

The outputs are ``analyze --json`` and the report's final HTML in both
languages. pygal gives every chart a random UUID; those (inside the base64
SVG images) are replaced by a fixed marker before comparing.
"""

from __future__ import annotations

import base64
import difflib
import re
import subprocess
import sys
import tempfile
from pathlib import Path

_IMG = re.compile(r"data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)")
_CHART_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _cxalign(*args: str) -> str:
    done = subprocess.run([sys.executable, "-m", "cxalign", *args], capture_output=True, text=True, check=True)
    return done.stdout


def _normalise(html: str) -> str:
    def svg(match: re.Match[str]) -> str:
        text = base64.b64decode(match.group(1)).decode("utf-8")
        return "data:image/svg+xml;utf8," + _CHART_ID.sub("UUID", text)

    return _IMG.sub(svg, html)


def outputs() -> dict[str, str]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = _cxalign("demo", "--dir", tmp).strip().splitlines()[-1]
        found = {"analyze.json": _cxalign("analyze", folder, "--json")}
        for lang in ("fr", "en"):
            html = Path(tmp) / f"report-{lang}.html"
            _cxalign("report", folder, "-o", str(Path(tmp) / f"report-{lang}.pdf"), "--lang", lang, "--html", str(html))
            found[f"report-{lang}.html"] = _normalise(html.read_text(encoding="utf-8"))
        return found


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in ("save", "check"):
        print(__doc__, file=sys.stderr)
        return 2
    where = Path(argv[1])
    now = outputs()
    if argv[0] == "save":
        where.mkdir(parents=True, exist_ok=True)
        for name, text in now.items():
            (where / name).write_text(text, encoding="utf-8")
        print(f"saved {len(now)} outputs to {where}")
        return 0
    changed = 0
    for name, text in now.items():
        before = (where / name).read_text(encoding="utf-8")
        if before != text:
            changed += 1
            diff = difflib.unified_diff(before.splitlines(), text.splitlines(), f"before/{name}", f"after/{name}", lineterm="", n=1)
            print("\n".join(list(diff)[:80]))
    print(f"{changed} of {len(now)} outputs changed")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
