"""Discover the inputs under one or more roots: one raw document per file, or per container record.

:func:`iter_inputs` walks one input root and yields one
:class:`~zh_gov_essays.records.RawDoc` per file, or per record of a container
(JSON Lines, JSON, Parquet, WARC; the reader is chosen by suffix,
:mod:`~zh_gov_essays.read.formats`).  :class:`InputSet` does the same for
several roots and glob patterns (``build --input a --input 'crawl/*.warc.gz'``),
naming each file after its root so that names stay unique.  Nothing larger
than :data:`~zh_gov_essays.read.limits.MAX_INPUT_BYTES` is read at once and
containers are streamed, so memory stays bounded whatever the input.
Problems with one input (too large, unreadable, corrupt record) do not stop
the walk: they are yielded as a ``RawDoc`` with ``error`` set."""

from __future__ import annotations

import glob
import os
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from zh_gov_essays.read.formats import docs_from_file
from zh_gov_essays.read.names import quote_name
from zh_gov_essays.records import RawDoc

_GLOB_CHARS = frozenset("*?[")
# Reject reasons of entries that are not regular files (see iter_input_files).
BROKEN_SYMLINK = "broken_symlink"
NOT_A_FILE = "not_a_file"


class InputError(Exception):
    """An input root is missing, unreadable or overlaps another; the message says what to do."""


@dataclass(frozen=True)
class InputFile:
    """One file to read: where it is, its name in the manifest, its size (``None``: unreadable)."""

    path: Path
    source: str
    size: int | None
    reject: str | None = None  # why an entry that is not a regular file is not read


def docs_of(file: InputFile) -> Iterator[RawDoc]:
    """The raw documents of one discovered file (one ``unreadable`` doc if it could not be listed)."""
    if file.reject is not None:
        return iter((RawDoc(source_file=file.source, data=b"", error=file.reject),))
    if file.size is None:
        return iter((RawDoc(source_file=file.source, data=b"", error="unreadable"),))
    return docs_from_file(file.path, file.source, file.size)


@dataclass(frozen=True)
class InputRoot:
    """A folder or file given as input; ``label`` prefixes its names when there are several."""

    path: Path
    is_file: bool
    label: str | None = None

    def files(self) -> Iterator[InputFile]:
        """The files under this root, in a deterministic order (see :func:`iter_inputs`)."""
        if self.is_file:
            name = self.label if self.label is not None else quote_name(self.path.name)
            try:
                size: int | None = self.path.stat().st_size
            except OSError:
                size = None
            yield InputFile(self.path, name, size)
            return
        prefix = f"{self.label}/" if self.label is not None else ""
        for path, rel, size in iter_input_files(self.path, prefix):
            if isinstance(size, str):
                yield InputFile(path, rel, None, reject=size)
            else:
                yield InputFile(path, rel, size)


def open_root(root: Path, hint: str = "pass --input DIR") -> InputRoot:
    """Check that ``root`` is a readable folder or file; :class:`InputError` if not.

    ``hint`` ends each message with what to do (``inspect`` takes paths, not ``--input``).
    """
    root = Path(root)
    try:
        info = root.stat()
    except FileNotFoundError:
        raise InputError(f"not found: {root} ({hint})") from None
    except OSError as exc:
        raise InputError(
            f"cannot read input {root}: {exc.strerror} (check permissions or {hint})"
        ) from None
    if stat.S_ISREG(info.st_mode):
        return InputRoot(root, is_file=True)
    if not stat.S_ISDIR(info.st_mode):
        raise InputError(f"neither a folder nor a file: {root} ({hint})")
    try:
        with os.scandir(root):
            pass
    except OSError as exc:
        raise InputError(
            f"cannot read input directory {root}: {exc.strerror} (check permissions)"
        ) from None
    return InputRoot(root, is_file=False)


def iter_inputs(root: Path) -> Iterator[RawDoc]:
    """Yield one :class:`RawDoc` per input under ``root``, in a deterministic order.

    ``root`` is a directory, walked recursively with entries sorted by name,
    hidden files and directories (``.name``) skipped and symlinked
    directories followed once; or a single file.  ``source_file`` is the
    POSIX path relative to ``root`` (the file name when ``root`` is a file),
    with ``%`` and ``#`` percent-encoded (:func:`~zh_gov_essays.read.names.quote_name`);
    records of a container get ``#N`` appended.  Per file, by suffix
    (case-insensitive, :mod:`~zh_gov_essays.read.formats`):

    * ``.jsonl``, ``.ndjson`` (also ``.gz``, ``.zst``): one doc per non-blank
      line, ``#<line number, from 1>``;
    * ``.json`` (also ``.gz``, ``.zst``): one doc per object of a top-level
      array, or per top-level object, ``#<n, from 1>``;
    * ``.parquet``: column ``text`` (string, or binary = raw bytes to
      decode), ``#<row index, from 0>``;
    * ``.warc``, ``.warc.gz``, ``.warc.wet.gz``: one doc per page record,
      ``#<byte offset of the record>``;
    * anything else (``.txt``, ``.html``, no extension, …): one doc with the
      file's bytes.

    Records carry their ``url``, ``title``, ``date`` and ``id`` where the
    container has them (:mod:`~zh_gov_essays.read.container`).

    Problems with one input never stop the walk; they are yielded with
    ``data=b""`` (or the raw record) and ``error`` set: ``too_large`` (over
    :data:`MAX_INPUT_BYTES`, found by ``stat`` without reading),
    ``unreadable`` (OS error; also for an unreadable subdirectory), a
    container's ``corrupt_*`` reason, ``json_not_utf8``, ``not_a_record``,
    ``missing_text``, or ``no_records`` (a container without a record:
    empty, blank lines only, zero rows, ``[]``).  Non-regular files (FIFOs,
    sockets) are skipped.

    Raises :class:`InputError` at call time when ``root`` is missing or
    cannot be read.
    """
    return InputSet((open_root(root),)).raws()


@dataclass(frozen=True)
class InputSet:
    """Several input roots read as one crawl, each file named uniquely.

    With one root, names are relative to it (as :func:`iter_inputs`).  With
    several, each name starts with its root's label: the root's own name
    (``seeds/a.txt``, ``crawl.warc.gz#0``), or as many parent folders as it
    takes to tell apart roots of the same name (``2023/seeds/a.txt`` and
    ``2024/seeds/a.txt``).  No label is a path-prefix of another, so no two
    files of different roots can get the same name.
    """

    roots: tuple[InputRoot, ...]

    @classmethod
    def resolve(cls, patterns: Sequence[str | Path], hint: str = "pass --input DIR") -> InputSet:
        """The roots that ``patterns`` name: paths, or globs (``*``, ``?``, ``[…]``, ``**``).

        A glob matches in sorted order and must match something; a path named
        twice (or by two patterns) is read once; a root inside another one is
        refused, since its files would be read twice under two names.
        """
        paths: list[Path] = []
        for pattern in patterns:
            text = os.fspath(pattern)
            if _GLOB_CHARS.isdisjoint(text) or os.path.lexists(text):
                paths.append(Path(text))
                continue
            matches = sorted(glob.glob(text, recursive=True))
            if not matches:
                raise InputError(f"no input matches {text} ({hint})")
            paths.extend(Path(match) for match in matches)
        roots: list[InputRoot] = []
        seen: dict[Path, Path] = {}
        for path in paths:
            root = open_root(path, hint)
            real = path.resolve()
            if real in seen:
                continue
            for other_real, other in seen.items():
                if other_real in real.parents or real in other_real.parents:
                    inner, outer = (path, other) if other_real in real.parents else (other, path)
                    raise InputError(
                        f"input {inner} is inside input {outer}: give only one of them "
                        "(its files would be read twice)"
                    )
            seen[real] = path
            roots.append(root)
        if len(roots) > 1:
            labels = root_labels([root.path.resolve() for root in roots])
            roots = [
                InputRoot(root.path, root.is_file, label)
                for root, label in zip(roots, labels, strict=True)
            ]
        return cls(tuple(roots))

    def files(self) -> Iterator[InputFile]:
        """Every input file of every root, root by root in the order given."""
        for root in self.roots:
            yield from root.files()

    def raws(self) -> Iterator[RawDoc]:
        """The raw documents of every input file (see :func:`iter_inputs`)."""
        for file in self.files():
            yield from docs_of(file)


def root_labels(paths: Sequence[Path]) -> list[str]:
    """Labels for distinct absolute ``paths``, none inside another: each path's
    shortest tail of folder names that no other label equals or starts, or is
    started by.

    >>> root_labels([Path("/d/2023/seeds"), Path("/d/2024/seeds"), Path("/x/crawl.warc.gz")])
    ['2023/seeds', '2024/seeds', 'crawl.warc.gz']
    >>> root_labels([Path("/a/b"), Path("/c/b/x"), Path("/e/b")])
    ['a/b', 'x', 'e/b']
    >>> root_labels([Path("/m/seeds"), Path("/n/a"), Path("/o/a/seeds")])
    ['m/seeds', 'n/a', 'a/seeds']

    Names are percent-encoded like file names (:func:`~zh_gov_essays.read.names.quote_name`).
    """
    parts = [[quote_name(part) for part in path.parts[1:]] or ["root"] for path in paths]
    depth = [1] * len(parts)
    while True:
        labels = ["/".join(p[-d:]) for p, d in zip(parts, depth, strict=True)]
        clashing = {
            i
            for i, a in enumerate(labels)
            for j, b in enumerate(labels)
            if i != j and (a == b or b.startswith(a + "/"))
        }
        grow = [i for i in clashing if depth[i] < len(parts[i])]
        if not clashing:
            return labels
        if not grow:  # only for roots inside one another, which resolve() refuses
            raise InputError("input roots overlap: give folders that are not inside one another")
        for i in grow:
            depth[i] += 1


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


def iter_input_files(root: Path, prefix: str = "") -> Iterator[tuple[Path, str, int | str | None]]:
    """``(path, rel, size)`` of the entries under directory ``root``.

    ``rel`` is ``prefix`` plus the path under ``root``, each name
    percent-encoded by :func:`~zh_gov_essays.read.names.quote_name`.  Sorted
    by name at each level; hidden entries skipped; a symlinked directory is
    followed unless it leads back to one already walked.  ``size`` is
    ``None`` (and ``rel`` the directory or file) when an entry or a
    subdirectory cannot be read; a reject reason (``broken_symlink``,
    ``not_a_file: fifo``…) for an entry that is not a regular file, which is
    never opened (a FIFO would block).
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
            rel = prefix + quote_name(entry.name)
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

    yield from walk(root, prefix)
