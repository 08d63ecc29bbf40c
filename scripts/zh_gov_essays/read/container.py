"""Records of container files (JSON Lines, Parquet) as raw documents."""

from __future__ import annotations

import re

from zh_gov_essays.read.limits import MAX_INPUT_BYTES
from zh_gov_essays.records import RawDoc

_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def _clean_url(value: object) -> str | None:
    """A non-blank string URL, stripped; anything else is ``None``."""
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def record_doc(source: str, text: object, url: object = None) -> RawDoc:
    """The doc for one container record whose text field holds ``text``.

    ``str`` → ``text`` set, ``data`` its UTF-8 (lone surrogates, which JSON
    allows, become U+FFFD); ``bytes`` → ``data`` only, decoded later like a
    file; ``None`` or another type → ``missing_text``.

    >>> doc = record_doc("a.jsonl#1", "中文", " https://x.cn/1 ")
    >>> doc.data, doc.text, doc.url, doc.error
    (b'\\xe4\\xb8\\xad\\xe6\\x96\\x87', '中文', 'https://x.cn/1', None)
    >>> record_doc("a.jsonl#2", 42).error
    'missing_text'
    """
    clean_url = _clean_url(url)
    if isinstance(text, bytes):
        if len(text) > MAX_INPUT_BYTES:
            return RawDoc(source_file=source, data=b"", url=clean_url, error="too_large")
        return RawDoc(source_file=source, data=text, url=clean_url)
    if not isinstance(text, str):
        return RawDoc(source_file=source, data=b"", url=clean_url, error="missing_text")
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:
        text = _SURROGATE_RE.sub("\ufffd", text)
        data = text.encode("utf-8")
    if len(data) > MAX_INPUT_BYTES:
        return RawDoc(source_file=source, data=b"", url=clean_url, error="too_large")
    return RawDoc(source_file=source, data=data, text=text, url=clean_url)
