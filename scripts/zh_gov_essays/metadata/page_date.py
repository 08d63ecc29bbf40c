"""The page's own date, from its metadata lines, by how explicit the label is."""

from __future__ import annotations

import datetime as dt
import re

from zh_gov_essays.furniture import navigation
from zh_gov_essays.layout import FOOTER
from zh_gov_essays.metadata.title import HEADER_DEBRIS, TITLE, TITLE_REPEAT
from zh_gov_essays.records import Line
from zh_gov_essays.vocab.chars import SENTENCE_PUNCT, strip_bullet
from zh_gov_essays.vocab.dates import find_date
from zh_gov_essays.vocab.labels import DATE_WORDS, PUBLISH_WORDS

_PUBLISH_LABEL = re.compile(f"(?:{PUBLISH_WORDS})(?:{DATE_WORDS})")
_PLAIN_LABEL = re.compile(rf"(?:^|[\s【\[])(?:{DATE_WORDS})\s*[】\]]?\s*[:：]")
_ANY_LABEL = re.compile(rf"(?:{DATE_WORDS})\s*[】\]]?\s*[:：]")
# Lines whose dates are never the page's: the title, speech subtitles and the
# other header lines the classifier could not name.
_NOT_META = frozenset({TITLE, TITLE_REPEAT, FOOTER, navigation.label})


def page_date(lines: list[Line], roc: bool) -> dt.date | None:
    """The page's own date from its metadata lines, by how explicit the label is.

    Publication labels beat plain ``时间``/``日期`` labels, which beat update,
    upload and signing labels, which beat an unlabelled timestamp, which
    beats a bare date.
    """
    ranked: list[tuple[int, int, dt.date]] = []
    for i, line in enumerate(lines):
        if line.label is None or line.label in _NOT_META:
            continue
        text = strip_bullet(line.text)
        if re.fullmatch(r"[(（][^()（）]*[)）]", text):
            continue  # "(2018年3月3日)": the date of a speech, not of the page
        if line.label == HEADER_DEBRIS and (
            line.text.startswith(("—", "-")) or len(text) > 40 or SENTENCE_PUNCT.search(text)
        ):
            continue  # a speech's subtitle "——在2023年2月16日…上的讲话"
        got = find_date(text) or (find_date(text, roc=True) if roc else None)
        if not got:
            continue
        if _PUBLISH_LABEL.search(text):
            rank = 0
        elif _PLAIN_LABEL.search(text):
            rank = 1
        elif _ANY_LABEL.search(text):
            rank = 2  # 更新/上传/成文/印发 dates
        elif re.search(r"\d[:：]\d\d|来源|來源", text):
            rank = 3
        elif line.label != HEADER_DEBRIS:
            rank = 4
        else:
            rank = 5  # "某某网　2024年01月08日　个人工作总结": a header the rules could not name
        ranked.append((rank, i, got))
    return min(ranked)[2] if ranked else None
