"""Speed of the zh-gov-essays pipeline, reported as ratios measured in one run.

The script writes a synthetic crawl into a temporary directory, built from
the project's own ``seeds/``: their lines are recombined and mutated
(paragraphs shuffled, dropped and spliced in from other seeds, dates and
times varied) so every page has its own ``doc_id``.  A share of the pages
carries the noise the cleaner exists for: page numbers between paragraphs
(as in seed 001), Traditional script with pinyin glosses (as in seed 003)
and GB18030 bytes.  It then measures, on this machine and in this run:

* throughput of :func:`~zh_gov_essays.pipeline.process` alone (docs/s, MB/s);
* the crawl-level first pass (:func:`~zh_gov_essays.pipeline.learn_crawl`,
  site templates) as ``build`` runs it, reading the inputs from disk once
  more, relative to processing them;
* the publishing overhead: :func:`~zh_gov_essays.publish.writer.write_corpus` over
  the processed documents, relative to processing them;
* the speedup of the local engine with ``--workers`` processes over one;
* the share of process time spent in each pipeline stage and in each text
  rule (each rule's function timed over exactly the lines it saw);
* streaming: the peak RSS of a whole build (read → process → publish) of
  N documents and of 2N documents, each in a fresh process; the ratio stays
  near 1 when the build streams;
* the cost per KB of the slowest text rule relative to plain
  ``str.replace`` over the same lines, a ratio that travels between
  machines better than seconds do;
* the duplicate finder (:func:`measure_dedup`): fingerprints (computed in
  the engines' workers) and marking in corpus order (the writer's single
  process), per paragraph, relative to ``process``; the memory it keeps
  across documents per paragraph; and its MinHash against datasketch's on
  the same n-gram sets, when datasketch is installed.  The synthetic pages
  are recombined seeds, so nearly every page copies paragraphs of others:
  a worst case for candidate checks.

Absolute times are printed for context only; compare the ratios.  Run it
from the repository root::

    python scripts/benchmark.py              # 400 documents, a table
    python scripts/benchmark.py --docs 2000 --json
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gc
import hashlib
import json
import os
import pickle
import platform
import random
import re
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

# Only what the pool workers need is imported here: with the "spawn" start method every
# worker re-imports this script, and publishing (pyarrow, datasets) would add seconds to
# the engine's start-up that ``zh-gov-essays build`` does not pay.
from zh_gov_essays import pipeline, repair, segment
from zh_gov_essays.engines.local import run_local
from zh_gov_essays.read import iter_inputs
from zh_gov_essays.records import Document, RawDoc
from zh_gov_essays.repair import BODY_REPAIRS, LINE_REPAIRS
from zh_gov_essays.repair.pinyin import has_pinyin_gloss
from zh_gov_essays.rules import TextRule

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CARD_TEMPLATE = ROOT / "DATASET_CARD.md"

DEFAULT_DOCS = 400

# Noise kinds of the synthetic pages and their shares.
KINDS: dict[str, float] = {
    "plain": 0.45,  # a mutated seed, UTF-8
    "page_numbers": 0.20,  # page numbers between (and inside) paragraphs, as in seed 001
    "pinyin_trad": 0.20,  # Traditional with pinyin glosses, as in seed 003
    "gb18030": 0.15,  # a mutated Simplified seed, GB18030 bytes
}

# A line at least this long is essay body; shorter ones are headings or furniture.
BODY_LINE_CHARS = 100
# Share of convertible characters that get a pinyin gloss in "pinyin_trad" pages.
GLOSS_SHARE = 0.8
# The stages of ``pipeline.process``, timed by wrapping the module's functions.
STAGES: dict[str, str] = {
    "decode_raw": "decode",
    "split_run_on_page": "split run-on lines",
    "repair_lines": "repair lines (line rules)",
    "classify": "classify lines",
    "read_metadata": "title and metadata",
    "body_paragraphs": "paragraphs (body rules, joins)",
    "evidence": "script detection",
}
# Row groups of the streaming check's builds.  The writer buffers one row group
# per config and split (ShardPolicy: up to 100 MB by default), so
# below a few thousand documents the default buffer grows with N by design and
# would hide whether anything else does.
STREAM_ROWS_PER_ROW_GROUP = 64
# Row-group policies compared by the re-upload measurement.
# (ShardPolicy arguments: the policy is made where publishing is imported.)
REUPLOAD_POLICIES: dict[str, dict[str, int]] = {
    "2,000-row groups": {"rows_per_row_group": 2000, "bytes_per_row_group": 32 << 20},
    "20,000-row groups": {"rows_per_row_group": 20000, "bytes_per_row_group": 32 << 20},
    "100 MB groups (default)": {},
}
# Runs of each engine configuration; the fastest counts.
ENGINE_REPEATS = 2
# The plain replacement the slowest rule is compared with.
BASELINE_OLD, BASELINE_NEW = "。", "．"

_DATE = re.compile(r"(?:19|20)\d\d-[01]\d-[0-3]\d")
_CN_DATE = re.compile(r"(?:19|20)\d\d年[01]?\d月[0-3]?\d日")
_TIME = re.compile(r"\b[0-2]\d:[0-5]\d(?::[0-5]\d)?\b")


# --------------------------------------------------------------------------------------
# The synthetic crawl
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Seed:
    """One seed page split into lines, with what kind of page it is."""

    name: str
    lines: tuple[str, ...]
    traditional: bool
    glossed: bool

    @property
    def body(self) -> list[str]:
        """The seed's long lines: paragraphs of essay text."""
        return [ln for ln in self.lines if len(ln.strip()) >= BODY_LINE_CHARS]


@functools.cache
def load_seeds(seeds_dir: Path = SEEDS) -> tuple[Seed, ...]:
    """The seed pages under ``seeds_dir`` (UTF-8 ``.txt``), sorted by name."""
    from zh_gov_essays.script import document_script

    out = []
    for path in sorted(seeds_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        lines = tuple(text.split("\n"))
        glossed = has_pinyin_gloss(text)
        out.append(Seed(path.name, lines, document_script(lines) == "Hant" or glossed, glossed))
    if not out:
        raise SystemExit(f"benchmark: no seeds under {seeds_dir}")
    return tuple(out)


def _random_date(rng: random.Random) -> tuple[int, int, int]:
    return rng.randint(2005, 2024), rng.randint(1, 12), rng.randint(1, 28)


def vary_numbers(text: str, rng: random.Random) -> str:
    """Replace dates and clock times in ``text`` with other valid ones.

    >>> vary_numbers("时间:2022-06-25 09:54:00", random.Random(1))
    '时间:2009-10-28 02:16:07'
    """

    def iso(_m: re.Match[str]) -> str:
        y, mo, d = _random_date(rng)
        return f"{y:04d}-{mo:02d}-{d:02d}"

    def cn(_m: re.Match[str]) -> str:
        y, mo, d = _random_date(rng)
        return f"{y}年{mo}月{d}日"

    def clock(m: re.Match[str]) -> str:
        parts = [rng.randint(0, 23), rng.randint(0, 59), rng.randint(0, 59)]
        return ":".join(f"{p:02d}" for p in parts[: m.group().count(":") + 1])

    return _TIME.sub(clock, _CN_DATE.sub(cn, _DATE.sub(iso, text)))


def mutate(seed: Seed, rng: random.Random, donors: list[Seed]) -> list[str]:
    """The lines of a new page made from ``seed``.

    Header and footer lines stay in place; the essay paragraphs are
    shuffled (or a few swapped), one or two dropped, and one or two
    paragraphs from a ``donors`` seed spliced in.  Dates and times vary.
    """
    lines = list(seed.lines)
    body_at = [i for i, ln in enumerate(lines) if len(ln.strip()) >= BODY_LINE_CHARS]
    if len(body_at) < 2:
        return vary_numbers("\n".join(lines), rng).split("\n")
    first, last = body_at[0], body_at[-1]
    head, body, tail = lines[:first], lines[first : last + 1], lines[last + 1 :]
    spaced = "" in body  # blank lines between paragraphs, as in most seeds
    paras = [ln for ln in body if ln.strip()]
    long_at = [i for i, ln in enumerate(paras) if len(ln.strip()) >= BODY_LINE_CHARS]
    moved = [paras[i] for i in long_at]
    if rng.random() < 0.5:
        rng.shuffle(moved)
    else:
        for _ in range(rng.randint(1, 3)):
            a, b = rng.randrange(len(moved)), rng.randrange(len(moved))
            moved[a], moved[b] = moved[b], moved[a]
    for i, text in zip(long_at, moved, strict=True):
        paras[i] = text
    for _ in range(rng.randint(0, 2)):
        if len(paras) > 6:
            paras.pop(rng.choice([i for i, p in enumerate(paras) if len(p) >= BODY_LINE_CHARS]))
    same_script = [d for d in donors if d.traditional == seed.traditional and d.body]
    if same_script:
        donor = rng.choice(same_script)
        for _ in range(rng.randint(1, 2)):
            paras.insert(rng.randint(1, len(paras)), rng.choice(donor.body))
    if spaced:
        body = [x for p in paras for x in (p, "")][:-1]
    else:
        body = paras
    return vary_numbers("\n".join(head + body + tail), rng).split("\n")


def add_page_numbers(lines: list[str], rng: random.Random) -> list[str]:
    """Put a page number after every few paragraphs; sometimes mid-sentence.

    Like seed 001: a lone ``3`` on its own line, blank lines around it, and
    now and then a paragraph cut in two by the page break.
    """
    out: list[str] = []
    page, since = 1, 0
    for line in lines:
        if len(line) >= BODY_LINE_CHARS and since >= 2 and rng.random() < 0.4:
            cut = line.find("，", len(line) // 3)
            if cut < 0:
                cut = line.find(",", len(line) // 3)
            if cut > 0:
                out += [line[: cut + 1], "", str(page), "", line[cut + 1 :]]
                page, since = page + 1, 0
                continue
        out.append(line)
        if len(line) >= BODY_LINE_CHARS:
            since += 1
            if since >= rng.randint(2, 4):
                out += ["", str(page), ""]
                page, since = page + 1, 0
    return out


@functools.cache
def _s2t() -> Any:
    import opencc

    return opencc.OpenCC("s2t")


@functools.cache
def _reading(ch: str) -> str | None:
    """The first toned pinyin reading of one character, or None."""
    from pypinyin import Style, pinyin

    reading = pinyin(ch, style=Style.TONE, errors="ignore")
    syllable = reading[0][0] if reading and reading[0] else ""
    return syllable if syllable.isalpha() and syllable.islower() else None


def gloss_traditional(lines: list[str], rng: random.Random) -> list[str]:
    """Convert Simplified lines to Traditional, glossing converted characters.

    Like seed 003: ``政协机关`` becomes ``政協(xié)機(jī)關(guān)``.
    """
    out = []
    for line in lines:
        trad = _s2t().convert(line)
        if len(trad) != len(line):
            out.append(trad)
            continue
        pieces = []
        for simp, ch in zip(line, trad, strict=True):
            pieces.append(ch)
            if simp != ch and rng.random() < GLOSS_SHARE:
                reading = _reading(simp)
                if reading:
                    pieces.append(f"({reading})")
        out.append("".join(pieces))
    return out


def make_page(kind: str, rng: random.Random, seeds: tuple[Seed, ...]) -> bytes:
    """The raw bytes of one synthetic page of ``kind`` (one of :data:`KINDS`)."""
    simplified = [s for s in seeds if not s.traditional] or list(seeds)
    if kind == "plain":
        seed = rng.choice(seeds)
        return "\n".join(mutate(seed, rng, list(seeds))).encode("utf-8")
    if kind == "page_numbers":
        seed = rng.choice(simplified)
        return "\n".join(add_page_numbers(mutate(seed, rng, list(seeds)), rng)).encode("utf-8")
    if kind == "pinyin_trad":
        glossed = [s for s in seeds if s.glossed]
        if glossed and rng.random() < 0.5:
            return "\n".join(mutate(rng.choice(glossed), rng, glossed)).encode("utf-8")
        seed = rng.choice(simplified)
        return "\n".join(gloss_traditional(mutate(seed, rng, simplified), rng)).encode("utf-8")
    if kind == "gb18030":
        seed = rng.choice(simplified)
        return "\n".join(mutate(seed, rng, simplified)).encode("gb18030")
    raise ValueError(f"unknown page kind {kind!r}: choose one of {', '.join(KINDS)}")


def generate_pages(n: int, *, seed: int = 0) -> Iterator[tuple[str, bytes]]:
    """``n`` synthetic pages as ``(file name, raw bytes)``, all with distinct bytes.

    Deterministic for a given ``seed``.  Kinds are dealt in the shares of
    :data:`KINDS`; the file name is ``{index:05d}_{kind}.txt``.
    """
    rng = random.Random(seed)
    seeds = load_seeds()
    names = list(KINDS)
    weights = list(KINDS.values())
    seen: set[bytes] = set()
    for index in range(n):
        kind = rng.choices(names, weights)[0]
        data = make_page(kind, rng, seeds)
        for _attempt in range(20):  # a mutation that repeats an earlier page: mutate again
            if hashlib.sha256(data).digest() not in seen:
                break
            data = make_page(kind, rng, seeds)
        else:  # a seed too plain to vary: make the page unique with a footer (ASCII)
            data += f"\nviews: {index}".encode("ascii")
        seen.add(hashlib.sha256(data).digest())
        yield f"{index:05d}_{kind}.txt", data


def write_crawl(out_dir: Path, n: int, *, seed: int = 0) -> Counter[str]:
    """Write ``n`` synthetic pages into ``out_dir``; return the count of each kind."""
    out_dir.mkdir(parents=True, exist_ok=True)
    kinds: Counter[str] = Counter()
    for name, data in generate_pages(n, seed=seed):
        (out_dir / name).write_bytes(data)
        kinds[name.split("_", 1)[1].removesuffix(".txt")] += 1
    return kinds


# --------------------------------------------------------------------------------------
# Measurements
# --------------------------------------------------------------------------------------


def _timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def _best_of(repeats: int, fn: Callable[[], Any], *, enough: float = 0.25) -> float:
    """The fastest of up to ``repeats`` runs; stop repeating once a run takes ``enough`` s.

    The garbage collector is off while timing, as in :mod:`timeit`: the
    benchmark holds millions of recorded objects, and a full collection
    landing in one rule's loop would be charged to that rule.
    """
    best = float("inf")
    enabled = gc.isenabled()
    gc.disable()
    try:
        for _ in range(repeats):
            best = min(best, _timed(fn)[0])
            if best >= enough:
                break
    finally:
        if enabled:
            gc.enable()
    return best


def warm_up() -> None:
    """Process the seeds once: builds OpenCC converters, pinyin tables and caches."""
    for path in sorted(SEEDS.glob("*.txt")):
        pipeline.process(RawDoc(path.name, path.read_bytes()))


@dataclass
class Recording:
    """What an instrumented pass over the documents saw."""

    stage_seconds: dict[str, float] = field(default_factory=lambda: dict.fromkeys(STAGES, 0.0))
    total_seconds: float = 0.0
    # Every apply_text_rules call of process(): (line, the rules it ran).
    calls: list[tuple[str, list[TextRule]]] = field(default_factory=list)


@contextlib.contextmanager
def instrumented(rec: Recording) -> Iterator[None]:
    """Time every stage of ``pipeline.process`` and record its text-rule calls.

    ``process`` looks its stage functions up in the module at call time, so
    wrapping the module attributes is enough; they are restored on exit.
    """
    # A stage the pipeline no longer has is left out (its time shows under "other").
    saved = {name: getattr(pipeline, name, None) for name in STAGES}
    # The stages that run text rules look the runner up in their own module.
    runners = (repair, segment)

    def timing(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                rec.stage_seconds[name] += time.perf_counter() - start

        return wrapper

    apply = repair.apply_text_rules

    def recording(line: str, rules: Any) -> Any:
        rec.calls.append((line, list(rules)))
        return apply(line, rules)

    try:
        for name in STAGES:
            if saved[name] is not None:
                setattr(pipeline, name, timing(name, saved[name]))
        for module in runners:
            module.apply_text_rules = recording  # type: ignore[attr-defined]
        yield
    finally:
        for name, fn in saved.items():
            if fn is not None:
                setattr(pipeline, name, fn)
        for module in runners:
            module.apply_text_rules = apply  # type: ignore[attr-defined]


def rule_label(rule: TextRule) -> str:
    """``name`` for a registered rule; ``name (learned)`` for one built per document."""
    suffix = "" if rule in LINE_REPAIRS or rule in BODY_REPAIRS else " (learned)"
    return f"{rule.name}{suffix}" + (" [body]" if rule in BODY_REPAIRS else "")


@dataclass
class RuleCost:
    """One text rule timed over every line it saw.

    ``seconds`` is the rule's function alone.  ``runner_seconds`` is
    ``apply_text_rules`` running just this rule over the same lines: the
    function plus what the runner adds, mostly the audit diff
    (``deleted_fragments``) of every change a logging rule makes.
    """

    label: str
    calls: int = 0
    changed: int = 0
    kbytes: float = 0.0
    seconds: float = 0.0
    runner_seconds: float = 0.0
    inputs: list[tuple[TextRule, list[TextRule], str]] = field(default_factory=list, repr=False)

    @property
    def runner_extra_seconds(self) -> float:
        """What the runner adds to the function (never below zero)."""
        return max(0.0, self.runner_seconds - self.seconds)


def rule_costs(calls: list[tuple[str, list[TextRule]]], repeats: int = 2) -> list[RuleCost]:
    """Time each rule over the lines it saw (best of ``repeats``), alone and in the runner.

    Replays the recorded ``apply_text_rules`` calls rule by rule, so each
    rule sees exactly its input in the pipeline.  Returns the costs in
    pipeline order.
    """
    from zh_gov_essays.rules import apply_text_rules

    costs: dict[str, RuleCost] = {}
    for line, rules in calls:
        text = line
        for rule in rules:
            label = rule_label(rule)
            cost = costs.get(label) or costs.setdefault(label, RuleCost(label))
            cost.inputs.append((rule, [rule], text))
            new = rule.fn(text)
            if new != text:
                cost.changed += 1
                text = new
    for cost in costs.values():
        cost.calls = len(cost.inputs)
        cost.kbytes = sum(len(t.encode("utf-8")) for _, _, t in cost.inputs) / 1024
        inputs = cost.inputs
        cost.seconds = _best_of(repeats, lambda inputs=inputs: [r.fn(t) for r, _, t in inputs])
        cost.runner_seconds = _best_of(  # the diffs dominate: one run is steady enough
            1, lambda inputs=inputs: [apply_text_rules(t, one) for _, one, t in inputs]
        )
    return list(costs.values())


def replace_seconds(texts: list[str], repeats: int = 5) -> float:
    """Seconds of plain ``str.replace`` over ``texts`` (best of ``repeats``)."""
    return _best_of(repeats, lambda: [t.replace(BASELINE_OLD, BASELINE_NEW) for t in texts])


def engine_seconds(input_dir: Path, workers: int) -> tuple[float, float, int]:
    """(total, first-document, count) seconds of the local engine over ``input_dir``."""
    start = time.perf_counter()
    first = None
    count = 0
    for _doc in run_local(iter_inputs(input_dir), workers=workers):
        if first is None:
            first = time.perf_counter() - start
        count += 1
    return time.perf_counter() - start, first or 0.0, count


# --- the duplicate finder ---------------------------------------------------------------------


def measure_dedup(docs: list[Document]) -> dict[str, Any]:
    """The duplicate finder over processed ``docs``: cost per paragraph and memory.

    ``fingerprint`` is the per-document step the engines run in their
    workers; ``mark`` is :class:`~zh_gov_essays.publish.dedup.Deduplicator`
    in corpus order, reading earlier fingerprints back from pickled bytes as
    the writer reads them from its spill.  ``state_bytes`` is what the
    deduplicator keeps across documents at the end (hashes, band keys and
    ordinals, plus ``doc_id`` strings), ``peak_traced_bytes`` the peak of
    Python and numpy allocations while marking (tracemalloc, fingerprints
    read back and the last ``CACHE_DOCS`` of them included).  ``datasketch``
    times ``datasketch.MinHash.update_batch`` per paragraph against this
    package's vectorised signatures over the same n-gram sets.
    """
    from zh_gov_essays.fingerprint import fingerprint
    from zh_gov_essays.fingerprint.minhash import NUM_PERM, SEED, signatures
    from zh_gov_essays.publish.dedup import Deduplicator

    kept = sorted({d.doc_id: d for d in docs if d.kept}.values(), key=lambda d: d.doc_id)
    paragraphs = sum(len(d.paragraphs) for d in kept)
    if not paragraphs:
        raise ValueError("measure_dedup needs documents with paragraphs")
    t_fingerprint, fingerprints = _timed(lambda: [fingerprint(d) for d in kept])
    spill = [pickle.dumps(fp, protocol=pickle.HIGHEST_PROTOCOL) for fp in fingerprints]

    def mark_all() -> Deduplicator:
        dedup = Deduplicator(load=lambda ordinal: pickle.loads(spill[ordinal]))
        for doc, data in zip(kept, spill, strict=True):
            dedup.mark(doc, pickle.loads(data))
        return dedup

    gc.collect()
    t_mark, dedup = _timed(mark_all)
    gc.collect()
    tracemalloc.start()  # a second pass: tracing slows allocations down several times
    mark_all()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    doc_ids = sum(sys.getsizeof(d.doc_id) + 8 for d in kept)  # the strings and list slots
    originals = sum(
        int((fp.near & np.array([p.dup_of is None for p in d.paragraphs], dtype=bool)).sum())
        for d, fp in zip(kept, fingerprints, strict=True)
    )
    state = dedup.state
    report: dict[str, Any] = {
        "documents": len(kept),
        "paragraphs": paragraphs,
        "near_paragraphs": int(sum(fp.near.sum() for fp in fingerprints)),
        "duplicate_paragraphs": sum(p.dup_of is not None for d in kept for p in d.paragraphs),
        "duplicate_documents": sum(d.dup_of is not None for d in kept),
        "fingerprint_seconds": t_fingerprint,
        "mark_seconds": t_mark,
        "fingerprint_us_per_paragraph": 1e6 * t_fingerprint / paragraphs,
        "mark_us_per_paragraph": 1e6 * t_mark / paragraphs,
        "state_bytes": dedup.state_nbytes + doc_ids,
        "state_bytes_per_paragraph": (dedup.state_nbytes + doc_ids) / paragraphs,
        "state_parts": {**state, "doc_ids": doc_ids},
        "band_bytes_per_original": state["bands"] / max(1, originals),
        "original_near_paragraphs": originals,
        "peak_traced_bytes_per_paragraph": peak / paragraphs,
        "spilled_fingerprint_bytes_per_paragraph": sum(map(len, spill)) / paragraphs,
    }
    try:
        import datasketch
    except ImportError:
        return report
    sets = [fp.grams_of(i) for fp in fingerprints for i in range(len(fp)) if fp.near[i]]
    offsets = np.cumsum([0, *map(len, sets)])
    grams = np.concatenate(sets) if sets else np.zeros(0, dtype=np.uint32)
    lists = [s.tolist() for s in sets]

    def theirs() -> None:
        for values in lists:
            datasketch.MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=int).update_batch(values)

    t_ours = _best_of(3, lambda: signatures(offsets, grams))
    t_theirs = _best_of(3, theirs)
    report["minhash"] = {
        "sets": len(sets),
        "ours_us_per_set": 1e6 * t_ours / max(1, len(sets)),
        "datasketch_us_per_set": 1e6 * t_theirs / max(1, len(sets)),
        "datasketch_over_ours": t_theirs / t_ours,
    }
    return report


# --- peak memory of a whole build, in a fresh process ---------------------------------------


def _status_kib(key: str) -> int | None:
    """A ``VmRSS``/``VmHWM`` value from ``/proc/self/status`` (Linux), in KiB."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def _reset_peak_rss() -> bool:
    """Reset this process's peak RSS to its current RSS (Linux >= 4.0)."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as f:
            f.write("5")
    except OSError:
        return False
    return True


def _peak_rss_kib() -> int:
    peak = _status_kib("VmHWM")
    if peak is not None:
        return peak
    import resource

    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return maxrss // 1024 if sys.platform == "darwin" else maxrss


def rss_child(input_dir: Path, rows_per_row_group: int | None = None) -> dict[str, Any]:
    """Build a corpus from ``input_dir`` in this process; report its memory.

    The build is the CLI's: read, process with one worker, ``write_corpus``
    with the card.  ``rows_per_row_group`` overrides the default
    :class:`~zh_gov_essays.publish.writer.ShardPolicy`.  Warms up first (seeds
    processed and published once), then resets the peak RSS, so that
    ``growth_kib`` is what the build itself added.
    """
    from zh_gov_essays.pipeline import label_descriptions as text_rule_descriptions
    from zh_gov_essays.publish.writer import ShardPolicy, write_corpus

    template = CARD_TEMPLATE.read_text(encoding="utf-8")
    descriptions = text_rule_descriptions()
    policy = ShardPolicy(rows_per_row_group=rows_per_row_group) if rows_per_row_group else None
    with tempfile.TemporaryDirectory(prefix="zh-bench-rss-") as tmp:
        warm = [pipeline.process(raw) for raw in iter_inputs(SEEDS)]
        write_corpus(warm, Path(tmp) / "warm", card_template=template, policy=policy)
        del warm
        gc.collect()
        reset = _reset_peak_rss()
        baseline = _status_kib("VmRSS") or _peak_rss_kib()
        start = time.perf_counter()
        stats = write_corpus(
            run_local(iter_inputs(input_dir), workers=1),
            Path(tmp) / "corpus",
            card_template=template,
            rule_descriptions=descriptions,
            policy=policy,
        )
        seconds = time.perf_counter() - start
        peak = _peak_rss_kib()
    return {
        "docs": stats.documents_kept + stats.documents_rejected,
        "rows_per_row_group": rows_per_row_group,
        "seconds": seconds,
        "baseline_kib": baseline,
        "peak_kib": peak,
        "growth_kib": max(0, peak - baseline) if reset else None,
    }


def measure_builds_rss(jobs: list[tuple[Path, int | None]]) -> list[dict[str, Any]]:
    """Run :func:`rss_child` for each ``(input_dir, rows_per_row_group)``, each in a fresh
    interpreter, all at once (their memory does not depend on each other)."""
    procs = []
    for input_dir, rows in jobs:
        cmd = [sys.executable, str(Path(__file__).resolve()), "--rss-child", str(input_dir)]
        if rows:
            cmd += ["--rss-rows", str(rows)]
        procs.append(subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True))
    results = []
    for proc in procs:
        out, _ = proc.communicate()
        if proc.returncode:
            raise RuntimeError(f"memory probe failed with status {proc.returncode}")
        results.append(json.loads(out.strip().splitlines()[-1]))
    return results


# --------------------------------------------------------------------------------------
# The run
# --------------------------------------------------------------------------------------


def run_benchmark(docs: int, *, seed: int = 0, workers: int = 2, rss: bool = True) -> dict:
    """Generate the crawl, take every measurement and return them as one dict."""
    from zh_gov_essays.pipeline import label_descriptions as text_rule_descriptions
    from zh_gov_essays.publish.cdc import reupload_after_addition
    from zh_gov_essays.publish.validate import validate_corpus
    from zh_gov_essays.publish.writer import ShardPolicy, write_corpus

    report: dict[str, Any] = {
        "config": {
            "docs": docs,
            "seed": seed,
            "workers": workers,
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "machine": platform.machine(),
        }
    }
    with tempfile.TemporaryDirectory(prefix="zh-bench-") as tmp_name:
        tmp = Path(tmp_name)
        crawl = tmp / "crawl"
        kinds = write_crawl(crawl / "a", docs, seed=seed)
        raws = list(iter_inputs(crawl / "a"))
        nbytes = sum(len(r.data) for r in raws)
        report["config"]["kinds"] = dict(sorted(kinds.items()))
        report["config"]["megabytes"] = nbytes / 1e6
        warm_up()

        # 1. process() alone
        gc.collect()
        t_process, processed = _timed(lambda: [pipeline.process(r) for r in raws])
        kept = sum(1 for d in processed if d.kept)
        report["throughput"] = {
            "process_seconds": t_process,
            "docs_per_second": len(raws) / t_process,
            "megabytes_per_second": nbytes / 1e6 / t_process,
            "kept": kept,
            "rejected": len(raws) - kept,
        }

        # 1b. the duplicate finder over the same documents
        report["dedup"] = measure_dedup(processed)

        # 1c. the crawl-level first pass, reading the inputs again as ``build`` does
        t_learn = _best_of(3, lambda: pipeline.learn_crawl(iter_inputs(crawl / "a")))
        report["throughput"]["learn_seconds"] = t_learn

        # 2. stages and rules
        rec = Recording()
        with instrumented(rec):
            rec.total_seconds, _ = _timed(lambda: [pipeline.process(r) for r in raws])
        stages = {STAGES[k]: v for k, v in rec.stage_seconds.items()}
        stages["other (labels, checks)"] = max(0.0, rec.total_seconds - sum(stages.values()))
        report["stages"] = {
            name: {"seconds": s, "percent": 100 * s / rec.total_seconds}
            for name, s in stages.items()
        }
        costs = rule_costs(rec.calls)
        extra = sum(c.runner_extra_seconds for c in costs)
        report["rules"] = {
            c.label: {
                "calls": c.calls,
                "changed": c.changed,
                "seconds": c.seconds,
                "percent": 100 * c.seconds / t_process,
                "us_per_kb": 1e6 * c.seconds / c.kbytes if c.kbytes else 0.0,
                "runner_extra_seconds": c.runner_extra_seconds,
                "runner_extra_percent": 100 * c.runner_extra_seconds / t_process,
            }
            for c in costs
        }
        functions = sum(c.seconds for c in costs)
        report["rule_runner"] = {
            "functions_seconds": functions,
            "functions_percent": 100 * functions / t_process,
            "runner_extra_seconds": extra,
            "runner_extra_percent": 100 * extra / t_process,
        }
        slowest = max(costs, key=lambda c: c.seconds)
        texts = [t for _, _, t in slowest.inputs]
        t_replace = replace_seconds(texts)
        report["slowest_rule"] = {
            "rule": slowest.label,
            "us_per_kb": 1e6 * slowest.seconds / slowest.kbytes,
            "replace_us_per_kb": 1e6 * t_replace / slowest.kbytes,
            "ratio": slowest.seconds / t_replace,
        }
        del rec, costs, texts

        # 3. publishing over the processed documents
        template = CARD_TEMPLATE.read_text(encoding="utf-8")
        descriptions = text_rule_descriptions()
        out = tmp / "corpus"
        start = time.perf_counter()
        write_corpus(processed, out, card_template=template, rule_descriptions=descriptions)
        t_publish = time.perf_counter() - start
        t_validate, _ = _timed(lambda: validate_corpus(out))
        report["publish"] = {
            "write_corpus_seconds": t_publish,
            "validate_seconds": t_validate,
        }
        # 3b. Hub upload after adding 1 % of essays, under content-defined chunking:
        #     row groups cut every 2,000 rows (before) against row groups sized by bytes (now)
        report["reupload"] = {
            name: reupload_after_addition(processed, tmp / f"reupload-{i}", ShardPolicy(**policy))
            for i, (name, policy) in enumerate(REUPLOAD_POLICIES.items())
        }
        del processed

        # 4. the local engine, 1 worker vs ``workers``: alternating, best of ENGINE_REPEATS,
        #    so that a burst of other load on the machine hits both or is discarded
        t1 = tw = firstw = float("inf")
        for _ in range(ENGINE_REPEATS):
            seconds, _, n1 = engine_seconds(crawl / "a", 1)
            t1 = min(t1, seconds)
            seconds, first, nw = engine_seconds(crawl / "a", workers)
            tw, firstw = min(tw, seconds), min(firstw, first)
            if not n1 == nw == len(raws):
                raise RuntimeError(f"engine lost documents: {n1}, {nw} of {len(raws)}")
        report["engine"] = {
            "workers_1_seconds": t1,
            f"workers_{workers}_seconds": tw,
            f"workers_{workers}_first_doc_seconds": firstw,
        }

        # 5. streaming: a whole build of N and 2N documents, each in a fresh process
        if rss:
            write_crawl(crawl / "b", docs, seed=seed + 1)
            small, large, default = measure_builds_rss(
                [
                    (crawl / "a", STREAM_ROWS_PER_ROW_GROUP),
                    (crawl, STREAM_ROWS_PER_ROW_GROUP),
                    (crawl / "a", None),
                ]
            )
            report["rss"] = {"n": small, "2n": large, "n_default_policy": default}

    report["ratios"] = {
        **{
            f"reupload_share_{name.split()[0].replace(',', '')}": row["reupload_share"]
            for name, row in report["reupload"].items()
        },
        "publishing_overhead": t_publish / t_process,
        "learn_over_process": t_learn / t_process,
        "build_over_process": (t_process + t_publish) / t_process,
        "validate_over_process": t_validate / t_process,
        "engine_speedup": t1 / tw,
        "engine_efficiency": t1 / tw / workers,
        "slowest_rule_over_replace": report["slowest_rule"]["ratio"],
        "dedup_over_process": (
            report["dedup"]["fingerprint_seconds"] + report["dedup"]["mark_seconds"]
        )
        / t_process,
    }
    if "minhash" in report["dedup"]:
        report["ratios"]["datasketch_over_minhash"] = report["dedup"]["minhash"][
            "datasketch_over_ours"
        ]
    if rss:
        report["ratios"]["peak_rss_2n_over_n"] = large["peak_kib"] / small["peak_kib"]
        report["ratios"]["peak_rss_default_over_small"] = default["peak_kib"] / small["peak_kib"]
        if small["growth_kib"] is not None and large["growth_kib"] is not None:
            report["ratios"]["rss_growth_2n_over_n"] = large["growth_kib"] / max(
                1, small["growth_kib"]
            )
    return report


# --------------------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------------------


def _ratio_line(label: str, value: float, note: str = "", digits: int = 3) -> str:
    return f"  {label:56s} {value:8.{digits}f}" + (f"  {note}" if note else "")


def format_report(report: dict) -> str:
    """The plain-text table of a :func:`run_benchmark` report."""
    cfg, thr, ratios = report["config"], report["throughput"], report["ratios"]
    w = cfg["workers"]
    engine, publish, dedup = report["engine"], report["publish"], report["dedup"]
    kinds = ", ".join(f"{k} {v}" for k, v in cfg["kinds"].items())
    lines = [
        f"zh-gov-essays benchmark: {cfg['docs']} synthetic docs, {cfg['megabytes']:.2f} MB "
        f"({kinds}); seed {cfg['seed']}; {cfg['cpus']} CPUs; Python {cfg['python']}",
        "",
        "times (context only: compare the ratios)",
        f"  process() alone            {thr['process_seconds']:8.2f} s  "
        f"{thr['docs_per_second']:8.1f} docs/s  {thr['megabytes_per_second']:6.2f} MB/s  "
        f"(kept {thr['kept']}, rejected {thr['rejected']})",
        f"  learn_crawl (first pass)   {thr['learn_seconds']:8.2f} s",
        f"  write_corpus (publish)     {publish['write_corpus_seconds']:8.2f} s",
        f"  validate_corpus            {publish['validate_seconds']:8.2f} s",
        f"  local engine, 1 worker     {engine['workers_1_seconds']:8.2f} s",
        f"  local engine, {w} workers    {engine[f'workers_{w}_seconds']:8.2f} s  "
        f"(first document after {engine[f'workers_{w}_first_doc_seconds']:.2f} s)",
        "",
        "ratios (measured in this run)",
        _ratio_line(
            "publishing overhead ratio (write_corpus / process)", ratios["publishing_overhead"]
        ),
        _ratio_line(
            "crawl-evidence pass / process ratio (site templates)", ratios["learn_over_process"]
        ),
        _ratio_line(
            "build / process ratio ((process + write_corpus) / process)",
            ratios["build_over_process"],
        ),
        _ratio_line("validate / process ratio", ratios["validate_over_process"]),
        _ratio_line(
            f"engine speedup ratio (workers {w} / workers 1)",
            ratios["engine_speedup"],
            f"ideal {w:.2f}, efficiency {ratios['engine_efficiency']:.0%}",
        ),
        _ratio_line(
            "dedup / process ratio ((fingerprint + mark) / process)",
            ratios["dedup_over_process"],
            f"fingerprint {dedup['fingerprint_us_per_paragraph']:.0f} us + mark "
            f"{dedup['mark_us_per_paragraph']:.0f} us per paragraph",
        ),
    ]
    if "datasketch_over_minhash" in ratios:
        mh = dedup["minhash"]
        lines.append(
            _ratio_line(
                "datasketch / own MinHash ratio (same n-gram sets)",
                ratios["datasketch_over_minhash"],
                f"{mh['datasketch_us_per_set']:.0f} us vs {mh['ours_us_per_set']:.1f} us per "
                f"paragraph, {mh['sets']} paragraphs",
                digits=1,
            )
        )
    if "rss" in report:
        rss = report["rss"]
        small, large, default = rss["n"], rss["2n"], rss["n_default_policy"]
        rows = small["rows_per_row_group"]
        lines.append(
            _ratio_line(
                "peak RSS ratio (build of 2N / N docs)",
                ratios["peak_rss_2n_over_n"],
                f"{small['peak_kib'] / 1024:.0f} MiB for {small['docs']} docs, "
                f"{large['peak_kib'] / 1024:.0f} MiB for {large['docs']}; {rows}-row row groups",
            )
        )
        if "rss_growth_2n_over_n" in ratios:
            lines.append(
                _ratio_line(
                    "RSS growth ratio (2N / N, above the warmed-up baseline)",
                    ratios["rss_growth_2n_over_n"],
                    f"{small['growth_kib'] / 1024:.1f} MiB, {large['growth_kib'] / 1024:.1f} MiB",
                )
            )
        lines.append(
            _ratio_line(
                "default row groups / small row groups peak RSS ratio (N)",
                ratios["peak_rss_default_over_small"],
                f"{default['peak_kib'] / 1024:.0f} MiB: the row-group buffer, bounded by ShardPolicy",
            )
        )
    for name, row in report["reupload"].items():
        lines.append(
            _ratio_line(
                f"re-upload share after adding 1 % of essays, {name}",
                row["reupload_share"],
                f"{row['row_groups']} row groups, {row['parquet_bytes'] / 1e6:.1f} MB of Parquet",
            )
        )
    slow = report["slowest_rule"]
    lines += [
        _ratio_line(
            "slowest rule / str.replace ratio, per KB",
            ratios["slowest_rule_over_replace"],
            f"{slow['rule']}: {slow['us_per_kb']:.1f} us/KB vs {slow['replace_us_per_kb']:.2f} us/KB",
            digits=1,
        ),
        "",
        "duplicate finder (per paragraph)",
        f"  {dedup['paragraphs']} paragraphs ({dedup['near_paragraphs']} near-matchable) in "
        f"{dedup['documents']} documents; flagged {dedup['duplicate_paragraphs']} paragraphs, "
        f"{dedup['duplicate_documents']} documents",
        f"  cost: fingerprint {dedup['fingerprint_us_per_paragraph']:.0f} us (in the workers), "
        f"mark {dedup['mark_us_per_paragraph']:.0f} us (the writer)",
        f"  memory: {dedup['state_bytes_per_paragraph']:.0f} B kept across documents "
        f"({dedup['band_bytes_per_original']:.0f} B of LSH bands per paragraph that is not a "
        f"duplicate, {dedup['original_near_paragraphs']} of them), "
        f"{dedup['peak_traced_bytes_per_paragraph']:.0f} B traced peak, "
        f"{dedup['spilled_fingerprint_bytes_per_paragraph']:.0f} B of fingerprint on disk",
        "",
        "stages (% of process time, instrumented pass)",
    ]
    for name, row in report["stages"].items():
        lines.append(f"  {name:34s} {row['seconds']:8.3f} s  {row['percent']:5.1f} %")
    lines += [
        "",
        "text rules (% of process time: the function alone over the lines it saw, and what",
        "apply_text_rules adds to it, mostly the audit diff of the changes a logging rule makes)",
        f"  {'rule':30s} {'calls':>7s} {'changed':>7s} {'fn s':>7s} {'fn %':>6s} "
        f"{'us/KB':>7s} {'audit s':>7s} {'audit %':>7s}",
    ]
    for name, row in report["rules"].items():
        lines.append(
            f"  {name:30s} {row['calls']:7d} {row['changed']:7d} {row['seconds']:7.3f} "
            f"{row['percent']:6.1f} {row['us_per_kb']:7.1f} {row['runner_extra_seconds']:7.3f} "
            f"{row['runner_extra_percent']:7.1f}"
        )
    runner = report["rule_runner"]
    lines += [
        f"  {'all rules':30s} {'':7s} {'':7s} {runner['functions_seconds']:7.3f} "
        f"{runner['functions_percent']:6.1f} {'':7s} {runner['runner_extra_seconds']:7.3f} "
        f"{runner['runner_extra_percent']:7.1f}",
    ]
    return "\n".join(lines)


def build_parser() -> argparse.ArgumentParser:
    """The command line of this script."""
    parser = argparse.ArgumentParser(
        prog="benchmark.py",
        description="Measure the zh-gov-essays pipeline on a synthetic crawl made from seeds/ "
        "and print ratios measured in this one run (publishing overhead, engine speedup, "
        "streaming memory, rule costs).",
    )
    parser.add_argument(
        "--docs",
        type=int,
        default=DEFAULT_DOCS,
        help=f"synthetic documents to generate (default: {DEFAULT_DOCS})",
    )
    parser.add_argument("--seed", type=int, default=0, help="random seed of the crawl (default: 0)")
    parser.add_argument(
        "--workers", type=int, default=2, help="workers compared with one (default: 2)"
    )
    parser.add_argument(
        "--no-rss", action="store_true", help="skip the streaming (peak RSS) builds"
    )
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--rss-child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--rss-rows", type=int, help=argparse.SUPPRESS)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its report; return the exit status."""
    args = build_parser().parse_args(argv)
    if args.rss_child is not None:
        print(json.dumps(rss_child(args.rss_child, args.rss_rows)))
        return 0
    if args.docs < 1:
        build_parser().error("--docs must be at least 1")
    if args.workers < 2:
        build_parser().error("--workers must be at least 2 (it is compared with 1)")
    report = run_benchmark(args.docs, seed=args.seed, workers=args.workers, rss=not args.no_rss)
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        print(format_report(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
