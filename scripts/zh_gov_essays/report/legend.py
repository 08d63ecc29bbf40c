"""What each rule is called and how it looks on the page: descriptions and colours.

The descriptions come from one place (:func:`rule_descriptions`, the labels
the pipeline declares); repoint it there if they move.  Colours are assigned by a rule's
rank on the page, so the same build gives the same colours.
"""

from __future__ import annotations

from collections.abc import Iterable

from zh_gov_essays.pipeline import label_descriptions

# Hue step between consecutive rules: the golden angle spreads any number of
# hues so that neighbours in the ranking never look alike.
GOLDEN_ANGLE = 137.508


def rule_descriptions() -> dict[str, str]:
    """Rule name → one line saying what the rule removes or repairs."""
    return label_descriptions()


def rule_colours(n: int) -> list[tuple[str, str]]:
    """``(background, ink)`` CSS colours for ``n`` rules, distinct hues in rank order.

    >>> rule_colours(2)
    [('hsl(0,75%,87%)', 'hsl(0,60%,32%)'), ('hsl(138,75%,87%)', 'hsl(138,60%,32%)')]
    """
    out = []
    for i in range(n):
        hue = round(i * GOLDEN_ANGLE) % 360
        out.append((f"hsl({hue},75%,87%)", f"hsl({hue},60%,32%)"))
    return out


def rule_css(count: int) -> str:
    """One CSS class per rule, ``.r0`` … ``.r{count-1}``, setting ``--bg`` and ``--ink``.

    >>> rule_css(1)
    '.r0{--bg:hsl(0,75%,87%);--ink:hsl(0,60%,32%)}'
    """
    return "\n".join(
        f".r{i}{{--bg:{bg};--ink:{ink}}}" for i, (bg, ink) in enumerate(rule_colours(count))
    )


def describe(names: Iterable[str], descriptions: dict[str, str]) -> list[str]:
    """The description of each name, or a note that the rule has none.

    Docstring markup (````code````) is dropped: the page shows plain text.

    >>> describe(["tag_list", "new_rule"], {"tag_list": "A tag list: ``標籤:兩會學習``."})
    ['A tag list: 標籤:兩會學習.', '(no description: a rule this version does not know)']
    """
    return [
        (descriptions.get(name) or "(no description: a rule this version does not know)").replace(
            "``", ""
        )
        for name in names
    ]
