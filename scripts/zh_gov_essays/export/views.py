"""Converted script views for the export (``--script``): the only place text changes script.

``hans`` is OpenCC ``t2s``, ``hant`` is ``s2t`` and ``tw`` is ``s2twp``
(Taiwan characters and phrasing: 软件 → 軟體).  A text already in the target
script is left alone, because ``s2t`` corrupts Traditional text
(``鄰里`` → ``鄰裏``).  Paragraphs carry their script from the build; titles
and sections are short and are judged here.
"""

from __future__ import annotations

from functools import cache

import opencc

from zh_gov_essays.script import paragraph_script

# --script value -> (the script of the result, the OpenCC config that converts into it)
VIEWS: dict[str, tuple[str, str]] = {
    "hans": ("Hans", "t2s"),
    "hant": ("Hant", "s2t"),
    "tw": ("Hant", "s2twp"),
}
SCRIPT_CHOICES = ("original", *VIEWS)


def normalise_script(value: str) -> str:
    """The canonical ``--script`` value: case-insensitive, old spellings kept.

    >>> normalise_script("Hans"), normalise_script("HANT"), normalise_script("tw")
    ('hans', 'hant', 'tw')
    """
    key = value.strip().lower()
    if key not in SCRIPT_CHOICES:
        raise ValueError(f"unknown script {value!r}: use {', '.join(SCRIPT_CHOICES)}")
    return key


@cache
def _converter(config: str) -> opencc.OpenCC:
    # One converter per process and config (OpenCC objects cannot be pickled).
    return opencc.OpenCC(config)


def convert(text: str, view: str, script: str | None = None) -> str:
    """``text`` in the script of ``view``; ``script`` is the text's own, when known.

    >>> convert("邻里关系", "hant"), convert("鄰里關係", "hant", "Hant")
    ('鄰里關係', '鄰里關係')
    >>> convert("加强软件建设", "tw"), convert("鄰里關係", "hans")
    ('加強軟體建設', '邻里关系')

    Left alone: ``original``, and text whose script already is the target
    (judged with OpenCC when ``script`` is not given; text that reads the same
    in both scripts counts as already there).
    """
    if view == "original" or not text:
        return text
    target, config = VIEWS[view]
    own = script if script is not None else paragraph_script(text)
    if own in (target, None):
        return text
    return _converter(config).convert(text)


def convert_template(template: str, script: str, view: str) -> str:
    """A Simplified prompt template in the script of the row it heads.

    >>> convert_template("请以《{title}》为题，写一篇文章。", "Hant", "original")
    '請以《{title}》為題，寫一篇文章。'
    """
    if view == "original":
        # Traditional pages in the wild write 為, not OpenCC's standard 爲: s2tw.
        return template if script == "Hans" else _converter("s2tw").convert(template)
    target, config = VIEWS[view]
    return template if target == "Hans" else _converter(config).convert(template)


def view_script(script: str, view: str) -> str:
    """The script a row ends up in."""
    return script if view == "original" else VIEWS[view][0]
