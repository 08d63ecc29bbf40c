"""Rules, the labels they write, and the runner that applies text rules with an audit trail.

Two kinds of rule, each one named pure function wrapped by a decorator that
declares its properties beside it:

* a **text rule** (:func:`text_rule`) is ``str -> str``: a repair.  The runner
  records its name among a line's repairs when it changes the line and, if it
  ``logs`` (it deletes or replaces content), puts what disappeared into the
  ``removed`` log under its name.  A rule that only deletes may declare the
  ``spans`` it deletes, so the runner logs them without diffing.
* a **line rule** (:func:`line_rule`) is ``str -> bool``: a kind of page
  furniture.  It declares where it may fire (:class:`Scope`), what its match
  means for the page's layout (:class:`Role`) and the longest line it can
  match (``max_chars``, applied by the rule object, not re-checked in its body).

Decorating registers nothing.  Each stage lists its rules, in the order they
run, in one tuple (``repair.LINE_REPAIRS``, ``repair.BODY_REPAIRS``,
``furniture.FURNITURE``); a test checks that every decorated rule is listed.
Every name the pipeline writes into ``removed`` or ``repairs`` is a
:class:`Label` declared once, with its description, by the code that writes
it: a rule's label is its name and the first line of its docstring.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import Enum

from zh_gov_essays.fragments import deleted_fragments
from zh_gov_essays.records import Label, Removed
from zh_gov_essays.vocab.memo import remember_lines

TextFn = Callable[[str], str]
LineFn = Callable[[str], bool]
SpanFn = Callable[[str], list[tuple[int, int]]]


# Bumped whenever a text rule's function, prefilter or logging changes after it was made, so
# that the runner rebuilds its gates and forgets the results it remembered.
_RULES_VERSION = 0


def first_line(doc: str | None) -> str:
    """The first line of a docstring (its summary), or ``""``.

    >>> first_line('''Delete mangled entities.
    ...
    ...     More words.''')
    'Delete mangled entities.'
    """
    doc = (doc or "").strip()
    return doc.splitlines()[0] if doc else ""


class TextRule:
    """A repair: a named pure ``str -> str`` function, and how the runner logs it.

    Calling the rule calls the function; the object also carries ``label``
    (name and description), ``logs`` and ``spans``.
    """

    def __init__(
        self,
        fn: TextFn,
        *,
        name: str | None = None,
        logs: bool = False,
        spans: SpanFn | None = None,
        description: str | None = None,
        needs: str | None = None,
    ) -> None:
        functools.update_wrapper(self, fn)
        self.fn = fn
        self.label = Label(name or fn.__name__, description or first_line(fn.__doc__))
        self.logs = logs
        self.spans = spans
        self.needs: re.Pattern[str] | None = re.compile(needs) if needs else None

    def __setattr__(self, name: str, value: object) -> None:
        # Changed after the rule was made (tests switch a prefilter off): the runner's gates
        # were built from the old prefilters, and its remembered results from the old rule.
        # Making a rule changes nothing the runner built (pages make their learned rules).
        if name in self.__dict__:
            global _RULES_VERSION
            _RULES_VERSION += 1
        object.__setattr__(self, name, value)

    @property
    def name(self) -> str:
        return self.label.name

    def __call__(self, text: str) -> str:
        return self.fn(text)

    def __repr__(self) -> str:
        return f"TextRule({self.name!r})"


def text_rule(
    *,
    name: str | None = None,
    logs: bool = False,
    spans: SpanFn | None = None,
    needs: str | None = None,
) -> Callable[[TextFn], TextRule]:
    """Declare ``fn`` a text rule (named after the function unless ``name`` is given).

    ``logs``: the rule deletes or replaces content, so what it removes is logged.
    ``spans``: for a rule that only deletes, the sorted, disjoint ``(start, end)``
    spans it deletes; the runner logs them directly (a diff of long, much-edited
    lines is slow).
    ``needs``: a cheap pattern found in every text the rule changes (a
    literal, a character class); the runner skips the rule on text without
    it.  A test runs every rule over the fixture and sample lines to check
    that the prefilter never skips a change.  Prefilters that are one
    character class or literals are merged, per stage, into one class
    (:class:`Gates`): a line with none of those characters skips all those
    rules after one search.
    """

    def wrap(fn: TextFn) -> TextRule:
        return TextRule(fn, name=name, logs=logs, spans=spans, needs=needs)

    return wrap


class Scope(Enum):
    """Where on the page a line rule may fire."""

    ANYWHERE = "anywhere"
    """The pattern cannot be essay prose: it fires on any line."""
    EDGE = "edge"
    """Only before the first or after the last body paragraph, where headers and footers live."""


class Role(Enum):
    """What a line rule's match means for the page's layout, besides removing the line."""

    PLAIN = "plain"
    """Nothing more."""
    FOOTER = "footer"
    """Its first match after the body starts begins the footer (unless real paragraphs follow)."""
    WEAK_FOOTER = "weak_footer"
    """Begins the footer only when no paragraph follows (it also sits between two parts of an essay)."""
    PAGE_META = "page_meta"
    """Page metadata printed next to the title (date, counter, byline, fields)."""


class LineRule:
    """A kind of page furniture: a named pure ``str -> bool`` predicate and its declared role.

    Calling the rule applies ``max_chars`` and the ``needs`` prefilter, and
    then the predicate.
    """

    def __init__(
        self,
        fn: LineFn,
        *,
        scope: Scope,
        role: Role,
        max_chars: int | None = None,
        needs: str | None = None,
    ) -> None:
        functools.update_wrapper(self, fn)
        self.fn = fn
        self.label = Label(fn.__name__, first_line(fn.__doc__))
        self.scope = scope
        self.role = role
        self.max_chars = max_chars
        self.needs = re.compile(needs) if needs else None

    @property
    def name(self) -> str:
        return self.label.name

    def __call__(self, line: str) -> bool:
        if self.max_chars is not None and len(line) > self.max_chars:
            return False
        if self.needs is not None and not self.needs.search(line):
            return False
        return self.fn(line)

    def __repr__(self) -> str:
        return f"LineRule({self.name!r})"


def line_rule(
    *,
    scope: Scope = Scope.ANYWHERE,
    role: Role = Role.PLAIN,
    max_chars: int | None = None,
    needs: str | None = None,
) -> Callable[[LineFn], LineRule]:
    """Declare ``fn`` a line rule: where it fires, its layout role, the longest line it matches.

    ``needs``: a cheap pattern found in every line the rule matches (a
    literal, a character class), so that plain prose skips the rule after
    one quick search; checked by a test over the fixture and sample lines.
    """

    def wrap(fn: LineFn) -> LineRule:
        return LineRule(fn, scope=scope, role=role, max_chars=max_chars, needs=needs)

    return wrap


class FirstMatch:
    """The first of ``rules``, in order, that matches a line (``None`` if none does).

    Line rules are pure, so the answer depends on the text alone and is
    remembered: a line that the line-wrap joiner, the layout and the
    paragraph gate each check costs the rules once, and so does a
    site's furniture line printed on page after page.  The memory is
    bounded (``maxsize`` texts, least recently used go first).

    >>> from zh_gov_essays.furniture import FURNITURE
    >>> first = FirstMatch(FURNITURE)
    >>> first("上一篇：机关作风建设心得体会"), first("建设服务型机关，是重要举措。")
    (LineRule('prev_next'), None)
    """

    def __init__(self, rules: Iterable[LineRule], maxsize: int = 4096) -> None:
        self.rules = tuple(rules)
        self._cached = functools.lru_cache(maxsize=maxsize)(self._first)

    def _first(self, text: str) -> LineRule | None:
        for rule in self.rules:
            if rule(text):
                return rule
        return None

    def __call__(self, text: str) -> LineRule | None:
        return self._cached(text)

    def cache_clear(self) -> None:
        """Forget every answer (after a rule has changed, in tests)."""
        self._cached.cache_clear()

    def __repr__(self) -> str:
        return f"FirstMatch({[rule.name for rule in self.rules]!r})"


def labels_of(rules: Iterable[TextRule | LineRule]) -> tuple[Label, ...]:
    """The labels of ``rules``, in order."""
    return tuple(rule.label for rule in rules)


def cut_spans(text: str, spans: list[tuple[int, int]]) -> tuple[str, list[str]]:
    """``text`` without ``spans``, and the deleted runs (adjacent spans joined).

    >>> cut_spans("政協(xié)機(jī)(jī)關", [(2, 7), (8, 12), (12, 16)])
    ('政協機關', ['(xié)', '(jī)(jī)'])
    """
    kept: list[str] = []
    frags: list[str] = []
    pos = 0
    for start, end in spans:
        kept.append(text[pos:start])
        if frags and start == pos:
            frags[-1] += text[start:end]
        else:
            frags.append(text[start:end])
        pos = end
    kept.append(text[pos:])
    return "".join(kept), [f for f in frags if f.strip()]


# A prefilter the runner can merge into a gate: one character class, or literals (each
# needs its first character).  Neither may carry flags.
_ONE_CLASS = re.compile(r"\[((?:\\.|[^\\\[\]^-])(?:\\.|[^\\\[\]])*)\]")
_LITERALS = re.compile(r"[^\\.^$*+?{}\[\]()|]+(?:\|[^\\.^$*+?{}\[\]()|]+)*")


def first_chars(needs: re.Pattern[str]) -> str | None:
    """The body of a character class holding the first character of every match of
    ``needs``, when ``needs`` is one class or an alternation of literals (else ``None``).

    >>> first_chars(re.compile("[&<]")), first_chars(re.compile("QQ|qq|@"))
    ('&<', 'Qq@')
    >>> first_chars(re.compile("1[3-9]")) is None, first_chars(re.compile("(?i)[a-z]")) is None
    (True, True)
    """
    if needs.flags != re.UNICODE:
        return None
    one = _ONE_CLASS.fullmatch(needs.pattern)
    if one:
        body = one.group(1)
        return None if body.endswith("-") and not body.endswith("\\-") else body
    if _LITERALS.fullmatch(needs.pattern):
        return "".join(dict.fromkeys(re.escape(alt[0]) for alt in needs.pattern.split("|")))
    return None


_Frozen = tuple[str, tuple[str, ...], tuple[Removed, ...]]
"""A :class:`RuleResult` as remembered: its lists as tuples, so no caller can change them."""


@dataclass(frozen=True)
class Gates:
    """One search that lets a line skip many prefiltered rules at once.

    ``gates[k]`` is one character class, the union of :func:`first_chars` of the
    prefilters of ``rules[k:]`` (``None`` if none has one); ``gated[k]`` says
    whether ``rules[k]``'s prefilter is in it.  A text without a character of
    ``gates[k]`` holds no match of any gated prefilter from rule ``k`` on, so
    the runner skips those rules as each one's own prefilter would.

    Some prefilters hold characters of ordinary text (a space, a Latin letter,
    a common ideograph), so most lines open ``gates[k]``.  ``rare_gates[k]`` is
    the same union over the gated rules whose first characters are none of
    those (``rare[k]``: invisible and odd code points, private use, zhuyin…):
    a line that opens the first gate usually passes the second, and skips
    those rules after one more search (``None`` where it is the first's class).
    """

    gates: tuple[re.Pattern[str] | None, ...]
    gated: tuple[bool, ...]
    version: int
    rare_gates: tuple[re.Pattern[str] | None, ...]
    rare: tuple[bool, ...]
    # the rules run over a line, remembered for the last RESULT_CACHE lines (apply_text_rules)
    results: Callable[[str], _Frozen]


def gates_of(rules: tuple[TextRule, ...]) -> Gates:
    """The :class:`Gates` of a rule sequence (remembered; rebuilt when a rule changes)."""
    known = _GATES.get(rules)
    if known is not None and known.version == _RULES_VERSION:
        return known
    if len(_GATES) >= MAX_GATES:
        _GATES.clear()
    bodies = [first_chars(rule.needs) if rule.needs is not None else None for rule in rules]
    rare = [b is not None and not re.search(f"[{b}]", _ORDINARY) for b in bodies]
    gates = _suffix_unions(bodies)
    rare_gates = _suffix_unions([b if r else None for b, r in zip(bodies, rare, strict=True)])
    made = Gates(
        gates,
        tuple(b is not None for b in bodies),
        _RULES_VERSION,
        # where both gates are one class, a text clear of the second is clear of the first
        tuple(
            None
            if rare_gate is not None and gate is not None and rare_gate.pattern == gate.pattern
            else rare_gate
            for gate, rare_gate in zip(gates, rare_gates, strict=True)
        ),
        tuple(rare),
        remember_lines(RESULT_CACHE)(functools.partial(_frozen_run, rules)),
    )
    _GATES[rules] = made
    return made


def _suffix_unions(bodies: list[str | None]) -> tuple[re.Pattern[str] | None, ...]:
    """For each ``k`` (and after the last), one class: the union of ``bodies[k:]``."""
    gates: list[re.Pattern[str] | None] = []
    for k in range(len(bodies) + 1):
        union = "".join(dict.fromkeys(b for b in bodies[k:] if b))
        gates.append(re.compile(f"[{union}]") if union else None)
    return tuple(gates)


# Characters of ordinary text: printable ASCII, CJK punctuation and ideographs, full-width
# forms.  A prefilter's first characters that hold none of them are rare in lines.
_ORDINARY = "".join(
    map(chr, [*range(0x20, 0x7F), *range(0x3000, 0x3040), *range(0x4E00, 0xA000)])
) + "".join(map(chr, range(0xFF00, 0xFFF0)))

_GATES: dict[tuple[TextRule, ...], Gates] = {}
MAX_GATES = 64
"""Rule sequences whose gates are remembered (the stages' tuples, a few more in tests)."""


RESULT_CACHE = 1024
"""Lines whose results each rule sequence remembers (the last ones run).

A site prints the same header, menu, footer and widget lines on every page,
and a copied essay repeats its source's lines: over 1,000 pages of the
bench's crawl, 54 % of the lines run through a rule sequence had been run
through it before, 49 % within its last 1,024 lines.  Remembering them took
the runner's time over those pages from 1.0 to 0.88 (0.2 s per 1,000 pages),
for about 1 MB per sequence (lines of up to
:data:`~zh_gov_essays.vocab.memo.LINE_CHARS` characters)."""


@dataclass
class RuleResult:
    text: str
    repairs: list[str]
    removed: list[Removed]


def apply_text_rules(line: str, rules: Iterable[TextRule]) -> RuleResult:
    """Run ``rules`` in order over one line, recording names and deletions.

    >>> from zh_gov_essays.repair import LINE_REPAIRS
    >>> r = apply_text_rules("&bsp;&bsp;一、建设服务型机关", LINE_REPAIRS)
    >>> r.text, r.repairs
    ('一、建设服务型机关', ['html_entities', 'whitespace'])

    A tuple of rules (the stages') remembers the results of its last
    :data:`RESULT_CACHE` lines, as the rules are pure: a line met again gets
    the same text, repairs and removals (new lists each time).
    """
    if type(rules) is tuple:
        text, repairs, removed = gates_of(rules).results(line)
        return RuleResult(text, list(repairs), list(removed))
    return _run_rules(line, list(rules), None)


def _frozen_run(rules: tuple[TextRule, ...], line: str) -> _Frozen:
    result = _run_rules(line, rules, gates_of(rules))
    return result.text, tuple(result.repairs), tuple(result.removed)


def _run_rules(
    line: str, rules: tuple[TextRule, ...] | list[TextRule], plan: Gates | None
) -> RuleResult:
    """:func:`apply_text_rules` without remembering: ``plan`` gates a tuple, a list has none."""
    repairs: list[str] = []
    removed: list[Removed] = []
    text = line
    if plan is not None:
        gates, gated, rare_gates, rare = plan.gates, plan.gated, plan.rare_gates, plan.rare
    else:  # a list made for one page (learned watermarks): each rule's own prefilter
        gates, gated = (None,) * (len(rules) + 1), (False,) * len(rules)
        rare_gates, rare = gates, gated
    gate, rare_gate = gates[0], rare_gates[0]
    clear = gate is not None and gate.search(text) is None
    # the rare gate's class is part of the first's: a text clear of one is clear of both
    quiet = clear or (rare_gate is not None and rare_gate.search(text) is None)
    for k, rule in enumerate(rules):
        needs = rule.needs
        if needs is not None and (
            (clear and gated[k]) or (quiet and rare[k]) or not needs.search(text)
        ):
            continue  # the rule cannot change this text
        if rule.spans is not None:
            cuts = rule.spans(text)
            if not cuts:
                continue
            new, frags = cut_spans(text, cuts)
        else:
            new = rule.fn(text)
            if new == text:
                continue
            frags = deleted_fragments(text, new) if rule.logs else []
        repairs.append(rule.name)
        if rule.logs:
            if frags:
                removed.append(Removed(rule.name, " ".join(f.strip() for f in frags)))
        text = new
        gate, rare_gate = gates[k + 1], rare_gates[k + 1]
        clear = gate is not None and gate.search(text) is None
        quiet = clear or (rare_gate is not None and rare_gate.search(text) is None)
    return RuleResult(text, repairs, removed)
