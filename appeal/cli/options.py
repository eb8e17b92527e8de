"""Options that several commands take, declared once for typer."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from appeal.cli.letters import PDF_ENGINES
from appeal.spec import PDF_STANDARDS

Signatories = Annotated[
    Path | None,
    typer.Option(help="The signatories registry (default: the nearest one).", metavar="FILE"),
]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="Only the final summary.")]
PdfEngine = Annotated[
    str,
    typer.Option(
        help="PDF: typst sets the letter; libreoffice converts the Word letter "
        "(needs LibreOffice).",
        metavar="|".join(PDF_ENGINES),
    ),
]
PdfStandard = Annotated[
    str | None,
    typer.Option(
        help="PDF by typst: also PDF/UA-1 (ua-1) or PDF/A-2b (a-2b).",
        metavar="|".join(PDF_STANDARDS),
    ),
]
