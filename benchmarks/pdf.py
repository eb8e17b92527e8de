"""PDF throughput: batched LibreOffice conversion against one soffice per letter.

Renders N personalised PDF letters of the example case (one per recipient of
a generated list) with ``appeal.render_all(..., ["pdf"])``, which converts
them in batches, first with one job and then with ``--jobs``. The peer is
what a campaigner would script: one ``soffice --headless --convert-to pdf``
per letter's .docx, on a profile that a first conversion has already made,
timed over ``--peer`` letters. Prints letters per second and the ratios.

    python benchmarks/pdf.py [--letters 50] [--peer 10] [--jobs N]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import appeal
from appeal.writers.pdf import LibreOfficeMissing, find_soffice

ROOT = Path(__file__).resolve().parent.parent
CASE = ROOT / "cases" / "askarov-2020.yaml"


def recipients(path: Path, count: int) -> Path:
    rows = "".join(f"Minister Number {i},Minister of Foreign Affairs\n" for i in range(count))
    path.write_text("name,title\n" + rows, encoding="utf-8")
    return path


def timed_batches(work: Path, count: int, jobs: int) -> float:
    listed = recipients(work / f"recipients-{count}.csv", count)
    start = time.perf_counter()
    report = appeal.render_all([CASE], work / f"pdf-{jobs}", ["pdf"], recipients=listed, jobs=jobs)
    elapsed = time.perf_counter() - start
    assert report.letters == count and not report.failures, report.failures
    return elapsed


def timed_one_per_letter(work: Path, soffice: str, count: int) -> float:
    listed = recipients(work / f"recipients-peer-{count}.csv", count + 1)
    appeal.render_all([CASE], work / "docx", ["docx"], recipients=listed, jobs=1)
    warm_up, *letters = sorted((work / "docx").glob("*.docx"))
    profile = f"-env:UserInstallation={(work / 'profile').as_uri()}"

    def convert(letter: Path) -> None:
        command = [soffice, profile, "--headless", "--convert-to", "pdf", "--outdir", str(work)]
        subprocess.run([*command, str(letter)], check=True, capture_output=True)

    convert(warm_up)
    start = time.perf_counter()
    for letter in letters:
        convert(letter)
    elapsed = time.perf_counter() - start
    assert len(list(work.glob("*.pdf"))) == count + 1
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--letters", type=int, default=50)
    parser.add_argument("--peer", type=int, default=10, help="letters for one soffice each")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    try:
        soffice = find_soffice()
    except LibreOfficeMissing as exc:
        sys.exit(str(exc))
    n = args.letters
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        one = timed_batches(work, n, 1)
        print(f"appeal: {n} PDF letters, 1 job:  {one:6.2f} s ({n / one:5.1f} letters/s)")
        many = timed_batches(work, n, args.jobs)
        print(f"appeal: {n} PDF letters, {args.jobs} jobs: {many:6.2f} s "
              f"({n / many:5.1f} letters/s)")  # fmt: skip
        peer = timed_one_per_letter(work, soffice, args.peer)
        rate = args.peer / peer
        print(f"soffice: one process per letter, {args.peer} letters: {peer:6.2f} s "
              f"({rate:5.1f} letters/s)")  # fmt: skip
    print(f"ratio appeal / one soffice per letter = {n / one / rate:.1f} (1 job), "
          f"{n / many / rate:.1f} ({args.jobs} jobs)")  # fmt: skip


if __name__ == "__main__":
    main()
