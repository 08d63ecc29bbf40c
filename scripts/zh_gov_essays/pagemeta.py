"""Document metadata from the labelled lines: title, date, source, category, tags, editor.

The page's own date and site come only from lines the layout labelled as
page furniture; the body is never mined for them.  What the page does not
say stays ``None``.
"""

from __future__ import annotations

import datetime as dt
import re

from zh_gov_essays import lines as L
from zh_gov_essays.dates import find_date
from zh_gov_essays.layout import PAGE_META, Line
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
from zh_gov_essays.records import Document
from zh_gov_essays.repair.watermark import site_of_watermark
from zh_gov_essays.script import document_script
from zh_gov_essays.sites import looks_like_org_name, looks_like_site_name

# Title candidates shorter than this (in CJK characters) are section names
# or page furniture (``政風室``), not essay titles.
MIN_TITLE_CJK = 5
MAX_TITLE_CHARS = 80

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


def choose_title(lines: list[Line], start: int) -> tuple[int | None, str | None]:
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
    return _recurring_name(lines) or _own_site_credit(lines) or _masthead(lines)


def _masthead(lines: list[Line]) -> str | None:
    """The page's first line, when a menu or breadcrumb follows it: the site's masthead.

    Whatever the name looks like (``臺灣學術線上``, ``聖道中學 St. Tao
    Secondary School``), a line printed above the site's own navigation
    names the site.
    """
    texts = [ln for ln in lines if ln.text]
    if len(texts) < 2 or texts[0].label not in ("site_header", "header_debris"):
        return None
    if not any(ln.label in ("navigation", "breadcrumb") for ln in texts[1:3]):
        return None
    head = re.split(r"\s*(?:::|[|｜]|\s[-–—]\s)\s*", texts[0].text.strip(" :"))[0]
    head = re.sub(r"\s+[A-Za-z][A-Za-z .'&-]*$", "", head).strip()
    if " " not in head and 2 <= L.cjk_count(head) >= len(head) - 4 and len(head) <= 20:
        return head  # one name, not a slogan ("不忘初心 牢记使命")
    return None


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


def fill_metadata(doc: Document, lines: list[Line], title: str | None, marks: list[str]) -> None:
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
