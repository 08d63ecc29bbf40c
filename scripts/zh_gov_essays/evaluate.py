"""Score a cleaner against a hand-labelled folder: ``zh-gov-essays evaluate DIR``.

A folder holds page excerpts (``*.txt``) and ``gold.jsonl``, one object per
file (fields in ``samples/README.md``).  :func:`evaluate_dir` runs the cleaner
on every labelled file through the ``inspect_file`` callable it is given (so
this module does not depend on the pipeline) and compares the returned
``Document.to_inspect()`` dict with the labels:

``boilerplate``
    share of boilerplate substrings, over all files, absent from every kept
    paragraph (each paragraph tested on its own).
``content``
    share of content substrings present in some kept paragraph.  A substring
    found only in the paragraphs joined without separators also counts as
    kept: the measure is about survival, and a cleaner may split a sentence
    differently from the page.  Such cases are listed as notes, not misses.
``first_paragraph``
    share of files with a ``first_paragraph_start`` where the first kept body
    paragraph starts with it, possibly after an enumerator (``一、``, ``（一）``,
    ``1.``, ``第一，`` …), or a heading kept before that paragraph does.
``title``, ``date``, ``source``, ``script``
    share of files whose value equals the label; null equals null, and an
    empty string counts as null.

Every comparison is modulo NFKC and whitespace (see :func:`normalise`), so
``服务，提高`` matches ``服务,提高`` and ``以 下`` matches ``以下``.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from zh_gov_essays.vocab.headings import NUMERALS
from zh_gov_essays.vocab.labels import is_salutation

MEASURES: tuple[str, ...] = (
    "boilerplate",
    "content",
    "first_paragraph",
    "title",
    "date",
    "source",
    "script",
)
"""The measures in table order."""

DEFAULT_THRESHOLDS: dict[str, float] = {
    "boilerplate": 0.97,
    "content": 1.00,
    "first_paragraph": 0.95,
    "title": 0.90,
    "date": 0.97,
    "source": 0.90,
    "script": 1.00,
}
"""The cleaner's targets: a measure passes at or above its value (stricter than
``samples/README.md``'s for first paragraph, date and source)."""

GOLD_NAME = "gold.jsonl"
_FIELDS = ("title", "date", "source", "script")
_EXCERPT_CONTEXT = 15
_SHOWN = 60
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_BREAKS = re.compile(r"[\t\n\v\f\r\x1c-\x1e\x85\u2028\u2029]+")

# Enumerators in either script: 两 and 兩.
_CN_NUM = NUMERALS + "兩"
_ENUMERATOR = re.compile(
    rf"""
    (?:
        [(（〔【\[][{_CN_NUM}0-9０-９]+[)）〕】\]][、,，.．:：]?  # （一） (1) 【一】
      | [{_CN_NUM}]+[、,，.．:：]                              # 一、 一.
      | [0-9０-９]+(?:[、,，:：)）]|[.．](?![0-9０-９]))        # 1. 1、 1) but not 1.5
      | 第[{_CN_NUM}0-9０-９]+(?:章|节|節|部分|条|條)?[、,，.．:：]?  # 第一， 第一章 第一条
      | [①-⑳⑴-⒇⒈-⒛][、,，.．:：]?                          # ① ⑴ ⒈
      | [Ⅰ-Ⅻ]+[、,，.．:：]                                  # Ⅰ、
      | [【\[〔](?=[^】\]〕]{{1,20}}[】\]〕]$)                  # 【背景链接】: a label heading
    )
    """,
    re.VERBOSE,
)


def normalise(text: str) -> str:
    """``text`` under NFKC with all whitespace deleted: the form every comparison uses.

    NFKC folds full-width forms, so Chinese and ASCII punctuation compare equal.

    >>> normalise("服务，提高") == normalise("服务,提高")
    True
    >>> normalise("以 下\u3000四个\xa0方面")
    '以下四个方面'
    """
    return "".join(ch for ch in unicodedata.normalize("NFKC", text) if not ch.isspace())


def strip_enumerator(text: str) -> str:
    """``text`` without whitespace and without one leading enumerator.

    >>> strip_enumerator(" 一、机关效能建设")
    '机关效能建设'
    >>> strip_enumerator("（一）效能概念")
    '效能概念'
    >>> strip_enumerator("第一，“效率”是一种比值")
    '“效率”是一种比值'
    >>> strip_enumerator("1.5亿元")
    '1.5亿元'
    >>> strip_enumerator("一年来")
    '一年来'
    >>> strip_enumerator("【背景链接】")
    '背景链接'
    """
    squeezed = "".join(ch for ch in text if not ch.isspace())
    match = _ENUMERATOR.match(squeezed)
    if not match:
        return squeezed
    rest = squeezed[match.end() :]
    if match.group(0)[:1] in "【[〔" and rest[-1:] in "】]〕":
        rest = rest[:-1]
    return rest


@dataclass(frozen=True)
class GoldEntry:
    """The labels of one file in ``gold.jsonl`` that scoring uses."""

    file: str
    title: str | None
    date: str | None
    source: str | None
    script: str | None
    boilerplate: tuple[str, ...]
    content: tuple[str, ...]
    first_paragraph_start: str | None


@dataclass(frozen=True)
class Miss:
    """One failed check: ``expected`` is the label, ``got`` what the cleaner gave.

    For a boilerplate miss ``expected`` is the substring that should be gone
    and ``excerpt`` shows the paragraph that still holds it; for a content
    miss ``got`` is None.
    """

    file: str
    measure: str
    expected: str | None
    got: str | None
    excerpt: str | None = None


@dataclass
class Tally:
    """Hits out of checks for one measure."""

    hits: int = 0
    total: int = 0

    @property
    def rate(self) -> float | None:
        """``hits / total``, or None when nothing was checked."""
        return self.hits / self.total if self.total else None

    def add(self, hit: bool) -> None:
        self.total += 1
        self.hits += int(hit)


@dataclass
class Score:
    """The outcome of :func:`evaluate_dir`.

    ``tallies`` has one :class:`Tally` per name in :data:`MEASURES`;
    ``misses`` lists every failed check in gold order; ``notes`` lists content
    substrings that survive only across a paragraph break; ``unlabelled``
    names ``*.txt`` files of the folder that ``gold.jsonl`` does not mention.
    """

    files: list[str] = field(default_factory=list)
    tallies: dict[str, Tally] = field(default_factory=lambda: {m: Tally() for m in MEASURES})
    misses: list[Miss] = field(default_factory=list)
    notes: list[Miss] = field(default_factory=list)
    unlabelled: list[str] = field(default_factory=list)

    def rate(self, measure: str) -> float | None:
        """The hit rate of ``measure`` (None when it had no checks)."""
        return self.tallies[measure].rate


def load_gold(folder: Path) -> list[GoldEntry]:
    """Read and check ``folder/gold.jsonl``.

    Raises :class:`ValueError` with a one-line message when the file is
    missing, unreadable, malformed, or names a file that is not in ``folder``.
    """
    path = Path(folder) / GOLD_NAME
    if not path.is_file():
        raise ValueError(f"{path}: not found; an evaluation folder needs a {GOLD_NAME}")
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise ValueError(f"{path}: cannot read as UTF-8 ({exc})") from exc
    entries: list[GoldEntry] = []
    seen: set[str] = set()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{path} line {number}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{where}: not valid JSON ({exc.msg})") from exc
        entry = _gold_entry(obj, where)
        if entry.file in seen:
            raise ValueError(f"{where}: file {entry.file!r} is labelled twice")
        if not (Path(folder) / entry.file).is_file():
            raise ValueError(f"{where}: labelled file {entry.file!r} is not in {folder}")
        seen.add(entry.file)
        entries.append(entry)
    if not entries:
        raise ValueError(f"{path}: holds no labelled files")
    return entries


def _gold_entry(obj: object, where: str) -> GoldEntry:
    """Check one parsed gold line and turn it into a :class:`GoldEntry`."""
    if not isinstance(obj, dict):
        raise ValueError(f"{where}: expected a JSON object, got {type(obj).__name__}")
    required = ("file", *_FIELDS, "boilerplate", "content", "first_paragraph_start")
    missing = [key for key in required if key not in obj]
    if missing:
        raise ValueError(f"{where}: missing field(s) {', '.join(missing)}")
    if not isinstance(obj["file"], str) or not obj["file"].strip():
        raise ValueError(f"{where}: 'file' must be a non-empty string")
    for key in (*_FIELDS, "first_paragraph_start"):
        if obj[key] is not None and not isinstance(obj[key], str):
            raise ValueError(f"{where}: {key!r} must be a string or null")
    if obj["date"] is not None and not _DATE.fullmatch(obj["date"]):
        raise ValueError(f"{where}: 'date' must be YYYY-MM-DD or null, got {obj['date']!r}")
    for key in ("boilerplate", "content"):
        value = obj[key]
        if not isinstance(value, list) or not all(isinstance(s, str) for s in value):
            raise ValueError(f"{where}: {key!r} must be a list of strings")
        if any(not normalise(s) for s in value):
            raise ValueError(f"{where}: {key!r} holds an entry that is only whitespace")
    fps = obj["first_paragraph_start"]
    if fps is not None and not normalise(fps):
        raise ValueError(f"{where}: 'first_paragraph_start' is only whitespace; use null")
    return GoldEntry(
        file=obj["file"],
        title=obj["title"],
        date=obj["date"],
        source=obj["source"],
        script=obj["script"],
        boilerplate=tuple(obj["boilerplate"]),
        content=tuple(obj["content"]),
        first_paragraph_start=fps,
    )


def evaluate_dir(folder: Path, inspect_file: Callable[[Path], dict]) -> Score:
    """Clean every labelled file of ``folder`` with ``inspect_file`` and score it.

    ``inspect_file(path)`` returns the ``Document.to_inspect()`` dict of one
    input file.  Raises :class:`ValueError` for a bad ``gold.jsonl`` (see
    :func:`load_gold`) or an inspect dict without the keys scoring reads.
    """
    folder = Path(folder)
    gold = load_gold(folder)
    score = Score()
    for entry in gold:
        doc = inspect_file(folder / entry.file)
        _score_file(entry, _checked_doc(doc, entry.file), score)
        score.files.append(entry.file)
    labelled = {entry.file for entry in gold}
    score.unlabelled = sorted(
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*.txt")
        if p.relative_to(folder).as_posix() not in labelled
    )
    return score


def _checked_doc(doc: object, file: str) -> dict:
    """``doc`` if it carries what scoring reads, else a :class:`ValueError`."""
    if not isinstance(doc, dict):
        raise ValueError(f"inspect_file({file}) returned {type(doc).__name__}, not a dict")
    missing = [key for key in ("paragraphs", *_FIELDS) if key not in doc]
    if missing:
        raise ValueError(f"inspect_file({file}) returned no {', '.join(missing)}")
    if not all(isinstance(p, dict) and isinstance(p.get("text"), str) for p in doc["paragraphs"]):
        raise ValueError(f"inspect_file({file}): every paragraph needs a 'text' string")
    return doc


def _score_file(entry: GoldEntry, doc: dict, score: Score) -> None:
    """Add the checks of one file to ``score``."""
    paragraphs: list[dict] = doc["paragraphs"]
    texts = [p["text"] for p in paragraphs]
    normed = [normalise(t) for t in texts]
    joined = "".join(normed)
    tallies = score.tallies

    for needle in entry.boilerplate:
        key = normalise(needle)
        holders = [i for i, text in enumerate(normed) if key in text]
        tallies["boilerplate"].add(not holders)
        if holders:
            excerpt = _excerpt(texts[holders[0]], key)
            more = f" (+{len(holders) - 1} more)" if len(holders) > 1 else ""
            score.misses.append(
                Miss(entry.file, "boilerplate", needle, None, f"¶{holders[0]}: {excerpt}{more}")
            )

    for needle in entry.content:
        key = normalise(needle)
        whole = any(key in text for text in normed)
        tallies["content"].add(whole or key in joined)
        if not whole and key in joined:
            score.notes.append(Miss(entry.file, "content", needle, "split across paragraphs"))
        elif not whole:
            score.misses.append(Miss(entry.file, "content", needle, None))

    if entry.first_paragraph_start is not None:
        hit, got = _first_paragraph(paragraphs, entry.first_paragraph_start)
        tallies["first_paragraph"].add(hit)
        if not hit:
            score.misses.append(
                Miss(entry.file, "first_paragraph", entry.first_paragraph_start, got)
            )

    for name in _FIELDS:
        expected, got = getattr(entry, name), doc[name]
        hit = _field_key(expected) == _field_key(got)
        tallies[name].add(hit)
        if not hit:
            score.misses.append(Miss(entry.file, name, expected, None if got is None else str(got)))


def _field_key(value: object) -> str | None:
    """The comparable form of a title/date/source/script value; empty means null."""
    if value is None:
        return None
    return normalise(str(value)) or None


def _first_paragraph(paragraphs: list[dict], start: str) -> tuple[bool, str | None]:
    """Whether the document opens as annotated, and an excerpt of its first body paragraph.

    The candidates are the headings kept before the first body paragraph and
    that paragraph itself; one must start with ``start``, as written or after
    a leading enumerator.  A speech's salutation (``同志们：``) opening the body
    counts like a heading: annotators mark the paragraph after it.

    >>> paras = [{"text": "一、基本内涵", "kind": "heading"}, {"text": "目前，", "kind": "body"}]
    >>> _first_paragraph(paras, "基本内涵")
    (True, '目前，')
    >>> _first_paragraph([{"text": "（一）基本内涵", "kind": "body"}], "基本内涵")
    (True, '（一）基本内涵')
    >>> _first_paragraph([{"text": "导航", "kind": "body"}], "基本内涵")
    (False, '导航')
    """
    key = normalise(start)
    candidates: list[str] = []
    first_body: str | None = None
    for paragraph in paragraphs:
        candidates.append(paragraph["text"])
        if paragraph.get("kind", "body") != "heading" and not is_salutation(paragraph["text"]):
            first_body = paragraph["text"]
            break
    hit = any(
        normalise(text).startswith(key) or normalise(strip_enumerator(text)).startswith(key)
        for text in candidates
    )
    return hit, None if first_body is None else _head(first_body)


def _head(text: str, width: int = 2 * _EXCERPT_CONTEXT) -> str:
    """The start of ``text`` on one line, cut to ``width`` characters.

    >>> _head("一二三四五", 3)
    '一二三…'
    """
    flat = _one_line(text)
    return flat if len(flat) <= width else flat[:width] + "…"


def _one_line(text: str) -> str:
    """``text`` with its line breaks and tabs turned into single spaces."""
    return _BREAKS.sub(" ", text)


def _excerpt(text: str, key: str) -> str:
    """A one-line piece of ``text`` around the first place that normalises to ``key``.

    Falls back to the start of ``text`` when the match cannot be mapped back.

    >>> _excerpt("本文由某某网收集整理。正文开始", "某某网")
    '本文由某某网收集整理。正文开始'
    >>> _excerpt("甲" * 40 + "导 航" + "乙" * 40, "导航")
    '…甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲导 航乙乙乙乙乙乙乙乙乙乙乙乙乙乙乙…'
    """
    normed: list[str] = []
    origin: list[int] = []
    for index, ch in enumerate(text):
        for out in unicodedata.normalize("NFKC", ch):
            if not out.isspace():
                normed.append(out)
                origin.append(index)
    found = "".join(normed).find(key)
    if found < 0:
        return _head(text)
    begin = origin[found]
    end = min(origin[found + len(key) - 1] + 1, begin + _SHOWN)
    lo, hi = max(0, begin - _EXCERPT_CONTEXT), min(len(text), end + _EXCERPT_CONTEXT)
    piece = _one_line(text[lo:hi])
    return ("…" if lo > 0 else "") + piece + ("…" if hi < len(text) else "")


def _check_thresholds(thresholds: dict[str, float]) -> None:
    unknown = sorted(set(thresholds) - set(MEASURES))
    if unknown:
        raise ValueError(f"unknown measure(s) {', '.join(unknown)}; known: {', '.join(MEASURES)}")


def _passes(tally: Tally, threshold: float | None) -> bool:
    """Whether ``tally`` meets ``threshold``; no threshold or no checks passes."""
    if threshold is None or not tally.total:
        return True
    return tally.hits >= threshold * tally.total - 1e-9


def failed_measures(score: Score, thresholds: dict[str, float]) -> list[str]:
    """The measures whose rate is below their threshold, in table order.

    A measure without a threshold, or without any checks, does not fail.
    Raises :class:`ValueError` for a threshold naming an unknown measure.
    """
    _check_thresholds(thresholds)
    return [m for m in MEASURES if not _passes(score.tallies[m], thresholds.get(m))]


def format_table(score: Score, thresholds: dict[str, float], verbose: bool = False) -> str:
    """A plain aligned table: measure, hits/total, rate, target, ok.

    With ``verbose``, the misses follow, one per line (file, measure, expected
    vs got; boilerplate misses with an excerpt of the paragraph that keeps
    them), then the notes and the unlabelled files.
    """
    _check_thresholds(thresholds)
    rows = [("measure", "hits/total", "rate", "target", "ok")]
    for measure in MEASURES:
        tally = score.tallies[measure]
        target = thresholds.get(measure)
        rows.append(
            (
                measure,
                f"{tally.hits}/{tally.total}",
                "-" if tally.rate is None else f"{tally.rate:.3f}",
                "-" if target is None else f"{target:.2f}",
                "yes" if _passes(tally, target) else "NO",
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [
        "  ".join(
            cell.ljust(width) if i == 0 else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        ).rstrip()
        for row in rows
    ]
    summary = f"{len(score.files)} files scored"
    if score.unlabelled:
        summary += f"; {len(score.unlabelled)} *.txt without a gold line not scored"
    lines.append(summary)
    if verbose:
        lines.extend(_section("misses", score.misses))
        lines.extend(_section("notes", score.notes))
        if score.unlabelled:
            lines.extend(["", f"unlabelled: {', '.join(score.unlabelled)}"])
    return "\n".join(lines)


def _section(title: str, misses: Iterable[Miss]) -> list[str]:
    """Lines listing ``misses`` under a ``title:`` header (nothing when empty)."""
    items = list(misses)
    if not items:
        return []
    lines = ["", f"{title}:"]
    for miss in items:
        if miss.measure == "boilerplate":
            kept = _head(miss.expected or "", _SHOWN)
            lines.append(f"  {miss.file}  boilerplate  kept {kept!r}")
            lines.append(f"      {miss.excerpt}")
        else:
            expected = None if miss.expected is None else _head(miss.expected, _SHOWN)
            got = "nothing" if miss.got is None else repr(_head(miss.got, _SHOWN))
            lines.append(f"  {miss.file}  {miss.measure}  expected {expected!r}, got {got}")
    return lines
