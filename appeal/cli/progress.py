"""A progress bar on standard error while a long run works through its items."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from appeal.cli.app import err


@contextmanager
def progress_bar(
    show: bool, total: int, label: str, unit: str
) -> Iterator[Callable[[int, int], None] | None]:
    """A rich progress bar (count, rate, time left) advanced by the yielded function,
    or nothing when ``show`` is false."""
    if not show:
        yield None
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TaskProgressColumn,
        TextColumn,
        TimeRemainingColumn,
    )

    columns = (
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        TaskProgressColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeRemainingColumn(),
    )
    start = time.monotonic()
    with Progress(*columns, console=err, transient=True) as bar:
        task = bar.add_task(unit, total=total, rate="")

        def advance(done: int, _total: int) -> None:
            rate = done / max(time.monotonic() - start, 1e-6)
            per_minute = rate < 1
            shown = f"{rate * 60:.0f} {unit}/min" if per_minute else f"{rate:.0f} {unit}/s"
            bar.update(task, completed=done, rate=shown)

        yield advance
