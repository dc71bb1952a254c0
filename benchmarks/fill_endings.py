"""How much of what a participant types survives each way a `cxalign fill` session can end.

Runs the real command in a pseudo-terminal, types a sentence at human speed (one key
every 80 ms), ends the process at a random moment with a signal, then reads the response
file: how many of the typed characters were saved, and how long before the end the last
saved one was typed (the loss window).

    python benchmarks/fill_endings.py [--runs 5] [--signals KILL,TERM,HUP]

SIGTERM and SIGHUP (a closed terminal, `cxalign serve` ending a session) must lose nothing;
SIGKILL cannot be caught: what was typed in the last moments before it is lost.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import random
import signal
import statistics
import struct
import sys
import tempfile
import termios
import time
import tomllib
from pathlib import Path

KEY_GAP = 0.08
SENTENCE = "the whole journey before during and after the purchase matters to us "


def _workshop(root: Path) -> Path:
    from cxalign.store import WorkshopFolder

    folder = WorkshopFolder.create(root, name="Endings", organisation="Acme", participants=[("Ann Lee", "ceo")])
    return folder.path


def _drain(fd: int) -> int:
    """Read what the app painted; returns the number of bytes."""
    import select

    total = 0
    try:
        while True:
            ready, _, _ = select.select([fd], [], [], 0)
            if not ready:
                return total
            chunk = os.read(fd, 65536)
            if not chunk:
                return total
            total += len(chunk)
    except OSError:
        return total


def one_run(workshop: Path, sig: signal.Signals, rng: random.Random) -> tuple[int, int, float]:
    """(characters typed, characters saved, seconds between the last saved key and the signal)."""
    response = workshop / "responses" / "ann-lee.toml"
    response.unlink(missing_ok=True)
    pid, fd = pty.fork()
    if pid == 0:  # the child: the real command, as a participant starts it
        os.execvp(sys.executable, [sys.executable, "-m", "cxalign", "fill", str(workshop), "--participant", "ann-lee"])
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    lock = workshop / "responses" / "ann-lee.lock"
    deadline = time.monotonic() + 20
    while not lock.exists() and time.monotonic() < deadline:
        _drain(fd)
        time.sleep(0.05)
    start, quiet_since = time.monotonic(), time.monotonic()
    while time.monotonic() - start < 20:  # first question painted: the screen stays still for 1 s
        if _drain(fd):
            quiet_since = time.monotonic()
        elif time.monotonic() - quiet_since > 1.0 and time.monotonic() - start > 1.5:
            break
        time.sleep(0.05)
    typed_at: list[float] = []
    count = rng.randint(10, len(SENTENCE))
    for char in SENTENCE[:count]:
        os.write(fd, char.encode())
        typed_at.append(time.monotonic())
        time.sleep(KEY_GAP)
        _drain(fd)
    time.sleep(rng.uniform(0.0, 0.7))  # ended while typing or just after
    ended = time.monotonic()
    os.kill(pid, sig)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        _drain(fd)
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        time.sleep(0.05)
    else:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    os.close(fd)
    saved = ""
    if response.exists():
        answers = tomllib.loads(response.read_text("utf-8")).get("answers", {})
        saved = next((a["text"] for a in answers.values() if "text" in a), "")
    typed = SENTENCE[:count].strip()  # a saved text is stripped: trailing spaces are not a loss
    count = len(typed)
    kept = len(os.path.commonprefix([typed, saved]))
    window = 0.0 if kept == count else ended - (typed_at[kept - 1] if kept else typed_at[0])
    return count, kept, window


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--signals", default="KILL,TERM,HUP")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        workshop = _workshop(Path(tmp))
        for name in args.signals.split(","):
            sig = signal.Signals["SIG" + name.strip().upper()]
            results = [one_run(workshop, sig, rng) for _ in range(args.runs)]
            lost = [typed - kept for typed, kept, _ in results]
            windows = [w for *_, w in results]
            print(f"{sig.name}: lost characters per run {lost}; loss window max {max(windows):.2f} s, "
                  f"median {statistics.median(windows):.2f} s")
            if sig != signal.SIGKILL and any(lost):
                failures += 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
