"""GB18030/GBK mojibake: detect it cheaply, re-align and re-decode it, or drop it.

Some scraped pages carry a stretch of GBK text that an upstream decoder read
one byte out of step: each character it produced is made of the second byte of
one original character and the first byte of the next.  The result is valid
GB18030, so no decoder complains, but it reads as rare ideographs mixed with
symbols from the GB2312 symbol rows (``⒊ ⑴``, kana, Cyrillic, box drawing,
pinyin letters such as ``ǖ``) and private-use code points.  The bytes are
all still there, shifted by one, so re-encoding the stretch with GB18030 and
decoding it from the right offset gives the text back.

The rule works in four steps, each run only where the one before found
something:

1. **Pre-check** (:func:`_trigger`, one regular-expression search per line):
   a private-use code point, a misalignment symbol (:data:`SYMBOLS`) touching
   an ideograph, or two rare ideographs (``log p`` below :data:`RARE_LOGP`, or
   absent from the table) at most one character apart.  Clean text stops here
   (most of it sooner: without any such character, :func:`_suspects`).
2. **Spans** (:func:`_spans`, only within :data:`REGION_PAD` characters of a
   pre-check hit, grown as needed): each character gets a badness (private use
   :data:`PUA_BADNESS`; a misalignment symbol touching an ideograph
   :data:`SYMBOL_BADNESS`, except a lone enumerator ``① ⑴ ⒈ ㈠ Ⅰ`` not
   preceded by an ideograph, which is a list or footnote marker; an ideograph
   ``-log p - RARE_PIVOT`` clipped to :data:`HAN_BADNESS_RANGE`; anything else
   :data:`OTHER_BADNESS`) and the maximal-sum segments are taken.  The
   *evidence* of a segment counts 2 for a private-use code point or a
   :data:`FOREIGN_SYMBOLS` one (kana, Cyrillic, box drawing, bopomofo) and 1 for
   any other symbol in context.  A segment *must go* (be repaired, or else
   dropped) if it holds a private-use code point, or has evidence 2 and a
   total of at least :data:`SPAN_THRESHOLD`.  A segment with less evidence,
   or with none but two rare ideographs, *may* be mojibake: it is repaired if
   the repair is confident and otherwise left as it is, since one symbol
   (``α粒子``, ``效率①对于``) or a run of rare ideographs (``娉婷婀娜``) is
   also ordinary text.
3. **Re-alignment** (:func:`_realign`): a Viterbi search over the span plus
   :data:`WINDOW_MARGIN` characters each side.  Text is either kept as it is,
   scoring ``log p`` of each character, or, inside a re-decoded stretch, read
   from its GB18030 bytes two at a time (one for ASCII, four for four-byte
   codes), scoring ``log p - REDO_CHAR_COST`` per decoded character.  Entering
   or leaving a stretch costs :data:`SWITCH_COST` plus :data:`JUNCTION_COST`
   for the orphan byte dropped there (free at the edge of the line when the
   span reaches it); skipping any other byte costs :data:`SKIP_COST`.  The
   junction costs make deleting a character this way (``2 * (4 + 8) = 24``)
   dearer than keeping even an unknown one (``-19``).
4. **Confidence** (:func:`_confident`): a re-decoded stretch is kept only if
   it is clean (no private-use code point, no misalignment symbol), has a mean
   ``log p`` per character of at least :data:`MIN_MEAN_LOGP`, beats the
   garbled text by :data:`MIN_GAIN` per character, and is at least
   :data:`MIN_REPAIR_CHARS` long when the garbled text has evidence 2,
   :data:`MIN_WEAK_REPAIR_CHARS` otherwise.  Then the spans that must go and
   were not repaired are removed.

``log p`` is the unigram log-probability from ``data/charfreq.tsv`` (built by
``scripts/make_charfreq.py`` from jieba's word list, with Traditional forms
and punctuation added), read once per process.  Measured on the seed and
sample pages: clean prose averages -7.2 per ideograph and 0.4 % of its
ideographs are rare; the same text misaligned averages -10.9, 54 % rare, and
besides ideographs holds 17 % private-use code points and 8 % symbols.  The
thresholds were set on such text misaligned at random places (see
``tests/test_mojibake.py``).

One detail of the seed pages: the upstream cleaner turned full-width ASCII
into ASCII (``Ｗ`` → ``W``).  Inside a re-decoded stretch an ASCII character
is therefore put back as its full-width GB18030 bytes ``A3 xx``; ``A3`` is
usually the second half of a ``。`` or ``，`` and ``xx`` the first half of the
next character.  Re-decoded full-width forms are given back as ASCII, except
the Chinese punctuation ``，；：？！（）``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from functools import cache, lru_cache
from importlib import resources

from zh_gov_essays.rules import text_rule
from zh_gov_essays.vocab.chars import HAN, HAN_RANGES

__all__ = [
    "ENUMERATORS",
    "FOREIGN_SYMBOLS",
    "SYMBOLS",
    "has_mojibake",
    "repair_mojibake",
    "unigram_logp",
]

# --- thresholds (natural-log units) --------------------------------------------------------------

#: Badness of a private-use code point: never legitimate in this corpus.
PUA_BADNESS = 8.0
#: Badness of a misalignment symbol touching an ideograph or a private-use code point.
SYMBOL_BADNESS = 5.0
#: An ideograph with ``log p`` below ``-RARE_PIVOT`` adds badness, one above it subtracts.
RARE_PIVOT = 9.5
#: Clip range of an ideograph's badness.
HAN_BADNESS_RANGE = (-3.0, 6.0)
#: Badness of anything else: ASCII, digits, punctuation, whitespace.
OTHER_BADNESS = -1.0
#: An ideograph rarer than this is *rare* (0.4 % of ideographs in clean prose, 54 % in mojibake).
RARE_LOGP = -11.0
#: Least total badness of a segment with evidence 2 (but no private-use code point) that must go.
SPAN_THRESHOLD = 12.0
#: Characters around a pre-check hit in which badness is computed (the region grows as needed).
REGION_PAD = 32
#: Characters of context given to the re-alignment search on each side of a span.
WINDOW_MARGIN = 8
#: Cost of entering or of leaving a re-decoded stretch.
SWITCH_COST = 4.0
#: Cost of the orphan byte dropped at a junction: about one lost character.
JUNCTION_COST = 8.0
#: Cost of skipping a byte inside a re-decoded stretch.
SKIP_COST = 25.0
#: Cost of each re-decoded character: text is clean unless the bytes say otherwise, so
#: where keeping and re-decoding a character at a junction score alike, it is kept.
REDO_CHAR_COST = 0.5
#: Least mean ``log p`` per character of an accepted repair (clean prose: about -7.2).
MIN_MEAN_LOGP = -9.5
#: Least gain in mean ``log p`` per character of an accepted repair over the garbled text.
MIN_GAIN = 1.5
#: Least length of an accepted repair, in characters.
MIN_REPAIR_CHARS = 3
#: Least length of an accepted repair of text with evidence below 2 (see above): a run of
#: rare ideographs (classical words such as 娉婷婀娜) can re-decode to common ones by
#: chance, since the first bytes of misaligned pairs fall anywhere.
MIN_WEAK_REPAIR_CHARS = 8
#: Repair passes at most (each pass re-checks the result; one is almost always enough).
MAX_PASSES = 4

#: ``log p`` of characters absent from the table, by kind.
ABSENT_HAN_LOGP = -19.0
PUA_LOGP = -25.0
SYMBOL_LOGP = -19.0
ASCII_LOGP = -10.0
OTHER_LOGP = -14.0

# --- character classes ---------------------------------------------------------------------------

_HAN_RANGES = HAN_RANGES
_HAN = HAN
_PUA = "\ue000-\uf8ff"
_HAN_RE = re.compile(f"[{_HAN}]")
_ANCHOR_RE = re.compile(f"[{_HAN}{_PUA}]")

#: Symbols of GB2312 rows A1 and A2 that ordinary Chinese prose uses: punctuation,
#: brackets, units, bullets and ``××``/``○○`` placeholders.  Never taken for mojibake.
_LEGIT_SYMBOLS = frozenset("　、。“”〔〕〈〉《》「」『』〖〗【】±×÷∶≤≥°′″℃＄‰§№☆★○●◎◇◆□■△€")
#: Full-width forms given back as such from a repair; the rest of row A3 becomes ASCII.
_KEEP_FULLWIDTH = frozenset("，；：？！（）")


def _build_symbol_sets() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """The symbols a byte-misaligned GB2312 text decodes to, the enumerators among them,
    and the foreign scripts among them.

    A misaligned pair is (second byte of a character, first byte of the next).
    First bytes of GB2312 text are ``A1``–``A3`` (punctuation, full-width ASCII)
    or ``B0``–``F7`` (ideographs), so a pair whose first byte falls in a symbol
    row ``A1``–``A9`` decodes to one of these.  Row ``A3`` (full-width ASCII) is
    left out: it was normalised to ASCII upstream and is ordinary text.
    """
    seconds = (0xA1, 0xA2, 0xA3, *range(0xB0, 0xF8))
    symbols: set[str] = set()
    enumerators: set[str] = set()
    foreign: set[str] = set()
    for first in (0xA1, 0xA2, 0xA4, 0xA5, 0xA6, 0xA7, 0xA8, 0xA9):
        for second in seconds:
            ch = bytes((first, second)).decode("gb18030")
            if "\ue000" <= ch <= "\uf8ff" or ch in _LEGIT_SYMBOLS:
                continue
            symbols.add(ch)
            if first == 0xA2:
                enumerators.add(ch)
            elif (
                first in (0xA4, 0xA5, 0xA7, 0xA9)
                or "\u3105" <= ch <= "\u3129"
                or (first == 0xA6 and not ch.isalpha())
            ):
                foreign.add(ch)  # kana, Cyrillic, box drawing, bopomofo, vertical forms
    return frozenset(symbols), frozenset(enumerators), frozenset(foreign)


#: SYMBOLS: the misalignment symbols: kana, Cyrillic, Greek, vertical forms, box drawing,
#: pinyin and bopomofo letters, ``⒈ ⑴ ① ㈠ Ⅰ ⅰ``, ``∵ ≠ ♀ ¤`` ….
#: ENUMERATORS: the ``⒈ ⑴ ① ㈠ Ⅰ ⅰ`` among them, legitimate as list and footnote markers.
#: FOREIGN_SYMBOLS: kana, Cyrillic, box drawing, bopomofo and vertical forms, which
#: Chinese prose does not use next to ideographs: one counts as much as two other symbols.
SYMBOLS, ENUMERATORS, FOREIGN_SYMBOLS = _build_symbol_sets()
_SYM = "".join(re.escape(ch) for ch in sorted(SYMBOLS))


def _is_pua(ch: str) -> bool:
    return "\ue000" <= ch <= "\uf8ff"


def _is_anchor(ch: str) -> bool:
    """An ideograph or a private-use code point (``ch`` may be empty)."""
    return _ANCHOR_RE.match(ch) is not None


# --- the unigram table ---------------------------------------------------------------------------


@cache
def _table() -> dict[str, float]:
    """``log p`` per character from ``data/charfreq.tsv`` (read once per process)."""
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
    if 0xFF01 <= o <= 0xFF5E:  # a full-width form scores as its ASCII twin
        ch, o = chr(o - 0xFEE0), o - 0xFEE0
    if _is_pua(ch):
        return PUA_LOGP
    if ch in SYMBOLS:
        return SYMBOL_LOGP
    if _HAN_RE.match(ch):
        return ABSENT_HAN_LOGP
    if (ch.isascii() and ch.isalnum()) or ch.isspace():
        return ASCII_LOGP
    if 0x21 <= o <= 0x7E:  # ASCII punctuation scores as its full-width form
        return table.get(chr(o + 0xFEE0), OTHER_LOGP)
    return OTHER_LOGP


def unigram_logp(text: str) -> float:
    """The unigram log-probability of ``text``: the sum of :func:`_logp` over its characters.

    Comparing two readings of the same bytes by it says which is likelier Chinese.

    >>> unigram_logp("建设") > unigram_logp("寤鸿炬")
    True
    """
    return sum(_logp(ch) for ch in text)


@cache
def _trigger() -> re.Pattern[str]:
    """The pre-check: private use, a symbol touching an ideograph, or two rare ideographs."""
    cls = _rare_class()
    return re.compile(f"[{_PUA}]|[{_HAN}][{_SYM}]|[{_SYM}][{_HAN}]|[{cls}].?[{cls}]")


@cache
def _suspects() -> re.Pattern[str]:
    """One character of every match of the pre-check (private use, a symbol, a rare
    ideograph): one class, which the regex engine scans for fast, so a line without
    any skips the four-way pre-check."""
    return re.compile(f"[{_PUA}{_SYM}{_rare_class()}]")


@cache
def _rare_class() -> str:
    """Rare ideographs (and those absent from the table), as the body of a regex class."""
    table = _table()
    rare: list[tuple[int, int]] = []
    for lo, hi in _HAN_RANGES:
        for cp in range(lo, hi + 1):
            if table.get(chr(cp), ABSENT_HAN_LOGP) < RARE_LOGP:
                if rare and rare[-1][1] == cp - 1:
                    rare[-1] = (rare[-1][0], cp)
                else:
                    rare.append((cp, cp))
    return "".join(chr(a) if a == b else f"{chr(a)}-{chr(b)}" for a, b in rare)


# --- detection -----------------------------------------------------------------------------------


@cache
def _char_badness(ch: str) -> tuple[float, bool]:
    """Badness of one character out of context, and whether it is a rare ideograph.

    Misalignment symbols get their badness from their context in :func:`_badness`.
    """
    if _is_pua(ch):
        return PUA_BADNESS, False
    if _HAN_RE.match(ch):
        lp = _table().get(ch, ABSENT_HAN_LOGP)
        low, high = HAN_BADNESS_RANGE
        return min(max(-lp - RARE_PIVOT, low), high), lp < RARE_LOGP
    return OTHER_BADNESS, False


def _evidence(ch: str) -> int:
    """Weight of one character as evidence of misalignment (symbols: only in context)."""
    return 2 if _is_pua(ch) or ch in FOREIGN_SYMBOLS else int(ch in SYMBOLS)


def _badness(text: str) -> tuple[list[float], list[int], list[bool]]:
    """Per character: badness, weight as evidence of misalignment, whether it is rare."""
    info = [_char_badness(ch) for ch in text]
    bad = [b for b, _ in info]
    rare = [r for _, r in info]
    signal = [2 * _is_pua(ch) for ch in text]
    n = len(text)
    i = 0
    while i < n:
        if text[i] not in SYMBOLS:
            i += 1
            continue
        j = i
        while j < n and text[j] in SYMBOLS:
            j += 1
        left = text[i - 1] if i else ""
        right = text[j] if j < n else ""
        # a lone enumerator not preceded by an ideograph is a list or footnote marker
        marker = j - i == 1 and text[i] in ENUMERATORS and not _is_anchor(left)
        suspect = (_is_anchor(left) or _is_anchor(right)) and not marker
        for k in range(i, j):
            bad[k] = SYMBOL_BADNESS if suspect else 0.0
            signal[k] = _evidence(text[k]) if suspect else 0
        i = j
    return bad, signal, rare


def _segments(bad: list[float]) -> list[tuple[int, int, float]]:
    """Maximal-sum runs ``(start, end, total)`` of positive badness, left to right."""
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


def _hits(text: str) -> Iterator[tuple[int, int]]:
    """The spans of ``_trigger().finditer(text)``, tried only next to suspect characters.

    Every match of the pre-check holds a suspect character (:func:`_suspects`) as its
    first or second one (``[HAN][SYM]``), and the pre-check looks at nothing before
    where it starts.  So the leftmost match at or after ``pos`` starts at ``s - 1`` or
    later, ``s`` being the first suspect at or after ``pos``; it starts there or at
    ``s`` if at either; else it starts after ``s``.  A test compares the two on varied
    text.  The four-way pre-check is then matched at two places per suspect character,
    not tried at every character of a line.
    """
    suspects, trigger = _suspects(), _trigger()
    pos = 0
    while found := suspects.search(text, pos):
        s = found.start()
        hit = (s > pos and trigger.match(text, s - 1)) or trigger.match(text, s)
        if hit:
            yield hit.span()
            pos = hit.end()
        else:
            pos = s + 1


def _spans(text: str) -> list[tuple[int, int, bool]]:
    """``(start, end, must_go)`` of every span of ``text`` that may be mojibake.

    Badness is computed only in regions around the pre-check's hits, grown
    while a segment runs into a region's edge, so a long clean line with one
    hit costs little more than the pre-check.
    """
    if not _suspects().search(text):
        return []
    n = len(text)
    spans: list[tuple[int, int, bool]] = []
    done = 0
    for hit_start, hit_end in _hits(text):
        if hit_end <= done:
            continue
        a = max(done, hit_start - REGION_PAD)
        b = min(n, hit_end + REGION_PAD)
        while True:
            lo, hi = max(0, a - 1), min(n, b + 1)  # one character of context each side
            bad, signal, rare = (x[a - lo : b - lo] for x in _badness(text[lo:hi]))
            segments = _segments(bad)
            grow_left = a > done and bool(segments) and segments[0][0] == 0
            grow_right = b < n and bool(segments) and segments[-1][1] == b - a
            if not (grow_left or grow_right):
                break
            step = max(4 * REGION_PAD, b - a)  # doubling: linear in the end
            a = max(done, a - step) if grow_left else a
            b = min(n, b + step) if grow_right else b
        for start, end, total in segments:
            signals = sum(signal[start:end])
            must = any(_is_pua(ch) for ch in text[a + start : a + end]) or (
                signals >= 2 and total >= SPAN_THRESHOLD
            )
            if must or signals or sum(rare[start:end]) >= 2:
                spans.append((a + start, a + end, must))
        done = b
    return spans


REPAIR_CACHE = 64
"""Texts whose :func:`_repair_pass` is remembered: on the bench's pages 44 % of the calls
repeat one of the last 64 texts (a line, then the same line as a paragraph)."""


# --- re-alignment --------------------------------------------------------------------------------


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


def _publish(ch: str) -> str:
    """A re-decoded character as the corpus writes it (row A3 back to ASCII, see above)."""
    o = ord(ch)
    if 0xFF01 <= o <= 0xFF5E and ch not in _KEEP_FULLWIDTH:
        return chr(o - 0xFEE0)
    return ch


def _realign(window: str, free_start: bool, free_end: bool) -> list[tuple[int, int, str]]:
    """The best re-decoding of ``window``: its re-decoded stretches ``(start, end, text)``.

    Viterbi over two kinds of state: ``keep[i]`` (before character ``i``, text
    kept as it is) and ``redo[p]`` (before byte ``p`` of the GB18030 stream,
    re-decoding).  A stretch is entered by dropping the first byte of a
    character and left either at a character boundary or by dropping the last
    byte of one: those are the orphans of the bytes lost upstream.  With
    ``free_start``/``free_end`` the orphan at the start/end of the window costs
    nothing: a run that reaches the edge of a line has no correct text there to
    re-join (``甘于奉住`` → ``甘于奉献``).
    """
    encs = [_stream_bytes(ch) for ch in window]
    off = [0]
    for e in encs:
        off.append(off[-1] + len(e))
    data = b"".join(encs)
    n, size = len(window), len(data)
    neg = -math.inf
    keep = [neg] * (n + 1)
    keep_from = [-1] * (n + 1)  # >= 0: redo byte it came from; -1: the previous character
    redo = [neg] * (size + 2)
    redo_from: list[tuple[int, str]] = [(-1, "")] * (size + 2)  # (byte, char) or (~i, "")
    keep[0] = 0.0
    i = 0
    for p in range(size + 1):
        while i <= n and off[i] == p:
            orphan = 0.0 if free_end and i == n else JUNCTION_COST
            for q, cost in ((p, SWITCH_COST), (p - 1, SWITCH_COST + orphan)):
                if q >= 0 and redo[q] - cost > keep[i]:
                    keep[i], keep_from[i] = redo[q] - cost, q
            if i < n:
                score = keep[i] + _logp(window[i])
                if score >= keep[i + 1]:
                    keep[i + 1], keep_from[i + 1] = score, -1
                orphan = 0.0 if free_start and i == 0 else JUNCTION_COST
                enter = keep[i] - SWITCH_COST - orphan
                if encs[i] and enter > redo[p + 1]:
                    redo[p + 1], redo_from[p + 1] = enter, (~i, "")
            i += 1
        here = redo[p]
        if here == neg or p == size:
            continue
        if here - SKIP_COST > redo[p + 1]:
            redo[p + 1], redo_from[p + 1] = here - SKIP_COST, (p, "")
        b = data[p]
        width = 0
        if b < 0x80:
            width = 1
        elif 0x81 <= b <= 0xFE and p + 1 < size:
            b2 = data[p + 1]
            if 0x40 <= b2 <= 0xFE and b2 != 0x7F:
                width = 2
            elif 0x30 <= b2 <= 0x39 and p + 3 < size:
                width = 4
        ch = _decode(data[p : p + width]) if width else None
        if ch is not None:
            score = here + _logp(ch) - REDO_CHAR_COST
            if score > redo[p + width]:
                redo[p + width], redo_from[p + width] = score, (p, ch)
    # walk back from the end, collecting the re-decoded stretches
    stretches: list[tuple[int, int, str]] = []
    i = n
    while i > 0:
        if keep_from[i] < 0:
            i -= 1
            continue
        end, p, chars = i, keep_from[i], []
        while redo_from[p][0] >= 0:
            p, ch = redo_from[p]
            chars.append(_publish(ch) if ch else "")
        i = ~redo_from[p][0]
        stretches.append((i, end, "".join(reversed(chars))))
    stretches.reverse()
    return stretches


def _mean_logp(text: str) -> float:
    return sum(_logp(ch) for ch in text) / len(text) if text else -math.inf


def _confident(garbled: str, repaired: str) -> bool:
    """Whether re-decoding ``garbled`` as ``repaired`` is safe to publish."""
    evidence = sum(_evidence(ch) for ch in garbled)
    if len(repaired) < (MIN_REPAIR_CHARS if evidence >= 2 else MIN_WEAK_REPAIR_CHARS):
        return False
    if any(_is_pua(ch) or ch in SYMBOLS for ch in repaired):
        return False
    mean = _mean_logp(repaired)
    return mean >= MIN_MEAN_LOGP and mean - _mean_logp(garbled) >= MIN_GAIN


def _repair_window(window: str, free_start: bool, free_end: bool) -> str:
    out = []
    last = 0
    for start, end, new in _realign(window, free_start, free_end):
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


@lru_cache(maxsize=REPAIR_CACHE)
def _repair_pass(text: str) -> str:
    """Re-decode what can be re-decoded with confidence, then drop what must go.

    Remembered for the last :data:`REPAIR_CACHE` texts: one line meets it as a
    line rule, again after the UTF-8 misreading repair, and once more as a
    paragraph in the publishing gate (:func:`has_mojibake`).
    """
    spans = _spans(text)
    if not spans:
        return text
    n = len(text)
    windows = _merge([(max(0, s - WINDOW_MARGIN), min(n, e + WINDOW_MARGIN)) for s, e, _ in spans])
    free_start = spans[0][0] <= 1
    free_end = spans[-1][1] >= n - 1
    out = []
    last = 0
    for start, end in windows:
        out.append(text[last:start])
        window = text[start:end]
        out.append(_repair_window(window, free_start and start == 0, free_end and end == n))
        last = end
    out.append(text[last:])
    repaired = "".join(out)
    # Most windows re-decode nothing (1,273 of the 1,318 suspect lines of the bench's first
    # 1,000 pages): the text is the same, and so are its spans.
    spans = spans if repaired == text else _spans(repaired)
    text = repaired
    while must := [(s, e) for s, e, must_go in spans if must_go]:
        kept = []
        last = 0
        for start, end in must:
            kept.append(text[last:start])
            last = end
        kept.append(text[last:])
        text = "".join(kept)
        spans = _spans(text)
    return text


def has_mojibake(text: str) -> bool:
    """Whether :func:`repair_mojibake` would change ``text``.

    One regular-expression search for clean text; the re-alignment search runs
    only on lines that have a suspicious span.  Always false on the output of
    :func:`repair_mojibake`.

    >>> has_mojibake("在掌握基纠砺邸⒊酝父母锓⒄刮榷ǖ男乱\\ue026笊锨笊钊耄")
    True
    >>> has_mojibake("①加强学习，②提高认识。“…信任政府官员的惟一根据是效率。”①对于")
    False
    """
    return _repair_pass(text) != text


@text_rule(name="mojibake", logs=True)
def repair_mojibake(text: str) -> str:
    """Re-decode byte-misaligned GB18030 text; drop what cannot be re-decoded with confidence.

    Why: GBK pages decoded one byte out of step upstream leave runs of rare
    ideographs, symbols and private-use code points in otherwise good
    paragraphs (seed 002).  The bytes are intact, so re-encoding the run with
    GB18030 and decoding it from the right offset restores the text.  A run
    that holds a private-use code point or clear misalignment symbols and
    cannot be restored with confidence is removed (the runner logs it):
    publishing garbage is worse than a gap.  The character at each end of a
    run, half of whose bytes were lost upstream, is lost with it.

    Left alone: every line without a private-use code point, a misalignment
    symbol touching an ideograph or two rare ideographs close together (one
    regular-expression search); legitimate symbols (``、。“”《》【】±×℃‰``,
    bullets ``○●□■☆★``, placeholders ``××``, ``○○``); enumerators used as
    list or footnote markers (``①加强学习``, ``效率。”①对于``, a lone ``①``
    between ideographs); rare but real ideographs, classical Chinese,
    Traditional script, Latin and digits; rare-ideograph runs without symbols
    that no confident repair explains.  A run of kana, Cyrillic or box drawing
    glued to Chinese text is taken for mojibake: the corpus is Chinese.

    >>> repair_mojibake("要在围绕主题、把握灵魂、学懂弄通上功夫,在掌握基纠砺邸⒊酝父母锓⒄刮榷"
    ...     "ǖ男乱\\ue026笊锨笊钊耄\\ue0ef诹\\ue02e凳导省⑼贫\\ue1ef痛俳\\ue255涫瞪献鑫恼隆W橹")
    '要在围绕主题、把握灵魂、学懂弄通上功夫,在掌握基理论、吃透改革发展稳定的新要求上求深入，在联系实际、推动和促进落实上做文章。组'
    """
    for _ in range(MAX_PASSES):
        new = _repair_pass(text)
        if new == text:
            break
        text = new
    return text
