"""What stops a run: the machine failing it, never one input."""

from __future__ import annotations


class OutOfMemory(MemoryError):
    """The machine ran out of memory while cleaning one input (named in the message)."""


class WorkerLost(RuntimeError):
    """A worker process died under the engine (a signal, the out-of-memory killer)."""
