"""The comparison key: what two paragraphs are compared on when looking for duplicates.

Copies of one essay on different sites differ in things a reader does not
count as a difference: the width of punctuation (an upstream half-width
normalisation turns ``，`` into ``,``), spacing and indentation, the
punctuation itself, and the script (a Simplified essay machine-converted to
Traditional).  The key removes exactly those differences:

1. NFKC (full-width Latin letters and digits become ASCII, compatibility
   forms fold);
2. every whitespace, zero-width and punctuation character is removed;
3. the rest is folded to Simplified script with OpenCC ``t2s``.

The fold happens in the key only: published text is never converted.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from zh_gov_essays.script import converter
from zh_gov_essays.vocab.chars import HAN_BMP, INVISIBLE, nfkc

# What copies may differ in: whitespace, invisible characters and punctuation of any width
# (``\W`` is every character that is not a letter, digit or ideograph).
_SPACE_AND_PUNCT = re.compile(f"[\\s{INVISIBLE}\\W_]+")
# Where NFKC maps nothing together and only the kept characters are left: common
# ideographs, printable ASCII, and punctuation whose NFKC form the key deletes whole.
_PLAIN_KEPT = f"{HAN_BMP}0-9A-Za-z"
_PUNCT_RANGES = (
    (0x00A0, 0x00BF),  # Latin-1 punctuation
    (0x2000, 0x206F),  # general punctuation
    (0x3000, 0x303F),  # CJK symbols and punctuation
    (0xFE30, 0xFE6F),  # CJK compatibility and small forms
    (0xFF00, 0xFFEF),  # half-width and full-width forms
)


def _deleted_whole(ch: str) -> bool:
    """Whether NFKC turns ``ch`` into starters (combining class 0) that the key deletes."""
    folded = unicodedata.normalize("NFKC", ch)
    return all(
        _SPACE_AND_PUNCT.fullmatch(part) and not unicodedata.combining(part) for part in folded
    )


PLAIN_PUNCT = "".join(
    ch
    for first, last in _PUNCT_RANGES
    for ch in map(chr, range(first, last + 1))
    if _deleted_whole(ch)
)
"""Punctuation and spaces outside ASCII whose NFKC form the comparison key deletes whole
(``，`` ``。`` ``、`` ``“`` ``…``, the ideographic space…)."""

_PLAIN = re.compile(f"[{_PLAIN_KEPT}\x20-\x7e{re.escape(PLAIN_PUNCT)}]*")
_KEPT = re.compile(f"[{_PLAIN_KEPT}]+")


def comparison_key(text: str) -> str:
    """``text`` as duplicates are compared: NFKC, no whitespace or punctuation, Simplified.

    >>> comparison_key("一、 加强学习，\u3000提高认识")
    '一加强学习提高认识'
    >>> comparison_key("一、加强学习,提高认识") == comparison_key("一、加强学习，提高认识")
    True
    >>> comparison_key("政協機關幹部") == comparison_key("政协机关干部")
    True

    Left alone: word changes (``市委`` and ``县委`` keep different keys),
    digits and Latin letters (only their width is folded).

    Most paragraphs hold only common ideographs, printable ASCII and the
    punctuation of :data:`PLAIN_PUNCT`: NFKC leaves the first two alone and
    composes none of these characters with its neighbour (none has a
    combining class or is the second of a canonical pair; a test checks every
    one), so the key of such a text is its ideographs, ASCII letters and
    digits, picked out without normalising (a third of the cost; a test
    compares both ways).
    """
    if _PLAIN.fullmatch(text):
        kept = "".join(_KEPT.findall(text))
    else:
        kept = _SPACE_AND_PUNCT.sub("", nfkc(text))
    return converter("t2s").convert(kept)


def key_hash(key: str) -> int:
    """An 8-byte hash of a comparison key (blake2b), as an unsigned integer.

    >>> key_hash("加强学习") == key_hash("加强学习"), key_hash("加强学习") == key_hash("加强学习了")
    (True, False)
    """
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "big")
