"""How many cleaning processes this machine can hold: CPUs and available memory.

``--workers`` beyond either only slows the build down or gets processes
killed by the out-of-memory killer (``--workers 32`` on two CPUs once started
33 processes and used 5.1 GB), so the CLI lowers the request and says why.
"""

from __future__ import annotations

import os
from pathlib import Path

# Memory one cleaning worker needs, budgeted from its peak resident set
# (VmHWM) measured in a ``build --workers 2`` on this project's inputs: 112 MB
# for the seeds, fixture pages and shared samples (243 inputs, Python 3.11,
# pyarrow 21, OpenCC 1.1); 147 MB for a worker that cleaned 1 MB pages (a
# 10,000-line essay; real ones run to a few hundred kB).  The main process
# (reading, writing Parquet) is not counted: it peaked at 180-250 MB.
MEMORY_PER_WORKER = 155 * 10**6


def usable_cpus() -> int:
    """CPUs this process may run on (its affinity mask where the OS has one)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def available_memory() -> int | None:
    """Bytes of memory available to new processes without swapping, or ``None`` if unknown.

    Linux's ``MemAvailable`` (free memory plus caches the kernel can drop),
    else the free physical pages ``sysconf`` reports.
    """
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    try:
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (AttributeError, ValueError, OSError):
        return None


def cap_workers(requested: int, *, cpus: int, memory: int | None) -> tuple[int, str | None]:
    """The workers to run for ``requested``, and why it is fewer (``None`` if not).

    At most ``cpus``, and at most ``memory // MEMORY_PER_WORKER`` (at least one).

    >>> cap_workers(4, cpus=8, memory=None)
    (4, None)
    >>> cap_workers(4, cpus=2, memory=None)
    (2, 'this machine has 2 CPUs')
    >>> cap_workers(4, cpus=8, memory=400 * 10**6)
    (2, '400 MB of memory available, about 155 MB per worker')
    """
    n, why = requested, None
    if n > cpus:
        n, why = cpus, f"this machine has {cpus} CPU{'s' if cpus != 1 else ''}"
    if memory is not None:
        fits = max(1, memory // MEMORY_PER_WORKER)
        if n > fits:
            n = fits
            why = (
                f"{memory // 10**6:,} MB of memory available, "
                f"about {MEMORY_PER_WORKER // 10**6} MB per worker"
            )
    return n, why
