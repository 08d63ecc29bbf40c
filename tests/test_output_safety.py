"""Nothing is deleted or overwritten that the build did not write.

* ``--out`` is replaced only when it holds nothing but a previous build's
  files (a ``manifest.jsonl`` beside a notes file is not enough).
* ``--out`` as a symlink: the link is followed and its target swapped; the
  link stays a link and nothing is left beside either.
* A read-only previous corpus and a mount point (rename gives ``EBUSY``)
  leave no finished temporary corpus and no ``.old-*`` folder behind; a
  mount point is refused up front, with advice to mount the parent.
* A failure after the swap never reports "nothing published".
* The lock is per output: builds into two folders of one parent run at once.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEEDS
from zh_gov_essays.cli import main
from zh_gov_essays.publish import atomic

CARD = str(ROOT / "DATASET_CARD.md")


def build(out: Path, *extra: str) -> int:
    return main(["build", "--input", str(SEEDS), "--out", str(out), "--card", CARD, *extra])


def _leftovers(*folders: Path) -> list[str]:
    """Temporary, aside and lock entries a publication may leave beside its output."""
    return sorted(
        p.name
        for folder in folders
        for p in folder.iterdir()
        if any(mark in p.name for mark in (".tmp-", ".old-", ".lock"))
    )


def _manifest_names(out: Path) -> list[str]:
    lines = (out / "manifest.jsonl").read_text("utf-8").splitlines()
    return [json.loads(line)["source_file"] for line in lines]


@pytest.fixture(scope="module")
def previous(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A finished build to copy as "the previous corpus"."""
    out = tmp_path_factory.mktemp("previous") / "corpus"
    assert build(out) == 0
    return out


@pytest.fixture
def corpus(previous: Path, tmp_path: Path) -> Path:
    out = tmp_path / "corpus"
    shutil.copytree(previous, out)
    return out


# --- what may be replaced --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("extra", "listed"),
    [
        ("notes.txt", "notes.txt"),
        ("paragraphs/my_analysis.csv", "paragraphs/my_analysis.csv"),
        (".git/HEAD", ".git"),
    ],
)
def test_a_corpus_folder_holding_anything_else_is_not_replaced(
    corpus: Path, extra: str, listed: str, capsys: pytest.CaptureFixture[str]
) -> None:
    (corpus / extra).parent.mkdir(exist_ok=True)
    (corpus / extra).write_text("mine", "utf-8")
    assert build(corpus) == 2
    err = capsys.readouterr().err
    assert f"holds files a build does not write ({listed})" in err
    assert (corpus / extra).read_text("utf-8") == "mine"
    assert _leftovers(corpus.parent) == []


def test_a_previous_build_and_an_empty_folder_are_replaced(corpus: Path, tmp_path: Path) -> None:
    assert build(corpus) == 0
    empty = tmp_path / "empty"
    empty.mkdir()
    assert build(empty) == 0
    assert _manifest_names(empty) == sorted(p.name for p in SEEDS.iterdir())
    assert _leftovers(tmp_path) == []


# --- a symlink as --out ----------------------------------------------------------------------


def test_a_symlink_to_a_corpus_is_followed_and_its_target_swapped(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    links = tmp_path / "links"
    links.mkdir()
    link = links / "corpus"
    link.symlink_to(corpus)
    stamp = corpus / "manifest.jsonl"
    before = stamp.stat().st_ino
    assert build(link) == 0
    assert link.is_symlink() and link.resolve() == corpus.resolve()
    assert (corpus / "manifest.jsonl").stat().st_ino != before  # a new corpus in the target
    assert _leftovers(links, tmp_path) == []
    assert f"{link} is a symlink: publishing into its target {corpus}" in capsys.readouterr().err


def test_a_dangling_symlink_as_out_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    link = tmp_path / "corpus"
    link.symlink_to(tmp_path / "nowhere" / "corpus")
    assert build(link) == 2
    assert "symlink" in capsys.readouterr().err and link.is_symlink()
    assert _leftovers(tmp_path) == []


# --- a read-only previous corpus -------------------------------------------------------------


def _emulate_permissions(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make unlink/rmdir honour a folder's write bit, as they do for anyone but root."""
    real_unlink, real_rmdir = os.unlink, os.rmdir

    def check(path, dir_fd) -> None:
        mode = (
            os.fstat(dir_fd).st_mode
            if dir_fd is not None
            else os.stat(os.path.dirname(os.path.abspath(path))).st_mode
        )
        if not mode & stat.S_IWUSR:
            raise PermissionError(errno.EACCES, "Permission denied", path)

    def unlink(path, *, dir_fd=None):
        check(path, dir_fd)
        return real_unlink(path, dir_fd=dir_fd)

    def rmdir(path, *, dir_fd=None):
        check(path, dir_fd)
        return real_rmdir(path, dir_fd=dir_fd)

    monkeypatch.setattr(os, "unlink", unlink)
    monkeypatch.setattr(os, "remove", unlink)
    monkeypatch.setattr(os, "rmdir", rmdir)


def _read_only(root: Path) -> None:
    for path in [root, *root.rglob("*")]:
        path.chmod(path.stat().st_mode & ~0o222)


def test_a_read_only_previous_corpus_is_replaced_without_leftovers(
    corpus: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _read_only(corpus)
    _emulate_permissions(monkeypatch)
    assert build(corpus) == 0
    assert _leftovers(corpus.parent) == []
    assert "built" in capsys.readouterr().out


def test_a_read_only_corpus_as_an_ordinary_user(tmp_path: Path) -> None:
    """The same, for real: a user who is not root makes their corpus read-only and rebuilds."""
    if os.geteuid() != 0:
        pytest.skip("needs root to run the build as another user")
    home = Path(tempfile.mkdtemp(prefix="zh-gov-ro-"))
    try:
        os.chown(home, 65534, 65534)
        env = {**os.environ, "HOME": str(home), "HF_HOME": str(home / "hf")}
        env.pop("ZH_GOV_ESSAYS_DEBUG", None)
        cmd = [sys.executable, "-m", "zh_gov_essays", "build", "--input", str(SEEDS)]
        cmd += ["--out", str(home / "corpus"), "--card", CARD]
        try:
            probe = subprocess.run(
                [sys.executable, "-c", f"open({CARD!r}); import zh_gov_essays"],
                user=65534, group=65534, env=env, capture_output=True, cwd=home,
            ).returncode  # fmt: skip
        except OSError:
            probe = -1
        if probe != 0:
            pytest.skip("this Python or the checkout is not readable by the nobody user")
        first = subprocess.run(cmd, user=65534, group=65534, env=env, capture_output=True, cwd=home)
        assert first.returncode == 0, first.stderr
        subprocess.run(["chmod", "-R", "a-w", str(home / "corpus")], check=True)
        again = subprocess.run(cmd, user=65534, group=65534, env=env, capture_output=True, cwd=home)
        assert again.returncode == 0, again.stderr
        assert b"nothing published" not in again.stderr
        assert _leftovers(home) == []
    finally:
        subprocess.run(["chmod", "-R", "u+w", str(home)], check=False)
        shutil.rmtree(home, ignore_errors=True)


# --- a mount point as --out ------------------------------------------------------------------


def _ebusy_on_rename_of(out: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = os.replace

    def replace(src, dst, **kwargs):
        if Path(src) == out:
            raise OSError(errno.EBUSY, "Device or resource busy", str(src))
        return real(src, dst, **kwargs)

    monkeypatch.setattr(os, "replace", replace)


def test_a_mount_point_found_only_at_the_swap_leaves_nothing_behind(
    corpus: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A bind mount the up-front check could not see: rename fails with EBUSY."""
    before = _manifest_names(corpus)
    monkeypatch.setattr(atomic, "is_mount_point", lambda path: False)
    _ebusy_on_rename_of(corpus, monkeypatch)
    assert build(corpus) == 2
    err = capsys.readouterr().err
    assert "is a mount point" in err and "mount its parent folder" in err
    assert _leftovers(corpus.parent) == []
    assert _manifest_names(corpus) == before


def test_a_bind_mounted_out_is_refused_before_cleaning(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "mnt"
    target.mkdir()
    if (
        os.geteuid() != 0
        or subprocess.run(
            ["mount", "--bind", str(corpus), str(target)], capture_output=True
        ).returncode
    ):
        pytest.skip("cannot bind-mount here")
    try:
        assert build(target) == 2
        err = capsys.readouterr().err
        assert f"--out {target} is a mount point" in err and "mount its parent folder" in err
        assert _leftovers(tmp_path) == []
    finally:
        subprocess.run(["umount", str(target)], check=True)


# --- failures and signals after the swap -----------------------------------------------------


def test_a_failure_after_the_swap_does_not_say_nothing_published(
    corpus: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def stuck(path: Path) -> None:
        raise OSError(errno.EBUSY, "Device or resource busy", str(path))

    monkeypatch.setattr(atomic, "remove_tree", stuck)
    assert build(corpus) == 0
    captured = capsys.readouterr()
    assert "nothing published" not in captured.err and "built" in captured.out
    (aside,) = _leftovers(corpus.parent)
    assert aside.startswith(".corpus.old-")
    assert f"could not remove the previous corpus, kept aside at {corpus.parent / aside}" in (
        captured.err
    )


# --- one lock per output ---------------------------------------------------------------------


def test_builds_into_two_folders_of_one_parent_do_not_block_each_other(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = tmp_path / "first", tmp_path / "second"

    def while_first_is_building(tmp: Path) -> None:
        (tmp / "x").write_text("x")
        assert build(second) == 0  # another output: not blocked
        assert build(first) == 2  # the same output: blocked
        assert "another build is publishing into" in capsys.readouterr().err

    atomic.publish_atomically(while_first_is_building, first)
    assert (first / "x").is_file() and (second / "manifest.jsonl").is_file()
    assert _leftovers(tmp_path) == []
