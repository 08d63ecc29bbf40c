"""How an input is named in the manifest: ``source_file`` strings that cannot collide.

A record of a container is named ``<file>#<number>``.  A file's own name may
hold ``#`` too (``x.jsonl#1`` next to ``x.jsonl``), so file names are
percent-encoded the way a URL path is before the record part is appended:
``%`` becomes ``%25`` and ``#`` becomes ``%23``; bytes of a name that are not
UTF-8 (``bad\\xff.txt``) become ``%FF``; characters a terminal acts on
(controls, line separators, bidirectional overrides) become the ``%XX`` of
their UTF-8 bytes, so a name never breaks a manifest line or colours a
terminal.  Everything else is kept as written, so ordinary names (Chinese
ones included) read as they are on disk, and ``urllib.parse.unquote`` (with
``errors="surrogateescape"``) gives the name back.
"""

from __future__ import annotations

import re

from zh_gov_essays.names import TERMINAL_CONTROLS

# Characters that would make two inputs' names collide or act on a terminal;
# lone surrogates are the bytes of a non-UTF-8 name as os.fsdecode gives them
# (surrogateescape).
_UNSAFE = re.compile("[%#]|" + TERMINAL_CONTROLS.pattern)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if "\udc80" <= char <= "\udcff":
        return f"%{ord(char) - 0xDC00:02X}"
    return "".join(f"%{byte:02X}" for byte in char.encode("utf-8", "surrogatepass"))


def quote_name(name: str) -> str:
    """``name`` (a file name or a relative POSIX path) made safe for ``source_file``.

    >>> quote_name("x.jsonl#1"), quote_name("100%.txt"), quote_name("机关/文章.txt")
    ('x.jsonl%231', '100%25.txt', '机关/文章.txt')
    >>> quote_name("bad\\udcff.txt"), quote_name("new\\nline\\x1b[31m.txt")
    ('bad%FF.txt', 'new%0Aline%1B[31m.txt')

    Left alone: every other character, spaces and backslashes included.
    """
    return _UNSAFE.sub(_escape, name)


def record_name(file_name: str, number: int) -> str:
    """The ``source_file`` of record ``number`` of a container named ``file_name``.

    >>> record_name("dump.jsonl.gz", 3)
    'dump.jsonl.gz#3'
    """
    return f"{file_name}#{number}"
