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


def label_table_of_contents(lines: list[Line]) -> None:
    """A compilation page's table of contents: the numbered titles under its heading.

    ``本文目录一览`` ⏎ ``1、主题教育读书班学习心得体会`` ⏎ ``2、…``: each entry,
    and each title printed again over its essay further down, are the
    page's, not the essay's.  Left alone: a numbered list under any other
    line, and entries that read as sentences.
    """
    titles: set[str] = set()
    in_toc = False
    for line in lines:
        if not line.text:
            continue
        text = line.text.strip()
        if _TOC_HEADING.match(text):
            in_toc = True
            continue
        entry = _TOC_ENTRY.match(text) if in_toc else None
        if entry and not SENTENCE_PUNCT.search(entry.group("title")) and line.label is None:
            line.label = TABLE_OF_CONTENTS
            titles.add(entry.group("title").strip())
            continue
        in_toc = False
        if line.label is None and text in titles:
            line.label = TABLE_OF_CONTENTS
