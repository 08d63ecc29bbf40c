"""The hosting site of a page: a watermark, a header, a notice, a copyright or a ``来源`` line.

The page's own site comes only from lines the layout labelled as page
furniture; the body is never mined for it.  What the page does not say
stays ``None`` (never a guess).
"""

from __future__ import annotations

import re

from zh_gov_essays.furniture import breadcrumb, keyword_salad, navigation, site_footer, site_notice
from zh_gov_essays.layout import CRUMBS, FOOTER, SITE_HEADER
from zh_gov_essays.learn import SITE_TEMPLATE
from zh_gov_essays.metadata.decorations import site_from_title_suffix
from zh_gov_essays.metadata.names import (
    account_from_byline,
    site_from_header_line,
    site_from_line,
    site_from_source_label,
)
from zh_gov_essays.metadata.title import HEADER_DEBRIS, TITLE, TITLE_REPEAT
from zh_gov_essays.records import Line
from zh_gov_essays.repair.watermark import site_of_watermark
from zh_gov_essays.vocab.chars import HAN, cjk_count
from zh_gov_essays.vocab.labels import CRUMB_ARROWS, HOME_WORDS
from zh_gov_essays.vocab.sites import ends_like_org

_TITLES = (TITLE, TITLE_REPEAT)
# A site's template line above the body is its header, learned from the crawl.
_HEADER = (SITE_HEADER, HEADER_DEBRIS, SITE_TEMPLATE)


def page_source(lines: list[Line], marks: list[str]) -> str | None:
    """The hosting site, from a watermark, header, notice or ``来源`` line."""
    if marks:
        return site_of_watermark(marks[0])
    # Footer lines and related-article lists name other pages, not this site
    # (a copyright line in the footer is labelled site_notice, and still read).
    removed = [line for line in lines if line.label not in (None, FOOTER)]
    body = next((i for i, line in enumerate(lines) if line.text and line.label is None), len(lines))
    for line in removed:
        if line.label in _TITLES:
            continue
        if line.label == SITE_HEADER or (line.label == SITE_TEMPLATE and line.number < body):
            site = site_from_header_line(line.text)
            if site and site.endswith("政府"):
                site = _department_below(lines, line.number) or site
        else:
            site = site_from_line(line.text)
        if site:
            return site
    for line in removed:
        if line.label in _TITLES:
            site = site_from_title_suffix(line.text)
            if site:
                return site
    for line in removed:
        site = site_from_source_label(line.text)
        if site:
            return site
    named = _recurring_name(lines) or _own_site_credit(lines) or _masthead(lines)
    if named:
        return named
    # An account's byline names its publisher: the site only when the page
    # prints no name of its own (a mirror's masthead wins over it).
    for line in removed:
        site = account_from_byline(line.text)
        if site:
            return site
    return None


def _department_below(lines: list[Line], index: int) -> str | None:
    """The department a government's masthead names on its next line ("澳門特別行政區政府" / "社區事務局")."""
    nxt = next((ln for ln in lines[index + 1 :] if ln.text), None)
    if (
        nxt is not None
        and nxt.label in (None, SITE_HEADER, HEADER_DEBRIS)
        and ends_like_org(nxt.text)
    ):
        return nxt.text.strip()
    return None


def _masthead(lines: list[Line]) -> str | None:
    """The page's first line, when a menu or breadcrumb follows it: the site's masthead.

    Whatever the name looks like (``臺灣學術線上``, ``聖道中學 St. Tao
    Secondary School``), a line printed above the site's own navigation
    names the site.
    """
    texts = [ln for ln in lines if ln.text]
    if len(texts) < 2 or texts[0].label not in _HEADER:
        return None
    if not any(ln.label in CRUMBS for ln in texts[1:3]):
        return None
    head = re.split(r"\s*(?:::|[|｜]|\s[-–—]\s)\s*", texts[0].text.strip(" :"))[0]
    head = re.sub(r"\s+[A-Za-z][A-Za-z .'&-]*$", "", head).strip()
    if " " not in head and 2 <= cjk_count(head) >= len(head) - 4 and len(head) <= 20:
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
    if first is None or first.label not in _HEADER:
        return None
    name = re.split(r"\s+|[|｜]|\s[-–—]\s", first.text.strip())[0]
    return name if 2 <= cjk_count(name) == len(name) <= 10 else None


_FIELD_SEP = re.compile(r"\s*(?:[|｜]|\s[-–—]\s|>>|>|›|»|\s{2,})\s*")


def _recurring_name(lines: list[Line]) -> str | None:
    """A name of any shape that heads the page and is printed again as its owner.

    ``红旗文苑`` on the first line and again in ``Copyright © 2022 红旗文苑``
    (or as the breadcrumb root, or a title suffix) is the site, whatever
    word it ends in.
    """
    # A menu the rules read as a run of keywords may open with the site's name
    # ("枫林镇人民政府　首页　政务公开…"): the name must recur as the owner.
    header = [ln for ln in lines if ln.label in (*_HEADER, navigation.label, keyword_salad.label)]
    owners = [ln.text for ln in lines if ln.label in (site_notice.label, site_footer.label)]
    roots = [CRUMB_ROOT.split(ln.text)[0] for ln in lines if ln.label == breadcrumb.label]
    titles = [ln.text for ln in lines if ln.label in _TITLES]
    for line in header[:3]:
        # a keyword run is spaced by single (full-width) spaces: its first word
        words = line.text.split()[:1] if line.label == keyword_salad.label else []
        for name in words or _FIELD_SEP.split(line.text)[:4]:
            name = re.sub(r"\s*(?:www\.|https?://)\S*", "", name).strip()
            name = re.sub(r"\s+[A-Za-z][A-Za-z .'&-]*$", "", name)  # "聖恩書院 St. Grace College"
            if not 2 <= cjk_count(name) == len(name) <= 16 or re.fullmatch(HOME_WORDS, name):
                continue
            if (
                any(name in text for text in owners)
                or any(name in root for root in roots)
                or any(re.search(rf"[_|｜\-–—]\s*{re.escape(name)}$", t) for t in titles)
            ):
                return name
    # The page's first line "微文汇 - 优质公众号文章聚合": a name and its slogan.
    first = next((ln for ln in lines if ln.text), None)
    if first is not None and first.label in _HEADER:
        m = re.match(rf"^([{HAN}]{{2,10}})\s+[-–—|｜]\s+[{HAN}]{{4,20}}$", first.text)
        if m:
            return m.group(1)
    return None


CRUMB_ROOT = re.compile(rf"\s*(?:>>|{CRUMB_ARROWS}|->)\s*")
