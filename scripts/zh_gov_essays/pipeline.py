"""``process(raw) -> Document``: one document through every stage, in order.

decode (:mod:`read`) → repair every line (:mod:`repair`, :mod:`rules`) →
classify lines and find header, body and footer (:mod:`layout`) → title,
date, source… (:mod:`pagemeta`) → body rules → page-break joins, headings,
sections (:mod:`segment`) → script (:mod:`script`).  Pure: the same RawDoc
always gives the same Document, and any engine (local pool, Ray) can run it.
"""

from __future__ import annotations

from functools import partial

from zh_gov_essays import lines as L
from zh_gov_essays.invariants import paragraph_problems
from zh_gov_essays.layout import Line, classify, first_header_body, names_site
from zh_gov_essays.meta import title_key
from zh_gov_essays.pagemeta import MAX_TITLE_CHARS, MIN_TITLE_CJK, choose_title, fill_metadata
from zh_gov_essays.read import decode_raw
from zh_gov_essays.records import Document, Paragraph, RawDoc, Removed
from zh_gov_essays.repair.watermark import learn_watermarks, strip_watermarks
from zh_gov_essays.rules import TextRule, apply_text_rules, ordered_text_rules
from zh_gov_essays.script import ScriptEvidence, evidence
from zh_gov_essays.segment import (
    BodyLine,
    assign_sections,
    heading_level,
    join_page_breaks,
    split_flat_furniture,
    split_run_on,
)

# A document whose kept paragraphs hold fewer CJK characters than this is
# rejected as ``too_short``: a page of furniture with a sentence left over
# is not an essay.
MIN_DOC_CJK_CHARS = 50
# A line this long with no line break around it is a run-on text.
RUN_ON_CHARS = 150
# More paragraphs than this is not an essay (a dump of short lines); the
# corpus ids have room for 9,999 per document.
MAX_PARAGRAPHS = 9_999
# What decoding itself left out, logged so that nothing goes silently.
DECODE_NOTES = {
    "truncated_tail": "an incomplete character at the very end of the file",
    "html": "HTML markup, and the content of head, script and style elements",
    "replaced_bad_bytes": "a few undecodable bytes (each replaced by U+FFFD, then deleted)",
}


def _repair_lines(raw_lines: list[str]) -> list[Line]:
    rules = ordered_text_rules("line")
    out = []
    for raw in raw_lines:
        result = apply_text_rules(raw, rules)
        out.append(Line(raw=raw, text=result.text, repairs=result.repairs, removed=result.removed))
    marks = learn_watermarks(line.text for line in out)
    if marks:
        learned = [TextRule("watermark", partial(strip_watermarks, marks=marks), True, 60, "line")]
        for line in out:
            again = apply_text_rules(line.text, learned)
            if again.repairs:
                line.text = again.text
                line.repairs = sorted({*line.repairs, *again.repairs})
                line.removed.extend(again.removed)
    return out


def _split_run_on(text: str) -> list[str]:
    """Break a text that arrived as one long line into lines at its headings."""
    lines = text.split("\n")
    if sum(1 for ln in lines if ln.strip()) > 3 or not any(len(ln) > RUN_ON_CHARS for ln in lines):
        return lines
    out: list[str] = []
    for ln in lines:
        if len(ln) <= RUN_ON_CHARS:
            out.append(ln)
            continue
        pieces = [p for part in split_flat_furniture(ln) for p in split_run_on(part)]
        first = pieces[0]
        head, _, rest = first.strip().partition(" ")
        if (
            rest
            and len(head) <= MAX_TITLE_CHARS
            and L.cjk_count(head) >= MIN_TITLE_CJK
            and L.cjk_count(rest[:1])
            and not L.SENTENCE_PUNCT.search(head)
        ):
            pieces[0:1] = [head, rest]
        for piece in pieces:
            level_head, _, body = piece.partition(" ")
            if body and heading_level(level_head) is not None:
                out.extend([level_head, body])
            else:
                out.append(piece)
    return out


def process(raw: RawDoc) -> Document:
    """Clean one raw input into a :class:`Document` (or a rejected one).

    Never raises on bad input: undecodable, empty, binary or non-Chinese
    inputs come back with ``reject_reason`` set.
    """
    doc = Document(
        doc_id=raw.doc_id, source_file=raw.source_file, raw_sha256=raw.raw_sha256, url=raw.url
    )
    decoded = decode_raw(raw)
    doc.encoding = decoded.encoding
    if decoded.reject or decoded.text is None:
        doc.reject_reason = decoded.reject or "undecodable"
        return doc
    lines = _repair_lines(_split_run_on(decoded.text))
    marks = [m.text for line in lines for m in line.removed if m.rule == "watermark"]
    start, _end = classify(lines)
    title_index, title = choose_title(lines, start)
    tkey = title_key(title) if title else None
    first_body = first_header_body(lines, start, title_index)
    for i, line in enumerate(lines):
        if not line.text:
            continue
        if i == title_index:
            line.label = "title"
        elif tkey and line.label is None and title_key(line.text) == tkey:
            line.label = "title_repeat"
        elif line.label is None and i < first_body:
            line.label = "site_header" if names_site(line.text) else "header_debris"
    fill_metadata(doc, lines, title, marks)
    _build_paragraphs(doc, lines)
    for note in (decoded.note or "").split(","):
        if note in DECODE_NOTES:
            doc.removed.insert(0, Removed(note, DECODE_NOTES[note]))
    if not doc.paragraphs:
        doc.reject_reason = "no_content"
    elif len(doc.paragraphs) > MAX_PARAGRAPHS:
        doc.reject_reason = "too_many_paragraphs"
    elif sum(L.cjk_count(p.text) for p in doc.paragraphs) < MIN_DOC_CJK_CHARS:
        doc.reject_reason = "too_short"
    return doc


def _build_paragraphs(doc: Document, lines: list[Line]) -> None:
    body_rules = ordered_text_rules("body")
    kept: list[BodyLine] = []
    for line in lines:
        if line.label is not None and line.text:
            # The whole raw line goes under the line's rule; what text rules
            # cut from it before would be counted twice.
            doc.removed.append(Removed(line.label, line.raw.strip()))
            continue
        doc.removed.extend(line.removed)
        if not line.text:
            continue
        result = apply_text_rules(line.text, body_rules)
        doc.removed.extend(result.removed)
        text = result.text
        if not text or L.punctuation_only(text):
            if text:
                doc.removed.append(Removed("punctuation_only", text))
            continue
        kept.append(BodyLine(text, sorted({*line.repairs, *result.repairs}), line.after_page_break))
    blocks = []
    for block in join_page_breaks(kept):
        # The validation gate's checks, per paragraph: what still fails them
        # is dropped and logged here, so one bad page never blocks a build.
        if paragraph_problems(block.text):
            doc.removed.append(Removed("invalid_paragraph", block.text))
        else:
            blocks.append(block)
    levels = [heading_level(b.text) for b in blocks]
    sections = assign_sections(levels, [b.text for b in blocks])
    # One OpenCC pass per paragraph: its evidence gives the paragraph's
    # verdict, and their sum the document's.
    evidences = [evidence(b.text) for b in blocks]
    doc.script = (sum(evidences, ScriptEvidence(0, 0)).verdict or "Hans") if blocks else None
    for block, level, section, ev in zip(blocks, levels, sections, evidences, strict=True):
        doc.paragraphs.append(
            Paragraph(
                text=block.text,
                kind="heading" if level is not None else "body",
                heading_level=level,
                section=section,
                script=ev.verdict or doc.script,
                repairs=block.repairs,
            )
        )
