"""The version of appeal, in a module of its own.

Kept out of the package facade so that the modules that print it (the
manifest, SARIF, ``--version``) do not import the facade, which imports them.
Written here, the one place: the package metadata reads it from this module
(see pyproject.toml), and ``appeal --version`` need not load the metadata.
"""

from __future__ import annotations

#: The name this tool is installed under (``pip install appeal-letters``); the
#: import and command name is ``appeal``, but on PyPI that name is another project's.
DISTRIBUTION = "appeal-letters"

__version__ = "0.1.0"
