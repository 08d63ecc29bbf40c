"""The build and its baseline, timed over the same files; the build's peak memory.

Each build is the command line's own ``zh-gov-essays build`` (every rule,
script detection, duplicate signatures, Parquet, card, validation), run in
a child process so that its memory is its own.  The child times the build
after its imports (:data:`PRELOAD`) and reports its peak RSS and that of its
largest worker; see :func:`child_report`.  The baseline does what any
corpus build must do and nothing more: read each file, decode it, split it at
blank lines and write the pieces as rows of a zstd Parquet file.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import os
import platform
import re
import resource
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from zh_gov_essays import __version__

PRELOAD = (
    "zh_gov_essays.engines",
    "zh_gov_essays.engines.local",
    "zh_gov_essays.engines.work",
    "zh_gov_essays.pipeline",
    "zh_gov_essays.publish.atomic",
    "zh_gov_essays.publish.validate",
    "zh_gov_essays.publish.writer",
    "zh_gov_essays.read",
)
"""Modules a build child imports before the clock starts (a module that no longer
exists is skipped): importing is not cleaning."""

# Exit statuses of a build that published (some inputs rejected as broken or as a bug).
PUBLISHED = (0, 3, 4)
# Rows the baseline hands to the Parquet writer at a time.
BASELINE_BATCH_ROWS = 8192
_BLANK_LINES = re.compile(r"\r?\n[ \t\u3000]*\r?\n")


@dataclass(frozen=True)
class BuildRun:
    """One build of the crawl, as the child reported it."""

    workers: int  # as asked
    workers_used: int  # after the build's own cap (CPUs, memory)
    seconds: float  # the build, timed in the child after its imports
    wall_seconds: float  # the child process, start to exit
    exit_code: int
    peak_rss_bytes: int  # the build's own process
    worker_peak_rss_bytes: int  # its largest worker (0 with one worker: it cleans in-process)
    cpu_seconds: float  # user + system CPU of the build's own process, after its imports
    worker_cpu_seconds: float  # user + system CPU of its workers, all of them
    documents_kept: int
    documents_rejected: int
    paragraphs: int

    @property
    def rss_bytes(self) -> int:
        """The peak RSS of the build's largest process."""
        return max(self.peak_rss_bytes, self.worker_peak_rss_bytes)

    @property
    def total_cpu_seconds(self) -> float:
        """The CPU time of the build's processes together."""
        return self.cpu_seconds + self.worker_cpu_seconds


@dataclass(frozen=True)
class BaselineRun:
    """The baseline over the same files."""

    seconds: float
    files: int
    rows: int
    parquet_bytes: int


def peak_rss_bytes() -> tuple[int, int]:
    """``(this process, its largest waited-for child)`` peak RSS in bytes.

    Linux's ``VmHWM`` when it is there, else ``getrusage`` (kilobytes on
    Linux, bytes on macOS).
    """
    scale = 1 if sys.platform == "darwin" else 1024
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    own = int(line.split()[1]) * 1024
    except OSError:
        pass
    return own, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * scale


def cpu_seconds() -> tuple[float, float]:
    """``(this process, its waited-for children)`` user + system CPU seconds so far."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def child_report(
    seconds: float, exit_code: int, workers_used: int, cpu_before: tuple[float, float]
) -> dict[str, float | int]:
    """What a build child writes to its result file when the build returns.

    ``cpu_before``: :func:`cpu_seconds` when the build started.  The CPU time
    shows what wall time hides on a busy machine: a 2-worker build does the
    1-worker build's work plus what running in several processes costs.
    """
    own, children = peak_rss_bytes()
    cpu_own, cpu_children = cpu_seconds()
    return {
        "seconds": seconds,
        "exit_code": exit_code,
        "workers_used": workers_used,
        "peak_rss_bytes": own,
        "worker_peak_rss_bytes": children,
        "cpu_seconds": cpu_own - cpu_before[0],
        "worker_cpu_seconds": cpu_children - cpu_before[1],
    }


def corpus_counts(corpus: Path) -> dict[str, int]:
    """Documents kept and rejected (the manifest) and paragraph rows of a built corpus."""
    kept = rejected = 0
    with open(corpus / "manifest.jsonl", encoding="utf-8") as f:
        for line in f:
            if json.loads(line).get("status") == "kept":
                kept += 1
            else:
                rejected += 1
    rows = sum(pq.ParquetFile(p).metadata.num_rows for p in corpus.glob("paragraphs/*.parquet"))
    return {"documents_kept": kept, "documents_rejected": rejected, "paragraphs": rows}


def run_build(
    command: list[str], inputs: list[Path], out: Path, workers: int, card: Path, log: Path
) -> BuildRun:
    """Build ``inputs`` into ``out`` with ``workers`` in a child process started with
    ``command`` + a spec file's path; its output goes to ``log``."""
    spec = out.with_name(out.name + ".spec.json")
    result = out.with_name(out.name + ".result.json")
    spec.write_text(
        json.dumps(
            {
                "inputs": [str(p) for p in inputs],
                "out": str(out),
                "workers": workers,
                "card": str(card),
                "result": str(result),
            }
        ),
        encoding="utf-8",
    )
    start = time.perf_counter()
    with open(log, "ab") as f:
        code = subprocess.run([*command, str(spec)], stdout=f, stderr=f, check=False).returncode
    wall = time.perf_counter() - start
    if code not in PUBLISHED or not result.is_file():
        tail = log.read_text("utf-8", errors="replace").splitlines()[-5:]
        raise RuntimeError(
            f"the build of {workers} worker(s) failed (exit status {code}): "
            + " | ".join(tail)
            + f" (full log: {log})"
        )
    child = json.loads(result.read_text("utf-8"))
    return BuildRun(
        workers=workers,
        workers_used=child["workers_used"],
        seconds=child["seconds"],
        wall_seconds=wall,
        exit_code=child["exit_code"],
        peak_rss_bytes=child["peak_rss_bytes"],
        worker_peak_rss_bytes=child["worker_peak_rss_bytes"] if workers > 1 else 0,
        cpu_seconds=child["cpu_seconds"],
        worker_cpu_seconds=child["worker_cpu_seconds"],
        **corpus_counts(out),
    )


def crawl_files(roots: list[Path]) -> list[Path]:
    """Every file under ``roots``, sorted (the build reads the same)."""
    return sorted(p for root in roots for p in root.rglob("*") if p.is_file())


def plain_decode(data: bytes) -> str:
    """Bytes to text the cheap way: a byte-order mark, else UTF-8, else GB18030
    (no detection, no checks: Big5 comes out wrong, as a baseline may).

    >>> plain_decode("政协".encode("gb18030")), plain_decode("政协".encode("utf-16"))
    ('政协', '政协')
    """
    for bom, codec in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16")):
        if data.startswith(bom):
            return data.decode(codec, errors="replace")
    if data.startswith(codecs.BOM_UTF16_BE):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030", errors="replace")


def _baseline_rows(files: list[Path]) -> Iterator[tuple[str, int, str]]:
    for path in files:
        data = path.read_bytes()
        doc_id = hashlib.sha256(data).hexdigest()[:16]
        pieces = (p.strip() for p in _BLANK_LINES.split(plain_decode(data)))
        for index, text in enumerate(p for p in pieces if p):
            yield doc_id, index, text


def run_baseline(files: list[Path], out: Path) -> BaselineRun:
    """Read, decode, split at blank lines and write ``files`` to one zstd Parquet file."""
    schema = pa.schema(
        [("id", pa.string()), ("doc_id", pa.string()), ("index", pa.int32()), ("text", pa.string())]
    )
    start = time.perf_counter()
    rows = 0
    with pq.ParquetWriter(out, schema, compression="zstd") as writer:
        batch: list[tuple[str, int, str]] = []

        def flush() -> None:
            doc_ids, indexes, texts = zip(*batch, strict=True)
            ids = [f"{d}-{i:04d}" for d, i in zip(doc_ids, indexes, strict=True)]
            columns = [ids, list(doc_ids), list(indexes), list(texts)]
            writer.write_table(pa.table(columns, schema=schema))
            batch.clear()

        for row in _baseline_rows(files):
            batch.append(row)
            rows += 1
            if len(batch) >= BASELINE_BATCH_ROWS:
                flush()
        if batch:
            flush()
    seconds = time.perf_counter() - start
    return BaselineRun(seconds, len(files), rows, out.stat().st_size)


def best_baseline(files: list[Path], out: Path, repeats: int = 3) -> BaselineRun:
    """The fastest of ``repeats`` baseline runs (the file is written anew each time)."""
    runs = []
    for _ in range(repeats):
        out.unlink(missing_ok=True)
        runs.append(run_baseline(files, out))
    return min(runs, key=lambda r: r.seconds)


def machine() -> dict[str, object]:
    """What the figures were measured on."""
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        usable = os.cpu_count() or 1
    return {
        "cpus": os.cpu_count(),
        "usable_cpus": usable,
        "load_average": list(os.getloadavg()),
        "python": platform.python_version(),
        "platform": platform.platform(terse=True),
        "version": __version__,
        "commit": _commit(),
    }


def _commit() -> str | None:
    """The git commit of the working directory, when it is a checkout."""
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=False,
            timeout=10,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() or None if out.returncode == 0 else None


def as_dict(run: BuildRun | BaselineRun) -> dict[str, object]:
    """A run as plain JSON values."""
    out: dict[str, object] = asdict(run)
    if isinstance(run, BuildRun):
        out["rss_bytes"] = run.rss_bytes
        out["total_cpu_seconds"] = run.total_cpu_seconds
    return out


Progress = Callable[[str], None]
"""Where a step says what it starts (``bench: …`` lines on stderr)."""
