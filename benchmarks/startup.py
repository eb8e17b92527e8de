"""How fast does one command start? Whole processes, side by side with pandoc and yamllint.

A campaigner renders one letter, a pre-commit hook validates one file, an
editor asks for ``--version``: each is a new process, and its cost is mostly
starting up. This runs, as the user would and in the same run:

- ``pandoc letter.md -o letter.docx`` on the example letter's Markdown (the
  peer for rendering), and ``yamllint case.yaml`` on its case file (the peer
  for validating);
- ``appeal render case.yaml`` (the default formats), with ``-f docx``, ``-f
  md`` and ``-f txt``; ``appeal --version``; ``appeal --help``; ``appeal
  validate case.yaml``;
- a Python that only imports the libraries ``appeal render`` imports (every
  module it loads but appeal's own, found with ``python -X importtime``): the
  least the render could take with these libraries, whatever appeal does;
- a Python that only imports the libraries the pipeline is built on, and
  nothing else: PyYAML, Jinja2 and markdown-it-py (with the two plugins the
  reader uses) for rendering, PyYAML for validating. No render or validate,
  however written, can start faster than these on this interpreter; where
  they are already above a goal, the goal cannot be met with this stack.

After one untimed round (to warm the disk and bytecode caches, as for an
installed program), the commands run in turn, one after the other, for
``--runs`` rounds, so that load from other work on the machine falls on all of
them alike. The table shows each one's median wall time, its ratio against
its peer and its goal, and the median processor time (user and system), which
other work on the machine disturbs less, with its ratio too.
``--imports`` then shows, from ``python -X importtime``, the modules that take
the longest to import for each appeal command.

``appeal`` and yamllint are taken from beside this Python when installed there
(``pip install -r benchmarks/requirements.txt``), else from PATH. An editable
install (``pip install -e``) adds its import hook to every start; the numbers
users see are those of a regular install (``pip install .``).

    python benchmarks/startup.py [--runs 11] [--imports]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CASE = ROOT / "cases" / "askarov-2020.yaml"


@dataclass(frozen=True)
class Command:
    label: str
    argv: list[str]
    peer: str | None = None
    """The label of the command this one is compared with."""
    goal: float | None = None
    """At most this ratio against the peer, or (without a peer) this many seconds."""


def program(name: str) -> list[str]:
    beside = Path(sys.executable).parent / name
    if beside.exists():
        return [str(beside)]
    found = shutil.which(name)
    if found is None:
        sys.exit(f"{name} is not installed (pip install -r benchmarks/requirements.txt)")
    return [found]


def commands(work: Path) -> list[Command]:
    appeal, yamllint = program("appeal"), program("yamllint")
    out = str(work / "out")
    letter = work / "askarov-2020.md"
    render = [*appeal, "render", str(CASE), "-o", out]
    pandoc = "pandoc askarov-2020.md -o letter.docx"
    return [
        Command(pandoc, ["pandoc", str(letter), "-o", str(work / "letter.docx")]),
        Command("appeal render askarov-2020.yaml", render, pandoc, 1.5),
        Command("appeal render askarov-2020.yaml -f docx", [*render, "-f", "docx"], pandoc, 1.2),
        Command("appeal render askarov-2020.yaml -f md", [*render, "-f", "md"], pandoc),
        Command("appeal render askarov-2020.yaml -f txt", [*render, "-f", "txt"], pandoc),
        Command("appeal --version", [*appeal, "--version"], goal=0.1),
        Command("appeal --help", [*appeal, "--help"], goal=0.1),
        Command("yamllint askarov-2020.yaml", [*yamllint, str(CASE)]),
        Command(
            "appeal validate askarov-2020.yaml",
            [*appeal, "validate", str(CASE)],
            "yamllint askarov-2020.yaml",
            0.8,
        ),
    ]


def libraries_alone(render: Command, env: dict[str, str]) -> Command:
    """A command importing what ``render`` imports but appeal's own modules, and nothing else."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", *render.argv], env=env, capture_output=True, text=True
    )
    names = []
    for line in done.stderr.splitlines():
        match = re.match(r"import time:\s+\d+ \|\s+\d+ \| *([\w.]+)$", line)
        if match and match[1].partition(".")[0] != "appeal":
            names.append(match[1])
    # Some are tried and missing on this platform (nt, org.python.core): as in appeal, skipped.
    script = (
        "import importlib\n"
        f"for name in {names!r}:\n"
        "    try:\n"
        "        importlib.import_module(name)\n"
        "    except ImportError:\n"
        "        pass\n"
        "import gc\n"
        "gc.freeze()  # as appeal does when it ends\n"
    )
    label = "python importing render's libraries"
    return Command(label, [sys.executable, "-c", script], render.peer)


def stack_alone(render: Command, validate: Command) -> list[Command]:
    """Commands importing only the libraries the pipeline is built on."""
    pipeline = (
        "import yaml, jinja2, markdown_it, mdit_py_plugins.container, mdit_py_plugins.footnote"
    )
    return [
        Command(
            "python importing PyYAML, Jinja2, markdown-it-py",
            [sys.executable, "-c", pipeline],
            render.peer,
        ),
        Command("python importing PyYAML", [sys.executable, "-c", "import yaml"], validate.peer),
    ]


def run(command: Command, env: dict[str, str]) -> tuple[float, float]:
    """The wall time and processor time of one run of ``command``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command.argv, env=env, capture_output=True, check=False)
    took = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode not in (0, 1):  # 1: yamllint found long lines
        sys.exit(f"{command.label} failed:\n{done.stderr.decode(errors='replace')}")
    return took, cpu


def table(cmds: list[Command], wall: dict[str, float], cpu: dict[str, float]) -> list[str]:
    width = max(len(c.label) for c in cmds)
    rows = [
        f"{'command':<{width}}    wall   ratio      cpu   ratio  goal (wall)",
        "-" * (width + 60),
    ]
    for c in cmds:
        took = wall[c.label]
        ratio = cpu_ratio = goal = ""
        if c.peer is not None:
            ratio = f"{took / wall[c.peer]:5.2f}x"
            cpu_ratio = f"{cpu[c.label] / cpu[c.peer]:5.2f}x"
            if c.goal is not None:
                met = "met" if took / wall[c.peer] <= c.goal else "MISSED"
                goal = f"at most {c.goal:g}x: {met}"
        elif c.goal is not None:
            met = "met" if took <= c.goal else "MISSED"
            goal = f"under {c.goal:g} s: {met}"
        rows.append(
            f"{c.label:<{width}}  {took:6.3f} s  {ratio:>6}  {cpu[c.label]:5.3f} s  "
            f"{cpu_ratio:>6}  {goal}".rstrip()
        )
    return rows


def slowest_imports(argv: list[str], env: dict[str, str], top: int) -> list[str]:
    """The ``top`` packages slowest to import for a command, from ``python -X importtime``.

    A package's time is that of its first import, with everything it imports.
    """
    done = subprocess.run(
        [sys.executable, "-X", "importtime", *argv], env=env, capture_output=True, text=True
    )
    found = []
    for line in done.stderr.splitlines():
        match = re.match(r"import time:\s+\d+ \|\s+(\d+) \| *([\w.]+)$", line)
        if match and "." not in match[2]:
            found.append((int(match[1]), match[2]))
    found.sort(reverse=True)
    return [f"    {micro / 1000:7.1f} ms  {name}" for micro, name in found[:top]]


def describe(env: dict[str, str]) -> str:
    pandoc = subprocess.run(["pandoc", "--version"], capture_output=True, text=True, env=env)
    yamllint = subprocess.run(
        [*program("yamllint"), "--version"], capture_output=True, text=True, env=env
    )
    install = "regular install"
    direct = metadata.distribution("appeal-letters").read_text("direct_url.json")
    if direct and json.loads(direct).get("dir_info", {}).get("editable"):
        install = "editable install"
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (
        f"Python {sys.version.split()[0]} (appeal: {install}); "
        f"{pandoc.stdout.splitlines()[0]}; {yamllint.stdout.strip()}; "
        f"{os.cpu_count()} CPUs, load average {load}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=11, help="timed rounds of every command")
    parser.add_argument("--imports", action="store_true", help="show the slowest imports")
    args = parser.parse_args()
    if shutil.which("pandoc") is None:
        sys.exit("pandoc is not installed")
    # As installed programs run: bytecode cached, output buffered, not for GitHub Actions.
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("PYTHONDONTWRITEBYTECODE", "PYTHONUNBUFFERED", "GITHUB_ACTIONS")
    }
    print(describe(env))
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        cmds = commands(work)
        render, validate = cmds[1], cmds[-1]
        floors = stack_alone(render, validate)
        cmds[2:2] = [libraries_alone(render, env), floors[0]]
        cmds.append(floors[1])
        # pandoc's input: the example letter's own Markdown.
        made = subprocess.run(
            [*program("appeal"), "render", str(CASE), "-f", "md", "-o", str(work)],
            env=env, capture_output=True, check=False,
        )  # fmt: skip
        if made.returncode != 0:
            sys.exit(made.stderr.decode(errors="replace"))
        walls: dict[str, list[float]] = {c.label: [] for c in cmds}
        cpus: dict[str, list[float]] = {c.label: [] for c in cmds}
        for round_ in range(args.runs + 1):
            for c in cmds:
                took, cpu = run(c, env)
                if round_:
                    walls[c.label].append(took)
                    cpus[c.label].append(cpu)
        wall = {label: statistics.median(t) for label, t in walls.items()}
        cpu_time = {label: statistics.median(t) for label, t in cpus.items()}
        print(f"median of {args.runs} rounds, whole processes, run in turn")
        print("\n".join(table(cmds, wall, cpu_time)))
        print(f"load average after: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
        if args.imports:
            for c in cmds:
                if c.label.startswith("appeal"):
                    print(f"{c.label}: slowest imports (cumulative)")
                    print("\n".join(slowest_imports(c.argv, env, 8)))


if __name__ == "__main__":
    main()
