"""Debris that is never essay text: page numbers, punctuation-only lines, code, garbled markers, machine translations."""

from __future__ import annotations

import re

from zh_gov_essays.rules import line_rule
from zh_gov_essays.vocab.chars import cjk_count

_PAGE_NUMBER = r"[-—–\s]*(?:第\s*)?\d{1,3}\s*(?:页|頁)?[-—–\s]*|\d{1,3}\s*/\s*\d{1,3}"
_DOTTED_PAGE_NUMBER = r"\s*[·•]\s*\d{1,4}\s*[·•]\s*"
_PAGE_OF = (
    r"(?:[Pp]\.?|Page|PAGE)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?"
    r"|第\s*\d{1,4}\s*[页頁]\s*[/,，]?\s*共\s*\d{1,4}\s*[页頁]"
)


# The rule's patterns, anchored at both ends as ``fullmatch`` anchors them.
@line_rule(needs=rf"^(?:{_PAGE_NUMBER})$|^(?:{_DOTTED_PAGE_NUMBER})$|^\s*(?:{_PAGE_OF})\s*$")
def page_number(line: str) -> bool:
    """A lone page number between paragraphs, possibly dressed as ``- 3 -``.

    >>> page_number("1"), page_number("- 12 -"), page_number("第3页"), page_number("3/8")
    (True, True, True, True)
    >>> page_number("P. 13"), page_number("Page 2 of 16"), page_number("第 2 页 / 共 16 页")
    (True, True, True)
    >>> page_number("·56·")
    True

    Left alone: numbers with text (``2024年``), years and long numbers.

    >>> page_number("2024"), page_number("1、"), page_number("100%")
    (False, False, False)
    """
    return bool(
        re.fullmatch(_PAGE_NUMBER, line)
        or re.fullmatch(_DOTTED_PAGE_NUMBER, line)
        or re.fullmatch(_PAGE_OF, line.strip())
    )


# A journal's or a gazette's page number framed by middle dots: "·57·".
_FRAMED_PAGE = re.compile(r"(?:^|\s)[·•]\s*\d{1,4}\s*[·•]$|^[·•]\s*\d{1,4}\s*[·•](?:\s|$)")


@line_rule(max_chars=80)
def running_header(line: str) -> bool:
    """A PDF page's running header or footer: issue, author and title, its framed page number.

    >>> running_header("第4期 何思源：乡镇干部“本领恐慌”的表现、成因与纾解 ·57·")
    True
    >>> running_header("·58· 澄江师范学院学报 2020年")
    True

    Left alone: a sentence that happens to end in a number, and a line
    without the framed page number.

    >>> running_header("全年办理案件187件，办结率100%。"), running_header("第4期 何思源：乡镇干部的本领恐慌")
    (False, False)
    """
    m = _FRAMED_PAGE.search(line)
    if not m:
        return False
    rest = line[: m.start()] + line[m.end() :]
    return cjk_count(rest) >= 2 and not re.search(r"[。！？!?，,；;]", rest)


# The rule itself as a pattern (``\w`` is ``str.isalnum`` or ``_``).
@line_rule(needs=r"^[\W_]*$")
def punctuation_only(line: str) -> bool:
    """A line with no letter, digit or ideograph left (``•``, ``:::``, ``。``).

    >>> punctuation_only(":::"), punctuation_only("-->。"), punctuation_only("一")
    (True, True, False)
    >>> punctuation_only("■■■"), punctuation_only("..."), punctuation_only(",,"), punctuation_only("※ ※ ※")
    (True, True, True, True)

    Left alone: any line with a single letter, digit or ideograph in it.
    """
    return not any(ch.isalnum() for ch in line)


@line_rule(needs="锟斤拷|烫烫烫|屯屯屯")
def garbled_text(line: str) -> bool:
    """A line of the classic mojibake markers (``锟斤拷``, ``烫烫烫``, ``屯屯屯``).

    >>> garbled_text("锟斤拷锟斤拷锟斤拷锟斤拷"), garbled_text("烫烫烫烫烫烫")
    (True, True)

    Left alone: a line that merely contains one such character in a word.
    """
    return (
        bool(re.search(r"(?:锟斤拷|烫烫烫|屯屯屯)", line))
        and cjk_count(re.sub(r"锟斤拷|烫|屯", "", line)) < 5
    )


_CODE = re.compile(
    r"\bvar\s+\w+\s*=|\bfunction\s*\(|\bdocument\.\w+|\bwindow\.\w+|\bjQuery\b|\$\(\s*[\"'#.]|"
    r"</?script|\}\s*\)\s*\(\s*\)\s*;|@media\b|\{[^{}]*:[^{}]*;\s*\}"
)


# Every pattern of _CODE holds one of these words or characters.
@line_rule(needs=r"var|function|document\.|window\.|jQuery|\$\(|<|\}|@media|\{")
def code_debris(line: str) -> bool:
    """Script or style code that leaked into the page text (analytics snippets, CSS).

    >>> code_debris('var _hmt = _hmt || [];(function() {var hm = document.createElement("script");})();')
    True
    >>> code_debris("p { margin: 0; }")
    True

    Left alone: prose, even prose mentioning a function or a window.

    >>> code_debris("要充分发挥党支部的战斗堡垒作用(function)。")
    False
    """
    return bool(_CODE.search(line)) and cjk_count(line) * 4 < len(line)


# At least 40 Latin letters, counted from the line's start (possessively:
# the count never backtracks).
@line_rule(needs=r"^(?:[^A-Za-z]*+[A-Za-z]){40}")
def english_translation(line: str) -> bool:
    """A paragraph in English (machine translation appended to the Chinese).

    >>> english_translation("Service-oriented government is a model of government reform "
    ...                     "proposed by our government to adapt to the new environment.")
    True

    Left alone: Chinese text quoting English names (``经济合作暨发展组织(OECD)``).

    >>> english_translation("经济合作暨发展组织(Organization for Economic Co-operation, OECD)致力于")
    False
    """
    latin = len(re.findall(r"[A-Za-z]", line))
    return latin >= 40 and cjk_count(line) * 10 < latin and not _CODE.search(line)


_FILING_MARK = re.compile(
    # a handling watermark printed on every page: "内部资料　注意保存"
    r"(?:内部资料|內部資料|内部文件|內部文件|内部材料|內部材料)\s*[，,、]?\s*"
    r"(?:注意保存|注意保密|妥善保管|请勿外传|請勿外傳|不得外传|不得外傳|严禁外传|嚴禁外傳)"
)


@line_rule(max_chars=30)
def filing_mark(line: str) -> bool:
    """A handling watermark that a PDF prints on each of its pages: ``内部资料　注意保存``.

    >>> filing_mark("内部资料　注意保存"), filing_mark("內部資料，請勿外傳")
    (True, True)

    Left alone: the words in a sentence, a heading about internal material,
    and a document's own note on how it is published (``（此件公开发布）``),
    which belongs to the document.

    >>> filing_mark("内部资料要注意保存，不得外传。"), filing_mark("一、内部资料管理")
    (False, False)
    >>> filing_mark("（此件公开发布）")
    False
    """
    return bool(_FILING_MARK.fullmatch(line.strip()))
