"""News furniture: photo captions, end marks and release times, wire datelines."""

from __future__ import annotations

import re

from zh_gov_essays.rules import line_rule
from zh_gov_essays.vocab.chars import HAN

_PHOTO_CAPTION = re.compile(
    r"^[▲△▼◆●]?\s*[(（]?\s*(?:图为|圖為|图片为|圖片為|上图|下图|左图|右图|图片来源|圖片來源)"
    r"|[(（]\s*(?:摄影|攝影|摄|攝|图|圖|图片|圖片)\s*[:：/／][^()（）]{1,20}[)）]$"
)


@line_rule(max_chars=100)
def photo_caption(line: str) -> bool:
    """A photo caption: ``图为…`` or a line ending in a photographer credit.

    >>> photo_caption("图为县政务服务中心窗口工作人员为群众办理业务。（摄影：李某）")
    True
    >>> photo_caption("（摄影：李某）"), photo_caption("圖為同仁參訪情形")
    (True, True)

    Left alone: long paragraphs and prose that mentions photos
    (``要善于用图片和视频讲好故事。``).

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


_WIRE_DATELINE = re.compile(
    rf"^[(（]?(?:[{HAN}]{{2,12}}\s*)?\d{{1,2}}\s*月\s*\d{{1,2}}\s*日\s*(?:电|電|讯|訊)[)）]?$"
)


@line_rule()
def dateline(line: str) -> bool:
    """A wire-service dateline on its own line (``新华社北京3月15日电``).

    >>> dateline("新华社北京3月15日电"), dateline("本报讯")
    (True, False)

    Left alone: a dateline opening a paragraph with text after it (the
    ``lead_dateline`` body rule cuts it there) and dates in sentences.
    """
    return bool(_WIRE_DATELINE.match(line))
