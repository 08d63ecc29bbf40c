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


NUMBER_OPTIONS: tuple[tuple[str, int, str], ...] = (
    ("--per-rule", SampleOptions.per_rule, "first N documents of every rule and repair"),
    ("--per-source", SampleOptions.per_source, "then the first N documents of each source"),
    (
        "--max-documents",
        SampleOptions.max_documents,
        "stop adding documents by source at N; rule examples always stay",
    ),
    ("--page-size", PAGE_SIZE, "documents per page of the list"),
)
"""The command line's numeric options: flag, default, help."""


def option_problem(
    per_rule: int, per_source: int, max_documents: int, page_size: int
) -> str | None:
    """What is wrong with these settings, or ``None``.

    >>> option_problem(5, -1, 400, 20)
    '--per-source must not be negative'
    >>> option_problem(5, 3, 400, 0)
    '--page-size must be at least 1'
    """
    for flag, value in (
        ("--per-rule", per_rule),
        ("--per-source", per_source),
        ("--max-documents", max_documents),
    ):
        if value < 0:
            return f"{flag} must not be negative"
    if page_size < 1:
        return "--page-size must be at least 1"
    return None
