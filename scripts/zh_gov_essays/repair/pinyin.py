"""Remove pinyin glosses that spam sites append to characters.

Some spam sites run a Simplified -> Traditional conversion and, as a side
effect of their tooling, append the pinyin reading in parentheses after many
characters.  The glosses are not part of the essay and break every phrase
they land in, so the rule deletes them:

>>> strip_pinyin_glosses("高績效政協(xié)機(jī)關(guān)經(jīng)驗(yàn)交流")
'高績效政協機關經驗交流'
>>> strip_pinyin_glosses("優(yōu)秀基層公務(wù)員")
'優秀基層公務員'
>>> strip_pinyin_glosses("婉轉(zhuǎn)評彈")
'婉轉評彈'
>>> strip_pinyin_glosses("導(dǎo)語:高績效政協(xié)機(jī)關(guān)經(jīng)驗(yàn)交流一文")
'導語:高績效政協機關經驗交流一文'
>>> strip_pinyin_glosses("政協（xié）機關")
'政協機關'

A parenthesis is a gloss only when **all** of these hold:

* it directly follows a CJK ideograph (no space in between);
* it holds one lowercase pinyin syllable, nothing else: letters, tone
  marks, ``ü`` or ``v`` for ``ü`` (``lǘ``, ``lv``); ASCII ``()`` or
  full-width ``（）``;
* that syllable is one of the preceding character's readings according to
  pypinyin (all heteronyms).  pypinyin knows most Traditional characters
  (績, 協, 關); the readings of the character's Simplified form (OpenCC
  ``t2s``) are added to the set, which also covers the characters pypinyin
  does not know at all (compatibility ideographs such as U+F902 車).

Tone-less syllables (``xie``, and neutral-tone readings such as ``men``
or ``de``, which carry no mark either) are ambiguous with English words
(``(an)``, ``(men)``, ``(he)``), so they are removed only when the same text
(one line) also holds at least :data:`MIN_TONED_FOR_TONELESS` toned
glosses that pass the test above, i.e. when the line is clearly glossed.  On
their own they are left alone.  Numbered tones (``xie2``) are not recognised.

Everything else is deliberately left alone: words, abbreviations, numbers
and enumerators in parentheses, a syllable after a Latin letter or after
punctuation, an English word that is not a reading of the character before
it, and a syllable that is not a reading of that character:

>>> strip_pinyin_glosses("縣(市)、(PDCA)、(一)、服务(service)、率(rate)")
'縣(市)、(PDCA)、(一)、服务(service)、率(rate)'
>>> strip_pinyin_glosses("A(xiè) 政(xié) 我们(men)")
'A(xiè) 政(xié) 我们(men)'

When several glosses follow one character they are removed left to right up
to the first parenthesis that is not a gloss, so the rule is idempotent.
"""

from __future__ import annotations

import functools
import re
import unicodedata

import opencc
from pypinyin import Style, pinyin

from zh_gov_essays.rules import cut_spans, text_rule
from zh_gov_essays.vocab.chars import HAN

__all__ = ["MIN_TONED_FOR_TONELESS", "has_pinyin_gloss", "strip_pinyin_glosses"]

#: A tone-less gloss is removed only when its line has at least this many
#: valid toned glosses.
MIN_TONED_FOR_TONELESS = 2

_CJK = HAN
# Lowercase pinyin letters, precomposed toned vowels, and the combining marks
# pinyin uses (grave, acute, circumflex for ê, macron, diaeresis, caron).
_SYL = "a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüêếềńňǹḿ\u0300\u0301\u0302\u0304\u0308\u030c"
_TONE_MARKS = frozenset("\u0300\u0301\u0304\u030c")

# Cheap gate: a CJK ideograph, an opening parenthesis and a pinyin letter.
_PRECHECK = re.compile(f"[{_CJK}][(（][{_SYL}]")
# A CJK ideograph followed by a run of parenthesised syllable-like words.
_RUN = re.compile(f"([{_CJK}])((?:[(（][{_SYL}]{{1,8}}[)）])+)")
_ITEM = re.compile(f"[(（]([{_SYL}]+)[)）]")


def _norm(syllable: str) -> str:
    """Canonical form: NFC, with ``v`` spelled ``ü``."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFD", syllable).replace("v", "ü"))


def _toneless(syllable: str) -> str:
    """``syllable`` (normalised) without its tone mark; keeps ``ü`` and ``ê``."""
    nfd = unicodedata.normalize("NFD", syllable)
    return unicodedata.normalize("NFC", "".join(c for c in nfd if c not in _TONE_MARKS))


def _is_toned(syllable: str) -> bool:
    return any(c in _TONE_MARKS for c in unicodedata.normalize("NFD", syllable))


@functools.cache
def _t2s():
    """The OpenCC Traditional -> Simplified converter, built on first use.

    Kept in this module-level cache (not a default argument or a global
    built at import) because it is slow to build and cannot be pickled.
    """
    return opencc.OpenCC("t2s")


@functools.lru_cache(maxsize=65536)
def _readings(ch: str) -> tuple[frozenset[str], frozenset[str]]:
    """(toned, tone-less) readings of one character, normalised.

    >>> toned, bare = _readings("關")
    >>> sorted(toned), sorted(bare)
    (['guān', 'wān', 'wǎn'], ['guan', 'wan'])
    >>> sorted(_readings("\\uf902")[0])      # compatibility ideograph, via t2s
    ['chē', 'jū']
    """
    chars = {ch}
    simplified = _t2s().convert(ch)
    if len(simplified) == 1:
        chars.add(simplified)
    toned: set[str] = set()
    bare: set[str] = set()
    for c in chars:
        for r in pinyin(c, heteronym=True, style=Style.TONE, errors="ignore")[:1]:
            toned.update(_norm(s) for s in r)
        for r in pinyin(c, heteronym=True, style=Style.NORMAL, errors="ignore")[:1]:
            bare.update(_norm(s) for s in r)
    bare.update(_toneless(s) for s in toned)
    return frozenset(toned), frozenset(bare)


# Verdicts on one (character, syllable) pair.
_TONED_OK, _TONED_BAD, _BARE_OK, _BARE_BAD = range(4)


@functools.lru_cache(maxsize=262144)
def _verdict(ch: str, raw: str) -> int:
    """Is ``raw`` (as written in the parentheses) a reading of ``ch``?"""
    syl = _norm(raw)
    toned, bare = _readings(ch)
    if _is_toned(syl):
        return _TONED_OK if syl in toned else _TONED_BAD
    return _BARE_OK if syl in bare else _BARE_BAD


def _gloss_spans(text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` that are pinyin glosses, in order."""
    if ("(" not in text and "（" not in text) or not _PRECHECK.search(text):
        return []
    # (start, end, verdict) of each parenthesised word, grouped by the
    # character they follow.
    runs: list[list[tuple[int, int, int]]] = []
    toned_ok = 0
    for m in _RUN.finditer(text):
        ch = m.group(1)
        base = m.start(2)
        run = []
        for i in _ITEM.finditer(m.group(2)):
            v = _verdict(ch, i.group(1))
            toned_ok += v == _TONED_OK
            run.append((base + i.start(), base + i.end(), v))
        runs.append(run)
    ok = (_TONED_OK, _BARE_OK) if toned_ok >= MIN_TONED_FOR_TONELESS else (_TONED_OK,)
    spans: list[tuple[int, int]] = []
    for run in runs:
        for start, end, v in run:
            if v not in ok:
                break
            spans.append((start, end))
    return spans


@text_rule(name="pinyin_gloss", logs=True, spans=_gloss_spans)
def strip_pinyin_glosses(text: str) -> str:
    """Delete pinyin readings glossed after characters: ``政協(xié)機(jī)關`` → ``政協機關``.

    Only a reading of the character before it counts (see the module
    docstring); genuine parentheses such as ``縣(市)`` stay.
    """
    spans = _gloss_spans(text)
    return cut_spans(text, spans)[0] if spans else text


def has_pinyin_gloss(text: str) -> bool:
    """True when :func:`strip_pinyin_glosses` would change ``text``.

    >>> has_pinyin_gloss("政協(xié)機關"), has_pinyin_gloss("縣(市)")
    (True, False)
    """
    return bool(_gloss_spans(text))
