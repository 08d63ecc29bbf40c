"""Write a large synthetic crawl made from the project's hand-written fixture pages.

Each synthetic page takes one fixture page (``tests/fixtures/pages``,
``redteam*``) as its template, so it keeps that page's furniture (breadcrumbs,
counters, footers, glosses, watermarks …), and varies its body: long lines are
swapped for long lines of other fixture pages, shuffled, and one carries a
sentence with the page's number, so every page has its own bytes (its own
``doc_id``) and the duplicate finder sees a realistic mix of shared and own
paragraphs.  Deterministic for a given ``--pages`` and ``--seed``.

Used to measure commands at scale (``report``, ``build``)::

    python scripts/make_synthetic_crawl.py --pages 50000 --out /tmp/crawl
    zh-gov-essays build --input /tmp/crawl --out /tmp/crawl-corpus --workers 2
    zh-gov-essays report --corpus /tmp/crawl-corpus --input /tmp/crawl --out /tmp/report.html
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_DIRS = ("pages", "redteam", "redteam2", "redteam3", "redteam4")
# A line at least this long (characters) is treated as body text that may be swapped.
BODY_CHARS = 40
# Share of a page's body lines replaced by body lines of other pages.
SWAP_SHARE = 0.4


def _text(path: Path) -> str:
    """The page's text; bytes that are not UTF-8 (a truncated tail) survive the round trip."""
    return path.read_bytes().decode("utf-8", "surrogateescape")


def fixture_pages(root: Path = ROOT) -> list[tuple[str, list[str]]]:
    """``(name, lines)`` of every fixture page, sorted by path."""
    pages = []
    for folder in FIXTURE_DIRS:
        for path in sorted((root / "tests" / "fixtures" / folder).glob("*.txt")):
            pages.append((f"{folder}/{path.stem}", _text(path).split("\n")))
    return pages


def synthetic_page(
    number: int, template: list[str], pool: list[str], rng: random.Random
) -> list[str]:
    """One page: ``template`` with some body lines swapped and shuffled, and a numbered sentence."""
    body = [i for i, line in enumerate(template) if len(line.strip()) >= BODY_CHARS]
    lines = list(template)
    for i in body:
        if rng.random() < SWAP_SHARE:
            lines[i] = rng.choice(pool)
    if len(body) > 2:
        moved = [lines[i] for i in body]
        rng.shuffle(moved)
        for i, line in zip(body, moved, strict=True):
            lines[i] = line
    if body:
        i = body[rng.randrange(len(body))]
        lines[i] = lines[i].rstrip() + f"这是第{number}次专题学习的体会。"
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=50_000, help="pages to write (default 50000)")
    parser.add_argument("--out", type=Path, required=True, help="folder to write (created)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    args = parser.parse_args()
    pages = fixture_pages()
    pool = [line for _, lines in pages for line in lines if len(line.strip()) >= BODY_CHARS]
    rng = random.Random(args.seed)
    for number in range(args.pages):
        name, template = pages[number % len(pages)]
        folder = args.out / f"{number // 1000:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        text = "\n".join(synthetic_page(number, template, pool, rng))
        path = folder / f"{number:06d}_{name.replace('/', '_')}.txt"
        path.write_bytes(text.encode("utf-8", "surrogateescape"))
    print(f"wrote {args.pages} pages from {len(pages)} fixture pages to {args.out}")


if __name__ == "__main__":
    main()
