"""Row groups waiting in a spill file: the same Parquet bytes as row groups held in memory."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from zh_gov_essays.publish.schema import arrow_schema
from zh_gov_essays.publish.shards import _BATCH_ROWS, RowGroupBuffer, ShardPolicy, SplitWriter


def _rows(n: int) -> list[dict]:
    return [
        {
            "id": f"{i:016x}-0000",
            "doc_id": f"{i:016x}",
            "paragraph_index": 0,
            "text": "建设服务型机关，是党和政府的重要举措。" * (1 + i % 7),
            "kind": "heading" if i % 5 == 0 else "body",
            "heading_level": 1 if i % 5 == 0 else None,
            "section": None if i % 3 else "一、提高思想认识",
            "script": "Hant" if i % 4 == 0 else "Hans",
            "title": f"第{i}篇",
            "source": "某市人民政府",
            "url": None,
            "date": dt.date(2010, 1, 1 + i % 28) if i % 2 else None,
            "num_chars": 19 * (1 + i % 7),
            "repairs": ["punct_fullwidth"] if i % 6 == 0 else [],
            "dup_of": None,
            "dup_cluster": f"{i:016x}",
        }
        for i in range(n)
    ]


def test_a_spilled_buffer_gives_the_same_row_groups(tmp_path: Path) -> None:
    schema = arrow_schema("paragraphs")
    rows = _rows(3 * _BATCH_ROWS + 17)
    held = RowGroupBuffer(schema, 200_000)
    spilled = RowGroupBuffer(schema, 200_000, spill=tmp_path / "rows.arrows")
    groups: list[tuple] = []
    for row in rows:
        a, b = held.append(row), spilled.append(row)
        assert (a is None) == (b is None)
        if a is not None:
            groups.append((a, b))
            assert not (tmp_path / "rows.arrows").exists()
    groups.append((held.flush(), spilled.flush()))
    assert len(groups) > 2
    for a, b in groups:
        assert b.equals(a) and b.nbytes == a.nbytes
        assert [c.num_chunks for c in b.columns] == [c.num_chunks for c in a.columns]
    assert spilled.flush() is None and list(tmp_path.iterdir()) == []


def test_a_spilled_split_writes_the_same_bytes(tmp_path: Path) -> None:
    policy = ShardPolicy(bytes_per_row_group=300_000, max_bytes_per_shard=1_000_000)
    (tmp_path / "spill").mkdir()
    files = {}
    for name, spill in (("held", None), ("spilled", tmp_path / "spill")):
        writer = SplitWriter(tmp_path / name, "paragraphs", "train", policy, spill)
        for row in _rows(4 * _BATCH_ROWS):
            writer.append(row)
        files[name] = writer.close()
    assert len(files["held"].files) > 1
    assert files["spilled"] == files["held"]
    for shard in files["held"].files:
        held = (tmp_path / "held" / shard.path).read_bytes()
        assert (tmp_path / "spilled" / shard.path).read_bytes() == held
    assert list((tmp_path / "spill").iterdir()) == []
