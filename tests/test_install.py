"""Every install instruction the tool writes installs this tool, pinned to this copy."""

from __future__ import annotations

import json
from importlib.metadata import distribution
from pathlib import Path

import pytest
from typer.testing import CliRunner

from appeal.cli import app
from appeal.install import origin
from appeal.version import DISTRIBUTION, __version__

ROOT = Path(__file__).parent.parent
runner = CliRunner()


def test_the_distribution_is_not_the_other_projects_appeal() -> None:
    installed = distribution(DISTRIBUTION)
    assert installed.metadata["Name"] == "appeal-letters"
    scripts = {e.name: e.value for e in installed.entry_points if e.group == "console_scripts"}
    assert scripts == {"appeal": "appeal.cli:main"}


@pytest.mark.parametrize(
    ("direct_url", "requirement", "portable"),
    [
        (None, f"appeal-letters=={__version__}", True),
        (
            {
                "url": "https://git.example.org/campaigns/appeal.git",
                "vcs_info": {"vcs": "git", "commit_id": "0123abc", "requested_revision": "v1"},
            },
            "appeal-letters @ git+https://git.example.org/campaigns/appeal.git@0123abc",
            True,
        ),
        (
            {"url": "https://example.org/appeal_letters-1.0.tar.gz", "archive_info": {}},
            "appeal-letters @ https://example.org/appeal_letters-1.0.tar.gz",
            True,
        ),
        (
            {"url": "file:///home/me/appeal", "dir_info": {"editable": True}},
            f"appeal-letters=={__version__}",
            False,
        ),
    ],
)
def test_the_requirement_pins_where_this_copy_came_from(
    direct_url: dict[str, object] | None, requirement: str, portable: bool
) -> None:
    found = origin(json.dumps(direct_url) if direct_url else "")
    assert (found.requirement, found.portable) == (requirement, portable)
    assert found.command == f'pip install "{requirement}"'


def test_init_writes_a_workflow_that_installs_this_appeal(tmp_path: Path) -> None:
    result = runner.invoke(app, ["init", str(tmp_path)])
    assert result.exit_code == 0, result.output
    workflow = (tmp_path / ".github" / "workflows" / "appeal.yml").read_text(encoding="utf-8")
    assert f"- run: {origin().command}\n" in workflow
    assert "pip install appeal\n" not in workflow
    assert "{requirement}" not in workflow


def test_the_readme_never_installs_the_other_projects_appeal() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "pip install appeal\n" not in readme and "pip install appeal " not in readme
    assert "<the appeal repository" not in readme and "<a release tag>" not in readme


@pytest.mark.parametrize("portable", [True, False])
def test_init_says_when_ci_cannot_install_this_copy_yet(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, portable: bool
) -> None:
    from appeal.install import Origin

    here = Origin(f"appeal-letters=={__version__}", portable=portable)
    monkeypatch.setattr("appeal.install.origin", lambda: here)
    result = runner.invoke(app, ["init", str(tmp_path)])
    assert result.exit_code == 0
    said = "this appeal was installed from a folder on this computer" in result.stderr
    assert said is not portable
