"""``zh-gov-essays build``: clean every input and publish the corpus, safely."""

from __future__ import annotations

import argparse
import contextlib
import functools
import importlib.util
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from zh_gov_essays.cli.status import (
    InputReport,
    Interrupted,
    OutOfResources,
    UsageError,
    note,
    progress,
)
from zh_gov_essays.names import printable

if TYPE_CHECKING:  # the CLI imports the engines only when a command runs
    from zh_gov_essays.engines.pool import ProcessPool
    from zh_gov_essays.learn import CrawlContext
    from zh_gov_essays.publish.stats import BuildStats
    from zh_gov_essays.read import InputSet
    from zh_gov_essays.read.order import CorpusOrder
    from zh_gov_essays.records import Document

T = TypeVar("T")


def _card_template(path: Path) -> str:
    """The card template's text, checked by rendering it once with empty statistics."""
    from zh_gov_essays.pipeline import label_descriptions
    from zh_gov_essays.publish.card import CardTemplateError, check_template

    if not path.is_file():
        raise UsageError(
            f"card template not found: {path} (run from the repository root or pass --card PATH)"
        )
    try:
        template = path.read_text(encoding="utf-8")
        check_template(template, rule_descriptions=label_descriptions())
    except (CardTemplateError, UnicodeDecodeError) as exc:
        raise UsageError(f"card template {path} is invalid: {exc}") from None
    except OSError as exc:
        raise UsageError(f"cannot read card template {path}: {exc.strerror or exc}") from None
    return template


def _in_background(function: Callable[..., T], *args: Any) -> Callable[[], T]:
    """Start ``function(*args)`` in a daemon thread; the returned call waits for its result
    (or raises its exception).  A daemon, so that Ctrl-C meanwhile does not wait for it."""
    outcome: dict[str, Any] = {}

    def target() -> None:
        try:
            outcome["value"] = function(*args)
        except BaseException as exc:  # handed to the caller by result()
            outcome["error"] = exc

    thread = threading.Thread(target=target, name=function.__name__, daemon=True)
    thread.start()

    def result() -> T:
        thread.join()
        if "error" in outcome:
            raise outcome["error"]
        return outcome["value"]

    return result


@contextlib.contextmanager
def _machine_failures() -> Iterator[None]:
    """The machine failing the build (a worker killed, memory exhausted) as exit 5 with advice.

    Around every pass that runs workers: the site-template pass as well as
    the cleaning (a worker killed while learning ended as "a bug", exit 1).
    """
    from zh_gov_essays.engines import WorkerLost
    from zh_gov_essays.engines.resources import MEMORY_PER_WORKER

    try:
        yield
    except WorkerLost as exc:
        raise OutOfResources(
            f"{exc}; nothing published (lower --workers: each needs about "
            f"{MEMORY_PER_WORKER // 10**6} MB)"
        ) from exc
    except MemoryError as exc:
        where = str(exc) or "out of memory"
        raise OutOfResources(
            f"{where}; nothing published (lower --workers, or give the build more memory)"
        ) from exc


def _capped_workers(args: argparse.Namespace) -> int:
    """``--workers``, lowered to what this machine holds (a remote Ray cluster decides itself)."""
    from zh_gov_essays.engines import resources

    if args.engine == "ray" and os.environ.get("RAY_ADDRESS"):
        return args.workers
    workers, why = resources.cap_workers(
        args.workers, cpus=resources.usable_cpus(), memory=resources.available_memory()
    )
    if why:
        note(f"--workers {args.workers} lowered to {workers}: {why}")
    return workers


def cmd_build(args: argparse.Namespace) -> int:
    from zh_gov_essays import engines

    if args.workers < 1:
        raise UsageError("--workers must be at least 1")
    if args.engine == "ray" and importlib.util.find_spec("ray") is None:
        raise UsageError("the ray engine needs Ray: pip install 'zh-gov-essays[ray]'")
    workers = _capped_workers(args)
    started = time.perf_counter()
    # With worker processes, the crawl is cleaned in corpus order, so that the
    # writer publishes each page as it comes back, while the workers go on
    # (the local engine keeps the order it is given); otherwise the writer
    # sorts at the end.  With one worker nothing would run beside the writer:
    # writing in order would only add the writer's memory to the cleaning's
    # (+20 MB on 5,000 pages) and evict its caches.
    in_order = args.engine == "local" and workers > 1
    # One pool of workers for both passes, started first: the workers import
    # the pipeline and compile its rules while this process imports its own
    # modules (about 0.6 s each, at once instead of one after the other), and
    # the cleaning starts on workers that have already done it.
    pool = None
    if in_order:
        with _machine_failures():  # no memory for a process: exit 5, as in a pass
            pool = engines.ProcessPool(None, workers, preload=engines.WORKER_MODULES)
    try:
        inputs, target, template, context, order = _prepare(args, workers, in_order, pool)
    except BaseException:
        if pool is not None:
            pool.terminate()
        raise
    return _build(args, inputs, target, template, context, order, workers, pool, started)


def _prepare(
    args: argparse.Namespace, workers: int, in_order: bool, pool: ProcessPool | None
) -> tuple[InputSet, Path, str, CrawlContext | None, CorpusOrder | None]:
    """What the cleaning needs: the inputs, the output folder, the card template,
    the site templates learned (on ``pool``), and the corpus order (with workers)."""
    from zh_gov_essays import engines
    from zh_gov_essays.read import InputError, InputSet, corpus_order

    template = _card_template(args.card)
    patterns = args.input or ["seeds"]
    try:
        inputs = InputSet.resolve(patterns)
    except InputError as exc:
        raise UsageError(str(exc)) from exc
    target = args.out
    for root in inputs.roots:
        target = _check_output_folder(root.path, args.out)
    if next(inputs.files(), None) is None:
        raise UsageError(f"no input files under {' '.join(map(str, patterns))}")

    context = None
    # Reading the crawl for the order (hashing files; copying container
    # records to a spill file next to the output) runs in a thread beside the
    # site-template pass, whose workers do the CPU work.
    ordered = None
    if in_order:
        target.parent.mkdir(parents=True, exist_ok=True)
        ordered = _in_background(corpus_order, inputs, target.parent)
    if not args.no_site_templates:
        with _machine_failures():
            context = engines.learn(
                inputs,
                engine=args.engine,
                workers=workers,
                wrap=lambda items: progress(items, None, "learning site templates"),
                pool=pool,
            )
    try:
        order = ordered() if ordered is not None else None
    except OSError as exc:  # the spill of container records, beside the output
        raise UsageError(
            f"cannot write the crawl's records to a temporary file in {target.parent}: "
            f"{exc.strerror or exc} (it needs about the crawl's uncompressed size: free "
            "some space there, or give --out on a larger disk)"
        ) from exc
    return inputs, target, template, context, order


def _build(
    args: argparse.Namespace,
    inputs: InputSet,
    target: Path,
    template: str,
    context: CrawlContext | None,
    order: CorpusOrder | None,
    workers: int,
    pool: ProcessPool | None,
    started: float,
) -> int:
    """Clean ``inputs`` (on ``pool`` if given, which then draws the card's figures and is
    stopped at the end) and publish the corpus into ``args.out``; the command's exit
    status."""
    from zh_gov_essays import engines
    from zh_gov_essays.engines.work import BUILD_STEPS
    from zh_gov_essays.pipeline import label_descriptions
    from zh_gov_essays.publish.atomic import (
        AfterSwapError,
        BuildLocked,
        MountPointError,
        publish_atomically,
    )
    from zh_gov_essays.publish.validate import ValidationError
    from zh_gov_essays.publish.writer import write_corpus

    report = InputReport()
    published: list[Path] = []

    figures = None if pool is None else _FiguresOnPool(pool)

    def build(tmp: Path):
        run = engines.run(
            inputs if order is None else order.raws(),
            engine=args.engine,
            workers=workers,
            context=context,
            post=BUILD_STEPS,
            pool=pool,
        )
        if figures is not None:
            run = figures.after(run)
        with contextlib.closing(run) as docs:
            # The gate checks every row as it is written (the paragraphs the
            # workers checked are not checked again); nothing is read back.
            stats = write_corpus(
                progress(report.noting(docs), None if order is None else len(order), "cleaning"),
                tmp,
                card_template=template,
                rule_descriptions=label_descriptions(),
                validate=True,
                in_order=order is not None,
                draw_figures=None if figures is None else figures.draw,
            )
        if not stats.documents_kept:
            raise UsageError(
                "no document survived cleaning; nothing published "
                "(zh-gov-essays inspect FILE shows why each input is rejected)"
            )
        return stats

    warning = None
    interrupted = False
    try:
        try:
            with _machine_failures():
                stats = publish_atomically(
                    build,
                    target,
                    before_swap=lambda folder: _check_replaceable(folder, args.out),
                    on_published=published.append,
                )
        except AfterSwapError as exc:
            stats, warning = exc.result, str(exc)
        except ValidationError as exc:
            raise UsageError(f"validation failed, nothing published: {exc}") from exc
        except MountPointError as exc:
            raise UsageError(str(exc)) from exc
        except BuildLocked as exc:
            raise UsageError(str(exc)) from exc
        except OSError as exc:  # inputs never raise (unreadable files become manifest rows)
            raise UsageError(f"cannot write {args.out}: {exc.strerror or exc}") from exc
        print(_summary(stats, args.out, time.perf_counter() - started, report, context))
    except KeyboardInterrupt as exc:
        interrupted = True
        signum = getattr(exc, "signum", signal.SIGINT)
        raise Interrupted(signum, published=bool(published)) from None
    finally:
        if pool is not None:
            if figures is not None:
                figures.settle()  # a build that failed after its last page: matplotlib loading
            pool.close()  # stops the workers (a failed run has terminated them)
        if order is not None:
            order.close()  # its spill file (container records) goes, however the build ends
        if not interrupted:
            report.print_lines(published=bool(published))
    if warning:
        note(f"warning: published {args.out}, but {warning}")
    return report.exit_code


class _FiguresOnPool:
    """The card's figures drawn by one of the pool's workers, idle once the cleaning is
    done, while this process closes its Parquet files and writes the card (it took
    ~2 s after the last page, one CPU idle).  The pool is used by one background
    thread at a time, each waiting for the one before."""

    def __init__(self, pool: ProcessPool) -> None:
        self._pool = pool
        self._loaded: Callable[[], object] = lambda: None

    def after(self, docs: Iterator[Document]) -> Iterator[Document]:
        """``docs``; after the last, one worker stays and starts importing matplotlib.

        The others stop: the one that draws grows by about 65 MB (189 MB in a
        build of the bench's 5,000 pages, 124 MB before), less than what they
        free, so the build's end needs no more memory than its cleaning.
        """
        from zh_gov_essays.publish.figures import load_matplotlib

        yield from docs

        def load() -> object:
            self._pool.retire(self._pool.workers - 1)
            return self._map(load_matplotlib, [[None]])

        self._loaded = _in_background(load)

    def draw(self, stats: BuildStats, out_dir: Path) -> Callable[[], list[str]]:
        """A :data:`~zh_gov_essays.publish.writer.FigureDrawer` on the pool."""
        from zh_gov_essays.publish.figures import FIGURES, write_figure

        loaded = self._loaded

        def draw_all() -> list[str]:
            loaded()
            function = functools.partial(write_figure, stats=stats, out_dir=out_dir)
            return [path for chunk in self._map(function, [list(FIGURES)]) for path in chunk]

        return _in_background(draw_all)

    def settle(self) -> None:
        """Wait until no thread uses the pool, before it is stopped: a build that failed
        between its last page and its figures leaves a worker loading matplotlib (an
        error there is not the build's, which is reported already)."""
        with contextlib.suppress(Exception):
            self._loaded()

    def _map(self, function: Callable[[Any], Any], chunks: list[list[Any]]) -> list[list[Any]]:
        self._pool.use(function)
        return list(self._pool.map_chunks(chunks, window=len(chunks)))


def _check_output_folder(source: Path, out: Path) -> Path:
    """Refuse an --out that would replace something that is not a corpus; return the folder.

    Publishing swaps the whole folder: an existing folder is replaced only
    when it holds nothing but a previous build's files (or nothing), never
    the input itself or a folder around or inside it, never a mount point
    (it cannot be renamed).  A symlink is followed: its target is returned
    and swapped, and the link stays.
    """
    from zh_gov_essays.publish.atomic import MountPointError, is_mount_point

    target = out
    if out.is_symlink():
        if not out.exists():
            raise UsageError(
                f"--out {out} is a symlink to {os.readlink(out)}, which does not exist: "
                "create the folder it points to, or pass another --out"
            )
        target = Path(os.path.realpath(out))
        note(f"--out {out} is a symlink: publishing into its target {target}")
    src, dst = source.resolve(), target.resolve()
    if dst == src or dst in src.parents or src in dst.parents:
        raise UsageError(f"--out {out} overlaps --input {source}: choose another output folder")
    if dst.exists() and not dst.is_dir():
        raise UsageError(f"--out {out} is a file, not a folder")
    if dst.is_dir():
        if is_mount_point(dst):
            raise UsageError(str(MountPointError(out)))
        _check_replaceable(dst, out)
    return target


def _check_replaceable(folder: Path, shown: Path) -> None:
    """Refuse to replace ``folder`` unless all it holds is a build's, and this user can remove it."""
    from zh_gov_essays.publish.schema import CONFIGS
    from zh_gov_essays.publish.writer import foreign_entries

    if not folder.is_dir():
        return
    foreign = foreign_entries(folder)
    if foreign:
        listed = ", ".join(foreign[:5]) + (
            f" and {len(foreign) - 5} more" if len(foreign) > 5 else ""
        )
        raise UsageError(
            f"--out {shown} holds files a build does not write ({listed}): refusing to replace "
            "it; move them away, or choose another --out"
        )
    for sub in [folder, *(folder / c for c in CONFIGS if (folder / c).is_dir())]:
        # Its owner can make a read-only corpus writable (the build does so);
        # anyone else could not remove it after publishing the new one.
        if not os.access(sub, os.W_OK | os.X_OK) and sub.stat().st_uid != os.geteuid():
            raise UsageError(
                f"--out {shown} cannot be replaced: {sub} is read-only and belongs to another "
                "user; choose another --out"
            )


def _summary(
    stats, out: Path, seconds: float, report: InputReport | None = None, context=None
) -> str:
    shown = printable(str(out))
    lines = [
        f"built {shown}/ in {seconds:.1f} s",
        f"  documents kept      {stats.documents_kept:,} ({stats.duplicate_documents:,} flagged "
        f"dup_of, {stats.duplicate_clusters:,} duplicate clusters)",
        f"  documents rejected  {stats.documents_rejected:,}"
        + (
            " (" + ", ".join(f"{k} {v}" for k, v in sorted(stats.rejected_by_reason.items())) + ")"
            if stats.rejected_by_reason
            else ""
        ),
        f"  paragraphs          {stats.paragraphs:,} ({stats.duplicate_paragraphs:,} flagged dup_of)",
        f"  characters          {stats.chars:,}",
        "  splits              "
        + ", ".join(f"{s} {stats.by_split[s].documents:,}" for s in stats.splits),
        f"  manifest            {shown}/manifest.jsonl",
    ]
    if context is not None:
        lines.append(
            f"  site templates      {context.lines_learned:,} lines learned in "
            f"{len(context.templates):,} site groups ({context.pages:,} pages read, "
            f"{context.copies:,} copies skipped)"
        )
    if stats.removed_by_rule:
        lines.append(
            "  removed by rule     "
            + ", ".join(f"{rule} {n.pieces}" for rule, n in sorted(stats.removed_by_rule.items()))
        )
    if stats.repairs_by_name:
        lines.append(
            "  repairs             "
            + ", ".join(f"{name} {n}" for name, n in sorted(stats.repairs_by_name.items()))
        )
    if report is not None and report.internal:
        lines.append(
            f"  internal errors     {report.internal:,} input(s) hit a bug while cleaning "
            "(rejected as internal_error; listed on stderr)"
        )
    if report is not None and report.broken:
        lines.append(f"  corrupt inputs      {report.broken:,} (listed on stderr)")
    return "\n".join(lines)
