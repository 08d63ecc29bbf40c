"""The columns of the two published configs, declared once.

Each config is a tuple of :class:`Column` s: name, ``datasets`` feature
(in the form ``Features.to_dict()`` gives, so that writing Parquet does not
import ``datasets``: 80 MB in every build), nullability and meaning.
Everything else is derived from that declaration:
the ``datasets.Features`` (:func:`features`), the Arrow schema the Parquet
files are written with (:func:`arrow_schema`, carrying the features under the
``huggingface`` metadata key exactly as ``datasets`` writes them, so
``load_dataset`` restores int8/int32/date32/list/struct), the schema tables of
the dataset card (:func:`type_name`) and the rows (:func:`paragraph_rows`,
:func:`document_row`).

>>> [c.name for c in COLUMNS["paragraphs"]][:4]
['id', 'doc_id', 'paragraph_index', 'text']
>>> arrow_schema("paragraphs").field("heading_level").type
DataType(int8)
>>> features("documents")["removed"]
List({'rule': Value('string'), 'text': Value('string')})
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from zh_gov_essays.records import Document
from zh_gov_essays.repair.pii import mask_pii

if TYPE_CHECKING:
    from datasets import Features

CONFIGS = ("paragraphs", "documents")
"""Config names, the default (``paragraphs``) first."""

SPLITS = ("train", "validation", "test")


@dataclass(frozen=True)
class Column:
    """One published column: its ``datasets`` feature (as ``Features.to_dict()`` writes it),
    whether it may be null, what it means."""

    name: str
    feature: Any
    nullable: bool
    doc: str


def Value(dtype: str) -> dict[str, Any]:
    """``datasets.Value(dtype)``, as ``Features.to_dict()`` writes it."""
    return {"dtype": dtype, "_type": "Value"}


def List(feature: dict[str, Any]) -> dict[str, Any]:
    """``datasets.List(feature)``, as ``Features.to_dict()`` writes it."""
    return {"feature": feature, "_type": "List"}


_STR = Value("string")
_STR_LIST = List(Value("string"))

COLUMNS: dict[str, tuple[Column, ...]] = {
    "paragraphs": (
        Column("id", _STR, False, "`{doc_id}-{paragraph_index:04d}`"),
        Column("doc_id", _STR, False, "first 16 hex digits of the sha256 of the raw input bytes"),
        Column("paragraph_index", Value("int32"), False, "0-based among the document's paragraphs"),
        Column("text", _STR, False, "the cleaned paragraph, in its original script"),
        Column("kind", _STR, False, "`heading` or `body`"),
        Column(
            "heading_level",
            Value("int8"),
            True,
            "1 for `一、`, 2 for `（一）`, 3 for `1.`/`1、`, 4 for `（1）`; null for body text",
        ),
        Column("section", _STR, True, "text of the nearest enclosing heading"),
        Column("script", _STR, False, "`Hans` or `Hant` (ISO 15924)"),
        Column("title", _STR, True, "the document's title"),
        Column("source", _STR, True, "the site the essay was published on"),
        Column("url", _STR, True, "the page address, where known"),
        Column("date", Value("date32"), True, "the publication date, where known"),
        Column("num_chars", Value("int32"), False, "length of `text` in characters"),
        Column("repairs", _STR_LIST, False, "names of the repairs applied to this paragraph"),
        Column(
            "dup_of",
            _STR,
            True,
            "`id` of the first paragraph in corpus order that this one copies, exactly or nearly"
            " (see Duplicates); null for text seen here first",
        ),
        Column(
            "dup_cluster",
            _STR,
            False,
            "`doc_id` of the first document of its document's duplicate cluster; the split follows it",
        ),
    ),
    "documents": (
        Column("doc_id", _STR, False, "first 16 hex digits of the sha256 of the raw input bytes"),
        Column("title", _STR, True, "the essay's title"),
        Column("source", _STR, True, "the site the essay was published on"),
        Column("url", _STR, True, "the page address, where known"),
        Column("date", Value("date32"), True, "the publication date, where known"),
        Column("script", _STR, False, "`Hans` or `Hant` (ISO 15924)"),
        Column("category", _STR_LIST, False, "the site's breadcrumb categories, outermost first"),
        Column("tags", _STR_LIST, False, "the site's tags"),
        Column("editor", _STR, True, "the editor named by the page"),
        Column("truncated", Value("bool"), False, "the page said the text was cut off"),
        Column("text", _STR, False, "the paragraphs joined by a blank line (`\\n\\n`)"),
        Column("num_paragraphs", Value("int32"), False, "number of paragraphs"),
        Column(
            "num_chars",
            Value("int32"),
            False,
            "characters in the paragraphs (separators not counted)",
        ),
        Column("source_file", _STR, False, "path of the input file relative to the input root"),
        Column("raw_sha256", _STR, False, "sha256 of the raw input bytes"),
        Column("encoding", _STR, True, "the encoding the raw bytes were decoded with"),
        Column(
            "removed",
            List({"rule": _STR, "text": _STR}),
            False,
            "every piece of raw text left out, with the name of the rule that removed it "
            "(personal contact and ID numbers masked)",
        ),
        Column(
            "dup_of",
            _STR,
            True,
            "`doc_id` of the earlier document this one mostly copies (it holds ≥ 80 % of this"
            " one's text); null for a document that copies none",
        ),
        Column(
            "dup_cluster",
            _STR,
            False,
            "`doc_id` of the first document of this one's duplicate cluster (its own `doc_id`"
            " when it copies no earlier document); the split follows it",
        ),
    ),
}


def _to_dict(config: str) -> dict[str, Any]:
    return {c.name: c.feature for c in COLUMNS[config]}


@cache
def features(config: str) -> Features:
    """The ``datasets.Features`` of ``config`` (imports ``datasets``)."""
    from datasets import Features

    return Features.from_dict(_to_dict(config))


_ARROW_TYPES = {
    "string": pa.string(),
    "int8": pa.int8(),
    "int32": pa.int32(),
    "bool": pa.bool_(),
    "date32": pa.date32(),
}


def _arrow_type(feature: dict[str, Any]) -> pa.DataType:
    """The Arrow type ``datasets`` gives a feature (tests compare it with ``datasets``' own)."""
    if feature.get("_type") == "Value":
        return _ARROW_TYPES[feature["dtype"]]
    if feature.get("_type") == "List":
        return pa.list_(_arrow_type(feature["feature"]))
    return pa.struct([(name, _arrow_type(inner)) for name, inner in feature.items()])


@cache
def arrow_schema(config: str) -> pa.Schema:
    """The Arrow schema of ``config``: the features' types, our nullability, HF metadata.

    The metadata is what ``datasets`` itself writes (``Features.arrow_schema``):
    ``{"huggingface": json.dumps({"info": {"features": Features.to_dict()}})}``.

    >>> s = arrow_schema("documents")
    >>> s.field("doc_id").nullable, s.field("dup_of").nullable
    (False, True)
    >>> json.loads(s.metadata[b"huggingface"])["info"]["features"]["date"]
    {'dtype': 'date32', '_type': 'Value'}
    """
    hf_metadata = {"info": {"features": _to_dict(config)}}
    fields = [
        pa.field(c.name, _arrow_type(c.feature), nullable=c.nullable) for c in COLUMNS[config]
    ]
    return pa.schema(fields, metadata={"huggingface": json.dumps(hf_metadata)})


def type_name(pa_type: pa.DataType) -> str:
    """A short, readable name of an Arrow type for the card's schema tables.

    >>> type_name(arrow_schema("documents").field("removed").type)
    'list<struct<rule: string, text: string>>'
    >>> type_name(pa.date32())
    'date32'
    """
    if pa.types.is_list(pa_type) or pa.types.is_large_list(pa_type):
        return f"list<{type_name(pa_type.value_type)}>"
    if pa.types.is_struct(pa_type):
        inner = ", ".join(f"{f.name}: {type_name(f.type)}" for f in pa_type)
        return f"struct<{inner}>"
    if pa.types.is_date32(pa_type):
        return "date32"
    return str(pa_type)


def _script(doc: Document, paragraph_script: str | None = None) -> str:
    script = paragraph_script or doc.script
    if script is None:
        raise ValueError(
            f"document {doc.doc_id} ({doc.source_file}) has no script: "
            "pipeline.process must set Document.script (Hans or Hant)"
        )
    return script


def paragraph_rows(doc: Document) -> list[dict[str, Any]]:
    """The ``paragraphs`` rows of one document, keyed by column name, in column order.

    A paragraph without a script of its own takes its document's.
    """
    rows = []
    for index, p in enumerate(doc.paragraphs):
        rows.append(
            {
                "id": doc.paragraph_id(index),
                "doc_id": doc.doc_id,
                "paragraph_index": index,
                "text": p.text,
                "kind": p.kind,
                "heading_level": p.heading_level,
                "section": p.section,
                "script": _script(doc, p.script),
                "title": doc.title,
                "source": doc.source,
                "url": doc.url,
                "date": doc.date,
                "num_chars": len(p.text),
                "repairs": list(p.repairs),
                "dup_of": p.dup_of,
                "dup_cluster": doc.dup_cluster,
            }
        )
    return rows


def document_row(doc: Document) -> dict[str, Any]:
    """The ``documents`` row of one document, keyed by column name, in column order."""
    return {
        "doc_id": doc.doc_id,
        "title": doc.title,
        "source": doc.source,
        "url": doc.url,
        "date": doc.date,
        "script": _script(doc),
        "category": list(doc.category),
        "tags": list(doc.tags),
        "editor": doc.editor,
        "truncated": doc.truncated,
        "text": doc.text,
        "num_paragraphs": len(doc.paragraphs),
        "num_chars": doc.num_chars,
        "source_file": doc.source_file,
        "raw_sha256": doc.raw_sha256,
        "encoding": doc.encoding,
        # Page furniture can carry contact details too: published with PII masked.
        "removed": [{"rule": r.rule, "text": mask_pii(r.text)} for r in doc.removed],
        "dup_of": doc.dup_of,
        "dup_cluster": doc.dup_cluster,
    }


def document_rows(doc: Document) -> list[dict[str, Any]]:
    """The ``documents`` rows of one document: a list of one, like :func:`paragraph_rows`."""
    return [document_row(doc)]


ROW_BUILDERS = {"paragraphs": paragraph_rows, "documents": document_rows}
"""Per config, ``Document -> list of rows``."""
