"""Paragraphs from body lines: headings and their levels, sections, page-break joins."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_NUM = "一二三四五六七八九十百零〇两"
# (level, pattern) in the order DESIGN.md gives them.
_HEADING_PATTERNS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (1, re.compile(rf"^[{_NUM}]{{1,4}}\s*[、.．]")),
    (1, re.compile(rf"^第[{_NUM}]{{1,4}}\s*(?:章|部分|篇|节|節)")),
    # A bracket label heading (【背景链接】), but not a widget (【字体：大 中 小】).
    (
        1,
        re.compile(
            r"^【(?![^】]*[:：])(?![^】]*(?:字体|字體|打印|关闭|編輯|编辑|来源|來源|发布|發布))[^】]{1,20}】$"
        ),
    ),
    (2, re.compile(rf"^[(（]\s*[{_NUM}]{{1,4}}\s*[)）]")),
    (2, re.compile(rf"^第[{_NUM}]{{1,3}}\s*[，,、:：]")),
    (3, re.compile(r"^\d{1,2}\s*(?:[、．]|\.(?!\d))")),
    (4, re.compile(r"^[(（]\s*\d{1,2}\s*[)）]")),
)
# A heading is a line of its own: short, with at most one sentence end, at
# its very end.
MAX_HEADING_CHARS = 40
SENTENCE_END = "。！？!?；;…"
# Characters after which a paragraph cannot be continuing mid-sentence.
_CLOSES_SENTENCE = set("。！？!?；;…：:”」』）)】")


def heading_level(text: str) -> int | None:
    """The heading level of a line, or ``None`` for body text.

    >>> heading_level("一、加强辅政素质建设,提高党委办公室辅政能力")
    1
    >>> heading_level("(一)紧贴中心,认真履行参谋助手职责。")
    2
    >>> heading_level("1、政治上关心。"), heading_level("（1）落实责任")
    (3, 4)
    >>> heading_level("第一,提高认识")
    2

    Left alone: enumerated *paragraphs* (a lead sentence followed by more
    text), numbers that are quantities, and ordinary sentences.

    >>> heading_level("1、以专业化的标准和要求,搞好调研促决策。调研工作专业化的标准就是主动贴紧中心工作。") is None
    True
    >>> heading_level("2005年,胶州市委办公室大胆导入质量管理体系。") is None
    True
    >>> heading_level("一是要培养一支政治强、业务精的干部队伍。") is None
    True
    """
    text = text.strip()
    if len(text) > MAX_HEADING_CHARS:
        return None
    inner = text.rstrip(SENTENCE_END)
    if any(ch in SENTENCE_END for ch in inner):
        return None
    for level, pattern in _HEADING_PATTERNS:
        if pattern.match(text):
            return level
    return None


def ends_sentence(text: str) -> bool:
    """Whether a paragraph ends where a sentence ends.

    >>> ends_sentence("拾遗补缺,"), ends_sentence("完善决策。"), ends_sentence("“三服务”")
    (False, True, True)
    """
    text = text.rstrip()
    return bool(text) and text[-1] in _CLOSES_SENTENCE


@dataclass
class BodyLine:
    """A kept line on its way into a paragraph."""

    text: str
    repairs: list[str] = field(default_factory=list)
    after_page_break: bool = False


@dataclass
class Block:
    text: str
    repairs: list[str]


def join_page_breaks(lines: list[BodyLine]) -> list[Block]:
    """Merge a paragraph cut in two by a page number back into one.

    The halves are joined when the first does not end a sentence and the
    second is not a heading (``拾遗补缺,`` ⏎ ``1`` ⏎ ``完善决策;`` → one
    paragraph).  Lines not separated by a page break are never joined.
    """
    blocks: list[Block] = []
    for line in lines:
        if (
            line.after_page_break
            and blocks
            and not ends_sentence(blocks[-1].text)
            and heading_level(blocks[-1].text) is None
            and heading_level(line.text) is None
        ):
            prev = blocks[-1]
            sep = " " if prev.text[-1:].isascii() and line.text[:1].isascii() else ""
            prev.text = prev.text + sep + line.text
            prev.repairs = sorted({*prev.repairs, *line.repairs, "page_break_join"})
        else:
            blocks.append(Block(line.text, list(line.repairs)))
    return blocks


def assign_sections(levels: list[int | None], texts: list[str]) -> list[str | None]:
    """The section of each paragraph: the text of its nearest enclosing heading.

    A body paragraph belongs to the last heading above it; a heading belongs
    to the last heading of a higher rank (smaller level).

    >>> assign_sections([1, None, 2, None, 1], ["一、甲", "a", "(一)乙", "b", "二、丙"])
    [None, '一、甲', '一、甲', '(一)乙', None]
    """
    stack: list[tuple[int, str]] = []
    out: list[str | None] = []
    for level, text in zip(levels, texts, strict=True):
        if level is None:
            out.append(stack[-1][1] if stack else None)
            continue
        while stack and stack[-1][0] >= level:
            stack.pop()
        out.append(stack[-1][1] if stack else None)
        stack.append((level, text))
    return out


_SPLIT_BEFORE_HEADING = re.compile(
    rf"\s+(?=(?:[{_NUM}]{{1,3}}、|[(（][{_NUM}]{{1,3}}[)）]|第[{_NUM}]{{1,3}}[章节部分]))"
)


def split_run_on(text: str) -> list[str]:
    """Split text that arrived with no line breaks at its headings.

    Document-sharing sites flatten a whole essay to one line, keeping only a
    space before each heading; the space + enumerator is where a new
    paragraph starts.

    >>> split_run_on("学区党支部2021年党建工作总结 一年来,我们认真工作。现总结如下: 一、基本情况 现有支部一个。")
    ['学区党支部2021年党建工作总结 一年来,我们认真工作。现总结如下:', '一、基本情况 现有支部一个。']

    Left alone: enumerators not preceded by a space (``一、二、三等奖``).
    """
    return [p for p in _SPLIT_BEFORE_HEADING.split(text) if p.strip()]


# Page furniture flattened into a run-on text: file names, the start of a
# menu, "label:value" fields and a speech's salutation each become a line.
_FLAT_FURNITURE = re.compile(
    r"(?<!\S)[^\s]{2,60}\.(?:docx?|pdf|pptx?|xlsx?|wps|txt)(?!\S)"
    r"|(?<=\s)(?:页数|頁數|字数|字數|上传时间|上傳時間|大小|下载积分|下載積分|作者|日期|點閱|点阅|点击|點擊|"
    r"来源|來源|发布日期|發布日期|更新日期|浏览|瀏覽|阅读|閱讀)[:：]\s*\S+"
    r"|(?<=\s)(?:同志们|同志們|各位[^\s:：]{1,10})[:：]"
)
_MENU_START = re.compile(r"\s(?=(?:首页|首頁|主页|主頁)\s)")


def split_flat_furniture(text: str) -> list[str]:
    """Split a run-on page at the furniture the extractor glued into it.

    >>> split_flat_furniture("讲话.doc 某某文档网 首页 资料分类 讲话.doc 页数:6 上传时间:2020/4/23 讲话 同志们: 今天召开会议。")
    ['讲话.doc', '某某文档网', '首页 资料分类', '讲话.doc', '页数:6', '上传时间:2020/4/23', '讲话', '同志们:', '今天召开会议。']

    Left alone: text with none of these marks, and labels inside sentences
    (no space before them).
    """
    pieces: list[str] = []
    for chunk in _MENU_START.split(text):
        pos = 0
        for m in _FLAT_FURNITURE.finditer(chunk):
            pieces.append(chunk[pos : m.start()])
            pieces.append(m.group(0))
            pos = m.end()
        pieces.append(chunk[pos:])
    return [p.strip() for p in pieces if p.strip()]
