"""Publishing a built tree atomically: a temporary sibling, fsync, then a swap into place."""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


class BuildLocked(RuntimeError):
    """Another build holds the output folder's lock."""


def publish_atomically(build: Callable[[Path], T], out: Path) -> T:
    """Run ``build`` on a fresh temporary sibling of ``out``, then swap it into place.

    ``build(tmp)`` writes the whole new tree into ``out.parent/.{name}.tmp-XXXX``.
    When it returns, the files are fsynced, the old ``out`` is renamed aside
    (``.{name}.old-XXXX``), the new tree renamed to ``out`` and the old one
    deleted.  When it raises, the temporary tree is deleted and ``out`` is
    untouched.  If the process dies, ``out`` still holds the old corpus, or,
    killed between the two renames, the old corpus waits aside and the next
    call puts it back; leftover temporary trees are deleted by the next call.
    A lock on the parent directory keeps two builds from publishing at once.
    """
    out = Path(out)
    parent = out.parent
    parent.mkdir(parents=True, exist_ok=True)
    with _locked(parent, out.name) as exclusive:
        _recover(out, remove_stale=exclusive)
        tmp = _make_sibling(out, "tmp")
        try:
            result = build(tmp)
            _fsync_tree(tmp)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        _swap(tmp, out)
    return result


def _siblings(out: Path, kind: str) -> list[Path]:
    return sorted(out.parent.glob(f".{out.name}.{kind}-*"))


def _make_sibling(out: Path, kind: str) -> Path:
    """Create a new directory ``.{name}.{kind}-XXXXXXXX`` next to ``out`` (honours the umask)."""
    while True:
        path = out.parent / f".{out.name}.{kind}-{secrets.token_hex(4)}"
        try:
            path.mkdir()
        except FileExistsError:
            continue
        return path


def _recover(out: Path, *, remove_stale: bool) -> None:
    """Undo what a killed earlier publication left behind.

    Temporary trees are removed only under the lock (``remove_stale``): then
    no live build can own them.
    """
    for stale in _siblings(out, "tmp") if remove_stale else ():
        shutil.rmtree(stale, ignore_errors=True)
    olds = _siblings(out, "old")
    if olds and not out.exists():
        os.replace(olds.pop(), out)
    for old in olds:
        shutil.rmtree(old, ignore_errors=True)


def _swap(new: Path, out: Path) -> None:
    old = None
    if out.exists():
        old = out.parent / f".{out.name}.old-{new.name.rsplit('-', 1)[-1]}"
        os.replace(out, old)
    os.replace(new, out)
    _fsync_dir(out.parent)
    if old is not None:
        shutil.rmtree(old)


def _fsync_dir(path: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_tree(root: Path) -> None:
    """Flush every file and directory under ``root`` to disk before it is renamed into place."""
    for dirpath, _dirnames, filenames in os.walk(root):
        for name in filenames:
            with open(os.path.join(dirpath, name), "rb") as f:
                os.fsync(f.fileno())
        _fsync_dir(Path(dirpath))


@contextlib.contextmanager
def _locked(parent: Path, name: str) -> Iterator[bool]:
    """Hold an exclusive ``flock`` on ``parent`` (POSIX); fail at once if another build has it.

    Yields whether the lock is held (False where ``fcntl`` is missing, i.e. Windows).
    """
    try:
        import fcntl
    except ImportError:
        yield False
        return
    fd = os.open(parent, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildLocked(
                f"another build is publishing into {parent} (it holds a lock on the directory); "
                f"wait for it to finish before building {name} again"
            ) from None
        yield True
    finally:
        os.close(fd)
