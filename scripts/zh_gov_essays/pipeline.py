"""``process(raw) -> Document``: one document through every stage, in order.

decode → repair every line → classify lines → metadata → body rules →
page-break joins, headings, sections → script.  Pure: the same RawDoc always
gives the same Document, and any engine (local pool, Ray) can run it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import partial

from zh_gov_essays import lines as L
from zh_gov_essays.dates import find_date
from zh_gov_essays.meta import (
    category_from_breadcrumb,
    clean_title,
    editor_from_line,
    site_from_line,
    site_from_source_label,
    tags_from_line,
    title_key,
)
from zh_gov_essays.punct import punct_fullwidth
from zh_gov_essays.read import decode_raw
from zh_gov_essays.records import Document, Paragraph, RawDoc, Removed
from zh_gov_essays.repair.watermark import learn_watermarks, site_of_watermark, strip_watermarks
from zh_gov_essays.rules import TextRule, apply_text_rules, ordered_text_rules
from zh_gov_essays.script import document_script, paragraph_script
from zh_gov_essays.segment import (
    BodyLine,
    assign_sections,
    heading_level,
    join_page_breaks,
    split_run_on,
)
from zh_gov_essays.sites import looks_like_site_name

# A document whose kept paragraphs hold fewer CJK characters than this is
# rejected as ``too_short``: a page of furniture with a sentence left over
# is not an essay.
MIN_DOC_CJK_CHARS = 50
# A line this long with no line break around it is a run-on text.
RUN_ON_CHARS = 150
# Title candidates shorter than this (in CJK characters) are section names
# or page furniture (``政風室``), not essay titles.
MIN_TITLE_CJK = 5
MAX_TITLE_CHARS = 80


@dataclass
class Line:
    """One raw line and what became of it."""

    raw: str
    text: str
    repairs: list[str] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    label: str | None = None  # rule name when the line is removed, else None
    after_page_break: bool = False


def _repair_lines(raw_lines: list[str]) -> list[Line]:
    rules = ordered_text_rules("line")
    out = []
    for raw in raw_lines:
        result = apply_text_rules(raw, rules)
        out.append(Line(raw=raw, text=result.text, repairs=result.repairs, removed=result.removed))
    marks = learn_watermarks(line.text for line in out)
    if marks:
        learned = [TextRule("watermark", partial(strip_watermarks, marks=marks), True, 60, "line")]
        for line in out:
            again = apply_text_rules(line.text, learned)
            if again.repairs:
                line.text = again.text
                line.repairs = sorted({*line.repairs, *again.repairs})
                line.removed.extend(again.removed)
    return out


def _split_run_on(text: str) -> list[str]:
    """Break a text that arrived as one long line into lines at its headings."""
    lines = text.split("\n")
    if sum(1 for ln in lines if ln.strip()) > 3 or not any(len(ln) > RUN_ON_CHARS for ln in lines):
        return lines
    out: list[str] = []
    for ln in lines:
        if len(ln) <= RUN_ON_CHARS:
            out.append(ln)
            continue
        pieces = split_run_on(ln)
        first = pieces[0]
        head, _, rest = first.strip().partition(" ")
        if rest and len(head) <= MAX_TITLE_CHARS and not L.SENTENCE_PUNCT.search(head):
            pieces[0:1] = [head, rest]
        for piece in pieces:
            level_head, _, body = piece.partition(" ")
            if body and heading_level(level_head) is not None:
                out.extend([level_head, body])
            else:
                out.append(piece)
    return out


_ADDRESSEES = re.compile(
    r"同志|代表|委员|委員|朋友|领导|領導|来宾|來賓|老师|老師|同学|同學|各位|大家|先生|女士|家长|家長|战友|戰友"
)


def _is_salutation(text: str) -> bool:
    """``同志们:``, ``各位委员:`` — a speech's opening address."""
    return len(text) <= 15 and text[-1:] in ":：" and bool(_ADDRESSEES.search(text))


def _body_like(text: str) -> bool:
    """Whether a line reads as the start of the essay body."""
    if heading_level(text) is not None and L.cjk_count(text) >= 2:
        return True
    if _is_salutation(text):
        return True
    return L.cjk_count(text) >= 15 and bool(L.SENTENCE_PUNCT.search(text))


def _classify(lines: list[Line]) -> tuple[int, int]:
    """Label every line matched by a rule; return the body's first and last index."""
    any_rules = [r for r in L.LINE_RULES if r.scope == "any"]
    edge_rules = [r for r in L.LINE_RULES if r.scope == "edge"]
    for line in lines:
        if not line.text:
            continue
        for rule in any_rules:
            if rule.fn(line.text):
                line.label = rule.name
                break

    def edge_match(line: Line) -> str | None:
        for rule in edge_rules:
            if rule.fn(line.text):
                return rule.name
        return None

    # A content-farm intro opening the page goes whole, even with prose in it.
    first = next((line for line in lines if line.text), None)
    if first is not None and first.label is None and L.seo_marker(first.text):
        first.label = "seo_intro"
    candidates = [
        i
        for i, line in enumerate(lines)
        if line.text and line.label is None and edge_match(line) is None and _body_like(line.text)
    ]
    if not candidates:
        start, end = len(lines), len(lines)
    else:
        start, end = candidates[0], candidates[-1]
    for i, line in enumerate(lines):
        if line.text and line.label is None and (i < start or i > end):
            line.label = edge_match(line)
    # Page breaks: a page number between two kept lines marks the second.
    pending = False
    for line in lines:
        if line.label == "page_number":
            pending = True
        elif line.text and line.label is None:
            line.after_page_break = pending
            pending = False
    return start, end


def _choose_title(lines: list[Line], start: int) -> tuple[int | None, str | None]:
    """Index and text of the title among the header lines, if the page prints one."""
    header = [i for i in range(min(start, len(lines))) if lines[i].text and lines[i].label is None]
    keys = {}
    for i, line in enumerate(lines):
        if line.text:
            keys.setdefault(title_key(line.text), []).append(i)
    for i in header:
        key = title_key(lines[i].text)
        if key and len(keys.get(key, [])) > 1 and len(lines[i].text) <= MAX_TITLE_CHARS:
            return i, clean_title(lines[i].text)
    usable = [
        i
        for i in header
        if L.cjk_count(lines[i].text) >= MIN_TITLE_CJK
        and len(lines[i].text) <= MAX_TITLE_CHARS
        and not (looks_like_site_name(lines[i].text) and i != header[-1])
    ]
    if usable:
        return usable[0], clean_title(lines[usable[0]].text)
    # A title that only a widget still carries: 收藏《…》, 网友评论《…》.
    for line in lines:
        if line.label in ("bookmark_widget", "comment_widget"):
            m = re.search(r"《([^》]{2,80})》", line.text)
            if m:
                return None, clean_title(m.group(1))
    return None, None


_PUBLISH_LABEL = re.compile(r"(?:发布|發布|發佈|发表|發表|刊登)?(?:时间|時間|日期)\s*[:：]")
_UPDATE_LABEL = re.compile(r"(?:更新|上传|上傳|修改)")


def _page_date(lines: list[Line], roc: bool) -> dt.date | None:
    """The page's own date from its metadata lines, by how explicit the label is."""
    ranked: list[tuple[int, int, dt.date]] = []
    for i, line in enumerate(lines):
        if line.label is None or line.label in ("title", "title_repeat"):
            continue
        text = L.strip_bullet(line.text)
        if re.fullmatch(r"[(（][^()（）]*[)）]", text):
            continue  # "(2018年3月3日)": the date of a speech, not of the page
        got = find_date(text) or (find_date(text, roc=True) if roc else None)
        if not got:
            continue
        if _PUBLISH_LABEL.search(text) and not _UPDATE_LABEL.search(text):
            rank = 0
        elif re.search(r"(?:时间|時間|日期)\s*[:：]", text):
            rank = 1
        elif re.search(r"\d[:：]\d\d|来源|來源", text):
            rank = 2
        else:
            rank = 3
        ranked.append((rank, i, got))
    return min(ranked)[2] if ranked else None


def _page_source(lines: list[Line], marks: list[str]) -> str | None:
    """The hosting site, from a watermark, header, notice or ``来源`` line."""
    if marks:
        return site_of_watermark(marks[0])
    removed = [line for line in lines if line.label is not None]
    for line in removed:
        if line.label in ("title", "title_repeat"):
            continue
        site = site_from_line(line.text)
        if site:
            return site
    for line in removed:
        site = site_from_source_label(line.text)
        if site:
            return site
    return None


def process(raw: RawDoc) -> Document:
    """Clean one raw input into a :class:`Document` (or a rejected one).

    Never raises on bad input: undecodable, empty, binary or non-Chinese
    inputs come back with ``reject_reason`` set.
    """
    doc = Document(
        doc_id=raw.doc_id, source_file=raw.source_file, raw_sha256=raw.raw_sha256, url=raw.url
    )
    decoded = decode_raw(raw)
    doc.encoding = decoded.encoding
    if decoded.reject or decoded.text is None:
        doc.reject_reason = decoded.reject or "undecodable"
        return doc
    lines = _repair_lines(_split_run_on(decoded.text))
    marks = [m.text for line in lines for m in line.removed if m.rule == "watermark"]
    start, _end = _classify(lines)
    title_index, title = _choose_title(lines, start)
    tkey = title_key(title) if title else None
    for i, line in enumerate(lines):
        if not line.text:
            continue
        if i == title_index:
            line.label = "title"
        elif tkey and line.label is None and title_key(line.text) == tkey:
            line.label = "title_repeat"
        elif line.label is None and i < start:
            line.label = "site_header" if site_from_line(line.text) else "header_debris"
    _fill_metadata(doc, lines, title, marks)
    _build_paragraphs(doc, lines)
    if not doc.paragraphs:
        doc.reject_reason = "no_content"
    elif sum(L.cjk_count(p.text) for p in doc.paragraphs) < MIN_DOC_CJK_CHARS:
        doc.reject_reason = "too_short"
    return doc


def _fill_metadata(doc: Document, lines: list[Line], title: str | None, marks: list[str]) -> None:
    body_text = [line.text for line in lines if line.label is None and line.text]
    roc = document_script(body_text) == "Hant"
    doc.title = punct_fullwidth(title) if title else None
    doc.date = _page_date(lines, roc)
    doc.source = _page_source(lines, [m for m in marks if m.endswith(("版权所有", "版權所有"))])
    for line in lines:
        if line.label == "breadcrumb" and not doc.category:
            doc.category = category_from_breadcrumb(line.text, title)
        elif line.label in ("tag_list", "paper_metadata") and not doc.tags:
            doc.tags = tags_from_line(line.text)
        if line.label is not None and doc.editor is None and line.label != "title":
            doc.editor = editor_from_line(line.text)
        if line.label == "truncation_notice":
            doc.truncated = True


def _build_paragraphs(doc: Document, lines: list[Line]) -> None:
    body_rules = ordered_text_rules("body")
    kept: list[BodyLine] = []
    for line in lines:
        doc.removed.extend(line.removed)
        if not line.text:
            continue
        if line.label is not None:
            doc.removed.append(Removed(line.label, line.raw.strip()))
            continue
        result = apply_text_rules(line.text, body_rules)
        doc.removed.extend(result.removed)
        text = result.text
        if not text or L.punctuation_only(text):
            if text:
                doc.removed.append(Removed("punctuation_only", text))
            continue
        kept.append(BodyLine(text, sorted({*line.repairs, *result.repairs}), line.after_page_break))
    blocks = join_page_breaks(kept)
    levels = [heading_level(b.text) for b in blocks]
    sections = assign_sections(levels, [b.text for b in blocks])
    texts = [b.text for b in blocks]
    doc.script = document_script(texts) if texts else None
    for block, level, section in zip(blocks, levels, sections, strict=True):
        doc.paragraphs.append(
            Paragraph(
                text=block.text,
                kind="heading" if level is not None else "body",
                heading_level=level,
                section=section,
                script=paragraph_script(block.text) or doc.script,
                repairs=block.repairs,
            )
        )
