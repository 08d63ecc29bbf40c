"""The measurements behind the duplicate finder's n-gram size and threshold.

Copies of the seeds' paragraphs are made the way 范文 sites make them (term
swaps such as 市委→县委 and 十六大→十七大, OpenCC conversions between scripts,
an inserted word, a dropped sentence), and paragraphs of *different* essays
are paired (the seeds with each other, the test pages, and the shared samples
when ``../shared/samples`` is present: read, never copied).  For each n-gram
size the script prints the exact Jaccard similarity of the copies and how
many reach each threshold, and the highest similarity between different
essays: the threshold belongs in the gap between the two.

It also writes the copy fixtures of ``tests/test_dedup.py`` (``--write-fixtures``):
seeds republished under other sites' boilerplate, with term swaps, converted
to Traditional script, or partly copied into an essay of our own; and with
``--fixtures DIR`` prints what the duplicate finder says about them.  Run it
from the repository root::

    python scripts/measure_dedup.py
    python scripts/measure_dedup.py --write-fixtures tests/fixtures/dedup
    python scripts/measure_dedup.py --fixtures tests/fixtures/dedup
"""

from __future__ import annotations

import argparse
import os
import random
import re
import sys
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np

from zh_gov_essays.fingerprint import MIN_NEAR_CHARS, fingerprint
from zh_gov_essays.fingerprint.keys import comparison_key
from zh_gov_essays.fingerprint.minhash import NGRAM, jaccard, ngram_hashes, signatures
from zh_gov_essays.pipeline import process
from zh_gov_essays.publish.dedup import NEAR_THRESHOLD, Deduplicator
from zh_gov_essays.read import iter_inputs
from zh_gov_essays.records import Document, RawDoc
from zh_gov_essays.script import converter

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
PAGES = ROOT / "tests" / "fixtures"
SAMPLES = Path(os.environ.get("ZH_GOV_SAMPLES", ROOT.parent / "shared" / "samples"))

NGRAMS = (3, 4, 5, 6)
THRESHOLDS = (0.6, 0.7, 0.8)

# Terms 范文 sites swap when they republish an essay for another level or year.
SWAPS = (
    ("十六大", "十七大"),
    ("市委", "县委"),
    ("区委", "县委"),
    ("省委", "市委"),
    ("市直", "县直"),
    ("党委", "党组"),
    ("新世纪", "新时期"),
    ("民革", "民盟"),
    ("政协", "人大"),
    ("干部", "职工"),
    ("机关", "单位"),
)


# --- copies of one paragraph -------------------------------------------------------------


def swap_terms(text: str, count: int) -> str:
    """Swap the first occurrence of up to ``count`` terms of :data:`SWAPS` found in ``text``.

    >>> swap_terms("学习贯彻十六大精神，市委要求", 2)
    '学习贯彻十七大精神，县委要求'
    """
    for old, new in [s for s in SWAPS if s[0] in text][:count]:
        text = text.replace(old, new, 1)
    return text


def insert_word(text: str, rng: random.Random) -> str:
    """``进一步`` inserted at a random place."""
    at = rng.randrange(len(text) + 1)
    return text[:at] + "进一步" + text[at:]


def drop_sentence(text: str, rng: random.Random) -> str | None:
    """One sentence (ending in 。) left out; None for paragraphs of fewer than three."""
    sentences = [s for s in re.split("(?<=。)", text) if s]
    if len(sentences) < 3:
        return None
    del sentences[rng.randrange(len(sentences))]
    return "".join(sentences)


def variants(text: str, script: str, rng: random.Random) -> Iterator[tuple[str, str]]:
    """``(transform, copy)`` for every copy of ``text`` that differs from it."""
    for count in (1, 2, 3):
        yield f"swap {count} term(s)", swap_terms(text, count)
    configs = ("s2t", "s2tw", "s2hk", "s2twp") if script == "Hans" else ("t2s",)
    for config in configs:
        yield config, converter(config).convert(text)
    yield "insert a word", insert_word(text, rng)
    dropped = drop_sentence(text, rng)
    if dropped is not None:
        yield "drop a sentence", dropped


# --- measurement --------------------------------------------------------------------------


def _grams(key: str, n: int) -> np.ndarray:
    return ngram_hashes([key], n)[1]


def copy_similarities(docs: list[Document], n_values=NGRAMS) -> dict[str, list[dict[int, float]]]:
    """Per transform, one ``{n: Jaccard}`` per copied paragraph of ``MIN_NEAR_CHARS``+ characters."""
    rng = random.Random(0)
    out: dict[str, list[dict[int, float]]] = defaultdict(list)
    for doc in docs:
        for paragraph in doc.paragraphs:
            key = comparison_key(paragraph.text)
            if paragraph.kind == "heading" or len(key) < MIN_NEAR_CHARS:
                continue
            seen = set()
            for name, copy in variants(paragraph.text, doc.script or "Hans", rng):
                copy_key = comparison_key(copy)
                if copy == paragraph.text or (name, copy_key) in seen:
                    continue
                seen.add((name, copy_key))
                out[name].append(
                    {n: jaccard(_grams(key, n), _grams(copy_key, n)) for n in n_values}
                )
    return out


def different_essays(docs: list[Document], n: int) -> list[float]:
    """For each paragraph, its highest Jaccard with a paragraph of another essay."""
    keys = [
        (doc_index, comparison_key(p.text))
        for doc_index, doc in enumerate(docs)
        for p in doc.paragraphs
        if p.kind != "heading"
    ]
    keys = [(d, k) for d, k in keys if len(k) >= MIN_NEAR_CHARS]
    sets = [set(_grams(k, n).tolist()) for _, k in keys]
    holders: dict[int, list[int]] = defaultdict(list)
    best = [0.0] * len(keys)
    for i, grams in enumerate(sets):
        shared: dict[int, int] = defaultdict(int)
        for gram in grams:
            for j in holders[gram]:
                shared[j] += 1
            holders[gram].append(i)
        for j, common in shared.items():
            if keys[j][0] != keys[i][0]:
                similarity = common / (len(grams) + len(sets[j]) - common)
                best[i] = max(best[i], similarity)
                best[j] = max(best[j], similarity)
    return sorted(best)


def load(paths: list[Path]) -> list[Document]:
    """The kept documents of every input under ``paths`` (in path order)."""
    docs = []
    for path in paths:
        for raw in iter_inputs(path):
            doc = process(raw)
            if doc.kept:
                docs.append(doc)
    return docs


def negative_sources() -> list[Path]:
    """Essays that are not copies of each other: seeds, test pages, samples (when present)."""
    paths = [SEEDS, *sorted(p for p in PAGES.iterdir() if p.is_dir() and p.name != "dedup")]
    if SAMPLES.is_dir():
        paths.append(SAMPLES)
    return [p for p in paths if p.is_dir() and p.name != "golden"]


def _quantile(values: list[float], q: float) -> float:
    return values[min(len(values) - 1, int(q * len(values)))] if values else float("nan")


def report(seeds: list[Document], others: list[Document]) -> str:
    """The table: copies' similarity by transform and n, and the different essays' highest."""
    copies = copy_similarities(seeds)
    lines = [
        f"copies of the seeds' paragraphs of {MIN_NEAR_CHARS}+ key characters: exact Jaccard of "
        "character n-grams; 'kept at' counts copies reaching each threshold",
        "",
        f"  {'transform':20s} {'n':>2s} {'copies':>6s} {'min':>5s} {'p10':>5s} {'median':>6s}  "
        + "  ".join(f"kept at {t:.1f}" for t in THRESHOLDS),
    ]
    for name, rows in copies.items():
        for n in NGRAMS:
            values = sorted(r[n] for r in rows)
            kept = "  ".join(
                f"{sum(v >= t for v in values):>7d}/{len(values):<3d}" for t in THRESHOLDS
            )
            lines.append(
                f"  {name:20s} {n:2d} {len(values):6d} {values[0]:5.2f} {_quantile(values, 0.1):5.2f} "
                f"{_quantile(values, 0.5):6.2f}  {kept}"
            )
    lines += [
        "",
        f"different essays ({len(others)} documents): each paragraph's highest Jaccard with a "
        "paragraph of another essay",
        "",
        f"  {'n':>2s} {'paragraphs':>10s} {'max':>5s} {'p99.9':>6s} {'p99':>5s}",
    ]
    for n in NGRAMS:
        best = different_essays(others, n)
        lines.append(
            f"  {n:2d} {len(best):10d} {best[-1]:5.2f} {_quantile(best, 0.999):6.2f} "
            f"{_quantile(best, 0.99):5.2f}"
        )
    lines += ["", f"in use: {NGRAM}-grams, threshold {NEAR_THRESHOLD}"]
    return "\n".join(lines)


# --- the copy fixtures --------------------------------------------------------------------


def _essay(prefix: str) -> Document:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return process(RawDoc(path.name, path.read_bytes()))


def hxgw_page(title: str, paragraphs: list[str]) -> str:
    """A Simplified 公文 site: breadcrumb, byline with counter, indented paragraphs, footer."""
    body = "\n\n".join("\u3000\u3000" + p for p in paragraphs)
    return (
        f"{title}_华夏公文网\n首页 > 公文写作 > 经验交流 > 正文\n\n{title}\n\n"
        "发布时间：2019-03-12 09:41　来源：华夏公文网　作者：佚名　阅读：1386次\n\n"
        f"{body}\n\n"
        "上一篇：机关作风建设经验交流材料\n下一篇：关于加强基层党组织建设的思考\n"
    )


def fanwen_page(title: str, paragraphs: list[str]) -> str:
    """A Simplified 范文 site with half-width punctuation and a source notice."""
    body = "\n".join(p.replace("，", ",").replace("；", ";").replace("：", ":") for p in paragraphs)
    return (
        f"当前位置:首页 > 范文大全 > 工作总结\n{title}\n"
        f"2021-07-08 16:20:33 来源:网友投稿 浏览:562\n{body}\n"
        "本文来源于网络,仅供学习参考,如有侵权请联系删除。\n"
    )


def hant_page(title: str, paragraphs: list[str]) -> str:
    """A Traditional 範文 site: breadcrumb, date and editor, tags, previous/next links."""
    body = "\n\n".join(paragraphs)
    return (
        f"首頁>心得體會>機關建設>{title}\n\n{title}\n\n"
        f"發佈日期：2020年05月20日　來源：中華範文網　編輯：阿明\n\n{body}\n\n"
        f"{title} 標籤：機關建設 服務型機關\n上一篇：黨建工作心得\n下一篇：機關效能建設總結\n"
    )


# Our own prose for the partial copy: an introduction and a close around copied paragraphs.
PARTIAL_OWN_HEAD = (
    "今年以来，我们按照上级部署，把建设服务型机关作为提升机关效能的重要抓手，"
    "组织全体干部认真学习兄弟单位的经验做法，结合本单位实际逐条对照检查，形成了以下几点认识。",
    "认识到差距，才能找准努力的方向。对照先进单位，我们在服务意识、办事效率和制度执行上还有不少短板，"
    "有的同志习惯于按部就班，有的环节还存在推诿扯皮现象，群众和基层单位对此有意见。",
)
PARTIAL_OWN_TAIL = (
    "下一步，我们将把学习成果转化为具体措施：一是梳理办事流程，把能够合并的环节合并，"
    "把能够网上办理的事项全部放到网上；二是完善考核办法，把服务对象的评价作为干部考核的重要依据。",
    "同时，我们将建立季度讲评制度，每季度召开一次服务工作讲评会，请基层单位代表参加，"
    "当面听取意见建议，对反映集中的问题明确责任人和整改时限，确保件件有着落、事事有回音。",
    "建设服务型机关是一项长期任务，我们将持之以恒抓下去，以优良的作风和扎实的工作，"
    "为全县经济社会发展提供有力保障，努力向组织和群众交出一份满意的答卷。",
)


# The term swaps of the swapped copy: a 2003 essay republished for the 17th Congress years.
ESSAY_SWAPS = (("十六大", "十七大"), ("市委", "县委"), ("三个代表", "科学发展观"))


def _swap_all(text: str, swaps: tuple[tuple[str, str], ...]) -> str:
    for old, new in swaps:
        text = text.replace(old, new)
    return text


def copy_fixtures() -> dict[str, str]:
    """The copy fixtures: file name -> page text (UTF-8)."""
    e0, e1, e2 = _essay("000"), _essay("001"), _essay("002")
    t2 = e2.title or ""
    swapped = [_swap_all(p.text, ESSAY_SWAPS) for p in e2.paragraphs]
    s2t = converter("s2t").convert
    body0 = [p.text for p in e0.paragraphs]
    partial = [*PARTIAL_OWN_HEAD, body0[4], body0[6], *PARTIAL_OWN_TAIL]
    return {
        "copy_000_other_site.txt": hxgw_page(e0.title or "", body0),
        "copy_002_term_swaps.txt": fanwen_page(t2.replace("的新局面的新局面", "的新局面"), swapped),
        "copy_001_traditional.txt": hant_page(
            s2t(e1.title or ""), [s2t(p.text) for p in e1.paragraphs]
        ),
        "partial_000_in_own_essay.txt": hxgw_page("学习建设服务型机关经验的几点体会", partial),
    }


def fixture_report(fixture_dir: Path) -> str:
    """What the duplicate finder says about the seeds and the fixtures, in corpus order."""
    docs = sorted(load([SEEDS, fixture_dir]), key=lambda d: d.doc_id)
    names = {d.doc_id: d.source_file for d in docs}
    dedup = Deduplicator()
    lines = []
    fingerprints = {}
    for doc in docs:
        fp = fingerprint(doc)
        fingerprints[doc.doc_id] = (doc, fp)
        marks = dedup.mark(doc, fp)
        flagged = sum(p.dup_of is not None for p in doc.paragraphs)
        line = f"{doc.source_file:34s} {flagged:3d}/{len(doc.paragraphs):<3d} paragraphs flagged"
        if doc.dup_of is not None:
            original, ofp = fingerprints[doc.dup_of]
            line += f"; copies {names[doc.dup_of]} ({marks.document})"
            line += "; document Jaccard " + _doc_similarity(doc, fp, original, ofp)
        lines.append(line)
    return "\n".join(lines)


def _doc_similarity(doc: Document, fp, original: Document, ofp) -> str:
    mine, theirs = np.unique(fp.grams), np.unique(ofp.grams)
    exact = jaccard(mine, theirs)
    sig = signatures(
        np.array([0, len(mine), len(mine) + len(theirs)]), np.concatenate([mine, theirs])
    )
    estimate = float((sig[0] == sig[1]).mean())
    return f"{exact:.3f} exact, {estimate:.3f} MinHash estimate"


def write_fixtures(out_dir: Path, make: Callable[[], dict[str, str]] = copy_fixtures) -> None:
    """Write the copy fixtures into ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, text in make().items():
        (out_dir / name).write_text(text, encoding="utf-8", newline="\n")
        print(f"wrote {out_dir / name}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="measure_dedup.py",
        description="Print the n-gram Jaccard of paragraph copies and of different essays (the "
        "measurements behind the duplicate finder's thresholds); write or check the copy fixtures.",
    )
    parser.add_argument(
        "--write-fixtures", type=Path, metavar="DIR", help="write the copy fixtures"
    )
    parser.add_argument(
        "--fixtures", type=Path, metavar="DIR", help="run the duplicate finder on seeds + DIR"
    )
    args = parser.parse_args(argv)
    if args.write_fixtures:
        write_fixtures(args.write_fixtures)
        return 0
    if args.fixtures:
        print(fixture_report(args.fixtures))
        return 0
    seeds = load([SEEDS])
    print(report(seeds, load(negative_sources())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
