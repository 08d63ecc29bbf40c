"""Remove pinyin and zhuyin that spam sites and textbook scrapes add to Chinese text.

Some spam sites run a Simplified -> Traditional conversion and, as a side
effect of their tooling, append the pinyin reading in parentheses after many
characters; others gloss whole words, write tone numbers, put the pinyin
after a word without parentheses, add a whole line of pinyin above the text,
or gloss in zhuyin (bopomofo), as Taiwanese textbooks do.  The glosses are
not part of the essay and break every phrase they land in, so the rules
delete them:

>>> strip_pinyin_glosses("高績效政協(xié)機(jī)關(guān)經(jīng)驗(yàn)交流")
'高績效政協機關經驗交流'
>>> strip_pinyin_glosses("優(yōu)秀基層公務(wù)員")
'優秀基層公務員'
>>> strip_pinyin_glosses("導(dǎo)語:高績效政協(xié)機(jī)關(guān)經(jīng)驗(yàn)交流一文")
'導語:高績效政協機關經驗交流一文'
>>> strip_pinyin_glosses("政协（zhèngxié）委员")
'政协委员'
>>> strip_pinyin_glosses("政(zheng4)协(xie2)机关 jīguān 是为委员服务的机关")
'政协机关是为委员服务的机关'
>>> strip_pinyin_glosses("Jiànshè fúwùxíng jīguān")
''
>>> strip_zhuyin_glosses("政ㄓㄥˋ協ㄒㄧㄝˊ委員")
'政協委員'

A gloss is the pinyin (or zhuyin) of the characters right before it, one
syllable per character, by pypinyin's readings (all heteronyms, of the
character and of its Simplified form; see :mod:`~zh_gov_essays.repair.readings`):

* in parentheses right after an ideograph (no space), ASCII ``()`` or
  full-width ``（）``: one lowercase syllable for the character before it, or
  the syllables of the last few characters, run together or apart,
  capitalised or not (``政协（Zhèng Xié）``);
* a word right after an ideograph, with no parentheses, after no space or one
  (``政协 zhèngxié 机关``); the space after it goes with it when an ideograph
  follows;
* a whole line of pinyin words (and punctuation), at least
  :data:`MIN_LINE_SYLLABLES` syllables, most of them with a tone: the line is
  a reading of another, never text of its own.

A syllable with a tone mark or a tone number is certain.  A tone-less one
(``xie``, or ``men`` and ``de``, whose neutral tone carries no mark) is
ambiguous with English words (``(an)``, ``(men)``, ``(he)``): a single
tone-less syllable is removed only when the same line also holds at least
:data:`MIN_TONED_FOR_TONELESS` certain glosses, i.e. when the line is clearly
glossed.  So is a toned syllable in parentheses that reads another
character: on a glossed line, the character before it was garbled upstream
or pypinyin lacks the reading, and the gloss is pinyin all the same.  A tone-less word of two syllables or more in parentheses that
spells the characters before it (``北京(Beijing)``) is certain enough.

Everything else is deliberately left alone: words, abbreviations, numbers
and enumerators in parentheses, chemical formulas and product codes, a
syllable after a Latin letter or after punctuation, an English word that is
not a reading of the characters before it, and a syllable that is not a
reading of the character before it:

>>> strip_pinyin_glosses("縣(市)、(PDCA)、(一)、服务(service)、率(rate)、二氧化碳(CO2)、型号(H2O)")
'縣(市)、(PDCA)、(一)、服务(service)、率(rate)、二氧化碳(CO2)、型号(H2O)'
>>> strip_pinyin_glosses("A(xiè) 政(xié) 我们(men) 中国(China)")
'A(xiè) 政(xié) 我们(men) 中国(China)'

When several glosses follow one character they are removed left to right up
to the first that is not one, so the rules are idempotent.  What a rule
cannot tell from text (a gloss with a wrong reading, a tone-less one without
context, a stray line of tone-less pinyin) the publishing gate refuses
(:func:`pinyin_problem`).
"""

from __future__ import annotations

import functools
import re
import unicodedata

from zh_gov_essays.repair.mojibake import repair_mojibake
from zh_gov_essays.repair.readings import (
    BOPOMOFO,
    BOPOMOFO_TONES,
    PINYIN_LETTERS,
    spell,
    spell_zhuyin,
    syllabify,
    zhuyin_syllables,
)
from zh_gov_essays.repair.whitespace import private_use
from zh_gov_essays.rules import cut_spans, text_rule
from zh_gov_essays.vocab.chars import HAN

__all__ = [
    "MIN_LINE_SYLLABLES",
    "MIN_TONED_FOR_TONELESS",
    "has_pinyin_gloss",
    "pinyin_problem",
    "strip_pinyin_glosses",
    "strip_zhuyin_glosses",
]

#: A tone-less single syllable is removed only when its line has at least this many
#: certain glosses (with a tone mark or number).
MIN_TONED_FOR_TONELESS = 2
#: A line of pinyin words is a reading (and deleted) from this many syllables on, when
#: more than half of them carry a tone.
MIN_LINE_SYLLABLES = 2
#: The gate refuses a line of tone-less pinyin words (``Wang Xiaoming``) from this many.
MIN_BARE_LINE_SYLLABLES = 3
#: A gloss reads at most this many characters.
MAX_GLOSSED_CHARS = 8

# A pinyin word: letters (either case) with tone numbers, apostrophes or hyphens inside.
_WORD = f"[{PINYIN_LETTERS}](?:[{PINYIN_LETTERS}0-5'’-]*[{PINYIN_LETTERS}0-5])?"
_WORD_RE = re.compile(_WORD, re.IGNORECASE)
_HAN_RUN = re.compile(f"[{HAN}]+")
_PAREN = re.compile(f"[(（]({_WORD}(?: {_WORD})*)[)）]", re.IGNORECASE)
_BARE_WORDS = re.compile(f" ?({_WORD}(?: {_WORD})*)(?![{PINYIN_LETTERS}0-9)）])", re.IGNORECASE)
_LETTER = re.compile(f"[{PINYIN_LETTERS}]", re.IGNORECASE)
_HAN_RE = re.compile(f"[{HAN}]")
_HAN_TAIL = re.compile(f"[{HAN}]+$")
# Where a gloss may start: an ideograph, then a pinyin letter, maybe after a space or "(".
_GLOSS_START = re.compile(f"[{HAN}] ?[(（]?[{PINYIN_LETTERS}]", re.IGNORECASE)
_NUMBERED = re.compile(f"[{PINYIN_LETTERS}]{{2,}}[0-5]", re.IGNORECASE)
# Every character _LETTER matches (upper case, and what case-insensitive matching takes
# for a letter, such as the Kelvin sign), as one class without flags: the prefilter of
# the rule, whose first step is a search for _LETTER.  None lies beyond U+3000 (a test
# checks every code point).
_LETTERS = "".join(chr(cp) for cp in range(0x3000) if _LETTER.match(chr(cp)))
_LETTER_NEEDS = "[" + re.escape(_LETTERS) + "]"
# What a gloss starts with: a parenthesis (_PAREN), a space or a pinyin letter
# (_BARE_WORDS, in _word_gloss).  A glossed line has a gloss after nearly every
# character: what follows the last one is looked at before both are tried.
_GLOSS_FIRST = frozenset("(（ " + _LETTERS)
# ... and with bopomofo: every text the gate (pinyin_problem) refuses holds one of them.
_PROBLEM_NEEDS = re.compile(f"{_LETTER_NEEDS[:-1]}{BOPOMOFO}]")

# Verdicts on one gloss candidate: a reading of the characters before it, with a tone; one
# without (ambiguous); a toned syllable in parentheses that reads another character; none.
_CERTAIN, _TONELESS, _MISREAD, _NOT = range(4)


def _is_lower_or_capitalised(word: str) -> bool:
    """``zhèngxié``, ``Zhèngxié`` and ``Zhèng Xié``; not ``ZHENGXIE`` or ``zhèngXié``."""
    return all(part[1:] == part[1:].lower() for part in re.split(r"[ '’-]", word) if part)


@functools.lru_cache(maxsize=65536)
def _verdict(gloss: str, run: str, parenthesised: bool) -> int:
    """Whether ``gloss`` reads the end of the ideograph ``run``, and how surely.

    Remembered: a glossed page asks about the same few glosses again and again."""
    single = parenthesised and gloss == gloss.lower() and " " not in gloss
    for count in range(1, min(len(run), MAX_GLOSSED_CHARS) + 1):
        found = spell(gloss, run[-count:])
        if found is None:
            continue
        if count == 1 and parenthesised and not single:
            return _NOT  # 協(Xié), 協(XIE): one character's gloss is written in lower case
        if not _is_lower_or_capitalised(gloss):
            return _NOT
        if found[0] or (parenthesised and count >= 2):
            return _CERTAIN
        return _TONELESS
    if single and _toned(gloss) and syllabify(gloss) == (1, 0):
        return _MISREAD  # one toned syllable, of another character (or of a garbled one)
    return _NOT


def _line_spans(text: str) -> list[tuple[int, int]]:
    """The whole line, when it is a line of pinyin words (most syllables with a tone)."""
    if _HAN_RE.search(text):
        return []
    rest = _WORD_RE.sub("", text)
    if any(unicodedata.category(ch)[0] not in "PZ" for ch in rest):
        return []
    toned = syllables = 0
    for word in _WORD_RE.findall(text):
        found = syllabify(word)
        if found is None:
            return []
        toned += found[0]
        syllables += sum(found)
    if syllables >= MIN_LINE_SYLLABLES and 2 * toned > syllables:
        return [(0, len(text))]
    return []


def _word_gloss(text: str, pos: int, run: str) -> tuple[int, int]:
    """The verdict on the longest run of words at ``pos`` that reads the end of ``run``
    (and where the gloss ends, with the space after it when an ideograph follows)."""
    match = _BARE_WORDS.match(text, pos)
    if not match:
        return _NOT, pos
    words = list(_WORD_RE.finditer(text, match.start(1), match.end(1)))
    for count in range(len(words), 0, -1):
        verdict = _verdict(text[words[0].start() : words[count - 1].end()], run, False)
        if verdict != _NOT:
            end = words[count - 1].end()
            if end < len(text) and text[end] == " " and _HAN_RE.match(text, end + 1):
                end += 1  # the space between the gloss and the next word goes too
            return verdict, end
    return _NOT, pos


def _gloss_spans(text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` that are pinyin glosses, in order."""
    if not _LETTER.search(text):
        return []
    line = _line_spans(text)
    if line:
        return line
    runs: list[list[tuple[int, int, int]]] = []  # per ideograph run: start, end, verdict
    glossed_to = -1  # where the last glosses found end
    for start in _GLOSS_START.finditer(text):
        pos = start.start() + 1
        # a gloss ends with a bracket, a letter, a digit or a space, never an ideograph:
        # right after one, the run before pos is its one character (政(zhèng)協(xié))
        run = text[pos - 1] if pos - 1 == glossed_to else _run_before(text, pos)
        glosses: list[tuple[int, int, int]] = []
        while text[pos : pos + 1] in _GLOSS_FIRST:
            paren = _PAREN.match(text, pos)
            if paren:
                verdict = _verdict(paren.group(1), run, True)  # parenthesised
                end = paren.end()
            else:
                verdict, end = _word_gloss(text, pos, run)
            if verdict == _NOT:
                break
            glosses.append((pos, end, verdict))
            pos = end
        if glosses:
            runs.append(glosses)
            glossed_to = pos
    certain = sum(v == _CERTAIN for glosses in runs for _, _, v in glosses)
    spans: list[tuple[int, int]] = []
    for glosses in runs:
        for start, end, verdict in glosses:
            if verdict in (_TONELESS, _MISREAD) and certain < MIN_TONED_FOR_TONELESS:
                break  # it stays, and so do the glosses after it
            spans.append((start, end))
    return spans


@text_rule(name="pinyin_gloss", logs=True, spans=_gloss_spans, needs=_LETTER_NEEDS)
def strip_pinyin_glosses(text: str) -> str:
    """Delete pinyin glossed after characters or words, and lines of pinyin: ``政協(xié)機(jī)關`` → ``政協機關``.

    Only a reading of the characters before it counts (see the module
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


# --- zhuyin -------------------------------------------------------------------------------------

_ZHUYIN = (
    f"[{BOPOMOFO}{BOPOMOFO_TONES}](?:[{BOPOMOFO}{BOPOMOFO_TONES} ]*[{BOPOMOFO}{BOPOMOFO_TONES}])?"
)
_ZHUYIN_GLOSS = re.compile(f"[(（]({_ZHUYIN})[)）]|({_ZHUYIN})")
_ZHUYIN_RE = re.compile(_ZHUYIN)
_BOPOMOFO_RE = re.compile(f"[{BOPOMOFO}]")


def _zhuyin_spans(text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` that are zhuyin glosses (or the whole line, when it is zhuyin)."""
    if not _BOPOMOFO_RE.search(text):
        return []
    # A line of zhuyin, or one the mojibake repair (after this one) leaves as such.
    if _zhuyin_line(text) or (_HAN_RE.search(text) and _zhuyin_line(_after_zhuyin(text))):
        return [(0, len(text))]
    if not _HAN_RE.search(text):
        return []
    spans: list[tuple[int, int]] = []
    for run in _HAN_RUN.finditer(text):
        pos = run.end()
        while gloss := _ZHUYIN_GLOSS.match(text, pos):
            zhuyin = gloss.group(1) or gloss.group(2)
            if not any(
                spell_zhuyin(zhuyin, run.group()[-count:])
                for count in range(1, min(len(run.group()), MAX_GLOSSED_CHARS) + 1)
            ):
                break
            spans.append(gloss.span())
            pos = gloss.end()
    return spans


def _zhuyin_line(text: str) -> bool:
    """Whether ``text`` is zhuyin syllables, spaces and punctuation only."""
    if _HAN_RE.search(text) or not _BOPOMOFO_RE.search(text):
        return False
    rest = _ZHUYIN_RE.sub("", text)
    return all(unicodedata.category(ch)[0] in "PZ" for ch in rest) and all(
        zhuyin_syllables(run) for run in _ZHUYIN_RE.findall(text)
    )


def _after_zhuyin(text: str) -> str:
    """What the repairs after this one leave of a line: garbled ideographs dropped."""
    return private_use(repair_mojibake(text))


@text_rule(name="zhuyin_gloss", logs=True, spans=_zhuyin_spans, needs=f"[{BOPOMOFO}]")
def strip_zhuyin_glosses(text: str) -> str:
    """Delete zhuyin (bopomofo) glossed after characters, and lines of zhuyin: ``政ㄓㄥˋ協ㄒㄧㄝˊ`` → ``政協``.

    It runs before the ``mojibake`` repair, which takes bopomofo glued to
    ideographs for misaligned GB18030 (and would cut the glossed characters
    with it).  Left alone: bopomofo that is not the reading of the characters
    before it (``注音符號ㄅㄆㄇㄈ``: the gate refuses it if the ``mojibake``
    repair leaves it).
    """
    spans = _zhuyin_spans(text)
    return cut_spans(text, spans)[0] if spans else text


# --- the gate -----------------------------------------------------------------------------------


def _pinyin_leftover(text: str) -> bool:
    """Pinyin the repair left, because it could not be sure of its reading."""
    if not _LETTER.search(text):
        return False
    han = bool(_HAN_RE.search(text))
    if not han:
        words = _WORD_RE.findall(text)
        rest = _WORD_RE.sub("", text)
        if not words or any(unicodedata.category(ch)[0] not in "PZ" for ch in rest):
            return False
        parsed = [syllabify(word) for word in words]
        if any(p is None for p in parsed):
            return False
        syllables = sum(sum(p) for p in parsed if p)
        toned = sum(p[0] for p in parsed if p)
        return (syllables >= MIN_BARE_LINE_SYLLABLES and len(words) >= 2) or (
            toned >= 1 and syllables >= MIN_LINE_SYLLABLES
        )
    toneless = 0  # tone-less glosses left for want of context: two or more are refused
    for start in _GLOSS_START.finditer(text):
        paren = _PAREN.match(text, start.start() + 1)
        if paren:
            gloss = paren.group(1)
            read = _reads(gloss, _run_before(text, start.start() + 1))
            if _toned(gloss) or read >= 2:
                return True  # 行政(xié), 政协（ZHENGXIE）
            toneless += read == 1
    for word in _WORD_RE.finditer(text):
        at = word.start() - (text[word.start() - 1 : word.start()] == " ")
        run = _run_before(text, at)
        toned = _toned(word.group())
        if not (toned or run):
            continue  # a tone-less word away from ideographs: English as likely as pinyin
        parsed = syllabify(word.group())
        if not parsed:
            continue
        read = _reads(word.group(), run) if run else 0
        if toned and (read or 2 * parsed[0] >= sum(parsed) >= 2):
            return True  # 政协 zhèngxiè, or a word of marked syllables among Chinese
        toneless += bool(read) and not parsed[0]
    return toneless >= MIN_TONED_FOR_TONELESS


def _run_before(text: str, pos: int) -> str:
    """The ideographs (at most :data:`MAX_GLOSSED_CHARS`) right before ``pos``, or ``""``."""
    run = _HAN_TAIL.search(text, max(0, pos - MAX_GLOSSED_CHARS), pos)
    return run.group() if run else ""


def _reads(gloss: str, run: str) -> int:
    """How many characters at the end of ``run`` ``gloss`` spells, in any case (0: none)."""
    for count in range(1, min(len(run), MAX_GLOSSED_CHARS) + 1):
        if spell(gloss, run[-count:]):
            return count
    return 0


def _toned(word: str) -> bool:
    """Pinyin with a tone: syllables, one with a tone mark or a tone number after two letters
    or more (``xié``, ``zheng4``; not ``O2``, ``H2O``, ``CO2``)."""
    parsed = syllabify(word)
    return bool(parsed and parsed[0]) and (_has_mark(word) or bool(_NUMBERED.search(word)))


def _has_mark(word: str) -> bool:
    return any(ch in "\u0300\u0301\u0304\u030c" for ch in unicodedata.normalize("NFD", word))


def pinyin_problem(text: str) -> str | None:
    """Why ``text`` may not be published for pinyin or zhuyin in it, or ``None``.

    Glosses the repairs would remove, and what they cannot be sure of: a
    toned syllable or word with a wrong reading (``行政(xié)``), tone-less
    glosses without context (``一(yi)二(er)三(san)``), a line of tone-less
    pinyin, any bopomofo letter.

    >>> pinyin_problem("政協(xié)機關"), pinyin_problem("政协（zhèngxiè）委员")
    ('pinyin gloss', 'pinyin')
    >>> pinyin_problem("一(yi)二(er)三(san)"), pinyin_problem("注音ㄅㄆㄇㄈ")
    ('pinyin', 'zhuyin')
    >>> pinyin_problem("服务(service)、平安(an)、二氧化碳(CO2)、氧气(O2)") is None
    True
    """
    # Each answer needs a pinyin letter (has_pinyin_gloss, _pinyin_leftover) or a
    # bopomofo one: one search of a class without flags settles most paragraphs.
    if not _PROBLEM_NEEDS.search(text):
        return None
    if has_pinyin_gloss(text):
        return "pinyin gloss"
    if _BOPOMOFO_RE.search(text):
        return "zhuyin"
    if _pinyin_leftover(text):
        return "pinyin"
    return None
