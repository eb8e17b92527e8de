"""Screenshot the example letter's web page for the README, with headless Chromium.

    python tools/screenshot_html.py [--output docs/letter-html.png]

Renders ``cases/askarov-2020.yaml`` with ``-f html`` and has Chromium (on
PATH as ``chromium`` or ``chromium-browser``) save the top of the page as a
PNG. Run it again after a change to the page's look, and commit the image.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import appeal

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "cases" / "askarov-2020.yaml"
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--hide-scrollbars",
)  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "letter-html.png")
    parser.add_argument("--size", default="1000,1250", help="window width,height in pixels")
    args = parser.parse_args()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        sys.exit("chromium is not installed (Debian: apt-get install chromium)")
    html = appeal.render(appeal.load_case(EXAMPLE), "html")
    assert isinstance(html, str)
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder, "letter.html")
        page.write_text(html, encoding="utf-8")
        shot = Path(folder, "shot.png")
        subprocess.run(
            [
                chromium, *FLAGS, f"--user-data-dir={Path(folder, 'profile')}",
                f"--window-size={args.size}", f"--screenshot={shot}", page.as_uri(),
            ],
            check=True, capture_output=True, timeout=120,
        )  # fmt: skip
        args.output.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shot, args.output)
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
