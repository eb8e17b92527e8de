"""Print the long-date table of appeal/templating/datelines.py from Babel, for the locales given.

python tools/dates_table.py ar de en en_GB en_US es fr it pt pt_BR pt_PT ru tr uk
"""

from __future__ import annotations

import sys

from babel import Locale


def literal(text: str) -> str:
    """``text`` as a Python string, with invisible characters (such as U+202F) escaped."""
    return (
        '"'
        + "".join(
            c if c.isprintable() and (c == " " or not c.isspace()) else f"\\u{ord(c):04x}"
            for c in text.replace("\\", "\\\\").replace('"', '\\"')
        )
        + '"'
    )


def main() -> None:
    print("LONG_DATES: dict[str, tuple[str, tuple[str, ...]]] = {")
    for name in sorted(sys.argv[1:]):
        locale = Locale.parse(name)
        pattern = locale.date_formats["long"].pattern
        months = [literal(locale.months["format"]["wide"][m]) for m in range(1, 13)]
        print(f"    {literal(name)}: (")
        print(f"        {literal(pattern)},")
        print(f"        ({', '.join(months[:6])},")
        print(f"         {', '.join(months[6:])}),")
        print("    ),")
    print("}  # fmt: skip")


if __name__ == "__main__":
    main()
