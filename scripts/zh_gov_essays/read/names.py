"""How an input is named in the manifest: ``source_file`` strings that cannot collide.

A record of a container is named ``<file>#<number>``.  A file's own name may
hold ``#`` too (``x.jsonl#1`` next to ``x.jsonl``), so file names are
percent-encoded the way a URL path is before the record part is appended:
``%`` becomes ``%25`` and ``#`` becomes ``%23``; bytes of a name that are not
UTF-8 (``bad\\xff.txt``) become ``%FF``.  Everything else is kept as written,
so ordinary names (Chinese ones included) read as they are on disk, and
``urllib.parse.unquote`` gives the name back.
"""

from __future__ import annotations

import re

# Characters that would make two inputs' names collide; lone surrogates are
# the bytes of a non-UTF-8 name as os.fsdecode gives them (surrogateescape).
_UNSAFE = re.compile("[%#\udc80-\udcff]")


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if "\udc80" <= char <= "\udcff":
        return f"%{ord(char) - 0xDC00:02X}"
    return f"%{ord(char):02X}"


def quote_name(name: str) -> str:
    """``name`` (a file name or a relative POSIX path) made safe for ``source_file``.

    >>> quote_name("x.jsonl#1"), quote_name("100%.txt"), quote_name("机关/文章.txt")
    ('x.jsonl%231', '100%25.txt', '机关/文章.txt')
    >>> quote_name("bad\\udcff.txt")
    'bad%FF.txt'

    Left alone: every other character, spaces and controls included (the
    manifest is JSON, which escapes them).
    """
    return _UNSAFE.sub(_escape, name)


def record_name(file_name: str, number: int) -> str:
    """The ``source_file`` of record ``number`` of a container named ``file_name``.

    >>> record_name("dump.jsonl.gz", 3)
    'dump.jsonl.gz#3'
    """
    return f"{file_name}#{number}"
