"""Where ``process()`` spends its time: per pipeline stage, and per text rule.

:func:`instrumented` wraps the stage functions ``process`` calls (every
function of the ``pipeline`` module its code names, found when it runs, so
a stage added or renamed is timed without editing this module) and records
every ``apply_text_rules`` call of the modules that run text rules.
:func:`rule_costs` then replays the recorded calls rule by rule, so each rule
is timed over exactly the lines it saw in the pipeline, alone and inside the
runner (whose extra is mostly the audit diff of what a logging rule removed).
"""

from __future__ import annotations

import contextlib
import sys
import time
import types
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from zh_gov_essays import pipeline, rules
from zh_gov_essays.bench.timing import best_of
from zh_gov_essays.repair import BODY_REPAIRS, LINE_REPAIRS
from zh_gov_essays.rules import TextRule

# What each stage function of ``pipeline.process`` does, for the table; a stage
# not listed is shown by its function's name.
STAGE_NAMES: dict[str, str] = {
    "decode_raw": "decode",
    "page_lines": "split into lines",
    "split_run_on_page": "split run-on lines",
    "repair_lines": "repair lines (line rules)",
    "join_wrapped_lines": "join hard-wrapped lines",
    "classify": "classify lines (furniture, layout)",
    "read_metadata": "title and metadata",
    "body_paragraphs": "paragraphs (body rules, joins)",
    "body_scripts": "script detection",
    "fill_from_record": "record fields (url, title)",
    "cjk_count": "CJK count (too-short check)",
}
OTHER_STAGE = "other (labels, checks)"
# The plain replacement the slowest rule is compared with, per KB of the same lines.
BASELINE_OLD, BASELINE_NEW = "。", "．"


def stage_functions() -> list[str]:
    """The names of the functions in ``pipeline`` that ``process`` calls, in its code order."""

    def names_of(code: types.CodeType) -> Iterator[str]:
        yield from code.co_names
        for const in code.co_consts:  # comprehensions are code objects of their own
            if isinstance(const, types.CodeType):
                yield from names_of(const)

    names = list(names_of(pipeline.process.__code__))
    return [name for name in dict.fromkeys(names) if _is_function(getattr(pipeline, name, None))]


def _is_function(obj: object) -> bool:
    """A plain function, or one behind a cache (``functools.lru_cache`` keeps it as ``__wrapped__``)."""
    return isinstance(obj, types.FunctionType) or isinstance(
        getattr(obj, "__wrapped__", None), types.FunctionType
    )


@dataclass
class Recording:
    """What an instrumented pass over the documents saw."""

    stage_seconds: dict[str, float] = field(default_factory=dict)
    total_seconds: float = 0.0
    # Every apply_text_rules call of process(): (line, the rules it ran).
    calls: list[tuple[str, tuple[TextRule, ...]]] = field(default_factory=list)


def _runner_modules() -> list[types.ModuleType]:
    """The loaded package modules that run text rules through ``apply_text_rules``."""
    return [
        module
        for name, module in sorted(sys.modules.items())
        if name.startswith("zh_gov_essays.")
        and not name.startswith("zh_gov_essays.bench")
        and module is not rules
        and getattr(module, "apply_text_rules", None) is rules.apply_text_rules
    ]


@contextlib.contextmanager
def instrumented(rec: Recording) -> Iterator[None]:
    """Time every stage of ``pipeline.process`` and record its text-rule calls.

    ``process`` looks its stage functions up in the module at call time, so
    wrapping the module's attributes is enough; they are restored on exit.
    """
    stages = {name: getattr(pipeline, name) for name in stage_functions()}
    runners = _runner_modules()
    apply = rules.apply_text_rules

    inside = [False]  # a stage called by another stage counts as the caller's time

    def timing(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            if inside[0]:
                return fn(*args, **kwargs)
            inside[0] = True
            start = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                inside[0] = False
                # Keyed when the stage first returns: the table lists stages in the
                # order they first finish, the flow's.
                spent = time.perf_counter() - start
                rec.stage_seconds[name] = rec.stage_seconds.get(name, 0.0) + spent

        return wrapper

    def recording(line: str, run: Any) -> Any:
        rec.calls.append((line, tuple(run)))  # the stage tuples themselves: no copy
        return apply(line, run)

    try:
        for name, fn in stages.items():
            setattr(pipeline, name, timing(name, fn))
        for module in runners:
            module.apply_text_rules = recording  # type: ignore[attr-defined]
        yield
    finally:
        for name, fn in stages.items():
            setattr(pipeline, name, fn)
        for module in runners:
            module.apply_text_rules = apply  # type: ignore[attr-defined]


def stage_table(rec: Recording) -> dict[str, dict[str, float]]:
    """Seconds and share of process time of each stage, with what the stages leave over."""
    total = rec.total_seconds or 1e-9
    rows = {STAGE_NAMES.get(name, name): s for name, s in rec.stage_seconds.items()}
    rows[OTHER_STAGE] = max(0.0, rec.total_seconds - sum(rec.stage_seconds.values()))
    return {name: {"seconds": s, "percent": 100 * s / total} for name, s in rows.items()}


def rule_label(rule: TextRule) -> str:
    """``name`` for a listed rule, ``name [body]`` for a body repair, ``name (learned)``
    for one built per document."""
    suffix = "" if rule in LINE_REPAIRS or rule in BODY_REPAIRS else " (learned)"
    return f"{rule.name}{suffix}" + (" [body]" if rule in BODY_REPAIRS else "")


@dataclass
class RuleCost:
    """One text rule timed over every line it saw.

    ``seconds`` is the rule alone, behind its ``needs`` prefilter; ``runner_seconds`` is
    ``apply_text_rules`` running just this rule over the same lines.  The
    lines and the rule objects that saw them are two parallel lists (a learned
    rule is a new object on every page): millions of pairs, kept small.
    """

    label: str
    changed: int = 0
    kbytes: float = 0.0
    seconds: float = 0.0
    runner_seconds: float = 0.0
    texts: list[str] = field(default_factory=list, repr=False)
    rules: list[TextRule] = field(default_factory=list, repr=False)

    @property
    def calls(self) -> int:
        return len(self.texts)

    @property
    def runner_extra_seconds(self) -> float:
        """What the runner adds to the function (never below zero)."""
        return max(0.0, self.runner_seconds - self.seconds)

    def time(self, repeats: int) -> None:
        """Time the function over the lines (best of ``repeats``), then the runner (once:
        the diffs dominate it, so one run is steady enough)."""
        texts, fns = self.texts, [_as_run(r) for r in self.rules]
        self.kbytes = sum(len(t.encode("utf-8")) for t in texts) / 1024
        self.seconds = best_of(
            repeats, lambda: [fn(t) for fn, t in zip(fns, texts, strict=True)], enough=0.25
        )
        apply = rules.apply_text_rules
        self.runner_seconds = best_of(
            1, lambda: [apply(t, (r,)) for r, t in zip(self.rules, texts, strict=True)]
        )


def _as_run(rule: TextRule) -> Callable[[str], str]:
    """The rule as the runner calls it: its ``needs`` prefilter first, then its function
    only on the lines the prefilter lets through (the runner's merged per-line gate does
    the same work in fewer searches, so this is an upper bound of the rule's share)."""
    needs, fn = rule.needs, rule.fn
    if needs is None:
        return fn
    return lambda text: fn(text) if needs.search(text) else text


def rule_costs(calls: list[tuple[str, tuple[TextRule, ...]]], repeats: int = 2) -> list[RuleCost]:
    """Time each rule over the lines it saw, alone and in the runner; in pipeline order.

    Replays the recorded ``apply_text_rules`` calls rule by rule, so that each
    rule sees exactly its input in the pipeline.
    """
    costs: dict[str, RuleCost] = {}
    cost_of: dict[int, RuleCost] = {}  # by rule object (the recording keeps them alive)
    for line, run in calls:
        text = line
        for rule in run:
            cost = cost_of.get(id(rule))
            if cost is None:
                label = rule_label(rule)
                cost = cost_of[id(rule)] = costs.setdefault(label, RuleCost(label))
            cost.texts.append(text)
            cost.rules.append(rule)
            new = rule.fn(text)
            if new != text:
                cost.changed += 1
                text = new
    for cost in costs.values():
        cost.time(repeats)
    return list(costs.values())


def rule_table(costs: list[RuleCost], process_seconds: float) -> dict[str, Any]:
    """The rule table: each rule's calls, changes, cost and share of ``process_seconds``;
    the runner's share; the slowest rule against ``str.replace`` over its lines."""
    total = process_seconds or 1e-9
    table: dict[str, Any] = {
        "rules": {
            c.label: {
                "calls": c.calls,
                "changed": c.changed,
                "seconds": c.seconds,
                "percent": 100 * c.seconds / total,
                "us_per_kb": 1e6 * c.seconds / c.kbytes if c.kbytes else 0.0,
                "runner_extra_seconds": c.runner_extra_seconds,
                "runner_extra_percent": 100 * c.runner_extra_seconds / total,
            }
            for c in costs
        }
    }
    functions = sum(c.seconds for c in costs)
    extra = sum(c.runner_extra_seconds for c in costs)
    table["all_rules"] = {
        "seconds": functions,
        "percent": 100 * functions / total,
        "runner_extra_seconds": extra,
        "runner_extra_percent": 100 * extra / total,
    }
    if costs:
        slowest = max(costs, key=lambda c: c.seconds)
        texts = slowest.texts
        replace = best_of(5, lambda: [t.replace(BASELINE_OLD, BASELINE_NEW) for t in texts])
        kb = slowest.kbytes or 1e-9
        table["slowest_rule"] = {
            "rule": slowest.label,
            "us_per_kb": 1e6 * slowest.seconds / kb,
            "replace_us_per_kb": 1e6 * replace / kb,
            "ratio": slowest.seconds / (replace or 1e-9),
        }
    return table
