"""A named report of a large workshop: wall time and peak memory of ``cxalign report``.

Builds a workshop of N respondents (every question answered, random but
seeded; a free-text definition each) and runs ``cxalign report`` on it in a
subprocess under ``/usr/bin/time -v`` when available, printing the seconds,
the peak resident memory and the page count. Goal (issue 9 item 12): a named
report of 500 respondents under 20 s and 1 GB.

    python benchmarks/report_scale.py [--people 500] [--anonymous] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

GOAL_SECONDS = 20.0
GOAL_MB = 1024.0


def build(root: Path, people: int, anonymous: bool):
    from report_workshops import ROLES, build_workshop

    names = [(f"Personne{i:04d} Nom{i:04d}", ROLES[i % len(ROLES)]) for i in range(people)]
    folder = build_workshop(root, names, name="Grand atelier", organisation="Bigco", seed=3)
    if anonymous:
        workshop = folder.load()
        folder.save(workshop.model_copy(update={"anonymous": True}))
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=500)
    parser.add_argument("--anonymous", action="store_true")
    parser.add_argument("--keep", type=Path, help="write the workshop and the PDF there and keep them")
    args = parser.parse_args(argv)

    tmp = Path(tempfile.mkdtemp(prefix="cxalign-scale-")) if args.keep is None else args.keep
    tmp.mkdir(parents=True, exist_ok=True)
    try:
        env = {**os.environ, "CXALIGN_HOME": str(tmp / "home")}
        started = time.perf_counter()
        folder = build(tmp, args.people, args.anonymous)
        print(f"built {args.people} respondents in {time.perf_counter() - started:.1f} s: {folder.path}")
        pdf = tmp / "report.pdf"
        cmd = [sys.executable, "-m", "cxalign", "report", str(folder.path), "-o", str(pdf)]
        timer = ["/usr/bin/time", "-v"] if Path("/usr/bin/time").exists() else []
        started = time.perf_counter()
        done = subprocess.run(timer + cmd, env=env, capture_output=True, text=True)
        seconds = time.perf_counter() - started
        if done.returncode != 0:
            print(done.stderr[-2000:], file=sys.stderr)
            return 1
        peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
        mb = int(peak.group(1)) / 1024 if peak else float("nan")
        # CPU time is what the report costs; wall time also counts other programs on a busy machine
        cpu = sum(float(m.group(1)) for m in re.finditer(r"(?:User|System) time \(seconds\): ([\d.]+)", done.stderr))
        from pypdf import PdfReader

        pages = len(PdfReader(pdf).pages)
        kind = "anonymous" if args.anonymous else "named"
        print(f"{kind} report of {args.people} respondents: {seconds:.1f} s wall, {cpu:.1f} s CPU (goal < {GOAL_SECONDS:.0f} s), "
              f"peak {mb:.0f} MB (goal < {GOAL_MB:.0f} MB), {pages} pages")
        return 0 if seconds < GOAL_SECONDS and mb < GOAL_MB else 1
    finally:
        if args.keep is None:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
