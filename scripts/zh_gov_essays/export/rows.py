"""Export rows: units (paragraph, document, chunk) in a script view, filtered, then formatted.

Row formats (``--format``):

- ``text``: ``{"text", "id", "title", "source", "date", "script"}``;
- ``chat``: ``{"messages": [{"role": "user", …}, {"role": "assistant", …}], "id"}``,
  the conversational shape TRL's ``SFTTrainer`` and LLaMA-Factory read;
- ``completion``: ``{"prompt", "completion", "id"}``, TRL's prompt-completion shape.

The prompts come from :mod:`zh_gov_essays.vocab.prompts`.  ``date`` is written as
an ISO ``YYYY-MM-DD`` string in JSON Lines and typed ``date32`` in Parquet
and in the features an export folder declares, as in the corpus itself.  A
``string`` feature cannot do the same job: pyarrow's JSON reader (behind
``load_dataset("json")``) reads an ISO date as a timestamp whatever the
declared features, and casting that back to a string gives
``2023-09-20 00:00:00``; casting it to ``date32`` gives the date exactly.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from datasets import Features, List, Value

from zh_gov_essays.export.chunking import Piece, chunk_paragraphs
from zh_gov_essays.export.source import SourceDocument
from zh_gov_essays.export.views import convert, convert_template, view_script
from zh_gov_essays.vocab.prompts import template

UNITS = ("paragraph", "document", "chunk")
FORMATS = ("text", "chat", "completion")
DEFAULT_CHUNK_CHARS = 2000

_STR = Value("string")
FEATURES: dict[str, Features] = {
    "text": Features(
        {
            "text": _STR,
            "id": _STR,
            "title": _STR,
            "source": _STR,
            "date": Value("date32"),
            "script": _STR,
        }
    ),
    "chat": Features({"messages": List({"role": _STR, "content": _STR}), "id": _STR}),
    "completion": Features({"prompt": _STR, "completion": _STR, "id": _STR}),
}
# Columns that may be null, per format (the rest never are).
NULLABLE: dict[str, frozenset[str]] = {
    "text": frozenset({"title", "source", "date"}),
    "chat": frozenset(),
    "completion": frozenset(),
}
# Filters in the order they are tried; a unit dropped is counted under the first that drops it.
FILTERS = ("duplicate", "heading", "no_title", "min_chars", "max_chars")


@dataclass(frozen=True)
class Options:
    unit: str = "paragraph"
    format: str = "text"
    view: str = "original"  # original, hans, hant, tw
    max_chars: int | None = None
    min_chars: int | None = None
    drop_duplicates: bool = False

    @property
    def chunk_chars(self) -> int:
        return self.max_chars or DEFAULT_CHUNK_CHARS


@dataclass(frozen=True)
class Unit:
    """One piece of text to become a row, already in the requested script."""

    id: str
    text: str
    title: str | None
    source: str | None
    date: str | None
    script: str
    section: str | None
    heading: bool
    duplicate: bool
    hard_cuts: int = 0


def iter_units(doc: SourceDocument, opts: Options) -> Iterator[Unit]:
    """The units of one document, converted to ``opts.view``."""
    view = opts.view
    title = convert(doc.title, view) if doc.title else doc.title
    texts = [convert(p.text, view, p.script) for p in doc.paragraphs]
    sections = [convert(p.section, view) if p.section else None for p in doc.paragraphs]
    common = {"title": title, "source": doc.source, "date": doc.date}
    if opts.unit == "paragraph":
        for p, text, section in zip(doc.paragraphs, texts, sections, strict=True):
            yield Unit(
                id=p.id,
                text=text,
                script=view_script(p.script, view),
                section=section,
                heading=p.kind == "heading",
                duplicate=p.dup_of is not None,
                **common,
            )
        return
    script = view_script(doc.script, view)
    if opts.unit == "document":
        yield Unit(
            id=doc.doc_id,
            text="\n\n".join(texts),
            script=script,
            section=None,
            heading=False,
            duplicate=doc.dup_of is not None,
            **common,
        )
        return
    pieces = [
        Piece(text, p.kind == "heading", section)
        for p, text, section in zip(doc.paragraphs, texts, sections, strict=True)
    ]
    for k, chunk in enumerate(chunk_paragraphs(pieces, opts.chunk_chars)):
        yield Unit(
            id=f"{doc.doc_id}-c{k:04d}",
            text=chunk.text,
            script=script,
            section=chunk.section,
            heading=False,
            duplicate=doc.dup_of is not None,
            hard_cuts=chunk.hard_cuts,
            **common,
        )


def drop_reason(unit: Unit, opts: Options) -> str | None:
    """The first filter of :data:`FILTERS` that drops ``unit``, or None to keep it.

    ``heading`` and ``no_title`` apply to chat and completion rows only: a
    heading is no answer to "write a paragraph", and a prompt needs a title.
    ``max_chars`` drops paragraphs and documents; chunks are cut to fit.
    """
    if opts.drop_duplicates and unit.duplicate:
        return "duplicate"
    if opts.format != "text" and unit.heading:
        return "heading"
    if opts.format != "text" and not unit.title:
        return "no_title"
    if opts.min_chars is not None and len(unit.text) < opts.min_chars:
        return "min_chars"
    if opts.max_chars is not None and opts.unit != "chunk" and len(unit.text) > opts.max_chars:
        return "max_chars"
    return None


def prompt(unit: Unit, opts: Options) -> str:
    """The user prompt of a chat or completion row, in the row's script."""
    raw = template(opts.unit, with_section=bool(unit.section))
    return convert_template(raw, unit.script, opts.view).format(
        title=unit.title, section=unit.section
    )


def to_row(unit: Unit, opts: Options) -> dict:
    """The row of ``unit`` in ``opts.format``, keys in the order of :data:`FEATURES`."""
    if opts.format == "text":
        return {
            "text": unit.text,
            "id": unit.id,
            "title": unit.title,
            "source": unit.source,
            "date": unit.date,
            "script": unit.script,
        }
    question = prompt(unit, opts)
    if opts.format == "chat":
        return {
            "messages": [
                {"role": "user", "content": question},
                {"role": "assistant", "content": unit.text},
            ],
            "id": unit.id,
        }
    return {"prompt": question, "completion": unit.text, "id": unit.id}
