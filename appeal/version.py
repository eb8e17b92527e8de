"""The installed version of appeal, in a module of its own.

Kept out of the package facade so that the modules that print it (the
manifest, SARIF, ``--version``) do not import the facade, which imports them.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("appeal")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0+unknown"
