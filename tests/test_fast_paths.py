"""Fast paths give exactly what the plain definitions they replace give.

Each test states the slow definition in full and compares it with the fast
one over every code point or over varied real text (the fixture pages and
the shared samples).
"""

from __future__ import annotations

import itertools
import random
import re
import sys
import unicodedata

import pytest

from tests.conftest import FIXTURES, SAMPLES
from zh_gov_essays import script, segment
from zh_gov_essays.fingerprint import keys
from zh_gov_essays.invariants import one_letter
from zh_gov_essays.pipeline import process
from zh_gov_essays.read import encodings, language
from zh_gov_essays.read.language import common_cjk_share
from zh_gov_essays.records import RawDoc
from zh_gov_essays.repair import inline, mojibake, pii, punct
from zh_gov_essays.vocab import chars, headings
from zh_gov_essays.vocab.chars import (
    CJK_CONTEXT,
    FULLWIDTH_OF,
    HEADING_END_MARKS,
    SENTENCE_PUNCT,
    cjk_count,
    common_cjk_chars,
    common_share,
)
from zh_gov_essays.vocab.memo import LINE_CHARS


def _category_letters(text: str) -> int:
    """The plain definition: characters of Unicode categories L and N."""
    return sum(unicodedata.category(ch)[0] in "LN" for ch in text)


def test_letter_class_is_categories_l_and_n_for_every_code_point() -> None:
    everything = "".join(map(chr, range(sys.maxunicode + 1)))
    for ch in everything:
        assert one_letter(ch) == (_category_letters(ch) == 1), hex(ord(ch))


@pytest.mark.parametrize(
    "text",
    [
        "",
        "一、",
        "A.",
        "12",
        "。",
        "（一）",
        "第1",
        "_",
        "²",
        "Ⅷ",
        "ǅ",
        "〇",
        " 点 ",
        "点点",
        "-_-",
    ],
)
def test_one_letter_counts_like_categories(text: str) -> None:
    assert one_letter(text) == (_category_letters(text) == 1)


# --- decoding -------------------------------------------------------------------------------


def _pages() -> list[bytes]:
    paths = [p for p in sorted(FIXTURES.rglob("*")) if p.is_file() and p.suffix != ".md"]
    if SAMPLES.is_dir():
        paths += sorted(p for p in SAMPLES.iterdir() if p.suffix in (".txt", ".html"))
    return [p.read_bytes() for p in paths]


def _texts() -> list[str]:
    texts = [data.decode("utf-8", "replace") for data in _pages()]
    # Lines and short pieces too: near the thresholds the answers can differ.
    return texts + [line for text in texts for line in text.split("\n")[:40]]


TEXTS = _texts()


def _legacy_bytes() -> list[bytes]:
    """Every page in GBK and Big5 (where it can be), cut and damaged too."""
    out: list[bytes] = []
    for text in _texts()[:400]:
        for codec in ("gbk", "big5", "cp950"):
            data = text.encode(codec, "ignore")
            out += [data, data[:-1], data[: len(data) // 2] + b"\xff" + data[len(data) // 2 :]]
    # Both decodings succeed with equal scores: the detector's order decides.
    out += [b"\xa1\xa1abc", b"\xa1\x40\xa1\x41 123", "。，".encode("big5") * 3]
    return out


def _slow_guess_chinese_encoding(data: bytes) -> encodings._Guess | None:
    """The plain definition: every candidate in the detector's order, first best wins."""
    guesses = encodings.detector_guesses(data)
    candidates = [g for g in guesses if g in encodings._CODECS]
    candidates += [c for c in encodings._CODECS if c not in candidates]
    best = None
    for encoding in candidates:
        result = encodings._decode_legacy(data, encoding)
        if result is None:
            continue
        text, truncated = result
        score = common_cjk_share(text)
        if best is None or score > best.score:
            best = encodings._Guess(encoding, text, truncated, score)
    return best


def test_chinese_encoding_asks_the_detector_only_when_it_matters() -> None:
    datas = _legacy_bytes()
    ties = 0
    for data in datas:
        fast = encodings.guess_chinese_encoding(data)
        assert fast == _slow_guess_chinese_encoding(data), data[:60]
        ties += fast is not None and fast.score == 0.0
    assert ties >= 3


def _slow_common_share(text: str) -> float:
    han = [ch for ch in text if cjk_count(ch)]
    common = common_cjk_chars()
    return sum(ch in common for ch in han) / len(han) if han else 0.0


def _slow_letters(text: str) -> int:
    return len(text) - len(re.sub(r"[^\W\d_]", "", text))


def _slow_is_chinese(text: str) -> bool:
    cjk = cjk_count(text)
    if cjk < language.MIN_CJK_CHARS:
        return False
    if cjk >= language.MIN_CJK_LETTER_SHARE * _slow_letters(text):
        return True
    for line in text.split("\n"):
        line_cjk = cjk_count(line)
        if line_cjk >= language.MIN_CJK_LINE_CHARS and line_cjk * 2 >= _slow_letters(line):
            return True
    return False


def _slow_foreign_language(text: str) -> str | None:
    sample = text[: language.SCORE_SAMPLE_CHARS]
    hangul = len(language._HANGUL_RE.findall(sample))
    kana = len(language._KANA_RE.findall(sample))
    letters = hangul + kana + cjk_count(sample)
    if hangul >= language.MIN_FOREIGN_CHARS and hangul >= language.MIN_HANGUL_SHARE * letters:
        return "korean"
    if kana >= language.MIN_FOREIGN_CHARS and kana >= language.MIN_KANA_SHARE * letters:
        return "japanese"
    return None


def _near_the_thresholds() -> list[str]:
    """Pages whose ideographs sit around the share and counts the checks stop at, with the
    ideographs early, late or spread (``is_chinese`` counts a block at a time and stops
    once the share is reached), and kana or Hangul around their minimum."""
    rng = random.Random(7)
    han = "建设服务型机关是党和政府的重要举措"
    out = []
    for latin in ("Buildingoffices", "Building offices, 2023 "):  # letters only, or not
        for size in (19, 20, 21, 499, 500, 501, 1_000, 1_501, 4_000):
            for share in (0.0, 0.25, 0.29, 0.3, 0.31, 0.5, 1.0):
                n_han = round(size * share)
                chars = [han[i % len(han)] for i in range(n_han)]
                chars += [latin[i % len(latin)] for i in range(size - n_han)]
                out += ["".join(chars), "".join(reversed(chars))]
                rng.shuffle(chars)
                out.append("".join(chars))
    for foreign in ("かなカナ", "한글문장"):
        for count in (9, 10, 11):
            out += [han * 3 + (foreign * 3)[:count], (foreign * 3)[:count] + "Building " * 3]
    return out


def test_language_checks_match_their_plain_definitions() -> None:
    english = "Building service-oriented offices 建设服务型机关是党和政府的重要举措 " * 3
    mixed = "机关" * 15 + " ABCDEFGHIJ" * 20 + "\n" + "建设服务型机关是党和政府的重要举措" * 4
    kinds = {True: 0, False: 0}
    for text in [*TEXTS, *_near_the_thresholds(), english, mixed, mixed.replace("\n", " ")]:
        assert common_share(text) == _slow_common_share(text)
        assert language.letter_count(text) == _slow_letters(text)
        verdict = language.is_chinese(text)
        assert verdict == _slow_is_chinese(text), text[:60]
        kinds[verdict] += 1
        assert language.foreign_language(text) == _slow_foreign_language(text)
    assert min(kinds.values()) > 10


def test_cjk_count_remembers_lines_only_and_counts_like_the_plain_count() -> None:
    chars._cached_han_count.cache_clear()
    long_text = "建设服务型机关，" * (LINE_CHARS // 8 + 1)
    for text in [*TEXTS, long_text, "", "ABC", "𠀀𪚥中"] * 2:
        assert cjk_count(text) == len(re.findall(f"[{chars.HAN}]", text)), text[:60]
    info = chars._cached_han_count.cache_info()
    assert info.hits > 0 and info.currsize == chars.CJK_COUNT_CACHE
    # Pages are counted, not held: no remembered text is longer than the limit.
    chars._cached_han_count.cache_clear()
    cjk_count(long_text)
    assert chars._cached_han_count.cache_info().currsize == 0
    cjk_count(long_text[:LINE_CHARS])
    assert chars._cached_han_count.cache_info().currsize == 1


def test_character_table_flags_every_code_point_as_the_patterns_do() -> None:
    """The table behind long texts' counts: Han as ``[HAN]``, common as the common run."""
    common = chars._common_run()
    every = "".join(map(chr, range(sys.maxunicode + 1)))
    flags = chars._flags(every)
    assert len(flags) == sys.maxunicode + 1
    for code, flag in enumerate(flags.tolist()):
        ch = chr(code)
        want = chars._HAN_FLAG if re.fullmatch(f"[{chars.HAN}]", ch) else 0
        if common.fullmatch(ch):
            want |= chars._COMMON_FLAG
        assert flag == want, hex(code)


def test_long_texts_count_like_the_patterns() -> None:
    """Texts at and above HAN_TABLE_CHARS are counted with the table: the same counts and
    shares as the patterns give, for mixed scripts, astral ideographs and lone surrogates."""
    rng = random.Random(7)
    alphabet = "机關建设乾隆𠀀𪚥𫠝豈〇々かなカナ한글ＡＢａ１。，、“”A b.9\n\u3000\ud800\udfff\uffff"
    limit = chars.HAN_TABLE_CHARS
    sizes = {True: 0, False: 0}
    for _ in range(2_000):
        text = "".join(rng.choices(alphabet, k=rng.choice([limit - 1, limit, limit + 1, 700])))
        han = len(re.findall(f"[{chars.HAN}]", text))
        assert chars.han_count(text) == han
        plain = len(re.findall(chars._common_run().pattern[:-1], text))
        assert common_share(text) == (plain / han if han else 0.0)
        sizes[len(text) >= limit] += 1
    assert min(sizes.values()) > 100
    assert common_share("abc" * limit) == 0.0


def test_mojibake_pass_remembered_gives_what_it_computes() -> None:
    repair_pass = mojibake._repair_pass
    garbled = "在掌握基纠砺邸⒊酝父母锓⒄刮榷ǖ男乱\ue026笊锨笊钊耄"
    texts = [*TEXTS[:600], garbled, "①加强学习，②提高认识。"]
    repair_pass.cache_clear()
    for text in texts + texts[-mojibake.REPAIR_CACHE :]:  # the tail again: answered from memory
        assert repair_pass(text) == repair_pass.__wrapped__(text), text[:60]
    assert repair_pass.cache_info().hits >= mojibake.REPAIR_CACHE
    assert mojibake.has_mojibake(garbled) and not mojibake.has_mojibake(repair_pass(garbled))


def test_pii_mask_remembered_gives_what_it_computes() -> None:
    texts = [*TEXTS[:600], "联系：13812345678 邮箱 a.b@gov.cn QQ:12345"]
    pii.mask_pii.cache_clear()
    for text in texts + texts[-pii.MASK_CACHE :]:  # the tail again: answered from memory
        assert pii.mask_pii(text) == pii.mask_pii.__wrapped__(text), text[:60]
    assert pii.mask_pii.cache_info().hits >= pii.MASK_CACHE
    assert pii.mask_pii(texts[-1]) == "联系：[MOBILE] 邮箱 [EMAIL] QQ:[QQ]"


def test_patterns_opening_with_a_class_find_what_their_plain_forms_find() -> None:
    """Patterns rewritten to open with a literal or a class, so that the regex engine skips
    ahead, against the forms they replace."""
    rng = random.Random(3)
    alphabet = "政机页頁本文档檔1２3 :/,;?!()a。，\n"
    mixes = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 24))) for _ in range(20000)]
    mixes += ["1" * n + "X" for n in range(15, 20)] + ["本文档由", "第3页", "本文"]
    plain_mark = re.compile(f"(?:[,;?!]|:(?! */))(?<=(?!\\d)[{CJK_CONTEXT}].)")
    pairs = [
        (re.compile(r"\d{17}"), pii.pii_id_number.needs),
        (re.compile("[页頁]|本文[档檔]"), inline.page_mark.needs),
        (plain_mark, punct._AFTER_CJK),
    ]
    found = [0, 0, 0]
    for text in [*TEXTS, *mixes]:
        for k, (plain, fast) in enumerate(pairs):
            spans = [m.span() for m in plain.finditer(text)]
            assert spans == [m.span() for m in fast.finditer(text)], (k, text[:60])
            found[k] += bool(spans)
    assert found[0] >= 3 and min(found[1:]) > 1000


# --- comparison keys ------------------------------------------------------------------------


def _composition_seconds() -> set[str]:
    """Every character that is the second of a two-character canonical decomposition: the
    only characters NFC may compose with the one before them."""
    seconds = set()
    for code in range(sys.maxunicode + 1):
        parts = unicodedata.decomposition(chr(code)).split()
        if len(parts) == 2 and not parts[0].startswith("<"):
            seconds.add(chr(int(parts[1], 16)))
    return seconds


def test_plain_key_alphabet_is_left_alone_or_deleted_whole_by_nfkc() -> None:
    seconds = _composition_seconds()
    ideographs = [chr(c) for c in [*range(0x3400, 0x4DC0), *range(0x4E00, 0xA000)]]
    kept = [*ideographs, *"0123456789", *map(chr, range(ord("A"), ord("Z") + 1))]
    kept += [ch.lower() for ch in kept[-26:]]
    for ch in kept:  # NFKC-stable letters and ideographs the key keeps
        assert unicodedata.normalize("NFKC", ch) == ch and not keys._SPACE_AND_PUNCT.match(ch)
    ascii_rest = [chr(c) for c in range(0x20, 0x7F) if not chr(c).isalnum()]
    for ch in [*ascii_rest, *keys.PLAIN_PUNCT]:  # punctuation the key deletes whole
        assert keys._SPACE_AND_PUNCT.fullmatch(unicodedata.normalize("NFKC", ch)), hex(ord(ch))
    for ch in [*kept, *ascii_rest, *keys.PLAIN_PUNCT]:
        for part in unicodedata.normalize("NFKC", ch):
            assert not unicodedata.combining(part) and part not in seconds, hex(ord(ch))
    assert {"，", "。", "、", "“", "”", "…", "\u3000", "（", "）", "《", "》", "·"} <= set(
        keys.PLAIN_PUNCT
    )


def _slow_comparison_key(text: str) -> str:
    """The plain definition: NFKC, whitespace and punctuation deleted, folded with ``t2s``."""
    normalised = unicodedata.normalize("NFKC", text)
    return script.converter("t2s").convert(keys._SPACE_AND_PUNCT.sub("", normalised))


def test_comparison_key_fast_path_keys_like_the_plain_definition() -> None:
    rng = random.Random(7)
    alphabet = "政協机关ABCxyz019 _-,.，。、“”…\u3000（）《》·Ｂ１\u0301ﾞ\u200b\t\n㐀鿿"
    mixes = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30))) for _ in range(3000)]
    plain = 0
    for text in [*TEXTS, *mixes, "Ａ\u0301加强", "e\u0301加强", "カﾞ加强", ""]:
        assert keys.comparison_key(text) == _slow_comparison_key(text), text[:60]
        plain += bool(keys._PLAIN.fullmatch(text))
    assert plain > 1000  # the fast path was taken, and not only by empty texts


# --- script ---------------------------------------------------------------------------------


def test_changed_characters_counted_like_a_character_by_character_comparison() -> None:
    pairs = 0
    for text in [*TEXTS, "政协\U00020000机关"]:
        for config in ("s2t", "t2s"):
            converted = script.converter(config).convert(text)
            if len(converted) == len(text):
                plain = sum(a != b for a, b in zip(text, converted, strict=True))
                assert script._changed(text, converted) == plain
                pairs += plain > 0
    assert pairs > 100


def _slow_body_scripts(texts: list[str]) -> tuple[str, list[str]]:
    """The plain definition: both conversions of every paragraph, as evidence."""
    evidences = [script.evidence(text) for text in texts]
    document = sum(evidences, script.ScriptEvidence(0, 0)).verdict or "Hans"
    return document, [ev.verdict or document for ev in evidences]


def test_body_scripts_decide_like_both_conversions_of_every_paragraph() -> None:
    bodies = [[p.text for p in process(RawDoc("page.txt", data)).paragraphs] for data in _pages()]
    bodies = [body for body in bodies if body]
    # Mixed documents, and documents without a single telling character.
    bodies += [[*a, *b] for a, b in itertools.pairwise(bodies)]
    bodies += [["一、主要做法", "2023年"], ["干部", "乾隆"], ["鄰里", "邻里", "關係"]]
    decided = {"Hans": 0, "Hant": 0}
    for body in bodies:
        fast = script.body_scripts(body)
        assert fast == _slow_body_scripts(body), body[:2]
        decided[fast[0]] += 1
    assert min(decided.values()) > 20


# --- segmenting -----------------------------------------------------------------------------


def _slow_title_stem(line: str) -> str | None:
    text = segment._TITLE_DECORATION.sub("", line.strip())
    if len(text) > 60 or cjk_count(text) < 8 or SENTENCE_PUNCT.search(text):
        return None
    return text if segment._GENRE_END.search(text) else None


def test_title_stem_tries_the_decoration_pattern_only_where_it_can_match() -> None:
    title = "县审计局2022年度党风廉政建设情况报告"
    decorated = [
        f"{title}{tail}"
        for tail in (
            "(8页)",
            "【精选】",
            " [范文] （2篇）",
            "(8页) ",
            "(8页)\n",
            "（",
            "(8页)x",
            "】",
        )
    ]
    stems = 0
    for line in [*(ln for text in TEXTS for ln in text.split("\n")), *decorated]:
        stem = segment._title_stem(line)
        assert stem == _slow_title_stem(line), line
        stems += stem is not None
    assert stems >= 5


# --- punctuation ----------------------------------------------------------------------------


def _slow_convert_once(text: str) -> str:
    """One pass of the plain definition: every ASCII mark decided on the text as it is."""
    marks = [(m.start(), m.group()) for m in punct._ASCII_MARK.finditer(text)]
    if not marks:
        return text
    pairs = punct._paren_pairs(text)
    out = list(text)
    for i, ch in marks:
        if ch in "()" and i in pairs:
            a, b = sorted((i, pairs[i]))
            wide = bool(punct._HAS_CJK.search(text[a + 1 : b]))
        else:
            left, right = punct._neighbour(text, i, -1), punct._neighbour(text, i, 1)
            if ch in ",:" and left.isdigit() and right.isdigit():
                wide = False
            else:
                wide = punct._is_cjk(left) or (
                    punct._is_cjk(right) and not (left.isascii() and left.isalpha())
                )
                if ch == ":" and right == "/":
                    wide = False
        if wide:
            out[i] = FULLWIDTH_OF[ch]
    result = "".join(out)
    return punct._SPACED_MARK.sub("", result) if result != text else text


def _slow_punct_fullwidth(text: str) -> str:
    """The plain definition: whole-line passes until nothing changes."""
    while (new := _slow_convert_once(text)) != text:
        text = new
    return text


def test_digit_class_is_isdigit_on_chinese_context() -> None:
    context = re.compile(f"[{CJK_CONTEXT}]")
    for ch in map(chr, range(sys.maxunicode + 1)):
        if context.match(ch):
            assert bool(re.match(r"\d", ch)) == ch.isdigit(), hex(ord(ch))


def test_punct_fullwidth_reaches_what_repeated_passes_reach() -> None:
    # Chains of marks, spaces, digits, Latin letters, nested and unpaired
    # parentheses, full-width marks and "/" next to ideographs: random short
    # texts, then every line of the pages.
    alphabet = [
        *",;:?!()  ,:(()",
        *"中文機关",
        *"ab Z",
        *"0129",
        *"，（）：/。“”—１",
        "\u3000",
        "é",
    ]
    rng = random.Random(13)
    texts = ["".join(rng.choices(alphabet, k=rng.randint(0, 16))) for _ in range(30_000)]
    texts += [line for text in TEXTS for line in text.split("\n")]
    changed = 0
    for text in texts:
        fast = punct.punct_fullwidth(text)
        assert fast == _slow_punct_fullwidth(text), text
        changed += fast != text
    assert changed > 10_000


# --- headings -------------------------------------------------------------------------------


def _slow_heading_level(text: str) -> int | None:
    """The plain definition: length, no sentence end inside, then every pattern in order."""
    text = text.strip()
    if len(text) > headings.MAX_HEADING_CHARS:
        return None
    inner = text.rstrip(HEADING_END_MARKS)
    if any(ch in HEADING_END_MARKS for ch in inner):
        return None
    for level, pattern in headings._HEADING_PATTERNS:
        if pattern.match(text):
            return level
    return None


def test_heading_level_opens_like_its_patterns() -> None:
    openers = [
        *headings.NUMERALS,
        "第",
        "【",
        "(",
        "（",
        "1",
        "１",
        "٣",
        "一二",
        "十一",
        "A",
        "是",
        " ",
    ]
    tails = [
        "、加强学习",
        ". 总结",
        "章 总则",
        "部分",
        "）落实",
        ")落实。",
        "，提高认识",
        "背景】",
        "字体：大】",
    ]
    lines = [line for text in TEXTS for line in text.split("\n")]
    texts = [a + b for a in openers for b in tails] + lines + [line[:12] for line in lines]
    levels = 0
    for text in texts:
        fast = headings.heading_level(text)
        assert fast == _slow_heading_level(text), text
        levels += fast is not None
    assert levels > 100


# --- trailing_credit ------------------------------------------------------------------------------


def test_trailing_credit_end_check_skips_only_what_the_search_leaves() -> None:
    """The look at the last two characters skips no paragraph the full search changes."""
    endings = [
        "",
        "\n",
        " \n",
        "。",
        "。\n",
        "）",
        "）\n",
        "。（记者 王晓燕）",
        "。杨明远",
        "。杨明远\n",
    ]
    endings += [
        "。 (杜鳳明)",
        "。 (杜鳳明)\n",
        "。【通讯员 刘成】",
        "”（刘成）",
        "。王",
        "a)",
        "）。",
    ]
    changed = 0
    for text in TEXTS:
        for line in [text, *text.split("。")[:20]]:
            for ending in endings:
                full = inline._TRAILING_CREDIT.sub("", line + ending)
                assert inline.trailing_credit(line + ending) == full, line + ending
                changed += full != line + ending
    assert changed > 1000
