"""Is it Chinese text?  Binary sniffing, ideograph counts and common-character shares.

A wrong legacy decoding (GBK read as Big5) produces rare ideographs, so the
share of *common* ones tells a good decoding from a bad one; English and
binary inputs are told apart by their letters and control bytes.

Korean and Japanese need more: Hangul in EUC-KR decodes as GB18030 into
*common* Chinese characters (the Hangul block and GB2312's level-1 hanzi
share their byte rows), and Japanese kanji are ideographs.  So Korean and
Japanese are recognised by what only they have: Hangul syllables, and among
them the particles and endings every Korean sentence is full of
(:func:`korean_evidence`); kana (:func:`foreign_language`).  The encodings
module tries the Korean and Japanese legacy codecs on the bytes and asks
these functions whether the result is plausible."""

from __future__ import annotations

import re

from zh_gov_essays.vocab.chars import HANGUL_SYLLABLES, KANA, cjk_count, common_share, han_count

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

# The common-character score is computed on this many leading characters:
# plenty for a stable share, and bounded on huge inputs.
SCORE_SAMPLE_CHARS = 200_000

# A line with this many ideographs (and mostly ideographs) is Chinese prose,
# whatever else the page holds (e.g. a machine translation after it).
MIN_CJK_LINE_CHARS = 50

# :func:`is_chinese` counts ideographs this many characters at a time (see there).
_COUNT_BLOCK = 500

_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13)) + b"\x7f"

_NON_CONTROL_BYTES = bytes(b for b in range(256) if b not in _CONTROL_BYTES)

_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


_LETTER_RUN = re.compile(r"[^\W\d_]+")


def letter_count(text: str) -> int:
    """Letters of any script in ``text`` (ideographs too): not digits, punctuation or spaces.

    >>> letter_count("机关 ABC 123。")
    5
    """
    return sum(map(len, _LETTER_RUN.findall(text)))


_HANGUL_RE = re.compile(f"[{HANGUL_SYLLABLES}]")

_KANA_RE = re.compile(f"[{KANA}]")

_FOREIGN_RE = re.compile(f"[{HANGUL_SYLLABLES}{KANA}]")


# Decoded text is Korean (Japanese) when it holds at least MIN_FOREIGN_CHARS
# Hangul syllables (kana) and they are at least this share of its Hangul,
# kana and ideographs.  Our Korean fixture with many hanja is 43 % Hangul
# (35 % in its most hanja-heavy line), the kanji-heavy Japanese one 41 % kana
# (27 % in one line), other Japanese 61-66 %.  Chinese has none, except a
# quoted name or title now and then (a test keeps a Chinese essay quoting
# both on the Chinese side); Chinese bytes read as Shift-JIS, CP932 or
# EUC-JP give at most 2 kana in any page or line of the seeds, fixtures and
# samples.
MIN_FOREIGN_CHARS = 10
MIN_HANGUL_SHARE = 0.20
MIN_KANA_SHARE = 0.15


# Hangul syllables that are Korean particles and endings, or parts of the
# commonest verb forms: 은/는/이/가/을/를/의/에/도/로… follow almost every word.
# They are 37-44 % of the syllables of our Korean prose fixtures (29-49 % per
# line) and 74 % in hanja-mixed text, where the hanja carry the nouns.
# Chinese bytes read as EUC-KR or CP949 also give Hangul syllables, but these
# only by chance: at most 20 % in lines of 10-18 syllables and 10.5 % from
# 19 syllables up, over 2,187 pages and lines (10+ ideographs) of the seeds,
# fixtures and samples in GB18030 and Big5, read strictly or leniently.
KOREAN_FUNCTION_SYLLABLES = frozenset(
    "이가은는을를의에와과도로으서고다며면한하했할된되있없것수지기게적들니요까라해"
)
MIN_KOREAN_SYLLABLES = 20
MIN_KOREAN_FUNCTION_SHARE = 0.25


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


def common_cjk_share(text: str) -> float:
    """Share of the CJK ideographs in (a leading sample of) ``text`` that are common
    (:func:`~zh_gov_essays.vocab.chars.common_cjk_chars`).

    Text without ideographs scores 0.0.

    >>> common_cjk_share("机关建设 abc")
    1.0
    >>> round(common_cjk_share("機關建設"), 2)
    1.0
    >>> common_cjk_share("abc")
    0.0
    """
    return common_share(text[:SCORE_SAMPLE_CHARS])


def korean_evidence(text: str) -> bool:
    """Whether ``text`` reads as Korean prose: enough Hangul syllables, enough of them
    particles and endings (:data:`KOREAN_FUNCTION_SYLLABLES`).

    This is the test for a *guessed* decoding (bytes read as EUC-KR), where
    Hangul alone proves nothing.

    >>> korean_evidence("지난 한 해 동안 우리 부서는 민원 처리 기간을 줄였고, 안내 책자를 새로 만들었다.")
    True
    >>> korean_evidence("傍傍扁包狼 诀公 瓤啦阑 臭捞扁")  # Hangul read as GB18030: no syllable at all
    False
    """
    syllables = _HANGUL_RE.findall(text[:SCORE_SAMPLE_CHARS])
    if len(syllables) < MIN_KOREAN_SYLLABLES:
        return False
    function = sum(s in KOREAN_FUNCTION_SYLLABLES for s in syllables)
    return function >= MIN_KOREAN_FUNCTION_SHARE * len(syllables)


def foreign_language(text: str) -> str | None:
    """``"korean"`` or ``"japanese"`` when Hangul or kana are a large part of ``text``.

    For decoded text (a trusted encoding: UTF-8, a BOM, a JSONL string), see
    :data:`MIN_HANGUL_SHARE` and :data:`MIN_KANA_SHARE`.

    >>> foreign_language("市役所では、市民の皆様からいただいたご意見をもとに、受付時間を見直しました。")
    'japanese'
    >>> foreign_language("地方自治團體의 行政은 住民의 福利를 增進하는 데 그 目的이 있다. 公務員은 誠實해야 한다.")
    'korean'
    >>> foreign_language("建设服务型机关是党和政府在新的历史时期的重要举措之一。") is None
    True
    """
    sample = text[:SCORE_SAMPLE_CHARS]
    if len(_FOREIGN_RE.findall(sample)) < MIN_FOREIGN_CHARS:
        return None  # one scan for both: fewer in all means fewer of each
    hangul = len(_HANGUL_RE.findall(sample))
    kana = len(_KANA_RE.findall(sample))
    if hangul < MIN_FOREIGN_CHARS and kana < MIN_FOREIGN_CHARS:
        return None  # both tests below need that many: no need to count the ideographs
    letters = hangul + kana + cjk_count(sample)
    if hangul >= MIN_FOREIGN_CHARS and hangul >= MIN_HANGUL_SHARE * letters:
        return "korean"
    if kana >= MIN_FOREIGN_CHARS and kana >= MIN_KANA_SHARE * letters:
        return "japanese"
    return None


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
    # Letters are at most all the characters: when the ideographs are that
    # share of the characters (an ordinary Chinese page), they are that share
    # of the letters too, and the letters need no counting.  The ideographs
    # are counted a block at a time, and counting stops as soon as they reach
    # that share: an ordinary page is decided by its first half or less.
    enough = max(MIN_CJK_CHARS, MIN_CJK_LETTER_SHARE * len(text))
    cjk = 0
    for start in range(0, len(text), _COUNT_BLOCK):
        cjk += han_count(text[start : start + _COUNT_BLOCK])
        if cjk >= enough:
            return True
    if cjk < MIN_CJK_CHARS:
        return False
    if cjk >= MIN_CJK_LETTER_SHARE * letter_count(text):
        return True
    for line in text.split("\n"):
        line_cjk = cjk_count(line)
        if line_cjk >= MIN_CJK_LINE_CHARS:
            if line_cjk * 2 >= letter_count(line):
                return True
    return False
