"""Korean and Japanese are rejected as such, in any of their encodings; Chinese never is.

Hangul in EUC-KR decodes as GB18030 into *common* Chinese characters, so
the common-character score cannot see it; Shift-JIS and EUC-JP used to be
rejected as ``undecodable`` or ``too_short``.  The fixtures under
``tests/fixtures/foreign/`` are our own Korean and Japanese prose.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, SAMPLES, SEEDS
from zh_gov_essays.cli import main
from zh_gov_essays.read import decode_bytes
from zh_gov_essays.vocab.chars import cjk_count

FOREIGN = FIXTURES / "foreign"
CODECS = {
    "ko": [("utf-8", "utf-8"), ("euc_kr", "euc-kr"), ("cp949", "euc-kr")],
    "ja": [
        ("utf-8", "utf-8"),
        ("shift_jis", "shift-jis"),
        ("cp932", "shift-jis"),
        ("euc_jp", "euc-jp"),
    ],
}
CASES = [
    (path.name, codec, label)
    for path in sorted(FOREIGN.glob("*.txt"))
    for codec, label in CODECS[path.name[:2]]
]


@pytest.mark.parametrize(("name", "codec", "label"), CASES)
def test_korean_and_japanese_are_rejected_with_their_language_and_encoding(
    name: str, codec: str, label: str
) -> None:
    data = (FOREIGN / name).read_text("utf-8").encode(codec)
    decoded = decode_bytes(data)
    language = {"ko": "korean", "ja": "japanese"}[name[:2]]
    assert (decoded.reject, decoded.encoding) == (f"not_chinese: {language} ({label})", label)


def test_korean_in_the_extended_cp949_set_is_korean_too() -> None:
    # 똠 and 퓨 are outside EUC-KR's 2,350 syllables: only CP949 (UHC) encodes them.
    text = (FOREIGN / "ko_report.txt").read_text("utf-8") + "\n똠방각하 퓨전 요리\n"
    decoded = decode_bytes(text.encode("cp949"))
    assert (decoded.reject, decoded.encoding) == ("not_chinese: korean (cp949)", "cp949")


def test_korean_with_a_few_damaged_bytes_is_still_korean() -> None:
    data = bytearray((FOREIGN / "ko_report.txt").read_text("utf-8").encode("euc_kr") * 6)
    data[200] = 0xFF  # one invalid byte (two broken sequences): no strict decoding works
    assert decode_bytes(bytes(data)).reject == "not_chinese: korean (euc-kr)"


def test_the_build_lists_foreign_pages_with_their_reason(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    d = tmp_path / "in"
    d.mkdir()
    (d / "ko.txt").write_bytes((FOREIGN / "ko_report.txt").read_text("utf-8").encode("euc_kr"))
    (d / "ja.txt").write_bytes((FOREIGN / "ja_notice.txt").read_text("utf-8").encode("shift_jis"))
    (d / "zh.txt").write_bytes(next(SEEDS.glob("000_*.txt")).read_bytes())
    out = tmp_path / "corpus"
    card = str(SEEDS.parent / "DATASET_CARD.md")
    assert main(["build", "--input", str(d), "--out", str(out), "--card", card]) == 0
    rows = [json.loads(x) for x in (out / "manifest.jsonl").read_text("utf-8").splitlines()]
    assert [(r["source_file"], r["status"], r["reason"], r["encoding"]) for r in rows] == [
        ("ja.txt", "rejected", "not_chinese: japanese (shift-jis)", "shift-jis"),
        ("ko.txt", "rejected", "not_chinese: korean (euc-kr)", "euc-kr"),
        ("zh.txt", "kept", None, "utf-8"),
    ]
    assert "documents rejected  2 (not_chinese 2)" in capsys.readouterr().out


# --- no false rejection of Chinese -----------------------------------------------------------


def _chinese_texts() -> list[tuple[str, str]]:
    paths = sorted(SEEDS.glob("*.txt")) + sorted(FIXTURES.glob("[!f]*/*.txt"))
    if (SAMPLES / "gold.jsonl").is_file():
        paths += sorted(SAMPLES.glob("*.txt"))
    return [(p.name, p.read_bytes().decode("utf-8", "replace")) for p in paths]


def _foreign(reason: str | None) -> bool:
    return reason is not None and reason.startswith(
        ("not_chinese: korean", "not_chinese: japanese")
    )


def test_no_chinese_page_or_paragraph_is_taken_for_korean_or_japanese() -> None:
    """Every page of the seeds, fixtures (and samples, when present) in GB18030 and Big5,
    and each of their lines with 10+ ideographs on its own: short inputs are where a
    Korean or Japanese reading of Chinese bytes is most likely to look plausible."""
    texts = _chinese_texts()
    assert len(texts) >= 170
    units = texts + [
        (f"{name}:{i}", line)
        for name, text in texts
        for i, line in enumerate(text.splitlines())
        if cjk_count(line) >= 10
    ]
    assert len(units) > 1500
    wrong = []
    for name, text in units:
        for codec in ("utf-8", "gb18030", "big5hkscs"):
            decoded = decode_bytes(text.encode(codec, "ignore"))
            if _foreign(decoded.reject):
                wrong.append((name, codec, decoded.reject))
    assert wrong == []


def test_pages_kept_in_utf8_are_kept_in_gb18030() -> None:
    # The garbage/ pages hold whole paragraphs of UTF-8 read as GBK on purpose: in a legacy
    # encoding they are mojibake pages, which decoding is right to refuse.
    garbled = {p.name for p in (FIXTURES / "garbage").glob("*.txt")}
    for name, text in _chinese_texts():
        if name in garbled:
            continue
        if decode_bytes(text.encode("utf-8")).reject is None:
            assert decode_bytes(text.encode("gb18030")).reject is None, name


def test_foreign_language_of_decoded_text() -> None:
    from zh_gov_essays.read.language import foreign_language

    assert foreign_language((FOREIGN / "ko_hanja.txt").read_text("utf-8")) == "korean"
    assert foreign_language((FOREIGN / "ja_kanji.txt").read_text("utf-8")) == "japanese"
    assert foreign_language(next(SEEDS.glob("003_*.txt")).read_text("utf-8")) is None
    # A Chinese essay may quote a Japanese title or a Korean name: not enough.
    quote = "日本作家的《ノルウェイの森》和韩国的《엄마를 부탁해》都有中文译本。" * 2
    assert foreign_language("机关作风建设" * 30 + quote) is None
