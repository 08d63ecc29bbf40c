"""The rule registry and the runner that applies text rules with an audit trail.

A *text rule* is a pure ``str -> str`` function registered by name with
:func:`text_rule`.  Rules never log or count: the runner does.  When a rule
changes a line, the runner records the rule's name among the line's repairs
and, for rules registered with ``logs=True`` (those that delete or replace
content), puts the text that disappeared into the ``removed`` log under the
rule's name.  Replaying the registry in order over the raw line reproduces
the cleaned line.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from difflib import SequenceMatcher

from zh_gov_essays.records import Removed

TextFn = Callable[[str], str]
SpanFn = Callable[[str], list[tuple[int, int]]]


@dataclass(frozen=True)
class TextRule:
    name: str
    fn: TextFn
    logs: bool
    order: int
    stage: str  # "line": every raw line; "body": only lines kept as body text
    # For a rule that only deletes: the sorted, disjoint (start, end) spans it deletes.
    # The runner then logs exactly those spans instead of diffing before and after.
    spans: SpanFn | None = None


TEXT_RULES: dict[str, TextRule] = {}


def text_rule(
    name: str, *, order: int, logs: bool = False, stage: str = "line", spans: SpanFn | None = None
) -> Callable[[TextFn], TextFn]:
    """Register ``fn`` as the text rule ``name``; lower ``order`` runs first.

    ``stage="line"`` rules repair every raw line before classification;
    ``stage="body"`` rules cut phrases out of lines already known to be body
    text (a phrase that is page furniture in a header may be prose elsewhere).
    ``spans``, for a rule that only deletes, gives the spans ``fn`` deletes:
    the runner logs them directly (a diff of long, much-edited lines is slow).
    """

    def register(fn: TextFn) -> TextFn:
        if name in TEXT_RULES:
            raise ValueError(f"text rule {name!r} registered twice")
        TEXT_RULES[name] = TextRule(
            name=name, fn=fn, logs=logs, order=order, stage=stage, spans=spans
        )
        return fn

    return register


def ordered_text_rules(stage: str = "line") -> list[TextRule]:
    """The registered text rules of ``stage`` in the order they run."""
    # Importing these registers every rule, whatever the caller imported first.
    import zh_gov_essays.punct
    import zh_gov_essays.repair  # noqa: F401

    rules = [r for r in TEXT_RULES.values() if r.stage == stage]
    return sorted(rules, key=lambda r: (r.order, r.name))


def deleted_fragments(before: str, after: str) -> list[str]:
    """The runs of ``before`` that do not survive into ``after``.

    >>> deleted_fragments("最公务员之家版权所有大限度地", "最大限度地")
    ['公务员之家版权所有']
    >>> deleted_fragments("政協(xié)機(jī)關", "政協機關")
    ['(xié)', '(jī)']
    """
    if before == after:
        return []
    matcher = SequenceMatcher(None, before, after, autojunk=False)
    out = []
    for tag, i1, i2, _j1, _j2 in matcher.get_opcodes():
        if tag in ("delete", "replace") and before[i1:i2].strip():
            out.append(before[i1:i2])
    return out


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


@dataclass
class RuleResult:
    text: str
    repairs: list[str]
    removed: list[Removed]


def apply_text_rules(line: str, rules: list[TextRule] | None = None) -> RuleResult:
    """Run every text rule over one line, recording names and deletions.

    >>> r = apply_text_rules("&bsp;&bsp;一、建设服务型机关")
    >>> r.text, r.repairs
    ('一、建设服务型机关', ['html_entities', 'whitespace'])
    """
    repairs: list[str] = []
    removed: list[Removed] = []
    text = line
    for rule in rules if rules is not None else ordered_text_rules():
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
    return RuleResult(text, repairs, removed)
