"""What a command tells its caller: exit statuses, one-line errors, the inputs it must name."""

from __future__ import annotations

import signal
import sys
from collections.abc import Iterable, Iterator

from zh_gov_essays.names import printable
from zh_gov_essays.records import Document, reason_code

EXIT_PUBLISHED = 0
EXIT_BUG = 1
EXIT_USAGE = 2
# Inputs that are broken containers or files rather than poor essays: the
# build goes on and publishes, lists them in the manifest, prints one line
# for each and exits with this status so that scripts notice.
EXIT_INPUT_ERRORS = 3
# Cleaning some inputs raised (a bug): they are rejected as internal_error,
# the build goes on and publishes, and says so.
EXIT_INTERNAL_ERRORS = 4
EXIT_OUT_OF_MEMORY = 5
EXIT_SIGINT = 128 + signal.SIGINT
EXIT_BROKEN_PIPE = 141
EXIT_SIGTERM = 128 + signal.SIGTERM

EXIT_CODES = {
    EXIT_PUBLISHED: "published",
    EXIT_BUG: "nothing published: an unexpected error, a bug (rerun with --debug and report it)",
    EXIT_USAGE: "nothing published: a problem to fix first (bad arguments or card template, no "
    "input, an --out that holds other files or is a mount point, unwritable output, another "
    "build into the same --out, no document kept, failed validation)",
    EXIT_INPUT_ERRORS: "published, but some inputs were corrupt or unreadable files (one line "
    "each on stderr, rejected in the manifest)",
    EXIT_INTERNAL_ERRORS: "published, but cleaning some inputs hit a bug (one line each on "
    "stderr, rejected as internal_error in the manifest; please report them)",
    EXIT_OUT_OF_MEMORY: "nothing published: out of memory (a MemoryError, or a worker process "
    "killed, as the out-of-memory killer does); lower --workers",
    EXIT_SIGINT: "interrupted by SIGINT (Ctrl-C): nothing published, unless the last line says "
    "the new corpus was",
    EXIT_BROKEN_PIPE: "the reader of stdout went away (as with head): output cut short",
    EXIT_SIGTERM: "terminated by SIGTERM: nothing published, unless the last line says the new "
    "corpus was",
}
"""Every exit status of ``build`` (``inspect`` uses 0, 2, 3, 4 the same way)."""


class CommandError(Exception):
    """A failure explained in one line; ``code`` is the exit status."""

    code = EXIT_BUG


class UsageError(CommandError):
    """A problem the user can fix; printed as one line, exit status 2."""

    code = EXIT_USAGE


class OutOfResources(CommandError):
    """The machine could not hold the build (memory, a killed worker); exit status 5."""

    code = EXIT_OUT_OF_MEMORY


class Interrupted(KeyboardInterrupt):
    """SIGINT or SIGTERM reached the command; ``published`` says whether the new corpus was."""

    def __init__(self, signum: int = signal.SIGINT, published: bool = False) -> None:
        super().__init__(signum)
        self.signum = signum
        self.published = published


def on_sigterm(signum: int, _frame: object) -> None:
    """SIGTERM is handled like Ctrl-C: unwind, remove temporary folders, stop the workers."""
    raise Interrupted(signum)


def note(message: str) -> None:
    print(f"zh-gov-essays: {printable(message)}", file=sys.stderr)


class InputReport:
    """The inputs a command must name on stderr: broken files and internal errors, in order."""

    def __init__(self) -> None:
        self.broken = 0
        self.internal = 0
        self.entries: list[tuple[str, str, str]] = []  # (kind, source_file, reason)

    def note(self, doc: Document) -> str | None:
        """Record ``doc`` if it must be named; return its line (without a suffix)."""
        from zh_gov_essays.engines.guard import INTERNAL_ERROR
        from zh_gov_essays.read import INPUT_ERRORS

        code = reason_code(doc.reject_reason)
        if code == INTERNAL_ERROR:
            self.internal += 1
            detail = (doc.reject_reason or "").split(": ", 1)[-1]
            self.entries.append(("internal", doc.source_file, detail))
        elif code in INPUT_ERRORS:
            self.broken += 1
            self.entries.append(("broken", doc.source_file, doc.reject_reason or ""))
        else:
            return None
        return self.line(*self.entries[-1], published=None)

    def noting(self, docs: Iterable[Document]) -> Iterator[Document]:
        for doc in docs:
            self.note(doc)
            yield doc

    @staticmethod
    def line(kind: str, source: str, reason: str, *, published: bool | None) -> str:
        if kind == "internal":
            suffix = "rejected in the manifest; " if published else ""
            return (
                f"zh-gov-essays: error: internal error on {printable(source)}: "
                f"{printable(reason)} ({suffix}this is a bug, please report it)"
            )
        suffix = " (listed in the manifest)" if published else ""
        return (
            f"zh-gov-essays: error: corrupt input {printable(source)}: {printable(reason)}{suffix}"
        )

    def print_lines(self, *, published: bool) -> None:
        for entry in self.entries:
            print(self.line(*entry, published=published), file=sys.stderr)

    @property
    def exit_code(self) -> int:
        if self.internal:
            return EXIT_INTERNAL_ERRORS
        return EXIT_INPUT_ERRORS if self.broken else EXIT_PUBLISHED


def progress(items: Iterator, total: int | None, desc: str) -> Iterator:
    """A progress bar on stderr (none when stderr is not a terminal)."""
    from tqdm import tqdm

    return tqdm(items, total=total, desc=desc, unit="doc", disable=None, file=sys.stderr)
