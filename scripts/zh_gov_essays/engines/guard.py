"""The guard around ``process``: a bug met on one input costs that input, never the crawl.

Every engine runs :func:`process_safely` instead of ``process``: an exception
raised while cleaning one input becomes a rejected document with the reason
``internal_error: <type>: <message> (at <file>:<line> in <function>)``, which
the build lists in the manifest, counts in its summary, prints on stderr and
reflects in its exit status.  Running out of memory is not one input's bug:
it stops the build (:class:`OutOfMemory`, naming the input).
"""

from __future__ import annotations

import os
import traceback

from zh_gov_essays.engines.errors import OutOfMemory
from zh_gov_essays.learn import CrawlContext
from zh_gov_essays.names import printable
from zh_gov_essays.pipeline import process
from zh_gov_essays.records import Document, RawDoc, sha256_hex

INTERNAL_ERROR = "internal_error"

# The summary of an exception is cut to this many characters: a message may
# quote a whole line of the input.
MAX_SUMMARY_CHARS = 300


def error_summary(exc: BaseException) -> str:
    """One printable line: the exception's type and message, and where it was raised.

    >>> try:
    ...     [][0]
    ... except IndexError as exc:
    ...     error_summary(exc).split(" (at ")[0]
    'IndexError: list index out of range'
    """
    text = " ".join(traceback.format_exception_only(type(exc), exc)[-1].split())
    if len(text) > MAX_SUMMARY_CHARS:
        text = text[: MAX_SUMMARY_CHARS - 1] + "…"
    frames = traceback.extract_tb(exc.__traceback__)
    if frames:
        last = frames[-1]
        text += f" (at {os.path.basename(last.filename)}:{last.lineno} in {last.name})"
    return printable(text)


def internal_error_doc(raw: RawDoc, exc: BaseException) -> Document:
    """The rejected document standing for ``raw`` when cleaning it raised ``exc``.

    Never raises itself: a ``raw`` whose bytes cannot even be hashed gets the
    hash of no bytes (and so no ``doc_id`` in the manifest).
    """
    try:
        sha = raw.raw_sha256
    except Exception:
        sha = sha256_hex(b"")
    return Document(
        doc_id=sha[:16],
        source_file=str(raw.source_file),
        raw_sha256=sha,
        url=raw.url if isinstance(raw.url, str) else None,
        reject_reason=f"{INTERNAL_ERROR}: {error_summary(exc)}",
    )


def process_safely(raw: RawDoc, context: CrawlContext | None = None) -> Document:
    """``process(raw, context)``, with any exception turned into an ``internal_error`` rejection.

    ``MemoryError`` is re-raised as :class:`OutOfMemory` naming the input;
    ``KeyboardInterrupt`` and ``SystemExit`` pass through.
    """
    try:
        return process(raw, context)
    except MemoryError as exc:
        raise OutOfMemory(f"out of memory while cleaning {raw.source_file}") from exc
    except Exception as exc:
        return internal_error_doc(raw, exc)
