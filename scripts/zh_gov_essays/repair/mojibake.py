"""GB18030/GBK mojibake: detect it cheaply, re-align and re-decode it, or drop it.

Some scraped pages carry a stretch of GBK text that an upstream decoder read
one byte out of step: each character it produced is made of the second byte of
one original character and the first byte of the next.  The result is valid
GB18030, so no decoder complains, but it reads as rare ideographs mixed with
symbols from the GB2312 symbol rows (``⒊ ⑴``, kana, Cyrillic, box drawing,
pinyin letters such as ``ǖ``) and private-use code points.  The original bytes
are still all there, shifted by one, so re-encoding the stretch with GB18030
and decoding it from the right offset gives the text back.

The module works in four steps, each cheaper than the next is expensive:

1. **Pre-check** (:data:`_TRIGGER`, one regular-expression search per line):
   a private-use code point, or a misalignment symbol next to an ideograph.
   Lines without either are returned untouched without further work.
2. **Spans** (:func:`_suspicious_spans`): every character gets a badness
   (private use ``+8``, a misalignment symbol next to an ideograph ``+5``, an
   ideograph ``-log p - 9.5`` clipped to ``[-3, 6]`` from the unigram table
   ``data/charfreq.tsv``, anything else ``-1``), and maximal-sum segments are
   taken.  A segment is mojibake when it holds a private-use code point, or a
   misalignment symbol and a total badness of at least ``SPAN_THRESHOLD``.
3. **Re-alignment** (:func:`_realign`): a Viterbi search over the GB18030
   bytes of the span plus ``WINDOW_MARGIN`` characters on each side.  Text is
   either kept as it is, or, inside a re-decoded stretch, read two bytes at a
   time (one for ASCII, four for GB18030 four-byte codes) scoring ``log p``
   of each character; entering or leaving a stretch costs ``SWITCH_COST`` and
   drops the orphan byte at the junction for free, skipping any other byte
   costs ``SKIP_COST``.
4. **Confidence** (:func:`_confident`): a re-decoded stretch is kept only if
   it is clean (no private-use code point, no misalignment symbol), its mean
   ``log p`` per character is at least ``MIN_MEAN_LOGP``, and it beats the
   garbled text by ``MIN_GAIN`` per character.  Whatever is still mojibake
   after that is removed: garbage is never published.

One detail of the seed pages: the upstream cleaner turned full-width ASCII
into ASCII (``Ｗ`` → ``W``).  Inside a re-decoded stretch an ASCII character is
therefore put back as its full-width GB18030 bytes ``A3 xx``; the byte ``A3``
usually turns out to be the second half of a ``。`` and ``xx`` the first half
of the next character.
"""

from __future__ import annotations

import math
import re
from functools import cache
from importlib import resources

from zh_gov_essays.rules import text_rule

# --- thresholds (natural-log units; see the module docstring) -------------------------------

#: Badness of a private-use code point: never legitimate in this corpus.
PUA_BADNESS = 8.0
#: Badness of a misalignment symbol that touches an ideograph or a private-use code point.
SYMBOL_BADNESS = 5.0
#: An ideograph with ``log p`` below ``-RARE_PIVOT`` adds badness, above it subtracts.
RARE_PIVOT = 9.5
#: Clip range of an ideograph's badness.
HAN_BADNESS_RANGE = (-3.0, 6.0)
#: Badness of anything else: ASCII, digits, punctuation, whitespace.
OTHER_BADNESS = -1.0
#: Least total badness of a segment (that has a misalignment symbol) to count as mojibake.
SPAN_THRESHOLD = 12.0
#: Characters of context given to the re-alignment search on each side of a span.
WINDOW_MARGIN = 8
#: Cost of entering or of leaving a re-decoded stretch.
SWITCH_COST = 4.0
#: Cost of dropping the orphan byte at a junction (about one lost character's ``log p``).
JUNCTION_COST = 8.0
#: Cost of skipping a byte inside a re-decoded stretch.
SKIP_COST = 25.0
#: Least mean ``log p`` per character of an accepted repair (clean prose is about -7.5).
MIN_MEAN_LOGP = -9.5
#: Least gain in mean ``log p`` per character of an accepted repair over the garbled text.
MIN_GAIN = 1.5
#: Least length of an accepted repair, in characters.
MIN_REPAIR_CHARS = 2

#: ``log p`` of characters absent from the table, by kind.
ABSENT_HAN_LOGP = -19.0
PUA_LOGP = -25.0
SYMBOL_LOGP = -19.0
ASCII_ALNUM_LOGP = -10.0
OTHER_LOGP = -14.0

# --- character classes --------------------------------------------------------------------------

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_PUA = "\ue000-\uf8ff"

#: Symbols of the GB2312 rows A1 and A2 that ordinary Chinese prose uses: punctuation,
#: brackets, units, bullets and ``××``/``○○`` placeholders.  Never counted as mojibake.
_LEGIT_SYMBOLS = frozenset("　、。“”〔〕〈〉《》「」『』〖〗【】±×÷∶≤≥°′″℃＄‰§№☆★○●◎◇◆□■△€")


def _build_symbol_sets() -> tuple[frozenset[str], frozenset[str]]:
    """The symbols a byte-misaligned GB2312 text decodes to, and the enumerators among them.

    A misaligned pair is (second byte of a character, first byte of the next).
    First bytes of GB2312 text are ``A1``–``A3`` (punctuation, full-width ASCII) or
    ``B0``–``F7`` (ideographs), so a pair whose first byte falls in a symbol row
    ``A1``–``A9`` decodes to one of these.  Row ``A3`` (full-width ASCII) is left
    out: it was normalised to ASCII upstream and is ordinary text.
    """
    seconds = (0xA1, 0xA2, 0xA3, *range(0xB0, 0xF8))
    symbols: set[str] = set()
    enumerators: set[str] = set()
    for first in (0xA1, 0xA2, 0xA4, 0xA5, 0xA6, 0xA7, 0xA8, 0xA9):
        for second in seconds:
            ch = bytes((first, second)).decode("gb18030")
            if "\ue000" <= ch <= "\uf8ff" or ch in _LEGIT_SYMBOLS:
                continue
            symbols.add(ch)
            if first == 0xA2:
                enumerators.add(ch)
    return frozenset(symbols), frozenset(enumerators)


#: Misalignment symbols (kana, Cyrillic, Greek, box drawing, pinyin and bopomofo letters,
#: ``⒈ ⑴ ① ㈠ Ⅰ``, ``∵ ≠ ♀`` …).
SYMBOLS, ENUMERATORS = _build_symbol_sets()

_SYM = "".join(re.escape(ch) for ch in sorted(SYMBOLS))
_HAN_RE = re.compile(f"[{_HAN}]")
_ANCHOR_RE = re.compile(f"[{_HAN}{_PUA}]")
#: The pre-check: a private-use code point, or a misalignment symbol touching an ideograph.
_TRIGGER = re.compile(f"[{_PUA}]|[{_HAN}][{_SYM}]|[{_SYM}][{_HAN}]")


def _is_pua(ch: str) -> bool:
    return "\ue000" <= ch <= "\uf8ff"


def _is_anchor(ch: str) -> bool:
    return bool(ch) and _ANCHOR_RE.match(ch) is not None


# --- the unigram table --------------------------------------------------------------------------


@cache
def _table() -> dict[str, float]:
    """``log p`` per character from ``data/charfreq.tsv`` (loaded once per process)."""
    text = (resources.files("zh_gov_essays") / "data" / "charfreq.tsv").read_text("utf-8")
    counts: dict[str, int] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            ch, n = line.split("\t")
            counts[ch] = int(n)
    total = sum(counts.values())
    return {ch: math.log(n / total) for ch, n in counts.items()}


@cache
def _logp(ch: str) -> float:
    """Unigram ``log p`` of one character, with defaults by kind for those not in the table."""
    table = _table()
    if ch in table:
        return table[ch]
    o = ord(ch)
    if 0xFF01 <= o <= 0xFF5E:  # full-width ASCII scores as its ASCII twin
        ch, o = chr(o - 0xFEE0), o - 0xFEE0
    if _is_pua(ch):
        return PUA_LOGP
    if ch in SYMBOLS:
        return SYMBOL_LOGP
    if _HAN_RE.match(ch):
        return ABSENT_HAN_LOGP
    if ch.isascii() and ch.isalnum() or ch.isspace():
        return ASCII_ALNUM_LOGP
    if 0x21 <= o <= 0x7E:  # ASCII punctuation scores as its full-width form
        return table.get(chr(o + 0xFEE0), OTHER_LOGP)
    return OTHER_LOGP


# --- detection ----------------------------------------------------------------------------------


def _badness(text: str) -> tuple[list[float], list[bool]]:
    """Per-character badness, and whether each character is a misalignment signal."""
    table = _table()
    low, high = HAN_BADNESS_RANGE
    n = len(text)
    bad = [OTHER_BADNESS] * n
    signal = [False] * n
    i = 0
    while i < n:
        ch = text[i]
        if _is_pua(ch):
            bad[i], signal[i] = PUA_BADNESS, True
        elif ch in SYMBOLS:
            j = i
            while j < n and text[j] in SYMBOLS:
                j += 1
            left = text[i - 1] if i else ""
            right = text[j] if j < n else ""
            # A lone enumerator not preceded by an ideograph is a list or footnote marker.
            marker = j - i == 1 and ch in ENUMERATORS and not _is_anchor(left)
            anchored = _is_anchor(left) or _is_anchor(right)
            for k in range(i, j):
                bad[k] = SYMBOL_BADNESS if anchored and not marker else 0.0
                signal[k] = anchored and not marker
            i = j
            continue
        elif _HAN_RE.match(ch):
            lp = table.get(ch, ABSENT_HAN_LOGP)
            bad[i] = min(max(-lp - RARE_PIVOT, low), high)
        i += 1
    return bad, signal


def _segments(bad: list[float]) -> list[tuple[int, int, float]]:
    """Maximal-sum runs ``(start, end, score)`` of positive total badness, left to right."""
    out = []
    n = len(bad)
    i = 0
    while i < n:
        if bad[i] <= 0:
            i += 1
            continue
        total = best = 0.0
        best_end = i + 1
        for j in range(i, n):
            total += bad[j]
            if total > best:
                best, best_end = total, j + 1
            if total <= 0:
                break
        out.append((i, best_end, best))
        i = best_end
    return out


def _suspicious_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every mojibake span of ``text`` (empty for clean text)."""
    if not _TRIGGER.search(text):
        return []
    bad, signal = _badness(text)
    spans = []
    for start, end, score in _segments(bad):
        if any(_is_pua(ch) for ch in text[start:end]) or (
            score >= SPAN_THRESHOLD and any(signal[start:end])
        ):
            spans.append((start, end))
    return spans


def has_mojibake(text: str) -> bool:
    """Whether ``text`` holds GB18030 mojibake that :func:`repair_mojibake` would change.

    Cheap for clean text (one regular-expression search); always false for the
    output of :func:`repair_mojibake`.

    >>> has_mojibake("在掌握基纠砺邸⒊酝父母锓⒄刮榷ǖ男乱\\ue026笊锨笊钊耄")
    True
    >>> has_mojibake("①加强学习，②提高认识。信任政府官员的惟一根据是效率。”①对于")
    False
    """
    return bool(_suspicious_spans(text))


# --- re-alignment -------------------------------------------------------------------------------


def _stream_bytes(ch: str) -> bytes:
    """The GB18030 bytes ``ch`` most likely came from (ASCII taken as full-width)."""
    o = ord(ch)
    if 0x21 <= o <= 0x7E:
        return bytes((0xA3, o + 0x80))
    if o == 0x20:
        return b"\xa1\xa1"
    if ch == "\ufffd":  # bytes the upstream decoder lost
        return b""
    try:
        return ch.encode("gb18030")
    except UnicodeEncodeError:
        return b""


@cache
def _decode(code: bytes) -> str | None:
    try:
        ch = code.decode("gb18030")
    except UnicodeDecodeError:
        return None
    return ch if len(ch) == 1 else None


def _is_trail(b: int) -> bool:
    return 0x40 <= b <= 0x7E or 0x80 <= b <= 0xFE


def _realign(window: str, starts_text: bool, ends_text: bool) -> list[tuple[int, int, str]]:
    """The best re-decoding of ``window``: its stretches ``(start, end, new_text)``.

    Viterbi over two kinds of state: ``keep[i]`` (at character ``i``, text kept as
    it is) and ``redo[p]`` (at byte ``p`` of the GB18030 stream, re-decoding).
    Dropping the orphan byte is free at the very start and end of the text
    (``starts_text``, ``ends_text``): a run that reaches the edge of a line has
    no correct text there to re-join, and its first or last byte is then
    almost always half of a character lost upstream (``甘于奉住`` → ``甘于奉献``).
    """
    encs = [_stream_bytes(ch) for ch in window]
    off = [0]
    for e in encs:
        off.append(off[-1] + len(e))
    data = b"".join(encs)
    n, size = len(window), len(data)
    neg = -math.inf
    keep = [neg] * (n + 1)
    keep_back: list[tuple[str, int]] = [("", -1)] * (n + 1)  # ("keep", i-1) | ("redo", p)
    redo = [neg] * (size + 2)
    redo_back: list[tuple[str, int, str]] = [("", -1, "")] * (size + 2)
    keep[0] = 0.0
    i = 0
    for p in range(size + 1):
        while i <= n and off[i] == p:
            # leave a stretch, aligned or dropping an orphan byte
            orphan = SWITCH_COST + (0.0 if ends_text and i == n else JUNCTION_COST)
            for q, cost in ((p, SWITCH_COST), (p - 1, orphan)):
                if q >= 0 and redo[q] - cost > keep[i]:
                    keep[i], keep_back[i] = redo[q] - cost, ("redo", q)
            if i < n:
                score = keep[i] + _logp(window[i])
                if score >= keep[i + 1]:
                    keep[i + 1], keep_back[i + 1] = score, ("keep", i)
                # enter a stretch, dropping the orphan byte that starts character i
                enter = keep[i] - SWITCH_COST - (0.0 if starts_text and i == 0 else JUNCTION_COST)
                if encs[i] and enter > redo[p + 1]:
                    redo[p + 1], redo_back[p + 1] = enter, ("keep", i, "")
            i += 1
        here = redo[p]
        if here == neg or p == size:
            continue
        if here - SKIP_COST > redo[p + 1]:
            redo[p + 1], redo_back[p + 1] = here - SKIP_COST, ("redo", p, "")
        b = data[p]
        steps: list[tuple[int, str | None]] = []
        if b < 0x80:
            steps.append((1, chr(b)))
        elif b != 0x80 and b != 0xFF and p + 1 < size:
            b2 = data[p + 1]
            if _is_trail(b2):
                steps.append((2, _decode(data[p : p + 2])))
            elif 0x30 <= b2 <= 0x39 and p + 3 < size:
                steps.append((4, _decode(data[p : p + 4])))
        for width, ch in steps:
            if ch is not None:
                score = here + _logp(ch)
                if score > redo[p + width]:
                    redo[p + width], redo_back[p + width] = score, ("redo", p, ch)
    # walk back from the end, collecting the re-decoded stretches
    stretches: list[tuple[int, int, str]] = []
    i = n
    while i > 0:
        kind, prev = keep_back[i]
        if kind == "keep":
            i = prev
            continue
        end, p, chars = i, prev, []
        while True:
            rkind, q, ch = redo_back[p]
            if rkind == "keep":
                i = q
                break
            if ch:
                chars.append(ch)
            p = q
        stretches.append((i, end, "".join(reversed(chars))))
    stretches.reverse()
    return stretches


def _mean_logp(text: str) -> float:
    return sum(_logp(ch) for ch in text) / len(text) if text else -math.inf


def _confident(garbled: str, repaired: str) -> bool:
    """Whether re-decoding ``garbled`` as ``repaired`` is safe to publish."""
    if len(repaired) < MIN_REPAIR_CHARS:
        return False
    if any(_is_pua(ch) or ch in SYMBOLS for ch in repaired):
        return False
    mean = _mean_logp(repaired)
    return mean >= MIN_MEAN_LOGP and mean - _mean_logp(garbled) >= MIN_GAIN


def _repair_window(window: str, starts_text: bool, ends_text: bool) -> str:
    out = []
    last = 0
    for start, end, new in _realign(window, starts_text, ends_text):
        out.append(window[last:start])
        out.append(new if _confident(window[start:end], new) else window[start:end])
        last = end
    out.append(window[last:])
    return "".join(out)


def _merge(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _drop(text: str, spans: list[tuple[int, int]]) -> str:
    out = []
    last = 0
    for start, end in spans:
        out.append(text[last:start])
        last = end
    out.append(text[last:])
    return "".join(out)


@text_rule("mojibake", order=40, logs=True)
def repair_mojibake(text: str) -> str:
    """Re-decode byte-misaligned GB18030 text; drop what cannot be re-decoded with confidence.

    Why: GBK pages decoded one byte out of step upstream leave runs of rare
    ideographs, symbols and private-use code points in the middle of
    otherwise good paragraphs (seed 002).  The bytes are intact, so re-encoding
    the run with GB18030 and decoding it from the right offset restores the
    text; a run that cannot be restored with confidence is removed (the runner
    logs it), since publishing garbage is worse than a gap.  One character is
    usually lost at each end of a run, where the upstream decoder dropped a
    byte.

    Left alone: every line without a private-use code point or a misalignment
    symbol touching an ideograph (one regular-expression search); legitimate
    symbols (``、。“”《》【】±×℃‰○●□■☆★``, ``××``/``○○`` placeholders);
    enumerators used as list or footnote markers (``①加强学习``,
    ``…是效率。”①对于``, a lone ``①`` between ideographs); rare but real
    ideographs, classical Chinese, Traditional script, Latin and digits.  A
    run of kana, Cyrillic or box drawing glued to Chinese text is taken for
    mojibake: the corpus is Chinese.

    >>> repair_mojibake("要在围绕主题、把握灵魂、学懂弄通上功夫,在掌握基纠砺邸⒊酝父母锓⒄刮榷"
    ...     "ǖ男乱\\ue026笊锨笊钊耄\\ue0ef诹\\ue02e凳导省⑼贫\\ue1ef痛俳\\ue255涫瞪献鑫恼隆W橹")
    '要在围绕主题、把握灵魂、学懂弄通上功夫,在掌握基理论、吃透改革发展稳定的新要求上求深入，在联系实际、推动和促进落实上做文章。'
    """
    spans = _suspicious_spans(text)
    if not spans:
        return text
    n = len(text)
    windows = _merge([(max(0, s - WINDOW_MARGIN), min(n, e + WINDOW_MARGIN)) for s, e in spans])
    out = []
    last = 0
    for start, end in windows:
        out.append(text[last:start])
        out.append(_repair_window(text[start:end], start == 0, end == n))
        last = end
    out.append(text[last:])
    text = "".join(out)
    while spans := _suspicious_spans(text):
        text = _drop(text, spans)
    return text
