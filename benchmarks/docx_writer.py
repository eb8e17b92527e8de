"""How fast is the Word writer? Letters per second against pandoc and naive python-docx.

Renders the example case's letter (three footnotes) N times with the Word
writer, then converts the same letter's Markdown to .docx with pandoc, one
process per letter as a user would run it, and builds it with python-docx's
default template and ``Document().save()``. Prints per-letter times (the best
of three batches, to damp noise from other work on the machine) and the ratios
to appeal.

    python benchmarks/docx_writer.py [--letters 500] [--pandoc 20]
"""

from __future__ import annotations

import argparse
import io
import shutil
import subprocess
import tempfile
import timeit
from collections.abc import Callable
from pathlib import Path

import docx

import appeal
from appeal.document import Document, Paragraph, plain_text
from appeal.rendering import letter_document
from appeal.writers import WriteOptions
from appeal.writers.docx import write

EXAMPLE = Path(__file__).parents[1] / "cases" / "askarov-2020.yaml"


def per_call_ms(run: Callable[[], object], times: int, repeat: int = 3) -> float:
    """Mean milliseconds per call over ``times`` calls, best of ``repeat`` batches."""
    return min(timeit.repeat(run, number=times, repeat=repeat)) / times * 1000


def naive_python_docx(doc: Document) -> bytes:
    """The letter's paragraphs and notes as plain paragraphs on python-docx's default template."""
    document = docx.Document()
    blocks = list(doc.blocks) + [b for note in doc.notes for b in note.blocks]
    for block in blocks:
        if isinstance(block, Paragraph):
            document.add_paragraph(plain_text(block.inlines))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=int, default=500, help="letters for appeal")
    parser.add_argument("--pandoc", type=int, default=20, help="letters for pandoc and python-docx")
    args = parser.parse_args()

    case = appeal.load_case(EXAMPLE)
    doc = letter_document(case)
    markdown = appeal.render(case, "md")
    assert isinstance(markdown, str)
    options = WriteOptions()
    print(f"letter: {len(doc.blocks)} blocks, {len(doc.notes)} footnotes")

    first = per_call_ms(lambda: write(doc, options), 1, repeat=1)
    ours = per_call_ms(lambda: write(doc, options), args.letters)
    full = per_call_ms(lambda: appeal.render(case, "docx"), args.letters // 5 or 1)
    print(f"appeal writer        {ours:8.2f} ms/letter  ({args.letters} letters)")
    print(f"  first letter       {first:8.2f} ms  (prepares the letterhead)")
    print(f"  appeal.render      {full:8.2f} ms/letter  (template + parse + write)")

    naive = per_call_ms(lambda: naive_python_docx(doc), args.pandoc)
    print(f"python-docx naive    {naive:8.2f} ms/letter  ({args.pandoc} letters)")

    pandoc = shutil.which("pandoc")
    if pandoc is None:
        print("pandoc               not installed")
        print(f"ratio python-docx / appeal = {naive / ours:.1f}")
        return
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "letter.md"
        source.write_text(markdown, encoding="utf-8")
        command = [pandoc, "-f", "markdown", "-t", "docx", "-o", str(Path(folder) / "l.docx")]
        peer = per_call_ms(lambda: subprocess.run([*command, str(source)], check=True), args.pandoc)
    print(f"pandoc (a process)   {peer:8.2f} ms/letter  ({args.pandoc} letters)")
    print(f"ratio pandoc / appeal = {peer / ours:.1f}")
    print(f"ratio python-docx / appeal = {naive / ours:.1f}")


if __name__ == "__main__":
    main()
