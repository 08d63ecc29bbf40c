"""Records of container files (JSON Lines, JSON, Parquet) as raw documents.

A record is an object with a ``text`` field and, optionally, what the tool
that wrote it knew about the page.  The field names are those of the two
tools crawls usually go through:

* trafilatura's JSON output: ``text``, ``title``, ``date`` (the publication
  date it found, ``YYYY-MM-DD``), ``id``, ``source`` (the page URL) and
  ``source-hostname`` (the site's name);
* datatrove's writers: ``text``, ``id`` and a ``metadata`` object holding
  ``url`` and ``date`` (its WARC reader's ``date`` is the WARC-Date, the
  time of the fetch), or the same keys at the top level with
  ``expand_metadata=True``.

Plain ``url``, ``title``, ``date``, ``id`` and ``sitename`` columns work the
same.  Values are kept as written (cleaned of lone surrogates and blanks);
deciding what they mean for the document is :mod:`zh_gov_essays.metadata.record`'s job.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass

from zh_gov_essays.read.limits import MAX_INPUT_BYTES
from zh_gov_essays.records import RawDoc

_SURROGATE_RE = re.compile("[\ud800-\udfff]")


# Longest metadata value kept (a URL, title, date or id).  Real ones are far
# shorter; a field holding a whole page is not metadata.
MAX_FIELD_CHARS = 2_048


# Where each field is looked for in a record, first match wins; a name
# inside ``metadata`` is datatrove's nesting.
URL_KEYS = ("url", "metadata.url", "source")
TITLE_KEYS = ("title", "metadata.title")
DATE_KEYS = ("date", "metadata.date")
ID_KEYS = ("id", "metadata.id")
SITE_KEYS = ("sitename", "source-hostname", "metadata.sitename")


# Columns a Parquet reader asks for besides ``text`` (the top-level names above).
FIELD_COLUMNS = ("url", "source", "title", "date", "id", "sitename", "source-hostname", "metadata")


@dataclass(frozen=True)
class RecordMeta:
    """What a record says about its page besides the text (see :class:`RawDoc`)."""

    url: str | None = None
    title: str | None = None
    date: str | None = None
    record_id: str | None = None
    site_name: str | None = None


def clean_field(value: object) -> str | None:
    """A metadata value as a clean one-line string, or ``None``.

    Strings are stripped, lone surrogates become U+FFFD, inner whitespace
    runs become one space; numbers (an integer ``id``) become their decimal
    form, dates and timestamps (Parquet) their ISO form.  Blank, over-long
    (:data:`MAX_FIELD_CHARS`) and other values give ``None``.

    >>> clean_field("  人民网\\n 首页 "), clean_field(42), clean_field(dt.date(2023, 5, 1))
    ('人民网 首页', '42', '2023-05-01')
    >>> clean_field("\\ud800x"), clean_field(" "), clean_field(["a"]), clean_field(True)
    ('\\ufffdx', None, None, None)
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        value = str(value)
    elif isinstance(value, dt.date):  # datetime is a date too
        value = value.isoformat()
    if not isinstance(value, str):
        return None
    value = " ".join(_SURROGATE_RE.sub("\ufffd", value).split())
    if not value or len(value) > MAX_FIELD_CHARS:
        return None
    return value


def _lookup(record: Mapping, key: str) -> object:
    if key.startswith("metadata."):
        nested = record.get("metadata")
        return nested.get(key[9:]) if isinstance(nested, Mapping) else None
    return record.get(key)


def _first(record: Mapping, keys: tuple[str, ...], *, url: bool = False) -> str | None:
    for key in keys:
        value = clean_field(_lookup(record, key))
        if value is None:
            continue
        if url and not re.match(r"(?i)https?://\S+$", value):
            continue  # "source" holds a site name in some dumps, a URL in trafilatura's
        return value
    return None


def record_meta(record: Mapping) -> RecordMeta:
    """The page metadata of one record (see the module docstring for the names).

    >>> record_meta({"text": "…", "source": "https://www.gov.cn/a.htm", "title": " 标题 ",
    ...              "source-hostname": "中国政府网", "date": "2023-05-01", "id": 7})
    RecordMeta(url='https://www.gov.cn/a.htm', title='标题', date='2023-05-01', record_id='7', site_name='中国政府网')
    >>> record_meta({"id": "<urn:uuid:1>", "metadata": {"url": "http://x.cn/", "date": "2019-08-17T22:31:50Z"}})
    RecordMeta(url='http://x.cn/', title=None, date='2019-08-17T22:31:50Z', record_id='<urn:uuid:1>', site_name=None)

    Left alone: a ``source`` that is not an http(s) URL (a site's name in
    some dumps) is not taken for the URL.
    """
    return RecordMeta(
        url=_first(record, URL_KEYS, url=True),
        title=_first(record, TITLE_KEYS),
        date=_first(record, DATE_KEYS),
        record_id=_first(record, ID_KEYS),
        site_name=_first(record, SITE_KEYS),
    )


def record_doc(
    source: str, text: object, url: object = None, meta: RecordMeta | None = None
) -> RawDoc:
    """The doc for one container record whose text field holds ``text``.

    ``str`` → ``text`` set, ``data`` its UTF-8 (lone surrogates, which JSON
    allows, become U+FFFD); ``bytes`` → ``data`` only, decoded later like a
    file; ``None`` or another type → ``missing_text``.  ``meta`` (or just
    ``url``) is carried along.

    >>> doc = record_doc("a.jsonl#1", "中文", " https://x.cn/1 ")
    >>> doc.data, doc.text, doc.url, doc.error
    (b'\\xe4\\xb8\\xad\\xe6\\x96\\x87', '中文', 'https://x.cn/1', None)
    >>> record_doc("a.jsonl#2", 42).error
    'missing_text'
    """
    if meta is None:
        meta = RecordMeta(url=clean_field(url))
    fields = {
        "url": meta.url,
        "title": meta.title,
        "date": meta.date,
        "record_id": meta.record_id,
        "site_name": meta.site_name,
    }
    if isinstance(text, bytes):
        if len(text) > MAX_INPUT_BYTES:
            return RawDoc(source_file=source, data=b"", error="too_large", **fields)
        return RawDoc(source_file=source, data=text, **fields)
    if not isinstance(text, str):
        return RawDoc(source_file=source, data=b"", error="missing_text", **fields)
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:
        text = _SURROGATE_RE.sub("\ufffd", text)
        data = text.encode("utf-8")
    if len(data) > MAX_INPUT_BYTES:
        return RawDoc(source_file=source, data=b"", error="too_large", **fields)
    return RawDoc(source_file=source, data=data, text=text, **fields)


def doc_from_record(source: str, record: object, raw: bytes = b"") -> RawDoc:
    """The doc for one parsed JSON value of a JSONL or JSON file.

    An object gives :func:`record_doc` of its ``text`` and :func:`record_meta`;
    anything else (an array, a number, a string) is ``not_a_record``.  Where
    the record is rejected, ``data`` keeps ``raw`` (its bytes in the file), so
    distinct bad records get distinct ``doc_id`` s.

    >>> doc_from_record("a.json#1", {"text": "正文", "url": "https://x.cn/"}).url
    'https://x.cn/'
    >>> doc_from_record("a.json#2", [1, 2], b"[1, 2]").error
    'not_a_record'
    """
    if not isinstance(record, dict):
        return RawDoc(source_file=source, data=raw, error="not_a_record")
    doc = record_doc(source, record.get("text"), meta=record_meta(record))
    if doc.error == "missing_text":
        return RawDoc(source_file=source, data=raw, url=doc.url, error="missing_text")
    return doc
