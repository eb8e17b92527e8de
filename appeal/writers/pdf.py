"""PDF letters: LibreOffice converts the Word letter, so both look the same.

LibreOffice takes about a second to start and a twentieth of that to convert
a letter, so :class:`Converter` converts many files with one ``soffice``
process, and splits a large batch among parallel processes. Each process has
a profile of its own in a temporary folder (``-env:UserInstallation``): runs,
and the processes of one run, never share a profile, and never hand their
work to a LibreOffice the user has open.
"""

from __future__ import annotations

import contextlib
import math
import os
import shutil
import signal
import subprocess
import tempfile
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import TracebackType

from appeal.document import Document
from appeal.errors import PdfError
from appeal.writers import FORMATS, WriteOptions

INSTALL_HINT = "apt-get install libreoffice-writer, or pass --soffice PATH"

#: The most letters one ``soffice`` process converts in a bulk run.
BATCH = 50
#: The fewest letters worth a process of their own when a batch is split.
MIN_SHARE = 10
#: Seconds a process may take: to start, and then for each letter.
START_TIMEOUT, LETTER_TIMEOUT = 60.0, 10.0
#: Writer's PDF export, asked for a tagged PDF (its structure, reading order
#: and language, for screen readers); filter options as JSON (LibreOffice 7.4+).
EXPORT = 'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"}}'


class LibreOfficeMissing(PdfError):
    """No LibreOffice program to convert with."""


class ConversionFailed(PdfError):
    """LibreOffice ran but made no PDF of a letter, or did not finish in time."""


def find_soffice(program: str | None = None) -> str:
    """The LibreOffice program: ``program`` if given, else soffice or libreoffice on PATH."""
    if program:
        found = shutil.which(program)
        if found is None:
            raise LibreOfficeMissing(f"LibreOffice not found at {program}: {INSTALL_HINT}")
        return found
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    raise LibreOfficeMissing(f"LibreOffice is needed for PDF: {INSTALL_HINT}")


def write(doc: Document, options: WriteOptions) -> bytes:
    """One letter as PDF: its Word file converted by a LibreOffice started for it."""
    soffice = find_soffice(options.soffice)
    docx = FORMATS["docx"].write(doc, options)
    with tempfile.TemporaryDirectory(prefix="appeal-pdf-") as folder, Converter(soffice) as lo:
        source = Path(folder, "letter.docx")
        source.write_bytes(docx)
        (result,) = lo.convert([source], Path(folder))
        if isinstance(result, PdfError):
            raise result
        return result.read_bytes()


class Converter:
    """Converts .docx files to PDF with up to ``processes`` LibreOffice processes at once.

    Process slot *i* keeps its profile for the converter's life, so only the
    first start in a slot pays for creating one. Use as a context manager:
    leaving it stops any process still running and removes the profiles.
    """

    def __init__(self, soffice: str, processes: int = 1) -> None:
        self.soffice = soffice
        self.processes = max(1, processes)
        self._home = tempfile.TemporaryDirectory(prefix="appeal-soffice-")
        self._running: set[subprocess.Popen[bytes]] = set()
        self._lock = threading.Lock()

    def __enter__(self) -> Converter:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._stop_all()
        self._home.cleanup()

    def _stop_all(self) -> None:
        with self._lock:
            for process in self._running:
                _stop(process)

    def convert(self, sources: Sequence[Path], outdir: Path) -> list[Path | PdfError]:
        """Each source's PDF, written to ``outdir`` under the source's stem, or why not.

        The stems must differ. Sources are split in order among the processes,
        at least :data:`MIN_SHARE` to a process.
        """
        if not sources:
            return []
        parts = min(self.processes, math.ceil(len(sources) / MIN_SHARE))
        if parts == 1:
            return self._run(0, sources, outdir)
        size = math.ceil(len(sources) / parts)
        shares = [sources[i : i + size] for i in range(0, len(sources), size)]
        with ThreadPoolExecutor(len(shares)) as pool:
            try:
                done = list(pool.map(self._run, range(len(shares)), shares, [outdir] * len(shares)))
            except BaseException:  # an interrupt: do not wait for LibreOffice to finish
                self._stop_all()
                raise
        return [result for share in done for result in share]

    def _run(self, slot: int, sources: Sequence[Path], outdir: Path) -> list[Path | PdfError]:
        profile = Path(self._home.name, f"profile-{slot}")
        command = [
            self.soffice, f"-env:UserInstallation={profile.as_uri()}",
            "--headless", "--norestore",
            "--convert-to", EXPORT, "--outdir", str(outdir), *map(str, sources),
        ]  # fmt: skip
        timeout = START_TIMEOUT + LETTER_TIMEOUT * len(sources)
        try:
            # A session of its own, so that a timeout stops soffice.bin with its launcher.
            process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                start_new_session=True,
            )
        except OSError as exc:
            error = ConversionFailed(f"cannot run {self.soffice}: {exc.strerror or exc}")
            return [error] * len(sources)
        with self._lock:
            self._running.add(process)
        try:
            _, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _stop(process)
            shutil.rmtree(profile, ignore_errors=True)  # it may be left locked or half made
            late = ConversionFailed(f"LibreOffice did not finish within {timeout:.0f} s")
            return [late] * len(sources)
        finally:
            with self._lock:
                self._running.discard(process)
        why = _last_line(stderr) or f"exit status {process.returncode}"
        return [_made(outdir / f"{source.stem}.pdf", why) for source in sources]


def _made(pdf: Path, why: str) -> Path | PdfError:
    """``pdf`` if LibreOffice wrote it whole, else the error."""
    try:
        with pdf.open("rb") as handle:
            handle.seek(max(0, pdf.stat().st_size - 1024))
            if b"%%EOF" in handle.read():
                return pdf
    except OSError:
        pass
    return ConversionFailed(f"LibreOffice made no PDF ({why})")


def _last_line(stderr: bytes) -> str:
    """LibreOffice's last complaint, e.g. ``Error: source file could not be loaded``."""
    lines = [line.strip() for line in stderr.decode("utf-8", "replace").splitlines()]
    errors = [line for line in lines if line and not line.startswith("Warning:")]
    return errors[-1] if errors else ""


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Kill the process and what it started (LibreOffice's launcher starts soffice.bin)."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        if hasattr(os, "killpg"):
            os.killpg(process.pid, signal.SIGKILL)
        else:
            process.kill()
    process.wait()
