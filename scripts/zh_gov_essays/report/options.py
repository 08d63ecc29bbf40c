"""How much of a corpus the report page carries: plain values, cheap to import."""

from __future__ import annotations

from dataclasses import dataclass

PAGE_SIZE = 20
"""Documents per page of the document list."""


@dataclass(frozen=True)
class SampleOptions:
    """How many documents the page carries (the overview always counts all)."""

    per_rule: int = 5  # first documents of each rule and each repair
    per_source: int = 3  # then the first documents of each source, round-robin
    max_documents: int = 400  # cap on source picks; rule examples always stay
