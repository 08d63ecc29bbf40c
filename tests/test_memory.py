"""The writer hands freed memory back to the system after each row group and before the card.

Freeing an object in the middle of the heap does not shrink the process:
glibc keeps the hole.  :func:`release_freed_memory` returns such pages
(``malloc_trim``) and Arrow's unused pool memory; the writer calls it after
every row group it writes and once its corpus-level state is dropped.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from unittest import mock

import pyarrow.parquet as pq
import pytest

from tests.test_publish import make_docs
from zh_gov_essays.publish import memory
from zh_gov_essays.publish.memory import release_freed_memory
from zh_gov_essays.publish.shards import ShardPolicy
from zh_gov_essays.publish.writer import write_corpus

_MB = 1 << 20


def resident_bytes() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


@pytest.mark.skipif(
    not sys.platform.startswith("linux") or memory._malloc_trim() is None,
    reason="needs glibc's malloc_trim and /proc",
)
def test_holes_freed_in_the_heap_go_back_to_the_system() -> None:
    # 64 KB blocks (below glibc's mmap threshold: they come from the heap), each followed
    # by a small block that lives on, so that freeing them leaves holes, not a free top.
    holes, kept = [], []
    for _ in range(1000):
        holes.append(bytearray(64 * 1024))
        kept.append(bytearray(2048))
    del holes
    freed = resident_bytes()
    assert release_freed_memory() is True
    assert freed - resident_bytes() > 32 * _MB
    assert len(kept) == 1000


def test_without_malloc_trim_only_arrows_pool_is_released() -> None:
    with mock.patch.object(memory, "_malloc_trim", return_value=None):
        assert release_freed_memory() is False


def test_the_writer_releases_after_each_row_group_and_before_the_card(tmp_path: Path) -> None:
    from zh_gov_essays.publish.shards import SplitWriter

    events: list[str] = []
    write = SplitWriter._write_row_group

    def writing(self: SplitWriter, table: object) -> None:
        if table is not None:
            events.append("group")
        write(self, table)

    with (
        mock.patch.object(SplitWriter, "_write_row_group", writing),
        mock.patch(
            "zh_gov_essays.publish.shards.release_freed_memory", lambda: events.append("released")
        ),
        mock.patch(
            "zh_gov_essays.publish.writer.release_freed_memory",
            lambda: events.append("state dropped"),
        ),
    ):
        stats = write_corpus(
            make_docs(), tmp_path / "out", policy=ShardPolicy(bytes_per_row_group=500)
        )
    groups = sum(
        pq.ParquetFile(tmp_path / "out" / f.path).metadata.num_row_groups
        for splits in stats.files.values()
        for files in splits.values()
        for f in files.files
    )
    split_writers = sum(len(splits) for splits in stats.files.values())
    assert events.count("group") == groups > split_writers  # splits of several groups
    # every group written is followed by a release before anything else is written
    after = [events[k + 1] for k, event in enumerate(events) if event == "group"]
    assert after == ["released"] * groups
    assert events[-1] == "state dropped" and events.count("state dropped") == 1


def test_finding_malloc_trim_starts_no_process(tmp_path: Path) -> None:
    """A child forked from a large parent counts the parent's pages as its own peak RSS
    (what the bench reports as the workers'): the lookup must not run ldconfig."""
    memory._malloc_trim.cache_clear()
    with mock.patch("subprocess.Popen", side_effect=AssertionError("a child process")):
        trimmed = release_freed_memory()
    assert trimmed is (sys.platform.startswith("linux") and memory._malloc_trim() is not None)
