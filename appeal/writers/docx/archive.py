"""The .docx zip container, byte-identical for identical content."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterable

CONTENT_TYPES = "[Content_Types].xml"


def zip_parts(members: Iterable[tuple[str, bytes]], date: dt.date) -> bytes:
    """Zip ``(name, bytes)`` members: content types first, the rest sorted by name.

    Every entry is stamped with ``date`` (held within the years zip can store,
    1980 to 2107) and fixed attributes, so nothing about the machine or the
    moment leaks into the file.
    """
    date = min(max(date, dt.date(1980, 1, 1)), dt.date(2107, 12, 31))
    stamp = (date.year, date.month, date.day, 0, 0, 0)
    ordered = sorted(members, key=lambda m: (m[0] != CONTENT_TYPES, m[0]))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in ordered:
            info = zipfile.ZipInfo(name, stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            archive.writestr(info, data)
    return buffer.getvalue()
