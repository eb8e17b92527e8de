"""The typer application, its shared options and output helpers, and the entry point."""

from __future__ import annotations

import sys
from typing import Annotated, Any, NoReturn

import typer
from typer.core import TyperArgument, TyperCommand

from appeal.cli.quick import EXIT_USAGE, internal_error
from appeal.cli.report import print_problems, report_error, say
from appeal.version import __version__

__all__ = ["app", "main", "print_problems", "report_error", "usage"]

app = typer.Typer(
    name="appeal",
    help=(
        "Joint appeal letters from YAML case files: Word with real footnotes, Markdown, "
        "plain text, PDF, web pages and email.\n\n"
        "Examples:\n\n"
        "  appeal render cases/askarov-2020.yaml\n\n"
        "  appeal render cases/askarov-2020.yaml -f txt -o -\n\n"
        "  appeal render cases/askarov-2020.yaml --recipients ministers.csv -f docx -f pdf\n\n"
        "  appeal send cases/askarov-2020.yaml --send --limit 1 --to-self me@example.org\n\n"
        "  appeal validate cases/\n\n"
        "  appeal init my-campaign"
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


class _Argument(TyperArgument):
    """An argument shown by its metavar alone (``PATH...``), without typer's
    braces and Python type (``{paths}... <list[Path]>``)."""

    def display_type_rich(self, ctx: Any) -> str | None:
        return None

    def _usage_display_name(self) -> str:
        name = self.metavar or self.name or ""
        return name if self.required else f"[{name}]"


class Command(TyperCommand):
    """Every command of the app: its arguments shown as :class:`_Argument`."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            if type(param) is TyperArgument:
                param.__class__ = _Argument  # adds behaviour only, no state


def _version(value: bool) -> None:
    if value:
        typer.echo(f"appeal {__version__}")
        raise typer.Exit()


_debug = False


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show the full traceback of an internal error.")
    ] = False,
) -> None:
    global _debug
    _debug = debug


def usage(message: str) -> NoReturn:
    say(f"error: {message}")
    raise typer.Exit(EXIT_USAGE)


def main() -> None:
    """Entry point: run the app; an unexpected error is one line and exit 3."""
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:  # the one place that must not show a traceback to a user
        sys.exit(internal_error(exc, _debug))
