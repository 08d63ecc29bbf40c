"""``process(raw, context) -> Document``: one document through every stage, in order.

read (decode) → repair every line → join hard-wrapped lines → layout
(furniture, site template, header, body, footer) → metadata (title, date,
source…) → segment (body repairs, page-break joins, headings, sections) →
script (Hans/Hant).  Pure: the same RawDoc and context always give the same
Document, and any engine (local pool, Ray) can run it.  ``context`` is what
:func:`learn_crawl`, the crawl-level first pass, learned from all the inputs
(the sites' template lines); without one a page is cleaned on its own
evidence.  :data:`LABELS` declares every name the pipeline writes into
``removed`` and ``repairs``.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import accumulate

from zh_gov_essays.furniture import FURNITURE
from zh_gov_essays.furniture.runs import FORUM_POSTER, TABLE_OF_CONTENTS
from zh_gov_essays.layout import FOOTER, FORUM_SIGNATURE, SITE_HEADER, classify
from zh_gov_essays.learn import (
    SITE_TEMPLATE,
    CrawlContext,
    PageEvidence,
    TemplateCounter,
    page_evidence,
    site_group,
)
from zh_gov_essays.linewrap import LINE_WRAP_JOIN, join_wrapped_lines
from zh_gov_essays.metadata import HEADER_DEBRIS, TITLE, TITLE_REPEAT, read_metadata
from zh_gov_essays.metadata.record import fill_from_record
from zh_gov_essays.read import decode_raw
from zh_gov_essays.read.decode import DECODE_NOTES, Decoded
from zh_gov_essays.records import Document, Label, RawDoc, Removed
from zh_gov_essays.repair import BODY_REPAIRS, LINE_REPAIRS, WATERMARK_LEARNED, repair_lines
from zh_gov_essays.rules import labels_of
from zh_gov_essays.script import body_scripts
from zh_gov_essays.segment import (
    INVALID_PARAGRAPH,
    PAGE_BREAK_JOIN,
    body_paragraphs,
    split_run_on_page,
)
from zh_gov_essays.vocab.chars import cjk_count

# A document whose kept paragraphs hold fewer CJK characters than this is
# rejected as ``too_short``: a page of furniture with a sentence left over
# is not an essay.
MIN_DOC_CJK_CHARS = 50
# More paragraphs than this is not an essay (a dump of short lines); the
# corpus ids have room for 9,999 per document.
MAX_PARAGRAPHS = 9_999

LABELS: tuple[Label, ...] = (
    *(label for label, _what in DECODE_NOTES.values()),
    *labels_of(LINE_REPAIRS),
    WATERMARK_LEARNED,
    *labels_of(FURNITURE),
    SITE_TEMPLATE,
    FOOTER,
    SITE_HEADER,
    FORUM_SIGNATURE,
    FORUM_POSTER,
    TABLE_OF_CONTENTS,
    TITLE,
    TITLE_REPEAT,
    HEADER_DEBRIS,
    *labels_of(BODY_REPAIRS),
    PAGE_BREAK_JOIN,
    LINE_WRAP_JOIN,
    INVALID_PARAGRAPH,
)
"""Every name the pipeline writes into ``removed.rule`` or ``repairs``, in flow order."""


def label_descriptions() -> dict[str, str]:
    """One line on what each label means, by name (the card's and the report's legend)."""
    return {label.name: label.description for label in LABELS}


def page_lines(decoded: Decoded) -> list[str]:
    """The raw lines of a decoded page, as both passes see them."""
    return split_run_on_page(decoded.text or "")


def input_evidence(raw: RawDoc) -> tuple[str, PageEvidence] | None:
    """What one input tells the crawl-level first pass: its site group and its page evidence.

    ``None`` for a rejected input, and for one whose reading raises (the
    cleaning pass reports it as ``internal_error``).  Numbers only, so a
    worker process can compute it and send it back cheaply.
    """
    try:
        decoded = decode_raw(raw)
        if decoded.reject or decoded.text is None:
            return None
        return site_group(raw), page_evidence(page_lines(decoded))
    except MemoryError:
        raise
    except Exception:  # the cleaning pass reports this input as internal_error
        return None  # one input's bug never stops the build: it only gives no evidence


def crawl_context(evidences: Iterable[tuple[str, PageEvidence] | None]) -> CrawlContext:
    """Count the inputs' evidence (:func:`input_evidence`, in input order) into a context."""
    counter = TemplateCounter()
    for found in evidences:
        if found is not None:
            counter.add(*found)
    return CrawlContext.from_counter(counter)


def learn_crawl(raws: Iterable[RawDoc]) -> CrawlContext:
    """The crawl-level first pass: read every input once and learn its site's template lines.

    Streams: holds one page at a time and, per site group, hashes and counts.
    Rejected inputs give no evidence, and neither does an input whose
    reading raises (the cleaning pass reports it as ``internal_error``).
    The local engine runs :func:`input_evidence` on its worker pool and
    counts with :func:`crawl_context`: the same context.
    """
    return crawl_context(map(input_evidence, raws))


def process(raw: RawDoc, context: CrawlContext | None = None) -> Document:
    """Clean one raw input into a :class:`Document` (or a rejected one).

    ``context`` (from :func:`learn_crawl`) supplies the template lines of
    ``raw``'s site; ``None`` cleans the page on its own.  Never raises on bad
    input: undecodable, empty, binary or non-Chinese inputs come back with
    ``reject_reason`` set.
    """
    doc = Document(
        doc_id=raw.doc_id,
        source_file=raw.source_file,
        raw_sha256=raw.raw_sha256,
        url=raw.url,
        record_id=raw.record_id,
    )
    decoded = decode_raw(raw)
    doc.encoding = decoded.encoding
    if decoded.reject or decoded.text is None:
        doc.reject_reason = decoded.reject or "undecodable"
        return doc
    lines = join_wrapped_lines(repair_lines(page_lines(decoded)))
    templates = context.templates_for(raw) if context is not None else frozenset()
    start, _end = classify(lines, templates)
    read_metadata(doc, lines, start)
    paragraphs = body_paragraphs(lines, doc.removed)
    for note in (decoded.note or "").split(","):
        if note in DECODE_NOTES:
            label, what = DECODE_NOTES[note]
            doc.removed.insert(0, Removed(label.name, what))
    if paragraphs:
        doc.script, scripts = body_scripts([p.text for p in paragraphs])
        for paragraph, script in zip(paragraphs, scripts, strict=True):
            paragraph.script = script
    doc.paragraphs = paragraphs
    if not doc.paragraphs:
        doc.reject_reason = "no_content"
    elif len(doc.paragraphs) > MAX_PARAGRAPHS:
        doc.reject_reason = "too_many_paragraphs"
    elif all(
        # The running total: counting stops at the paragraph that reaches the minimum.
        total < MIN_DOC_CJK_CHARS
        for total in accumulate(cjk_count(p.text) for p in doc.paragraphs)
    ):
        doc.reject_reason = "too_short"
    fill_from_record(doc, raw)
    return doc
