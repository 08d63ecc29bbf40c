"""Discover input files and decode their bytes into usable Chinese text.

Two halves:

* :func:`iter_inputs` walks an input root and yields one
  :class:`~zh_gov_essays.records.RawDoc` per file, or per record of a JSONL or
  Parquet container.  It never reads a file larger than :data:`MAX_INPUT_BYTES`
  and streams containers, so memory stays bounded whatever the input.
  Problems with one input (too large, unreadable, corrupt record) do not stop
  the walk: they are yielded as a ``RawDoc`` with ``error`` set.
* :func:`decode_bytes` (and :func:`decode_text` / :func:`decode_raw`) turn
  bytes into text with ``"\\n"`` line endings, or into a short reject reason.
  Encodings are decided by byte-order marks, then strict UTF-8, then by
  decoding as GB18030 and Big5 and scoring how common the resulting Chinese
  characters are (charset-normalizer only proposes candidates).  HTML is
  rendered to text (:mod:`zh_gov_essays.html_text`) and over-long lines are
  split at sentence ends, so line-based code downstream never sees a
  megabyte-long line.

Every threshold is a module constant with a comment saying why.
"""

from __future__ import annotations

import codecs
import functools
import json
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from zh_gov_essays.html_text import html_to_text, looks_like_html
from zh_gov_essays.records import RawDoc

__all__ = [
    "Decoded",
    "InputError",
    "decode_bytes",
    "decode_raw",
    "decode_text",
    "iter_inputs",
    "normalise_newlines",
    "split_long_line",
]

# ---------------------------------------------------------------------------
# Thresholds
# ---------------------------------------------------------------------------

# Largest input decoded at all (a file, or one JSONL/Parquet text in UTF-8).
# Real essays are a few kB to a few hundred kB; 32 MiB leaves room for pages
# with inline junk while capping memory (decode + split peaks at ~4-5x the
# input: 50 MiB traced for a 12 MiB single-line file).
MAX_INPUT_BYTES = 32 * 1024 * 1024

# Longest line handed downstream.  The longest line in the seeds has 939
# characters; a 5,000-character "line" is a page that lost its breaks.
MAX_LINE_CHARS = 5_000

# A NUL byte within the first BINARY_SNIFF_BYTES means binary (unless a UTF-16
# BOM announced NULs).  git looks for a NUL in its first 8,000 bytes the same way.
BINARY_SNIFF_BYTES = 8 * 1024

# More than this share of control characters (other than \t \n \r \f) means
# binary.  Scraped text has a stray \x08 or \x1b at most; random bytes ~11 %.
MAX_CONTROL_SHARE = 0.01

# Fewer CJK ideographs than this: not a Chinese essay (a title alone has ~10).
MIN_CJK_CHARS = 20

# CJK ideographs must be at least this share of all letters (CJK + Latin +
# other scripts).  Seed 003 with its pinyin glosses is 60 %, the other seeds
# over 97 %; English pages quoting a Chinese name are far below.
MIN_CJK_LETTER_SHARE = 0.30

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

# The common-character score is computed on this many leading characters:
# plenty for a stable share, and bounded on huge inputs.
SCORE_SAMPLE_CHARS = 200_000

# charset-normalizer sees at most this many leading bytes (cut at a newline).
DETECT_SAMPLE_BYTES = 64 * 1024

# Rows per Parquet record batch: small batches keep memory bounded.
PARQUET_BATCH_ROWS = 256

# Sentence ends at which an over-long line is split, and the closing quotes
# and brackets that stay with the sentence they end.
SENTENCE_ENDS = "。！？；"
SENTENCE_CLOSERS = "”’」』）》】〉\"')]"

# Reject reasons of inputs that are broken containers or files rather than
# poor essays (set by iter_inputs on RawDoc.error); the CLI reports them.
INPUT_ERRORS = frozenset({"unreadable", "corrupt_jsonl", "corrupt_parquet", "missing_text"})

# ---------------------------------------------------------------------------
# Decoding
# ---------------------------------------------------------------------------

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

_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13)) + b"\x7f"
_NON_CONTROL_BYTES = bytes(b for b in range(256) if b not in _CONTROL_BYTES)
_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_CJK_RE = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_LETTER_RE = re.compile(r"[^\W\d_]")
_SURROGATE_RE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class Decoded:
    """The outcome of decoding one input.

    Exactly one of ``text`` and ``reject`` is set.  ``encoding`` is one of
    ``utf-8``, ``utf-8-sig``, ``gb18030``, ``big5``, ``utf-16-le``,
    ``utf-16-be`` for accepted text; on a reject it names what the bytes were
    read as when that is known (possibly another codec, e.g. ``cp1252`` for a
    Latin-1 page), else ``None``.  ``note`` lists what was done to the text,
    comma-separated: ``truncated_tail`` or ``replaced_bad_bytes``, ``html``,
    ``split_long_line``.
    """

    text: str | None
    encoding: str | None
    reject: str | None
    note: str | None = None


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


def looks_binary(data: bytes) -> bool:
    """Whether raw bytes (not UTF-16) are binary: a NUL early or many controls.

    Control bytes 0x00-0x1F never occur inside a multi-byte character of
    UTF-8, GB18030 or Big5, so counting them on the bytes is exact.

    >>> looks_binary(b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00"), looks_binary("中文\\t文本\\n".encode())
    (True, False)
    """
    if b"\x00" in data[:BINARY_SNIFF_BYTES]:
        return True
    controls = len(data.translate(None, _NON_CONTROL_BYTES))
    return controls > MAX_CONTROL_SHARE * len(data)


def text_looks_binary(text: str) -> bool:
    """Like :func:`looks_binary` for decoded text (also counts C1 controls).

    >>> text_looks_binary("中文\\x00"), text_looks_binary("中文\\f第二页")
    (True, False)
    """
    if "\x00" in text[:BINARY_SNIFF_BYTES]:
        return True
    controls = len(text) - len(_CONTROL_RE.sub("", text))
    return controls > MAX_CONTROL_SHARE * len(text)


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


@functools.cache
def common_cjk_chars() -> frozenset[str]:
    """GB2312 level-1 hanzi (3,755) plus Big5 frequently-used hanzi (5,401).

    Together they cover well over 99 % of the characters of real Simplified
    and Traditional text; a wrong legacy decoding produces rare ones.
    """
    chars: set[str] = set()
    for hi in range(0xB0, 0xD8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.add(bytes((hi, lo)).decode("gb2312"))
            except UnicodeDecodeError:
                pass  # D7FA-D7FE are unassigned
    for hi in range(0xA4, 0xC7):
        for lo in (*range(0x40, 0x7F), *range(0xA1, 0xFF)):
            if hi == 0xC6 and lo > 0x7E:
                break  # the frequently-used block ends at C67E
            chars.add(bytes((hi, lo)).decode("big5"))
    return frozenset(chars)


def common_cjk_share(text: str) -> float:
    """Share of the CJK ideographs in (a leading sample of) ``text`` that are common.

    Text without ideographs scores 0.0.

    >>> common_cjk_share("机关建设 abc")
    1.0
    >>> round(common_cjk_share("機關建設"), 2)
    1.0
    >>> common_cjk_share("abc")
    0.0
    """
    sample = text[:SCORE_SAMPLE_CHARS]
    common = common_cjk_chars()
    total = good = 0
    for char in _CJK_RE.findall(sample):
        total += 1
        good += char in common
    return good / total if total else 0.0


def _detector_guesses(data: bytes) -> list[str]:
    """charset-normalizer's encodings for a leading sample, best first (canonical names)."""
    from charset_normalizer import from_bytes

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


def guess_chinese_encoding(data: bytes) -> tuple[_Guess | None, list[str]]:
    """Pick GB18030 or Big5 for bytes that are not valid UTF-8.

    Candidates are charset-normalizer's Chinese guesses followed by
    ``gb18030`` and ``big5``; each that decodes strictly is scored with
    :func:`common_cjk_share` and the best wins (ties: earlier candidate).
    Returns the best guess (or ``None``) and the detector's guesses.
    """
    guesses = _detector_guesses(data)
    candidates = [g for g in guesses if g in _CODECS]
    candidates += [c for c in _CODECS if c not in candidates]
    best: _Guess | None = None
    for encoding in candidates:
        result = _decode_legacy(data, encoding)
        if result is None:
            continue
        text, truncated = result
        score = common_cjk_share(text)
        if best is None or score > best.score:
            best = _Guess(encoding, text, truncated, score)
    return best, guesses


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


def normalise_newlines(text: str) -> str:
    """CRLF and lone CR become ``"\\n"``; other separators are left alone.

    U+2028/U+2029, NEL, VT and FF are deliberately kept: they are rare and
    any meaning they carry is for later rules to judge.

    >>> normalise_newlines("a\\r\\nb\\rc\\n")
    'a\\nb\\nc\\n'
    """
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def cjk_count(text: str) -> int:
    """Number of CJK ideographs (URO, Ext. A-G, compatibility) in ``text``.

    >>> cjk_count("政协機關 ABC 123 。")
    4
    """
    return len(text) - len(_CJK_RE.sub("", text))


# A line with this many ideographs (and mostly ideographs) is Chinese prose,
# whatever else the page holds (e.g. a machine translation after it).
MIN_CJK_LINE_CHARS = 50


def is_chinese(text: str) -> bool:
    """At least :data:`MIN_CJK_CHARS` ideographs, and at least
    :data:`MIN_CJK_LETTER_SHARE` of all letters.  Digits and punctuation do not count.

    >>> is_chinese("建设服务型机关是党和政府在新的历史时期的重要举措之一。")
    True
    >>> is_chinese("Building service-oriented offices 建设服务型机关是党和政府的重要举措")
    False

    A bilingual page (a Chinese paragraph followed by its machine translation)
    is Chinese when one line holds :data:`MIN_CJK_LINE_CHARS` ideographs that
    are most of that line's letters.
    """
    cjk = cjk_count(text)
    if cjk < MIN_CJK_CHARS:
        return False
    letters = len(text) - len(_LETTER_RE.sub("", text))
    if cjk >= MIN_CJK_LETTER_SHARE * letters:
        return True
    for line in text.split("\n"):
        line_cjk = cjk_count(line)
        if line_cjk >= MIN_CJK_LINE_CHARS:
            line_letters = len(line) - len(_LETTER_RE.sub("", line))
            if line_cjk * 2 >= line_letters:
                return True
    return False


def _sentence_cut(line: str, start: int, end: int) -> int:
    """Index just after the last sentence end (plus closers) in ``line[start:end]``, or -1."""
    last = max(line.rfind(mark, start, end) for mark in SENTENCE_ENDS)
    if last < 0:
        return -1
    cut = last + 1
    while cut < end and line[cut] in SENTENCE_CLOSERS:
        cut += 1
    return cut


def split_long_line(line: str, limit: int = MAX_LINE_CHARS) -> list[str]:
    """Split ``line`` into pieces of at most ``limit`` characters.

    Each piece is as long as possible and ends at a sentence end
    (:data:`SENTENCE_ENDS`, with any closing quote); where a window of
    ``limit`` characters holds none, the cut is made hard at the limit.
    ``"".join(pieces) == line``: nothing is stripped or dropped.

    >>> split_long_line("一二三。四五六。七八", limit=5)
    ['一二三。', '四五六。', '七八']
    >>> split_long_line("“好。”他说", limit=4)
    ['“好。”', '他说']
    >>> split_long_line("一二三四五六七", limit=3)
    ['一二三', '四五六', '七']
    """
    pieces: list[str] = []
    start = 0
    while len(line) - start > limit:
        end = start + limit
        cut = _sentence_cut(line, start, end)
        if cut <= start:
            cut = end
        pieces.append(line[start:cut])
        start = cut
    pieces.append(line[start:])
    return pieces


def split_long_lines(text: str, limit: int = MAX_LINE_CHARS) -> tuple[str, bool]:
    """Apply :func:`split_long_line` to every ``"\\n"``-line; report whether any was split.

    >>> split_long_lines("短行\\n一二。三四。五", limit=3)
    ('短行\\n一二。\\n三四。\\n五', True)
    """
    if len(text) <= limit:
        return text, False
    lines = text.split("\n")
    if max(map(len, lines)) <= limit:
        return text, False
    out: list[str] = []
    for line in lines:
        if len(line) > limit:
            out.extend(split_long_line(line, limit))
        else:
            out.append(line)
    return "\n".join(out), True


def _note(*notes: str | None) -> str | None:
    kept = [n for n in notes if n]
    return ",".join(kept) if kept else None


def decode_text(text: str, encoding: str | None = "utf-8", *, note: str | None = None) -> Decoded:
    """Check and normalise already-decoded text (the steps after decoding).

    In order: ``too_large``; a leading BOM is removed and line endings become
    ``"\\n"``; ``binary`` for NULs or many control characters; HTML is rendered
    (note ``html``); ``empty`` for whitespace only; ``not_chinese`` per
    :func:`is_chinese`; over-long lines are split (note ``split_long_line``).

    Deliberately left alone: control characters below the binary threshold,
    Unicode normalisation, full/half-width forms, odd spacing inside lines —
    all for the repair rules, which log what they change.

    >>> decoded = decode_text("\\ufeff<p>" + "机关建设" * 6 + "</p>\\r\\n<p>第二段</p><br>")
    >>> decoded.text.split("\\n"), decoded.encoding, decoded.note
    (['机关建设机关建设机关建设机关建设机关建设机关建设', '第二段'], 'utf-8', 'html')
    >>> decode_text(" \\u3000\\n").reject
    'empty'
    """
    # Lone surrogates (from JSONL/Parquet text) cannot be encoded by anything
    # downstream; they become U+FFFD, which the replacement_char rule logs.
    text = _SURROGATE_RE.sub("\ufffd", text)
    if len(text) > MAX_INPUT_BYTES:
        return Decoded(None, encoding, "too_large")
    if text.startswith("\ufeff"):
        text = text[1:]
    text = normalise_newlines(text)
    if text_looks_binary(text):
        return Decoded(None, encoding, "binary")
    notes = [note]
    if looks_like_html(text):
        text = html_to_text(text)
        notes.append("html")
    if not text.strip():
        return Decoded(None, encoding, "empty")
    if not is_chinese(text):
        return Decoded(None, encoding, "not_chinese")
    text, split = split_long_lines(text)
    if split:
        notes.append("split_long_line")
    return Decoded(text, encoding, None, _note(*notes))


def decode_bytes(data: bytes) -> Decoded:
    """Decode the bytes of one input into checked text, or say why not.

    Order of decisions: ``empty`` (no bytes, or ASCII whitespace only);
    ``too_large`` (over :data:`MAX_INPUT_BYTES`); a BOM decides UTF-8/UTF-16;
    otherwise ``binary`` per :func:`looks_binary`; strict UTF-8; strict
    GB18030 or Big5 per :func:`guess_chinese_encoding` (``undecodable`` when
    the best has many ideographs but too few common ones: mojibake); then,
    for slightly damaged bytes, :func:`guess_damaged_encoding`; finally a
    strict decoding with a non-Chinese codec charset-normalizer proposes gives
    ``not_chinese``, anything else ``undecodable``.  Then :func:`decode_text`.

    An incomplete character at the very end is dropped (note
    ``truncated_tail``); a few invalid sequences elsewhere become U+FFFD (note
    ``replaced_bad_bytes``), more make the input ``undecodable``.  Never raises.

    >>> essay = "建设服务型机关，是党和政府在新的历史时期深入落实科学发展观的重要举措。"
    >>> decode_bytes(essay.encode("gbk")) == Decoded(essay, "gb18030", None)
    True
    >>> decode_bytes(b"Just English text.").reject
    'not_chinese'
    """
    if not data or data.isspace():
        return Decoded(None, None, "empty")
    if len(data) > MAX_INPUT_BYTES:
        return Decoded(None, None, "too_large")
    bom = sniff_bom(data)
    if bom is not None:
        body = data if bom == "utf-8-sig" else data[2:]
        result = strict_decode(body, bom)
        if result is not None:
            text, truncated = result
            return decode_text(text, bom, note="truncated_tail" if truncated else None)
        damaged = lenient_decode(body, bom)
        if damaged is None:
            return Decoded(None, bom, "undecodable")
        return decode_text(damaged[0], bom, note="replaced_bad_bytes")
    if looks_binary(data):
        return Decoded(None, None, "binary")
    result = strict_decode(data, "utf-8")
    if result is not None:
        text, truncated = result
        return decode_text(text, "utf-8", note="truncated_tail" if truncated else None)
    best, guesses = guess_chinese_encoding(data)
    if best is None:
        damaged = guess_damaged_encoding(data)
        if damaged is not None:
            return decode_text(damaged.text, damaged.encoding, note="replaced_bad_bytes")
        return _decode_foreign(data, guesses)
    if best.score < MIN_COMMON_CJK_SHARE and cjk_count(best.text) >= MIN_CJK_CHARS:
        return Decoded(None, best.encoding, "undecodable")
    return decode_text(best.text, best.encoding, note="truncated_tail" if best.truncated else None)


def _decode_foreign(data: bytes, guesses: list[str]) -> Decoded:
    """Bytes neither UTF-8, GB18030 nor Big5: ``not_chinese`` if the detector's
    first guess decodes them to non-Chinese text, else ``undecodable``."""
    for encoding in guesses[:1]:
        try:
            text = data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            break
        if not is_chinese(text):
            return Decoded(None, encoding, "not_chinese")
    return Decoded(None, None, "undecodable")


def decode_raw(raw: RawDoc) -> Decoded:
    """Decode a :class:`RawDoc` from :func:`iter_inputs`.

    ``raw.error`` becomes the reject reason; container records with ``text``
    go through :func:`decode_text` (encoding ``utf-8``, which their ``data``
    are in); files go through :func:`decode_bytes`.
    """
    if raw.error is not None:
        return Decoded(None, None, raw.error)
    if raw.text is not None:
        return decode_text(raw.text, "utf-8")
    return decode_bytes(raw.data)


# ---------------------------------------------------------------------------
# Discovering inputs
# ---------------------------------------------------------------------------


class InputError(Exception):
    """The input root is missing or unreadable; the message says what to do."""


def iter_inputs(root: Path) -> Iterator[RawDoc]:
    """Yield one :class:`RawDoc` per input under ``root``, in a deterministic order.

    ``root`` is a directory, walked recursively with entries sorted by name,
    hidden files and directories (``.name``) skipped and symlinked
    directories followed once; or a single file.  Per file, by extension
    (case-insensitive):

    * ``.jsonl``: one doc per non-blank line, ``source_file`` =
      ``rel/path.jsonl#<line number, from 1>``; the object's ``text`` gives
      ``text`` and ``data`` (its UTF-8), ``url`` is kept if a string.
    * ``.parquet``: streamed in record batches; column ``text`` (string, or
      binary = raw bytes to decode), optional ``url``; ``source_file`` =
      ``rel/path.parquet#<row index, from 0>``.
    * anything else (``.txt``, ``.html``, no extension, …): one doc with the
      file's bytes; ``source_file`` = the POSIX path relative to ``root``
      (the file name when ``root`` is a file).

    Problems with one input never stop the walk; they are yielded with
    ``data=b""`` (or the raw JSONL line) and ``error`` set to ``too_large``
    (file over :data:`MAX_INPUT_BYTES`, found by ``stat`` without reading),
    ``unreadable`` (OS error; also for an unreadable subdirectory),
    ``corrupt_jsonl``, ``corrupt_parquet`` or ``missing_text``.  Non-regular
    files (FIFOs, sockets) are skipped.

    Raises :class:`InputError` at call time when ``root`` is missing or
    cannot be read.
    """
    root = Path(root)
    try:
        info = root.stat()
    except FileNotFoundError:
        raise InputError(f"input directory not found: {root} (pass --input DIR)") from None
    except OSError as exc:
        raise InputError(
            f"cannot read input {root}: {exc.strerror} (check permissions or pass --input DIR)"
        ) from None
    if stat.S_ISREG(info.st_mode):
        return _docs_from_file(root, root.name, info.st_size)
    if not stat.S_ISDIR(info.st_mode):
        raise InputError(f"input is neither a directory nor a file: {root} (pass --input DIR)")
    try:
        with os.scandir(root):
            pass
    except OSError as exc:
        raise InputError(
            f"cannot read input directory {root}: {exc.strerror} (check permissions)"
        ) from None
    return _iter_tree(root)


def _iter_tree(root: Path) -> Iterator[RawDoc]:
    """Docs of every regular file under ``root`` (see :func:`iter_inputs`)."""
    for path, rel, size in iter_input_files(root):
        if size is None:
            yield RawDoc(source_file=rel, data=b"", error="unreadable")
        else:
            yield from _docs_from_file(path, rel, size)


def iter_input_files(root: Path) -> Iterator[tuple[Path, str, int | None]]:
    """``(path, rel, size)`` of the regular files under directory ``root``.

    Sorted by name at each level; hidden entries skipped; a symlinked
    directory is followed unless it leads back to one already walked.
    ``size`` is ``None`` (and ``rel`` the directory or file) when an entry
    or a subdirectory cannot be read.
    """
    seen: set[tuple[int, int]] = set()

    def walk(directory: Path, prefix: str) -> Iterator[tuple[Path, str, int | None]]:
        try:
            info = directory.stat()
            if (info.st_dev, info.st_ino) in seen:
                return
            seen.add((info.st_dev, info.st_ino))
            with os.scandir(directory) as scan:
                entries = sorted(scan, key=lambda entry: entry.name)
        except OSError:
            yield directory, prefix.rstrip("/") or ".", None
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            rel = prefix + entry.name
            try:
                if entry.is_dir():
                    yield from walk(Path(entry.path), rel + "/")
                    continue
                if not entry.is_file():
                    continue  # FIFO, socket, device, dangling link
                size = entry.stat().st_size
            except OSError:
                yield Path(entry.path), rel, None
                continue
            yield Path(entry.path), rel, size

    yield from walk(root, "")


def _docs_from_file(path: Path, rel: str, size: int) -> Iterator[RawDoc]:
    """The doc(s) of one file, by extension."""
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        return _iter_jsonl(path, rel)
    if suffix == ".parquet":
        return _iter_parquet(path, rel)
    return iter([_read_plain(path, rel, size)])


def _read_plain(path: Path, rel: str, size: int) -> RawDoc:
    """One doc with the file's bytes; never reads more than MAX_INPUT_BYTES + 1."""
    if size > MAX_INPUT_BYTES:
        return RawDoc(source_file=rel, data=b"", error="too_large")
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_INPUT_BYTES + 1)  # the file may have grown since stat
    except OSError:
        return RawDoc(source_file=rel, data=b"", error="unreadable")
    if len(data) > MAX_INPUT_BYTES:
        return RawDoc(source_file=rel, data=b"", error="too_large")
    return RawDoc(source_file=rel, data=data)


def _clean_url(value: object) -> str | None:
    """A non-blank string URL, stripped; anything else is ``None``."""
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def record_doc(source: str, text: object, url: object = None) -> RawDoc:
    """The doc for one container record whose text field holds ``text``.

    ``str`` → ``text`` set, ``data`` its UTF-8 (lone surrogates, which JSON
    allows, become U+FFFD); ``bytes`` → ``data`` only, decoded later like a
    file; ``None`` or another type → ``missing_text``.

    >>> doc = record_doc("a.jsonl#1", "中文", " https://x.cn/1 ")
    >>> doc.data, doc.text, doc.url, doc.error
    (b'\\xe4\\xb8\\xad\\xe6\\x96\\x87', '中文', 'https://x.cn/1', None)
    >>> record_doc("a.jsonl#2", 42).error
    'missing_text'
    """
    clean_url = _clean_url(url)
    if isinstance(text, bytes):
        if len(text) > MAX_INPUT_BYTES:
            return RawDoc(source_file=source, data=b"", url=clean_url, error="too_large")
        return RawDoc(source_file=source, data=text, url=clean_url)
    if not isinstance(text, str):
        return RawDoc(source_file=source, data=b"", url=clean_url, error="missing_text")
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:
        text = _SURROGATE_RE.sub("\ufffd", text)
        data = text.encode("utf-8")
    if len(data) > MAX_INPUT_BYTES:
        return RawDoc(source_file=source, data=b"", url=clean_url, error="too_large")
    return RawDoc(source_file=source, data=data, text=text, url=clean_url)


def parse_jsonl_line(line: bytes, source: str) -> RawDoc | None:
    """The doc for one JSONL line; ``None`` for a blank line.

    A line that is not a JSON object → ``corrupt_jsonl``, keeping the raw
    line as ``data`` (so distinct bad lines get distinct ``doc_id`` s).

    >>> parse_jsonl_line(b'{"text": "\\\\u4e2d", "url": 1}\\n', "f.jsonl#3").text
    '中'
    >>> parse_jsonl_line(b'{"text": "x"\\n', "f.jsonl#4").error
    'corrupt_jsonl'
    >>> parse_jsonl_line(b'  \\n', "f.jsonl#5") is None
    True
    """
    if not line.strip():
        return None
    try:
        record = json.loads(line)
    except (ValueError, RecursionError):  # JSONDecodeError and UnicodeDecodeError are ValueErrors
        record = None
    if not isinstance(record, dict):
        return RawDoc(source_file=source, data=line, error="corrupt_jsonl")
    doc = record_doc(source, record.get("text"), record.get("url"))
    if doc.error == "missing_text":
        return RawDoc(source_file=source, data=line, url=doc.url, error="missing_text")
    return doc


def _iter_jsonl(path: Path, rel: str) -> Iterator[RawDoc]:
    """Docs of a JSONL file, streamed line by line (each line at most MAX_INPUT_BYTES)."""
    try:
        handle = path.open("rb")
    except OSError:
        yield RawDoc(source_file=rel, data=b"", error="unreadable")
        return
    with handle:
        number = 0
        while True:
            try:
                line = handle.readline(MAX_INPUT_BYTES + 1)
            except OSError:
                yield RawDoc(source_file=f"{rel}#{number + 1}", data=b"", error="unreadable")
                return
            if not line:
                return
            number += 1
            source = f"{rel}#{number}"
            if len(line) > MAX_INPUT_BYTES and not line.endswith(b"\n"):
                while (rest := handle.readline(1 << 20)) and not rest.endswith(b"\n"):
                    pass  # skip the rest of the oversized line in bounded chunks
                yield RawDoc(source_file=source, data=b"", error="too_large")
                continue
            doc = parse_jsonl_line(line, source)
            if doc is not None:
                yield doc


def _iter_parquet(path: Path, rel: str) -> Iterator[RawDoc]:
    """Docs of a Parquet file, streamed in record batches of PARQUET_BATCH_ROWS.

    A file that cannot be opened yields one ``corrupt_parquet`` doc for
    ``rel``.  A row group that fails mid-way yields one ``corrupt_parquet``
    doc for ``rel#<first row not read>``, then reading goes on with the next
    row group; rows already yielded stand.  A file without a ``text`` column
    yields one ``missing_text`` doc.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    errors = (OSError, ValueError, pa.ArrowException)
    try:
        parquet = pq.ParquetFile(path, buffer_size=1 << 20, pre_buffer=False)
        names = parquet.schema_arrow.names
    except errors:
        yield RawDoc(source_file=rel, data=b"", error="corrupt_parquet")
        return
    with parquet:
        if "text" not in names:
            yield RawDoc(source_file=rel, data=b"", error="missing_text")
            return
        columns = ["text"] + (["url"] if "url" in names else [])
        row = 0
        for group in range(parquet.num_row_groups):
            group_end = row + parquet.metadata.row_group(group).num_rows
            batches = parquet.iter_batches(
                batch_size=PARQUET_BATCH_ROWS, row_groups=[group], columns=columns
            )
            try:
                for batch in batches:
                    texts = batch.column("text").to_pylist()
                    urls = batch.column("url").to_pylist() if "url" in columns else None
                    for index, text in enumerate(texts):
                        yield record_doc(f"{rel}#{row}", text, urls[index] if urls else None)
                        row += 1
            except errors:
                yield RawDoc(source_file=f"{rel}#{row}", data=b"", error="corrupt_parquet")
            row = group_end
