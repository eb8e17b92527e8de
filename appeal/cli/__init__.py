"""The command line: options in, library calls out. The only package that prints or exits."""

from appeal.cli import render, validate  # noqa: F401  (registers the commands)
from appeal.cli.app import app, main

__all__ = ["app", "main"]
