"""A pool of worker processes whose pipes the engine owns.

Each worker gets one pipe for its chunks and one for its results; the
parent keeps only its own ends.  So a worker that dies is seen at once and
by the main thread: its result pipe reads end-of-file, a chunk sent to it
fails with a broken pipe, and :class:`~zh_gov_essays.engines.WorkerLost`
is raised.  The parent runs no thread: stopping the pool is closing pipes
and terminating processes, and nothing is left to join when the build exits.

Why not ``concurrent.futures.ProcessPoolExecutor``: its queues are shared by
all workers and the parent holds both ends of each, so a worker killed
while writing a result (the out-of-memory killer, or the pool terminating
it after Ctrl-C) leaves the executor's manager thread reading a message
that never ends, and the interpreter's exit joins that thread: the build
printed its message, then hung (once in 36 randomly timed kills and
signals of 2-worker builds under load; a thread dump showed exactly that
read, and the feeder thread blocked writing a chunk, gh-94777).

One pool can run several functions in turn (:meth:`ProcessPool.use`): the
build's site-template pass and its cleaning run on the same workers, so the
cleaning does not wait for new processes to start, import the package and
compile its rules (0.6-0.9 s of CPU each).

Each worker runs three threads: one receives chunks, one computes, one
sends results.  The parent may be busy (writing Parquet) while a worker's
results wait, and a pipe holds 64 KB: without the two I/O threads a worker
would stop computing until the parent reads, and a parent sending a chunk
to a worker blocked on its own send would deadlock.
"""

from __future__ import annotations

import importlib
import multiprocessing as mp
import os
import pickle
import queue
import signal
import threading
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.reduction import ForkingPickler
from typing import Any

from zh_gov_essays.engines.errors import WorkerLost

# Seconds a terminated worker gets to exit before it is killed.
TERMINATE_GRACE_SECONDS = 5


def run_chunk(function: Callable[[Any], Any], chunk: list[Any]) -> list[Any]:
    """What a worker does with one chunk: ``function`` over it, in order.

    >>> run_chunk(len, ["ab", "c"])
    [2, 1]
    """
    return [function(item) for item in chunk]


def _dumps(payload: Any) -> bytes:
    return bytes(ForkingPickler.dumps(payload))


def _pickled_failure(exc: BaseException) -> bytes:
    """The exception a chunk raised, with its traceback as text; a stand-in if it cannot be pickled."""
    where = "".join(traceback.format_exception(exc))
    try:
        return _dumps((False, exc, where))
    except Exception:
        return _dumps((False, RuntimeError(f"{type(exc).__name__}: {exc}"), where))


@dataclass(frozen=True)
class _Use:
    """A message to a worker: run ``function`` on the chunks that follow."""

    function: Callable[[Any], Any]


def _serve(
    tasks: Connection,
    results: Connection,
    function: Callable[[Any], Any] | None,
    preload: tuple[str, ...] = (),
) -> None:
    """A worker's main function: chunks in, results out, until told to stop or orphaned.

    The modules named in ``preload`` are imported first, while the parent
    may still be importing its own; a failure to import them is the failure
    of every chunk.  A :class:`_Use` message replaces ``function`` for the
    chunks after it (nothing is sent back for it).  SIGINT is ignored:
    Ctrl-C reaches every process of the terminal's group, and the parent
    answers it by terminating the pool.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    inbox: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
    outbox: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()

    def receive() -> None:
        try:
            while data := tasks.recv_bytes():
                inbox.put(data)
        except (EOFError, OSError):
            # The parent died or is terminating the pool: nothing this worker
            # holds or computes is wanted, and a chunk may take long.
            os._exit(1)
        inbox.put(None)  # told to stop: finish the chunks received first

    def send() -> None:
        while (data := outbox.get()) is not None:
            try:
                results.send_bytes(data)
            except OSError:
                return  # the parent is gone

    sender = threading.Thread(target=send, name="send-results", daemon=True)
    threading.Thread(target=receive, name="receive-chunks", daemon=True).start()
    sender.start()
    broken: BaseException | None = None
    try:
        for name in preload:
            importlib.import_module(name)
    except Exception as exc:  # a broken installation: say so for each chunk
        broken = exc
    while (data := inbox.get()) is not None:
        try:
            message = pickle.loads(data)
            if isinstance(message, _Use):
                function = message.function
                continue
            if broken is not None:
                raise RuntimeError(f"a worker could not import {preload}: {broken}") from broken
            if function is None:
                raise RuntimeError("a chunk came before any function (ProcessPool.use)")
            out = _dumps((True, run_chunk(function, message), None))
        except BaseException as exc:
            out = _pickled_failure(exc)
        outbox.put(out)
    outbox.put(None)
    sender.join()


@dataclass
class _Worker:
    process: Any  # multiprocessing's SpawnProcess
    tasks: Connection
    results: Connection
    pending: deque[int] = field(default_factory=deque)  # chunks sent, oldest first


def _lost(worker: _Worker) -> WorkerLost:
    """The error for a worker found gone, saying how it ended."""
    worker.process.join(TERMINATE_GRACE_SECONDS)  # its pipes closed as it died: reap it
    code = worker.process.exitcode
    if code is None:
        how = "closed its pipes"
    elif code < 0:
        how = f"was killed by {signal.Signals(-code).name}"
        if -code == signal.SIGKILL:
            how += " (as the out-of-memory killer does)"
    else:
        how = f"exited with status {code} (its error, if any, is printed above)"
    return WorkerLost(f"a worker process died: it {how}")


class ProcessPool:
    """``workers`` processes running ``function`` over chunks; :meth:`map_chunks` keeps order.

    ``function`` is sent to each worker once, when it starts (it must be
    picklable: a module-level function, or an object of a module-level
    class); :meth:`use` sends another.  Each worker imports the modules named
    in ``preload`` as it starts: a pool started before its caller has
    imported what its functions need does that work beside it.  Use the pool
    as a context manager: leaving the block normally stops the workers once
    they are idle, leaving it by an exception (Ctrl-C, a dead worker, the
    caller giving up) terminates them at once; :meth:`retire` stops some of
    them earlier.
    """

    def __init__(
        self,
        function: Callable[[Any], Any] | None,
        workers: int,
        *,
        preload: Iterable[str] = (),
    ) -> None:
        preload = tuple(preload)
        context = mp.get_context("spawn")
        self._workers: list[_Worker] = []
        try:
            for _ in range(workers):
                task_reader, task_writer = context.Pipe(duplex=False)
                result_reader, result_writer = context.Pipe(duplex=False)
                process = context.Process(
                    target=_serve,
                    args=(task_reader, result_writer, function, preload),
                    name="zh-gov-essays-worker",
                    daemon=True,
                )
                process.start()
                # Only the worker holds these ends now: its death closes them.
                task_reader.close()
                result_writer.close()
                self._workers.append(_Worker(process, task_writer, result_reader))
        except BaseException:
            self.terminate()
            raise

    @property
    def workers(self) -> int:
        """The worker processes running (0 once stopped)."""
        return len(self._workers)

    def __enter__(self) -> ProcessPool:
        return self

    def __exit__(self, kind: type[BaseException] | None, *rest: object) -> None:
        if kind is None:
            self.close()
        else:
            self.terminate()

    def use(self, function: Callable[[Any], Any]) -> None:
        """Run ``function`` (picklable, as the first) on the chunks of later :meth:`map_chunks`.

        Only between two maps: every chunk sent before must have come back.
        """
        if any(worker.pending for worker in self._workers):
            raise RuntimeError("ProcessPool.use while chunks are in flight")
        if not self._workers:
            raise RuntimeError("ProcessPool.use after the pool was stopped")
        message = _dumps(_Use(function))
        for worker in self._workers:
            try:
                worker.tasks.send_bytes(message)
            except OSError as exc:  # BrokenPipeError: the worker is gone
                raise _lost(worker) from exc

    def map_chunks(self, chunks: Iterable[list[Any]], window: int) -> Iterator[list[Any]]:
        """Yield ``[function(x) for x in chunk]`` for each chunk, in the chunks' order.

        At most ``window`` chunks are taken from ``chunks`` ahead of the one
        the caller is given (sent, being computed, or computed and waiting),
        however long ``chunks`` is.  A chunk goes to the worker with the
        fewest chunks in hand.  An exception a chunk raised in a worker is
        raised here, with the worker's traceback as a note.
        """
        if not self._workers:
            raise RuntimeError("ProcessPool.map_chunks after the pool was stopped")
        chunks = iter(chunks)
        done: dict[int, list[Any]] = {}
        sent = given = 0
        exhausted = False
        while True:
            while not exhausted and sent - given < max(window, 1):
                chunk = next(chunks, None)
                if chunk is None:
                    exhausted = True
                else:
                    self._send(min(self._workers, key=lambda w: len(w.pending)), sent, chunk)
                    sent += 1
            if given == sent:
                return
            while given not in done:
                self._receive(done)
            yield done.pop(given)
            given += 1

    def _send(self, worker: _Worker, number: int, chunk: list[Any]) -> None:
        try:
            worker.tasks.send_bytes(_dumps(chunk))
        except OSError as exc:  # BrokenPipeError: the worker is gone
            raise _lost(worker) from exc
        worker.pending.append(number)

    def _receive(self, done: dict[int, list[Any]]) -> None:
        """Wait for any busy worker's next result and file it under its chunk's number."""
        busy = {w.results: w for w in self._workers if w.pending}
        for conn in wait(list(busy)):
            worker = busy[conn]  # type: ignore[index]
            try:
                data = worker.results.recv_bytes()
            except (EOFError, OSError) as exc:  # end of file, maybe mid-message
                raise _lost(worker) from exc
            ok, payload, where = pickle.loads(data)
            number = worker.pending.popleft()
            if not ok:
                payload.add_note(f"raised in a worker process:\n{where}")
                raise payload
            done[number] = payload

    def retire(self, count: int) -> None:
        """Stop ``count`` of the workers (the last started), between two maps: what is left
        for fewer workers to do then runs beside less memory."""
        if any(worker.pending for worker in self._workers):
            raise RuntimeError("ProcessPool.retire while chunks are in flight")
        staying = len(self._workers) - max(0, min(count, len(self._workers)))
        _stop(self._workers[staying:])
        self._workers = self._workers[:staying]

    def close(self) -> None:
        """Tell every worker to stop after its chunks, wait for them, release the pipes."""
        _stop(self._workers)
        self._workers = []

    def terminate(self) -> None:
        """Stop every worker now (what is in flight is dropped) and reap it."""
        _terminate(self._workers)
        self._workers = []


def _stop(workers: list[_Worker]) -> None:
    """Tell ``workers`` to stop after their chunks, wait for them, release the pipes."""
    for worker in workers:
        try:
            worker.tasks.send_bytes(b"")
        except OSError:
            pass  # already gone: nothing of it is wanted any more
    for worker in workers:
        worker.process.join(TERMINATE_GRACE_SECONDS)
    _terminate(workers)  # any that did not stop; closes the pipes


def _terminate(workers: list[_Worker]) -> None:
    """Stop ``workers`` now (what is in flight is dropped) and reap them."""
    for worker in workers:
        worker.tasks.close()  # its receiving thread reads end-of-file
        if worker.process.is_alive():
            worker.process.terminate()
    for worker in workers:
        worker.process.join(TERMINATE_GRACE_SECONDS)
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join()
        worker.results.close()
        worker.process.close()
