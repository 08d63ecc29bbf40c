"""News furniture: photo captions, end marks and release times, wire datelines."""

from __future__ import annotations

import re

from zh_gov_essays.rules import Role, line_rule
from zh_gov_essays.vocab.labels import EDITOR_WORDS, REPORTER_CREDIT, SOURCE_WORDS, WIRE_DATELINE

_PHOTO_CAPTION = re.compile(
    r"^[▲△▼◆●]?\s*[(（]?\s*(?:图为|圖為|图片为|圖片為|上图|下图|左图|右图|图片来源|圖片來源)"
    r"|[(（]\s*(?:摄影|攝影|摄|攝|图|圖|图片|圖片)\s*[:：/／][^()（）]{1,20}[)）]$"
    r"|^[^\s，。,.!！?？、；;:：]{4,30}(?:现场|現場|合影|留影)$"
)


@line_rule(max_chars=100)
def photo_caption(line: str) -> bool:
    """A photo caption: ``图为…`` or a line ending in a photographer credit.

    >>> photo_caption("图为县政务服务中心窗口工作人员为群众办理业务。（摄影：李某）")
    True
    >>> photo_caption("（摄影：李某）"), photo_caption("圖為同仁參訪情形")
    (True, True)
    >>> photo_caption("专题组织生活会现场"), photo_caption("参训学员合影")
    (True, True)

    Left alone: long paragraphs, prose that mentions photos
    (``要善于用图片和视频讲好故事。``) and a short phrase about a site
    (``走进现场``).

    >>> photo_caption("要善于用图片和视频讲好故事。")
    False
    """
    if re.match(r"^[▲△]\s*\S", line) and len(line) <= 50 and "。" not in line[:-1]:
        return True  # "▲城南街道网格员入户走访": a caption under a photo
    return bool(_PHOTO_CAPTION.search(line))


@line_rule()
def end_mark(line: str) -> bool:
    """A news item's end mark or release time: ``（完）``, ``完``, ``香港時間16時30分``.

    >>> end_mark("（完）"), end_mark("完"), end_mark("香港時間16時30分")
    (True, True, True)

    Left alone: words ending a sentence (``任务已经完成。``).

    >>> end_mark("任务已经完成。")
    False
    """
    return bool(
        re.fullmatch(r"[(（]?\s*(?:完|全文完|本文完|END|end|NNNN|-{3,}|—{2,})\s*[)）]?", line)
        or re.fullmatch(
            r"(?:香港|北京|臺北|台北)?[時时]間\s*\d{1,2}\s*[時时点點]\s*\d{1,2}\s*分", line
        )
    )


_WIRE_LINE = re.compile(rf"[(（]?(?:{WIRE_DATELINE})[)）]?\s*(?:{REPORTER_CREDIT})?")


@line_rule()
def dateline(line: str) -> bool:
    """A news dateline on its own line (``新华社北京3月15日电``, ``本报讯（记者 王某）``).

    >>> dateline("新华社北京3月15日电"), dateline("本报讯"), dateline("金山讯")
    (True, True, True)
    >>> dateline("華聲在線10月20日訊"), dateline("本报讯（记者 许文涛 通讯员 钱晓燕）")
    (True, True)

    Left alone: a dateline opening a paragraph with text after it (the
    ``lead_dateline`` body rule cuts it there), dates in sentences, and
    words ending in 讯 that name no paper (``工作简讯``, ``喜讯``).

    >>> dateline("工作简讯"), dateline("喜讯"), dateline("3月15日电话会议")
    (False, False, False)
    """
    return bool(_WIRE_LINE.fullmatch(line.strip()))


_CREDIT = re.compile(
    rf"[(（〔【\[]\s*(?:(?:{EDITOR_WORDS}|记者|記者|通讯员|通訊員|撰稿|供稿|摄影|攝影|图|圖|文|"
    rf"{SOURCE_WORDS}|稿件来源|稿件來源|资料来源|資料來源|素材来源|素材來源)\s*[:：/／|｜]"
    r"|(?:记者|記者|通讯员|通訊員)\s+|作者(?:系|為|为|是|单位|單位))[^()（）〔〕【】\[\]]{1,80}[)）〕】\]]"
    r"|(?:资料来源|資料來源|素材来源|素材來源|稿件来源|稿件來源|文章来源|文章來源|本文来源|本文來源)\s*[:：].{1,40}"
)


@line_rule(role=Role.PAGE_META, max_chars=100)
def credit_line(line: str) -> bool:
    """A line that only credits: author, reporter, source of the material, an author's post.

    >>> credit_line("（作者：王立新 市委党校）"), credit_line("(记者 李晓燕 通讯员 陈平)")
    (True, True)
    >>> credit_line("（作者系某某大学马克思主义学院教授）"), credit_line("资料来源：市统计局年度公报")
    (True, True)

    It fires anywhere: a compilation prints a credit under each article it
    gathers, in the middle of the page.

    Left alone: parentheses inside a sentence, and a sentence that names
    its source (``据市统计局资料,全市…``).

    >>> credit_line("（一）坚持以人民为中心的发展思想"), credit_line("作者要深入基层,掌握第一手资料。")
    (False, False)
    """
    return bool(_CREDIT.fullmatch(line.strip()))
