"""The metadata each seed must come out with (issue: corpus package)."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import seed_doc

EXPECTED = {
    "000": dict(
        title="如何加强服务型机关建设",
        date=dt.date(2016, 5, 18),
        source="第一公文网",
        script="Hans",
        truncated=False,
    ),
    "001": dict(
        title="强化自身建设 提升服务水平",
        date=dt.date(2024, 10, 18),
        source="威能网",
        script="Hans",
        truncated=True,
    ),
    "002": dict(
        title="开创政府办公部门工作的新局面的新局面",
        date=dt.date(2022, 6, 25),
        source="公务员之家",
        script="Hans",
        truncated=False,
    ),
    "003": dict(
        title="高績效政協機關經驗交流",
        date=dt.date(2022, 6, 12),
        source=None,
        script="Hant",
        truncated=False,
    ),
    "004": dict(
        title="創建學習型、服務型、創新型機關重塑公僕形象",
        date=None,
        source="白雲飄飄範文網",
        script="Hant",
        truncated=False,
        editor="小景",
        category=["心得體會", "工作體會"],
        tags=["為人民服務", "兩會學習", "黨章學習", "外出學習"],
    ),
}


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_seed_metadata(prefix: str) -> None:
    doc = seed_doc(prefix)
    assert doc.kept, doc.reject_reason
    for key, value in EXPECTED[prefix].items():
        assert getattr(doc, key) == value, key


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003"])
def test_seed_has_no_editor_category_or_tags(prefix: str) -> None:
    doc = seed_doc(prefix)
    assert (doc.editor, doc.category, doc.tags) == (None, [], [])


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_no_header_or_footer_line_becomes_a_paragraph(prefix: str) -> None:
    doc = seed_doc(prefix)
    texts = [p.text for p in doc.paragraphs]
    assert doc.title not in texts
    for furniture in (
        "本文由",
        "浏览次数",
        "上一篇",
        "下一篇",
        "网友评论",
        "评论功能已关闭",
        "当前位置",
        "来源:",
        "导语",
        "導語",
        "時間:",
        "时间:",
        "標籤",
        "編輯:",
        "因篇幅问题",
        "首頁>",
    ):
        assert not any(furniture in t for t in texts), furniture
