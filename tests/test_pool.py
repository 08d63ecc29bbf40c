"""The local engine's process pool (``engines/pool.py``).

* Results come back in the chunks' order, whichever worker finishes first,
  and no more than ``window`` chunks are read ahead.
* An exception raised in a worker is raised in the parent, with its type and
  the worker's traceback.
* A worker that dies (idle, computing, or half-way through writing a result)
  raises ``WorkerLost`` at once; nothing waits for it.
* Leaving the pool, normally or early, reaps every worker; a parent that
  dies without cleaning up leaves no worker behind.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from tests.conftest import ROOT, process_alive
from zh_gov_essays.engines import WorkerLost
from zh_gov_essays.engines.pool import ProcessPool


def slow_when_even(n: int) -> int:
    """Even numbers take longer: the other worker's results arrive first."""
    time.sleep(0.05 if n % 2 == 0 else 0.0)
    return n * n


def fail_on_three(n: int) -> int:
    if n == 3:
        raise ValueError(f"no {n}")
    return n


def big_result(n: int) -> bytes:
    """Far more than a pipe holds (64 KB): the worker is still writing when it is killed."""
    return bytes(8 * 2**20)


def exit_3(n: int) -> int:
    os._exit(3)


def sleep_long(n: int) -> int:
    time.sleep(60)
    return n


def test_results_come_in_order_and_the_window_bounds_the_read_ahead() -> None:
    taken: list[int] = []

    def chunks():
        for i in range(20):
            taken.append(i)
            yield [2 * i, 2 * i + 1]

    seen = []
    with ProcessPool(slow_when_even, 2) as pool:
        for i, result in enumerate(pool.map_chunks(chunks(), window=3)):
            assert len(taken) <= i + 3  # this chunk and at most 2 more are out
            seen.append(result)
    assert seen == [[(2 * i) ** 2, (2 * i + 1) ** 2] for i in range(20)]


def test_no_chunks_give_nothing_and_the_workers_stop() -> None:
    pool = ProcessPool(slow_when_even, 2)
    processes = [w.process for w in pool._workers]
    with pool:
        assert list(pool.map_chunks([], window=4)) == []
    assert all(p._closed for p in processes)  # joined and released


def test_an_exception_in_a_worker_is_raised_with_its_traceback() -> None:
    with pytest.raises(ValueError, match="no 3") as caught, ProcessPool(fail_on_three, 2) as pool:
        list(pool.map_chunks([[1, 2], [3, 4]], window=4))
    note = caught.value.__notes__[0]
    assert note.startswith("raised in a worker process:\nTraceback")
    assert "in fail_on_three" in note


def _worker_pids(pool: ProcessPool) -> list[int]:
    return [w.process.pid for w in pool._workers]


def test_a_worker_killed_while_computing_raises_worker_lost_at_once() -> None:
    with ProcessPool(sleep_long, 2) as pool:
        results = pool.map_chunks([[1], [2]], window=4)
        os.kill(_worker_pids(pool)[1], signal.SIGKILL)
        started = time.monotonic()
        with pytest.raises(WorkerLost) as caught:
            next(results)
        assert str(caught.value) == (
            "a worker process died: it was killed by SIGKILL (as the out-of-memory killer does)"
        )
        assert time.monotonic() - started < 5  # not the other worker's 60 s
    assert pool._workers == []  # every worker reaped


def test_a_worker_killed_while_idle_is_found_at_the_next_chunk() -> None:
    pool = ProcessPool(slow_when_even, 1)
    os.kill(_worker_pids(pool)[0], signal.SIGKILL)
    pool._workers[0].process.join()
    with pytest.raises(WorkerLost), pool:
        list(pool.map_chunks([[1]], window=1))


def test_a_worker_killed_half_way_through_a_result_raises_worker_lost() -> None:
    """What hung a build under ProcessPoolExecutor: a message that never ends."""
    with ProcessPool(big_result, 1) as pool:
        worker = pool._workers[0]
        pool._send(worker, 0, [1])
        assert worker.results.poll(30)  # the result has started to arrive
        time.sleep(0.2)  # and fills the pipe: the worker waits for a reader
        os.kill(worker.process.pid, signal.SIGKILL)
        worker.process.join()
        with pytest.raises(WorkerLost):
            pool._receive({})


def test_a_worker_that_exits_by_itself_says_with_what_status() -> None:
    with pytest.raises(WorkerLost) as caught, ProcessPool(exit_3, 2) as pool:
        list(pool.map_chunks([[1], [2]], window=4))
    assert str(caught.value) == (
        "a worker process died: it exited with status 3 (its error, if any, is printed above)"
    )


def test_stopping_early_terminates_the_workers() -> None:
    with ProcessPool(sleep_long, 2) as pool:
        processes = [w.process for w in pool._workers]
        results = pool.map_chunks([[1], [2], [3]], window=4)
        started = time.monotonic()
        with pytest.raises(KeyboardInterrupt):
            with pool:
                results.close()
                raise KeyboardInterrupt
    assert time.monotonic() - started < 10 and all(p._closed for p in processes)


ORPHAN = """
import os, sys, time
sys.path[:0] = [{root!r}, {scripts!r}]
from tests.test_pool import sleep_long
from zh_gov_essays.engines.pool import ProcessPool
pool = ProcessPool(sleep_long, 2)
pool._send(pool._workers[0], 0, [1])
print(" ".join(str(w.process.pid) for w in pool._workers), flush=True)
os._exit(0)  # no clean-up at all, as when the build is killed
"""


def test_workers_of_a_parent_that_died_exit_by_themselves() -> None:
    code = ORPHAN.format(root=str(ROOT), scripts=str(ROOT / "scripts"))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    pids = [int(p) for p in out.stdout.split()]
    assert len(pids) == 2
    deadline = time.monotonic() + 10  # the busy one's chunk would take 60 s
    while time.monotonic() < deadline and any(process_alive(p) for p in pids):
        time.sleep(0.1)
    alive = [p for p in pids if process_alive(p)]
    for pid in alive:
        os.kill(pid, signal.SIGKILL)
    assert alive == []


def pid_and_square(n: int) -> tuple[int, int]:
    return os.getpid(), n * n


def pid_and_negative(n: int) -> tuple[int, int]:
    return os.getpid(), -n


def test_one_pool_runs_two_functions_in_turn_on_the_same_workers() -> None:
    """What the build does: the site-template pass, then the cleaning, on one pool."""
    with ProcessPool(pid_and_square, 2) as pool:
        pids = set(_worker_pids(pool))
        first = [r for done in pool.map_chunks([[1, 2], [3], [4]], window=4) for r in done]
        pool.use(pid_and_negative)
        second = [r for done in pool.map_chunks([[1, 2], [3], [4]], window=4) for r in done]
    assert [n for _, n in first] == [1, 4, 9, 16]
    assert [n for _, n in second] == [-1, -2, -3, -4]
    assert {pid for pid, _ in first + second} <= pids  # no worker was started again


def test_a_function_is_switched_only_between_maps() -> None:
    with pytest.raises(RuntimeError, match="in flight"), ProcessPool(sleep_long, 1) as pool:
        pool._send(pool._workers[0], 0, [1])  # a chunk of a map not read to its end
        pool.use(pid_and_square)
    assert pool.workers == 0  # leaving by the error terminated the sleeping worker


def test_a_pool_started_without_a_function_says_so_at_the_first_chunk() -> None:
    with pytest.raises(RuntimeError, match="before any function"), ProcessPool(None, 1) as pool:
        list(pool.map_chunks([[1]], window=1))
    assert pool.workers == 0  # terminated by the error
    with pytest.raises(RuntimeError, match="stopped"):
        list(pool.map_chunks([[1]], window=1))
    with pytest.raises(RuntimeError, match="stopped"):
        pool.use(pid_and_square)


def test_a_worker_that_died_between_two_maps_is_found_when_the_function_is_sent() -> None:
    with (
        pytest.raises(WorkerLost, match="killed by SIGKILL"),
        ProcessPool(pid_and_square, 2) as pool,
    ):
        list(pool.map_chunks([[1], [2]], window=2))
        os.kill(_worker_pids(pool)[0], signal.SIGKILL)
        pool._workers[0].process.join()
        pool.use(pid_and_negative)
    assert pool.workers == 0


# --- modules a worker imports as it starts --------------------------------------------------


def loaded(name: str) -> bool:
    """Whether this process has imported module ``name``."""
    return name in sys.modules


def test_a_worker_imports_its_preload_modules_before_any_chunk() -> None:
    """What the build does: its workers import the pipeline while it imports its own."""
    name = "colorsys"  # imported by nothing a worker imports otherwise
    with ProcessPool(loaded, 1) as plain:
        assert [r for done in plain.map_chunks([[name]], window=1) for r in done] == [False]
    with ProcessPool(loaded, 2, preload=[name, "wave"]) as pool:
        results = [
            r for done in pool.map_chunks([[name], [name], ["wave"]], window=3) for r in done
        ]
    assert results == [True, True, True]  # on both workers


def test_a_module_a_worker_cannot_import_fails_each_chunk_with_its_name() -> None:
    with ProcessPool(loaded, 1, preload=["zh_gov_essays.no_such_module"]) as pool:
        with pytest.raises(RuntimeError, match=r"could not import .*no_such_module") as caught:
            list(pool.map_chunks([["json"]], window=1))
        # the worker's traceback, as a note, holds the import's own error
        where = "\n".join(caught.value.__notes__)
        assert "ModuleNotFoundError: No module named 'zh_gov_essays.no_such_module'" in where
    assert pool.workers == 0  # leaving by the error terminated the worker


def test_retired_workers_stop_and_the_others_go_on() -> None:
    """What a build does after its last page: one worker stays to draw the figures."""
    with ProcessPool(pid_and_square, 2) as pool:
        first, second = (w.process for w in pool._workers)
        list(pool.map_chunks([[1], [2]], window=2))
        pool.retire(1)
        assert pool.workers == 1 and second._closed  # stopped, reaped, released
        assert not first._closed and first.is_alive()
        results = [r for done in pool.map_chunks([[3], [4]], window=2) for r in done]
        assert results == [(first.pid, 9), (first.pid, 16)]
        pool.retire(5)  # more than there are: all
        assert pool.workers == 0 and first._closed


def test_a_worker_is_retired_only_between_maps() -> None:
    with pytest.raises(RuntimeError, match="in flight"), ProcessPool(sleep_long, 2) as pool:
        pool._send(pool._workers[1], 0, [1])
        pool.retire(1)
    assert pool.workers == 0  # leaving by the error terminated both
