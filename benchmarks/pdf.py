"""PDF engines: Typst against batched LibreOffice against one LibreOffice per letter.

Times, in one run and as whole processes started from the shell:

- one letter, cold: ``appeal render CASE -f pdf`` with each engine, and the
  peer a campaigner would script, ``soffice --convert-to pdf`` of the Word
  letter on a new profile;
- N personalised letters (one per recipient of a generated list):
  ``appeal render CASE --recipients LIST -f pdf`` with each engine (LibreOffice
  converts in batches), and one ``soffice`` per letter's .docx on a profile a
  first conversion has made.

Each command runs under a small wrapper that reports its wall time, the
processor time of all its processes (user and system, threads included) and
the peak resident memory of the largest. The Typst and batched LibreOffice
commands run ``--repeat`` times each, taking turns, and their medians are
shown: on a shared machine one run can be slowed by other work. Prints
seconds, processor seconds, letters per second, peak memory and the
per-letter ratios against Typst, in wall time and in processor time (Typst
sets a letter in a thread while the next one is rendered, so its run can use
a second core that the processor time still counts).

    python benchmarks/pdf.py [--letters 200] [--peer 200] [--jobs 1] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CASE = ROOT / "cases" / "askarov-2020.yaml"
APPEAL = [sys.executable, "-m", "appeal"]

#: Runs a command; prints its wall time, the processor time of its processes
#: and the peak RSS (KiB) of its largest process.
WRAPPER = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
seconds = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = usage.ru_utime + usage.ru_stime
print(json.dumps({"seconds": seconds, "cpu": cpu, "peak_kib": usage.ru_maxrss}))
"""


@dataclass(frozen=True)
class Run:
    seconds: float
    cpu: float
    peak_mib: float


def measure(command: list[str]) -> Run:
    done = subprocess.run(
        [sys.executable, "-c", WRAPPER, *command], check=True, capture_output=True, text=True
    )
    result = json.loads(done.stdout)
    return Run(result["seconds"], result["cpu"], result["peak_kib"] / 1024)


def median(runs: list[Run]) -> Run:
    return Run(
        statistics.median(run.seconds for run in runs),
        statistics.median(run.cpu for run in runs),
        max(run.peak_mib for run in runs),
    )


def in_turn(repeat: int, *commands: Callable[[], list[str]]) -> list[Run]:
    """Each command's median run, the commands taking turns ``repeat`` times."""
    runs: list[list[Run]] = [[] for _ in commands]
    for _ in range(repeat):
        for done, command in zip(runs, commands, strict=True):
            done.append(measure(command()))
    return [median(done) for done in runs]


def recipients(path: Path, count: int) -> Path:
    rows = "".join(f"Minister Number {i},Minister of Foreign Affairs\n" for i in range(count))
    path.write_text("name,title\n" + rows, encoding="utf-8")
    return path


def render(out: Path, *args: str) -> list[str]:
    return [*APPEAL, "render", str(CASE), "-o", str(out), "-q", *args]


def soffice_each(soffice: str, work: Path, letters: list[Path], fresh: bool) -> list[str]:
    """A shell loop: one ``soffice`` per letter (on a new profile each, if ``fresh``)."""
    script = []
    for i, letter in enumerate(letters):
        profile = (work / (f"profile-{i}" if fresh else "profile")).as_uri()
        command = [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore",
                   "--convert-to", "pdf", "--outdir", str(work / "peer"), str(letter)]  # fmt: skip
        script.append(" ".join(f"'{part}'" for part in command))
    return ["sh", "-c", " && ".join(script)]


def line(label: str, run: Run, letters: int, typst: Run, typst_letters: int) -> str:
    wall = (run.seconds / letters) / (typst.seconds / typst_letters)
    cpu = (run.cpu / letters) / (typst.cpu / typst_letters)
    return (
        f"{label:<48} {run.seconds:7.2f} s {run.cpu:7.2f} cpu-s "
        f"{letters / run.seconds:8.1f} letters/s {run.peak_mib:5.0f} MiB "
        f"{wall:6.1f}x Typst {cpu:6.1f}x cpu"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--letters", type=int, default=200)
    parser.add_argument("--peer", type=int, default=200, help="letters for one soffice each")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3, help="runs of Typst and batched LO")
    args = parser.parse_args()
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        sys.exit("LibreOffice (soffice) is needed for the comparison")
    n, jobs = args.letters, str(args.jobs)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        listed = recipients(work / "recipients.csv", n)
        print(f"one letter, cold, whole process ({CASE.name}), median of {args.repeat}:")
        typst_one, lo_one = in_turn(
            args.repeat,
            lambda: render(fresh(work, "t1"), "-f", "pdf"),
            lambda: render(fresh(work, "l1"), "-f", "pdf", "--pdf-engine", "libreoffice"),
        )
        subprocess.run(render(work / "docx", "-f", "docx"), check=True, capture_output=True)
        (docx,) = (work / "docx").glob("*.docx")
        peer_one = measure(soffice_each(soffice, work, [docx], fresh=True))
        print(line("  appeal render -f pdf (Typst)", typst_one, 1, typst_one, 1))
        print(line("  appeal render -f pdf --pdf-engine libreoffice", lo_one, 1, typst_one, 1))
        print(line("  soffice --convert-to pdf, new profile", peer_one, 1, typst_one, 1))
        print(f"{n} personalised letters, --jobs {jobs}, median of {args.repeat}:", flush=True)

        many = ["--recipients", str(listed), "-f", "pdf", "-j", jobs]
        typst_many, lo_many = in_turn(
            args.repeat,
            lambda: render(fresh(work, "tn"), *many),
            lambda: render(fresh(work, "ln"), *many, "--pdf-engine", "libreoffice"),
        )
        print(line("  Typst", typst_many, n, typst_many, n), flush=True)
        print(line("  LibreOffice, batched", lo_many, n, typst_many, n), flush=True)
        peer_list = recipients(work / "peer.csv", args.peer + 1)
        docx_many = ["--recipients", str(peer_list), "-f", "docx", "-j", jobs]
        subprocess.run(render(work / "docxn", *docx_many), check=True, capture_output=True)
        warm_up, *letters = sorted((work / "docxn").glob("*.docx"))
        warm = soffice_each(soffice, work, [warm_up], fresh=False)
        subprocess.run(warm, check=True, capture_output=True)
        peer_many = measure(soffice_each(soffice, work, letters, fresh=False))
        peer = f"  one soffice per letter ({args.peer} letters)"
        print(line(peer, peer_many, args.peer, typst_many, n))
    print(
        f"per letter: batched LibreOffice / Typst = {lo_many.seconds / typst_many.seconds:.1f} "
        f"(processor time: {lo_many.cpu / typst_many.cpu:.1f}); "
        f"one letter, cold: appeal render -f pdf took {typst_one.seconds:.2f} s"
    )


def fresh(work: Path, name: str) -> Path:
    """An output folder no earlier run has written to."""
    folder = work / name
    shutil.rmtree(folder, ignore_errors=True)
    return folder


if __name__ == "__main__":
    main()
