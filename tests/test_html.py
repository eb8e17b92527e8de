"""The web page: well-formed, escaped, self-contained, with working note links.

The last tests open the page in headless Chromium, driven over the DevTools
protocol on a pipe (``--remote-debugging-pipe``: no network, no extra
package): they click a note mark and its back-link and take a screenshot.
"""

from __future__ import annotations

import base64
import datetime as dt
import fcntl
import json
import os
import struct
import subprocess
import time
from collections import Counter
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from conftest import require_tool

import appeal
from appeal.document import Document, Link, ListBlock, Meta, Paragraph, plain_text
from appeal.reader import parse
from appeal.rendering import letter_document
from appeal.writers import WriteOptions
from appeal.writers.html import write

ROOT = Path(__file__).parent.parent
EXAMPLE = ROOT / "cases" / "askarov-2020.yaml"
ESCAPING = Path(__file__).parent / "cases" / "escaping" / "case.yaml"
VOID = {"br", "meta", "link", "img", "hr", "input", "source"}


class Page(HTMLParser):
    """The parsed page: elements with their attributes, checked to nest properly."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.texts: list[tuple[tuple[str, ...], str]] = []  # (enclosing tags, text)
        self.doctype = ""
        self.feed(html)
        self.close()
        assert not self.open, f"unclosed: {self.open}"

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {k: v or "" for k, v in attrs}))
        if tag not in VOID:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert tag not in VOID, f"</{tag}>"
        assert self.open and self.open[-1] == tag, f"</{tag}> closes {self.open}"
        self.open.pop()

    def handle_data(self, data: str) -> None:
        self.texts.append((tuple(self.open), data))

    def all(self, tag: str | None = None, **attrs: str) -> list[dict[str, str]]:
        return [
            a
            for t, a in self.elements
            if (tag is None or t == tag) and all(a.get(k) == v for k, v in attrs.items())
        ]

    def text(self, inside: str = "body", marks: bool = True) -> str:
        """The text inside the first ``inside`` tag; without note marks if not ``marks``."""
        return "".join(
            data for tags, data in self.texts if inside in tags and (marks or "sup" not in tags)
        )


def _html(case: Path = EXAMPLE) -> str:
    data = appeal.render(appeal.load_case(case), "html")
    assert isinstance(data, str)
    return data


def _page(markdown: str, **meta: Any) -> Page:
    fields: dict[str, Any] = {"title": "T", "author": "A", "date": dt.date(2020, 3, 31)} | meta
    html = write(parse(markdown, Meta(**fields)), WriteOptions()).decode("utf-8")
    return Page(html)


@pytest.mark.parametrize("case", [EXAMPLE, ESCAPING], ids=["example", "escaping"])
def test_page_is_well_formed_html5_with_unique_ids(case: Path) -> None:
    page = Page(_html(case))
    assert page.doctype == "DOCTYPE html"
    ids = Counter(a["id"] for _, a in page.elements if "id" in a)
    assert ids and max(ids.values()) == 1
    assert [t for t, _ in page.elements[:3]] == ["html", "head", "meta"]
    assert page.all("meta", charset="utf-8")


def test_every_internal_link_has_its_target_and_back() -> None:
    page = Page(_html(ESCAPING))
    ids = {a["id"] for _, a in page.elements if "id" in a}
    refs = page.all("a", role="doc-noteref")
    backs = page.all("a", role="doc-backlink")
    # Note 1 is cited twice: two marks, each with its own id, two back-links.
    assert [(a["href"], a["id"]) for a in refs] == [
        ("#fn1", "fnref1"), ("#fn2", "fnref2"), ("#fn1", "fnref1-2"),
    ]  # fmt: skip
    assert [a["href"] for a in backs] == ["#fnref1", "#fnref1-2", "#fnref2"]
    # The arrow says nothing to a screen reader: each back-link is named.
    assert [a["aria-label"] for a in backs] == [
        "Back to the text 1, 1", "Back to the text 1, 2", "Back to the text 2",
    ]  # fmt: skip
    assert {a["href"][1:] for a in refs + backs} <= ids
    assert [a["id"] for a in page.all("li") if "id" in a] == ["fn1", "fn2"]
    assert page.all("section", role="doc-endnotes", **{"class": "footnotes"})


def test_note_marks_show_their_number_in_superscript() -> None:
    page = _page("One.[^a] Two.[^b] Again.[^a]\n\n[^a]: A.\n\n[^b]: B.\n")
    marks = [data for tags, data in page.texts if tags[-2:] == ("sup", "a")]
    assert marks == ["1", "2", "1"]


@pytest.mark.parametrize(
    ("back", "labels"),
    [("Retour au texte", ["Retour au texte 1"]), ("", ["1"])],  # a table without the word
)
def test_back_links_are_named_in_the_letter_s_language(back: str, labels: list[str]) -> None:
    page = _page("One.[^a]\n\n[^a]: A.\n", back_label=back)
    assert [a["aria-label"] for a in page.all("a", role="doc-backlink")] == labels


def test_data_and_prose_are_escaped_and_print_literally() -> None:
    case = appeal.load_case(ESCAPING)
    html = _html(ESCAPING)
    page = Page(html)
    text = page.text()
    assert "Case of *A. Smith_Jones* [^x] {{ secret }} <b>bold</b> & co" in text
    assert "Raw HTML <script>alert(1)</script> and & stay text" in text
    assert "Inline {{ org }} *Group*, for the [coalition]" in text
    assert "1. Ministry of <Foreign> Affairs & Trade" in text
    assert "<script" not in html and "<b>" not in html
    assert {t for t, _ in page.elements} <= {
        "html", "head", "meta", "title", "style", "body", "main", "article", "p", "br",
        "h1", "h2", "strong", "em", "a", "sup", "ul", "ol", "li", "section", "bdi",
    }  # fmt: skip
    assert page.text("title") == case.subject


def test_attributes_escape_quotes_and_angles() -> None:
    author = "Amnesty \"International\" <AI> & 'co'"
    page = _page("Hello.\n", author=author, title='A <title> & "more"')
    assert page.all("meta", name="author") == [{"name": "author", "content": author}]
    assert page.text("title") == 'A <title> & "more"'


def test_every_paragraph_of_the_letter_is_on_the_page() -> None:
    doc = letter_document(appeal.load_case(EXAMPLE))
    text = " ".join(Page(_html()).text(marks=False).split())

    def paragraphs(blocks: tuple[Any, ...]) -> Iterator[Paragraph]:
        for block in blocks:
            if isinstance(block, ListBlock):
                for item in block.items:
                    yield from paragraphs(item)
            else:
                yield block

    blocks = doc.blocks + tuple(b for note in doc.notes for b in note.blocks)
    for paragraph in paragraphs(blocks):
        for line in plain_text(paragraph.inlines).split("\n"):
            assert " ".join(line.split()) in text


def test_roles_become_semantic_elements() -> None:
    page = Page(_html())
    assert page.all("p", **{"class": "recipient"})
    assert page.text("h1") == "RE: Case of Azimjon Askarov"
    assert page.all("h1", **{"class": "subject"})
    assert page.all("p", **{"class": "dateline"})
    signatures = page.all("ul", **{"class": "signatures"})
    assert len(signatures) == 1
    assert page.text("ul").strip().startswith("Amnesty International\nCivil Rights Defenders")
    assert sum(1 for tags, _ in page.texts if tags[-3:] == ("ul", "li", "bdi")) == 9


def _doc_links(doc: Document) -> set[str]:
    found: set[str] = set()

    def walk(nodes: Any) -> None:
        for node in nodes:
            if isinstance(node, Link):
                found.add(node.url)
            for attr in ("children", "inlines", "blocks"):
                walk(getattr(node, attr, ()))
            if isinstance(node, ListBlock):
                for item in node.items:
                    walk(item)

    walk(doc.blocks)
    walk(doc.notes)
    return found


@pytest.mark.parametrize("case", [EXAMPLE, ESCAPING], ids=["example", "escaping"])
def test_page_loads_nothing_from_outside(case: Path) -> None:
    html = _html(case)
    page = Page(html)
    doc = letter_document(appeal.load_case(case))
    assert not [a for _, a in page.elements if "src" in a or "srcset" in a]
    assert not page.all("link") and not page.all("script")
    hrefs = {a["href"] for a in page.all("a")}
    outside = {h for h in hrefs if not h.startswith("#")}
    assert outside == _doc_links(doc) and outside
    assert all(h.startswith(("http://", "https://", "mailto:")) for h in outside)
    style = page.text("style")
    assert "url(" not in style and "@import" not in style


def test_links_keep_their_underline_on_screen() -> None:
    """Note marks and back-links are told from the text by more than colour
    (axe-core's link-in-text-block: the link colour is 2.0:1 against the text)."""
    style = Page(_html()).text("style")
    assert "text-decoration" not in style[: style.index("@media print")]


def test_print_stylesheet_sets_an_a4_page() -> None:
    style = Page(_html()).text("style")
    print_rules = style[style.index("@media print") :]
    assert "@page { size: A4; margin: 2.5cm; }" in print_rules


def test_an_arabic_letter_reads_right_to_left_with_its_notes_heading(tmp_path: Path) -> None:
    case = tmp_path / "case.yaml"
    case.write_text(EXAMPLE.read_text(encoding="utf-8") + "lang: ar\n", encoding="utf-8")
    (tmp_path / "signatories.yaml").write_bytes((ROOT / "signatories.yaml").read_bytes())
    page = Page(_html(case))
    assert page.all("html") == [{"lang": "ar", "dir": "rtl"}]
    (section,) = page.all("section")
    assert section["aria-labelledby"] == "notes"
    assert page.all("h2", id="notes")
    assert page.text("h2") == "الحواشي"


@pytest.mark.parametrize(
    ("lang", "direction"),
    [("en", None), ("fr", None), ("ar", "rtl"), ("he-IL", "rtl"), ("fa", "rtl"), ("ur", "rtl")],
)
def test_lang_and_direction(lang: str, direction: str | None) -> None:
    (html,) = _page("Text.\n", lang=lang).all("html")
    assert html.get("lang") == lang
    assert html.get("dir") == direction


# Headless Chromium, over the DevTools protocol.


class Chromium:
    """A headless Chromium driven over ``--remote-debugging-pipe`` (fd 3 in, fd 4 out)."""

    def __init__(self, executable: str, profile: Path) -> None:
        to_browser, self._send_fd = os.pipe()
        self._recv_fd, from_browser = os.pipe()

        def pipes() -> None:
            # Move both ends clear of fds 3 and 4 first, so neither dup2 clobbers the other.
            inbound = fcntl.fcntl(to_browser, fcntl.F_DUPFD, 10)
            outbound = fcntl.fcntl(from_browser, fcntl.F_DUPFD, 10)
            os.dup2(inbound, 3)
            os.dup2(outbound, 4)

        self.process = subprocess.Popen(
            [
                executable, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--hide-scrollbars",
                f"--user-data-dir={profile}", "--remote-debugging-pipe", "about:blank",
            ],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            preexec_fn=pipes, close_fds=False,  # fds 3 and 4 stay open; the rest close on exec
        )  # fmt: skip
        os.close(to_browser)
        os.close(from_browser)
        self._buffer = b""
        self._id = 0
        self.session = ""
        self.events: list[dict[str, Any]] = []

    def close(self) -> None:
        self.process.kill()
        self.process.wait()
        os.close(self._send_fd)
        os.close(self._recv_fd)

    def _read(self) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            chunk = os.read(self._recv_fd, 1 << 16)
            assert chunk, "Chromium closed the DevTools pipe"
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        parsed: dict[str, Any] = json.loads(message)
        return parsed

    def send(self, method: str, **params: Any) -> dict[str, Any]:
        self._id += 1
        message: dict[str, Any] = {"id": self._id, "method": method, "params": params}
        if self.session:
            message["sessionId"] = self.session
        os.write(self._send_fd, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._read()
            if reply.get("id") == self._id:
                assert "error" not in reply, reply["error"]
                result: dict[str, Any] = reply["result"]
                return result
            self.events.append(reply)

    def wait_for(self, event: str, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while not any(e.get("method") == event for e in self.events):
            assert time.monotonic() < deadline, f"no {event}"
            self.events.append(self._read())

    def eval(self, expression: str) -> Any:
        result = self.send("Runtime.evaluate", expression=expression, returnByValue=True)
        return result["result"].get("value")

    def open(self, url: str, width: int, height: int) -> None:
        target = self.send("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.send("Target.attachToTarget", targetId=target, flatten=True)[
            "sessionId"
        ]
        self.send("Page.enable")
        self.send(
            "Emulation.setDeviceMetricsOverride",
            width=width, height=height, deviceScaleFactor=1, mobile=False,
        )  # fmt: skip
        self.events.clear()
        self.send("Page.navigate", url=url)
        self.wait_for("Page.loadEventFired")

    def click(self, selector: str) -> None:
        """A real mouse click in the middle of the element, scrolled into view."""
        box = self.eval(
            f"(() => {{ const e = document.querySelector({json.dumps(selector)});"
            " e.scrollIntoView({block: 'center'}); const r = e.getBoundingClientRect();"
            " return [r.x + r.width / 2, r.y + r.height / 2]; })()"
        )
        for kind in ("mousePressed", "mouseReleased"):
            self.send(
                "Input.dispatchMouseEvent",
                type=kind, x=box[0], y=box[1], button="left", clickCount=1,
            )  # fmt: skip

    def wait_until(self, expression: str, timeout: float = 10) -> None:
        deadline = time.monotonic() + timeout
        while not self.eval(expression):
            assert time.monotonic() < deadline, f"never true: {expression}"
            time.sleep(0.05)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Chromium, Path]]:
    executable = require_tool("chromium", "chromium-browser")
    folder = tmp_path_factory.mktemp("chromium")
    page = folder / "letter.html"
    page.write_text(_html(), encoding="utf-8")
    chromium = Chromium(executable, folder / "profile")
    try:
        chromium.open(page.as_uri(), 900, 700)
        yield chromium, folder
    finally:
        chromium.close()


IN_VIEW = (
    "(() => {{ const r = document.getElementById('{id}').getBoundingClientRect();"
    " return r.top >= 0 && r.bottom <= innerHeight; }})()"
)


def test_chromium_follows_a_note_mark_and_its_back_link(browser: tuple[Chromium, Path]) -> None:
    chromium, _ = browser
    chromium.eval("scrollTo(0, 0)")
    assert not chromium.eval(IN_VIEW.format(id="fn2"))
    chromium.click("#fnref2")
    chromium.wait_until("location.hash === '#fn2'")
    assert chromium.eval("document.querySelector(':target').id") == "fn2"
    assert chromium.eval(IN_VIEW.format(id="fn2"))
    assert not chromium.eval(IN_VIEW.format(id="fnref2"))
    chromium.click("#fn2 a[role=doc-backlink]")
    chromium.wait_until("location.hash === '#fnref2'")
    assert chromium.eval(IN_VIEW.format(id="fnref2"))


def test_chromium_screenshot_shows_the_letter(browser: tuple[Chromium, Path]) -> None:
    chromium, folder = browser
    chromium.eval("location.hash = ''; scrollTo(0, 0)")
    assert chromium.eval("document.documentElement.lang") == "en"
    assert chromium.eval("getComputedStyle(document.querySelector('article')).maxWidth") == "736px"
    png = base64.b64decode(chromium.send("Page.captureScreenshot", format="png")["data"])
    (folder / "letter.png").write_bytes(png)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    assert (width, height) == (900, 700)
    assert len(png) > 50_000, "a page of text, not a blank screen"


LEFT_OF = """(() => {{
  const [line, first, then] = {args};
  const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let text = "";
  const nodes = [];
  for (let node = walk.nextNode(); node; node = walk.nextNode()) {{
    nodes.push([text.length, node]);
    text += node.data;
  }}
  const left = (at) => {{
    const [start, node] = nodes.filter(([start]) => start <= at).pop();
    const range = document.createRange();
    range.setStart(node, at - start);
    range.setEnd(node, at - start + 1);
    return range.getBoundingClientRect().left;
  }};
  const at = text.indexOf(line);
  if (at < 0) throw new Error("not on the page: " + line);
  return left(at + line.indexOf(first)) < left(at + line.indexOf(then));
}})()"""


@pytest.mark.parametrize(
    ("line", "first", "then"),
    [
        ("205 Chuy Prospect", "2", "C"),
        ("Your Excellency،", "Y", "E"),
        ("Your Excellency،", "y", "،"),
        ("Sincerely،", "y", "،"),
    ],
)
def test_chromium_shows_each_data_line_in_its_own_direction_in_an_arabic_letter(
    browser: tuple[Chromium, Path], line: str, first: str, then: str
) -> None:
    """Left-to-right data in a right-to-left letter reads left to right, its comma after it."""
    chromium, folder = browser
    case = folder / "arabic.yaml"
    case.write_text(EXAMPLE.read_text(encoding="utf-8") + "lang: ar\n", encoding="utf-8")
    (folder / "signatories.yaml").write_bytes((ROOT / "signatories.yaml").read_bytes())
    page = folder / "arabic.html"
    page.write_text(_html(case), encoding="utf-8")
    chromium.open(page.as_uri(), 900, 700)
    assert chromium.eval("document.dir") == "rtl"
    assert chromium.eval(LEFT_OF.format(args=json.dumps([line, first, then])))
