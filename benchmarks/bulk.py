"""Bulk throughput against pandoc, and peak memory as the number of letters grows.

Renders N personalised letters of the example case (one per recipient of a
generated list) with ``appeal.render_all`` and converts the same N letters
from Markdown to .docx with pandoc, one process per letter, as a campaigner
would script it; prints both times and the ratio. Then reports Markdown and
text throughput, and the peak memory of runs of 1,000 and 10,000 letters
(each in a fresh process) to show that memory does not grow with the count.

    python benchmarks/bulk.py [--letters 1000] [--jobs N] [--memory 10000]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import appeal

ROOT = Path(__file__).resolve().parent.parent
CASE = ROOT / "cases" / "askarov-2020.yaml"


def recipients(path: Path, count: int) -> Path:
    """A spreadsheet export of ``count`` recipients, each with their own address."""
    rows = ["name,title,address,email,salutation"]
    rows += [
        f"Minister Number {i},Minister of Foreign Affairs,Street {i}|Capital City,"
        f"minister{i}@example.org,Your Excellency"
        for i in range(count)
    ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def timed_render(work: Path, count: int, formats: list[str], jobs: int) -> float:
    out = work / f"out-{'-'.join(formats)}-{count}"
    listed = recipients(work / f"recipients-{count}.csv", count)
    start = time.perf_counter()
    report = appeal.render_all([CASE], out, formats, recipients=listed, jobs=jobs)
    elapsed = time.perf_counter() - start
    assert report.letters == count and not report.failures, report.failures
    return elapsed


def timed_pandoc(work: Path, count: int) -> float:
    source = work / "out-md-pandoc"
    listed = recipients(work / f"recipients-pandoc-{count}.csv", count)
    appeal.render_all([CASE], source, ["md"], recipients=listed, jobs=1)
    letters = sorted(source.glob("*.md"))
    assert len(letters) == count
    target = work / "pandoc"
    target.mkdir()
    start = time.perf_counter()
    for letter in letters:
        subprocess.run(
            ["pandoc", str(letter), "-o", str(target / f"{letter.stem}.docx")], check=True
        )
    return time.perf_counter() - start


def peak_memory(count: int) -> float:
    """Peak resident memory (MiB) of a fresh process rendering ``count`` .docx letters."""
    code = (
        "import resource, sys, tempfile, pathlib\n"
        "sys.path.insert(0, sys.argv[1])\n"
        "from benchmarks.bulk import timed_render\n"
        "work = pathlib.Path(tempfile.mkdtemp())\n"
        "timed_render(work, int(sys.argv[2]), ['docx'], 1)\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(ROOT), str(count)],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    return int(done.stdout.strip().splitlines()[-1]) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--letters", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--memory", type=int, default=10_000, help="letters for the memory run")
    args = parser.parse_args()
    n = args.letters
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        docx = timed_render(work, n, ["docx"], args.jobs)
        print(f"appeal: {n} .docx letters, {args.jobs} jobs: {docx:.2f} s "
              f"({n / docx:.0f} letters/s)")  # fmt: skip
        if shutil.which("pandoc"):
            pandoc = timed_pandoc(work, n)
            print(f"pandoc: {n} .md -> .docx, one process each: {pandoc:.2f} s "
                  f"({n / pandoc:.1f} letters/s)")  # fmt: skip
            print(f"ratio pandoc / appeal (docx) = {pandoc / docx:.1f} (target: at least 20)")
        else:
            print("pandoc is not installed: no ratio")
        for fmt in ("md", "txt"):
            took = timed_render(work, n, [fmt], args.jobs)
            print(f"appeal: {n} .{fmt} letters, {args.jobs} jobs: {took:.2f} s "
                  f"({n / took:.0f} letters/s)")  # fmt: skip
    small = peak_memory(1000)
    large = peak_memory(args.memory)
    print(f"peak memory, 1,000 .docx letters: {small:.0f} MiB; "
          f"{args.memory:,} letters: {large:.0f} MiB (ratio {large / small:.2f})")  # fmt: skip
    print(f"(this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB)")


if __name__ == "__main__":
    main()
