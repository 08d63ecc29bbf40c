"""Text that stands for UTF-8 bytes read with the wrong codec: where it is, what it says.

The machinery of :mod:`zh_gov_essays.repair.misread`, for any codec that made
characters of UTF-8 bytes (a :class:`Codec`):

1. **Bytes**: every maximal run of characters the codec produces is encoded
   back (:func:`_runs`); a U+FFFD in it stands for a byte the upstream decoder
   could not read (:data:`LOST`, ``FF``, never UTF-8).
2. **Stretches**: the bytes are read as UTF-8, strictly.  Each maximal valid
   stretch, trimmed of ASCII (and, for GBK, two-byte characters) at its ends,
   since legitimate neighbours decode as such by chance, is a candidate if it
   still holds a character of three bytes or more (every CJK character is one).
3. **Chains**: stretches at most :data:`MAX_GAP_BYTES` apart form one garbled
   span; a further stretch joins only if the caller's ``joins`` accepts it.  A
   chain of one stretch that starts and ends on character boundaries
   round-trips cleanly; a chain with a gap, or with a character cut after it
   inside the line, lost bytes upstream (:class:`Cut`).
4. **Verdict**: the caller's ``verdict`` says what replaces a chain (its
   decoding, ``""`` to drop it, ``None`` to leave it); variation selectors
   right after a chain follow it (they select its new last character, or go).

:func:`settle` then looks again at what the repairs after the caller will
leave of its output, so that cleaning cleaned text changes nothing.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import Enum

from zh_gov_essays.repair.whitespace import variation_selectors
from zh_gov_essays.vocab.chars import VARIATION_SELECTORS

__all__ = ["LOST", "MAX_GAP_BYTES", "Codec", "Cut", "Stretch", "char_class", "rewrite", "settle"]

#: Most bytes between two stretches of one chain: a character whose bytes were cut
#: (two left of three) plus a byte read as U+FFFD and an ASCII byte after it.
MAX_GAP_BYTES = 4
#: Times :func:`settle` looks again at what the later repairs will leave of the output.
MAX_SETTLING_PASSES = 3

LOST = b"\xff"
"""What U+FFFD stands for in a run: a byte that was lost (``FF`` is never UTF-8)."""

_SELECTORS_AT = re.compile(f"[{VARIATION_SELECTORS}]*")


def char_class(chars: set[str]) -> str:
    """``chars`` as the body of a regex character class, consecutive code points as ranges."""
    points = sorted(map(ord, chars))
    ranges: list[list[int]] = []
    for point in points:
        if ranges and ranges[-1][1] == point - 1:
            ranges[-1][1] = point
        else:
            ranges.append([point, point])
    return "".join(
        re.escape(chr(lo)) if lo == hi else f"{re.escape(chr(lo))}-{re.escape(chr(hi))}"
        for lo, hi in ranges
    )


@dataclass(frozen=True)
class Codec:
    """How one wrong codec turned UTF-8 bytes into characters, and back."""

    run: re.Pattern[str]  # a maximal run of characters it produces (ASCII included)
    encode: Callable[[str], bytes]  # a run back to its bytes (U+FFFD: a lost byte)
    width: Callable[[str], int]  # bytes of one character of a run
    precheck: re.Pattern[str]
    usual: int  # bytes of every character of a run but those ``unusual`` matches
    unusual: re.Pattern[str]  # runs of characters of one other width (``width`` says which)


Unit = tuple[int, int, str]
"""A decoded character: its first byte, the byte after it, the character."""


class Run:
    """A run of characters the wrong codec produces, and the bytes they stand for.

    Where each character's bytes start is kept in chunks, not one offset per
    character (most runs are whole lines, and few of their bytes are ever
    looked up): a match of ``codec.unusual`` is characters of one width (its
    first one's), and between two matches every character is ``codec.usual``
    bytes wide.  Only the chunks of characters with bytes are kept; a
    character of none (a selector read through) starts where the next one
    does, so that :meth:`char_at` and :meth:`is_bound` answer as the offsets
    of all characters, accumulated one by one, would (a test compares them).
    """

    def __init__(self, first: int, chars: str, data: bytes, codec: Codec) -> None:
        self.first = first  # index of its first character in the line
        self.last = first + len(chars)  # index after its last character
        self.data = data
        usual, width = codec.usual, codec.width
        at_byte: list[int] = []  # each chunk's first byte
        at_char: list[int] = []  # ... its first character
        widths: list[int] = []  # ... and the bytes of each of its characters
        pos = done = 0
        for match in codec.unusual.finditer(chars):
            start, end = match.span()
            if start > done:
                at_byte.append(pos)
                at_char.append(done)
                widths.append(usual)
                pos += usual * (start - done)
            step = width(chars[start])
            if step:
                at_byte.append(pos)
                at_char.append(start)
                widths.append(step)
                pos += step * (end - start)
            done = end
        if len(chars) > done:
            at_byte.append(pos)
            at_char.append(done)
            widths.append(usual)
            pos += usual * (len(chars) - done)
        self._at_byte, self._at_char, self._widths = at_byte, at_char, widths
        self._end = pos  # bytes of the run, the offset after its last character

    def char_at(self, byte: int) -> int:
        """Index in the line of the character that holds ``byte`` (after a character of
        no bytes at the same offset; the run's end for ``byte`` at or after it)."""
        if byte >= self._end:
            return self.last
        k = bisect_right(self._at_byte, byte) - 1
        return self.first + self._at_char[k] + (byte - self._at_byte[k]) // self._widths[k]

    def is_bound(self, byte: int) -> bool:
        """Whether ``byte`` is an offset between two characters (both ends included)."""
        if byte >= self._end or byte <= 0:
            return byte in (0, self._end)
        k = bisect_right(self._at_byte, byte) - 1
        return (byte - self._at_byte[k]) % self._widths[k] == 0


@dataclass
class Stretch:
    """Valid UTF-8 in a run's bytes: the characters it covers and what they decode to."""

    first: int
    last: int
    byte_start: int
    byte_end: int
    clean: bool  # starts and ends on character boundaries
    text: str
    wide: int  # decoded characters of three bytes or more


# The characters mojibake of Chinese text may decode to (others cut a stretch), in strict
# UTF-8 (RFC 3629: no overlong forms or surrogates): printable ASCII and U+00A0-U+FFFD
# without private use (U+E000-U+F8FF).  A lead byte is never a continuation byte, so a
# strict decoder, skipping what it cannot decode, tries a character at every lead byte
# and ASCII byte, and at most one character ends before any byte: where a character is
# can be told from its bytes and their neighbours, without reading from the start.
_ASCII = rb"[\x20-\x7e]"
_TWO = rb"\xc2[\xa0-\xbf]|[\xc3-\xdf][\x80-\xbf]"
_THREE = (
    rb"\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf]"
    rb"|\xef[\xa4-\xbe][\x80-\xbf]|\xef\xbf[\x80-\xbd]"
)
_ALLOWED_RUN = re.compile(rb"(?:" + _ASCII + rb"|" + _TWO + rb"|" + _THREE + rb")+")
# The same run read backwards (in the reversed bytes), from a character's first byte.
_ALLOWED_RUN_BACK = re.compile(
    rb"(?:[\x20-\x7e]|[\xa0-\xbf]\xc2|[\x80-\xbf][\xc3-\xdf]|[\x80-\xbf][\xa0-\xbf]\xe0"
    rb"|[\x80-\xbf]{2}[\xe1-\xec]|[\x80-\xbf][\x80-\x9f]\xed|[\x80-\xbf][\xa4-\xbe]\xef"
    rb"|[\x80-\xbd]\xbf\xef)*"
)
# An allowed character of three bytes, and one beyond ASCII: what a group must hold.
_WIDE = re.compile(_THREE)
_BEYOND_ASCII = re.compile(_TWO + rb"|" + _THREE)


def _runs(
    text: str, codec: Codec, wide_only: bool, least_wide: int
) -> Iterator[tuple[Run, list[list[Unit]]]]:
    """The runs of ``text`` that hold candidate stretches, with those stretches' units."""
    for match in codec.run.finditer(text):
        data = codec.encode(match.group())
        groups = _groups(data, wide_only)
        if groups and (least_wide <= 1 or _may_edit(groups, least_wide)):
            yield Run(match.start(), match.group(), data, codec), groups


def _may_edit(groups: list[list[Unit]], least_wide: int) -> bool:
    """Whether the groups of a run may make a chain of ``least_wide`` wide characters
    or more (the caller's verdict leaves alone every chain of fewer).

    A chain is a stretch of one group, or stretches of consecutive groups; a stretch
    is a trimmed group, so its group holds its wide characters, and two groups are at
    most as far apart as their stretches.  So a chain of several wide characters
    needs a group that holds them, or two consecutive groups at most
    :data:`MAX_GAP_BYTES` apart: without either, no verdict can edit the run and it is
    passed over (most runs of Chinese text read as GB18030, where a rare character
    makes a stretch of one wide character here and there).  A test checks that
    passing over them changes no output.
    """
    end = -MAX_GAP_BYTES - 1
    for units in groups:
        if units[0][0] - end <= MAX_GAP_BYTES:
            return True
        wide = 0
        for start, stop, _ in units:
            wide += stop - start >= 3
        if wide >= least_wide:
            return True
        end = units[-1][1]
    return False


def _groups(data: bytes, wide_only: bool) -> list[list[Unit]]:
    """Maximal sequences of allowed decoded characters with no byte between them, that
    hold a character of three bytes or more (``wide_only``) or any beyond ASCII.

    Each group is found from such a character (a match starts on a lead byte, so it
    is one the decoder reads): back and forth from it, as far as allowed characters go.
    """
    seed = _WIDE if wide_only else _BEYOND_ASCII
    groups: list[list[Unit]] = []
    back = b""
    pos = 0
    while found := seed.search(data, pos):
        if not back:
            back = data[::-1]
        start = len(data) - _ALLOWED_RUN_BACK.match(back, len(data) - found.start()).end()
        end = _ALLOWED_RUN.match(data, found.start()).end()
        units: list[Unit] = []
        for ch in data[start:end].decode("utf-8"):
            o = ord(ch)
            step = 1 if o < 0x80 else 2 if o < 0x800 else 3
            units.append((start, start + step, ch))
            start += step
        groups.append(units)
        pos = end
    return groups


def _trim(units: list[Unit], run: Run, wide_only: bool, chain_start: bool) -> list[Unit]:
    """``units`` without what legitimate neighbours decode to by chance.

    At both ends ASCII (and, with ``wide_only``, two-byte characters); trailing
    ASCII only where the cut falls between two characters (else the last
    character was read with it).  At the start of a chain, also whatever
    begins inside a character: garbled text starts with a whole one.
    """
    bound = run.is_bound

    def chance(unit: Unit) -> bool:
        return unit[1] - unit[0] < 3 if wide_only else unit[2].isascii()

    lo, hi = 0, len(units)
    while lo < hi and (chance(units[lo]) or (chain_start and not bound(units[lo][0]))):
        lo += 1
    while lo < hi and chance(units[hi - 1]):
        if units[hi - 1][2].isascii() and not bound(units[hi - 1][0]):
            break
        hi -= 1
    return units[lo:hi]


def _stretch(units: list[Unit], run: Run) -> Stretch:
    a, b = units[0][0], units[-1][1]
    return Stretch(
        first=run.char_at(a),
        last=run.char_at(b - 1) + 1,
        byte_start=a,
        byte_end=b,
        clean=run.is_bound(a) and run.is_bound(b),
        text="".join(ch for _, _, ch in units),
        wide=sum(end - start >= 3 for start, end, _ in units),
    )


def _cut_tail(run: Run, end: int, stop: int) -> int:
    """Byte after a character cut at ``end`` (its lead, maybe a continuation, then a lost
    byte, ASCII or the end of the run), or ``end`` when nothing was cut there."""
    data = run.data
    if end >= stop or not 0xC2 <= data[end] <= 0xF4:
        return end
    pos = end + 1
    need = 1 if data[end] < 0xE0 else 2 if data[end] < 0xF0 else 3
    while pos < stop and pos - end < need and 0x80 <= data[pos] <= 0xBF:
        pos += 1
    if pos - end >= need + 1:
        return end  # complete: not a cut character
    if pos == len(data) or data[pos] < 0x80:
        return pos
    if data[pos : pos + 1] != LOST:
        return end
    while data[pos : pos + 1] == LOST:
        pos += 1
    return pos


class Cut(Enum):
    """Where a chain lost the bytes of a character it held."""

    NONE = "none"
    LINE_END = "line_end"
    """Its last character, a punctuation mark at the end of the line: the field ended
    in the middle of it."""
    INSIDE = "inside"


_PUNCTUATION_PREFIXES = frozenset((b"\xe3\x80", b"\xef\xbc", b"\xe2\x80"))
"""The first two UTF-8 bytes of CJK punctuation (U+3000-U+303F: 。、《》「」), full-width
forms (U+FF00-U+FF3F: ，！：；？（）) and general punctuation (U+2000-U+203F: “”…—)."""


Verdict = Callable[[str, list[Stretch], Cut], str | None]


def rewrite(
    text: str,
    codec: Codec,
    wide_only: bool,
    joins: Callable[[str, Stretch], bool],
    verdict: Verdict,
    least_wide: int = 1,
) -> str:
    """``text`` with every chain replaced by what ``verdict`` says (``None``: left alone).

    ``least_wide``: the verdict returns ``None`` for every chain with fewer wide
    characters (of three bytes or more) than this, so runs that cannot hold such a
    chain are passed over.
    """
    edits: list[tuple[int, int, str]] = []
    for run, groups in _runs(text, codec, wide_only, least_wide):
        chain: list[Stretch] = []
        for k, group in enumerate([*groups, None]):
            if group is not None and chain:
                units = _trim(group, run, wide_only, chain_start=False)
                if units:
                    stretch = _stretch(units, run)
                    if stretch.byte_start - chain[-1].byte_end <= MAX_GAP_BYTES and joins(
                        text, stretch
                    ):
                        chain.append(stretch)
                        continue
            if chain:
                stop = groups[k][0][0] if group is not None else len(run.data)
                tail = _cut_tail(run, chain[-1].byte_end, stop)
                last = run.char_at(tail - 1) + 1 if tail > chain[-1].byte_end else chain[-1].last
                cut = Cut.NONE
                if tail > chain[-1].byte_end:
                    at_end = tail == len(run.data) and not text[run.last :].strip()
                    prefix = run.data[chain[-1].byte_end : chain[-1].byte_end + 2]
                    punct = prefix in _PUNCTUATION_PREFIXES
                    cut = Cut.LINE_END if at_end and punct else Cut.INSIDE
                new = verdict(text, chain, cut)
                if new is not None:
                    # selectors after the span select what ends it now, or nothing
                    after = _SELECTORS_AT.match(text, last).end()
                    edits.append(
                        (chain[0].first, after, variation_selectors(new + text[last:after]))
                    )
                chain = []
            if group is not None:
                units = _trim(group, run, wide_only, chain_start=True)
                if units and any(end - start >= 3 for start, end, _ in units):
                    chain = [_stretch(units, run)]
    for first, last, new in reversed(edits):
        text = text[:first] + new + text[last:]
    return text


def settle(
    text: str,
    codec: Codec,
    wide_only: bool,
    joins: Callable[[str, Stretch], bool],
    verdict: Verdict,
    later: Callable[[str], str],
    least_wide: int = 1,
) -> str:
    """:func:`rewrite`, then again on what the ``later`` repairs will leave of the result.

    A character left outside every span (a U+FFFD, a C1 control, a soft hyphen) is
    deleted by a later repair, and its neighbours may then make a span: it is taken
    now, so cleaning cleaned text changes nothing.
    """
    out = rewrite(text, codec, wide_only, joins, verdict, least_wide)
    for _ in range(MAX_SETTLING_PASSES):
        view = later(out)
        # rewrite is pure: where the later repairs leave the text as it came (most
        # lines: nothing was garbled), the second look is the first
        again = out if view == text else rewrite(view, codec, wide_only, joins, verdict, least_wide)
        if again == view:
            break
        out = again
    return out
