"""How to install this very copy of appeal, for the files and hints it writes.

A campaign's CI must run the tool that wrote its files, not whatever a bare
``pip install`` finds. The requirement is pinned: to the git commit this copy
was installed from (pip records it, PEP 610), else to its released version.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, distribution

from appeal.version import DISTRIBUTION, __version__


@dataclass(frozen=True)
class Origin:
    """Where this copy was installed from, as pip recorded it."""

    requirement: str
    """What ``pip install`` needs to install this same copy elsewhere."""
    portable: bool
    """False when it came from a folder on this computer: another machine
    can only install the same version once it is on PyPI."""

    @property
    def command(self) -> str:
        return f'pip install "{self.requirement}"'


def origin(direct_url: str | None = None) -> Origin:
    """This copy's origin; ``direct_url`` is the text of pip's ``direct_url.json``."""
    if direct_url is None:
        try:
            direct_url = distribution(DISTRIBUTION).read_text("direct_url.json")
        except PackageNotFoundError:
            direct_url = None
    pinned = Origin(f"{DISTRIBUTION}=={__version__}", portable=True)
    if not direct_url:
        return pinned  # installed from a package index
    try:
        info = json.loads(direct_url)
        url = info["url"]
    except (ValueError, KeyError, TypeError):
        return pinned
    vcs = info.get("vcs_info")
    if isinstance(vcs, dict) and vcs.get("commit_id") and not url.startswith("file:"):
        return Origin(f"{DISTRIBUTION} @ {vcs['vcs']}+{url}@{vcs['commit_id']}", portable=True)
    if "archive_info" in info and url.startswith(("https:", "http:")):
        return Origin(f"{DISTRIBUTION} @ {url}", portable=True)
    return Origin(pinned.requirement, portable=False)
