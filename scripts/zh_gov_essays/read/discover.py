"""Discover the inputs under a root: one raw document per file, or per container record.

:func:`iter_inputs` walks an input root and yields one
:class:`~zh_gov_essays.records.RawDoc` per file, or per record of a JSONL or
Parquet container (the reader is chosen by suffix, :mod:`~zh_gov_essays.read.formats`).
It never reads a file larger than :data:`~zh_gov_essays.read.limits.MAX_INPUT_BYTES`
and streams containers, so memory stays bounded whatever the input.  Problems
with one input (too large, unreadable, corrupt record) do not stop the walk:
they are yielded as a ``RawDoc`` with ``error`` set.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

from zh_gov_essays.read.formats import docs_from_file
from zh_gov_essays.records import RawDoc


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
      (the file name when ``root`` is a file).

    Problems with one input never stop the walk; they are yielded with
    ``data=b""`` (or the raw JSONL line) and ``error`` set to ``too_large``
    (file over :data:`MAX_INPUT_BYTES`, found by ``stat`` without reading),
    ``unreadable`` (OS error; also for an unreadable subdirectory),
    ``corrupt_jsonl``, ``corrupt_parquet`` or ``missing_text``.  Non-regular
    files (FIFOs, sockets) are skipped.

    Raises :class:`InputError` at call time when ``root`` is missing or
    cannot be read.
    """
    root = Path(root)
    try:
        info = root.stat()
    except FileNotFoundError:
        raise InputError(f"input directory not found: {root} (pass --input DIR)") from None
    except OSError as exc:
        raise InputError(
            f"cannot read input {root}: {exc.strerror} (check permissions or pass --input DIR)"
        ) from None
    if stat.S_ISREG(info.st_mode):
        return docs_from_file(root, root.name, info.st_size)
    if not stat.S_ISDIR(info.st_mode):
        raise InputError(f"input is neither a directory nor a file: {root} (pass --input DIR)")
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
        if size is None:
            yield RawDoc(source_file=rel, data=b"", error="unreadable")
        else:
            yield from docs_from_file(path, rel, size)


def iter_input_files(root: Path) -> Iterator[tuple[Path, str, int | None]]:
    """``(path, rel, size)`` of the regular files under directory ``root``.

    Sorted by name at each level; hidden entries skipped; a symlinked
    directory is followed unless it leads back to one already walked.
    ``size`` is ``None`` (and ``rel`` the directory or file) when an entry
    or a subdirectory cannot be read.
    """
    seen: set[tuple[int, int]] = set()

    def walk(directory: Path, prefix: str) -> Iterator[tuple[Path, str, int | None]]:
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
            rel = prefix + entry.name
            try:
                if entry.is_dir():
                    yield from walk(Path(entry.path), rel + "/")
                    continue
                if not entry.is_file():
                    continue  # FIFO, socket, device, dangling link
                size = entry.stat().st_size
            except OSError:
                yield Path(entry.path), rel, None
                continue
            yield Path(entry.path), rel, size

    yield from walk(root, "")
