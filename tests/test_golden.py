"""Golden files: the full expected output of each seed, reviewed by eye against the raw file.

Regenerate after a deliberate change with ``ZH_GOV_UPDATE_GOLDEN=1 pytest tests/test_golden.py``
and review the diff line by line before committing it.
"""

from __future__ import annotations

import json
import os

import pytest

from tests.conftest import FIXTURES, SEEDS, seed_doc

GOLDEN = FIXTURES / "golden"
PREFIXES = sorted(p.name[:3] for p in SEEDS.glob("*.txt"))


_KEYS = ("source_file", "title", "date", "source", "script", "paragraphs", "removed")


def _snapshot(prefix: str) -> dict:
    inspected = seed_doc(prefix).to_inspect()
    return {key: inspected[key] for key in _KEYS}


@pytest.mark.parametrize("prefix", PREFIXES)
def test_seed_matches_its_golden_file(prefix: str) -> None:
    path = GOLDEN / f"seed_{prefix}.json"
    got = _snapshot(prefix)
    if os.environ.get("ZH_GOV_UPDATE_GOLDEN"):
        path.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", "utf-8")
        pytest.skip(f"rewrote {path.name}: review the diff, then run without ZH_GOV_UPDATE_GOLDEN")
    expected = json.loads(path.read_text("utf-8"))
    assert got["paragraphs"] == expected["paragraphs"]
    assert got == expected


def test_golden_highlights() -> None:
    """The repairs the issue names, spelled out so a reader sees them without the JSON."""
    texts = {prefix: [p["text"] for p in _snapshot(prefix)["paragraphs"]] for prefix in PREFIXES}
    joined = {prefix: "\n".join(t) for prefix, t in texts.items()}
    assert "拾遗补缺，完善决策；还要“易位思考”" in joined["001"]
    assert "积极借鉴先进经验" in joined["001"] and "而又相对比较辛苦" in joined["001"]
    assert "吃透改革发展稳定的新要求上求深入，在联系实际、推动和促进落实上做文章" in joined["002"]
    assert "最大限度地控制和减少不必要的事务性应酬" in joined["002"]
    # The watermark at a paragraph end goes without eating the sentence.
    assert any(t.endswith("改进机关作风，提高工作效率。") for t in texts["002"])
    assert "(xié)" not in joined["003"] and "政協機關" in joined["003"]
    assert "縣（市）" in joined["003"]  # a genuine parenthesis, now full-width
    assert "PDCA（即计划、执行、监督、反馈）回路" in joined["001"]
    assert "ISO9001-2000质量管理体系" in joined["001"] and "100%" in joined["001"]
    assert texts["004"][0].startswith("市直屬機關開展的創建學習型")
