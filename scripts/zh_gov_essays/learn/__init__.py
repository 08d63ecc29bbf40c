"""The crawl-level pass: site templates learned from lines that recur across a site's pages.

Before cleaning, every page is read once more and reduced to numbers
(:func:`~.templates.page_evidence`); a :class:`~.counting.TemplateCounter`
counts them per site group (:func:`~.groups.site_group`); the result is a
:class:`CrawlContext`, small and picklable, that every engine hands to
``process(raw, context)``.  There the layout labels a page's template lines
``site_template`` (:func:`~.templates.template_lines`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from zh_gov_essays.learn.counting import MIN_PAGES, MIN_SHARE, TemplateCounter
from zh_gov_essays.learn.groups import site_group
from zh_gov_essays.learn.templates import (
    SITE_TEMPLATE,
    PageEvidence,
    body_span,
    candidate_lines,
    line_key,
    page_evidence,
    template_lines,
)
from zh_gov_essays.records import RawDoc

__all__ = [
    "MIN_PAGES",
    "MIN_SHARE",
    "SITE_TEMPLATE",
    "CrawlContext",
    "PageEvidence",
    "TemplateCounter",
    "body_span",
    "candidate_lines",
    "line_key",
    "page_evidence",
    "site_group",
    "template_lines",
]

_NONE: frozenset[int] = frozenset()


@dataclass(frozen=True)
class CrawlContext:
    """What the crawl-level pass learned: per site group, the hashes of its template lines.

    ``pages`` and ``copies`` say what the count saw (for the build's summary).

    >>> ctx = CrawlContext({"folder:qx": frozenset({line_key("清溪县机关事务网")})}, pages=3)
    >>> len(ctx.templates_for(RawDoc("qx/1.txt", b""))), len(ctx.templates_for(RawDoc("1.txt", b"")))
    (1, 0)
    """

    templates: Mapping[str, frozenset[int]] = field(default_factory=dict)
    pages: int = 0
    copies: int = 0

    def templates_for(self, raw: RawDoc) -> frozenset[int]:
        """The template lines of ``raw``'s site group (empty when it learned none)."""
        return self.templates.get(site_group(raw), _NONE)

    @property
    def lines_learned(self) -> int:
        return sum(len(lines) for lines in self.templates.values())

    @classmethod
    def from_counter(cls, counter: TemplateCounter) -> CrawlContext:
        return cls(counter.learned(), pages=counter.pages, copies=counter.copies)
