"""Text repairs: one module per kind of damage, their order in two tuples.

Line repairs run on every raw line before it is classified; body repairs
run only on lines kept as essay text (a phrase that is page furniture in a
header may be prose in the body).  Each tuple is the order the rules run in.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from zh_gov_essays.records import Label, Line
from zh_gov_essays.repair.entities import html_entities, html_tags
from zh_gov_essays.repair.inline import (
    lead_dateline,
    lead_label,
    page_mark,
    platform_note,
    seo_phrase,
    trailing_credit,
)
from zh_gov_essays.repair.misread import utf8_as_gbk, utf8_as_latin1
from zh_gov_essays.repair.mojibake import repair_mojibake
from zh_gov_essays.repair.pii import pii_email, pii_id_number, pii_mobile, pii_qq
from zh_gov_essays.repair.pinyin import strip_pinyin_glosses, strip_zhuyin_glosses
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
    line_separators,
    noncharacters,
    private_use,
    replacement_char,
    tag_characters,
    variation_selectors,
    whitespace,
    whitespace_after_repairs,
)
from zh_gov_essays.rules import TextRule, apply_text_rules

LINE_REPAIRS: tuple[TextRule, ...] = (
    html_entities,
    html_tags,
    # UTF-8 read as cp1252: before any rule that deletes or rewrites a character its
    # bytes may stand for (U+00AD, C1 controls, NBSP).
    utf8_as_latin1,
    invisible_chars,
    tag_characters,
    noncharacters,
    variation_selectors,
    control_chars,
    line_separators,
    whitespace,
    # UTF-8 read as GBK: while U+FFFD still marks the bytes lost upstream, and before
    # the mojibake repair, which would take its rare characters for misaligned GB18030.
    utf8_as_gbk,
    replacement_char,
    # Zhuyin glosses before the mojibake repair, which takes bopomofo glued to ideographs
    # for misaligned GB18030; pinyin glosses after it, since re-decoded text may hold some.
    strip_zhuyin_glosses,
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
    # Personal numbers: after the phrase cuts (they log what they cut as printed), before
    # punct_fullwidth; ID numbers first, so no other pattern sees part of one.
    pii_id_number,
    pii_email,
    pii_mobile,
    pii_qq,
    punct_fullwidth,
)
"""Repairs of lines kept as essay text, in the order they run."""


WATERMARK_LEARNED = Label(
    "watermark_learned",
    "A watermark the page stamps after a sentence, deleted wherever else it occurs on the page.",
)

REPAIR_ORDER: dict[str, int] = {
    name: position
    for position, name in enumerate(
        [*(r.name for r in LINE_REPAIRS), WATERMARK_LEARNED.name, *(r.name for r in BODY_REPAIRS)]
    )
}
"""Every repair's position in the flow: the order a paragraph's ``repairs`` list keeps."""


def in_flow_order(*repairs: Iterable[str]) -> list[str]:
    """The union of repair lists, in the order the repairs run; other names last, as met.

    >>> in_flow_order(["html_entities", "punct_fullwidth"], ["whitespace", "punct_fullwidth"])
    ['html_entities', 'whitespace', 'punct_fullwidth']
    >>> in_flow_order(["whitespace"], ["page_break_join"])
    ['whitespace', 'page_break_join']
    """
    names = list(dict.fromkeys(name for names in repairs for name in names))
    return sorted(names, key=lambda name: REPAIR_ORDER.get(name, len(REPAIR_ORDER)))


def repair_lines(raw_lines: Iterable[str]) -> list[Line]:
    """Every raw line through :data:`LINE_REPAIRS`, then the watermarks the page revealed.

    A watermark a page stamps after a sentence is learned from there and
    deleted everywhere else on the page too (``watermark_learned``, see
    :func:`~zh_gov_essays.repair.watermark.learn_watermarks`).
    """
    out = []
    for number, raw in enumerate(raw_lines):
        result = apply_text_rules(raw, LINE_REPAIRS)
        out.append(
            Line(raw, result.text, result.repairs, result.removed, number=number),
        )
    marks = learn_watermarks(line.text for line in out)
    if marks:
        learned = [_learned_watermarks(marks)]
        for line in out:
            again = apply_text_rules(line.text, learned)
            if again.repairs:
                line.text = again.text
                line.repairs = [*line.repairs, *again.repairs]
                line.removed.extend(again.removed)
    return out


def _learned_watermarks(marks: tuple[str, ...]) -> TextRule:
    return TextRule(
        partial(strip_watermarks, marks=marks),
        name=WATERMARK_LEARNED.name,
        logs=True,
        description=WATERMARK_LEARNED.description,
    )


def replay(line: str, repairs: Iterable[str], marks: tuple[str, ...] = ()) -> str:
    """Apply the named repairs to one raw line, in the order listed.

    ``marks`` are the watermarks the page revealed (what ``watermark_learned``
    removed); names that are not repairs (``page_break_join``) are skipped.
    Replaying a paragraph's ``repairs`` on each of its raw lines gives the
    published text (tested over every fixture page).

    >>> replay("&bsp;&bsp;拾遗补缺,完善决策", ["html_entities", "whitespace", "punct_fullwidth"])
    '拾遗补缺，完善决策'
    """
    rules = {rule.name: rule for rule in (*LINE_REPAIRS, *BODY_REPAIRS)}
    rules[WATERMARK_LEARNED.name] = _learned_watermarks(marks)
    for name in repairs:
        if name in rules:
            line = rules[name](line)
    return line
