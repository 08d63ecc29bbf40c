"""One document as the page's script receives it: metadata, raw lines, paragraphs.

Rules are referred to by their index in the page's rule list (their rank), so
each line costs a few bytes beyond its text.  A raw line is
``[text, rule or -1, [[start, end, rule], …], [kept paragraphs it became]]``; a paragraph
is ``[text, kind, heading_level, section, [repair rules], dup_of]``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from zh_gov_essays.read.decode import DECODE_NOTES
from zh_gov_essays.report.align import align
from zh_gov_essays.report.rawpage import RawPage
from zh_gov_essays.segment import split_run_on_page

# Names of what decoding removed before there were lines: shown as notes, not lines.
DECODE_LABELS = frozenset(label.name for label, _what in DECODE_NOTES.values())


def _iso(value: object) -> str | None:
    if isinstance(value, dt.date):
        return value.isoformat()
    return None if value is None else str(value)


def document_payload(
    doc: dict, paragraphs: list[dict], raw: RawPage | None, index: dict[str, int]
) -> dict[str, Any]:
    """The page's record of one document (``index``: rule name → its number on the page)."""
    removed = [(r["rule"], r["text"] or "") for r in doc.get("removed") or ()]
    notes = [rule for rule, _ in removed if rule in DECODE_LABELS]
    logged = [(rule, text) for rule, text in removed if rule not in DECODE_LABELS]
    texts = [p.get("text") or "" for p in paragraphs]
    counts: dict[int, int] = {}
    for rule, _ in removed:
        counts[index[rule]] = counts.get(index[rule], 0) + 1
    repairs = sorted({index[name] for p in paragraphs for name in p.get("repairs") or ()})
    out: dict[str, Any] = {
        "id": doc["doc_id"],
        "title": doc.get("title"),
        "date": _iso(doc.get("date")),
        "source": doc.get("source"),
        "url": doc.get("url"),
        "script": doc.get("script"),
        "category": list(doc.get("category") or ()),
        "tags": list(doc.get("tags") or ()),
        "editor": doc.get("editor"),
        "truncated": bool(doc.get("truncated")),
        "dup_of": doc.get("dup_of"),
        "dup_cluster": doc.get("dup_cluster"),
        "source_file": doc.get("source_file"),
        "encoding": doc.get("encoding"),
        "removed": [[k, n] for k, n in sorted(counts.items())],
        "repairs": repairs,
        "notes": [index[rule] for rule in notes],
        "paragraphs": [
            [
                p.get("text") or "",
                p.get("kind") or "body",
                p.get("heading_level"),
                p.get("section"),
                [index[name] for name in p.get("repairs") or ()],
                p.get("dup_of"),
            ]
            for p in paragraphs
        ],
    }
    if raw is not None and raw.text is not None:
        # The lines the cleaner worked on: a page that arrived as one long line
        # is cut where the cleaner cut it (at its headings and furniture).
        lines = split_run_on_page(raw.text)
        split = len(lines) != raw.text.count("\n") + 1
        aligned = align(lines, logged, texts)
        out["raw"] = {"origin": raw.origin, "note": raw.note, "split": split}
        out["lines"] = [
            [
                line.text,
                index[line.rule] if line.rule is not None else -1,
                [[s, e, index[rule]] for s, e, rule in line.marks],
                line.paragraphs,
            ]
            for line in aligned.lines
        ]
        out["unplaced"] = [[index[rule], text] for rule, text in aligned.unplaced]
    else:
        out["raw"] = {"origin": None, "missing": raw.origin if raw else "no --input given"}
        out["lines"] = []
        out["unplaced"] = [[index[rule], text] for rule, text in logged]
    return out
