"""A new process loads only what its command needs; the quick render path reads as typer does.

``appeal render`` for one letter, ``appeal --version`` and ``appeal --help``
are mostly start-up: each module that creeps into their path makes every
campaigner's command slower (``python benchmarks/startup.py`` measures it).
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer.main
from typer.testing import CliRunner

import appeal as appeal_api
from appeal.cli import app
from appeal.cli.letters import RenderOptions, quick_options

ROOT = Path(__file__).parent.parent
EXAMPLE = ROOT / "cases" / "askarov-2020.yaml"
BAD_CASE = ROOT / "tests" / "bad-cases" / "colon-in-text.yaml"
runner = CliRunner()

#: What one letter of the example never needs: the command-line framework, Babel (its
#: language's dates are written here), worker processes, python-docx, transliteration.
NOT_FOR_ONE_LETTER = [
    "typer", "click", "pydantic", "rich", "babel", "multiprocessing", "concurrent.futures",
    "docx", "anyascii",
]  # fmt: skip
#: The renderer: templates, Markdown, YAML, dates, XML, the document model.
RENDERER = [
    "yaml", "jinja2", "markdown_it", "babel", "lxml", "appeal.bulk", "appeal.case",
    "appeal.document",
]  # fmt: skip


def loaded(argv: list[str], modules: list[str], cwd: Path) -> tuple[int, list[str]]:
    """The exit code of ``appeal *argv`` in a new process, and which of ``modules`` it loaded."""
    probe = (
        "import json, sys\n"
        "from appeal.cli import main\n"
        f"sys.argv = ['appeal', *{argv!r}]\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as exc:\n"
        f"    print(json.dumps([exc.code, [m for m in {modules!r} if m in sys.modules]]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(ROOT), "GITHUB_ACTIONS": ""},
        check=True,
    )
    code, found = json.loads(result.stdout.splitlines()[-1])
    return code, found


@pytest.mark.parametrize(
    ("argv", "unwanted"),
    [
        (["--version"], NOT_FOR_ONE_LETTER + RENDERER),
        (["render", str(EXAMPLE), "-f", "md"], [*NOT_FOR_ONE_LETTER, "lxml"]),
        (["render", str(EXAMPLE), "-f", "txt"], [*NOT_FOR_ONE_LETTER, "lxml"]),
        (["render", str(EXAMPLE), "-f", "txt", "-o", "-"], [*NOT_FOR_ONE_LETTER, "lxml"]),
        (["render", str(EXAMPLE), "-f", "docx"], NOT_FOR_ONE_LETTER),
        (["render", str(EXAMPLE), "-f", "pdf"], [*NOT_FOR_ONE_LETTER, "lxml", "subprocess"]),
        (["render", str(EXAMPLE)], NOT_FOR_ONE_LETTER),
        # Help is typer's, whose pydantic loads asyncio and with it concurrent.futures:
        # the worker pool is told apart by multiprocessing and appeal.bulk.
        (["--help"], ["docx", "multiprocessing", *RENDERER]),
        (["render", "--help"], ["docx", "multiprocessing", *RENDERER]),
    ],
)
def test_a_command_loads_only_what_it_needs(
    argv: list[str], unwanted: list[str], tmp_path: Path
) -> None:
    code, found = loaded(argv, unwanted, tmp_path)
    assert code == 0
    assert found == []


def test_many_letters_still_use_worker_processes(tmp_path: Path) -> None:
    rows = "name\n" + "".join(f"Minister {i}\n" for i in range(8))
    (tmp_path / "ministers.csv").write_text(rows, encoding="utf-8")
    argv = ["render", str(EXAMPLE), "-f", "md", "--recipients", "ministers.csv", "-j", "2"]
    code, found = loaded(argv, ["concurrent.futures"], tmp_path)
    assert code == 0
    assert found == ["concurrent.futures"]
    assert len(list((tmp_path / "out").glob("*.md"))) == 8


def test_a_process_ends_with_everything_written(tmp_path: Path) -> None:
    """The end of a command skips the collector's last pass, not any output or file."""
    probe = "import sys\nfrom appeal.cli import main\nsys.argv[0] = 'appeal'\nmain()\n"
    # Buffered standard output, as a user's terminal or pipe has it.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    env.update(PYTHONPATH=str(ROOT), GITHUB_ACTIONS="")

    def appeal(*argv: str) -> bytes:
        done = subprocess.run(
            [sys.executable, "-c", probe, *argv], capture_output=True, cwd=tmp_path, env=env
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    assert appeal("--version") == f"appeal {appeal_api.__version__}\n".encode()
    printed = appeal("render", str(EXAMPLE), "-f", "md", "-o", "-")
    assert printed.decode("utf-8") == appeal_api.render(appeal_api.load_case(EXAMPLE), "md")
    appeal("render", str(EXAMPLE), "-o", "letters")
    manifest = json.loads((tmp_path / "letters" / "manifest.json").read_text(encoding="utf-8"))
    (letter,) = manifest["letters"]
    assert len(letter["files"]) == 3
    for file in letter["files"]:
        data = (tmp_path / "letters" / file["path"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == file["sha256"]


@pytest.mark.parametrize(
    "argv",
    [
        ["render", "a.yaml"],
        ["render", "a.yaml", "b", "-f", "docx", "--format", "md", "-o", "letters"],
        ["render", "a.yaml", "-f", "txt", "-o", "-"],
        ["render", "--output=x", "--format=txt", "a.yaml", "--width", "0", "--paper", "letter"],
        ["render", "a.yaml", "--recipients", "r.csv", "--name", "{stem}-{index}", "-j", "2"],
        ["render", "a.yaml", "--dry-run", "-q", "--width", "007", "--paper=a4"],
        ["render", "a.yaml", "--soffice", "/opt/lo/soffice", "--signatories", "s.yaml"],
        ["render", "a.yaml", "--jobs=3", "--quiet", "-f", "pdf", "-f", "html"],
        ["render", "a.yaml", "-f", "pdf", "--pdf-engine", "libreoffice", "--paper", "letter"],
        ["render", "a.yaml", "-f", "pdf", "--pdf-standard=a-2b", "--pdf-engine=typst"],
        ["render", "-f", "txt", "--", "-odd-name.yaml", "--width"],
    ],
)
def test_the_quick_path_reads_a_command_line_as_typer_does(
    argv: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[RenderOptions] = []
    monkeypatch.setattr("appeal.cli.render.run", lambda options: seen.append(options) or 0)
    result = runner.invoke(app, argv)
    assert result.exit_code == 0, result.output
    assert quick_options(argv) == seen[0]


@pytest.mark.parametrize(
    "argv",
    [
        ["render"],
        ["render", "--help"],
        ["render", "a.yaml", "--help"],
        ["render", "a.yaml", "-o"],
        ["render", "a.yaml", "-x"],
        ["render", "a.yaml", "-qf", "md"],
        ["render", "a.yaml", "-omd"],
        ["render", "a.yaml", "--paper", "A4"],
        ["render", "a.yaml", "--pdf-engine", "lualatex"],
        ["render", "a.yaml", "--pdf-standard", "ua-1", "--pdf-engine", "libreoffice"],
        ["render", "a.yaml", "--width", "wide"],
        ["render", "a.yaml", "--width", "²"],
        ["render", "a.yaml", "--width", "-1"],
        ["render", "a.yaml", "--jobs="],
        ["render", "a.yaml", "-"],
        ["render", "a.yaml", "-f", "docx", "-o", "-"],
        ["render", "a.yaml", "-f", "pdfx"],
        ["render", "a.yaml", "--jobs", "0"],
        ["--debug", "render", "a.yaml"],
        ["validate", "a.yaml"],
    ],
)
def test_the_quick_path_leaves_the_rest_to_typer(argv: list[str]) -> None:
    assert quick_options(argv) is None


#: A valid value for the options that take no number.
VALUES = {
    "--paper": "a4", "-f": "md", "--format": "md",
    "--pdf-engine": "typst", "--pdf-standard": "ua-1", "--attach": "docx", "--from": "a@b.org",
}  # fmt: skip


def test_the_quick_path_knows_every_option_of_render() -> None:
    """An option added to ``appeal render`` must be added to appeal.cli.letters too."""
    command = typer.main.get_command(app).commands["render"]  # type: ignore[attr-defined]
    flags = {"--dry-run", "-q", "--quiet"}
    for param in command.params:
        if param.param_type_name != "option":
            continue
        for spelling in (*param.opts, *param.secondary_opts):
            if spelling == "--help":
                continue
            value = [] if spelling in flags else [VALUES.get(spelling, "7")]
            assert quick_options(["render", "a.yaml", spelling, *value]) is not None, spelling


@pytest.mark.parametrize(
    "argv",
    [
        ["render", str(EXAMPLE), "-f", "txt", "-o", "-"],
        ["render", str(EXAMPLE), "-f", "md", "-f", "docx", "-o", "out"],
        ["render", str(EXAMPLE), "-f", "md", "--dry-run"],
        # Refused by the quick path's own checks, or failing once it runs:
        ["render", "missing.yaml", "-f", "md"],
        ["render", str(EXAMPLE), "-f", "md", "--recipients", "nowhere.csv"],
        ["render", str(EXAMPLE), "-f", "md", "--name", "{bogus}"],
        ["render", str(BAD_CASE), "-f", "md"],
        # Handed to typer, which reports them the same either way:
        ["render", str(EXAMPLE), "-f", "pdfx"],
        ["render", str(EXAMPLE), "--width=-1"],
        ["render", str(EXAMPLE), "-o", "-"],
        ["--version"],
    ],
)
def test_the_quick_path_does_what_typer_does(argv: list[str], tmp_path: Path) -> None:
    """Exit code, output, errors and files written: the same in a new process and in typer."""
    quick, typer_dir = tmp_path / "quick", tmp_path / "typer"
    quick.mkdir()
    typer_dir.mkdir()
    process = subprocess.run(
        [sys.executable, "-m", "appeal", *argv],
        capture_output=True,
        text=True,
        cwd=quick,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=False,
    )
    cwd = Path.cwd()
    try:
        os.chdir(typer_dir)
        result = runner.invoke(app, argv)
    finally:
        os.chdir(cwd)
    assert (process.returncode, process.stdout, process.stderr) == (
        result.exit_code,
        result.stdout,
        result.stderr,
    )
    assert _files(quick) == _files(typer_dir)


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
