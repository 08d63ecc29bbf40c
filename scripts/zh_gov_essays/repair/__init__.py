"""Text repairs: one module per kind of damage, their order in two tuples.

Line repairs run on every raw line before it is classified; body repairs
run only on lines kept as essay text (a phrase that is page furniture in a
header may be prose in the body).  Each tuple is the order the rules run in.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from zh_gov_essays.records import Line
from zh_gov_essays.repair.entities import html_entities, html_tags
from zh_gov_essays.repair.inline import (
    lead_dateline,
    lead_label,
    page_mark,
    platform_note,
    seo_phrase,
    trailing_credit,
)
from zh_gov_essays.repair.mojibake import repair_mojibake
from zh_gov_essays.repair.pinyin import strip_pinyin_glosses
from zh_gov_essays.repair.punct import punct_fullwidth
from zh_gov_essays.repair.watermark import (
    forum_noise,
    learn_watermarks,
    page_widgets,
    spam_phrase,
    strip_watermarks,
    watermark,
)
from zh_gov_essays.repair.whitespace import (
    control_chars,
    invisible_chars,
    private_use,
    replacement_char,
    whitespace,
    whitespace_after_repairs,
)
from zh_gov_essays.rules import TextRule, apply_text_rules

LINE_REPAIRS: tuple[TextRule, ...] = (
    html_entities,
    html_tags,
    invisible_chars,
    control_chars,
    whitespace,
    replacement_char,
    repair_mojibake,
    private_use,
    strip_pinyin_glosses,
    forum_noise,
    page_widgets,
    watermark,
    spam_phrase,
    whitespace_after_repairs,
)
"""Repairs of every raw line, in the order they run."""

BODY_REPAIRS: tuple[TextRule, ...] = (
    seo_phrase,
    trailing_credit,
    lead_dateline,
    lead_label,
    platform_note,
    page_mark,
    punct_fullwidth,
)
"""Repairs of lines kept as essay text, in the order they run."""


def repair_lines(raw_lines: Iterable[str]) -> list[Line]:
    """Every raw line through :data:`LINE_REPAIRS`, then the watermarks the page revealed.

    A watermark a page stamps after a sentence is learned from there and
    deleted everywhere else on the page too (see
    :func:`~zh_gov_essays.repair.watermark.learn_watermarks`).
    """
    out = []
    for raw in raw_lines:
        result = apply_text_rules(raw, LINE_REPAIRS)
        out.append(Line(raw=raw, text=result.text, repairs=result.repairs, removed=result.removed))
    marks = learn_watermarks(line.text for line in out)
    if marks:
        learned = [
            TextRule(
                partial(strip_watermarks, marks=marks),
                name=watermark.name,
                logs=True,
                description=watermark.label.description,
            )
        ]
        for line in out:
            again = apply_text_rules(line.text, learned)
            if again.repairs:
                line.text = again.text
                line.repairs = sorted({*line.repairs, *again.repairs})
                line.removed.extend(again.removed)
    return out
