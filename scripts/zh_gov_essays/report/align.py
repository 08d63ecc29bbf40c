"""Lay the removed log and the kept paragraphs over the raw page, line by line.

The cleaner logs removals in page order: a line removed whole is logged as the
stripped raw line; a deletion inside a kept line (a watermark, a pinyin gloss,
an SEO clause) is logged as the deleted fragments of that line, joined by one
space.  :func:`align` walks the raw lines and the log together: a log entry
equal to the stripped line marks the line removed; otherwise the entries next
in the log whose fragments are found in the line are marked inline.  Entries
that cannot be placed (a fragment of text an earlier repair had changed) are
returned apart, so nothing in the log is hidden.

Each line that keeps text is then matched to the kept paragraph it became
(several, for a page that arrived as one long line), by its letters and
ideographs (punctuation and spacing are what repairs change), so the page can
show which paragraph a line became and its repairs.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from itertools import islice

from zh_gov_essays.segment import INVALID_PARAGRAPH

# Rules the pipeline logs after every line's entries (a paragraph that failed
# the publishing checks is dropped once all lines are joined): matched apart.
LOGGED_LAST = frozenset({INVALID_PARAGRAPH.name})
# How many unplaced log entries ahead of the first one are tried against a line.
LOG_WINDOW = 40
# How many paragraphs ahead of the current one a line may belong to.
PARAGRAPH_WINDOW = 4
# A line whose letters are not found verbatim in a paragraph is still given to
# the paragraph it shares the longest run of letters with, if the run is at
# least this long (a line a repair re-decoded).
MIN_SHARED_RUN = 8


@dataclass
class RawLine:
    """One raw line and what became of it."""

    text: str
    rule: str | None = None  # removed whole by this rule
    marks: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, rule) cut inline
    paragraphs: list[int] = field(default_factory=list)  # kept paragraphs it went into


@dataclass
class Alignment:
    lines: list[RawLine]
    unplaced: list[tuple[str, str]]  # (rule, text) log entries not found in the page


def _runs(positions: list[int]) -> list[tuple[int, int]]:
    """Contiguous ``(start, end)`` runs of sorted positions.

    >>> _runs([2, 3, 4, 7, 8])
    [(2, 5), (7, 9)]
    """
    out: list[tuple[int, int]] = []
    for pos in positions:
        if out and out[-1][1] == pos:
            out[-1] = (out[-1][0], pos + 1)
        else:
            out.append((pos, pos + 1))
    return out


def locate(text: str, line: str, taken: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """Spans of ``line`` holding the logged ``text``; ``[]`` when it is not there.

    The text is looked for in the line as the rule saw it: without the spans
    already ``taken`` by earlier rules (a mojibake run logged after its U+FFFD
    were cut).  It is found whole, or as its space-separated fragments in order.

    >>> locate("(xié) (jī)", "政協(xié)機(jī)關", [])
    [(2, 7), (8, 12)]
    >>> locate("公务员之家版权所有", "最公务员之家版权所有大限度地", [])
    [(1, 10)]
    >>> locate("浜屻佸姞", "　浜屻\ufffd佸姞", [(3, 4, "replacement_char")])
    [(1, 3), (4, 6)]
    >>> locate("(xué)", "政協(xié)機關", [])
    []
    """
    free = bytearray(b"\x01") * len(line)
    for start, end, _ in taken:
        free[start:end] = bytes(end - start)
    index = [i for i, ok in enumerate(free) if ok]
    view = "".join(line[i] for i in index)
    found: list[tuple[int, int]] = []
    whole = view.find(text) if text else -1
    if whole >= 0:
        found.append((whole, whole + len(text)))
    else:
        pos = 0
        for piece in text.split(" "):
            if not piece:
                continue
            at = view.find(piece, pos)
            if at < 0:
                return []
            found.append((at, at + len(piece)))
            pos = at + len(piece)
    return [run for start, end in found for run in _runs(index[start:end])]


def align(raw_lines: list[str], removed: list[tuple[str, str]], paragraphs: list[str]) -> Alignment:
    """Mark every raw line as removed (by which rule), cut inline, or kept (in which paragraph)."""
    last = [entry for entry in removed if entry[0] in LOGGED_LAST]
    removed = [entry for entry in removed if entry[0] not in LOGGED_LAST]
    lines = [RawLine(text) for text in raw_lines]
    stripped = [text.strip() for text in raw_lines]
    # Which stripped lines still lie ahead: an entry equal to one of them is a
    # whole-line removal of a later line, and ends the search for fragments.
    ahead = {}
    for text in stripped:
        ahead[text] = ahead.get(text, 0) + 1
    used = [False] * len(removed)
    unplaced: set[int] = set()
    first = 0  # first log entry not yet placed or given up
    for line, key in zip(lines, stripped, strict=True):
        ahead[key] -= 1
        if not key:
            continue
        window = list(islice((k for k in range(first, len(removed)) if not used[k]), LOG_WINDOW))
        whole = next((k for k in window if removed[k][1].strip() == key), None)
        consumed = []
        if whole is not None:
            line.rule = removed[whole][0]
            consumed.append(whole)
        else:
            for k in window:
                rule, text = removed[k]
                if ahead.get(text.strip(), 0) > 0:
                    break  # a later line's whole-line entry: this line's entries are behind us
                spans = locate(text, line.text, line.marks)
                if spans:
                    line.marks.extend((s, e, rule) for s, e in spans)
                    consumed.append(k)
            line.marks.sort()
        for k in consumed:
            used[k] = True
        if consumed:
            # Entries logged before the last one placed here belong to this or
            # an earlier line: if still unplaced, they cannot be placed any more.
            for k in range(first, max(consumed)):
                if not used[k]:
                    unplaced.add(k)
                    used[k] = True
        while first < len(removed) and used[first]:
            first += 1
    leftover = sorted(unplaced | {k for k in range(len(removed)) if not used[k]})
    missing = [removed[k] for k in leftover] + _place_last(lines, last)
    _assign_paragraphs(lines, paragraphs)
    return Alignment(lines, missing)


def _place_last(lines: list[RawLine], entries: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Mark the first untouched line equal to each entry (in letters); return those not found."""
    missing = []
    for rule, text in entries:
        key = skeleton(text)
        for line in lines:
            if line.rule is None and not line.marks and key and skeleton(line.text) == key:
                line.rule = rule
                break
        else:
            missing.append((rule, text))
    return missing


def skeleton(text: str) -> str:
    """The letters, digits and ideographs of ``text``, NFKC-folded: what repairs leave alone.

    >>> skeleton("政协(一)机关：ＩＳＯ 9001, 好!")
    '政协一机关iso9001好'
    """
    return "".join(ch for ch in unicodedata.normalize("NFKC", text).casefold() if ch.isalnum())


def _kept_text(line: RawLine) -> str:
    if line.rule is not None:
        return ""
    out, pos = [], 0
    for start, end, _ in line.marks:
        out.append(line.text[pos:start])
        pos = max(pos, end)
    out.append(line.text[pos:])
    return "".join(out)


def _inside(key: str, skeletons: list[str], current: int) -> list[int]:
    """Consecutive paragraphs from about ``current`` on whose letters all lie in ``key``, in order."""
    found: list[int] = []
    pos = 0
    for q in range(current, len(skeletons)):
        at = key.find(skeletons[q], pos) if skeletons[q] else -1
        if at >= 0:
            found.append(q)
            pos = at + len(skeletons[q])
        elif found or q >= current + PARAGRAPH_WINDOW:
            break
    return found


def _assign_paragraphs(lines: list[RawLine], paragraphs: list[str]) -> None:
    skeletons = [skeleton(p) for p in paragraphs]
    current, offset = 0, 0
    for line in lines:
        key = skeleton(_kept_text(line))
        if not key or not skeletons:
            continue
        several = _inside(key, skeletons, current)
        if len(several) > 1:  # a run-on line the cleaner split into paragraphs
            line.paragraphs = several
            current, offset = several[-1], len(skeletons[several[-1]])
            continue
        choice = None
        for q in range(current, min(current + PARAGRAPH_WINDOW, len(skeletons))):
            pos = skeletons[q].find(key, offset if q == current else 0)
            if pos >= 0:
                choice, offset = q, pos + len(key)
                break
        if choice is None:
            best = 0
            for q in range(current, min(current + PARAGRAPH_WINDOW, len(skeletons))):
                match = SequenceMatcher(None, key, skeletons[q], autojunk=False)
                run = match.find_longest_match(0, len(key), 0, len(skeletons[q]))
                if run.size > best and run.size >= min(MIN_SHARED_RUN, len(key)):
                    best, choice, offset = run.size, q, run.b + run.size
        if choice is not None:
            line.paragraphs = [choice]
            current = choice
