"""A new campaign folder (``appeal init``) and a new case file (``appeal new``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from appeal.errors import AppealError
from appeal.output import write_atomic

SCAFFOLD = Path(__file__).parent / "scaffold"
EXAMPLE = "askarov-2020.yaml"


def campaign_files() -> Iterator[tuple[str, bytes]]:
    """(path in the campaign folder, content) of each file ``appeal init`` writes."""
    yield f"cases/{EXAMPLE}", (SCAFFOLD / "cases" / EXAMPLE).read_bytes()
    yield "signatories.yaml", (SCAFFOLD / "signatories.yaml").read_bytes()
    yield "templates/README.md", (SCAFFOLD / "templates" / "README.md").read_bytes()
    from appeal.install import origin

    workflow = (SCAFFOLD / "github" / "workflows" / "appeal.yml").read_text(encoding="utf-8")
    pinned = workflow.replace("{requirement}", origin().requirement)
    yield ".github/workflows/appeal.yml", pinned.encode("utf-8")
    yield ".gitignore", (SCAFFOLD / "gitignore").read_bytes()


def init(folder: Path) -> tuple[list[Path], list[Path]]:
    """Write a campaign folder; existing files are kept. Returns (written, kept)."""
    written: list[Path] = []
    kept: list[Path] = []
    for name, data in campaign_files():
        target = folder / name
        if target.exists():
            kept.append(target)
        else:
            write_atomic(target, data)
            written.append(target)
    return written, kept


@dataclass(frozen=True)
class NewCase:
    subject: str
    recipient: str
    title: str | None
    signatories: tuple[str, ...]
    date: dt.date
    place: str | None = None
    lang: str | None = None


def case_yaml(new: NewCase) -> str:
    """The text of a new case file: every value quoted safely, the prose left to fill in.

    The paragraphs are left empty, so the file fails validation (empty-value,
    on the very lines to fill in) until they are written.
    """
    lines = ["# A new joint letter: fill in the paragraphs, then run `appeal validate`."]
    lines.append("# title: Open letter to …   (a heading over the letter)")
    lines.append(f"date: {new.date.isoformat()}")
    if new.place:
        lines.append(f"place: {_scalar(new.place)}")
    lines.append("# reference: the coalition's own reference, printed by the date")
    lines.append(f"subject: {_scalar(new.subject)}")
    if new.lang:
        lines.append(f"lang: {_scalar(new.lang)}")
    lines += ["", "recipient:", f"  name: {_scalar(new.recipient)}"]
    if new.title:
        lines.append(f"  title: {_scalar(new.title)}")
    lines += [
        "  # organisation: …",
        "  # address: [first line, second line]",
        "  # email: [office@example.org]",
        "  # salutation: Your Excellency",
        "# For ONE letter to several people, make recipient: a list of such entries and",
        "# give the letter a salutation: (e.g. Your Excellencies); for one letter EACH,",
        "# list them under recipients: instead.",
        '# via: Sent via email   (printed as written instead of "Via email: …")',
        "",
        "grounds:",
        "  # One item per paragraph (Markdown): why the coalition writes. Cite sources as [^key].",
        "  -",
        "",
        "demands:",
        "  # One item per paragraph (Markdown): what the coalition asks for.",
        "  -",
        "",
        "# conclusion: We thank you for your attention to this urgent matter.",
        "",
        "# citations:",
        "#   key: {text: Title of the source, url: https://…}",
        "",
        "# closing: Yours faithfully   (false for none)",
        "# cc: [Office of the Prime Minister, {name: …, title: …, organisation: …}]",
        "# enclosures: [The coalition's report]",
        "",
        "# A list of ids, or groups under headings: {Organisations: […], Individuals: […]}",
        "signatories:",
        *(f"  - {_scalar(s)}" for s in new.signatories),
    ]
    return "\n".join(lines) + "\n"


def write_case(path: Path, new: NewCase, *, force: bool = False) -> None:
    if path.exists() and not force:
        raise AppealError(f"{path} exists already; choose another name or pass --force")
    write_atomic(path, case_yaml(new).encode("utf-8"))


def _scalar(value: str) -> str:
    """``value`` as a one-line YAML scalar that reads back as exactly ``value``."""
    dumped: str = yaml.safe_dump(value, allow_unicode=True, width=10_000)
    return dumped.removesuffix("\n...\n").removesuffix("\n")
