"""Many letters: every case under some paths, each to each of its recipients.

A :class:`Batch` loads the cases once, plans one :class:`Letter` per case and
recipient with its output names, and renders them, in this process or in a
pool of worker processes, streaming: letters are planned, rendered, written
and entered into ``manifest.json`` one after another, so memory does not grow
with their number. A case or recipient with errors is a :class:`Failure`; the
others still render.

PDF letters are set by Typst like any other format; in a run of one
process, Typst sets each letter in a thread of its own (it does not need
Python's lock) while the next letter is rendered. With the LibreOffice
engine they are converted from the Word letter instead, and LibreOffice starts
slowly: each letter's .docx is staged in a private folder inside the output
folder, and every :data:`appeal.writers.pdf.BATCH` letters (times the number of jobs)
are converted together, one LibreOffice process per job, then moved into
place. Without LibreOffice, or when it fails, the other formats are still
written and the PDF is a :class:`Failure`.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import shutil
import tempfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from appeal.case import Case, load_case
from appeal.errors import AppealError, OutputError, PdfError
from appeal.naming import Names, check_pattern, letter_name, slugify
from appeal.output import write_atomic
from appeal.problems import Problem
from appeal.rendering import (
    Setting,
    check_composable,
    compose,
    letter_options,
    letter_setting,
    prepare_formats,
    render_formats,
)
from appeal.spec import MANIFEST_NAME, REGISTRY_NAME
from appeal.validation import discover
from appeal.version import __version__
from appeal.writers import DEFAULT_FORMATS, FORMATS, WriteOptions, with_needs

if TYPE_CHECKING:
    from concurrent.futures import Future

    from appeal.writers.pdf import Converter


@dataclass(frozen=True)
class Letter:
    """One planned letter: which case, which recipient, which files."""

    case_index: int
    recipient_index: int
    case_file: str
    recipient_name: str
    files: tuple[tuple[str, Path], ...]  # (format, path)


@dataclass(frozen=True)
class Failure:
    """What could not be rendered, and why."""

    what: str
    message: str
    problems: tuple[Problem, ...] = ()


@dataclass
class Report:
    letters: int = 0
    files: int = 0
    failures: list[Failure] = field(default_factory=list)
    manifest: Path | None = None


Progress = Callable[[int, int], None]


class Batch:
    """The letters of some case files, planned and ready to render."""

    def __init__(
        self,
        paths: Sequence[str | Path],
        *,
        output: str | Path = "out",
        formats: Sequence[str] | None = None,
        recipients: str | Path | None = None,
        name: str | None = None,
        signatories: str | Path | None = None,
        options: WriteOptions | None = None,
    ) -> None:
        self.output = Path(output)
        self.options = options or WriteOptions()
        # A format made from others (an email message) has them written beside it.
        self.formats = with_needs(formats or DEFAULT_FORMATS, self.options)
        self.pattern = check_pattern(name) if name is not None else None
        self.failures: list[Failure] = []
        self.soffice: str | None = None
        """The LibreOffice program when PDF is asked and found."""
        if any(FORMATS[fmt].using(self.options).converted_from for fmt in self.formats):
            from appeal.writers.pdf import find_soffice

            try:
                self.soffice = find_soffice(self.options.soffice)
            except PdfError as exc:
                self.failures.append(Failure("PDF", str(exc)))
        self.cases: list[Case] = []
        self.warnings: list[Problem] = []
        self.found = 0
        """How many case files the paths hold, good or bad."""
        sig = Path(signatories) if signatories else None
        for path in _case_files([Path(p) for p in paths]):
            self.found += 1
            try:
                case = load_case(path, signatories=sig)
            except AppealError as exc:
                self.failures.append(Failure(str(path), str(exc), exc.problems))
                continue
            self.warnings.extend(case.warnings)
            self.cases.append(case)
        self.per_recipient = bool(recipients or name)
        if recipients is not None:
            self._use_recipients(Path(recipients))

    def _use_recipients(self, path: Path) -> None:
        from appeal.recipients import load_recipients

        listed = load_recipients(path)
        rows: dict[int, list[Problem]] = {}
        for problem in listed.problems:
            rows.setdefault(problem.line, []).append(problem)
        for line, problems in sorted(rows.items()):
            where = f"{listed.file} line {line}"
            self.failures.append(Failure(where, f"{where}: {problems[0].message}", tuple(problems)))
        if not listed.recipients:
            self.cases = []
            return
        self.cases = [replace(c, recipients=tuple(listed.recipients)) for c in self.cases]

    def letters(self) -> Iterator[Letter]:
        """The plan: every letter with its output files, in order."""
        names = Names()
        for ci, case in enumerate(self.cases):
            stem = Path(case.file).stem
            each = self.per_recipient or len(case.letters) > 1
            for ri, recipient in enumerate(case.letters):
                to = recipient.name if recipient else _addressed_to(case)
                base = letter_name(self.pattern, stem, slugify(to), ri + 1) if each else stem
                name = names.claim(base)
                files = tuple(
                    (fmt, self.output / f"{name}.{FORMATS[fmt].extension}") for fmt in self.formats
                )
                yield Letter(ci, ri, case.file, to, files)

    def render(self, letter: Letter) -> dict[str, bytes]:
        """The planned letter in each of its formats, as bytes; nothing is written."""
        case = self.cases[letter.case_index]
        recipient = case.letters[letter.recipient_index]
        return render_formats(case, [fmt for fmt, _ in letter.files], recipient, self.options)

    def count(self) -> int:
        return sum(len(c.letters) for c in self.cases)

    def run(
        self,
        jobs: int = 1,
        progress: Progress | None = None,
        written: Callable[[Letter, list[WrittenFile]], None] | None = None,
    ) -> Report:
        """Render, write and record every letter; ``jobs`` > 1 uses worker processes.

        ``written`` is told each letter's files as they are written: what this
        run made, where the manifest also holds earlier runs' letters.
        """
        report = Report(failures=list(self.failures))
        total = self.count()
        if total == 0:
            return report
        try:
            self.output.mkdir(parents=True, exist_ok=True)
            manifest = _Manifest(self.output / MANIFEST_NAME).open()
        except OSError as exc:
            raise OutputError(f"cannot write to {self.output}: {exc.strerror or exc}") from None
        with manifest, ExitStack() as stack:
            staging = None
            if self.soffice is not None:
                staging = Path(tempfile.mkdtemp(prefix=".appeal-pdf-", dir=self.output))
                stack.callback(shutil.rmtree, staging, ignore_errors=True)
            outcomes = self._rendered(jobs, total, staging)
            if staging is not None and self.soffice is not None:
                from appeal.writers.pdf import BATCH, Converter

                converter = stack.enter_context(Converter(self.soffice, jobs))
                size = BATCH * jobs
                outcomes = _with_pdfs(outcomes, converter, staging, size, self.options)
            if any(FORMATS[fmt].composed for fmt in self.formats):
                outcomes = _with_composed(outcomes, self.cases, self.options)
            for done, (letter, outcome) in enumerate(outcomes, start=1):
                if outcome.written:
                    manifest.add(letter, outcome.written)
                    report.letters += 1
                    report.files += len(outcome.written)
                    if written:
                        written(letter, outcome.written)
                if outcome.failure is not None:
                    report.failures.append(outcome.failure)
                if progress:
                    progress(done, total)
        report.manifest = self.output / MANIFEST_NAME if report.letters else None
        return report

    def _rendered(
        self, jobs: int, total: int, staging: Path | None
    ) -> Iterator[tuple[Letter, _Outcome]]:
        letters = self.letters()
        state = (self.cases, self.options, staging)
        if jobs <= 1 or total < 4:
            _init(*state)
            yield from _pipelined(letters, total)
            return
        # Only many letters need worker processes, and only they pay for loading them.
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        chunk = max(1, min(32, total // (jobs * 4)))
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else None)
        with ProcessPoolExecutor(
            jobs, mp_context=context, initializer=_init, initargs=state
        ) as pool:
            window: deque[tuple[list[Letter], Future[list[_Outcome]]]] = deque()
            for group in _chunks(letters, chunk):
                window.append((group, pool.submit(_render_all, group)))
                if len(window) >= jobs * 4:
                    yield from _drain(window.popleft())
            while window:
                yield from _drain(window.popleft())


def render_all(
    paths: Sequence[str | Path],
    output: str | Path = "out",
    formats: Sequence[str] | None = None,
    *,
    recipients: str | Path | None = None,
    name: str | None = None,
    signatories: str | Path | None = None,
    options: WriteOptions | None = None,
    jobs: int = 1,
    progress: Progress | None = None,
) -> Report:
    """Render every case under ``paths`` for each recipient into ``output``.

    Returns a :class:`Report`; cases and recipients with errors are listed in
    ``report.failures`` and the others are written with ``manifest.json``.
    """
    batch = Batch(
        paths, output=output, formats=formats, recipients=recipients, name=name,
        signatories=signatories, options=options,
    )  # fmt: skip
    return batch.run(jobs=jobs, progress=progress)


# -- rendering one letter (in this process or a worker) ----------------------

#: A file written: (format, file name, sha256).
WrittenFile = tuple[str, str, str]
_Written = list[WrittenFile]


@dataclass
class _Outcome:
    """The files of a letter that were written, and what failed (all, or its PDF)."""

    written: _Written = field(default_factory=list)
    failure: Failure | None = None


_STATE: tuple[list[Case], WriteOptions, Path | None] | None = None
#: Each case's setting, by index in the cases: found once for all its letters in a run.
_SETTINGS: dict[int, Setting] = {}


def _addressed_to(case: Case) -> str:
    """Whom a case's one letter is to, in messages and file names."""
    names = [r.name for r in case.addressees]
    return ", ".join(names) or case.title or Path(case.file).stem


def _init(cases: list[Case], options: WriteOptions, staging: Path | None) -> None:
    global _STATE
    _STATE = (cases, options, staging)
    _SETTINGS.clear()


def _render(letter: Letter) -> _Outcome:
    """Write the letter's files, and stage its .docx for PDF (see :func:`_with_pdfs`)."""
    return _start(letter, _now)()


#: Hands work that needs no Python to whatever does it; returns how to get its result.
Defer = Callable[[Callable[[], bytes]], Callable[[], bytes]]


def _now(work: Callable[[], bytes]) -> Callable[[], bytes]:
    return work


def _ready(data: bytes) -> Callable[[], bytes]:
    return lambda: data


def _start(letter: Letter, defer: Defer) -> Callable[[], _Outcome]:
    """Make the letter's formats as far as Python goes, handing the rest (Typst
    setting its PDF) to ``defer``; the function returned waits for that and
    writes the files, or says why the letter failed."""
    assert _STATE is not None
    cases, options, staging = _STATE
    case = cases[letter.case_index]
    recipient = case.letters[letter.recipient_index]
    try:
        options = letter_options(case, [fmt for fmt, _ in letter.files], options)
        # Every format is made before any is written: no half-written letter.
        files = [
            (fmt, path)
            for fmt, path in letter.files
            if not _converted(fmt, options) and not FORMATS[fmt].composed
        ]
        formats = [fmt for fmt, _ in files]
        for fmt, _ in letter.files:
            if FORMATS[fmt].composed:
                check_composable(fmt, case, recipient)
        source = _source_format(letter, options) if staging is not None else None
        if source is not None and source not in formats:
            formats.append(source)  # LibreOffice converts the Word letter
        if letter.case_index not in _SETTINGS:
            _SETTINGS[letter.case_index] = letter_setting(case)
        setting = _SETTINGS[letter.case_index]
        prepared = prepare_formats(case, formats, recipient, options, setting)
    except AppealError as exc:
        failed = _Outcome(failure=_failure(letter, exc))
        return lambda: failed
    pending = {
        fmt: defer(data) if callable(data) else _ready(data) for fmt, data in prepared.items()
    }

    def finish() -> _Outcome:
        try:
            made = {fmt: get() for fmt, get in pending.items()}
            if staging is not None and source is not None:
                write_atomic(_staged(staging, letter, options), made[source])
            written: _Written = []
            for fmt, path in files:
                write_atomic(path, made[fmt])
                written.append((fmt, path.name, hashlib.sha256(made[fmt]).hexdigest()))
            return _Outcome(written)
        except AppealError as exc:
            return _Outcome(failure=_failure(letter, exc))

    return finish


def _pipelined(letters: Iterable[Letter], total: int) -> Iterator[tuple[Letter, _Outcome]]:
    """The letters rendered in this process, in order; with more than one, each
    one's PDF is set by Typst in a thread of its own while the next is prepared."""
    if total == 1:
        for letter in letters:
            yield letter, _render(letter)
        return
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1, thread_name_prefix="appeal-typst") as typst:

        def defer(work: Callable[[], bytes]) -> Callable[[], bytes]:
            return typst.submit(work).result

        started: deque[tuple[Letter, Callable[[], _Outcome]]] = deque()
        for letter in letters:
            started.append((letter, _start(letter, defer)))
            if len(started) > 1:
                done, finish = started.popleft()
                yield done, finish()
        for done, finish in started:
            yield done, finish()


def _failure(letter: Letter, exc: AppealError) -> Failure:
    what = f"{letter.case_file} to {letter.recipient_name}"
    return Failure(what, f"{what}: {exc}", exc.problems)


def _converted(fmt: str, options: WriteOptions) -> str | None:
    """The format that ``fmt`` is converted from with ``options`` (LibreOffice PDF: docx)."""
    return FORMATS[fmt].using(options).converted_from


def _converted_file(letter: Letter, options: WriteOptions) -> tuple[str, Path] | None:
    """The letter's file that is converted from another of its files (its PDF), if asked."""
    return next(((f, path) for f, path in letter.files if _converted(f, options)), None)


def _source_format(letter: Letter, options: WriteOptions) -> str | None:
    """The format the letter's converted file is made from (the Word letter for PDF)."""
    converted = _converted_file(letter, options)
    return _converted(converted[0], options) if converted else None


def _staged(staging: Path, letter: Letter, options: WriteOptions) -> Path:
    """Where the letter's .docx waits for LibreOffice: a name unique in the batch."""
    source = _source_format(letter, options) or "docx"
    return staging / f"{letter.case_index}-{letter.recipient_index}.{FORMATS[source].extension}"


def _with_pdfs(
    outcomes: Iterable[tuple[Letter, _Outcome]],
    converter: Converter,
    staging: Path,
    size: int,
    options: WriteOptions,
) -> Iterator[tuple[Letter, _Outcome]]:
    """The outcomes, each letter's PDF converted from its staged .docx, ``size`` at a time."""
    for group in _chunks(outcomes, size):
        wanted = [
            (letter, outcome, converted)
            for letter, outcome in group
            if outcome.failure is None
            and (converted := _converted_file(letter, options)) is not None
        ]
        sources = [_staged(staging, letter, options) for letter, _, _ in wanted]
        results = converter.convert(sources, staging)
        for (letter, outcome, (fmt, pdf)), source, result in zip(
            wanted, sources, results, strict=True
        ):
            source.unlink()
            try:
                if isinstance(result, PdfError):
                    raise result
                outcome.written.append((fmt, pdf.name, _move_into_place(result, pdf)))
                order = [fmt for fmt, _ in letter.files]
                outcome.written.sort(key=lambda file: order.index(file[0]))
            except AppealError as exc:
                outcome.failure = _failure(letter, exc)
        yield from group


def _move_into_place(made: Path, path: Path) -> str:
    """Rename LibreOffice's PDF (in the output folder already) to ``path``; its sha256."""
    try:
        digest = hashlib.sha256(made.read_bytes()).hexdigest()
        os.chmod(made, 0o644)
        os.replace(made, path)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
    return digest


def _with_composed(
    outcomes: Iterable[tuple[Letter, _Outcome]], cases: list[Case], options: WriteOptions
) -> Iterator[tuple[Letter, _Outcome]]:
    """The outcomes, with the formats made from a letter's written files (an email message).

    The files are read back from the output folder, so what a message
    attaches is byte for byte what the manifest records.
    """
    for letter, outcome in outcomes:
        if outcome.failure is None:
            case = cases[letter.case_index]
            names = {fmt: path.name for fmt, path in letter.files}
            try:
                for fmt, path in letter.files:
                    if not FORMATS[fmt].composed:
                        continue
                    made = {
                        need: _read(dict(letter.files)[need])
                        for need in FORMATS[fmt].needs(options)
                    }
                    data = compose(
                        fmt, case, case.letters[letter.recipient_index], made, options, names
                    )
                    write_atomic(path, data)
                    outcome.written.append((fmt, path.name, hashlib.sha256(data).hexdigest()))
            except AppealError as exc:
                outcome.failure = _failure(letter, exc)
        yield letter, outcome


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise OutputError(f"cannot read {path}: {exc.strerror or exc}") from None


def _render_all(letters: list[Letter]) -> list[_Outcome]:
    return [_render(letter) for letter in letters]


def _drain(
    item: tuple[list[Letter], Future[list[_Outcome]]],
) -> Iterator[tuple[Letter, _Outcome]]:
    group, future = item
    yield from zip(group, future.result(), strict=True)


_T = TypeVar("_T")


def _chunks(items: Iterable[_T], size: int) -> Iterator[list[_T]]:
    group: list[_T] = []
    for item in items:
        group.append(item)
        if len(group) == size:
            yield group
            group = []
    if group:
        yield group


def _case_files(paths: list[Path]) -> Iterator[Path]:
    for path in discover(paths):
        if path.name != REGISTRY_NAME:
            yield path


class _Manifest:
    """``manifest.json``: one per output folder, updated by every run that writes letters.

    This run's entries are streamed to a temporary file as letters come, so
    memory does not grow with their number; at the end they are joined to the
    entries of earlier runs whose files this run did not rewrite and that are
    still in the folder, and the whole is renamed into place.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.tmp = path.with_name(f".{path.name}.tmp")
        self.written: set[str] = set()

    def open(self) -> _Manifest:
        self.handle = self.tmp.open("w", encoding="utf-8", newline="\n")
        return self

    def __enter__(self) -> _Manifest:
        return self

    def add(self, letter: Letter, written: _Written) -> None:
        entry = {
            "case": letter.case_file,
            "recipient": letter.recipient_name,
            "files": [{"format": f, "path": p, "sha256": h} for f, p, h in written],
        }
        self.written.update(p for _, p, _ in written)
        self.handle.write(json.dumps(entry, ensure_ascii=False) + "\n")

    def __exit__(self, *exc: object) -> None:
        self.handle.close()
        # A run that wrote no letter changed no file: the last manifest still holds.
        if exc[0] is None and self.written:
            try:
                self._update()
            except OSError as error:
                raise OutputError(f"cannot write {self.path}: {error.strerror or error}") from None
            finally:
                self.tmp.unlink(missing_ok=True)
        else:
            self.tmp.unlink(missing_ok=True)

    def _update(self) -> None:
        kept = list(self._earlier())
        final = self.path.with_name(f".{self.path.name}.new")
        try:
            self._write(final, kept)
            os.replace(final, self.path)
        finally:
            final.unlink(missing_ok=True)

    def _write(self, final: Path, kept: list[dict[str, Any]]) -> None:
        with final.open("w", encoding="utf-8", newline="\n") as out:
            out.write(f'{{\n  "generator": "appeal {__version__}",\n  "letters": [')
            first = True
            with self.tmp.open(encoding="utf-8") as new:
                for entry in itertools.chain(kept, map(json.loads, new)):
                    text = json.dumps(entry, ensure_ascii=False, indent=2)
                    out.write(("\n    " if first else ",\n    ") + text.replace("\n", "\n    "))
                    first = False
            out.write("\n  ]\n}\n")

    def _earlier(self) -> Iterator[dict[str, Any]]:
        """The earlier runs' entries, less the files rewritten now or gone since."""
        try:
            letters = json.loads(self.path.read_text(encoding="utf-8"))["letters"]
        except (OSError, ValueError, KeyError, TypeError):
            return  # none yet, or not one this tool wrote: start afresh
        folder = self.path.parent
        for entry in letters if isinstance(letters, list) else []:
            if not isinstance(entry, dict) or not isinstance(entry.get("files"), list):
                continue
            files = [
                item
                for item in entry["files"]
                if isinstance(item, dict)
                and isinstance(item.get("path"), str)
                and item["path"] not in self.written
                and (folder / item["path"]).is_file()
            ]
            if files:
                yield {**entry, "files": files}
