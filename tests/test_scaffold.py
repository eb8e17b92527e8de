"""``appeal init`` and ``appeal new``: a guided start."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

import appeal
from appeal.campaign import campaign_files
from appeal.cli import app

ROOT = Path(__file__).parent.parent
runner = CliRunner()


@pytest.mark.parametrize("name", ["cases/askarov-2020.yaml", "signatories.yaml",
                                  "templates/README.md"])  # fmt: skip
def test_the_example_campaign_ships_as_this_repository_has_it(name: str) -> None:
    assert dict(campaign_files())[name] == (ROOT / name).read_bytes()


def test_init_makes_a_campaign_that_validates_and_renders(tmp_path: Path) -> None:
    folder = tmp_path / "campaign"
    result = runner.invoke(app, ["init", str(folder)])
    assert result.exit_code == 0, result.output
    assert sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()) == [
        ".github/workflows/appeal.yml", ".gitignore", "cases/askarov-2020.yaml",
        "signatories.yaml", "templates/README.md",
    ]  # fmt: skip
    assert appeal.validate(folder) == []
    workflow = (folder / ".github" / "workflows" / "appeal.yml").read_text()
    assert "appeal validate ." in workflow
    report = appeal.render_all([folder / "cases"], folder / "out", ["txt"])
    assert report.letters == 1 and not report.failures


def test_init_keeps_existing_files(tmp_path: Path) -> None:
    (tmp_path / "signatories.yaml").write_text("mine: {name: Mine}\n")
    result = runner.invoke(app, ["init", str(tmp_path)])
    assert result.exit_code == 0
    assert (tmp_path / "signatories.yaml").read_text() == "mine: {name: Mine}\n"
    assert "kept" in result.stderr


ARGS = ["--subject", "Case of “X”: yes", "--recipient", "Minister: NO", "-s", "amnesty",
        "-s", "hrw", "--date", "2026-11-27", "--place", "Tbilisi", "--lang", "fr"]  # fmt: skip


def _campaign(tmp_path: Path) -> Path:
    runner.invoke(app, ["init", str(tmp_path)])
    return tmp_path / "cases" / "new.yaml"


def test_new_writes_a_case_that_validates_once_its_paragraphs_are_written(
    tmp_path: Path,
) -> None:
    case = _campaign(tmp_path)
    result = runner.invoke(app, ["new", str(case), *ARGS])
    assert result.exit_code == 0, result.output
    assert [(p.line, p.rule) for p in appeal.validate(case)] == [
        (22, "empty-value"), (26, "empty-value")
    ]  # fmt: skip
    text = case.read_text(encoding="utf-8")
    filled = text.replace("grounds:\n", "grounds:\n  - We write.\n", 1)
    filled = filled.replace("demands:\n", "demands:\n  - Release X.\n", 1)
    case.write_text(filled.replace("  -\n", ""), encoding="utf-8")
    assert appeal.validate(case) == []
    letter = str(appeal.render(appeal.load_case(case), "txt"))
    assert letter.startswith(
        "Minister: NO\n\nObjet : Case of “X”: yes\n\nTbilisi, le 27 novembre 2026"
    )


def test_new_refuses_unknown_signatories_and_existing_files(tmp_path: Path) -> None:
    case = _campaign(tmp_path)
    result = runner.invoke(app, ["new", str(case), *ARGS[:-2], "-s", "amnestyy"])
    assert result.exit_code == 2
    assert "'amnestyy'; did you mean 'amnesty'?" in result.stderr
    assert not case.exists()
    far = runner.invoke(app, ["new", str(case), *ARGS[:-2], "-s", "rsf"])
    assert far.exit_code == 2
    assert "'rsf' (it has amnesty, crd, cpj" in far.stderr
    assert "add an entry for a new signatory there" in far.stderr
    assert not case.exists()
    assert runner.invoke(app, ["new", str(case), *ARGS]).exit_code == 0
    again = runner.invoke(app, ["new", str(case), *ARGS])
    assert again.exit_code == 1
    assert "exists already" in again.stderr


def test_new_asks_for_what_is_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    case = _campaign(tmp_path)
    monkeypatch.setattr("appeal.cli.init._interactive", lambda: True)
    answers = "Case of Y\nPresident Z\nPresident of Somewhere\namnesty, cpj\n"
    result = runner.invoke(app, ["new", str(case), "--date", "2026-01-02"], input=answers)
    assert result.exit_code == 0, result.output
    loaded = appeal.validate(case)
    assert {p.rule for p in loaded} == {"empty-value"}
    text = case.read_text(encoding="utf-8")
    assert "subject: Case of Y" in text and "  title: President of Somewhere" in text
    assert text.rstrip().endswith("signatories:\n  - amnesty\n  - cpj")


def test_new_without_a_terminal_needs_its_options(tmp_path: Path) -> None:
    case = _campaign(tmp_path)
    result = runner.invoke(app, ["new", str(case)])
    assert result.exit_code == 2
    assert "give it as an option" in result.stderr


def test_init_says_to_edit_the_example_signatories(tmp_path: Path) -> None:
    result = runner.invoke(app, ["init", str(tmp_path / "c")])
    assert f"edit {tmp_path / 'c' / 'signatories.yaml'}: it lists the organisations" in (
        result.stderr
    )
    assert f"next: cd {tmp_path / 'c'} && appeal render" in result.stderr


def test_init_in_the_current_folder_does_not_say_cd(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["init"])
    assert result.exit_code == 0
    assert "next: appeal render cases/" in result.stderr
    assert "cd ." not in result.stderr


def test_new_asks_again_with_the_reason_and_keeps_the_answers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = _campaign(tmp_path)
    monkeypatch.setattr("appeal.cli.init._interactive", lambda: True)
    answers = "\nCase of Y\nPresident Z\n\namnesty, cpjj\namnesty, cpj hrw\n"
    result = runner.invoke(app, ["new", str(case), "--date", "2026-01-02"], input=answers)
    assert result.exit_code == 0, result.output
    assert "an answer is needed here: the letter's subject" in result.stderr
    assert "'cpjj'; did you mean 'cpj'?; try again" in result.stderr
    text = case.read_text(encoding="utf-8")
    assert "subject: Case of Y" in text
    assert text.rstrip().endswith("signatories:\n  - amnesty\n  - cpj\n  - hrw")


def test_new_reports_an_existing_file_before_asking_anything(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = _campaign(tmp_path)
    case.write_text("mine\n", encoding="utf-8")
    monkeypatch.setattr("appeal.cli.init._interactive", lambda: True)
    result = runner.invoke(app, ["new", str(case)], input="")
    assert result.exit_code == 1
    assert "exists already" in result.stderr
    assert "Subject" not in result.output
    assert case.read_text(encoding="utf-8") == "mine\n"


def test_new_refuses_a_language_the_letter_has_no_words_for(tmp_path: Path) -> None:
    case = _campaign(tmp_path)
    result = runner.invoke(app, ["new", str(case), *ARGS[:-2], "--lang", "frr"])
    assert result.exit_code == 2
    assert "--lang frr: the letter template has no words for it; did you mean 'fr'?" in (
        result.stderr
    )
    assert not case.exists()


def test_new_outside_a_campaign_says_where_it_looked(tmp_path: Path) -> None:
    result = runner.invoke(app, ["new", str(tmp_path / "x.yaml"), *ARGS])
    assert result.exit_code == 2
    assert f"no signatories.yaml was found in {tmp_path.resolve()} or a folder above it" in (
        result.stderr
    )


def test_new_with_an_empty_registry_says_to_fill_it_first(tmp_path: Path) -> None:
    (tmp_path / "signatories.yaml").write_text("# none yet\n", encoding="utf-8")
    result = runner.invoke(app, ["new", str(tmp_path / "x.yaml"), "--subject", "S"])
    assert result.exit_code == 2
    assert "lists no organisation yet" in result.stderr
