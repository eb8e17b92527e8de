"""The pre-commit hook: which files it takes, and its entry run on a good and a bad file."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).parent.parent


def hook() -> dict[str, Any]:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (found,) = [h for h in hooks if h["id"] == "appeal-validate"]
    return dict(found)


def test_the_hook_is_a_python_hook_running_appeal_validate() -> None:
    h = hook()
    assert h["language"] == "python"
    assert shlex.split(h["entry"]) == ["appeal", "validate"]


@pytest.mark.parametrize(
    ("path", "taken"),
    [
        ("cases/askarov-2020.yaml", True),
        ("signatories.yaml", True),
        ("cases/2021/case.yml", True),
        ("README.md", False),
        (".pre-commit-config.yaml", False),
        (".github/workflows/ci.yml", False),
        ("templates/joint-letter/extra.yaml", False),
    ],
)
def test_the_files_the_hook_takes(path: str, taken: bool) -> None:
    h = hook()
    matched = re.search(h["files"], path) is not None and not re.search(h["exclude"], path)
    assert matched is taken


@pytest.mark.parametrize(
    ("files", "code"),
    [
        (["cases/askarov-2020.yaml", "signatories.yaml"], 0),
        (["cases/askarov-2020.yaml", "tests/bad-cases/unknown-key.yaml"], 1),
    ],
)
def test_the_entry_passes_a_good_file_and_fails_a_bad_one(files: list[str], code: int) -> None:
    program, *args = shlex.split(hook()["entry"])
    assert program == "appeal"  # the console script; run it as its module here
    result = subprocess.run(
        [sys.executable, "-m", "appeal", *args, *files],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), "GITHUB_ACTIONS": ""},
        check=False,
    )
    assert result.returncode == code, result.stdout + result.stderr
    if code:
        assert "tests/bad-cases/unknown-key.yaml:9:1: error: " in result.stdout


def test_the_readme_hook_matches_the_one_this_repository_offers() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    (snippet,) = re.findall(r"```yaml\n(repos:\n.*?)```", readme, re.DOTALL)
    (repo,) = yaml.safe_load(snippet)["repos"]
    assert repo["repo"] == "local"
    (local,) = repo["hooks"]
    offered = hook()
    for key in ("id", "entry", "files", "exclude", "require_serial"):
        assert local[key] == offered[key], key
