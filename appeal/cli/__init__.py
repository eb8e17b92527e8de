"""The command line: options in, library calls out. The only package that prints or exits.

Typer is loaded on first use of :data:`app`. The commands run most often as a
new process, ``appeal --version``, a well-formed ``appeal validate`` (served
by :mod:`appeal.cli.quick`) and ``appeal render`` (by
:mod:`appeal.cli.letters`), are run without it; anything else, ``--help``
and every usage error included, goes to the typer app.
"""

from __future__ import annotations

import atexit
import gc
import importlib
import sys
from collections.abc import Callable, Sequence
from functools import partial
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
    """Entry point: a quick path when the command line has one, else the typer app."""
    # As the process ends, the cyclic garbage collector would visit every
    # object of every module loaded once more before they are freed (about a
    # tenth of a one-letter run): once the command is done, set them aside.
    atexit.register(gc.freeze)
    quick = _quick(sys.argv[1:])
    if quick is not None:
        sys.exit(guarded(quick))
    _app()
    from appeal.cli.app import main as run_app

    run_app()


def _quick(argv: Sequence[str]) -> Callable[[], int] | None:
    """The work of a command line that needs no typer, else None."""
    command = argv[0] if argv else None
    if list(argv) == ["--version"]:
        return _print_version
    if command == "validate":
        from appeal.cli import quick

        validate = quick.quick_options(argv)
        return None if validate is None else partial(quick.run, validate)
    if command == "render":
        from appeal.cli import letters

        render = letters.quick_options(argv)
        return None if render is None else partial(letters.run, render)
    return None


def _print_version() -> int:
    from appeal.version import __version__

    print(f"appeal {__version__}")
    return 0


def guarded(work: Callable[[], int], debug: Callable[[], bool] = lambda: False) -> int:
    """Run a command, quick path or typer app: never a traceback.

    Ctrl-C exits 130; an unexpected error is one line and exit 3, or its
    traceback when ``debug()`` says so (``--debug``).
    """
    try:
        return work()
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # the one place that must not show a traceback to a user
        from appeal.cli.quick import internal_error

        return internal_error(exc, debug())
