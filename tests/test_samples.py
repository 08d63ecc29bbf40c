"""The cleaner on the shared real-page samples (skipped when ../shared/samples is absent)."""

from __future__ import annotations

from tests.conftest import SAMPLES, needs_samples
from zh_gov_essays.cli import main
from zh_gov_essays.evaluate import DEFAULT_THRESHOLDS, evaluate_dir, failed_measures
from zh_gov_essays.pipeline import process
from zh_gov_essays.records import RawDoc


def _inspect(path):
    return process(RawDoc(path.name, path.read_bytes())).to_inspect()


@needs_samples
def test_samples_meet_the_targets() -> None:
    score = evaluate_dir(SAMPLES, _inspect)
    assert failed_measures(score, DEFAULT_THRESHOLDS) == [], [
        (m.file, m.measure, m.expected, m.got) for m in score.misses
    ]
    # What this build measures on the 22 samples; a drop is a regression.
    assert {m: score.rate(m) for m in DEFAULT_THRESHOLDS} == dict.fromkeys(DEFAULT_THRESHOLDS, 1.0)


@needs_samples
def test_evaluate_command_exit_status(capsys) -> None:
    assert main(["evaluate", str(SAMPLES)]) == 0
    out = capsys.readouterr().out
    assert "boilerplate" in out and "22 files scored" in out
    # An impossible threshold fails the run with exit status 1.
    assert main(["evaluate", str(SAMPLES), "--boilerplate", "1.01"]) == 1
