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
    site_from_header_line,
    site_from_line,
    site_from_source_label,
    site_from_title_suffix,
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
    split_flat_furniture,
    split_run_on,
)
from zh_gov_essays.sites import looks_like_org_name, looks_like_site_name
from zh_gov_essays.validate import paragraph_problems

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
# More paragraphs than this is not an essay (a dump of short lines); the
# corpus ids have room for 9,999 per document.
MAX_PARAGRAPHS = 9_999
# What decoding itself left out, logged so that nothing goes silently.
DECODE_NOTES = {
    "truncated_tail": "an incomplete character at the very end of the file",
    "html": "HTML markup, and the content of head, script and style elements",
    "replaced_bad_bytes": "a few undecodable bytes (each replaced by U+FFFD, then deleted)",
}


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
        pieces = [p for part in split_flat_furniture(ln) for p in split_run_on(part)]
        first = pieces[0]
        head, _, rest = first.strip().partition(" ")
        if (
            rest
            and len(head) <= MAX_TITLE_CHARS
            and L.cjk_count(head) >= MIN_TITLE_CJK
            and L.cjk_count(rest[:1])
            and not L.SENTENCE_PUNCT.search(head)
        ):
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


# Rules whose first match after the body starts means the page's footer has
# begun: from there on nothing is essay text.
FOOTER_RULES = frozenset(
    {
        "page_tools", "site_footer", "related_links", "permalink", "comment_widget", "prev_next",
        "site_notice", "seo_intro", "tag_list", "truncation_notice", "bookmark_widget",
        "navigation",
    }
)  # fmt: skip
# ...unless this many real paragraphs follow (a marker inside the essay).
FOOTER_MAX_PARAGRAPHS_AFTER = 2
# Markers that also turn up between two parts of the essay (an ad, a menu, a
# pager): they start the footer only when no paragraph follows at all.
WEAK_FOOTER_RULES = frozenset({"navigation", "page_number", "page_tools", "seo_intro"})
# Line labels that are page metadata printed next to the title.
PAGE_META = frozenset({"date_line", "counter", "byline", "info_fields", "document_sharing"})
_BARE_DATE = re.compile(r"[\d\s年月日./-]+")


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

    first = next((line for line in lines if line.text), None)
    if first is not None and first.label is None and L.seo_marker(first.text):
        # A content-farm intro opening the page goes whole, even with prose in
        # it; a title-like first line keeps its text (clean_title drops tags).
        if L.SENTENCE_PUNCT.search(first.text):
            first.label = "seo_intro"
    candidates = [
        i
        for i, line in enumerate(lines)
        if line.text and line.label is None and edge_match(line) is None and _body_like(line.text)
    ]
    if not candidates:
        # Nothing reads like prose (a poem, a list): all but a first line that
        # may be the title is body.
        plain = [i for i, ln in enumerate(lines) if ln.text and ln.label is None]
        start = plain[1] if len(plain) > 1 else len(lines)
        end = plain[-1] if len(plain) > 1 else len(lines)
    else:
        start, end = candidates[0], candidates[-1]
    _cut_footer(lines, start)
    end = max([i for i in candidates if lines[i].label is None] or [end])
    meeting = _meeting_fields(lines)
    if meeting and 0 < min(meeting) < start:
        start = min(meeting)  # minutes open with their field block
    for i, line in enumerate(lines):
        if line.text and line.label is None and (i < start or i > end):
            if i in meeting:
                continue
            label = edge_match(line)
            if label == "date_line" and i > end and _is_signature_date(lines, i):
                continue  # "单位名称 / 2023年5月6日" closes the essay itself
            if label is None and i > end and looks_like_site_name(line.text):
                label = "site_header"  # the site's name printed again in the footer
            line.label = label
    # Page breaks: a page number between two kept lines marks the second.
    pending = False
    for line in lines:
        if line.label == "page_number":
            pending = True
        elif line.text and line.label is None:
            line.after_page_break = pending
            pending = False
    return start, end


_MEETING_FIELD = re.compile(
    r"^(?:时间|時間|地点|地點|主持人|主持|参加人员|參加人員|参会人员|出席人员|出席|列席|缺席|请假|"
    r"记录人|記錄人|记录|記錄|会议主题|會議主題|议题|議題)\s*[:：]"
)
_MEETING_CORE = re.compile(r"^(?:地点|地點|主持人|主持|记录人|記錄人)\s*[:：]")


def _meeting_fields(lines: list[Line]) -> set[int]:
    """Indices of a minutes' field block (时间/地点/主持人…): the essay, not page metadata."""
    block: list[int] = []
    found: set[int] = set()
    for i, line in enumerate([*lines, Line(raw="", text="")]):
        if line.text and line.label is None and _MEETING_FIELD.match(line.text):
            block.append(i)
            continue
        if not line.text and block:
            continue
        if len(block) >= 2 and any(_MEETING_CORE.match(lines[j].text) for j in block):
            found.update(block)
        block = []
    return found


def _cut_footer(lines: list[Line], start: int) -> None:
    """From the first footer marker after the body starts, everything is footer."""
    # Real paragraphs after each line, counted once from the end (linear).
    after = [0] * (len(lines) + 1)
    for i in range(len(lines) - 1, -1, -1):
        ln = lines[i]
        after[i] = after[i + 1] + (bool(ln.text) and ln.label is None and _is_paragraph(ln.text))
    for i in range(start + 1, len(lines)):
        if lines[i].label not in FOOTER_RULES:
            continue
        # A menu or pager can sit between two pages of the essay: it ends the
        # essay only when no paragraph follows it.
        allowed = 0 if lines[i].label in WEAK_FOOTER_RULES else FOOTER_MAX_PARAGRAPHS_AFTER
        if after[i + 1] > allowed:
            continue
        for line in lines[i + 1 :]:
            if line.text and line.label is None:
                line.label = "footer"
        return


def _is_paragraph(text: str) -> bool:
    """A real paragraph: long, with a full stop inside."""
    return L.cjk_count(text) >= 40 and "。" in text


def _is_signature_date(lines: list[Line], i: int) -> bool:
    """A bare date right after a short, unlabelled line: the essay's signature."""
    if not _BARE_DATE.fullmatch(lines[i].text):
        return False
    prev = next((ln for ln in reversed(lines[:i]) if ln.text), None)
    return (
        prev is not None
        and prev.label is None
        and len(prev.text) <= 30
        and not L.SENTENCE_PUNCT.search(prev.text)
    )


_GENRE_END = re.compile(
    r"(?:报告|報告|总结|總結|体会|體會|心得|讲话|講話|发言|發言|方案|意见|意見|通知|计划|計劃|规划|規劃|"
    r"决定|決定|办法|辦法|制度|纪要|紀要|述职|述職|讲稿|講稿|综述|綜述)$"
)


_FIELD_LABEL = re.compile(
    r"^[^\s:：]{0,6}(?:单位|單位|机构|機構|机关|機關|分类|分類|状态|狀態|号|號|名称|名稱|日期|类别|類別|来源|來源|"
    r"作者|时间|時間|人员|人員|地点|地點|部门|部門|领导|領導|主办|主辦)\s*[:：]"
)


def _title_usable(text: str) -> bool:
    """Whether a header line can be an essay title."""
    if len(text) > MAX_TITLE_CHARS or text.startswith(("——", "—", "(", "（")):
        return False
    if looks_like_site_name(text) or looks_like_org_name(text):
        return False
    if text.startswith(("|", "｜")) or _FIELD_LABEL.match(text):
        return False  # a table row or a "发布机构：…" field, not a title
    if site_from_header_line(text) and not site_from_title_suffix(text):
        return False  # "某某网 - 专注于优质范文分享", "莲都区人民政府": the site's header
    cjk = L.cjk_count(text)
    return cjk >= MIN_TITLE_CJK or (cjk >= 2 and bool(_GENRE_END.search(text)))


_TITLE_FIELD = re.compile(
    r"^[|｜]?\s*(?:本文标题|本文標題|标\s*题|標\s*題|名\s*称|名\s*稱|题\s*目|題\s*目)\s*(?:[:：]|[|｜])\s*"
    r"([^|｜\s].{1,80}?)\s*[|｜]?$"
)


def _choose_title(lines: list[Line], start: int) -> tuple[int | None, str | None]:
    """Index and text of the title among the header lines, if the page prints one.

    In order of evidence: a line the page prints twice; the line just above
    the page's date, counter or byline; the first line after the breadcrumb
    or navigation; the first line that can be a title at all.
    """
    for i in range(min(start, len(lines))):
        m = _TITLE_FIELD.match(lines[i].text)
        if m and L.cjk_count(m.group(1)) >= 2:
            return i, clean_title(m.group(1))  # a disclosure page's "名称：…" field
    header = [i for i in range(min(start, len(lines))) if lines[i].text and lines[i].label is None]
    usable = [i for i in header if _title_usable(lines[i].text)]
    furniture = [i for i in range(start) if lines[i].label in ("breadcrumb", "navigation")]
    keys: dict[str, list[int]] = {}
    for i, line in enumerate(lines):
        if line.text:
            keys.setdefault(title_key(line.text), []).append(i)
    for i in usable:
        key = title_key(lines[i].text)
        if key and len(keys.get(key, [])) > 1:
            return i, clean_title(lines[i].text)
    for i, line in enumerate(lines[:start]):
        if line.label in PAGE_META and not re.fullmatch(r"[(（][^()（）]*[)）]", line.text):
            crumbs = [f for f in furniture if f < i]
            above = [j for j in usable if j < i and (not crumbs or j > crumbs[-1])]
            if above:
                return above[-1], clean_title(lines[above[-1]].text)
            break
    if furniture:
        # Above the breadcrumb or menu sit the site's name and slogans, and a
        # title only when it carries the site's name ("标题_栏目_站名").
        usable = [j for j in usable if j > furniture[-1] or site_from_title_suffix(lines[j].text)]
    if usable:
        return usable[0], clean_title(lines[usable[0]].text)
    # A title that only a widget still carries: 本文标题：…, 收藏《…》, 网友评论《…》.
    for line in lines:
        m = _TITLE_FIELD.match(line.text) if line.label else None
        if m and L.cjk_count(m.group(1)) >= 2:
            return None, clean_title(m.group(1))
    for line in lines:
        if line.label in ("bookmark_widget", "comment_widget"):
            m = re.search(r"《([^》]{2,80})》", line.text)
            if m:
                return None, clean_title(m.group(1))
    return None, None


_PUBLISH_LABEL = re.compile(r"(?:发布|發布|發佈|发表|發表|刊登|公布|公佈)(?:时间|時間|日期)")
_PLAIN_LABEL = re.compile(r"(?:^|[\s【\[])(?:时间|時間|日期)\s*[】\]]?\s*[:：]")
# Lines whose dates are never the page's: the title, speech subtitles and the
# other header lines the classifier could not name.
_NOT_META = frozenset({"title", "title_repeat", "footer", "navigation"})


def _page_date(lines: list[Line], roc: bool) -> dt.date | None:
    """The page's own date from its metadata lines, by how explicit the label is.

    Publication labels beat plain ``时间``/``日期`` labels, which beat update,
    upload and signing labels, which beat an unlabelled timestamp, which
    beats a bare date.
    """
    ranked: list[tuple[int, int, dt.date]] = []
    for i, line in enumerate(lines):
        if line.label is None or line.label in _NOT_META:
            continue
        text = L.strip_bullet(line.text)
        if re.fullmatch(r"[(（][^()（）]*[)）]", text):
            continue  # "(2018年3月3日)": the date of a speech, not of the page
        if line.label == "header_debris" and (
            line.text.startswith(("—", "-")) or len(text) > 40 or L.SENTENCE_PUNCT.search(text)
        ):
            continue  # a speech's subtitle "——在2023年2月16日…上的讲话"
        got = find_date(text) or (find_date(text, roc=True) if roc else None)
        if not got:
            continue
        if _PUBLISH_LABEL.search(text):
            rank = 0
        elif _PLAIN_LABEL.search(text):
            rank = 1
        elif re.search(r"(?:时间|時間|日期)\s*[】\]]?\s*[:：]", text):
            rank = 2  # 更新/上传/成文/印发 dates
        elif re.search(r"\d[:：]\d\d|来源|來源", text):
            rank = 3
        elif line.label != "header_debris":
            rank = 4
        else:
            rank = 5  # "某某网　2024年01月08日　个人工作总结": a header the rules could not name
        ranked.append((rank, i, got))
    return min(ranked)[2] if ranked else None


def _page_source(lines: list[Line], marks: list[str]) -> str | None:
    """The hosting site, from a watermark, header, notice or ``来源`` line."""
    if marks:
        return site_of_watermark(marks[0])
    # Footer lines and related-article lists name other pages, not this site
    # (a copyright line in the footer is labelled site_notice, and still read).
    removed = [line for line in lines if line.label not in (None, "footer")]
    for line in removed:
        if line.label in ("title", "title_repeat"):
            continue
        if line.label == "site_header":
            site = site_from_header_line(line.text)
        else:
            site = site_from_line(line.text)
        if site:
            return site
    for line in removed:
        if line.label in ("title", "title_repeat"):
            site = site_from_title_suffix(line.text)
            if site:
                return site
    for line in removed:
        site = site_from_source_label(line.text)
        if site:
            return site
    return _recurring_name(lines) or _own_site_credit(lines)


_OWN_CREDIT = re.compile(
    r"(?:来源|來源)\s*[:：]\s*本站|由\s*本站(?:会员|會員|网友|網友)?\s*(?:提供|投稿|发布|發布)"
)


def _own_site_credit(lines: list[Line]) -> str | None:
    """``来源：本站原创`` or ``由本站会员提供``: the site is the name heading the page."""
    if not any(_OWN_CREDIT.search(ln.text) for ln in lines if ln.label is not None):
        return None
    first = next((ln for ln in lines if ln.text), None)
    if first is None or first.label not in ("site_header", "header_debris"):
        return None
    name = re.split(r"\s+|[|｜]|\s[-–—]\s", first.text.strip())[0]
    return name if 2 <= L.cjk_count(name) == len(name) <= 10 else None


_FIELD_SEP = re.compile(r"\s*(?:[|｜]|\s[-–—]\s|>>|>|›|»|\s{2,})\s*")


def _recurring_name(lines: list[Line]) -> str | None:
    """A name of any shape that heads the page and is printed again as its owner.

    ``红旗文苑`` on the first line and again in ``Copyright © 2022 红旗文苑``
    (or as the breadcrumb root, or a title suffix) is the site, whatever
    word it ends in.
    """
    header = [ln for ln in lines if ln.label in ("site_header", "header_debris", "navigation")]
    owners = [ln.text for ln in lines if ln.label in ("site_notice", "site_footer")]
    roots = [CRUMB_ROOT.split(ln.text)[0] for ln in lines if ln.label == "breadcrumb"]
    titles = [ln.text for ln in lines if ln.label in ("title", "title_repeat")]
    for line in header[:3]:
        for name in _FIELD_SEP.split(line.text)[:4]:
            name = re.sub(r"\s*(?:www\.|https?://)\S*", "", name).strip()
            name = re.sub(r"\s+[A-Za-z][A-Za-z .'&-]*$", "", name)  # "聖恩書院 St. Grace College"
            if not 2 <= L.cjk_count(name) == len(name) <= 16:
                continue
            if (
                any(name in text for text in owners)
                or any(name in root for root in roots)
                or any(re.search(rf"[_|｜\-–—]\s*{re.escape(name)}$", t) for t in titles)
            ):
                return name
    # The page's first line "微文汇 - 优质公众号文章聚合": a name and its slogan.
    first = next((ln for ln in lines if ln.text), None)
    if first is not None and first.label in ("site_header", "header_debris"):
        m = re.match(r"^([\u4e00-\u9fff]{2,10})\s+[-–—|｜]\s+[\u4e00-\u9fff]{4,20}$", first.text)
        if m:
            return m.group(1)
    return None


CRUMB_ROOT = re.compile(r"\s*(?:>>|>|›|»|＞|→|->)\s*")


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
    first_body = _first_header_body(lines, start, title_index)
    for i, line in enumerate(lines):
        if not line.text:
            continue
        if i == title_index:
            line.label = "title"
        elif tkey and line.label is None and title_key(line.text) == tkey:
            line.label = "title_repeat"
        elif line.label is None and i < first_body:
            line.label = "site_header" if _names_site(line.text) else "header_debris"
    _fill_metadata(doc, lines, title, marks)
    _build_paragraphs(doc, lines)
    for note in (decoded.note or "").split(","):
        if note in DECODE_NOTES:
            doc.removed.insert(0, Removed(note, DECODE_NOTES[note]))
    if not doc.paragraphs:
        doc.reject_reason = "no_content"
    elif len(doc.paragraphs) > MAX_PARAGRAPHS:
        doc.reject_reason = "too_many_paragraphs"
    elif sum(L.cjk_count(p.text) for p in doc.paragraphs) < MIN_DOC_CJK_CHARS:
        doc.reject_reason = "too_short"
    return doc


def _names_site(text: str) -> bool:
    return site_from_header_line(text) is not None


def _first_header_body(lines: list[Line], start: int, title_index: int | None) -> int:
    """Where the body really starts: before ``start`` when prose sits above it.

    Between the title (and the metadata under it) and the first line that
    reads like the body, a short sentence (``光阴似箭，又是一年。``) or an
    addressee line (``各镇（街道），县直各单位：``) is already the essay.
    Lines without sentence punctuation there (a speaker's name, a subtitle,
    form labels) stay page furniture.
    """
    floor = -1 if title_index is None else title_index
    for i in range(min(start, len(lines))):
        if lines[i].label in PAGE_META or lines[i].label in ("breadcrumb", "navigation"):
            floor = max(floor, i)
    first = start
    for i in range(start - 1, floor, -1):
        line = lines[i]
        if not line.text:
            continue
        if line.label is not None or not _opens_body(line.text):
            break
        first = i
    return first


_DIARY_DATE = re.compile(r"星期[一二三四五六日天]\s*(?:晴|阴|陰|雨|雪|多云|多雲|雷|小雨|大雨)")


def _opens_body(text: str) -> bool:
    if _DIARY_DATE.search(text):
        return True  # a diary entry's heading: "2021年3月5日 星期五 晴"
    if re.search(r"[。！？!?]$", text) or (
        L.SENTENCE_PUNCT.search(text) and L.cjk_count(text) >= 6
    ):
        return not text.startswith(("——", "—"))
    return len(text) <= 25 and text[-1:] in ":：" and bool(_ADDRESS_LINE.search(text))


# An addressee line opening a notice, a letter or a proposal.
_ADDRESS_LINE = re.compile(
    r"[、，,]|^各|同志|干部|幹部|职工|職工|群众|群眾|单位|單位|部门|部門|党员|黨員|代表|委员|委員|居民|市民|朋友"
)


def _fill_metadata(doc: Document, lines: list[Line], title: str | None, marks: list[str]) -> None:
    body_text = [line.text for line in lines if line.label is None and line.text]
    roc = document_script(body_text) == "Hant"
    doc.title = punct_fullwidth(title) if title else None
    doc.date = _page_date(lines, roc)
    doc.source = _page_source(lines, [m for m in marks if m.endswith(("版权所有", "版權所有"))])
    for line in lines:
        if line.label == "breadcrumb" and not doc.category:
            doc.category = category_from_breadcrumb(line.text, title)
            if doc.title and doc.category:
                # "校長的話：以服務學習…" under the breadcrumb level 校長的話.
                column = re.escape(doc.category[-1])
                doc.title = re.sub(rf"^{column}\s*[:：｜|/／]\s*(?=\S)", "", doc.title)
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
        if line.label is not None and line.text:
            # The whole raw line goes under the line's rule; what text rules
            # cut from it before would be counted twice.
            doc.removed.append(Removed(line.label, line.raw.strip()))
            continue
        doc.removed.extend(line.removed)
        if not line.text:
            continue
        result = apply_text_rules(line.text, body_rules)
        doc.removed.extend(result.removed)
        text = result.text
        if not text or L.punctuation_only(text):
            if text:
                doc.removed.append(Removed("punctuation_only", text))
            continue
        kept.append(BodyLine(text, sorted({*line.repairs, *result.repairs}), line.after_page_break))
    blocks = []
    for block in join_page_breaks(kept):
        # The validation gate's checks, per paragraph: what still fails them
        # is dropped and logged here, so one bad page never blocks a build.
        if paragraph_problems(block.text):
            doc.removed.append(Removed("invalid_paragraph", block.text))
        else:
            blocks.append(block)
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
