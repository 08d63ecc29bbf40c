"""One prefilter per line for the furniture rules: plain prose skips the rules that cannot fire.

Most lines of a page are the essay's own prose, and no furniture rule names
them; asking each of some fifty rules in turn costs as much as the rest of
the layout.  Two declarations of a rule bound where it can fire: the
longest line it matches (``max_chars``) and a cheap pattern every line it
matches holds (``needs``).  Both are checked by the rule object before its
predicate runs, so a line longer than ``max_chars`` or without ``needs``
is never matched by that rule.

:class:`PrefilteredFirstMatch` puts them together per line length: for a
line of length ``n``, the rules that can fire are the *live* ones
(``max_chars`` unset or at least ``n``); of these, the ones with ``needs``
are merged into one combined pattern.  A line on which that pattern finds
nothing cannot be matched by any live rule with ``needs``, so the first
rule that matches it is the first of the live rules *without* ``needs``
(usually none or two cheap ones), in the same order.  Only a line the
combined pattern finds something in goes through every live rule, exactly
as :class:`~zh_gov_essays.rules.FirstMatch` does.  The answer is therefore
the same as asking every rule in order, whatever the rules are;
``tests/test_prefilter.py`` checks it on every fixture and sample line.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from zh_gov_essays.rules import FirstMatch, LineRule


@dataclass(frozen=True)
class Combined:
    """The ``needs`` of several rules as three patterns: any of them finding something is a hit.

    ``start``: the branches anchored at the line's start (one ``match``).
    ``words``: the branches opening with a literal character, grouped by it,
    so that the regex engine skips every position whose character opens
    none of them.  ``rest``: the other branches.
    """

    start: re.Pattern[str] | None
    words: re.Pattern[str] | None
    rest: re.Pattern[str] | None

    def search(self, text: str) -> bool:
        """Whether the ``needs`` of any of the rules finds something in ``text``."""
        return bool(
            (self.start is not None and self.start.match(text))
            or (self.words is not None and self.words.search(text))
            or (self.rest is not None and self.rest.search(text))
        )


@dataclass(frozen=True)
class Tier:
    """The rules that can fire on lines of one range of lengths.

    ``live``: every rule whose ``max_chars`` admits the length, in order.
    ``plain``: those of them without ``needs``, in order.
    ``combined``: the other live rules' ``needs`` (``None`` when every live rule is plain).
    """

    live: tuple[LineRule, ...]
    plain: tuple[LineRule, ...]
    combined: Combined | None


_SPECIAL = set("\\.^$*+?{}[]()|")


def _token_end(pattern: str, i: int) -> int:
    """Where the atom starting at ``pattern[i]`` ends (an escape, a class, a group or one character)."""
    ch = pattern[i]
    if ch == "\\":
        return i + 2
    if ch == "[":
        j = i + 1
        if j < len(pattern) and pattern[j] == "^":
            j += 1
        if j < len(pattern) and pattern[j] == "]":
            j += 1  # a leading "]" is a member
        while pattern[j] != "]":
            j += 2 if pattern[j] == "\\" else 1
        return j + 1
    if ch == "(":
        depth, j = 0, i
        while True:
            if pattern[j] in "\\[":
                j = _token_end(pattern, j)
                continue
            depth += {"(": 1, ")": -1}.get(pattern[j], 0)
            j += 1
            if depth == 0:
                return j
    return i + 1


def branches(pattern: str) -> list[str]:
    """The top-level alternatives of a regular expression.

    >>> branches(r"上一|(?:a|b)c|[|｜]|\\||x")
    ['上一', '(?:a|b)c', '[|｜]', '\\\\|', 'x']
    """
    out, begin, i = [], 0, 0
    while i < len(pattern):
        if pattern[i] == "|":
            out.append(pattern[begin:i])
            begin = i + 1
            i += 1
        else:
            i = _token_end(pattern, i)
    out.append(pattern[begin:])
    return out


def _literal_head(branch: str) -> str | None:
    """The literal character a branch must open with (as written), or ``None``."""
    if not branch:
        return None
    if branch[0] == "\\":
        head = branch[:2]
        if len(head) < 2 or head[1].isalnum():
            return None  # a class (\\s, \\d) or an anchor (\\b, \\A)
    elif branch[0] in _SPECIAL:
        return None
    else:
        head = branch[0]
    after = branch[len(head) : len(head) + 1]
    return None if after and after in "?*+{" else head


def expand(branch: str) -> list[str]:
    """Alternatives matching what ``branch`` matches, a leading group distributed over the rest.

    ``(?:a|b)c`` finds what ``ac|bc`` finds, and ``(?:a|b)?c`` what
    ``ac|bc|c`` finds; the point is that each opens with a literal.

    >>> expand("(?:上一|下一)篇"), expand("(?:本|原)?文")
    (['上一篇', '下一篇'], ['本文', '原文', '文'])
    >>> expand("(?:a|b)*c"), expand("(?i:copyright)")
    (['(?:a|b)*c'], ['(?i:copyright)'])
    """
    if not branch.startswith("(?:") or _literal_head(branch) is not None:
        return [branch]
    end = _token_end(branch, 0)
    inner, rest = branch[3 : end - 1], branch[end:]
    alternatives = branches(inner)
    if rest[:1] == "?":
        if rest[1:2] in ("?", "+"):
            return [branch]
        rest = rest[1:]
        alternatives.append("")
    if rest[:1] in ("*", "+", "{", "?"):
        return [branch]
    return [x for alternative in alternatives for x in expand(alternative + rest)]


def _opens_with(branch: str, head: str) -> bool:
    """Whether ``branch`` is ``head`` followed by more atoms, ``head``'s last one not repeated."""
    if len(branch) <= len(head) or not branch.startswith(head) or branch[len(head)] in "*+?{":
        return False
    i = 0
    while i < len(head):
        i = _token_end(branch, i)
    return i == len(head)


def essential(alternatives: Iterable[str]) -> list[str]:
    """The alternatives of a search for "any of them" that another does not cover, in order.

    A repeated alternative, or one opening with another whole alternative
    (``\\s(?:地址|电话)`` after ``\\s``), finds something only where that other
    one finds something too, at the same place: a search for whether any of
    them finds something needs only the rest.

    >>> essential([r"\\s", "上一", r"\\s", r"\\s(?:地址|电话)", "上一篇", "上", r"\\d+页", r"\\d*x", "ab"])
    ['\\\\s', '上', '\\\\d+页', '\\\\d*x', 'ab']
    >>> essential([r"\\d", r"\\d+", r"\\d?x", "[ab]c", "[ab]", r"\\.x", "."])
    ['\\\\d', '\\\\d+', '\\\\d?x', '[ab]', '\\\\.x', '.']
    """
    unique = list(dict.fromkeys(alternatives))
    return [b for b in unique if not any(_opens_with(b, other) for other in unique)]


def combined_pattern(rules: Iterable[LineRule]) -> Combined | None:
    """One combined prefilter finding something wherever the ``needs`` of any of ``rules`` does.

    >>> from zh_gov_essays.rules import line_rule
    >>> @line_rule(needs=r"^\\d|上一篇|上一页|\\s")
    ... def prev_link(line: str) -> bool:
    ...     \'\'\'A previous-article link (an example).\'\'\'
    ...     return line.startswith("上一篇")
    >>> combined = combined_pattern([prev_link])
    >>> combined.start.pattern, combined.words.pattern, combined.rest.pattern
    ('^(?:\\\\d)', '上(?:一篇|一页)', '\\\\s')
    >>> combined.search("见上一页"), combined.search("3月"), combined.search("三月")
    (True, True, False)
    """
    start: list[str] = []
    words: dict[str, list[str]] = {}
    rest: list[str] = []
    for rule in rules:
        if rule.needs is None:
            continue
        flags = rule.needs.flags & (re.IGNORECASE | re.MULTILINE | re.DOTALL | re.VERBOSE)
        if flags:
            rest.append(f"(?{_FLAG_LETTERS[flags]}:{rule.needs.pattern})")
            continue
        for branch in (x for b in branches(rule.needs.pattern) for x in expand(b)):
            head = _literal_head(branch)
            if branch.startswith("^"):
                start.append(branch[1:])
            elif head is not None:
                words.setdefault(head, []).append(branch[len(head) :])
            else:
                rest.append(branch)
    if not (start or words or rest):
        return None
    start, rest = essential(start), essential(rest)
    tails_of = {head: essential(tails) for head, tails in words.items()}
    grouped = [
        head + (f"(?:{'|'.join(tails)})" if len(tails) > 1 else tails[0])
        for head, tails in tails_of.items()
    ]
    return Combined(
        re.compile(f"^(?:{'|'.join(start)})") if start else None,
        re.compile("|".join(grouped)) if grouped else None,
        re.compile("|".join(rest)) if rest else None,
    )


_FLAG_LETTERS = {
    sum(flag for flag, _ in combo): "".join(letter for _, letter in combo)
    for combo in itertools.chain.from_iterable(
        itertools.combinations(
            [(re.IGNORECASE, "i"), (re.MULTILINE, "m"), (re.DOTALL, "s"), (re.VERBOSE, "x")], n
        )
        for n in range(1, 5)
    )
}


class PrefilteredFirstMatch(FirstMatch):
    """:class:`~zh_gov_essays.rules.FirstMatch` with one combined prefilter per line length.

    >>> from zh_gov_essays.furniture import ANYWHERE
    >>> first = PrefilteredFirstMatch(ANYWHERE)
    >>> first("上一篇：机关作风建设心得体会"), first("建设服务型机关，是重要举措。")
    (LineRule('prev_next'), None)
    """

    def __init__(self, rules: Iterable[LineRule], maxsize: int = 4096) -> None:
        super().__init__(rules, maxsize)
        self._build()

    def _build(self) -> None:
        """Group the rules by the line lengths they admit (after any rule's declaration changed)."""
        # Lengths in (bounds[i-1], bounds[i]] share tier i; the last tier is
        # every length above the largest max_chars.
        self.bounds = sorted({r.max_chars for r in self.rules if r.max_chars is not None})
        tiers = []
        for upper in [*self.bounds, None]:
            live = tuple(
                r
                for r in self.rules
                if r.max_chars is None or (upper is not None and r.max_chars >= upper)
            )
            plain = tuple(r for r in live if r.needs is None)
            tiers.append(Tier(live, plain, combined_pattern(live)))
        self.tiers = tuple(tiers)

    def tier(self, text: str) -> Tier:
        """The tier of the rules that can fire on ``text``, by its length."""
        return self.tiers[bisect.bisect_left(self.bounds, len(text))]

    def _first(self, text: str) -> LineRule | None:
        tier = self.tier(text)
        # No live rule with ``needs`` can match a line its combined pattern
        # finds nothing in: only the plain ones are left to ask, in order.
        rules = tier.live if tier.combined is None or tier.combined.search(text) else tier.plain
        for rule in rules:
            if rule(text):
                return rule
        return None

    def slow(self, text: str) -> LineRule | None:
        """The first rule that matches ``text``, asking every rule (what the prefilter must equal)."""
        return super()._first(text)

    def cache_clear(self) -> None:
        """Forget every answer and regroup the rules (after a rule has changed, in tests)."""
        super().cache_clear()
        self._build()
