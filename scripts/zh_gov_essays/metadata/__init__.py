"""Document metadata, decided in one place: title, date, source, category, tags, editor.

:func:`read_metadata` runs after the layout has labelled the page's
furniture.  It chooses the title and labels the header's remaining lines
(:mod:`.title`), then reads the date (:mod:`.page_date`), the hosting site
(:mod:`.source`), and the category, tags and editor (:mod:`.fields`) out of
the labelled lines.  The body is never mined for them, and what the page
does not say stays ``None``.
"""

from __future__ import annotations

import functools
import re

from zh_gov_essays.furniture import breadcrumb, paper_metadata, tag_list, truncation_notice
from zh_gov_essays.metadata.fields import category_from_breadcrumb, editor_from_line, tags_from_line
from zh_gov_essays.metadata.page_date import page_date
from zh_gov_essays.metadata.source import page_source
from zh_gov_essays.metadata.title import HEADER_DEBRIS, TITLE, TITLE_REPEAT, label_header
from zh_gov_essays.records import Document, Line
from zh_gov_essays.repair import WATERMARK_LEARNED, watermark
from zh_gov_essays.repair.punct import punct_fullwidth
from zh_gov_essays.script import document_script
from zh_gov_essays.vocab.labels import COPYRIGHT

__all__ = ["HEADER_DEBRIS", "TITLE", "TITLE_REPEAT", "read_metadata"]

_COPYRIGHT_MARK = re.compile(f"(?:{COPYRIGHT})$")


def read_metadata(doc: Document, lines: list[Line], start: int) -> None:
    """Label the header lines and fill ``doc``'s metadata from the labelled lines.

    ``start`` is the index of the first body line the layout found.
    """
    title = label_header(lines, start)

    @functools.cache
    def roc() -> bool:  # asked only when a metadata line holds no Gregorian date
        return (
            document_script(line.text for line in lines if line.label is None and line.text)
            == "Hant"
        )

    marks = [
        m.text
        for line in lines
        for m in line.removed
        if m.rule in (watermark.name, WATERMARK_LEARNED.name) and _COPYRIGHT_MARK.search(m.text)
    ]
    doc.title = punct_fullwidth(title) if title else None
    doc.date = page_date(lines, roc)
    doc.source = page_source(lines, marks)
    for line in lines:
        if line.label == breadcrumb.label and not doc.category:
            doc.category = category_from_breadcrumb(line.text, title)
            if doc.title and doc.category:
                # "校長的話：以服務學習…" under the breadcrumb level 校長的話.
                column = re.escape(doc.category[-1])
                doc.title = re.sub(rf"^{column}\s*[:：｜|/／]\s*(?=\S)", "", doc.title)
        elif line.label in (tag_list.label, paper_metadata.label) and not doc.tags:
            doc.tags = tags_from_line(line.text)
        if line.label is not None and doc.editor is None and line.label != TITLE:
            doc.editor = editor_from_line(line.text)
        if line.label == truncation_notice.label:
            doc.truncated = True
