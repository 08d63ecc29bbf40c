"""Dates as pages print them: ISO, Chinese, slashed, and Taiwan (ROC) years."""

from __future__ import annotations

import datetime as dt
import re

# Years outside this window are not publication dates of this genre.
MIN_YEAR, MAX_YEAR = 1949, 2035
# ROC (Minguo) years: year 1 = 1912.
ROC_OFFSET = 1911

_SEP = r"\s*[-/.．]\s*"
_GREGORIAN = re.compile(
    rf"(?<!\d)(?P<y>(?:19|20)\d\d)(?:{_SEP}(?P<m>\d{{1,2}}){_SEP}(?P<d>\d{{1,2}})(?!\d)"
    r"|\s*年\s*(?P<m2>\d{1,2})\s*月\s*(?P<d2>\d{1,2})\s*日?)"
)
# "2021 五月 12 週三 10:25": a month in Chinese numerals between the year and the day.
_CN_MONTHS = {c: i for i, c in enumerate("一二三四五六七八九十", 1)} | {"十一": 11, "十二": 12}
_CN_MONTH_DATE = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d\d)\s*年?\s*(?P<m>十[一二]?|[一二三四五六七八九])月\s*(?P<d>\d{1,2})(?!\d)"
)
_ROC = re.compile(
    rf"(?<![\d.])(?P<y>1[0-4]\d|[4-9]\d)(?:{_SEP}(?P<m>\d{{1,2}}){_SEP}(?P<d>\d{{1,2}})(?![\d.])"
    r"|\s*年\s*(?P<m2>\d{1,2})\s*月\s*(?P<d2>\d{1,2})\s*日?)"
)
_DAY_FIRST = re.compile(r"(?<![\d.])(\d{1,2})([/.])(\d{1,2})\2((?:19|20)\d\d)(?![\d.])")
_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
# "Tue Mar 14 21:33:05 2023" (ctime, as bulletin boards print it)
_ENGLISH = re.compile(
    r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+(\d{1,2})"
    r"(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?,?\s+((?:19|20)\d\d)\b"
)
_ROC_COMPACT = re.compile(r"(?<!\d)(?P<y>1[0-4]\d)(?P<m>[01]\d)(?P<d>[0-3]\d)(?!\d)")


def _make(year: int, month: int, day: int) -> dt.date | None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


# Full-width digits and separators (``２０２２－０８－１９``) read as ASCII.
_WIDE = str.maketrans("０１２３４５６７８９－／．：", "0123456789-/.:")


def find_date(text: str, *, roc: bool = False) -> dt.date | None:
    """The first complete date (year, month, day) printed in ``text``.

    >>> find_date("更新时间:2016-05-18 14:52:37")
    datetime.date(2016, 5, 18)
    >>> find_date("2020年05月28日07:11    來源:人民網")
    datetime.date(2020, 5, 28)
    >>> find_date("发布于 2016/5/18")
    datetime.date(2016, 5, 18)

    With ``roc=True`` (Taiwan pages) Minguo years are converted too:

    >>> find_date("最後更新日期:112-06-08", roc=True)
    datetime.date(2023, 6, 8)
    >>> find_date("辦理時間 1091111", roc=True)
    datetime.date(2020, 11, 11)

    Left alone: partial dates (``2019年5期``, ``3月15日``) and impossible
    ones (``2016-13-40``) give ``None``.

    >>> find_date("中共中央党校学报 2019年5期") is None, find_date("2016-13-40") is None
    (True, True)

    Day-first and English dates, as Hong Kong pages and bulletin boards print them:

    >>> find_date("2021 五月 12 週三 10:25"), find_date("發布日期︰07.11.2023")
    (datetime.date(2021, 5, 12), datetime.date(2023, 11, 7))
    >>> find_date("發布日期︰07.11.2023")
    datetime.date(2023, 11, 7)
    >>> find_date("日期: 15/04/2023"), find_date("時間Tue Mar 14 21:33:05 2023")
    (datetime.date(2023, 4, 15), datetime.date(2023, 3, 14))

    Full-width digits count: ``find_date("２０２２－０８－１９")`` is 2022-08-19.

    >>> find_date("２０２２－０８－１９")
    datetime.date(2022, 8, 19)
    """
    text = text.translate(_WIDE)
    for m in _GREGORIAN.finditer(text):
        month = m.group("m") or m.group("m2")
        day = m.group("d") or m.group("d2")
        got = _make(int(m.group("y")), int(month), int(day))
        if got:
            return got
    for m in _DAY_FIRST.finditer(text):
        # 15/04/2023, 07.11.2023: day first, as Hong Kong and Macau print them
        # (Chinese pages put the year first otherwise; the year last, with a
        # day before the month, is their convention, not the American one).
        day, month, year = int(m.group(1)), int(m.group(3)), int(m.group(4))
        got = _make(year, month, day)
        if got:
            return got
    m = _CN_MONTH_DATE.search(text)
    if m:
        got = _make(int(m.group("y")), _CN_MONTHS[m.group("m")], int(m.group("d")))
        if got:
            return got
    m = _ENGLISH.search(text)
    if m:
        got = _make(int(m.group(3)), _MONTHS.index(m.group(1).lower()[:3]) + 1, int(m.group(2)))
        if got:
            return got
    if roc:
        for pattern in (_ROC, _ROC_COMPACT):
            for m in pattern.finditer(text):
                month = m.groupdict().get("m") or m.groupdict().get("m2")
                day = m.groupdict().get("d") or m.groupdict().get("d2")
                got = _make(int(m.group("y")) + ROC_OFFSET, int(month), int(day))
                if got:
                    return got
    return None


# Everything that can make up a date/time stamp, for measuring what else a
# line holds.
_DATE_TIME_SPAN = re.compile(
    r"(?:(?:19|20)\d\d|1[0-4]\d)\s*[-/.．年]\s*\d{1,2}\s*[-/.．月]\s*\d{1,2}\s*日?"
    r"(?:\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?"
    r"|(?<!\d)1[0-4]\d[01]\d[0-3]\d(?!\d)"
)


def strip_dates(text: str) -> str:
    """``text`` without its date and time stamps (full-width digits included).

    >>> strip_dates("发布时间:2019-12-30 09:15 浏览:0次")
    '发布时间: 浏览:0次'
    """
    return _DATE_TIME_SPAN.sub("", text.translate(_WIDE))
