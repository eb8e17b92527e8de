"""The installed version of appeal, in a module of its own.

Kept out of the package facade so that the modules that print it (the
manifest, SARIF, ``--version``) do not import the facade, which imports them.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

#: The name this tool is installed under (``pip install appeal-letters``); the
#: import and command name is ``appeal``, but on PyPI that name is another project's.
DISTRIBUTION = "appeal-letters"

try:
    __version__ = version(DISTRIBUTION)
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0+unknown"
