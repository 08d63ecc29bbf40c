"""Furniture printed over several lines, told by the line it hangs on.

A line rule judges one line; some furniture is a run of lines, only one of
which a rule can name: a sharing site's numbered notice list whose other
items name no site word, a poster's name above the badge a forum prints
under it.  These functions label such runs after the line rules have run.
"""

from __future__ import annotations

import re

from zh_gov_essays.furniture.forums import forum_furniture
from zh_gov_essays.furniture.notices import site_notice, truncation_notice
from zh_gov_essays.furniture.sharing import sharing_notice
from zh_gov_essays.records import Label, Line
from zh_gov_essays.vocab.chars import SENTENCE_PUNCT
from zh_gov_essays.vocab.headings import heading_level

FORUM_POSTER = Label("forum_poster", "A poster's name printed above their badge or level.")


# A site's notice list: its heading ("温馨提示：") and numbered items ("1、本站…").
_NOTICE_HEADING = re.compile(
    r"^[【\[]?(?:温馨提示|溫馨提示|特别提示|特別提示|特别说明|特別說明|注意事项|注意事項|下载须知|下載須知|"
    r"购买须知|購買須知|免责声明|免責聲明|用户须知|用戶須知|版权说明|版權說明|版权声明|版權聲明|下载说明|下載說明|"
    r"文档说明|文檔說明|购买说明|購買說明|关于本文档|關於本文檔)[】\]]?\s*[:：]?$"
)
_NUMBERED = re.compile(r"^[-•·]?\s*(?:\d{1,2}|[①-⑩])\s*[、.．)）]")
_NOTICE_RULES = frozenset({sharing_notice.label, site_notice.label, truncation_notice.label})


def label_notice_lists(lines: list[Line]) -> None:
    """A sharing site's numbered notice list: every item, when one of them is the site's notice.

    ``温馨提示：`` ⏎ ``1、本站所有文档均由会员上传…`` ⏎ ``2、预览页面由系统自动生成…``:
    the items that name no site word (``下载前请确认文档内容``) belong to
    the same list.  Left alone: an essay's numbered list, none of whose
    items is a site notice.
    """
    runs: list[list[int]] = []
    for i, line in enumerate(lines):
        if not line.text:
            continue
        numbered = _NUMBERED.match(line.text) is not None and len(line.text) <= 120
        if numbered and runs and runs[-1][-1] == _previous_text(lines, i):
            runs[-1].append(i)
        elif numbered:
            runs.append([i])
    for run in runs:
        if not any(lines[i].label in _NOTICE_RULES for i in run):
            continue
        for i in run:
            if lines[i].label is None:
                lines[i].label = sharing_notice.label
        head = _previous_text(lines, run[0])
        if (
            head is not None
            and lines[head].label is None
            and _NOTICE_HEADING.match(lines[head].text)
        ):
            lines[head].label = sharing_notice.label


def _previous_text(lines: list[Line], i: int) -> int | None:
    """The index of the last non-blank line before ``i``."""
    return next((j for j in range(i - 1, -1, -1) if lines[j].text), None)


# A poster's badge: the thread starter's mark, a level, a rank.
_BADGE = re.compile(
    r"^(?:楼主|樓主|层主|層主|(?:Lv|LV|lv)\.?\s*\d{1,2}(?:\s+\S{1,8})?|(?:用户组|用戶組|头衔|頭銜)\s*[:：].{1,12})$"
)


def label_poster_names(lines: list[Line]) -> None:
    """A short unpunctuated line right above a poster's badge (``楼主``, ``Lv.9``) is the poster's name."""
    previous: Line | None = None
    for line in lines:
        if not line.text:
            continue
        if (
            previous is not None
            and previous.label is None
            and line.label == forum_furniture.label
            and _BADGE.match(line.text.strip())
        ):
            text = previous.text
            if len(text) <= 20 and not SENTENCE_PUNCT.search(text) and heading_level(text) is None:
                previous.label = FORUM_POSTER
        previous = line


TABLE_OF_CONTENTS = Label(
    "table_of_contents", "A page's list of the essays it holds, and their titles printed again."
)
# The heading a compilation page prints over its table of contents.
_TOC_HEADING = re.compile(
    r"^[【\[]?(?:本文目录一览|本文目錄一覽|本文目录|本文目錄|文章目录|文章目錄|本页目录|本頁目錄|目录导航|目錄導覽|"
    r"内容导航|內容導覽|本文导航|本文導航)[】\]]?\s*[:：]?$"
)
_TOC_ENTRY = re.compile(
    r"^(?:\d{1,2}|[①-⑳]|[一二三四五六七八九十]{1,3}(?=、))\s*[、.．)）]?\s*(?P<title>\S.{1,38})$"
)
# A bare "目录" heading: an essay prints one over its own list too, so the run
# under it is the page's only when it reads as one (see _page_contents).
_BARE_TOC_HEADING = re.compile(r"^[【\[]?(?:目录|目錄|目次)[】\]]?\s*[:：]?$")
# A book's or a thesis's contents entry with its page: "第一章　緒論　1", "1.1 研究背景……3".
_PAGED_ENTRY = re.compile(
    r"^(?:第[一二三四五六七八九十\d]{1,3}[章节節篇部]|\d{1,2}(?:\.\d{1,2}){0,2})\s*\S.{0,30}?"
    r"(?:\s+|\s*[.．…·]{2,}\s*)(?P<page>\d{1,3})$"
)
# How long a stem a compilation's entries share: "青年干部培训班学习心得体会" + 一, 二…
_MIN_SHARED_STEM = 6


def _shared_stem(titles: list[str]) -> int:
    """The length of the prefix every title shares.

    >>> _shared_stem(["青年干部学习心得体会一", "青年干部学习心得体会二"]), _shared_stem(["值班安排", "应急联络"])
    (10, 0)
    """
    n = 0
    while all(len(t) > n and t[n] == titles[0][n] for t in titles):
        n += 1
    return n


def _page_contents(entries: list[str]) -> bool:
    """Whether the run under a bare ``目录`` is the page's: entries with their pages in order,
    or a compilation's numbered titles that all repeat one stem.

    >>> _page_contents(["第一章　緒論　1", "第一節　研究背景與動機　1", "第二章　文獻探討　9"])
    True
    >>> _page_contents(["1、青年干部培训班学习心得体会一", "2、青年干部培训班学习心得体会二"])
    True

    Left alone: an essay's own list of its parts (``1、值班安排`` ⏎ ``2、应急联络``).

    >>> _page_contents(["1、值班安排", "2、应急联络"])
    False
    """
    if len(entries) < 2:
        return False
    pages = [_PAGED_ENTRY.match(e) for e in entries]
    if all(pages):
        numbers = [int(m.group("page")) for m in pages if m]
        return numbers == sorted(numbers)
    titles = [m.group("title").strip() for e in entries if (m := _TOC_ENTRY.match(e))]
    return len(titles) == len(entries) and _shared_stem(titles) >= _MIN_SHARED_STEM


def label_table_of_contents(lines: list[Line]) -> None:
    """A compilation page's table of contents: the numbered titles under its heading.

    ``本文目录一览`` ⏎ ``1、主题教育读书班学习心得体会`` ⏎ ``2、…``: each entry,
    and each title printed again over its essay further down, are the
    page's, not the essay's.  Under a bare ``目录`` the run is the page's only
    when its entries carry their pages in order (a thesis record's contents)
    or all repeat one title (a compilation's).  Left alone: a numbered list
    under any other line, an essay's own contents list, and entries that read
    as sentences.
    """
    titles: set[str] = set()
    in_toc = False
    texts = [(i, line.text.strip()) for i, line in enumerate(lines) if line.text]
    for k, (i, text) in enumerate(texts):
        line = lines[i]
        if _BARE_TOC_HEADING.match(text):
            run = []
            for _j, t in texts[k + 1 :]:
                if not (_TOC_ENTRY.match(t) or _PAGED_ENTRY.match(t)) or SENTENCE_PUNCT.search(t):
                    break
                run.append(t)
            if _page_contents(run):
                for j, _t in texts[k + 1 : k + 1 + len(run)]:
                    if lines[j].label is None:
                        lines[j].label = TABLE_OF_CONTENTS
                        entry = _TOC_ENTRY.match(lines[j].text.strip())
                        if entry:
                            titles.add(entry.group("title").strip())
                if line.label is None:
                    line.label = TABLE_OF_CONTENTS
            continue
        if _TOC_HEADING.match(text):
            in_toc = True
            continue
        if line.label == TABLE_OF_CONTENTS:
            continue
        entry = _TOC_ENTRY.match(text) if in_toc else None
        if entry and not SENTENCE_PUNCT.search(entry.group("title")) and line.label is None:
            line.label = TABLE_OF_CONTENTS
            titles.add(entry.group("title").strip())
            continue
        in_toc = False
        if line.label is None and text in titles:
            line.label = TABLE_OF_CONTENTS
