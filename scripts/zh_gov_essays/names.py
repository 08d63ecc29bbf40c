"""Text made safe for a terminal: what a terminal acts on is escaped, nothing else.

A file name may hold a newline or an escape sequence that would break or
colour a terminal line; :func:`printable` escapes such characters in
messages.  (How names are spelled in ``source_file`` is
:mod:`zh_gov_essays.read.names`: percent-encoded, lossless.)
"""

from __future__ import annotations

import re

TERMINAL_CONTROLS = re.compile(
    "[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
"""Characters a terminal acts on instead of showing (C0 and C1 controls, DEL,
line and paragraph separators, bidirectional marks, embeddings, overrides
and isolates) and lone surrogates (undecodable bytes of a file name)."""


def _escape(char: str) -> str:
    code = ord(char)
    if code < 0x80:
        return f"\\x{code:02x}"
    if 0xDC80 <= code <= 0xDCFF:  # os.fsdecode's stand-in for the byte code - 0xDC00
        return f"\\x{code - 0xDC00:02x}"
    return f"\\u{code:04x}"


def printable(text: str) -> str:
    r"""``text`` with terminal controls and surrogates escaped, for one line on a terminal.

    >>> printable("built \x1b[31mcorpus\x1b[0m/\n")
    'built \\x1b[31mcorpus\\x1b[0m/\\x0a'
    """
    return TERMINAL_CONTROLS.sub(lambda m: _escape(m.group()), text)
