"""The page's own date, from its metadata lines, by how explicit the label is."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from zh_gov_essays.furniture import forum_quote, info_fields, navigation
from zh_gov_essays.furniture.page_meta import field_label_only, field_pairs
from zh_gov_essays.layout import FOOTER
from zh_gov_essays.metadata.title import HEADER_DEBRIS, TITLE, TITLE_REPEAT
from zh_gov_essays.records import Line
from zh_gov_essays.vocab.chars import SENTENCE_PUNCT, join_letter_spacing, strip_bullet
from zh_gov_essays.vocab.dates import find_date
from zh_gov_essays.vocab.labels import DATE_WORDS, PUBLISH_WORDS

_PUBLISH_LABEL = re.compile(f"(?:{PUBLISH_WORDS})(?:{DATE_WORDS})")
# A field table's upload and disclosure dates are its publication dates; the
# signing and generation dates of the document are not.
_FIELD_PUBLISH = re.compile(f"(?:{PUBLISH_WORDS}|上载|上載|上传|上傳|公开|公開)(?:{DATE_WORDS})")
_FIELD_SIGNED = re.compile(f"(?:成文|发文|發文|印发|印發|生成|签发|簽發)(?:{DATE_WORDS})")
_PLAIN_LABEL = re.compile(rf"(?:^|[\s【\[])(?:{DATE_WORDS})\s*[】\]]?\s*[:：]")
_ANY_LABEL = re.compile(rf"(?:{DATE_WORDS})\s*[】\]]?\s*[:：]")
# A journal's manuscript dates: received, revised, accepted.
_MANUSCRIPT = re.compile(rf"(?:收稿|修回|录用|錄用|接受)(?:{DATE_WORDS})")
# Lines whose dates are never the page's: the title, speech subtitles and the
# other header lines the classifier could not name, and another post quoted.
_NOT_META = frozenset({TITLE, TITLE_REPEAT, FOOTER, navigation.label, forum_quote.label})
# A Q&A page's question time ("提问时间:2022-08-03"): the answer, the page's
# text, carries its own time, which wins.
_ASKED = re.compile(rf"(?:提问|提問|问题|問題)(?:{DATE_WORDS})|(?:提问|提問)于|(?:提問)於")
# A time of day: "(2012-01-14 20:36:44)" under a blog post's title is its
# timestamp, where a speech's date in brackets never carries one.
_CLOCK = re.compile(r"\d{1,2}[:：]\d{2}")
# A paper's manuscript dates (received, revised, accepted) are not its publication date.
_MANUSCRIPT = re.compile(r"收稿|修回|修改稿|录用日期|錄用日期|接受日期")


def page_date(lines: list[Line], roc: Callable[[], bool]) -> dt.date | None:
    """The page's own date from its metadata lines, by how explicit the label is.

    Publication labels beat plain ``时间``/``日期`` labels, which beat update,
    upload and signing labels, which beat an unlabelled timestamp, which
    beats a bare date.  ``roc()`` says whether the page is in Traditional
    script, where Minguo years (``112-06-08``) are read too; it is asked only
    about a line with no Gregorian date.
    """
    ranked: list[tuple[int, int, dt.date]] = []
    label_above = ""
    for i, line in enumerate(lines):
        if line.label == info_fields.label:
            ranked.extend(
                (rank, i, got) for rank, got in _field_dates(label_above + line.text, roc)
            )
            label_above = line.text + " " if field_label_only(line.text) else ""
            continue
        if line.text:
            label_above = ""
        if line.label is None or line.label in _NOT_META:
            continue
        text = strip_bullet(line.text)
        if (
            re.fullmatch(r"[(（][^()（）]*[)）]", text) and not _CLOCK.search(text)
        ) or _MANUSCRIPT.search(text):
            continue  # "(2018年3月3日)": a speech's date; "[收稿日期]": the manuscript's
        if line.label == HEADER_DEBRIS and (
            line.text.startswith(("—", "-")) or len(text) > 40 or SENTENCE_PUNCT.search(text)
        ):
            continue  # a speech's subtitle "——在2023年2月16日…上的讲话"
        if _MANUSCRIPT.search(text):
            continue  # "收稿日期：2020-03-11": when a journal received the paper
        got = _date(text, roc)
        if not got:
            continue
        if _ASKED.search(text):
            rank = 4  # when the question was asked: the answer below is the page's text
        elif _PUBLISH_LABEL.search(text):
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


def _date(text: str, roc: Callable[[], bool]) -> dt.date | None:
    """The first Gregorian date in ``text``, else its Minguo date when the page is Traditional.

    ``roc()`` (the page's script, costly) is asked only about a text holding a Minguo date.

    >>> _date("最後更新日期:112-06-08", lambda: True), _date("最後更新日期:112-06-08", lambda: False)
    (datetime.date(2023, 6, 8), None)
    """
    got = find_date(text)
    if got is None:
        minguo = find_date(text, roc=True)  # None unless a Minguo date is there
        if minguo is not None and roc():
            return minguo
    return got


def _field_dates(text: str, roc: Callable[[], bool]) -> list[tuple[int, dt.date]]:
    """``(rank, date)`` of each dated field of a field-table line (ranks as in :func:`page_date`).

    >>> _field_dates("发 布 机 构 市政府办公室 发 文 日 期 2019-11-29 上载日期 2019-12-02", lambda: False)
    [(2, datetime.date(2019, 11, 29)), (0, datetime.date(2019, 12, 2))]
    """
    out = []
    for label, value in field_pairs(join_letter_spacing(text)):
        got = _date(value, roc)
        if got:
            rank = 0 if _FIELD_PUBLISH.search(label) else 2 if _FIELD_SIGNED.search(label) else 1
            out.append((rank, got))
    return out
