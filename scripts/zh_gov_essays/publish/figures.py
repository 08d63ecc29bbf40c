"""The figures of the dataset card: PNGs in ``corpus/figures/``, the same bytes on every rebuild.

matplotlib draws them with the Agg backend, matplotlib's default style (a
user's ``matplotlibrc`` is ignored), a fixed size and resolution, and no
``Software`` or date metadata in the PNG, so the bytes follow the data and the
pinned versions of matplotlib and the font only.  Labels use Noto Sans CJK SC
from the ``noto-cjk-sans-otc`` package (a pip package, never a system font),
so source names render as Chinese, Simplified or Traditional, not as boxes.

matplotlib is imported when the first figure is drawn (:func:`_mpl`), not
with this module: it costs about 40 MB and half a second, which a build
then spends only after its Parquet files are written.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import cache
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING

import noto_cjk_sans_otc

from zh_gov_essays.publish.stats import LENGTH_BIN, LENGTH_BINS, BuildStats

if TYPE_CHECKING:
    from matplotlib.figure import Figure

FOLDER = "figures"
FONT_FAMILY = "Noto Sans CJK SC"
# At most this many bars; the rest are summed into one "other" bar.
MAX_BARS = 15
_DPI = 100
_SIZE = (8.0, 4.5)
_COLOR = "#4C72B0"
# PNG text chunks: none that change between runs or machines.
_PNG_METADATA = {"Software": None}

FIGURES = {
    "paragraph_lengths.png": "Paragraph lengths",
    "documents_by_source.png": "Documents by source",
    "documents_by_year.png": "Documents by year",
    "script_share.png": "Script share",
    "removals_by_rule.png": "Characters removed by rule",
}


@cache
def _mpl() -> SimpleNamespace:
    """matplotlib, imported on first use, with the Agg backend chosen before pyplot
    (no display, the same renderer everywhere)."""
    import matplotlib

    matplotlib.use("Agg")

    import matplotlib.pyplot as plt
    from matplotlib import font_manager
    from matplotlib.ticker import MaxNLocator, PercentFormatter

    return SimpleNamespace(
        matplotlib=matplotlib,
        plt=plt,
        font_manager=font_manager,
        MaxNLocator=MaxNLocator,
        PercentFormatter=PercentFormatter,
    )


@cache
def _register_font() -> str:
    """Add the packaged CJK font collection to matplotlib; return the family to use."""
    _mpl().font_manager.fontManager.addfont(os.fspath(noto_cjk_sans_otc.FONT_PATH))
    return FONT_FAMILY


def load_matplotlib(_: object = None) -> None:
    """Import matplotlib and add the font now, not at the first figure: a build with
    worker processes has one do it while it closes its Parquet files (the argument,
    an item of a worker's chunk, is ignored)."""
    _register_font()


def _rc() -> dict[str, object]:
    return {
        **_mpl().matplotlib.rcParamsDefault,
        "backend": "Agg",
        "font.family": [_register_font()],
        "axes.unicode_minus": False,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "figure.dpi": _DPI,
        "savefig.dpi": _DPI,
        "path.simplify": True,
    }


def _top(items: list[tuple[str, int]], other: str) -> list[tuple[str, int]]:
    if len(items) <= MAX_BARS:
        return items
    kept = items[: MAX_BARS - 1]
    return [*kept, (other, sum(n for _, n in items[MAX_BARS - 1 :]))]


def _barh(fig: Figure, items: list[tuple[str, int]], xlabel: str) -> None:
    ax = fig.subplots()
    labels = [k for k, _ in items][::-1]
    values = [v for _, v in items][::-1]
    bars = ax.barh(range(len(items)), values, color=_COLOR)
    ax.set_yticks(range(len(items)), labels)
    ax.bar_label(bars, labels=[f"{v:,}" for v in values], padding=3, fontsize=8)
    ax.set_xlabel(xlabel)
    ax.xaxis.set_major_locator(_mpl().MaxNLocator(integer=True))
    ax.margins(x=0.12)


def paragraph_lengths(fig: Figure, stats: BuildStats) -> None:
    ax = fig.subplots()
    bins = stats.paragraph_length_bins
    last = max((i for i, n in enumerate(bins) if n), default=0)
    xs = [i * LENGTH_BIN for i in range(last + 1)]
    ax.bar(xs, bins[: last + 1], width=LENGTH_BIN * 0.9, align="edge", color=_COLOR)
    ax.set_xlabel(
        f"characters per paragraph (bins of {LENGTH_BIN}; "
        f"the last holds ≥ {LENGTH_BIN * (LENGTH_BINS - 1):,})"
    )
    ax.set_ylabel("paragraphs")
    ax.yaxis.set_major_locator(_mpl().MaxNLocator(integer=True))
    ax.set_title(f"Paragraph lengths ({stats.paragraphs:,} paragraphs)")


def documents_by_source(fig: Figure, stats: BuildStats) -> None:
    table = stats.by_source
    keys = sorted(table, key=lambda k: (k == "unknown", -table[k].documents, k))
    _barh(fig, _top([(k, table[k].documents) for k in keys], "其他 (other)"), "documents")
    fig.axes[0].set_title("Documents by source")


def documents_by_year(fig: Figure, stats: BuildStats) -> None:
    ax = fig.subplots()
    keys = sorted(stats.by_year, key=lambda k: (k == "unknown", k))
    values = [stats.by_year[k].documents for k in keys]
    bars = ax.bar(range(len(keys)), values, color=_COLOR)
    ax.set_xticks(range(len(keys)), keys, rotation=45 if len(keys) > 12 else 0)
    ax.bar_label(bars, labels=[f"{v:,}" for v in values], padding=2, fontsize=8)
    ax.set_ylabel("documents")
    ax.yaxis.set_major_locator(_mpl().MaxNLocator(integer=True))
    ax.set_title("Documents by year of publication")
    ax.margins(y=0.12)


def script_share(fig: Figure, stats: BuildStats) -> None:
    names = {"Hans": "Simplified (Hans)", "Hant": "Traditional (Hant)"}
    scripts = sorted(stats.paragraph_scripts)
    total_p = sum(t.paragraphs for t in stats.paragraph_scripts.values()) or 1
    total_c = sum(t.chars for t in stats.paragraph_scripts.values()) or 1
    ax = fig.subplots()
    left = [0.0, 0.0]
    colors = ["#4C72B0", "#DD8452", "#8C8C8C"]
    for i, script in enumerate(scripts):
        tally = stats.paragraph_scripts[script]
        shares = [tally.paragraphs / total_p, tally.chars / total_c]
        bars = ax.barh(
            [1, 0], shares, left=left, color=colors[i % 3], label=names.get(script, script)
        )
        ax.bar_label(
            bars, labels=[f"{s:.0%}" if s >= 0.04 else "" for s in shares], label_type="center"
        )
        left = [a + b for a, b in zip(left, shares, strict=True)]
    ax.set_yticks([1, 0], ["paragraphs", "characters"])
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(_mpl().PercentFormatter(1.0))
    if scripts:  # a build that kept nothing has no script to list (and ncol=0 raises)
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=len(scripts), frameon=False)
    ax.set_title("Script of each paragraph")


def removals_by_rule(fig: Figure, stats: BuildStats) -> None:
    table = stats.removed_by_rule
    keys = sorted(table, key=lambda k: (-table[k].chars, k))
    _barh(fig, _top([(k, table[k].chars) for k in keys], "other rules"), "characters removed")
    fig.axes[0].set_title("Characters removed, by rule")


_DRAW: dict[str, Callable[[Figure, BuildStats], None]] = {
    "paragraph_lengths.png": paragraph_lengths,
    "documents_by_source.png": documents_by_source,
    "documents_by_year.png": documents_by_year,
    "script_share.png": script_share,
    "removals_by_rule.png": removals_by_rule,
}


def write_figure(name: str, stats: BuildStats, out_dir: Path) -> str:
    """Draw the figure ``name`` (a key of :data:`FIGURES`) into ``out_dir/figures/``; return
    its path relative to ``out_dir``.

    Each figure is drawn alone (its own rc context, its own matplotlib figure),
    so the bytes do not depend on which process draws it, nor after which
    other figure: a build with worker processes draws them there, beside the
    card.
    """
    folder = Path(out_dir) / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    draw = _DRAW[name]
    plt = _mpl().plt
    with _mpl().matplotlib.rc_context(_rc()):
        fig = plt.figure(figsize=_SIZE, layout="constrained")
        try:
            draw(fig, stats)
            tmp = folder / f".{name}.partial"
            fig.savefig(tmp, format="png", metadata=_PNG_METADATA)
            os.replace(tmp, folder / name)
        finally:
            plt.close(fig)
    return f"{FOLDER}/{name}"


def write_figures(stats: BuildStats, out_dir: Path) -> list[str]:
    """Draw every figure of :data:`FIGURES` into ``out_dir/figures/`` (the list the build's
    workers draw too); return their paths relative to ``out_dir``."""
    return [write_figure(name, stats, out_dir) for name in FIGURES]
