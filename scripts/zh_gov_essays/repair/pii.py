"""Personal contact and identity numbers in kept paragraphs, masked with fixed placeholders.

Four body repairs, one per kind, so the card counts each kind and every
masked paragraph names the kind in its ``repairs``.  ``BODY_REPAIRS`` runs
them on body text only, after the repairs that cut whole phrases (a credit or
platform note is removed as it was printed) and before ``punct_fullwidth``.

They do not ``log``: the runner would otherwise copy the
masked value into the published ``removed`` log, which is what masking is
for keeping out.  The placeholders are ASCII in square brackets, the same in
Simplified and Traditional text, and nothing else in a paragraph changes.

Office and hotline numbers (``010-12345678``, ``(0755)8888 8888``,
``12345``, ``400-…``) are left alone: government pages print them as the
public contact of an agency, not of a person.  A mobile number is a person's
even when an official notice prints it, so it is masked everywhere.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from zh_gov_essays.rules import text_rule

PLACEHOLDERS = {
    "pii_email": "[EMAIL]",
    "pii_mobile": "[MOBILE]",
    "pii_id_number": "[ID_NUMBER]",
    "pii_qq": "[QQ]",
}

_EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
)
# 11 digits starting 13–19, optionally +86 / 86, optionally grouped 3-4-4 by a
# space or hyphen; not inside a longer number, not an amount (亿/万/元 …).
_MOBILE = re.compile(
    r"(?<![\d.])(?:(?:\+|＋)?86[-\s]?)?1[3-9]\d(?:[-\s]?\d{4}){2}"
    r"(?![\d.%％元万亿千百十个人次吨户件余多])"
)
_ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")
_QQ = re.compile(
    r"(?P<label>(?:QQ|qq|Qq|ＱＱ)\s*(?:号码|號碼|号|號|群)?\s*[:：]?\s*)(?P<number>[1-9]\d{4,11})(?!\d)"
)

# ISO 7064 MOD 11-2, as GB 11643-1999 specifies for the 18th character.
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def is_resident_id(number: str) -> bool:
    """A valid 18-character mainland resident ID: a real birth date and the check character.

    >>> is_resident_id("11010519491231002X"), is_resident_id("110105194912310021")
    (True, False)
    >>> is_resident_id("110105194913310028")  # month 13
    False
    """
    if len(number) != 18 or not number[:17].isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(number[:17], _ID_WEIGHTS, strict=True))
    if _ID_CHECK[total % 11] != number[17].upper():
        return False
    try:
        born = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    return dt.date(1900, 1, 1) <= born <= dt.date(2100, 1, 1)


@text_rule(needs="@")
def pii_email(text: str) -> str:
    """Mask e-mail addresses.

    >>> pii_email("投稿请发邮件至zhangsan1987@163.com，我们将尽快回复。")
    '投稿请发邮件至[EMAIL]，我们将尽快回复。'

    Left alone: an ``@`` that is no address (``@人民日报``, ``a@b``).

    >>> pii_email("转发@人民日报，a@b 不是地址")
    '转发@人民日报，a@b 不是地址'
    """
    if "@" not in text:
        return text
    return _EMAIL.sub(PLACEHOLDERS["pii_email"], text)


@text_rule(needs="1[3-9]")
def pii_mobile(text: str) -> str:
    """Mask mainland mobile numbers (11 digits from 13 to 19, any +86 and grouping).

    >>> pii_mobile("联系人：王老师，电话：13812345678；或+86 139-1234-5678。")
    '联系人：王老师，电话：[MOBILE]；或[MOBILE]。'

    Left alone: office and hotline numbers, longer digit runs, amounts and
    counts (``15000000000元``), and resident ID numbers (their own rule).

    >>> pii_mobile("咨询电话：010-12345678、(0755)8888 8888，投资15000000000元。")
    '咨询电话：010-12345678、(0755)8888 8888，投资15000000000元。'
    """
    return _MOBILE.sub(PLACEHOLDERS["pii_mobile"], text)


# (``\d\d{16}`` is ``\d{17}`` written to open with one class: Python's regex engine then skips
# to the digits instead of trying the whole pattern at every character.)
@text_rule(needs=r"\d\d{16}")
def pii_id_number(text: str) -> str:
    """Mask 18-character resident ID numbers whose date and check character are valid.

    >>> pii_id_number("申请人身份证号11010519491231002X，已核实。")
    '申请人身份证号[ID_NUMBER]，已核实。'

    Left alone: 18-digit runs that fail the checksum or the date (document
    numbers, bank references), and 15-digit old-style IDs (no check character
    to tell them from other numbers).

    >>> pii_id_number("文号110105194912310021，编号123456789012345")
    '文号110105194912310021，编号123456789012345'
    """
    return _ID_NUMBER.sub(
        lambda m: PLACEHOLDERS["pii_id_number"] if is_resident_id(m.group(0)) else m.group(0), text
    )


@text_rule(needs="QQ|qq|Qq|ＱＱ")
def pii_qq(text: str) -> str:
    """Mask QQ numbers given with a QQ label; the label stays.

    >>> pii_qq("有意者请加QQ：123456789或QQ群 87654321交流")
    '有意者请加QQ：[QQ]或QQ群 [QQ]交流'

    Left alone: numbers without a QQ label (a bare 5–12 digit number is as
    likely a count or a document number).

    >>> pii_qq("共收到意见123456条")
    '共收到意见123456条'
    """
    if "QQ" not in text.upper() and "ＱＱ" not in text:
        return text
    return _QQ.sub(lambda m: m.group("label") + PLACEHOLDERS["pii_qq"], text)


PII_RULES = (pii_id_number, pii_email, pii_mobile, pii_qq)
"""The rules in the order they run."""

MASK_CACHE = 256
"""Texts whose :func:`mask_pii` is remembered (a page has up to ~50 removed pieces)."""


@lru_cache(maxsize=MASK_CACHE)
def mask_pii(text: str) -> str:
    """Every PII rule over ``text``: for text published outside paragraphs (the removed log).

    >>> mask_pii("联系：13812345678 邮箱 a.b@gov.cn QQ:12345")
    '联系：[MOBILE] 邮箱 [EMAIL] QQ:[QQ]'

    Remembered for the last :data:`MASK_CACHE` texts: the publisher masks each
    removed piece twice (for the documents' rows and for the card's count of
    masked pieces), and a site's furniture is removed from page after page.
    """
    for rule in PII_RULES:
        text = rule(text)
    return text
