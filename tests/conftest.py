"""Shared fixtures: the project's raw seeds and the optional shared samples."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

import pytest

from zh_gov_essays.pipeline import process
from zh_gov_essays.records import Document, RawDoc

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SAMPLES = Path(os.environ.get("ZH_GOV_SAMPLES", ROOT.parent / "shared" / "samples"))


def process_alive(pid: int) -> bool:
    """Whether process ``pid`` runs (a zombie, dead but not yet reaped, does not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def seed_path(prefix: str) -> Path:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path


@cache
def seed_doc(prefix: str) -> Document:
    """The processed seed (cached: the pipeline is pure)."""
    path = seed_path(prefix)
    return process(RawDoc(f"{path.name}", path.read_bytes()))


def process_text(text: str, name: str = "fixture.txt") -> Document:
    return process(RawDoc(name, text.encode("utf-8")))


@pytest.fixture(autouse=True)
def _offline(monkeypatch: pytest.MonkeyPatch) -> None:
    # Nothing in the suite may reach the network.
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")


needs_samples = pytest.mark.skipif(
    not (SAMPLES / "gold.jsonl").is_file(), reason="../shared/samples is not present"
)
