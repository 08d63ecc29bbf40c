"""Helpers for the report tests: build small corpora, read a page's data, parse a dumped DOM."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

from tests.conftest import ROOT
from zh_gov_essays.cli import main

_DATA = re.compile(r'<script type="application/json" id="report-data">(.*?)</script>', re.S)

# A page written to attack the report: markup in the title, in removed lines
# and in kept paragraphs.  The cleaner keeps or logs all of it as text.
HOSTILE_PAGE = """关于加强机关作风建设的几点体会<script>alert(1)</script>
来源：作风建设网 时间：2023-05-06
"><img src=x onerror=alert(2)>
机关作风建设是一项长期任务，必须常抓不懈。<script>alert(3)</script>我们要坚持从严从实，把作风建设贯穿于机关工作的全过程，切实解决群众反映强烈的突出问题。
一、提高思想认识"><img src=x onerror=alert(4)>
作风建设关系到党和政府的形象，关系到人心向背。每一名机关干部都要充分认识作风建设的重要性和紧迫性，自觉把作风建设摆在突出位置，以优良的作风推动各项工作落实。
二、狠抓制度落实
要建立健全作风建设长效机制，完善考核评价办法，强化监督检查，对发现的问题及时整改，做到真抓实干、久久为功，以作风建设的新成效取信于民。
"""
# An input rejected as not Chinese whose file name is markup: it reaches the
# page through the manifest, in the server-written overview.
HOSTILE_NAME = '"><img src=x onerror=alert(6)>.txt'


def build_corpus(source: Path, out: Path) -> None:
    """Build ``source`` into ``out`` with the project's card template."""
    status = main(
        [
            "build",
            "--input",
            str(source),
            "--out",
            str(out),
            "--card",
            str(ROOT / "DATASET_CARD.md"),
        ]
    )
    assert status == 0


def hostile_input(folder: Path) -> Path:
    """Write the hostile page and the hostile file name into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "hostile.txt").write_text(HOSTILE_PAGE, encoding="utf-8")
    (folder / HOSTILE_NAME).write_text("Just English text, for the test.\n", encoding="utf-8")
    return folder


def page_data(html: str) -> dict:
    """The JSON the page's script renders."""
    match = _DATA.search(html)
    assert match, "no embedded report data"
    return json.loads(match.group(1))


class Dom(HTMLParser):
    """What the tests look for in a page: tags, attributes, texts by rule and headings."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.texts: list[str] = []  # every text node
        self.by_rule: dict[str, list[str]] = {}  # text of elements with data-rule
        self.h3: list[str] = []
        self._capture: tuple[str, str] | None = None  # (tag, rule or "h3")
        self._buffer: list[str] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if self._capture is None:
            if attributes.get("data-rule"):
                self._capture, self._buffer = (tag, attributes["data-rule"] or ""), []
            elif tag == "h3":
                self._capture, self._buffer = (tag, "h3"), []

    def handle_endtag(self, tag: str) -> None:
        if self._capture is not None and tag == self._capture[0]:
            text = "".join(self._buffer)
            if self._capture[1] == "h3":
                self.h3.append(text)
            else:
                self.by_rule.setdefault(self._capture[1], []).append(text)
            self._capture = None

    def handle_data(self, data: str) -> None:
        self.texts.append(data)
        if self._capture is not None:
            self._buffer.append(data)

    def elements(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.tags if name == tag]
