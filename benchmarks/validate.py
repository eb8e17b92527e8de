"""How fast is ``appeal validate``? Side by side with yamllint on the same files.

Writes N case files (the example campaign's cases, each with its own
subject) and its signatories.yaml into a temporary campaign folder, then
runs, each as its own process the way CI and pre-commit run them:

- ``appeal validate <folder>`` and ``yamllint <folder>`` (default config):
  one process each for all N files;
- ``appeal validate <file>`` and ``yamllint <file>`` on one case file.

Each is run once to warm the disk and bytecode caches (as for an installed
program), then timed as the best of ``--runs`` runs, to damp noise from other
work on the machine. Prints the times and the ratios appeal / yamllint; the
targets are at most 0.1 for the folder and at most 1 for the one file.

yamllint is taken from beside this Python when installed there (pip install
yamllint), so that both run on the same interpreter, else from PATH.

    python benchmarks/validate.py [--files 1000] [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).parents[1]


def program(name: str) -> list[str]:
    beside = Path(sys.executable).parent / name
    if beside.exists():
        return [str(beside)]
    found = shutil.which(name)
    if found is None:
        sys.exit(f"{name} is not installed")
    return [found]


def campaign(folder: Path, files: int) -> Path:
    """A campaign folder with ``files`` case files; the path of one of them."""
    shutil.copy(ROOT / "signatories.yaml", folder)
    cases = folder / "cases"
    cases.mkdir()
    examples = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "cases").glob("*.yaml"))]
    for i in range(files):
        text = examples[i % len(examples)].replace("subject: ", f"subject: {i}. ", 1)
        (cases / f"case-{i:04}.yaml").write_text(text, encoding="utf-8")
    return cases / "case-0000.yaml"


def best_seconds(command: list[str], runs: int, env: dict[str, str]) -> float:
    """The fastest of ``runs`` runs, after one untimed warm-up run."""
    times = []
    for _ in range(runs + 1):
        start = time.perf_counter()
        done = subprocess.run(command, env=env, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
        if done.returncode not in (0, 1):
            sys.exit(f"{' '.join(command)} failed:\n{done.stderr.decode(errors='replace')}")
    return min(times[1:])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=1000, help="case files in the folder")
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each command")
    args = parser.parse_args()

    appeal = program("appeal")
    yamllint = program("yamllint")
    # As installed programs run: bytecode cached, output not for GitHub Actions.
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("PYTHONDONTWRITEBYTECODE", "GITHUB_ACTIONS")
    }
    version = subprocess.run([*yamllint, "--version"], capture_output=True, text=True, env=env)
    print(f"Python {sys.version.split()[0]}; {version.stdout.strip()} ({yamllint[0]})")

    with tempfile.TemporaryDirectory() as tmp:
        one = campaign(Path(tmp), args.files)
        rows = [
            (f"{args.files} case files, one process", one.parent, 0.1),
            ("one case file", one, 1.0),
        ]
        for title, target, goal in rows:
            ours = best_seconds([*appeal, "validate", str(target)], args.runs, env)
            theirs = best_seconds([*yamllint, str(target)], args.runs, env)
            print(f"{title}:")
            print(f"  appeal validate  {ours:8.3f} s")
            print(f"  yamllint         {theirs:8.3f} s")
            print(f"  ratio            {ours / theirs:8.3f}   (target: at most {goal:g})")


if __name__ == "__main__":
    main()
