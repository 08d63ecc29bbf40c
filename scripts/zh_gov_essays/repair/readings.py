"""Readings of characters, and whether a pinyin or zhuyin string spells them.

The pinyin and zhuyin repairs ask one question: does this romanisation (or
this run of bopomofo) read the characters before it, one syllable per
character?  The readings are pypinyin's, every heteronym of the character
and of its Simplified form (OpenCC ``t2s``), which also covers what pypinyin
does not know (compatibility ideographs such as U+F902 車).

A pinyin syllable may be written with a tone mark (``zhèng``), a tone number
(``zheng4``; ``5`` or ``0`` for the neutral tone), or neither (``zheng``),
with ``v`` or ``ü``, in lower case or capitalised; syllables may be run
together or parted by a space, an apostrophe or a hyphen (``xī'ān``).  A
syllable with a tone (mark or number) that is a reading is *toned*, and
certain: English has no such words.  A tone-less one is *bare*, and
ambiguous with English words (``an``, ``men``, ``he``).
"""

from __future__ import annotations

import functools
import os
import re
import unicodedata

import opencc

# Only single characters are looked up here, so pypinyin's phrase dictionary
# (and the copies it makes of its tables) would be 45 MB of every process for
# nothing; the readings of every Han code point are the same without them
# (compared over all 101,264, in the tone, tone-less and zhuyin styles).  A
# setting the user made stands.
os.environ.setdefault("PYPINYIN_NO_PHRASES", "true")
os.environ.setdefault("PYPINYIN_NO_DICT_COPY", "true")

from pypinyin import Style, pinyin  # reads the settings above when first imported
from pypinyin.contrib.tone_convert import to_tone
from pypinyin.pinyin_dict import pinyin_dict
from pypinyin.style.bopomofo import BopomofoConverter

__all__ = [
    "BOPOMOFO",
    "BOPOMOFO_TONES",
    "PINYIN_LETTERS",
    "is_toned",
    "norm",
    "readings",
    "spell",
    "spell_zhuyin",
    "syllabify",
    "zhuyin_syllables",
]

PINYIN_LETTERS = "a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüêếềńňǹḿ\u0300\u0301\u0302\u0304\u0308\u030c"
"""Lowercase pinyin letters, precomposed toned vowels, and the combining marks pinyin uses
(grave, acute, circumflex for ê, macron, diaeresis, caron), as the body of a regex class."""

BOPOMOFO = "\u3105-\u312f\u31a0-\u31bf"
"""Bopomofo (zhuyin) letters, with the extended block, as the body of a regex class."""

BOPOMOFO_TONES = "\u02ca\u02c7\u02cb\u02d9\u02c9"
"""Zhuyin tone marks: ˊ second, ˇ third, ˋ fourth, ˙ neutral, ˉ first (usually unwritten)."""

_TONE_MARKS = frozenset("\u0300\u0301\u0304\u030c")
_SEPARATORS = frozenset(" '’-")
_MAX_SYLLABLE = 7  # "zhuang" is 6 letters; a combining mark may add one


def norm(text: str) -> str:
    """Canonical pinyin: lower case, NFC, ``v`` spelled ``ü``.

    >>> norm("Lv4"), norm("Zhe\\u0300ng")
    ('lü4', 'zhèng')
    """
    nfd = unicodedata.normalize("NFD", text.lower()).replace("v", "ü")
    return unicodedata.normalize("NFC", nfd)


def _toneless(syllable: str) -> str:
    """``syllable`` (normalised) without its tone mark; keeps ``ü`` and ``ê``."""
    nfd = unicodedata.normalize("NFD", syllable)
    return unicodedata.normalize("NFC", "".join(c for c in nfd if c not in _TONE_MARKS))


def is_toned(syllable: str) -> bool:
    """Whether ``syllable`` carries a pinyin tone mark.

    >>> is_toned("xié"), is_toned("xie"), is_toned("xie2")
    (True, False, False)
    """
    return any(c in _TONE_MARKS for c in unicodedata.normalize("NFD", syllable))


@functools.cache
def _t2s() -> opencc.OpenCC:
    """The OpenCC Traditional -> Simplified converter, built on first use (it is slow to
    build and cannot be pickled, so it is neither a default argument nor built at import)."""
    return opencc.OpenCC("t2s")


@functools.lru_cache(maxsize=65536)
def readings(ch: str) -> tuple[frozenset[str], frozenset[str]]:
    """(toned, tone-less) pinyin readings of one character, normalised.

    The neutral tone is written without a mark, so it is among the toned
    readings as it is spelled (``men``).

    >>> toned, bare = readings("關")
    >>> sorted(toned), sorted(bare)
    (['guān', 'wān', 'wǎn'], ['guan', 'wan'])
    >>> sorted(readings("\\uf902")[0])      # compatibility ideograph, via t2s
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
            toned.update(norm(s) for s in r)
        for r in pinyin(c, heteronym=True, style=Style.NORMAL, errors="ignore")[:1]:
            bare.update(norm(s) for s in r)
    bare.update(_toneless(s) for s in toned)
    return frozenset(toned), frozenset(bare)


@functools.cache
def _inventory() -> tuple[frozenset[str], frozenset[str]]:
    """Every syllable pypinyin knows: (toned, tone-less), normalised."""
    toned = {norm(s) for value in pinyin_dict.values() for s in value.split(",")}
    return frozenset(toned), frozenset(_toneless(s) for s in toned)


# How a written syllable relates to a reading.
TONED, BARE = 1, 2


@functools.lru_cache(maxsize=262144)
def _kind(part: str, number: str, toned: frozenset[str], bare: frozenset[str]) -> int:
    """``TONED``, ``BARE`` or 0: how ``part`` (with tone ``number``, or ``""``) reads as one
    of ``toned``/``bare``."""
    if number:
        if number in "05":
            return TONED if part in toned and not is_toned(part) else 0
        if is_toned(part):
            return 0
        try:
            return TONED if norm(to_tone(part + number)) in toned else 0
        except (ValueError, IndexError):
            return 0
    if is_toned(part):
        return TONED if part in toned else 0
    return BARE if part in bare else 0


def _spellings(
    word: str, slots: list[tuple[frozenset[str], frozenset[str]]]
) -> tuple[int, int] | None:
    """The most toned way to split normalised ``word`` into one syllable per slot:
    ``(toned, bare)`` syllables, or ``None``."""
    n = len(word)
    letters = sum(ch.isalpha() for ch in word)
    if not len(slots) <= letters <= _MAX_SYLLABLE * len(slots):
        return None
    memo: dict[tuple[int, int], tuple[int, int] | None] = {}

    def best(pos: int, k: int) -> tuple[int, int] | None:
        while pos < n and word[pos] in _SEPARATORS:
            pos += 1
        if k == len(slots):
            return (0, 0) if pos == n else None
        if (pos, k) in memo:
            return memo[pos, k]
        found: tuple[int, int] | None = None
        for size in range(1, _MAX_SYLLABLE + 1):
            part = word[pos : pos + size]
            if len(part) < size or not part.isalpha():
                break
            end = pos + size
            number = word[end] if end < n and word[end] in "012345" else ""
            kind = _kind(part, number, *slots[k])
            if not kind:
                continue
            rest = best(end + len(number), k + 1)
            if rest is not None:
                got = (rest[0] + (kind == TONED), rest[1] + (kind == BARE))
                if found is None or got > found:
                    found = got
        memo[pos, k] = found
        return found

    return best(0, 0)


@functools.lru_cache(maxsize=65536)
def spell(word: str, chars: str) -> tuple[int, int] | None:
    """Whether ``word`` reads ``chars``, one syllable per character: the number of toned
    and bare syllables of the most toned reading, or ``None``.

    >>> spell("zhèngxié", "政协"), spell("Zheng4 Xie2", "政協"), spell("zhengxie", "政协")
    ((2, 0), (2, 0), (0, 2))
    >>> spell("zhèngxiè", "政协") is None, spell("service", "服务") is None
    (True, True)
    """
    return _spellings(norm(word), [readings(ch) for ch in chars])


@functools.lru_cache(maxsize=65536)
def syllabify(word: str, most: int = 12) -> tuple[int, int] | None:
    """Whether ``word`` is made of pinyin syllables (any syllable pypinyin knows): the
    number of toned and bare syllables of its most toned split, or ``None``.

    >>> syllabify("Jiànshè"), syllabify("xian"), syllabify("service"), syllabify("zheng4")
    ((2, 0), (0, 1), None, (1, 0))
    """
    word = norm(word)
    inventory = _inventory()
    letters = sum(ch.isalpha() for ch in word)
    for count in range(max(1, letters // 6), min(most, letters) + 1):
        found = _spellings(word, [inventory] * count)
        if found is not None:
            return found
    return None


# --- zhuyin -------------------------------------------------------------------------------------

_NEUTRAL_FIRST = re.compile(f"\u02d9([{BOPOMOFO}]+)")


def _norm_zhuyin(text: str) -> str:
    """Zhuyin with the neutral-tone dot after its syllable, no first-tone mark, no spaces."""
    text = _NEUTRAL_FIRST.sub(lambda m: m.group(1) + "\u02d9", text)
    return text.replace("\u02c9", "").replace(" ", "").replace("\u3000", "")


@functools.lru_cache(maxsize=65536)
def _zhuyin_readings(ch: str) -> frozenset[str]:
    """The zhuyin readings of one character (and of its Simplified form), normalised.

    >>> sorted(_zhuyin_readings("們"))
    ['ㄇㄣˊ', 'ㄇㄣˋ', 'ㄇㄣ˙']
    """
    chars = {ch, _t2s().convert(ch)} if len(_t2s().convert(ch)) == 1 else {ch}
    out: set[str] = set()
    for c in chars:
        for r in pinyin(c, heteronym=True, style=Style.BOPOMOFO, errors="ignore")[:1]:
            out.update(_norm_zhuyin(s) for s in r)
    return frozenset(out)


@functools.cache
def _zhuyin_inventory() -> frozenset[str]:
    """Every syllable pypinyin knows, in zhuyin, normalised."""
    convert = BopomofoConverter().to_bopomofo
    return frozenset(_norm_zhuyin(convert(s)) for s in _inventory()[0])


def _fits(text: str, slots: list[frozenset[str]]) -> bool:
    """Whether normalised zhuyin ``text`` splits into one reading of each slot, in order."""

    @functools.cache
    def fits(pos: int, k: int) -> bool:
        if k == len(slots):
            return pos == len(text)
        for reading in slots[k]:
            end = pos + len(reading)
            if text.startswith(reading, pos) and (
                reading[-1] in BOPOMOFO_TONES or end == len(text) or text[end] not in BOPOMOFO_TONES
            ):
                if fits(end, k + 1):
                    return True
        return False

    return bool(text) and fits(0, 0)


def zhuyin_syllables(zhuyin: str, most: int = 12) -> int:
    """How many zhuyin syllables ``zhuyin`` is made of (0: it is not made of syllables).

    >>> zhuyin_syllables("ㄓㄥˋ ㄒㄧㄝˊ"), zhuyin_syllables("ㄅㄆㄇㄈ")
    (2, 0)
    """
    text = _norm_zhuyin(zhuyin)
    inventory = _zhuyin_inventory()
    letters = sum(ch not in BOPOMOFO_TONES for ch in text)
    for count in range(max(1, letters // 4), min(most, letters) + 1):
        if _fits(text, [inventory] * count):
            return count
    return 0


def spell_zhuyin(zhuyin: str, chars: str) -> bool:
    """Whether ``zhuyin`` reads ``chars``, one syllable per character.

    >>> spell_zhuyin("ㄓㄥˋ ㄒㄧㄝˊ", "政協"), spell_zhuyin("˙ㄇㄣ", "們"), spell_zhuyin("ㄓㄥˊ", "政")
    (True, True, False)
    """
    return _fits(_norm_zhuyin(zhuyin), [_zhuyin_readings(ch) for ch in chars])
