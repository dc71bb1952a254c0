"""``cxalign report`` on the demo workshop against bare WeasyPrint rendering the same HTML.

The floor is what no report tool can beat: a fresh Python that imports
WeasyPrint and lays out the very HTML cxalign rendered (``--html``), with the
same options and base URL. Both run as subprocesses, alternately, so that
machine noise hits both alike. Prints the medians and their ratio (goal ≤ 1.15).

    python benchmarks/report_vs_floor.py [--rounds 5]
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

GOAL = 1.15


def _run(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, env=env, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)

    from cxalign.report.render import PDF_OPTIONS, TemplateFolders

    with tempfile.TemporaryDirectory(prefix="cxalign-bench-") as tmp:
        tmp_path = Path(tmp)
        env = {**os.environ, "CXALIGN_HOME": str(tmp_path / "home")}
        cli = [sys.executable, "-m", "cxalign"]
        demo = subprocess.run([*cli, "demo", "--dir", str(tmp_path / "workshops")], check=True, env=env,
                              capture_output=True, text=True).stdout.strip().splitlines()[-1]
        html = tmp_path / "report.html"
        report_cmd = [*cli, "report", demo, "-o", str(tmp_path / "report.pdf"), "--html", str(html)]
        subprocess.run(report_cmd, check=True, env=env, stdout=subprocess.DEVNULL)  # warm-up, writes the HTML

        base_url = TemplateFolders().base_url
        floor_code = (
            "import weasyprint\n"
            f"weasyprint.HTML(filename={str(html)!r}, base_url={base_url!r})"
            f".write_pdf({str(tmp_path / 'floor.pdf')!r}, **{PDF_OPTIONS!r})\n"
        )
        floor_cmd = [sys.executable, "-c", floor_code]
        subprocess.run(floor_cmd, check=True, env=env)  # warm-up

        report_times, floor_times = [], []
        for i in range(args.rounds):
            report_times.append(_run(report_cmd, env))
            floor_times.append(_run(floor_cmd, env))
            print(f"round {i + 1}: cxalign report {report_times[-1]:.2f} s, bare WeasyPrint {floor_times[-1]:.2f} s",
                  flush=True)

    report_median = statistics.median(report_times)
    floor_median = statistics.median(floor_times)
    ratio = report_median / floor_median
    print(f"cxalign report (median of {args.rounds}): {report_median:.2f} s")
    print(f"bare WeasyPrint, same HTML (floor):    {floor_median:.2f} s")
    print(f"ratio: {ratio:.3f} (goal <= {GOAL})")
    return 0 if ratio <= GOAL else 1


if __name__ == "__main__":
    sys.exit(main())
