"""The version of appeal, in a module of its own.

Kept out of the package facade so that the modules that print it (the
manifest, SARIF, ``--version``) do not import the facade, which imports them.
Written here, the one place: the package metadata reads it from this module
(see pyproject.toml), and ``appeal --version`` need not load the metadata.
"""

from __future__ import annotations

__version__ = "0.1.0"
