"""Many letters: several recipients, recipient lists, names, manifest, jobs, the API."""

from __future__ import annotations

import json
import shutil
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

import appeal
from appeal.bulk import Batch, render_all
from appeal.cli import app
from appeal.naming import slugify
from appeal.templating.lookup import BUILTIN_TEMPLATES

ROOT = Path(__file__).parent.parent
runner = CliRunner()

THREE = """\
date: 2021-05-03
subject: Release the journalists
recipients:
  - {name: President Ana Pop, salutation: Your Excellency}
  - {name: Prosecutor General Ion Rusu, title: Prosecutor General}
  - {name: Ombudsperson Maria Dan, email: [ombuds@example.org]}
grounds: We write about the journalists.[^a]
demands: Release them.
citations: {a: {text: Report, url: "https://example.org/r"}}
signatories: [amnesty, hrw]
"""


@pytest.fixture
def campaign(tmp_path: Path) -> Path:
    (tmp_path / "cases").mkdir()
    (tmp_path / "cases" / "press.yaml").write_text(THREE, encoding="utf-8")
    (tmp_path / "signatories.yaml").write_text(
        (ROOT / "signatories.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    return tmp_path


def _files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_three_recipients_make_nine_files_each_with_its_salutation(campaign: Path) -> None:
    out = campaign / "out"
    result = runner.invoke(app, ["render", str(campaign / "cases"), "-o", str(out), "-j", "1"])
    assert result.exit_code == 0, result.output
    stems = ["press-ombudsperson-maria-dan", "press-president-ana-pop",
             "press-prosecutor-general-ion-rusu"]  # fmt: skip
    assert _files(out) == sorted(
        [f"{s}.{ext}" for s in stems for ext in ("docx", "md", "txt")] + ["manifest.json"]
    )
    assert "Your Excellency," in (out / "press-president-ana-pop.txt").read_text()
    prosecutor = (out / "press-prosecutor-general-ion-rusu.txt").read_text()
    assert prosecutor.startswith("Prosecutor General Ion Rusu\nProsecutor General\n")
    assert "Dear Prosecutor General Ion Rusu," in prosecutor
    ombuds = (out / "press-ombudsperson-maria-dan.md").read_text()
    assert "Via email: <ombuds@example.org>" in ombuds
    for stem in stems:  # identical body, each with the note
        assert "We write about the journalists.[1]" in (out / f"{stem}.txt").read_text()


CSV = (
    "\ufeffname,title,address,email,salutation\r\n"
    '"Minister Ana Pop",Minister,"Str. 1\nBucharest",a@example.org;b@example.org,\r\n'
    '"",No name here,,,\r\n'
    '"Сергей Лавров","Minister","Smolenskaya 32 | Moscow",c@example.org,"Dear Minister"\r\n'
    "Bad Email,,,not-an-email,\r\n"
)


def test_csv_recipients_with_bom_quoted_newlines_and_bad_rows(campaign: Path) -> None:
    (campaign / "list.csv").write_text(CSV, encoding="utf-8")
    out = campaign / "out"
    case = campaign / "cases" / "press.yaml"
    result = runner.invoke(
        app, ["render", str(case), "--recipients", str(campaign / "list.csv"), "-o", str(out),
              "-f", "txt"],
    )  # fmt: skip
    assert result.exit_code == 1
    # Spreadsheet rows 3 and 5; lines 4 and 6 of the file (row 2 holds a newline).
    assert (
        f"{campaign / 'list.csv'}:4:1: error: row 3 has nothing in its 'name' column; "
        "every recipient needs a name [missing-section]"
    ) in result.stderr
    assert f"{campaign / 'list.csv'}:6:1: error: row 5: 'not-an-email'" in result.stderr
    assert "[invalid-email]" in result.stderr
    assert "2 letters (2 files) written" in result.stderr
    assert "2 failed" in result.stderr
    assert _files(out) == ["manifest.json", "press-minister-ana-pop.txt", "press-sergey-lavrov.txt"]
    pop = (out / "press-minister-ana-pop.txt").read_text()
    assert pop.startswith("Minister Ana Pop\nMinister\nStr. 1\nBucharest\n\n")
    assert "Via email: a@example.org, b@example.org" in pop
    lavrov = (out / "press-sergey-lavrov.txt").read_text()
    assert lavrov.startswith("Сергей Лавров\nMinister\nSmolenskaya 32\nMoscow\n")
    assert "Dear Minister," in lavrov


@pytest.mark.parametrize(
    "export",
    [
        # Excel in France and Germany: semicolons, headings as people write them.
        'Name;Title;E-mail\r\nMinistre Ana Pop;Ministre;"a@example.org;b@example.org"\r\n',
        "NAME,Title,Email Address\nMinistre Ana Pop,Ministre,a@example.org;b@example.org\n",
        "Full name\tTitle\tE-Mail\nMinistre Ana Pop\tMinistre\ta@example.org, b@example.org\n",
    ],
)
def test_csv_exports_in_other_dialects_and_spellings(campaign: Path, export: str) -> None:
    (campaign / "list.csv").write_text(export, encoding="utf-8")
    batch = Batch([campaign / "cases"], recipients=campaign / "list.csv")
    assert batch.failures == []
    (case,) = batch.cases
    (recipient,) = case.recipients
    assert (recipient.name, recipient.title) == ("Ministre Ana Pop", "Ministre")
    assert recipient.email == ("a@example.org", "b@example.org")


def test_two_columns_for_one_field_are_reported(campaign: Path) -> None:
    (campaign / "list.csv").write_text("name,Email,E-mail\nA,a@b.org,c@d.org\n", encoding="utf-8")
    batch = Batch([campaign / "cases"], recipients=campaign / "list.csv")
    (failure,) = batch.failures
    assert [(p.line, p.col, p.rule) for p in failure.problems] == [(1, 3, "duplicate-key")]
    assert failure.problems[0].message == (
        "the columns 'Email' and 'E-mail' are both the recipient's email; keep one"
    )


def test_unknown_csv_column_is_reported_on_the_header(campaign: Path) -> None:
    (campaign / "list.csv").write_text("name,adress\nA,B\n", encoding="utf-8")
    batch = Batch([campaign / "cases"], recipients=campaign / "list.csv")
    (failure,) = batch.failures
    assert [(p.line, p.col, p.rule) for p in failure.problems] == [(1, 2, "unknown-key")]
    assert "did you mean 'address'" in failure.problems[0].message
    assert batch.count() == 0


def test_yaml_recipient_list_with_positions(campaign: Path) -> None:
    (campaign / "list.yaml").write_text(
        "- name: A One\n- name: B Two\n  emial: x@example.org\n", encoding="utf-8"
    )
    batch = Batch([campaign / "cases"], recipients=campaign / "list.yaml")
    assert [(p.line, p.col, p.rule) for f in batch.failures for p in f.problems] == [
        (3, 3, "unknown-key")
    ]
    assert [letter.recipient_name for letter in batch.letters()] == ["A One"]


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Mr. Sooronbay Jeenbekov", "mr-sooronbay-jeenbekov"),
        ("Сергей Лавров", "sergey-lavrov"),
        ("Ministre d'État Élise Müller", "ministre-d-etat-elise-muller"),
        ("../../etc/passwd", "etc-passwd"),
        ("C:\\x", "c-x"),
        ("***", "recipient"),
        ("وزير الخارجية", "wzyr-lkhrjyh"),
    ],
)
def test_slugs_are_ascii_lowercase_hyphens(name: str, slug: str) -> None:
    assert slugify(name) == slug


def test_slug_collisions_get_a_suffix(campaign: Path) -> None:
    (campaign / "list.yaml").write_text(
        "- name: Ana Pop\n- name: Ana  Pop\n- name: ana pop\n", encoding="utf-8"
    )
    batch = Batch([campaign / "cases"], recipients=campaign / "list.yaml", formats=["md"])
    assert [letter.files[0][1].name for letter in batch.letters()] == [
        "press-ana-pop.md",
        "press-ana-pop-2.md",
        "press-ana-pop-3.md",
    ]


def test_name_pattern(campaign: Path) -> None:
    batch = Batch([campaign / "cases"], formats=["txt"], name="{stem}-{index:03d}-{slug}")
    assert [letter.files[0][1].name for letter in batch.letters()] == [
        "press-001-president-ana-pop.txt",
        "press-002-prosecutor-general-ion-rusu.txt",
        "press-003-ombudsperson-maria-dan.txt",
    ]


@pytest.mark.parametrize(
    "pattern", ["../{slug}", "{stem}/{slug}", "..\\{slug}", ".{slug}", "{stem.__class__}",
                "{slug[0]}", "{other}", "{slug!r}", "{index:{slug}}", "{"],
)  # fmt: skip
def test_a_name_pattern_cannot_leave_the_output_folder(campaign: Path, pattern: str) -> None:
    result = runner.invoke(app, ["render", str(campaign / "cases"), "--name", pattern,
                                 "-o", str(campaign / "out")])  # fmt: skip
    assert result.exit_code == 2
    assert not (campaign / "out").exists()


def test_dry_run_prints_the_plan_and_writes_nothing(campaign: Path) -> None:
    out = campaign / "out"
    result = runner.invoke(app, ["render", str(campaign / "cases"), "-o", str(out), "--dry-run",
                                 "-f", "md"])  # fmt: skip
    assert result.exit_code == 0
    case = campaign / "cases" / "press.yaml"
    assert result.stdout.splitlines() == [
        f"{case}: President Ana Pop -> {out / 'press-president-ana-pop.md'}",
        f"{case}: Prosecutor General Ion Rusu -> {out / 'press-prosecutor-general-ion-rusu.md'}",
        f"{case}: Ombudsperson Maria Dan -> {out / 'press-ombudsperson-maria-dan.md'}",
    ]
    assert not out.exists()


def test_manifest_records_every_file_and_rerun_is_identical(campaign: Path) -> None:
    import hashlib

    out = campaign / "out"
    report = render_all([campaign / "cases"], out, ["md", "docx"])
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert [entry["recipient"] for entry in manifest["letters"]] == [
        "President Ana Pop", "Prosecutor General Ion Rusu", "Ombudsperson Maria Dan"
    ]  # fmt: skip
    for entry in manifest["letters"]:
        assert entry["case"] == str(campaign / "cases" / "press.yaml")
        for item in entry["files"]:
            data = (out / item["path"]).read_bytes()
            assert hashlib.sha256(data).hexdigest() == item["sha256"]
    assert (report.letters, report.files, report.failures) == (3, 6, [])
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    render_all([campaign / "cases"], out, ["md", "docx"])
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_two_jobs_give_the_same_bytes_as_one(campaign: Path) -> None:
    names = "".join(f"- name: Minister {i}\n" for i in range(12))
    (campaign / "list.yaml").write_text(names, encoding="utf-8")
    one, two = campaign / "one", campaign / "two"
    render_all([campaign / "cases"], one, recipients=campaign / "list.yaml", jobs=1)
    report = render_all([campaign / "cases"], two, recipients=campaign / "list.yaml", jobs=2)
    assert report.letters == 12
    assert _files(one) == _files(two)
    for name in _files(one):
        assert (one / name).read_bytes() == (two / name).read_bytes(), name


def test_pdf_letters_set_while_the_next_is_made_are_each_the_letter_alone(
    campaign: Path,
) -> None:
    # Typst sets one letter in a thread while the next is prepared: each PDF must
    # still be that letter's own bytes, and a letter Typst refuses fails alone.
    template = campaign / "templates" / "joint-letter"
    shutil.copytree(BUILTIN_TEMPLATES / "joint-letter", template)
    with (template / "letter.typ").open("a", encoding="utf-8") as layout:
        layout.write(
            "#let set-letter = letter\n"
            '#let letter(doc) = if repr(doc.blocks).contains("Ion Rusu") { panic("refused") }'
            " else { set-letter(doc) }\n"
        )
    out = campaign / "out"
    report = render_all([campaign / "cases"], out, ["pdf", "txt"], jobs=1)
    (failure,) = report.failures
    assert failure.what.endswith("to Prosecutor General Ion Rusu")
    assert "refused" in failure.message
    assert (report.letters, report.files) == (2, 4)
    assert _files(out) == [
        "manifest.json", "press-ombudsperson-maria-dan.pdf", "press-ombudsperson-maria-dan.txt",
        "press-president-ana-pop.pdf", "press-president-ana-pop.txt",
    ]  # fmt: skip
    case = appeal.load_case(campaign / "cases" / "press.yaml")
    for recipient in (case.recipients[0], case.recipients[2]):
        alone = appeal.render(case, "pdf", recipient=recipient)
        assert (out / f"press-{slugify(recipient.name)}.pdf").read_bytes() == alone


def test_stdout_takes_one_letter_only(campaign: Path) -> None:
    result = runner.invoke(app, ["render", str(campaign / "cases"), "-f", "txt", "-o", "-"])
    assert result.exit_code == 2
    assert "make 3" in result.stderr


def test_errors_never_mix_into_stdout(campaign: Path) -> None:
    case = campaign / "cases" / "press.yaml"
    case.write_text(
        THREE.replace(
            "recipients:\n  - {name: President Ana Pop, salutation: "
            "Your Excellency}\n  - {name: Prosecutor General Ion Rusu, "
            "title: Prosecutor General}\n  - {name: Ombudsperson Maria Dan,"
            " email: [ombuds@example.org]}",
            "recipient: {name: Ana}",
        ).replace("[amnesty, hrw]", "[amnesty, amnesty]")
    )
    result = runner.invoke(app, ["render", str(case), "-f", "txt", "-o", "-"])
    assert result.exit_code == 0
    assert result.stdout.startswith("Ana\n")
    assert "[duplicate-signatory]" in result.stderr
    assert "duplicate" not in result.stdout


def test_the_api_as_a_script_uses_it(tmp_path: Path, campaign: Path) -> None:
    script = textwrap.dedent(f"""
        import appeal
        case = appeal.load_case({str(campaign / "cases" / "press.yaml")!r})
        letters = {{r.name: appeal.render(case, "txt", recipient=r) for r in case.recipients}}
        report = appeal.render_all([{str(campaign / "cases")!r}], {str(tmp_path / "api")!r},
                                   formats=["md"])
        problems = appeal.validate({str(campaign)!r})
    """)
    scope: dict[str, object] = {}
    exec(compile(script, "script.py", "exec"), scope)
    letters = scope["letters"]
    assert isinstance(letters, dict) and len(letters) == 3
    assert letters["President Ana Pop"].startswith("President Ana Pop\n")
    report = scope["report"]
    assert isinstance(report, appeal.Report) and report.letters == 3
    assert scope["problems"] == []
    with pytest.raises(appeal.CaseError) as info:
        appeal.load_case(campaign / "nope.yaml")
    assert info.value.problems[0].rule == "unreadable-file"


def _manifest(out: Path) -> dict[tuple[str, str], list[str]]:
    """(case file name, recipient) -> the file names recorded for it, each checked."""
    import hashlib

    data = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    recorded: dict[tuple[str, str], list[str]] = {}
    for entry in data["letters"]:
        for item in entry["files"]:
            digest = hashlib.sha256((out / item["path"]).read_bytes()).hexdigest()
            assert digest == item["sha256"], item["path"]
            recorded.setdefault((Path(entry["case"]).name, entry["recipient"]), []).append(
                item["path"]
            )
    every = [path for paths in recorded.values() for path in paths]
    assert len(every) == len(set(every)), "a file is recorded twice"
    return {key: sorted(paths) for key, paths in recorded.items()}


def test_the_manifest_keeps_earlier_letters_and_replaces_rewritten_files(campaign: Path) -> None:
    out = campaign / "out"
    other = campaign / "cases" / "other.yaml"
    other.write_text(
        THREE.replace("recipients:", "recipient: {name: Minister Eva Lupu}\nold:").split("old:")[0]
        + "grounds: G.\ndemands: D.\nsignatories: [amnesty]\n",
        encoding="utf-8",
    )
    render_all([campaign / "cases" / "press.yaml"], out, ["md"])
    render_all([other], out, ["txt"])
    recorded = _manifest(out)
    assert recorded[("other.yaml", "Minister Eva Lupu")] == ["other.txt"]
    assert recorded[("press.yaml", "President Ana Pop")] == ["press-president-ana-pop.md"]
    assert len(recorded) == 4
    # Rendering press.yaml again in another format replaces nothing of other.yaml's.
    render_all([campaign / "cases" / "press.yaml"], out, ["md", "txt"])
    recorded = _manifest(out)
    assert recorded[("press.yaml", "President Ana Pop")] == [
        "press-president-ana-pop.md", "press-president-ana-pop.txt"
    ]  # fmt: skip
    assert recorded[("other.yaml", "Minister Eva Lupu")] == ["other.txt"]
    assert len(recorded) == 4
    # A file deleted since is dropped from the manifest at the next run.
    (out / "other.txt").unlink()
    render_all([campaign / "cases" / "press.yaml"], out, ["md"])
    recorded = _manifest(out)
    assert ("other.yaml", "Minister Eva Lupu") not in recorded
    assert recorded[("press.yaml", "President Ana Pop")] == [
        "press-president-ana-pop.md", "press-president-ana-pop.txt"
    ]  # fmt: skip
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".")) == []


def test_a_manifest_this_tool_did_not_write_is_replaced(campaign: Path) -> None:
    out = campaign / "out"
    out.mkdir()
    (out / "manifest.json").write_text("not json", encoding="utf-8")
    render_all([campaign / "cases"], out, ["txt"])
    assert len(_manifest(out)) == 3


def test_a_comment_in_a_yaml_recipient_list_keeps_that_recipient_out(campaign: Path) -> None:
    (campaign / "list.yaml").write_text(
        "- name: Minister Ana Pop\n- name: Minister #2 Ion Rusu\n", encoding="utf-8"
    )
    batch = Batch([campaign / "cases"], recipients=campaign / "list.yaml")
    (failure,) = batch.failures
    assert [(p.line, p.col, p.rule) for p in failure.problems] == [(2, 18, "comment-in-value")]
    (case,) = batch.cases
    assert [r.name for r in case.recipients] == ["Minister Ana Pop"]


def test_a_manifest_update_that_fails_leaves_the_last_one_whole(
    campaign: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from appeal import bulk

    out = campaign / "out"
    render_all([campaign / "cases"], out, ["txt"])
    before = (out / "manifest.json").read_bytes()

    def half_written(self: object, final: Path, kept: object) -> None:
        final.write_text('{\n  "generator"', encoding="utf-8")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(bulk._Manifest, "_write", half_written)
    with pytest.raises(appeal.AppealError, match="No space left on device"):
        render_all([campaign / "cases"], out, ["md"])
    assert (out / "manifest.json").read_bytes() == before
    assert not [p.name for p in out.iterdir() if p.name.startswith(".")]
