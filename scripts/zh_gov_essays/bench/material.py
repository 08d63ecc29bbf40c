"""What the synthetic crawl is made of: the seed pages, taken apart.

Each seed page gives a **template** (its furniture: the lines above and
below the essay, with its title marked so another title can take its place,
and how its body is laid out) and an **essay** (its paragraphs, in order,
headings marked).  The essays' clauses are pooled by script: new paragraphs
are recombined from them, new titles drawn from the shorter ones.

Taking the seeds apart uses only simple text rules written here, the site
table's watermarks and OpenCC, never the cleaning pipeline: the crawl stays
the same bytes when the cleaning rules change, so that speed measured on two
commits is measured on the same input.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from zh_gov_essays.script import document_script
from zh_gov_essays.vocab.chars import (
    CLAUSE_MARKS,
    FULL_STOPS,
    FULLWIDTH_OF,
    HAN,
    PRIVATE_USE,
    cjk_count,
)
from zh_gov_essays.vocab.headings import MAX_HEADING_CHARS
from zh_gov_essays.vocab.sites import load_sites

# A line at least this long (characters, glosses left out) is essay text; the
# lines above the first and below the last such line are the page's furniture,
# except for shorter sentences of prose right after the last (closing remarks).
BODY_LINE_CHARS = 100
CLOSING_LINE_CHARS = 40
# A clause shorter than this is joined to the next one (a lone "一是，").
MIN_CLAUSE_CHARS = 6
# New titles: runs of ideographs this long, taken from the essays' clauses.
TITLE_CHARS = (8, 20)
# Where a page's title goes in its template's lines.
TITLE_SLOT = "{title}"

# A pinyin gloss after an ideograph, as seed 003 prints them: 政協(xié).
_GLOSS = re.compile(rf"(?<=[{HAN}])\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)")
# Indentation: HTML entities as seed 000 prints them, spaces, ideographic spaces.
_INDENT = re.compile(r"^(?:&[a-z]+;|[ \t\u3000\u00a0])+")
_PAGE_NUMBER = re.compile(r"^\s*\d{1,3}\s*$")
_PRIVATE_USE = re.compile(f"[{PRIVATE_USE}]")
_TITLE_RUN = re.compile(f"(?<![{HAN}])[{HAN}]{{{TITLE_CHARS[0]},{TITLE_CHARS[1]}}}(?![{HAN}])")
_CLAUSE_END = re.compile(f"(?<=[{CLAUSE_MARKS}])")
# ASCII punctuation in Chinese context, put back to full width (the seeds were scraped
# after an upstream half-width normalisation; the crawl adds it back as noise).
_ASCII_IN_CJK = re.compile(rf"(?<=[{HAN}”“」』）])[,;:?!]|[,;:?!](?=[{HAN}“”「『（])")
_OPEN_PAREN = re.compile(rf"\((?=[^()]{{0,40}}\))(?=[{HAN}])")
_CLOSE_PAREN = re.compile(rf"(?<=[{HAN}])\)")


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of an essay: its text and whether it is a heading."""

    text: str
    heading: bool = False


@dataclass(frozen=True)
class Essay:
    """The paragraphs of one seed's essay, in order."""

    seed: str
    script: str
    paragraphs: tuple[Paragraph, ...]


@dataclass(frozen=True)
class Template:
    """A seed's page furniture and layout, its title replaced by :data:`TITLE_SLOT`."""

    seed: str
    script: str
    head: tuple[str, ...]
    tail: tuple[str, ...]
    spaced: bool  # blank lines between the paragraphs
    indent: str  # what the seed puts before most paragraphs ("" for nothing)


@dataclass(frozen=True)
class Material:
    """Everything the crawl is made of, by script (``Hans``, ``Hant``)."""

    templates: tuple[Template, ...]
    essays: dict[str, tuple[Essay, ...]]
    clauses: dict[str, tuple[str, ...]]
    titles: dict[str, tuple[str, ...]]
    indents: tuple[str, ...]  # every indentation the seeds use, plus U+3000 and NBSP
    watermarks: tuple[str, ...]  # the site table's


def strip_glosses(text: str) -> str:
    """``text`` without seed 003's pinyin glosses.

    >>> strip_glosses("政協(xié)機(jī)關(guān)到縣(市)")
    '政協機關到縣(市)'
    """
    return _GLOSS.sub("", text)


def fullwidth_punct(text: str) -> str:
    """ASCII ``, ; : ? ! ( )`` in Chinese context back to full width.

    >>> fullwidth_punct("提高效率,规范管理(试行);ISO9001-2000,100%")
    '提高效率，规范管理（试行）；ISO9001-2000,100%'
    """
    text = _CLOSE_PAREN.sub(FULLWIDTH_OF[")"], _OPEN_PAREN.sub(FULLWIDTH_OF["("], text))
    return _ASCII_IN_CJK.sub(lambda m: FULLWIDTH_OF[m.group()], text)


def clauses_of(text: str) -> list[str]:
    """``text`` cut after each clause mark (``，；。！？``); a short clause stays with the next.

    >>> clauses_of("一是学习，二是落实。三是总结经验，形成制度。")
    ['一是学习，二是落实。', '三是总结经验，形成制度。']
    """
    out: list[str] = []
    carry = ""
    for piece in _CLAUSE_END.split(text):
        carry += piece
        if len(carry) >= MIN_CLAUSE_CHARS:
            out.append(carry)
            carry = ""
    if carry:
        if out:
            out[-1] += carry
        else:
            out.append(carry)
    return out


def _body_span(lines: list[str]) -> tuple[int, int]:
    long = [i for i, ln in enumerate(lines) if len(strip_glosses(ln).strip()) >= BODY_LINE_CHARS]
    if not long:
        raise ValueError(f"no line of essay text ({BODY_LINE_CHARS} characters or more)")
    end = long[-1] + 1
    for i in range(end, len(lines)):
        text = lines[i].strip()
        if text and (len(text) < CLOSING_LINE_CHARS or text[-1] not in FULL_STOPS):
            break
        if text:
            end = i + 1
    return long[0], end


def _title(head: list[str], lines: list[str]) -> str | None:
    """The page's title: the first head line of six ideographs or more, without a label
    or breadcrumb mark, that the page prints again (or quotes in another line)."""
    for i, line in enumerate(head):
        text = line.strip()
        if cjk_count(text) < 6 or re.search("[:：>＞]", text):
            continue
        if any(text in other for j, other in enumerate(lines) if j != i):
            return text
    return None


def _clean_body(lines: list[str], watermarks: tuple[str, ...]) -> list[Paragraph]:
    """The seed's essay: indentation, glosses, watermarks, mojibake and page numbers out,
    the paragraphs a page break cut joined again, punctuation full width."""
    out: list[str] = []
    broken = False
    for raw in lines:
        text = strip_glosses(_INDENT.sub("", raw)).strip()
        for mark in watermarks:
            text = text.replace(mark, "")
        if not text or _INDENT.fullmatch(text) or _PRIVATE_USE.search(text):
            continue
        if _PAGE_NUMBER.match(text):
            broken = True
            continue
        if broken and out and out[-1][-1] not in FULL_STOPS + "；;”」":
            out[-1] += text
        else:
            out.append(text)
        broken = False
    return [
        Paragraph(fullwidth_punct(t), heading=len(t) <= MAX_HEADING_CHARS and "。" not in t[:-1])
        for t in out
    ]


def _indent_of(body: list[str]) -> str:
    long = [ln for ln in body if len(ln.strip()) >= BODY_LINE_CHARS]
    prefixes = Counter(m.group() if (m := _INDENT.match(ln)) else "" for ln in long)
    prefix, count = prefixes.most_common(1)[0]
    return prefix if 2 * count >= len(long) else ""


def take_apart(name: str, text: str, watermarks: tuple[str, ...]) -> tuple[Template, Essay]:
    """One seed page as a template and an essay."""
    lines = text.split("\n")
    start, end = _body_span(lines)
    head, body, tail = lines[:start], lines[start:end], lines[end:]
    paragraphs = _clean_body(body, watermarks)
    script = document_script([p.text for p in paragraphs])
    title = _title(head, lines)

    def slot(line: str) -> str:
        return line.replace(title, TITLE_SLOT) if title else line

    template = Template(
        seed=name,
        script=script,
        head=tuple(map(slot, head)) if title else (TITLE_SLOT, "", *head),
        tail=tuple(map(slot, tail)),
        spaced="" in [ln.strip() for ln in body],
        indent=_indent_of(body),
    )
    return template, Essay(name, script, tuple(paragraphs))


@cache
def load_material(seeds_dir: Path) -> Material:
    """The seed pages under ``seeds_dir`` (UTF-8 ``*.txt``, sorted by name) taken apart."""
    paths = sorted(Path(seeds_dir).glob("*.txt"))
    if not paths:
        raise FileNotFoundError(
            f"no seed pages (*.txt) under {seeds_dir}: run from the repository root "
            "or pass --seeds DIR"
        )
    watermarks = load_sites().watermarks
    templates, essays = [], []
    indents = {"\u3000\u3000", "\u00a0\u00a0"}
    for path in paths:
        text = path.read_text(encoding="utf-8")
        template, essay = take_apart(path.name, text, watermarks)
        templates.append(template)
        essays.append(essay)
        indents |= {m.group() for ln in text.split("\n") if (m := _INDENT.match(ln))}
    by_script: dict[str, tuple[Essay, ...]] = {}
    clauses: dict[str, tuple[str, ...]] = {}
    titles: dict[str, tuple[str, ...]] = {}
    for script in ("Hans", "Hant"):
        mine = tuple(e for e in essays if e.script == script)
        body = [p.text for e in mine for p in e.paragraphs if not p.heading]
        by_script[script] = mine
        clauses[script] = tuple(c for text in body for c in clauses_of(text))
        titles[script] = tuple(dict.fromkeys(m for t in body for m in _TITLE_RUN.findall(t)))
    if not by_script["Hans"]:
        raise ValueError(f"no Simplified seed page under {seeds_dir}: the crawl needs one")
    return Material(
        templates=tuple(templates),
        essays=by_script,
        clauses=clauses,
        titles=titles,
        indents=tuple(sorted(indents)),
        watermarks=watermarks,
    )
