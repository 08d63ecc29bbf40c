"""What a dump record says about its page, used where the page itself says nothing.

Crawl dumps (JSON Lines, JSON, Parquet, WARC) carry a ``url``, and often a
``title``, ``date``, ``id`` and site name beside the text
(:mod:`zh_gov_essays.read.container`).  The page's own printed metadata,
found by the cleaning rules, always wins; :func:`fill_from_record` only
fills what is still unknown once the page has been read.
"""

from __future__ import annotations

import datetime as dt
import re

from zh_gov_essays.metadata.decorations import clean_title
from zh_gov_essays.records import Document, RawDoc
from zh_gov_essays.repair.punct import punct_fullwidth
from zh_gov_essays.vocab.dates import find_date

# A time of day that is not midnight: the value is a moment (a fetch time
# such as a WARC-Date, ``2019-08-17T22:31:50Z``), not a publication date.
_TIME_OF_DAY = re.compile(r"(?<!\d)\d{1,2}:\d{2}")
_MIDNIGHT = re.compile(r"(?<!\d)0?0:00(?::00(?:\.0+)?)?(?!\d)")


def record_date(value: str | None) -> dt.date | None:
    """A record's ``date`` as a publication date, or ``None``.

    A date in any form the pages use (``2023-05-01``, ``2023年5月1日``), or
    a timestamp at midnight (a date stored as a timestamp), is a date.
    Left alone: a timestamp with a time of day, which is when the page was
    fetched (datatrove's ``date`` is the WARC-Date), not when it was written.

    >>> record_date("2023-05-01"), record_date("2023-05-01T00:00:00+08:00")
    (datetime.date(2023, 5, 1), datetime.date(2023, 5, 1))
    >>> record_date("2019-08-17T22:31:50Z") is None, record_date("明天") is None
    (True, True)
    """
    if not value:
        return None
    if _TIME_OF_DAY.search(value) and not _MIDNIGHT.search(value):
        return None
    return find_date(value)


def record_title(value: str | None) -> str | None:
    """A record's ``title`` cleaned like a page's title (site suffixes off, punctuation full-width).

    >>> record_title("关于加强机关作风建设的意见_中国政府网")
    '关于加强机关作风建设的意见'
    """
    if not value:
        return None
    return punct_fullwidth(clean_title(value)) or None


def fill_from_record(doc: Document, raw: RawDoc) -> None:
    """Fill what the page did not say from what its dump record says.

    ``title`` is the record's cleaned title (:func:`record_title`), ``date``
    its date (:func:`record_date`), ``source`` its site name, else the URL's
    host (:attr:`RawDoc.site_key`); each only where the page's own metadata
    left the field empty.  (``url`` and ``record_id`` are the record's as
    they are: a page never prints its own.)
    """
    if doc.title is None:
        doc.title = record_title(raw.title)
    if doc.date is None:
        doc.date = record_date(raw.date)
    if doc.source is None:
        doc.source = raw.site_name or raw.site_key
