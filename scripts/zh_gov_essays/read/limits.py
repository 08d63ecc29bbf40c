"""Limits shared by the readers and the decoder: how big an input or a line may be."""

from __future__ import annotations

# Largest input decoded at all (a file, or one JSONL/Parquet text in UTF-8).
# Real essays are a few kB to a few hundred kB; 32 MiB leaves room for pages
# with inline junk while capping memory (decode + split peaks at ~4-5x the
# input: 50 MiB traced for a 12 MiB single-line file).
MAX_INPUT_BYTES = 32 * 1024 * 1024

# Longest line handed downstream.  The longest line in the seeds has 939
# characters; a 5,000-character "line" is a page that lost its breaks.
MAX_LINE_CHARS = 5_000

# Reject reasons (their codes, see records.reason_code) of inputs that are
# broken containers or files rather than poor essays (set by iter_inputs on
# RawDoc.error); the CLI reports them.
# Containers without records (``no_records``), like empty files, and WARC
# records that are not pages (``not_text``, ``http_error``…) are not errors.
INPUT_ERRORS = frozenset(
    {
        "unreadable",
        "corrupt_jsonl",
        "corrupt_json",
        "json_not_utf8",
        "not_a_record",
        "corrupt_parquet",
        "corrupt_gzip",
        "corrupt_zstd",
        "corrupt_warc",
        "missing_text",
        "broken_symlink",
        "not_a_file",
        "changed_during_build",
    }
)
