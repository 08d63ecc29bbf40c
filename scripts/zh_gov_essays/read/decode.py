"""Decode the bytes of one input into checked, line-broken Chinese text, or say why not.

:func:`decode_bytes` (and :func:`decode_text` / :func:`decode_raw`) turn
bytes into text with ``"\\n"`` line endings, or into a short reject reason.
HTML is rendered to text (:mod:`zh_gov_essays.read.html`) and over-long lines
are split at sentence ends, so line-based code downstream never sees a
megabyte-long line.  Every threshold is a module constant with a comment
saying why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from zh_gov_essays.read.encodings import (
    MIN_COMMON_CJK_SHARE,
    detector_guesses,
    guess_chinese_encoding,
    guess_damaged_encoding,
    guess_foreign_cjk,
    hinted_decoding,
    lenient_decode,
    sniff_bom,
    strict_decode,
)
from zh_gov_essays.read.html import html_to_text, looks_like_html
from zh_gov_essays.read.language import (
    MIN_CJK_CHARS,
    foreign_language,
    is_chinese,
    looks_binary,
    text_looks_binary,
)
from zh_gov_essays.read.limits import MAX_INPUT_BYTES, MAX_LINE_CHARS
from zh_gov_essays.records import Label, RawDoc
from zh_gov_essays.vocab.chars import cjk_count

TRUNCATED_TAIL = Label(
    "truncated_tail", "An incomplete character at the very end of a file, left by the decoder."
)
HTML = Label("html", "HTML markup, and the content of head, script and style elements.")
REPLACED_BAD_BYTES = Label(
    "replaced_bad_bytes", "A few undecodable bytes in an otherwise decodable file."
)
DECODE_NOTES: dict[str, tuple[Label, str]] = {
    "truncated_tail": (TRUNCATED_TAIL, "an incomplete character at the very end of the file"),
    "html": (HTML, "HTML markup, and the content of head, script and style elements"),
    "replaced_bad_bytes": (
        REPLACED_BAD_BYTES,
        "a few undecodable bytes (each replaced by U+FFFD, then deleted)",
    ),
}
"""What decoding itself left out, by the note :class:`Decoded` carries: the label it is
logged under and the text logged, so that nothing goes silently."""

# Sentence ends at which an over-long line is split, and the closing quotes
# and brackets that stay with the sentence they end.
SENTENCE_ENDS = "。！？；"

SENTENCE_CLOSERS = "”’」』）》】〉\"')]"

_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def not_chinese(language: str, encoding: str) -> str:
    """The reject reason of a page in another language: ``not_chinese: <language> (<encoding>)``.

    The vocabulary: ``not_chinese`` alone when the language is not known,
    ``korean`` or ``japanese`` (the CJK languages a Chinese decoder can
    mistake for Chinese), and the encoding the bytes were read in.

    >>> not_chinese("korean", "euc-kr")
    'not_chinese: korean (euc-kr)'
    """
    return f"not_chinese: {language} ({encoding})"


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
    (note ``html``); ``empty`` for whitespace only; ``not_chinese: korean
    (utf-8)`` or ``japanese`` per :func:`foreign_language`; ``not_chinese`` per
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
    language = foreign_language(text)
    if language is not None:
        return Decoded(None, encoding, not_chinese(language, encoding or "unknown"))
    if not is_chinese(text):
        return Decoded(None, encoding, "not_chinese")
    text, split = split_long_lines(text)
    if split:
        notes.append("split_long_line")
    return Decoded(text, encoding, None, _note(*notes))


def decode_bytes(data: bytes, hint: str | None = None) -> Decoded:
    """Decode the bytes of one input into checked text, or say why not.

    Order of decisions: ``empty`` (no bytes, or ASCII whitespace only);
    ``too_large`` (over :data:`MAX_INPUT_BYTES`); a BOM decides UTF-8/UTF-16;
    otherwise ``binary`` per :func:`looks_binary`; strict UTF-8; Korean or
    Japanese in a legacy encoding per :func:`guess_foreign_cjk`
    (``not_chinese: korean (euc-kr)``, see :func:`not_chinese`); the
    declared charset ``hint`` (a WARC's HTTP ``charset``) where
    :func:`hinted_decoding` believes it; strict GB18030 or Big5 per
    :func:`guess_chinese_encoding` (``undecodable`` when
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
    foreign = guess_foreign_cjk(data)
    if foreign is not None:
        language, encoding = foreign
        return Decoded(None, encoding, not_chinese(language, encoding))
    if hint is not None:
        hinted = hinted_decoding(data, hint)
        if hinted is not None:
            note = "truncated_tail" if hinted.truncated else None
            return decode_text(hinted.text, hinted.encoding, note=note)
    best = guess_chinese_encoding(data)
    if best is None:
        damaged = guess_damaged_encoding(data)
        if damaged is not None:
            return decode_text(damaged.text, damaged.encoding, note="replaced_bad_bytes")
        return _decode_foreign(data, detector_guesses(data))
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
    are in); files and WARC payloads go through :func:`decode_bytes`, with
    the payload's declared charset as the hint.
    """
    if raw.error is not None:
        return Decoded(None, None, raw.error)
    if raw.text is not None:
        return decode_text(raw.text, "utf-8")
    return decode_bytes(raw.data, raw.encoding_hint)
