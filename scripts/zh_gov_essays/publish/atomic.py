"""Publishing a built tree atomically: a temporary sibling, fsync, then a swap into place.

What this module promises, whatever happens:

* the output is either the previous tree or the new one, never a mix;
* no temporary tree (``.{name}.tmp-*``) outlives the call, and no previous
  tree (``.{name}.old-*``) either, unless it cannot be removed (reported);
* Ctrl-C or SIGTERM during the swap is held until the swap is done, so the
  caller learns reliably whether the new tree was published;
* one lock per output (``.{name}.lock`` beside it, removed afterwards): two
  builds into one folder exclude each other, builds into two folders of one
  parent do not.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import shutil
import signal
import stat
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


class BuildLocked(RuntimeError):
    """Another build holds the output folder's lock."""


class MountPointError(OSError):
    """The output is a mount point: it cannot be renamed, so it cannot be swapped."""

    def __init__(self, out: Path) -> None:
        super().__init__(
            errno.EBUSY,
            f"--out {out} is a mount point, and a build publishes by renaming folders, which "
            f"a mount point refuses: mount its parent folder instead and build into {out}",
        )

    def __str__(self) -> str:
        return self.strerror or ""


class AfterSwapError(Exception):
    """The new tree is published, but something after the swap failed.

    ``result`` is what ``build`` returned; the message says what failed
    (the previous tree could not be removed: it waits aside, and the next
    publication into the same output removes it).
    """

    def __init__(self, result: object, message: str) -> None:
        super().__init__(message)
        self.result = result


def publish_atomically(
    build: Callable[[Path], T],
    out: Path,
    *,
    before_swap: Callable[[Path], None] | None = None,
    on_published: Callable[[Path], None] | None = None,
) -> T:
    """Run ``build`` on a fresh temporary sibling of ``out``, then swap it into place.

    ``build(tmp)`` writes the whole new tree into ``out.parent/.{name}.tmp-XXXX``.
    When it returns, the files are fsynced, ``before_swap(out)`` may still
    refuse (by raising), the old ``out`` is renamed aside
    (``.{name}.old-XXXX``), the new tree renamed to ``out``,
    ``on_published(out)`` is called and the old tree deleted.  When anything
    before the second rename fails, the temporary tree is deleted and ``out``
    is untouched; when something fails after it (deleting the old tree),
    :class:`AfterSwapError` is raised.  A symlink ``out`` is followed: its target is swapped and the
    link left as it is.  A mount point cannot be swapped
    (:class:`MountPointError`).

    If the process dies, ``out`` still holds the old corpus, or, killed
    between the two renames, the old corpus waits aside and the next call
    puts it back; leftover temporary trees are deleted by the next call.
    """
    out = Path(out)
    if out.is_symlink():
        out = Path(os.path.realpath(out))
    if is_mount_point(out):
        raise MountPointError(out)
    parent = out.parent
    parent.mkdir(parents=True, exist_ok=True)
    with _locked(out) as exclusive:
        _recover(out, remove_stale=exclusive)
        tmp = _make_sibling(out, "tmp")
        try:
            result = build(tmp)
            _fsync_tree(tmp)
            if before_swap is not None:
                before_swap(out)
            with _signals_deferred():
                old = _swap(tmp, out)
                if on_published is not None:
                    on_published(out)
                try:
                    _fsync_dir(parent)
                    if old is not None:
                        remove_tree(old)
                except OSError as exc:
                    problem = exc.strerror or str(exc)
                    if old is not None and old.exists():
                        message = f"could not remove the previous corpus, kept aside at {old}"
                    else:
                        message = f"could not flush {parent} to disk"
                    raise AfterSwapError(result, f"{message}: {problem}") from exc
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)  # gone already if it was published
            raise
    return result


def is_mount_point(path: Path) -> bool:
    """Whether ``path`` is a mount point, bind mounts within one file system included.

    ``os.path.ismount`` compares devices and cannot see a bind mount of a
    folder of the same file system; Linux lists every mount point in
    ``/proc/self/mountinfo``.
    """
    if not path.is_dir():
        return False
    if os.path.ismount(path):
        return True
    try:
        lines = Path("/proc/self/mountinfo").read_text("utf-8", "surrogateescape").splitlines()
    except OSError:
        return False
    target = os.path.realpath(path)
    for line in lines:
        fields = line.split(" ")
        if len(fields) > 4 and _unescape_mountinfo(fields[4]) == target:
            return True
    return False


def _unescape_mountinfo(field: str) -> str:
    r"""Mount points in mountinfo escape space, tab, newline and backslash as ``\NNN`` (octal)."""
    for code in ("\\040", "\\011", "\\012", "\\134"):
        field = field.replace(code, chr(int(code[1:], 8)))
    return field


def remove_tree(path: Path) -> None:
    """Delete a tree this build owns, even where the user made it read-only.

    On a permission error every folder of the tree is made writable by its
    owner (``chmod u+rwx``) and the deletion tried once more; other errors,
    and a second failure, are raised.
    """
    try:
        shutil.rmtree(path)
    except PermissionError:
        _make_writable(path)
        shutil.rmtree(path)


def _make_writable(root: Path) -> None:
    stack = [str(root)]
    while stack:
        folder = stack.pop()
        mode = os.lstat(folder).st_mode
        if stat.S_ISDIR(mode) and mode & stat.S_IRWXU != stat.S_IRWXU:
            os.chmod(folder, mode | stat.S_IRWXU)
        with os.scandir(folder) as entries:
            stack.extend(e.path for e in entries if e.is_dir(follow_symlinks=False))


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
        with contextlib.suppress(OSError):
            remove_tree(old)


def _swap(new: Path, out: Path) -> Path | None:
    """Rename ``out`` aside and ``new`` into its place; return where the old tree went.

    If the second rename fails the old tree is put back.  ``EBUSY`` on the
    first rename means ``out`` is a mount point (:class:`MountPointError`).
    """
    old = None
    if out.exists():
        old = out.parent / f".{out.name}.old-{new.name.rsplit('-', 1)[-1]}"
        try:
            os.replace(out, old)
        except OSError as exc:
            if exc.errno == errno.EBUSY:
                raise MountPointError(out) from exc
            raise
    try:
        os.replace(new, out)
    except BaseException:
        if old is not None:
            os.replace(old, out)
        raise
    return old


@contextlib.contextmanager
def _signals_deferred() -> Iterator[None]:
    """Hold SIGINT and SIGTERM until the block is done, then deliver the first one.

    Only in the main thread (the only one that can set handlers); elsewhere a
    no-op.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    signums = (signal.SIGINT, signal.SIGTERM)
    previous = {s: signal.signal(s, lambda signum, _frame: caught.append(signum)) for s in signums}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        if caught:
            signal.raise_signal(caught[0])


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
def _locked(out: Path) -> Iterator[bool]:
    """Hold an exclusive ``flock`` on ``.{name}.lock`` beside ``out``; fail at once if taken.

    The lock file is removed on release.  Whoever locks it checks afterwards
    that the name still leads to the file it locked (a releasing build may
    just have removed it), and starts over if not.  Yields whether the lock
    is held (False where ``fcntl`` is missing, i.e. Windows).
    """
    try:
        import fcntl
    except ImportError:
        yield False
        return
    path = out.parent / f".{out.name}.lock"
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise BuildLocked(
                f"another build is publishing into {out} (it holds {path}); "
                "wait for it to finish, or choose another --out"
            ) from None
        try:
            same = os.stat(path).st_ino == os.fstat(fd).st_ino
        except FileNotFoundError:
            same = False
        if same:
            break
        os.close(fd)
    try:
        yield True
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)
        os.close(fd)
