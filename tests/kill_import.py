"""Kill an import at random moments and check the workshop is always before or after it (issue 9.1).

Each trial starts ``cxalign import`` of PEOPLE new participants into a fresh
workshop, sends it ``kill -9`` after a random delay (up to a little more than
an uninterrupted import takes), opens the workshop (which finishes or undoes
what the import left), and checks that the participants and the answers on
disk are exactly those before the import or exactly those after it. It then
runs the same import again to its end and checks it lands on the "after"
state, nobody added twice.

    python tests/kill_import.py [--trials 20] [--people 3000] [--seed 1]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import time
import tomllib
from pathlib import Path

from cxalign.store import WorkshopFolder

HEADER = "participant,name,role,status,cx_definition\n"


def write_csv(path: Path, people: int) -> None:
    rows = (f",Person {i:05d},{'ceo' if i % 2 else 'sales'},submitted,Définition numéro {i}\n" for i in range(people))
    path.write_text(HEADER + "".join(rows), "utf-8")


def state(folder: WorkshopFolder) -> tuple:
    """What an import changes: participants, and each response's answers (not their timestamps)."""
    workshop = folder.load()
    people = tuple((p.id, p.name, p.role) for p in workshop.participants)
    answers = []
    for path in sorted(folder.responses_dir.glob("*.toml")):
        data = tomllib.loads(path.read_text("utf-8"))
        answers.append((path.stem, data.get("status"),
                        tuple(sorted((q, a.get("text")) for q, a in data.get("answers", {}).items()))))
    return people, tuple(answers)


def _import(folder: Path, csv: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "cxalign", "import", str(folder), str(csv)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _fresh(template: Path, where: Path) -> WorkshopFolder:
    if where.exists():
        shutil.rmtree(where)
    shutil.copytree(template, where)
    return WorkshopFolder(where)


def run_trials(root: Path, *, trials: int, people: int, seed: int = 1, log=print) -> dict[str, int]:
    """Run the trials under ``root``; returns counts of outcomes (``before``, ``after``, ``broken``)."""
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    template = WorkshopFolder.create(root / "template", name="Kill test", organisation="Testco",
                                     participants=[("Alice Martin", "ceo")]).path
    csv = root / "people.csv"
    write_csv(csv, people)
    before = state(WorkshopFolder(template))

    reference = _fresh(template, root / "reference")
    started = time.monotonic()
    done = _import(reference.path, csv)
    _, err = done.communicate()
    full = time.monotonic() - started
    if done.returncode != 0:
        raise RuntimeError(f"the uninterrupted import failed: {err.decode()}")
    after = state(reference)
    log(f"uninterrupted import of {people} people: {full:.2f} s")

    counts = {"before": 0, "after": 0, "broken": 0, "rerun_ok": 0}
    for trial in range(trials):
        folder = _fresh(template, root / "trial")
        delay = rng.uniform(0.0, full * 1.1)
        proc = _import(folder.path, csv)
        time.sleep(delay)
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        now = state(WorkshopFolder(folder.path))  # opening the workshop rolls forward or back
        outcome = "before" if now == before else "after" if now == after else "broken"
        counts[outcome] += 1
        leftovers = WorkshopFolder(folder.path).leftovers()
        if leftovers:
            counts["broken"] += 1
            outcome += f" with leftovers {[str(p) for p in leftovers]}"
        rerun = _import(folder.path, csv)
        rerun.communicate()
        if rerun.returncode == 0 and state(WorkshopFolder(folder.path)) == after:
            counts["rerun_ok"] += 1
        log(f"trial {trial + 1}: killed after {delay:.2f} s -> {outcome}")
    return counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--trials", type=int, default=20)
    parser.add_argument("--people", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--dir", type=Path, help="where to work (default: a temporary folder)")
    args = parser.parse_args()
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        counts = run_trials(args.dir or Path(tmp), trials=args.trials, people=args.people, seed=args.seed)
    print(counts)
    return 0 if counts["broken"] == 0 and counts["rerun_ok"] == args.trials else 1


if __name__ == "__main__":
    sys.exit(main())
