"""Signals, resources and exit codes.

* SIGTERM is handled like SIGINT: temporary folders removed, the worker pool
  terminated (no orphan worker or resource tracker), a message, exit 143.
* A signal after the swap says the new corpus is published.
* A worker killed (as by the out-of-memory killer) stops the build with exit 5.
* ``--workers`` is capped by the CPUs and the memory available, with a message.
* The card template is checked before cleaning starts.
* Every exit status is documented in ``build --help`` and the README.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEEDS, process_alive
from zh_gov_essays.cli import main
from zh_gov_essays.publish import atomic

CARD = str(ROOT / "DATASET_CARD.md")


@pytest.fixture(autouse=True)
def _sigint_as_at_a_terminal() -> Iterator[None]:
    """Ctrl-C raises KeyboardInterrupt here as at a terminal, also when the test runner was
    started in the background, where SIGINT arrives ignored (and builds would inherit that)."""
    old = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, old)


def _default_sigint() -> None:
    """In a child before it runs the build: SIGINT back to its default disposition."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def build(out: Path, *extra: str, source: Path = SEEDS) -> int:
    return main(["build", "--input", str(source), "--out", str(out), "--card", CARD, *extra])


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".tmp-" in p.name or ".old-" in p.name)


# --- subprocess builds that get signals ------------------------------------------------------


@pytest.fixture(scope="module")
def big_crawl(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """1,500 distinct essays: long enough to be caught mid-cleaning by two workers."""
    d = tmp_path_factory.mktemp("big") / "in"
    d.mkdir()
    seeds = [p.read_text("utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    for i in range(1500):
        text = seeds[i % len(seeds)] + f"\n第{i}号文件，请各单位认真学习贯彻落实。\n"
        (d / f"doc{i:05d}.txt").write_text(text, "utf-8")
    return d


def _children(pid: int) -> list[int]:
    out = []
    for stat_file in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat_file.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.append(int(stat_file.parent.name))
    return out


def _workers(pid: int) -> list[int]:
    """The pool's worker processes among the children of ``pid``."""
    out = []
    for kid in _children(pid):
        try:
            if b"spawn_main" in Path(f"/proc/{kid}/cmdline").read_bytes():
                out.append(kid)
        except OSError:
            continue
    return out


def _start_build(
    crawl: Path, out: Path, *, cleaning: bool = True
) -> tuple[subprocess.Popen, list[int]]:
    """A two-worker build, returned once both workers are cleaning (or, with
    ``cleaning=False``, as soon as the site-template pass has started them)."""
    command = [sys.executable, "-m", "zh_gov_essays", "build", "--input", str(crawl)]
    command += ["--out", str(out), "--card", CARD, "--workers", "2"]
    proc = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=_default_sigint
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if len(_workers(proc.pid)) == 2 and not cleaning:
            # the cleaning's temporary folder is made after the site-template pass
            assert not _leftovers(out.parent)
            return proc, _children(proc.pid)
        if len(_workers(proc.pid)) == 2 and _leftovers(out.parent):
            time.sleep(1.0)  # well into cleaning
            return proc, _children(proc.pid)  # the workers, and the resource tracker
        assert proc.poll() is None, proc.communicate()
        time.sleep(0.05)
    proc.kill()
    raise AssertionError("the workers did not start")


def _all_gone(pids: list[int], timeout: float = 15) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not any(process_alive(pid) for pid in pids):
            return True
        time.sleep(0.1)
    return False


@pytest.mark.slow
@pytest.mark.parametrize(
    ("signum", "code", "word"),
    [(signal.SIGTERM, 143, "terminated"), (signal.SIGINT, 130, "interrupted")],
)
def test_a_signal_mid_build_removes_temp_folders_and_ends_the_workers(
    big_crawl: Path, tmp_path: Path, signum: int, code: int, word: str
) -> None:
    out = tmp_path / "corpus"
    proc, kids = _start_build(big_crawl, out)
    proc.send_signal(signum)
    try:
        _, err = proc.communicate(timeout=30)
    finally:
        proc.kill()
    assert proc.returncode == code, err
    assert err.decode().splitlines()[-1] == (
        f"zh-gov-essays: {word}; nothing published (the previous corpus, if any, is untouched)"
    )
    assert _leftovers(tmp_path) == [] and not out.exists()
    assert _all_gone(kids), [pid for pid in kids if process_alive(pid)]


@pytest.mark.slow
@pytest.mark.parametrize("cleaning", [True, False], ids=["cleaning", "learning"])
def test_a_killed_worker_stops_the_build_with_exit_5(
    big_crawl: Path, tmp_path: Path, cleaning: bool
) -> None:
    """In either pass that runs workers (a worker lost while learning site templates
    once ended as "a bug", exit 1)."""
    out = tmp_path / "corpus"
    proc, kids = _start_build(big_crawl, out, cleaning=cleaning)
    workers = _workers(proc.pid)
    assert len(workers) == 2
    os.kill(workers[0], signal.SIGKILL)  # what the out-of-memory killer does
    try:
        _, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert proc.returncode == 5, err
    assert "a worker process died" in err.decode() and "nothing published" in err.decode()
    assert _leftovers(tmp_path) == [] and not out.exists()
    assert _all_gone(kids)


# --- a signal after the swap -----------------------------------------------------------------


def test_a_signal_during_the_swap_is_handled_after_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "corpus"
    assert build(out) == 0
    real = atomic.remove_tree

    def remove_tree(path: Path) -> None:
        os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C while the old corpus is being removed
        real(path)

    monkeypatch.setattr(atomic, "remove_tree", remove_tree)
    capsys.readouterr()
    assert build(out) == 130
    err = capsys.readouterr().err
    assert err.splitlines()[-1] == (
        f"zh-gov-essays: interrupted after publishing; {out} holds the new corpus"
    )
    assert _leftovers(tmp_path) == [] and (out / "manifest.jsonl").is_file()


def test_a_signal_after_the_swap_does_not_say_the_previous_corpus_is_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from zh_gov_essays.cli import build as build_command

    def interrupted_summary(*args: object) -> str:
        raise KeyboardInterrupt

    monkeypatch.setattr(build_command, "_summary", interrupted_summary)
    out = tmp_path / "corpus"
    assert build(out) == 130
    err = capsys.readouterr().err
    assert "untouched" not in err and "holds the new corpus" in err
    assert (out / "manifest.jsonl").is_file()


# --- how many workers ------------------------------------------------------------------------


def test_cap_workers() -> None:
    from zh_gov_essays.engines.resources import MEMORY_PER_WORKER, cap_workers

    assert cap_workers(1, cpus=2, memory=None) == (1, None)
    assert cap_workers(2, cpus=2, memory=10**10) == (2, None)
    assert cap_workers(32, cpus=2, memory=10**10) == (2, "this machine has 2 CPUs")
    n, why = cap_workers(8, cpus=16, memory=3 * MEMORY_PER_WORKER + 1)
    assert n == 3 and why is not None and "available" in why and "per worker" in why
    assert cap_workers(8, cpus=16, memory=MEMORY_PER_WORKER // 2)[0] == 1


def test_workers_beyond_the_machine_are_lowered_with_a_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from zh_gov_essays import engines
    from zh_gov_essays.engines import resources

    asked: list[int] = []
    real_run = engines.run

    def spy(raws, *, engine="local", workers=1, **kwargs):
        asked.append(workers)
        return real_run(raws, engine=engine, workers=1, **kwargs)

    monkeypatch.setattr(engines, "run", spy)
    monkeypatch.setattr(resources, "usable_cpus", lambda: 2)
    monkeypatch.setattr(resources, "available_memory", lambda: 64 * 10**9)
    assert build(tmp_path / "corpus", "--workers", "32") == 0
    assert asked == [2]
    assert "zh-gov-essays: --workers 32 lowered to 2: this machine has 2 CPUs" in (
        capsys.readouterr().err
    )


# --- the card template -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ("---\npretty_name: x\n---\n# {{summary_table}} {{no_such_table}}\n", "{{no_such_table}}"),
        ("# A card without front matter\n", "YAML front matter"),
        ("---\n- a list\n---\n# Body\n", "front matter must be a mapping"),
    ],
)
def test_a_bad_card_template_is_refused_before_cleaning(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    template: str,
    message: str,
) -> None:
    from zh_gov_essays import engines

    def no_cleaning(*args: object, **kwargs: object):
        raise AssertionError("cleaning started")

    monkeypatch.setattr(engines, "run", no_cleaning)
    card = tmp_path / "card.md"
    card.write_text(template, "utf-8")
    code = main(["build", "--input", str(SEEDS), "--out", str(tmp_path / "corpus"),
                 "--card", str(card)])  # fmt: skip
    assert code == 2
    err = capsys.readouterr().err
    assert err.startswith(f"zh-gov-essays: error: card template {card} is invalid: ")
    assert message in err and not (tmp_path / "corpus").exists()


# --- exit codes ------------------------------------------------------------------------------


def test_every_exit_status_is_documented_in_help_and_readme() -> None:
    from zh_gov_essays.cli import EXIT_CODES

    help_text = subprocess.run(
        [sys.executable, "-m", "zh_gov_essays", "build", "--help"],
        capture_output=True, text=True, check=True, env={**os.environ, "COLUMNS": "2000"},
    ).stdout  # fmt: skip
    readme = (ROOT / "README.md").read_text("utf-8")
    assert sorted(EXIT_CODES) == [0, 1, 2, 3, 4, 5, 130, 141, 143]
    for code, meaning in EXIT_CODES.items():
        assert f"{code} {meaning}" in " ".join(help_text.split()), code
        assert f"| {code} | {meaning} |" in readme, code
