"""The damage the seed pages show, reproduced on clean text: one function per kind.

Each function takes text (or lines) and a :class:`random.Random` and returns
the damaged copy; the crawl (:mod:`zh_gov_essays.bench.crawl`) decides which
page gets which.  The seed each kind comes from is named in its docstring.
"""

from __future__ import annotations

import html
import random
import re
from functools import cache

from pypinyin import Style, pinyin

from zh_gov_essays.vocab.chars import FULLWIDTH_OF, HAN

_ASCII_OF = {full: ascii_ for ascii_, full in FULLWIDTH_OF.items()}
_FULLWIDTH_CHARS = re.compile("[" + "".join(_ASCII_OF) + "]")
_COMMAS = (FULLWIDTH_OF[","], ",")
_HAN_PAIR = re.compile(f"[{HAN}](?=[{HAN}])")
_DATE = re.compile(r"(?:19|20)\d\d-[01]\d-[0-3]\d")
_CN_DATE = re.compile(r"(?:19|20)\d\d年[01]?\d月[0-3]?\d日")
_TIME = re.compile(r"\b[0-2]\d:[0-5]\d(?::[0-5]\d)?\b")

# Share of the characters a conversion changed that get a pinyin gloss (seed 003: most).
GLOSS_SHARE = 0.8
# A page number falls after every PAGE_PARAGRAPHS paragraphs or so (seed 001: 2 to 4) ...
PAGE_PARAGRAPHS = (2, 4)
# ... and cuts the paragraph it falls in this often, at a comma past its first third.
PAGE_CUT_SHARE = 0.4
# Mojibake spans (seed 002: one of 60 characters), in characters.
MOJIBAKE_CHARS = (20, 60)


def vary_numbers(text: str, rng: random.Random) -> str:
    """Dates and clock times in ``text`` replaced by other valid ones (every page's
    furniture then differs, as real pages' do).

    >>> vary_numbers("时间:2022-06-25 09:54:00", random.Random(1))
    '时间:2009-10-28 02:16:07'
    """

    def day() -> tuple[int, int, int]:
        return rng.randint(2005, 2024), rng.randint(1, 12), rng.randint(1, 28)

    def iso(_m: re.Match[str]) -> str:
        return "{:04d}-{:02d}-{:02d}".format(*day())

    def cn(_m: re.Match[str]) -> str:
        return "{}年{}月{}日".format(*day())

    def clock(m: re.Match[str]) -> str:
        parts = [rng.randint(0, 23), rng.randint(0, 59), rng.randint(0, 59)]
        return ":".join(f"{p:02d}" for p in parts[: m.group().count(":") + 1])

    return _TIME.sub(clock, _CN_DATE.sub(cn, _DATE.sub(iso, text)))


def ascii_punct(text: str) -> str:
    """Full-width ``，；：？！（）`` turned into ASCII, as every seed was scraped.

    >>> ascii_punct("提高效率，规范管理（试行）；")
    '提高效率,规范管理(试行);'
    """
    return _FULLWIDTH_CHARS.sub(lambda m: _ASCII_OF[m.group()], text)


def add_page_numbers(paragraphs: list[str], rng: random.Random) -> list[str]:
    """Lone page numbers between paragraphs, some cutting a paragraph in two (seed 001).

    Returns the lines: paragraphs, the halves of cut ones, and the numbers.
    """
    out: list[str] = []
    page, since = 1, 0
    every = rng.randint(*PAGE_PARAGRAPHS)
    for text in paragraphs:
        if since >= every - 1 and len(text) >= 60 and rng.random() < PAGE_CUT_SHARE:
            cut = max(text.find(c, len(text) // 3) for c in _COMMAS)
            if cut > 0:
                out += [text[: cut + 1], str(page), text[cut + 1 :]]
                page, since, every = page + 1, 0, rng.randint(*PAGE_PARAGRAPHS)
                continue
        out.append(text)
        since += 1
        if since >= every:
            out.append(str(page))
            page, since, every = page + 1, 0, rng.randint(*PAGE_PARAGRAPHS)
    return out


def stamp_watermark(paragraphs: list[str], mark: str, rng: random.Random) -> list[str]:
    """``mark`` after the last sentence of one paragraph and between two ideographs of
    another (seed 002: ``…提高工作效率。公务员之家版权所有``, ``最公务员之家版权所有大限度地``)."""
    out = list(paragraphs)
    long = [i for i, p in enumerate(out) if len(p) >= 40]
    if not long:
        return out
    end, mid = rng.choice(long), rng.choice(long)
    out[end] += mark
    pairs = [m.end() for m in _HAN_PAIR.finditer(out[mid])]
    if pairs:
        at = rng.choice(pairs)
        out[mid] = out[mid][:at] + mark + out[mid][at:]
    return out


def _fullwidth(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if 0x21 <= ord(c) <= 0x7E else c for c in text)


def _halfwidth(text: str) -> str:
    return "".join(chr(ord(c) - 0xFEE0) if 0xFF01 <= ord(c) <= 0xFF5E else c for c in text)


def misalign(text: str, start: int, end: int) -> str:
    """``text[start:end]`` read one byte out of step, the way seed 002's mojibake was made.

    The page was GBK with full-width punctuation; the span lost its first
    byte and was decoded two bytes at a time, a lone last byte dropped; then
    an upstream cleaner turned full-width ASCII into ASCII.

    >>> misalign("各级机关要坚持以人民为中心的发展思想", 4, 12)
    '各级机关\\ue01b岢忠匀嗣裎\\ue035心的发展思想'
    """
    full = _fullwidth(text)
    garbled = full[start:end].encode("gb18030")[1:].decode("gb18030", errors="ignore")
    return _halfwidth(full[:start] + garbled + full[end:])


def add_mojibake(paragraphs: list[str], rng: random.Random) -> list[str]:
    """One span of one long paragraph misaligned (:func:`misalign`)."""
    out = list(paragraphs)
    long = [i for i, p in enumerate(out) if len(p) >= 2 * MOJIBAKE_CHARS[1]]
    if long:
        i = rng.choice(long)
        size = rng.randint(*MOJIBAKE_CHARS)
        start = rng.randrange(len(out[i]) - size)
        out[i] = misalign(out[i], start, start + size)
    return out


@cache
def _reading(ch: str) -> str | None:
    """The first toned pinyin reading of one character, or None."""
    reading = pinyin(ch, style=Style.TONE, errors="ignore")
    syllable = reading[0][0] if reading and reading[0] else ""
    return syllable if syllable.isalpha() and syllable.islower() else None


def gloss(simplified: str, traditional: str, rng: random.Random) -> str:
    """``traditional`` (the OpenCC conversion of ``simplified``) with the reading of most
    converted characters after them (seed 003: ``政協(xié)機(jī)關(guān)``).

    >>> gloss("政协机关", "政協機關", random.Random(3))
    '政協(xié)機(jī)關(guān)'
    """
    if len(simplified) != len(traditional):  # a phrase conversion: no character pairs
        return traditional
    pieces = []
    for simp, trad in zip(simplified, traditional, strict=True):
        pieces.append(trad)
        if simp != trad and rng.random() < GLOSS_SHARE and (reading := _reading(simp)):
            pieces.append(f"({reading})")
    return "".join(pieces)


def indent(lines: list[str], prefix: str, share: float, rng: random.Random) -> list[str]:
    """``prefix`` (``&bsp;&bsp;&bsp;``, spaces, U+3000, NBSP) before ``share`` of the lines."""
    return [prefix + ln if ln and rng.random() < share else ln for ln in lines]


def wrap_html(title: str, blocks: list[list[str]], charset: str) -> str:
    """An HTML page: ``title`` in the head, each block of lines a ``div`` of ``p``."""
    body = "\n".join(
        "<div>\n"
        + "\n".join(f"<p>{html.escape(ln, quote=False)}</p>" for ln in lines if ln)
        + "\n</div>"
        for lines in blocks
    )
    return (
        f'<!DOCTYPE html>\n<html>\n<head>\n<meta charset="{charset}">\n'
        f"<title>{html.escape(title, quote=False)}</title>\n</head>\n<body>\n{body}\n"
        "</body>\n</html>\n"
    )


# Python codecs tried for each encoding a page may be written in (the first that can
# encode the whole page wins; big5hkscs has the pinyin letters of glossed pages).
CODECS: dict[str, tuple[str, ...]] = {
    "utf-8": ("utf-8",),
    "gb18030": ("gb18030",),
    "big5": ("big5", "cp950", "big5hkscs"),
    "utf-16": ("utf-16",),
}


def encode(text: str, encoding: str) -> tuple[bytes, str]:
    """``text`` in ``encoding`` (a key of :data:`CODECS`), or in UTF-8 when it cannot be;
    returns the bytes and the encoding used.

    >>> encode("政協", "big5")
    (b'\\xacF\\xa8\\xf3', 'big5')
    >>> encode("政协(xié)", "big5")[1]
    'utf-8'
    """
    for codec in CODECS[encoding]:
        try:
            return text.encode(codec), encoding
        except UnicodeEncodeError:
            continue
    return text.encode("utf-8"), "utf-8"
