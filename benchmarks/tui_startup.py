"""Start-to-first-screen time of ``cxalign`` against an empty Textual app, as a ratio (goal <= 1.5).

Both apps run in fresh Python processes, headless, alternating round after round.
The time measured for each is wall-clock, from just before the process is spawned
to the moment its first screen has been composed and painted (Textual's ``Ready``
event, sent after the first compositor refresh); the app then exits.

The hook is installed by this script in the child process, without any change to
the applications: ``App.run`` is wrapped to run headless, and a ``Ready`` handler
on the ``App`` base class prints the time and exits.

    python benchmarks/tui_startup.py [--rounds 5] [--workshops N]

``cxalign`` is started exactly as ``cxalign --dir D`` (through ``cxalign.cli.main``),
on a folder holding N demo workshops (default 1), so its first screen lists them.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

GOAL = 1.5

#: Installed in the child before the app starts; prints the wall time of the first paint.
_HOOK = """
import sys, time
from textual import events
from textual.app import App

_run = App.run

def _headless_run(self, *args, **kwargs):
    kwargs["headless"] = True
    return _run(self, *args, **kwargs)

def _first_paint(self, event: events.Ready) -> None:
    print(f"FIRST_PAINT {time.time():.6f}", flush=True)
    self.exit()

App.run = _headless_run
App._on_ready = _first_paint
"""

_EMPTY_APP = """
from textual.app import App, ComposeResult
from textual.widgets import Static

class Empty(App):
    def compose(self) -> ComposeResult:
        yield Static("hello")

Empty().run()
"""

_CXALIGN = """
from cxalign.cli import main
sys.exit(main(["--dir", sys.argv[1]]))
"""


def first_paint(code: str, *args: str) -> float:
    """Seconds from spawning ``python -c code`` to its first painted screen."""
    env = {k: v for k, v in os.environ.items() if k != "TEXTUAL"}  # no devtools
    start = time.time()
    done = subprocess.run(
        [sys.executable, "-c", _HOOK + code, *args],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )
    for line in done.stdout.splitlines():
        if line.startswith("FIRST_PAINT "):
            return float(line.split()[1]) - start
    raise RuntimeError(f"no first paint (exit {done.returncode}):\n{done.stdout}\n{done.stderr}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="rounds of (empty app, cxalign); default 5")
    parser.add_argument("--workshops", type=int, default=1, help="demo workshops in the folder; default 1")
    args = parser.parse_args(argv)

    from cxalign.demo import create_demo

    with tempfile.TemporaryDirectory(prefix="cxalign-bench-") as tmp:
        home = Path(tmp) / "workshops"
        home.mkdir()
        for _ in range(args.workshops):
            create_demo(home)
        # one warm-up of each (bytecode caches, file cache), not counted
        first_paint(_EMPTY_APP)
        first_paint(_CXALIGN, str(home))
        empty: list[float] = []
        cxalign: list[float] = []
        for _ in range(args.rounds):
            empty.append(first_paint(_EMPTY_APP))
            cxalign.append(first_paint(_CXALIGN, str(home)))

    empty_median = statistics.median(empty)
    cxalign_median = statistics.median(cxalign)
    ratio = cxalign_median / empty_median
    print(f"rounds: {args.rounds} (alternating), demo workshops listed: {args.workshops}")
    print("empty Textual app  (s): " + " ".join(f"{v:.3f}" for v in empty))
    print("cxalign --dir D    (s): " + " ".join(f"{v:.3f}" for v in cxalign))
    print(f"median empty app: {empty_median:.3f} s")
    print(f"median cxalign:   {cxalign_median:.3f} s")
    print(f"ratio: {ratio:.2f} (goal <= {GOAL})  {'OK' if ratio <= GOAL else 'ABOVE GOAL'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
