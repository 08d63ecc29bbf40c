"""The crawl-level count: for each site group, how many different essays print each line.

One pass over the crawl feeds :meth:`TemplateCounter.add` one
:class:`~zh_gov_essays.learn.templates.PageEvidence` per page; at the end
:meth:`TemplateCounter.learned` names, per group, the lines that are the
site's template.  Memory holds hashes and counts, never text.

Evidence counts *different* essays: a page whose body sketch shares a hash
with an earlier page of its group is a copy (the same essay twice on one
site, or on several sites filed in one group) and adds nothing, so copies
of one essay never make their own title or signature look like a template.

The per-group counts are lossy counting (Manku & Motwani, 2002): after every
:data:`BUCKET_BODIES` essays of a group, lines seen too rarely to ever reach
the share threshold are forgotten.  A line's count is then low by at most
``1 / BUCKET_BODIES`` of the group's essays, and the memory of a group grows
with the logarithm of its size instead of with its number of lines.  Groups
smaller than one bucket are counted exactly.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from zh_gov_essays.learn.templates import PageEvidence

# A line must be printed by at least this many different essays of a group:
# a site with only one or two pages gives no evidence (the title and the
# signature of two essays can agree by chance; three is a pattern).
MIN_PAGES = 3
# ...and by at least this share of the group's different essays.  A site's
# chrome is on (nearly) every page built from its template; a phrase that
# essays happen to share at their edges is on far fewer.  Half also keeps a
# large mixed group (a flat folder of many sites' pages) from learning
# anything but lines common to most of it.
MIN_SHARE = 0.5
# Bucket width of the lossy count, in essays of one group: counts are exact
# below it and low by at most 1 % of the group above it, far from what
# decides MIN_SHARE.
BUCKET_BODIES = 100


@dataclass
class _Group:
    bodies: int = 0  # different essays counted
    copies: int = 0  # pages skipped as copies of an earlier essay
    sketches: set[int] = field(default_factory=set)
    counts: dict[int, int] = field(default_factory=dict)
    # The bucket before the one a line was first counted in (lossy counting's
    # delta); only lines first seen after the first bucket have one.
    deltas: dict[int, int] = field(default_factory=dict)

    def add(self, page: PageEvidence) -> None:
        if any(h in self.sketches for h in page.body):
            self.copies += 1
            return
        self.sketches.update(page.body)
        self.bodies += 1
        bucket = math.ceil(self.bodies / BUCKET_BODIES)
        for key in page.lines:
            if key in self.counts:
                self.counts[key] += 1
            else:
                self.counts[key] = 1
                if bucket > 1:
                    self.deltas[key] = bucket - 1
        if self.bodies % BUCKET_BODIES == 0:
            self._prune(bucket)

    def _prune(self, bucket: int) -> None:
        drop = [k for k, n in self.counts.items() if n + self.deltas.get(k, 0) <= bucket]
        for key in drop:
            del self.counts[key]
            self.deltas.pop(key, None)

    def learned(self) -> frozenset[int]:
        if self.bodies < MIN_PAGES:
            return frozenset()
        need = max(MIN_PAGES, math.ceil(MIN_SHARE * self.bodies))
        return frozenset(k for k, n in self.counts.items() if n >= need)


class TemplateCounter:
    """Counts candidate lines per site group over a crawl; names the template lines.

    >>> from zh_gov_essays.learn.templates import PageEvidence, line_key
    >>> c = TemplateCounter()
    >>> menu = line_key("首页 | 通知公告")
    >>> for essay in (1, 2, 3):
    ...     c.add("a.gov.cn", PageEvidence((essay,), frozenset({menu, 100 + essay})))
    >>> c.add("a.gov.cn", PageEvidence((3,), frozenset({menu})))  # a copy of essay 3
    >>> c.learned() == {"a.gov.cn": frozenset({menu})}, c.pages, c.copies
    (True, 4, 1)
    """

    def __init__(self) -> None:
        self._groups: dict[str, _Group] = {}
        self.pages = 0

    def add(self, group: str, page: PageEvidence) -> None:
        """Count one page of ``group``."""
        self.pages += 1
        self._groups.setdefault(group, _Group()).add(page)

    @property
    def copies(self) -> int:
        """Pages that added nothing: copies of an essay already counted in their group."""
        return sum(g.copies for g in self._groups.values())

    @property
    def tracked(self) -> int:
        """Line counts held right now (the memory the count uses, in entries)."""
        return sum(len(g.counts) for g in self._groups.values())

    def learned(self) -> dict[str, frozenset[int]]:
        """Each group's template lines (groups that learned none are left out)."""
        out = {}
        for name in sorted(self._groups):
            lines = self._groups[name].learned()
            if lines:
                out[name] = lines
        return out
