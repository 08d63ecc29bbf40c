"""Paragraphs from the page's lines: run-on pages split, page-break joins, headings, sections."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from zh_gov_essays.furniture import punctuation_only
from zh_gov_essays.invariants import paragraph_problems
from zh_gov_essays.linewrap import LINE_WRAP_JOIN
from zh_gov_essays.metadata.title import MAX_TITLE_CHARS, MIN_TITLE_CJK
from zh_gov_essays.records import Label, Line, Paragraph, Removed
from zh_gov_essays.repair import BODY_REPAIRS, in_flow_order, replay
from zh_gov_essays.rules import apply_text_rules
from zh_gov_essays.vocab.chars import FULL_STOPS, SENTENCE_CLOSING, SENTENCE_PUNCT, cjk_count
from zh_gov_essays.vocab.headings import NUMERALS, heading_level
from zh_gov_essays.vocab.labels import FILE_EXTENSIONS, GENRE_WORDS

PAGE_BREAK_JOIN = Label(
    "page_break_join", "Two halves of a paragraph cut by a page number, joined again."
)
INVALID_PARAGRAPH = Label(
    "invalid_paragraph", "A paragraph still failing the publishing checks after every repair."
)

# A line this long with no line break around it is a run-on text.
RUN_ON_CHARS = 150


def ends_sentence(text: str) -> bool:
    """Whether a paragraph ends where a sentence ends.

    >>> ends_sentence("拾遗补缺,"), ends_sentence("完善决策。"), ends_sentence("“三服务”")
    (False, True, True)
    """
    text = text.rstrip()
    return bool(text) and text[-1] in SENTENCE_CLOSING


@dataclass
class BodyLine:
    """A kept line on its way into a paragraph."""

    text: str
    repairs: list[str] = field(default_factory=list)
    after_page_break: bool = False
    number: int = 0
    wrapped: bool = False  # the continuation of the line before it (a hard-wrapped paragraph)


@dataclass
class Block:
    text: str
    repairs: list[str]
    lines: list[int]


# The last character of a sentence wrapped onto a line of its own, with the marks that
# close the sentence: ``懂”。`` after ``…完全看不``.
_WRAPPED_TAIL = re.compile(rf"[^\W\d_][”’」』）)]*[{FULL_STOPS}][”’」』）)]*")


def wrapped_tail(text: str, before: str) -> bool:
    """Whether ``text`` is the last character of the sentence ``before`` leaves open.

    A hard-wrapped paragraph whose last line holds one character and the full
    stop (``…完全看不`` ⏎ ``懂”。``) when the wrap was not recognised as such: as
    a paragraph of its own it is one letter (refused by the publishing checks),
    and dropped it would cut the sentence short.

    >>> wrapped_tail("懂”。", "“财务测算，完全看不"), wrapped_tail("懂”。", "完全看不懂。")
    (True, False)

    Left alone: a character without a full stop (``比``, a vertical table header
    broken into one character per line), a line after a heading or after a
    finished sentence.
    """
    return (
        bool(_WRAPPED_TAIL.fullmatch(text))
        and not ends_sentence(before)
        and heading_level(before) is None
    )


def join_page_breaks(lines: list[BodyLine]) -> list[Block]:
    """Merge a paragraph cut in two by a page number back into one.

    The halves are joined when the first does not end a sentence and the
    second is not a heading (``拾遗补缺,`` ⏎ ``1`` ⏎ ``完善决策;`` → one
    paragraph).  Lines not separated by a page break are never joined, but
    for a wrapped sentence's last character (:func:`wrapped_tail`).
    """
    blocks: list[Block] = []
    for line in lines:
        if blocks and (line.wrapped or wrapped_tail(line.text, blocks[-1].text)):
            prev = blocks[-1]
            prev.text = join_halves(prev.text, line.text)
            prev.repairs = in_flow_order(prev.repairs, line.repairs, [LINE_WRAP_JOIN.name])
            prev.lines.append(line.number)
        elif (
            line.after_page_break
            and blocks
            and not ends_sentence(blocks[-1].text)
            and heading_level(blocks[-1].text) is None
            and heading_level(line.text) is None
        ):
            prev = blocks[-1]
            prev.text = join_halves(prev.text, line.text)
            prev.repairs = in_flow_order(prev.repairs, line.repairs, [PAGE_BREAK_JOIN.name])
            prev.lines.append(line.number)
        else:
            blocks.append(Block(line.text, list(line.repairs), [line.number]))
    return blocks


def join_halves(first: str, second: str) -> str:
    """Two halves of a paragraph as one: a space only between two Latin letters or digits.

    >>> join_halves("拾遗补缺，", "完善决策；"), join_halves("ISO", "9001")
    ('拾遗补缺，完善决策；', 'ISO 9001')
    """
    sep = " " if first[-1:].isascii() and second[:1].isascii() else ""
    return first + sep + second


def replay_paragraph(page_lines: list[str], paragraph: Paragraph, marks: tuple[str, ...]) -> str:
    """A paragraph's text rebuilt from its raw lines and its ``repairs`` alone.

    ``page_lines`` are the page's lines as the repairs saw them (after
    run-on splitting); ``marks`` the watermarks the page revealed.
    """
    texts = [replay(page_lines[number], paragraph.repairs, marks) for number in paragraph.lines]
    text = texts[0]
    for half in texts[1:]:
        text = join_halves(text, half)
    return text


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


def body_paragraphs(lines: list[Line], removed: list[Removed]) -> list[Paragraph]:
    """The page's kept lines as paragraphs: headings, sections and repairs, no script yet.

    A labelled line goes into ``removed`` whole, under its label; a kept line
    goes through the body repairs (what they cut is logged); a line left with
    punctuation only is dropped and logged; halves cut by a page number are
    joined; a paragraph still failing the publishing checks is dropped and
    logged as ``invalid_paragraph``, so one bad page never blocks a build.
    """
    kept: list[BodyLine] = []
    for line in lines:
        if line.label is not None and line.text:
            # The whole raw line goes under the line's label; what text rules
            # cut from it before would be counted twice.
            for part in line.parts or [line]:
                removed.append(Removed(line.label.name, part.raw.strip()))
            continue
        removed.extend(line.removed)
        if not line.text:
            continue
        first = True
        for part in line.parts or [line]:
            result = apply_text_rules(part.text, BODY_REPAIRS)
            removed.extend(result.removed)
            text = result.text
            if not text or punctuation_only(text):
                if text:
                    removed.append(Removed(punctuation_only.name, text))
                continue
            kept.append(
                BodyLine(
                    text,
                    [*part.repairs, *result.repairs],
                    line.after_page_break and first,
                    part.number,
                    wrapped=not first,
                )
            )
            first = False
    blocks = []
    for block in join_page_breaks(kept):
        if paragraph_problems(block.text):
            removed.append(Removed(INVALID_PARAGRAPH.name, block.text))
        else:
            blocks.append(block)
    levels = [heading_level(b.text) for b in blocks]
    sections = assign_sections(levels, [b.text for b in blocks])
    return [
        Paragraph(
            text=block.text,
            kind="heading" if level is not None else "body",
            heading_level=level,
            section=section,
            repairs=block.repairs,
            lines=block.lines,
        )
        for block, level, section in zip(blocks, levels, sections, strict=True)
    ]


_SPLIT_BEFORE_HEADING = re.compile(
    rf"\s+(?=(?:[{NUMERALS}]{{1,3}}、|[(（][{NUMERALS}]{{1,3}}[)）]|第[{NUMERALS}]{{1,3}}[章节部分]))"
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
    rf"(?<!\S)[^\s]{{2,60}}\.(?:{FILE_EXTENSIONS})(?!\S)"
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


# Where a document-sharing page prints its document's title: thumbnail captions
# ("标题_第1页") and the file name ("《标题.docx》由会员分享").
_THUMBNAIL = re.compile(r"^(?P<stem>.{4,60}?)\s*[_＿\-－—]\s*第\s*\d{1,4}\s*[页頁]$")
_FILE_TITLE = re.compile(
    rf"^《?(?P<stem>[^《》\s]{{4,60}}?)\.(?:{FILE_EXTENSIONS})(?:》|\s|$|[(（])"
)
_CHUNK_NUMBER = re.compile(r"^\d{1,2}、")
# A header line that is a document's title: ends in a genre word once a page
# count or tag is taken off ("…情况报告(8页)", "…工作总结【精选】").
_TITLE_DECORATION = re.compile(r"\s*(?:[(（【\[][^()（）【】\[\]]{1,12}[)）】\]])+$")
_DECORATION_ENDS = (")", "）", "】", "]")
_GENRE_END = re.compile(f"(?:{GENRE_WORDS})$")
# How a document's first sentence opens once the title run into it is cut off.
_OPENING = re.compile(
    r"(?:19|20)\d\d\s*年|今年|去年|一年来|一年來|近年来|近年來|近期|近日|为|為|根据|根據|按照|在|自|随着|隨著|"
    r"当前|當前|目前|我|本|各|经|經"
)


def _title_stem(line: str) -> str | None:
    """The title a header line prints, if it is one (``…情况报告(8页)`` → ``…情况报告``)."""
    text = line.strip()
    if text.endswith(_DECORATION_ENDS):  # else the decoration pattern cannot match (most lines)
        text = _TITLE_DECORATION.sub("", text)
    if len(text) > 60 or cjk_count(text) < 8 or SENTENCE_PUNCT.search(text):
        return None
    return text if _GENRE_END.search(text) else None


def split_glued_title(lines: list[str]) -> list[str]:
    """A shared document's title run into its first sentence, split off as a line of its own.

    Document-sharing sites print the title in thumbnail captions or as a
    file name, then the flattened document, whose first line runs the title
    into the text (after a page-chunk number, on some sites).

    >>> split_glued_title(["工作规范_第1页", "工作规范_第2页", "工作规范办公室工作是单位运转的中枢，兼具服务性和综合性。"])
    ['工作规范_第1页', '工作规范_第2页', '工作规范', '办公室工作是单位运转的中枢，兼具服务性和综合性。']

    A title printed above the text, run into its first sentence, goes the
    same way when the sentence opens as essays do (a year, 为, 根据…):

    >>> split_glued_title(["县审计局2022年度党风廉政建设情况报告(8页)", "温馨提示：",
    ...                    "县审计局2022年度党风廉政建设情况报告2022年，县审计局党组认真履行主体责任，取得了成效。"])[2:]
    ['县审计局2022年度党风廉政建设情况报告', '2022年，县审计局党组认真履行主体责任，取得了成效。']

    Left alone: pages that print no caption, file name or title, a line
    that only begins with the title's words and is short, and a sentence
    whose subject is the title (``…情况报告经局党组审议通过…``).
    """
    stems: list[str] = []
    titles: list[str] = []
    for line in lines[:20]:
        m = _THUMBNAIL.match(line.strip()) or _FILE_TITLE.match(line.strip())
        if m and m.group("stem") not in stems:
            stems.append(m.group("stem"))
        elif (title := _title_stem(line)) and title not in titles:
            titles.append(title)
    if not stems and not titles:
        return lines  # (most pages) nothing to look for
    for i, line in enumerate(lines):
        text = line.strip()
        chunk = _CHUNK_NUMBER.match(text)
        at = chunk.end() if chunk else 0
        for stem in [*stems, *titles]:
            rest = text[at + len(stem) :]
            if not (text.startswith(stem, at) and cjk_count(rest) >= 20 and rest != text):
                continue
            if (stem in stems and cjk_count(rest[:1])) or _OPENING.match(rest):
                return [*lines[:i], text[: at + len(stem)], rest, *lines[i + 1 :]]
    return lines


# A content farm's intro opening right after the title on the title's line.
_GLUED_SEO = re.compile(
    r"(?:下面|以下)(?:是|为|為)?[^，,。！？]{0,8}?小[编編]|小[编編](?:为|為|给|給)大家"
)


def split_glued_seo(lines: list[str]) -> list[str]:
    """A title with the site's SEO intro run on after it, split into the two.

    >>> split_glued_seo(["机关作风建设心得体会下面是小编为大家整理的范文，供大家参考。", "正文"])
    ['机关作风建设心得体会', '下面是小编为大家整理的范文，供大家参考。', '正文']

    Only the page's first lines are looked at, and the part before the
    phrase must read as a title (no sentence punctuation, 6-60 characters).
    Left alone: a paragraph with the phrase inside a sentence (the
    ``seo_phrase`` repair cuts it there).
    """
    seen = 0
    for i, line in enumerate(lines):
        text = line.strip()
        if not text:
            continue
        seen += 1
        if seen > 5:
            break
        m = _GLUED_SEO.search(text)
        head = text[: m.start()] if m else ""
        if m and 6 <= len(head) <= 60 and cjk_count(head) >= 4 and not SENTENCE_PUNCT.search(head):
            return [*lines[:i], head, text[m.start() :], *lines[i + 1 :]]
    return lines


def split_run_on_page(text: str) -> list[str]:
    """Break a text that arrived as one long line into lines at its headings.

    A shared document's title glued to its first sentence, and a title with
    an SEO intro run on after it, are split first (:func:`split_glued_title`,
    :func:`split_glued_seo`).
    """
    lines = split_glued_seo(split_glued_title(text.split("\n")))
    if sum(1 for ln in lines if ln.strip()) > 3 or not any(len(ln) > RUN_ON_CHARS for ln in lines):
        return lines
    out: list[str] = []
    for ln in lines:
        if len(ln) <= RUN_ON_CHARS:
            out.append(ln)
            continue
        pieces = [p for part in split_flat_furniture(ln) for p in split_run_on(part)]
        if not pieces:  # a long blank line (spaces, U+3000, U+2028): nothing to split
            out.append(ln)
            continue
        first = pieces[0]
        head, _, rest = first.strip().partition(" ")
        if (
            rest
            and len(head) <= MAX_TITLE_CHARS
            and cjk_count(head) >= MIN_TITLE_CJK
            and cjk_count(rest[:1])
            and not SENTENCE_PUNCT.search(head)
        ):
            pieces[0:1] = [head, rest]
        for piece in pieces:
            level_head, _, body = piece.partition(" ")
            if body and heading_level(level_head) is not None:
                out.extend([level_head, body])
            else:
                out.append(piece)
    return out
