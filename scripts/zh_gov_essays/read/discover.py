"""Discover the inputs under a root: one raw document per file, or per container record.

:func:`iter_inputs` walks an input root and yields one
:class:`~zh_gov_essays.records.RawDoc` per file, or per record of a JSONL or
Parquet container (the reader is chosen by suffix, :mod:`~zh_gov_essays.read.formats`).
It never reads a file larger than :data:`~zh_gov_essays.read.limits.MAX_INPUT_BYTES`
and streams containers, so memory stays bounded whatever the input.  Problems
with one input (too large, unreadable, corrupt record) do not stop the walk:
they are yielded as a ``RawDoc`` with ``error`` set.

``source_file`` spells every name with :func:`~zh_gov_essays.names.spell_name`:
valid UTF-8 names are kept as they are, undecodable bytes become ``\\xNN``,
control characters and backslashes are escaped, so a name is always printable
and never breaks a manifest line, and the spelling can be read back."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

from zh_gov_essays.names import spell_name
from zh_gov_essays.read.formats import docs_from_file
from zh_gov_essays.records import RawDoc

# Reject reasons of entries that are not regular files (see iter_input_files).
BROKEN_SYMLINK = "broken_symlink"
NOT_A_FILE = "not_a_file"


class InputError(Exception):
    """The input root is missing or unreadable; the message says what to do."""


def iter_inputs(root: Path) -> Iterator[RawDoc]:
    """Yield one :class:`RawDoc` per input under ``root``, in a deterministic order.

    ``root`` is a directory, walked recursively with entries sorted by name,
    hidden files and directories (``.name``) skipped and symlinked
    directories followed once; or a single file.  Per file, by extension
    (case-insensitive):

    * ``.jsonl``: one doc per non-blank line, ``source_file`` =
      ``rel/path.jsonl#<line number, from 1>``; the object's ``text`` gives
      ``text`` and ``data`` (its UTF-8), ``url`` is kept if a string.
    * ``.parquet``: streamed in record batches; column ``text`` (string, or
      binary = raw bytes to decode), optional ``url``; ``source_file`` =
      ``rel/path.parquet#<row index, from 0>``.
    * anything else (``.txt``, ``.html``, no extension, …): one doc with the
      file's bytes; ``source_file`` = the POSIX path relative to ``root``
      (the file name when ``root`` is a file), spelled by
      :func:`~zh_gov_essays.names.spell_name` (``bad\\xff.txt``).

    Problems with one input never stop the walk; they are yielded with
    ``data=b""`` (or the raw JSONL line) and ``error`` set to ``too_large``
    (file over :data:`MAX_INPUT_BYTES`, found by ``stat`` without reading),
    ``unreadable`` (OS error; also for an unreadable subdirectory),
    ``corrupt_jsonl``, ``corrupt_parquet`` or ``missing_text``.  Entries that
    are not regular files are never opened (a FIFO would block) and come as
    ``broken_symlink`` (a symlink to nothing) or ``not_a_file: fifo`` (also
    ``socket``, ``device``).

    Raises :class:`InputError` at call time when ``root`` is missing or
    cannot be read.
    """
    root = Path(root)
    try:
        info = root.stat()
    except FileNotFoundError:
        raise InputError(f"not found: {root}") from None
    except OSError as exc:
        raise InputError(f"cannot read {root}: {exc.strerror} (check permissions)") from None
    if stat.S_ISREG(info.st_mode):
        return docs_from_file(root, spell_name(root.name), info.st_size)
    if not stat.S_ISDIR(info.st_mode):
        raise InputError(f"neither a folder nor a file: {root}")
    try:
        with os.scandir(root):
            pass
    except OSError as exc:
        raise InputError(
            f"cannot read input directory {root}: {exc.strerror} (check permissions)"
        ) from None
    return _iter_tree(root)


def _iter_tree(root: Path) -> Iterator[RawDoc]:
    """Docs of every regular file under ``root`` (see :func:`iter_inputs`)."""
    for path, rel, size in iter_input_files(root):
        if isinstance(size, str):
            yield RawDoc(source_file=rel, data=b"", error=size)
        elif size is None:
            yield RawDoc(source_file=rel, data=b"", error="unreadable")
        else:
            yield from docs_from_file(path, rel, size)


def _not_a_file(entry: os.DirEntry) -> str:
    """The reject reason of a directory entry that is neither a folder nor a regular file."""
    try:
        mode = entry.stat().st_mode
    except FileNotFoundError:
        return BROKEN_SYMLINK
    kind = (
        "fifo"
        if stat.S_ISFIFO(mode)
        else "socket"
        if stat.S_ISSOCK(mode)
        else "device"
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
        else "other"
    )
    return f"{NOT_A_FILE}: {kind}"


def iter_input_files(root: Path) -> Iterator[tuple[Path, str, int | str | None]]:
    """``(path, rel, size)`` of the entries under directory ``root``.

    Sorted by name at each level; hidden entries skipped; a symlinked
    directory is followed unless it leads back to one already walked;
    ``rel`` is spelled by :func:`~zh_gov_essays.names.spell_name`.  ``size``
    is the size of a regular file; ``None`` (and ``rel`` the directory or
    file) when an entry or a subdirectory cannot be read; a reject reason
    (``broken_symlink``, ``not_a_file: fifo``…) for anything else.
    """
    seen: set[tuple[int, int]] = set()

    def walk(directory: Path, prefix: str) -> Iterator[tuple[Path, str, int | str | None]]:
        try:
            info = directory.stat()
            if (info.st_dev, info.st_ino) in seen:
                return
            seen.add((info.st_dev, info.st_ino))
            with os.scandir(directory) as scan:
                entries = sorted(scan, key=lambda entry: entry.name)
        except OSError:
            yield directory, prefix.rstrip("/") or ".", None
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            rel = prefix + spell_name(entry.name)
            try:
                if entry.is_dir():
                    yield from walk(Path(entry.path), rel + "/")
                    continue
                if not entry.is_file():
                    yield Path(entry.path), rel, _not_a_file(entry)
                    continue
                size = entry.stat().st_size
            except OSError:
                yield Path(entry.path), rel, None
                continue
            yield Path(entry.path), rel, size

    yield from walk(root, "")
