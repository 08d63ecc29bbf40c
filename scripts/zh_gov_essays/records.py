"""Typed records that flow through the pipeline.

A raw input becomes a :class:`RawDoc`; :func:`zh_gov_essays.pipeline.process`
splits it into :class:`Line` s, and turns it into one :class:`Document`
holding its kept :class:`Paragraph` s and the :class:`Removed` log.  Everything downstream (corpus steps, publishing,
``inspect``) reads these dataclasses, never loose dicts.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit


def sha256_hex(data: bytes) -> str:
    """Hex sha256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


def reason_code(reason: str | None) -> str | None:
    """The code of a reject reason: reasons are a code, or a code and a detail after ``": "``.

    Counts and exit statuses go by the code; the manifest keeps the detail.

    >>> reason_code("too_short"), reason_code("internal_error: IndexError: list index out of range")
    ('too_short', 'internal_error')
    >>> reason_code("not_chinese: korean (euc-kr)"), reason_code(None)
    ('not_chinese', None)
    """
    return None if reason is None else reason.split(": ", 1)[0]


@dataclass(frozen=True)
class RawDoc:
    """One input file (or one record of a JSONL/JSON/Parquet/WARC input) as bytes.

    ``source_file`` is the path relative to the input root (prefixed by the
    root's name when a build reads several roots; ``%`` and ``#`` in names
    are percent-encoded); for records of a container file it carries a
    ``#N`` suffix with the record's number or, in a WARC, its byte offset.
    ``text`` is set when the container already holds decoded text (JSONL,
    JSON, Parquet); ``data`` are then its UTF-8 bytes, so ``doc_id`` stays a
    hash of what was read.

    What the container says about the page, as written there (cleaned of
    lone surrogates and blank values), for :mod:`zh_gov_essays.metadata.record`
    to use where the page itself says nothing: ``url``, ``title``, ``date``
    (a string: ISO, or a timestamp), ``record_id`` (the record's own ``id``),
    ``site_name`` (trafilatura's ``sitename``).  ``encoding_hint`` is the
    charset a WARC's HTTP headers declared, tried first when decoding.
    """

    source_file: str
    data: bytes
    text: str | None = None
    url: str | None = None
    error: str | None = None
    title: str | None = None
    date: str | None = None
    record_id: str | None = None
    site_name: str | None = None
    encoding_hint: str | None = None

    @property
    def raw_sha256(self) -> str:
        return sha256_hex(self.data)

    @property
    def doc_id(self) -> str:
        return self.raw_sha256[:16]

    @property
    def site_key(self) -> str | None:
        """The site this input comes from, as a grouping key: its URL's host.

        Lower case, without port, trailing dot or a leading ``www.``; ``None``
        without a URL (files on disk: their folder is no evidence of a site).

        >>> RawDoc("a.jsonl#1", b"", url="https://WWW.Gov.cn:443/zhengce/1.htm").site_key
        'gov.cn'
        >>> RawDoc("a.txt", b"").site_key is None
        True
        """
        return url_site_key(self.url)


def url_site_key(url: str | None) -> str | None:
    """The host of ``url`` as a site key (see :attr:`RawDoc.site_key`).

    >>> url_site_key("http://sthj.example.gov.cn./a?b=1"), url_site_key("not a url")
    ('sthj.example.gov.cn', None)
    """
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:  # e.g. an invalid IPv6 literal
        return None
    if not host:
        return None
    host = host.rstrip(".")
    return host.removeprefix("www.") or None


@dataclass(frozen=True)
class Label:
    """A name the pipeline writes into ``removed.rule`` or ``repairs``, and what it means.

    Each label is declared once, next to the code that writes it (a rule's
    label is its name and the first line of its docstring).
    """

    name: str
    description: str


@dataclass(frozen=True)
class Removed:
    """A piece of raw text that did not make it into any paragraph."""

    rule: str
    text: str


@dataclass
class Line:
    """One raw line of a page on its way through the pipeline, and what became of it.

    ``text`` is the line after the line repairs; ``repairs`` (in the order
    they ran) and ``removed`` are what they did; ``label`` names the rule or stage that removed the
    whole line (``None`` while it is kept); ``after_page_break`` marks a kept
    line that follows a page number.  A paragraph hard-wrapped over several
    page lines is one ``Line`` whose ``parts`` are those page lines.
    """

    raw: str
    text: str
    repairs: list[str] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    label: Label | None = None
    after_page_break: bool = False
    number: int = 0  # 0-based position among the page's lines
    parts: list[Line] = field(default_factory=list)


@dataclass
class Paragraph:
    """One kept paragraph of a document."""

    text: str
    kind: str = "body"  # "heading" or "body"
    heading_level: int | None = None
    section: str | None = None
    script: str | None = None  # "Hans" / "Hant"
    repairs: list[str] = field(default_factory=list)
    dup_of: str | None = None
    # Positions of the page lines it was made from (several when a page break
    # was joined); kept for replaying and reviewing, not published.
    lines: list[int] = field(default_factory=list)


@dataclass
class Document:
    """One essay after cleaning, or a rejected input (``reject_reason`` set)."""

    doc_id: str
    source_file: str
    raw_sha256: str
    encoding: str | None = None
    title: str | None = None
    source: str | None = None
    url: str | None = None
    date: dt.date | None = None
    script: str | None = None
    category: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    editor: str | None = None
    truncated: bool = False
    paragraphs: list[Paragraph] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    reject_reason: str | None = None
    dup_of: str | None = None
    record_id: str | None = None  # the ``id`` its container record gave, if any
    dup_cluster: str | None = None
    # The duplicate finder's per-document signatures (a
    # ``zh_gov_essays.fingerprint.Fingerprint``), set by the engines after
    # ``process``; never published, never compared.
    fingerprint: Any = field(default=None, repr=False, compare=False)
    # 64-bit digests of the paragraph texts the publishing gate's paragraph
    # check passed in the worker (``zh_gov_essays.invariants.text_digest``),
    # so that the parent re-checks only others; never published, never compared.
    checked: tuple[int, ...] = field(default=(), repr=False, compare=False)

    @property
    def kept(self) -> bool:
        return self.reject_reason is None

    @property
    def text(self) -> str:
        return "\n\n".join(p.text for p in self.paragraphs)

    @property
    def num_chars(self) -> int:
        return sum(len(p.text) for p in self.paragraphs)

    def paragraph_id(self, index: int) -> str:
        return f"{self.doc_id}-{index:04d}"

    def to_inspect(self) -> dict:
        """The ``inspect`` JSON object: the stable contract of DESIGN.md."""
        return {
            "source_file": self.source_file,
            "doc_id": self.doc_id,
            "record_id": self.record_id,
            "status": "kept" if self.kept else "rejected",
            "reason": self.reject_reason,
            "encoding": self.encoding,
            "title": self.title,
            "date": self.date.isoformat() if self.date else None,
            "source": self.source,
            "url": self.url,
            "script": self.script,
            "category": list(self.category),
            "tags": list(self.tags),
            "editor": self.editor,
            "truncated": self.truncated,
            "paragraphs": [
                {
                    "text": p.text,
                    "kind": p.kind,
                    "heading_level": p.heading_level,
                    "section": p.section,
                    "script": p.script,
                    "repairs": list(p.repairs),
                }
                for p in self.paragraphs
            ],
            "removed": [{"rule": r.rule, "text": r.text} for r in self.removed],
        }
