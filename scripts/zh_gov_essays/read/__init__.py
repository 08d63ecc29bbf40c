"""Reading inputs: discover files, pick a reader by format, decode bytes into Chinese text.

``discover`` walks the input roots (several, and globs, with unique
``names``); ``formats`` maps a file suffix to its reader (``plain``,
``jsonl``, ``json_doc``, ``parquet``, ``warc``; compressed dumps through
``streams``; record fields in ``container``); ``order`` reads a crawl
(files and container records) in corpus order; ``decode`` turns bytes into
checked text with ``encodings`` (which codec), ``language`` (is it Chinese)
and ``html`` (pages to text lines).  The names below are the stage's
interface for the rest of the pipeline.
"""

from zh_gov_essays.read.container import record_doc
from zh_gov_essays.read.decode import Decoded, decode_bytes, decode_raw, decode_text
from zh_gov_essays.read.discover import (
    InputError,
    InputFile,
    InputSet,
    docs_of,
    iter_input_files,
    iter_inputs,
)
from zh_gov_essays.read.limits import INPUT_ERRORS, MAX_INPUT_BYTES, MAX_LINE_CHARS
from zh_gov_essays.read.order import CorpusOrder, corpus_order

__all__ = [
    "INPUT_ERRORS",
    "MAX_INPUT_BYTES",
    "MAX_LINE_CHARS",
    "CorpusOrder",
    "Decoded",
    "InputError",
    "InputFile",
    "InputSet",
    "corpus_order",
    "decode_bytes",
    "decode_raw",
    "decode_text",
    "docs_of",
    "iter_input_files",
    "iter_inputs",
    "record_doc",
]
