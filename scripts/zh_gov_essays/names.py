r"""File names as the corpus records them, and text made safe for a terminal.

A POSIX file name is bytes.  Python hands undecodable bytes over as lone
surrogates (``os.fsdecode``, "surrogateescape"), which no UTF-8 writer
accepts, and a name may hold a newline or an escape sequence that breaks a
manifest line or colours a terminal.  :func:`spell_name` gives every name
one spelling that is

* **printable**: no control character, line separator, bidirectional
  override or surrogate is left (see :data:`TERMINAL_CONTROLS`);
* **lossless**: :func:`unspell_name` gives the name back, byte for byte;
* **deterministic**: it depends on the name only, and a name that is valid
  UTF-8 with none of those characters and no backslash is left as it is.

The escapes, in Python's own notation: ``\xNN`` is the single byte ``NN``
(an undecodable byte, or a C0 control or DEL, which are one byte in UTF-8),
``\uNNNN`` is that character (C1 controls, U+2028/U+2029, bidirectional
controls: several bytes in UTF-8), and ``\\`` is a backslash.

:func:`printable` is the looser cousin for messages: the same characters are
escaped, but a backslash is left alone (nothing needs to be read back).
"""

from __future__ import annotations

import re

TERMINAL_CONTROLS = re.compile(
    "[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
"""Characters a terminal acts on instead of showing (C0 and C1 controls, DEL,
line and paragraph separators, bidirectional marks, embeddings, overrides
and isolates) and lone surrogates (undecodable bytes of a file name)."""

_TO_SPELL = re.compile(r"\\|" + TERMINAL_CONTROLS.pattern)
_SPELLED = re.compile(r"\\(?:\\|x[0-9a-f]{2}|u[0-9a-f]{4})")


def _escape(char: str) -> str:
    code = ord(char)
    if code < 0x80:
        return f"\\x{code:02x}"
    if 0xDC80 <= code <= 0xDCFF:  # os.fsdecode's stand-in for the byte code - 0xDC00
        return f"\\x{code - 0xDC00:02x}"
    return f"\\u{code:04x}"


def spell_name(name: str) -> str:
    r"""The printable, lossless spelling of a file name (or relative path) from ``os``.

    >>> spell_name("工作总结.txt")
    '工作总结.txt'
    >>> import os; spell_name(os.fsdecode(b"bad\xff.txt"))
    'bad\\xff.txt'
    >>> spell_name("a\\b\n.txt"), spell_name("\u202etxt.exe")
    ('a\\\\b\\x0a.txt', '\\u202etxt.exe')
    """
    return _TO_SPELL.sub(lambda m: "\\\\" if m.group() == "\\" else _escape(m.group()), name)


def unspell_name(spelled: str) -> str:
    r"""The name :func:`spell_name` spelled, as ``os`` functions take it.

    >>> import os; os.fsencode(unspell_name("bad\\xff.txt"))
    b'bad\xff.txt'
    >>> unspell_name("a\\\\b\\x0a.txt")
    'a\\b\n.txt'
    """

    def back(match: re.Match[str]) -> str:
        token = match.group()
        if token == "\\\\":
            return "\\"
        code = int(token[2:], 16)
        if token[1] == "x" and code >= 0x80:
            return chr(0xDC00 + code)
        return chr(code)

    return _SPELLED.sub(back, spelled)


def printable(text: str) -> str:
    r"""``text`` with terminal controls and surrogates escaped, for one line on a terminal.

    >>> printable("built \x1b[31mcorpus\x1b[0m/\n")
    'built \\x1b[31mcorpus\\x1b[0m/\\x0a'
    """
    return TERMINAL_CONTROLS.sub(lambda m: _escape(m.group()), text)
