"""UTF-8 text read as another encoding: as cp1252/Latin-1 (``å»ºè®¾``) or as GBK (``寤鸿``).

Whole files are decoded by :mod:`zh_gov_essays.read`, which tries UTF-8 first.
These repairs are for spans inside otherwise good text: a title, a paragraph
or a breadcrumb that some system stored after reading UTF-8 bytes with the
wrong codec, then published next to text it handled right.  The bytes are
still there, so encoding the garbled characters back with the codec that made
them and decoding the result as UTF-8 gives the text back, when nothing was
lost on the way.  Both rules work the same way:

1. **Pre-check** (one regular-expression search per line): a character that
   stands for a UTF-8 lead byte followed by one that stands for a continuation
   byte.  Clean text stops here.
2. **Spans**: every run of characters the wrong codec produces is encoded
   back and read as UTF-8, strictly; valid stretches at most a few bytes apart
   form a chain, which round-trips cleanly or lost bytes upstream (see
   :mod:`zh_gov_essays.repair.utf8_spans`).
3. **Verdict**: a clean chain is replaced by its decoding; a chain that lost
   bytes is removed (the runner logs it), since a repair with holes in it
   is still garbage.  Either only when the decoding is plausible (see each
   rule); otherwise the text is left alone.  One loss is tolerated: the last
   character of a chain that ends the line, when what is left of its bytes
   says it was a punctuation mark, cut because the stored field ended inside
   it (a paragraph's final ``。``, ``E3 80 82``, read as GBK leaves ``82``
   alone).  The mark is dropped with its garbled bytes and logged with them;
   nothing before it is touched.

The character tables (:func:`_gbk`, :func:`_latin1`) are built from the codecs,
once per process.
"""

from __future__ import annotations

import functools
import re

import ftfy
import ftfy.bad_codecs  # registers the sloppy-windows-1252 codec

from zh_gov_essays.repair.mojibake import repair_mojibake, unigram_logp
from zh_gov_essays.repair.utf8_spans import LOST, Codec, Cut, Stretch, char_class, settle
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
)
from zh_gov_essays.rules import TextRule, text_rule
from zh_gov_essays.vocab.chars import (
    C0_CONTROL,
    HAN,
    INVISIBLE,
    NONCHARACTERS,
    PRIVATE_USE,
    TAG_CHARACTERS,
    VARIATION_SELECTORS,
    cjk_count,
    common_share,
)

__all__ = ["utf8_as_gbk", "utf8_as_latin1"]

#: A GBK repair must decode to at least this many Han ideographs.
MIN_HAN = 2
#: ... of which at least this share common ones (the common-character score of
#: :mod:`zh_gov_essays.read.language`; 2- to 12-character spans of the seed and sample
#: pages, garbled and re-decoded, score 1.0 in 95 % of cases and 0.875 or more in 99 %).
MIN_COMMON_SHARE = 0.8
#: ... and it must be likelier than the garbled text by this many nats per character of
#: three bytes (the unigram model of the mojibake repair; the least gain measured on
#: re-decoded spans of the seed and sample pages is 7.4 per character).
MIN_GAIN_PER_CHAR = 4.0
#: A run of this many U+FFFD read back (``锟斤拷``: replacement characters written as
#: UTF-8, read as GBK) is removed as it is.
MIN_REPLACEMENT_RUN = 2

# ftfy decodes what the chains hand it, and nothing else: its fixers that are wrong for
# Chinese text stay off.  fix_character_width turns full-width punctuation into ASCII
# (你好，世界！ -> 你好,世界!), decode_inconsistent_utf8 can turn GBK mojibake into
# Cyrillic, uncurl_quotes straightens “”, NFC maps compatibility ideographs; the rest is
# done by our own repairs, in their order.
_FTFY = ftfy.TextFixerConfig(
    unescape_html=False,
    remove_terminal_escapes=False,
    fix_encoding=True,
    restore_byte_a0=False,
    replace_lossy_sequences=False,
    decode_inconsistent_utf8=False,
    fix_c1_controls=False,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    fix_surrogates=False,
    remove_control_chars=False,
    normalization=None,
    explain=False,
)

_HAN_RE = re.compile(f"[{HAN}]")


# Browsers and Windows (cp936, and the WHATWG "gbk" decoder) read byte 80 as the euro sign.
_EURO = b"\x80"


def _encode_gbk(run: str) -> bytes:
    return LOST.join(
        _EURO.join(piece.encode("gb18030") for piece in part.split("€"))
        for part in _SELECTOR_RE.sub("", run).split("\ufffd")
    )


def _width_gbk(ch: str) -> int:
    if _SELECTOR_RE.match(ch):
        return 0  # read through: an ideographic selector kept after a garbled ideograph
    return 1 if ch.isascii() or ch in "\ufffd€" else 2


@functools.cache
def _gbk() -> Codec:
    """GB18030's two-byte characters (private use included), and the pre-check.

    The pre-check: a character whose bytes are a UTF-8 lead of a three-byte
    sequence (``E0``-``EF``) and a continuation byte, then one whose first byte
    is a continuation byte.  Two CJK characters read as GBK always give one.
    """
    chars: set[str] = {"\ufffd", "€"}
    lead: set[str] = set()
    cont: set[str] = {"€"}
    for first in range(0x81, 0xFF):
        for second in (*range(0x40, 0x7F), *range(0x80, 0xFF)):
            try:
                ch = bytes((first, second)).decode("gb18030")
            except UnicodeDecodeError:
                continue
            chars.add(ch)
            if 0xE0 <= first <= 0xEF and 0x80 <= second <= 0xBF:
                lead.add(ch)
            if 0x80 <= first <= 0xBF:
                cont.add(ch)
    return Codec(
        run=re.compile(f"[\x00-\x7f{char_class(chars)}{VARIATION_SELECTORS}]+"),
        encode=_encode_gbk,
        width=_width_gbk,
        usual=2,
        unusual=re.compile(f"[\x00-\x7f\ufffd€]+|[{VARIATION_SELECTORS}]+"),
        # between the two, what later repairs delete: selectors, U+FFFD, private use
        precheck=re.compile(
            f"[{char_class(lead)}][{VARIATION_SELECTORS}\ufffd{PRIVATE_USE}]*[{char_class(cont)}]"
        ),
    )


# Characters the repairs after utf8_as_latin1 delete (controls, invisible and odd code
# points), read through as if already gone: else deleting one of them inside a garbled span
# would make a second cleaning repair what the first left.  The soft hyphen stays: it is
# byte AD of cp1252, a UTF-8 continuation byte.
_SEE_THROUGH = (
    C0_CONTROL
    + INVISIBLE.replace("\u00ad", "")
    + TAG_CHARACTERS
    + NONCHARACTERS
    + VARIATION_SELECTORS
)
_SEE_THROUGH_RE = re.compile(f"[{_SEE_THROUGH}]")
_SELECTOR_RE = re.compile(f"[{VARIATION_SELECTORS}]")


@functools.cache
def _latin1_table() -> dict[str, int]:
    """The byte each character of cp1252 (ftfy's sloppy variant) or Latin-1 stands for."""
    table: dict[str, int] = {"\ufffd": LOST[0]}
    for byte in range(0x80, 0x100):
        table[bytes((byte,)).decode("sloppy-windows-1252")] = byte
        table[bytes((byte,)).decode("latin-1")] = byte
    return table


def _latin1_leads() -> str:
    """The characters of UTF-8 lead bytes, as the body of a regex class."""
    return char_class({ch for ch, byte in _latin1_table().items() if 0xC2 <= byte <= 0xF4})


@functools.cache
def _latin1() -> Codec:
    """cp1252's characters (ftfy's sloppy variant, and Latin-1's C1 controls), and the
    pre-check: a UTF-8 lead byte's character, then a continuation byte's."""
    table = _latin1_table()
    cont = {ch for ch, byte in table.items() if 0x80 <= byte <= 0xBF}
    see_through = _SEE_THROUGH_RE
    return Codec(
        run=re.compile(f"[\x00-\x7f{char_class(set(table))}{_SEE_THROUGH}]+"),
        encode=lambda run: bytes(table.get(ch, ord(ch)) for ch in see_through.sub("", run)),
        width=lambda ch: 0 if see_through.match(ch) else 1,
        usual=1,
        unusual=re.compile(f"[{_SEE_THROUGH}]+"),
        # between the two, what later repairs delete (and U+FFFD, and private use)
        precheck=re.compile(
            f"[{_latin1_leads()}][{_SEE_THROUGH}\ufffd{PRIVATE_USE}]*[{char_class(cont)}]"
        ),
    )


def _after_latin1(text: str) -> str:
    """What the repairs after ``utf8_as_latin1`` leave of ``text``: the deletions of
    characters, and the other mojibake repairs (:data:`AFTER_LATIN1`)."""
    for rule in AFTER_LATIN1:
        text = rule(text)
    return text


def _after_gbk(text: str) -> str:
    """What the repairs after ``utf8_as_gbk`` leave of ``text``: U+FFFD and private use
    deleted, misaligned GB18030 re-decoded or dropped (:data:`AFTER_GBK`)."""
    for rule in AFTER_GBK:
        text = rule(text)
    return text


# --- UTF-8 read as GBK -------------------------------------------------------------------------


def _gain(text: str, stretch: Stretch) -> float:
    """How much likelier (nats) the decoded text is than the characters it replaces."""
    return unigram_logp(stretch.text) - unigram_logp(text[stretch.first : stretch.last])


def _gbk_joins(text: str, stretch: Stretch) -> bool:
    return _gain(text, stretch) > 0


def _gbk_verdict(text: str, chain: list[Stretch], cut: Cut) -> str | None:
    garbled = text[chain[0].first : chain[-1].last]
    decoded = "".join(s.text for s in chain)
    real = decoded.replace("\ufffd", "")
    if not _HAN_RE.search(real) and decoded.count("\ufffd") >= MIN_REPLACEMENT_RUN:
        return ""  # 锟斤拷: replacement characters, read back
    wide = sum(s.wide for s in chain)
    plausible = (
        max(s.wide for s in chain) >= MIN_HAN
        and cjk_count(real) >= MIN_HAN
        and common_share(real) >= MIN_COMMON_SHARE
        and common_share(garbled) < common_share(real)
        and unigram_logp(real) - unigram_logp(garbled) >= MIN_GAIN_PER_CHAR * wide
    )
    if not plausible:
        return None
    if len(chain) == 1 and chain[0].clean and cut != Cut.INSIDE and real == decoded:
        return decoded
    return ""


# _gbk_verdict leaves alone every chain with fewer wide characters (of three UTF-8 bytes):
# a plausible one has a stretch of MIN_HAN, the U+FFFD it drops are as many.
_GBK_LEAST_WIDE = min(MIN_HAN, MIN_REPLACEMENT_RUN)


@text_rule(logs=True)
def utf8_as_gbk(text: str) -> str:
    """Re-decode UTF-8 text that was read as GBK; drop it where bytes were lost.

    Why: a page stored a span after reading its UTF-8 bytes as GBK (or
    GB18030), so each two CJK characters became three others, rare ones mixed
    with common ones.  Encoding them back with GB18030 and decoding the bytes
    as UTF-8, strictly, gives the text back.  Accepted only when the result is
    plausible Chinese (at least :data:`MIN_HAN` ideographs, a common-character
    score of :data:`MIN_COMMON_SHARE`, above the garbled text's) and the garbled
    side is implausible (the result likelier by :data:`MIN_GAIN_PER_CHAR` nats
    per character under the unigram model of the ``mojibake`` repair).  Where
    the upstream decoder lost bytes (a U+FFFD or a skipped byte, a character
    cut at the end of the span) the span is removed and logged; so is
    ``锟斤拷`` inside a line (U+FFFD written as UTF-8 and read as GBK).

    >>> utf8_as_gbk("二、加强队伍建设。鍧氭寔鎶婂\\ue11f涔犲煿璁\\ue15d綔涓烘彁鍗囪兘鍔涚殑閲嶈\\ue6e6鎶撴墜。")
    '二、加强队伍建设。坚持把学习培训作为提升能力的重要抓手。'

    Below, a byte of 设 and the last byte of 型 were skipped upstream:

    >>> utf8_as_gbk("会议强调，要寤鸿炬湇鍔″瀷")
    '会议强调，要'

    Left alone: correct Chinese text in any script (its bytes are not UTF-8,
    or decode to rare characters); GB18030 text read one byte out of step (the
    ``mojibake`` repair's, after this one); a span whose re-decoding is not
    plausible Chinese.
    """
    codec = _gbk()
    if not codec.precheck.search(text):
        return text
    return settle(text, codec, True, _gbk_joins, _gbk_verdict, _after_gbk, _GBK_LEAST_WIDE)


# --- UTF-8 read as cp1252 or Latin-1 ------------------------------------------------------------


def _latin1_joins(text: str, stretch: Stretch) -> bool:
    return stretch.wide > 0


def _latin1_verdict(text: str, chain: list[Stretch], cut: Cut) -> str | None:
    garbled = _SEE_THROUGH_RE.sub("", text[chain[0].first : chain[-1].last])
    decoded = "".join(s.text for s in chain)
    if len(chain) == 1 and chain[0].clean and cut != Cut.INSIDE:
        fixed = ftfy.fix_encoding(garbled, _FTFY)
        return fixed if fixed == decoded and fixed != garbled else None
    wide = sum(s.wide for s in chain)
    return "" if wide >= MIN_HAN and ftfy.badness.is_bad(garbled) else None


# The rule's prefilter: the pre-check's first character.
@text_rule(logs=True, needs=f"[{_latin1_leads()}]")
def utf8_as_latin1(text: str) -> str:
    """Re-decode UTF-8 text that was read as cp1252 or Latin-1; drop it where bytes were lost.

    Why: a page stored a span after reading its UTF-8 bytes one byte per
    character, so each CJK character became three Latin ones (``建`` →
    ``å»º``).  ftfy decodes such a span (encode as its ``sloppy-windows-1252``,
    decode as UTF-8) and checks it is mojibake; it is handed only the span, with
    the fixers that are wrong for Chinese off.  Where the upstream decoder lost
    bytes (cp1252 has five undefined bytes, which become U+FFFD or vanish) the
    span is removed and logged: a span with at least :data:`MIN_HAN` CJK
    characters left in it that ftfy finds bad.

    >>> utf8_as_latin1("2023å¹´å»ºè®¾æœ\\x8dåŠ¡åž‹æœºå…³")
    '2023年建设服务型机关'

    Below, the byte ``8D`` of 服 was dropped upstream (cp1252 does not define it):

    >>> utf8_as_latin1("会议指出：å»ºè®¾æœåŠ¡åž‹æœºå…³。")
    '会议指出：。'

    Left alone: Latin text with accents (``café``, ``Müller``, pinyin ``zhèngxié``),
    curly quotes, ``·`` and ``×`` next to Chinese, a span without a character of
    three UTF-8 bytes (``Ã©`` for ``é``: this corpus is Chinese, and such short
    spans are too often real text), and anything ftfy does not take for mojibake.
    """
    codec = _latin1()
    if not codec.precheck.search(text):
        return text
    return settle(text, codec, False, _latin1_joins, _latin1_verdict, _after_latin1)


# The repairs that run after each of these two, in LINE_REPAIRS order (a test keeps
# them so): the ones that delete or re-decode characters a garbled span may hold.
AFTER_GBK: tuple[TextRule, ...] = (replacement_char, repair_mojibake, private_use)
AFTER_LATIN1: tuple[TextRule, ...] = (
    invisible_chars,
    tag_characters,
    noncharacters,
    variation_selectors,
    control_chars,
    line_separators,
    whitespace,
    utf8_as_gbk,
    *AFTER_GBK,
)
