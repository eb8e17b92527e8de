"""``appeal rules``: what ``appeal validate`` checks, from the rule registry."""

from __future__ import annotations

import sys
from enum import Enum
from typing import Annotated

import typer

from appeal.cli.app import Command, app


class ListFormat(str, Enum):
    text = "text"
    markdown = "markdown"


@app.command("rules", cls=Command)
def rules_command(
    output_format: Annotated[
        ListFormat,
        typer.Option(
            "--format", "-f", help="text: one line each; markdown: docs.", metavar="text|markdown"
        ),
    ] = ListFormat.text,
) -> None:
    """List the rules appeal validate checks, with their levels and documentation."""
    from appeal.rules.docs import listing, reference

    sys.stdout.write(listing() if output_format is ListFormat.text else reference())
