"""Bytes to text: byte-order marks, strict UTF-8, then GB18030 or Big5 by score.

charset-normalizer only proposes candidates: each legacy decoding that
works is scored by :func:`~zh_gov_essays.read.language.common_cjk_share` and
the best wins; slightly damaged bytes are decoded leniently when few
sequences are invalid.  Before that, :func:`guess_foreign_cjk` tries the
Korean and Japanese legacy encodings, whose bytes GB18030 would otherwise
read as Chinese."""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from charset_normalizer import from_bytes

from zh_gov_essays.read.language import common_cjk_share, foreign_language, korean_evidence

# A GB18030/Big5 decoding is believed only when at least this share of its
# CJK ideographs are common characters (GB2312 level 1 or Big5 A440-C67E).
# The seeds score 0.99-1.0; seed 004 in Big5 read as GBK scores 0.63, and GBK
# read as Big5 usually fails outright.
MIN_COMMON_CJK_SHARE = 0.80

# Bytes valid in no encoding are still read when only this share of their
# sequences (at least one) is invalid in UTF-8, GB18030 or Big5, each
# replaced by U+FFFD (note "replaced_bad_bytes"): one flipped byte should not
# cost a scraped essay, while a wrong encoding breaks far more often.
MAX_BAD_SEQUENCE_SHARE = 0.001

# charset-normalizer sees at most this many leading bytes (cut at a newline).
DETECT_SAMPLE_BYTES = 64 * 1024

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Python codecs tried, in order, for each canonical Chinese legacy encoding.
# cp950 adds the ETEN extensions (碁銹裏墻恒粧嫺, box drawing) found in real Big5;
# big5hkscs the Hong Kong supplement (着 and other characters machine conversion leaves).
_CODECS = {"gb18030": ("gb18030",), "big5": ("big5", "cp950", "big5hkscs")}

_ALIASES = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "cp936": "gb18030",
    "euc_cn": "gb18030",
    "gb18030": "gb18030",
    "big5": "big5",
    "cp950": "big5",
    "big5hkscs": "big5",
    "utf_8": "utf-8",
    "utf-8": "utf-8",
    "ascii": "utf-8",
    "utf_8_sig": "utf-8-sig",
    "utf_16_le": "utf-16-le",
    "utf_16_be": "utf-16-be",
}


# Korean and Japanese legacy encodings: (Python codec, the name we record,
# language), tried in this order.  The plain codecs come before their
# supersets, so the name says the smallest encoding that reads the bytes.
FOREIGN_CODECS = (
    ("euc_kr", "euc-kr", "korean"),
    ("cp949", "cp949", "korean"),
    ("shift_jis", "shift-jis", "japanese"),
    ("cp932", "cp932", "japanese"),
    ("euc_jp", "euc-jp", "japanese"),
)


def canonical_encoding(name: str) -> str:
    """The canonical name for a codec name; unknown names are returned normalised.

    >>> canonical_encoding("GBK"), canonical_encoding("cp950"), canonical_encoding("UTF-8")
    ('gb18030', 'big5', 'utf-8')
    >>> canonical_encoding("cp1252")
    'cp1252'
    """
    try:
        key = codecs.lookup(name).name.replace("-", "_")
    except LookupError:
        key = name.lower().replace("-", "_")
    return _ALIASES.get(key, key)


def sniff_bom(data: bytes) -> str | None:
    """The encoding announced by a leading byte-order mark, if any.

    >>> sniff_bom(b"\\xef\\xbb\\xbf\\xe4\\xb8\\xad"), sniff_bom(b"\\xff\\xfe-N"), sniff_bom(b"abc")
    ('utf-8-sig', 'utf-16-le', None)
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    return None


def strict_decode(data: bytes, encoding: str) -> tuple[str, bool] | None:
    """Decode strictly, tolerating only an incomplete character at the very end.

    Returns ``(text, truncated)`` where ``truncated`` says trailing bytes of a
    cut-off character were dropped, or ``None`` if any byte is invalid.  A BOM,
    if any, is left for the caller (except with ``utf-8-sig``).

    >>> strict_decode("中文".encode("gb18030")[:-1], "gb18030")
    ('中', True)
    >>> strict_decode(b"\\xff\\xfe\\xfd", "utf-8") is None
    True
    """
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    try:
        text = decoder.decode(data, final=False)
    except UnicodeDecodeError:
        return None
    return text, bool(decoder.getstate()[0])


def detector_guesses(data: bytes) -> list[str]:
    """charset-normalizer's encodings for a leading sample, best first (canonical names)."""
    sample = data[:DETECT_SAMPLE_BYTES]
    if len(data) > DETECT_SAMPLE_BYTES:
        cut = sample.rfind(b"\n")
        if cut > DETECT_SAMPLE_BYTES // 2:
            sample = sample[: cut + 1]
    try:
        matches = from_bytes(sample)
    except Exception:  # a detector bug must not stop the build; we have fallbacks
        return []
    return [canonical_encoding(match.encoding) for match in matches]


def _decode_legacy(data: bytes, encoding: str) -> tuple[str, bool] | None:
    """Strictly decode with the Python codecs behind a canonical legacy encoding."""
    for codec in _CODECS.get(encoding, (encoding,)):
        try:
            result = strict_decode(data, codec)
        except LookupError:
            return None
        if result is not None:
            return result
    return None


@dataclass(frozen=True)
class _Guess:
    encoding: str
    text: str
    truncated: bool
    score: float


# Charsets a page may declare that are never a server's default: a Korean or
# Japanese declaration is evidence, so bytes that decode strictly in it are
# read in it (and then rejected as not Chinese).  Generic declarations
# (ISO-8859-1, ASCII, windows-1252) are often a misconfigured default on
# Chinese sites and are ignored.
EAST_ASIAN_FOREIGN = frozenset(
    {
        "euc_kr", "cp949", "johab", "iso2022_kr",
        "shift_jis", "cp932", "shift_jis_2004", "shift_jisx0213",
        "euc_jp", "euc_jis_2004", "euc_jisx0213", "iso2022_jp",
    }
)  # fmt: skip


def hinted_decoding(data: bytes, hint: str) -> _Guess | None:
    """Decode ``data`` in a declared charset (an HTTP ``charset``), if the declaration holds.

    GB18030 (GB2312, GBK) and Big5 declarations are believed when the bytes
    decode strictly and score at least :data:`MIN_COMMON_CJK_SHARE`; Korean
    and Japanese ones (:data:`EAST_ASIAN_FOREIGN`) when the bytes decode
    strictly.  UTF-8 is tried before any hint anyway; other declarations and
    unknown names give ``None``.

    >>> hinted_decoding("机关作风建设".encode("gbk"), "GB2312").encoding
    'gb18030'
    >>> hinted_decoding("행정기관 업무 보고".encode("euc-kr"), "EUC-KR").encoding
    'euc_kr'
    >>> hinted_decoding("机关作风建设".encode("gbk"), "iso-8859-1") is None
    True
    """
    encoding = canonical_encoding(hint)
    if encoding not in _CODECS and encoding not in EAST_ASIAN_FOREIGN:
        return None
    result = _decode_legacy(data, encoding)
    if result is None:
        return None
    text, truncated = result
    score = common_cjk_share(text)
    if encoding in _CODECS and score < MIN_COMMON_CJK_SHARE:
        return None
    return _Guess(encoding, text, truncated, score)


def guess_chinese_encoding(data: bytes) -> _Guess | None:
    """Pick GB18030 or Big5 for bytes that are not valid UTF-8.

    Candidates are charset-normalizer's Chinese guesses followed by
    ``gb18030`` and ``big5``; each that decodes strictly is scored with
    :func:`common_cjk_share` and the best wins (ties: earlier candidate).
    Returns the best guess, or ``None`` when neither decodes strictly.

    >>> guess_chinese_encoding("建设服务型机关，是党和政府的重要举措。".encode("gbk")).encoding
    'gb18030'
    >>> guess_chinese_encoding("機關作風建設，是黨和政府的重要舉措。".encode("big5")).encoding
    'big5'

    The candidates are always the two encodings, so the detector's guesses
    only order them: charset-normalizer (the slow part) is asked only when
    both decode with the same score.
    """
    guesses: list[_Guess] = []
    for encoding in _CODECS:
        result = _decode_legacy(data, encoding)
        if result is not None:
            text, truncated = result
            guesses.append(_Guess(encoding, text, truncated, common_cjk_share(text)))
    if not guesses:
        return None
    top = max(guess.score for guess in guesses)
    tied = [guess for guess in guesses if guess.score == top]
    if len(tied) > 1:
        candidates = [g for g in detector_guesses(data) if g in _CODECS]
        candidates += [c for c in _CODECS if c not in candidates]
        tied.sort(key=lambda guess: candidates.index(guess.encoding))
    return tied[0]


def lenient_decode(data: bytes, encoding: str) -> tuple[str, int] | None:
    """Decode replacing invalid sequences by U+FFFD, if there are few enough.

    Returns ``(text, number replaced)``, or ``None`` when more than
    :data:`MAX_BAD_SEQUENCE_SHARE` of ``len(data)`` (at least one) are invalid.

    >>> lenient_decode("机关建设".encode() + b"\\xff" + "工作".encode(), "utf-8")
    ('机关建设\ufffd工作', 1)
    >>> lenient_decode(b"\\xff\\xfe\\xfd", "utf-8") is None
    True
    """
    limit = max(1, int(MAX_BAD_SEQUENCE_SHARE * len(data)))
    codec = _CODECS.get(encoding, (encoding,))[-1]  # the widest codec, e.g. cp950 for big5
    text = data.decode(codec, "replace")
    try:
        genuine = data.count("\ufffd".encode("utf-8" if codec == "utf-8-sig" else codec))
    except UnicodeEncodeError:
        genuine = 0  # the codec cannot even encode U+FFFD, so none was in the data
    bad = text.count("\ufffd") - genuine
    return (text, bad) if bad <= limit else None


def guess_foreign_cjk(data: bytes) -> tuple[str, str] | None:
    """``(language, encoding)`` when bytes that are not UTF-8 read as Korean or Japanese.

    Each of :data:`FOREIGN_CODECS` decodes the bytes strictly, then each
    leniently (when only a few sequences are invalid); the first decoding
    that is plausible wins: Korean by :func:`korean_evidence` (Hangul alone is no
    evidence: Chinese GB18030 bytes read as EUC-KR are Hangul too), Japanese
    by its kana (:func:`foreign_language`).  ``None`` for Chinese: none of the
    seeds', fixtures' or samples' pages or lines, in GB18030 or Big5, reads
    as either.

    >>> guess_foreign_cjk("공공기관의 업무 효율을 높이기 위해서는 직원 한 사람 한 사람의 책임감이 중요하다.".encode("euc_kr"))
    ('korean', 'euc-kr')
    >>> guess_foreign_cjk("建设服务型机关，是党和政府在新的历史时期深入落实科学发展观的重要举措。".encode("gbk")) is None
    True
    """
    for decode in (strict_decode, lenient_decode):  # every strict reading before any lenient one
        for codec, name, language in FOREIGN_CODECS:
            result = decode(data, codec)
            if result is None:
                continue
            text = result[0]
            if language == "korean" and korean_evidence(text):
                return language, name
            if language == "japanese" and foreign_language(text) == "japanese":
                return language, name
    return None


def guess_damaged_encoding(data: bytes) -> _Guess | None:
    """The best of UTF-8, GB18030 and Big5 decoded leniently (:func:`lenient_decode`).

    Only used when no strict decoding worked.  The decoding with the highest
    :func:`common_cjk_share` wins (ties: fewer replacements), and only if that
    share reaches :data:`MIN_COMMON_CJK_SHARE`.
    """
    best: _Guess | None = None
    best_key: tuple[float, int] | None = None
    for encoding in ("utf-8", *_CODECS):
        result = lenient_decode(data, encoding)
        if result is None:
            continue
        text, bad = result
        key = (common_cjk_share(text), -bad)
        if best_key is None or key > best_key:
            best, best_key = _Guess(encoding, text, False, key[0]), key
    if best is None or best.score < MIN_COMMON_CJK_SHARE:
        return None
    return best
