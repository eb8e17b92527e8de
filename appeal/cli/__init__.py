"""The command line: options in, library calls out. The only package that prints or exits.

Typer is loaded on first use of :data:`app`: a well-formed ``appeal
validate`` command line is served by :mod:`appeal.cli.quick` without it.
"""

from __future__ import annotations

import importlib
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from appeal.cli.app import app

#: The modules that register a command on the app.
COMMANDS = ("render", "send", "validate", "rules", "schema", "init")

__all__ = ["app", "main"]


def _app() -> Any:
    for name in COMMANDS:
        importlib.import_module(f"appeal.cli.{name}")
    from appeal.cli.app import app

    # Importing the submodule appeal.cli.app bound its name here; the app wins.
    globals()["app"] = app
    return app


def __getattr__(name: str) -> Any:
    if name == "app":
        return _app()
    raise AttributeError(f"module 'appeal.cli' has no attribute {name!r}")


def main() -> None:
    """Entry point: ``appeal validate`` quickly when possible, else the typer app."""
    from appeal.cli.quick import quick_main

    quick_main(sys.argv[1:])
    _app()
    from appeal.cli.app import main as run_app

    run_app()
