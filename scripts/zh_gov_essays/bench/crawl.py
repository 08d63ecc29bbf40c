"""A deterministic synthetic crawl made from the seeds: new essays, real page noise.

Every page is an essay of one seed with its body paragraphs recombined from
the clauses of all seeds of its script (a share kept as written, so that
exact copies of paragraphs occur as they do on the web), reordered, a few
dropped, under a new title, wearing the furniture of one seed (headers,
footers, breadcrumbs, counters, bylines, tags: :class:`~.material.Template`),
its dates varied.  Then each page gets some of the seeds' damage
(:data:`NOISE`, :mod:`~zh_gov_essays.bench.noise`), is written as text or
HTML and encoded.  Traditional pages are Traditional seeds, or Simplified
essays converted paragraph by paragraph with OpenCC (never Traditional text
converted again).  A share of the pages are near-duplicate copies of recent
ones (:data:`COPIES`).

Pages are saved one folder per site (``site-000/000123.txt``: the seed whose
furniture they wear), as crawls are.  The same ``seed`` gives the same
bytes; the first ``n`` pages of a longer crawl are the crawl of ``n`` pages.
The first pages wear one template each, the next carry one kind each
(:data:`FORCED`): any crawl of 19 pages or more has every template and kind.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections import Counter, deque
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from zh_gov_essays.bench import noise
from zh_gov_essays.bench.material import (
    TITLE_SLOT,
    Material,
    Paragraph,
    Template,
    clauses_of,
)
from zh_gov_essays.script import converter
from zh_gov_essays.vocab.chars import FULL_STOPS

# Share of pages in Traditional script, and of those, the share converted from a
# Simplified essay (the rest are the Traditional seeds' essays).
HANT_SHARE = 0.4
CONVERTED_SHARE = 0.5
# Share of a page's body paragraphs kept as the seed wrote them (the rest recombined).
VERBATIM_SHARE = 0.25
# Body paragraphs left out of a page: at most this many.
MAX_DROPPED = 2

NOISE: dict[str, float] = {
    "ascii_punct": 0.7,  # every seed: , ; : ( ) ? ! between Chinese characters
    "entity_indent": 0.15,  # seed 000: &bsp; before paragraphs and on lines of its own
    "space_indent": 0.2,  # seed 004: spaces; other pages U+3000 or NBSP
    "page_numbers": 0.2,  # seed 001: lone page numbers, some cutting a paragraph
    "watermark": 0.1,  # seed 002: a site's watermark after a sentence and mid-word
    "mojibake": 0.05,  # seed 002: a span of GB18030 read one byte out of step
    "pinyin_gloss": 0.5,  # seed 003: readings after converted characters (converted pages)
    "html": 0.15,  # a page saved as HTML
}
"""Each page's chance of each kind of damage (where it applies: see ``_NEEDS``)."""

ENCODINGS: dict[str, dict[str, float]] = {
    "Hans": {"utf-8": 0.65, "gb18030": 0.25, "utf-16": 0.10},
    "Hant": {"utf-8": 0.65, "big5": 0.25, "utf-16": 0.10},
}
"""The encodings pages are written in, by script (a page Big5 cannot encode stays UTF-8)."""

COPY_SHARE = 0.1
COPIES = ("copy_site", "copy_swap", "copy_hant")
"""Near-duplicate copies of a recent page: the same essay under another site's
furniture; with terms swapped as 范文 sites do; converted to Traditional."""
# Copies are made of the last RECENT pages (bounded memory, copies close by).
RECENT = 64

TERM_SWAPS = (
    ("十六大", "十七大"),
    ("市委", "县委"),
    ("区委", "县委"),
    ("省委", "市委"),
    ("市直", "县直"),
    ("党委", "党组"),
    ("新世纪", "新时期"),
    ("三个代表", "科学发展观"),
    ("民革", "民盟"),
    ("政协", "人大"),
)
"""Terms 范文 sites swap when they republish an essay for another level or year (not the
words of every sentence, such as 机关 or 干部: that would be another essay)."""
SWAPS_PER_COPY = 3
# A term the essay uses more often than this is not swapped (政协 in an essay on the
# 政协's work: swapped everywhere, the copy would be another essay).
MAX_SWAPPED = 8

KINDS: tuple[str, ...] = (*NOISE, "gb18030", "big5", "utf-16", *COPIES)
"""Every kind a page may carry (besides its template), in the order :data:`FORCED` deals them."""
FORCED = KINDS
"""The kinds forced on the pages after the first ones, one each (the first pages wear
the templates, one each, in the seeds' order): so every crawl of
``len(templates) + len(FORCED)`` pages or more has every kind."""


@dataclass(frozen=True)
class Page:
    """One page of the crawl and what was done to it."""

    name: str  # path in the crawl: site-NNN/NNNNNN.txt (or .html)
    data: bytes
    script: str
    template: str  # the seed whose furniture it wears
    encoding: str
    kinds: tuple[str, ...]
    copy_of: str | None = None  # the page it is a near-duplicate of

    def record(self) -> dict[str, object]:
        """The page as a line of ``pages.jsonl`` (everything but the bytes)."""
        return {
            "name": self.name,
            "bytes": len(self.data),
            "sha256": hashlib.sha256(self.data).hexdigest(),
            "script": self.script,
            "template": self.template,
            "encoding": self.encoding,
            "kinds": list(self.kinds),
            "copy_of": self.copy_of,
        }


@dataclass(frozen=True)
class Essay:
    """A page's essay before rendering: title and paragraphs in ``source`` script."""

    title: str
    paragraphs: tuple[Paragraph, ...]
    source: str  # Hans or Hant: the script it was written in


@dataclass
class _Plan:
    script: str
    source: str | None = None  # the essay's script, when it must be this one
    kinds: set[str] = field(default_factory=set)
    template: Template | None = None
    encoding: str | None = None  # forced


def _recombined(paragraph: Paragraph, pool: tuple[str, ...], rng: random.Random) -> Paragraph:
    """A new paragraph of as many clauses as ``paragraph``, drawn from ``pool``, ending
    in a full stop.

    Clauses rather than sentences: two pages then share a clause now and
    then, rarely a sentence, so the duplicate finder's candidate checks do
    the work a real crawl gives them rather than the worst case (drawn from
    the seeds' 217 Simplified sentences, paragraphs of different pages
    shared whole sentences so often that marking cost three times as much).
    """
    count = len(clauses_of(paragraph.text))
    text = "".join(rng.choice(pool) for _ in range(count))
    return Paragraph(text if text[-1] in FULL_STOPS else text[:-1] + FULL_STOPS[0])


def _compose(material: Material, source: str, rng: random.Random) -> Essay:
    essay = rng.choice(material.essays[source])
    pool = material.clauses[source]
    paragraphs = [
        p if p.heading or rng.random() < VERBATIM_SHARE else _recombined(p, pool, rng)
        for p in essay.paragraphs
    ]
    body_at = [i for i, p in enumerate(paragraphs) if not p.heading]
    moved = [paragraphs[i] for i in body_at]
    rng.shuffle(moved)
    for i, p in zip(body_at, moved, strict=True):
        paragraphs[i] = p
    for _ in range(rng.randint(0, MAX_DROPPED)):
        body = [i for i, p in enumerate(paragraphs) if not p.heading]
        if len(body) > 3:
            del paragraphs[rng.choice(body)]
    return Essay(rng.choice(material.titles[source]), tuple(paragraphs), source)


def swap_terms(text: str, swaps: tuple[tuple[str, str], ...]) -> str:
    """Every occurrence of each term of ``swaps`` swapped.

    >>> swap_terms("学习贯彻十六大精神，市委要求", TERM_SWAPS[:2])
    '学习贯彻十七大精神，县委要求'
    """
    for old, new in swaps:
        text = text.replace(old, new)
    return text


def _swapped(essay: Essay, rng: random.Random) -> Essay:
    """``essay`` with up to :data:`SWAPS_PER_COPY` of the terms it holds swapped."""
    convert = converter("s2t").convert if essay.source == "Hant" else str
    text = "".join(p.text for p in essay.paragraphs)
    swaps = [(convert(a), convert(b)) for a, b in TERM_SWAPS]
    found = [s for s in swaps if 0 < text.count(s[0]) <= MAX_SWAPPED]
    chosen = tuple(rng.sample(found, min(SWAPS_PER_COPY, len(found))))
    paragraphs = tuple(replace(p, text=swap_terms(p.text, chosen)) for p in essay.paragraphs)
    return replace(essay, title=swap_terms(essay.title, chosen), paragraphs=paragraphs)


# What a kind needs of the page: those not listed apply to every page.
_NEEDS = {
    "watermark": lambda essay, script: script == "Hans",
    "mojibake": lambda essay, script: script == "Hans",
    "pinyin_gloss": lambda essay, script: script == "Hant" and essay.source == "Hans",
}


class CrawlMaker:
    """Makes the pages one after another (:meth:`pages`), remembering the recent essays."""

    def __init__(self, material: Material, seed: int = 0) -> None:
        self.material = material
        self.rng = random.Random(seed)
        self.recent: deque[tuple[str, Essay, str, str]] = deque(maxlen=RECENT)
        self.seen: set[bytes] = set()

    def _plan(self, index: int) -> _Plan:
        """Script, template and kinds of page ``index``: drawn, or forced on the first pages."""
        rng = self.rng
        templates = self.material.templates
        forced = (
            FORCED[index - len(templates)] if 0 <= index - len(templates) < len(FORCED) else None
        )
        plan = _Plan("Hant" if rng.random() < HANT_SHARE else "Hans")
        if index < len(templates):
            plan.template = templates[index]
            plan.script = plan.source = plan.template.script
        elif forced in ("big5", "pinyin_gloss", "copy_hant"):
            plan.script = "Hant"
            plan.source = "Hans" if forced == "pinyin_gloss" else None
        elif forced in ("watermark", "mojibake", "gb18030"):
            plan.script = "Hans"
        plan.kinds = {k for k, share in NOISE.items() if k == forced or rng.random() < share}
        if forced == "big5":
            plan.kinds.discard("pinyin_gloss")  # Big5 has no letters with tone marks
        if forced in ("gb18030", "big5", "utf-16"):
            plan.encoding = forced
        copy = rng.choice(COPIES) if rng.random() < COPY_SHARE else None
        if forced is not None or index < len(templates):
            copy = forced if forced in COPIES else None
        if copy:
            plan.kinds.add(copy)
        return plan

    def _template(self, script: str, avoid: str | None) -> Template:
        """A template for a page in ``script``: mostly one of that script, else a
        Simplified one converted (never another than ``avoid``)."""
        fits = [
            t for t in self.material.templates if t.seed != avoid and t.script in (script, "Hans")
        ]
        native = [t for t in fits if t.script == script]
        return self.rng.choice(native if native and self.rng.random() < 0.7 else fits)

    def _essay(self, plan: _Plan) -> tuple[Essay, Template, str | None]:
        """The page's essay and template, and the page it copies (or None)."""
        rng = self.rng
        copy = next((k for k in COPIES if k in plan.kinds), None)
        plan.kinds -= set(COPIES)
        if copy and self.recent:
            name, essay, template, script = rng.choice(self.recent)
            if copy == "copy_hant" and essay.source == "Hant":
                copy = "copy_site"  # already Traditional: never converted again
            if copy == "copy_swap":
                essay = _swapped(essay, rng)
            plan.script = "Hant" if copy == "copy_hant" else script
            plan.kinds.add(copy)
            return essay, self._template(plan.script, avoid=template), name
        source = plan.source or plan.script
        if plan.source is None and source == "Hant":
            if not self.material.essays["Hant"] or rng.random() < CONVERTED_SHARE:
                source = "Hans"
        essay = _compose(self.material, source, rng)
        return essay, plan.template or self._template(plan.script, avoid=None), None

    def _render(self, essay: Essay, plan: _Plan, template: Template) -> Rendered:
        """The page's parts, with the kinds of damage done to it."""
        rng = self.rng
        kinds = {k for k in plan.kinds if k not in _NEEDS or _NEEDS[k](essay, plan.script)}
        encodings = ENCODINGS[plan.script]
        drawn = rng.choices(list(encodings), list(encodings.values()))[0]
        kinds.add(plan.encoding if plan.encoding in encodings else drawn)
        convert = plan.script == "Hant" and essay.source == "Hans"
        # Big5 pages are Taiwan's: OpenCC's s2t writes 爲, which Big5 lacks; s2tw writes 為.
        s2t = converter("s2tw" if "big5" in kinds else "s2t").convert

        def shown(text: str) -> str:
            if not convert:
                return text
            trad = s2t(text)
            return noise.gloss(text, trad, rng) if "pinyin_gloss" in kinds else trad

        title = shown(essay.title)
        head, tail = list(template.head), list(template.tail)
        if plan.script == "Hant" and template.script == "Hans":
            head, tail = [s2t(ln) for ln in head], [s2t(ln) for ln in tail]
        head, tail = (
            [noise.vary_numbers(ln.replace(TITLE_SLOT, title), rng) for ln in lines]
            for lines in (head, tail)
        )
        paragraphs = [shown(p.text) for p in essay.paragraphs]
        if "ascii_punct" in kinds:
            paragraphs = [noise.ascii_punct(p) for p in paragraphs]
        if "watermark" in kinds:
            mark = rng.choice(self.material.watermarks)
            paragraphs = noise.stamp_watermark(paragraphs, mark, rng)
        if "mojibake" in kinds:
            paragraphs = noise.add_mojibake(paragraphs, rng)
        lines = noise.add_page_numbers(paragraphs, rng) if "page_numbers" in kinds else paragraphs
        if template.indent:
            lines = noise.indent(lines, template.indent, 1.0, rng)
        if "entity_indent" in kinds:
            entities = [i for i in self.material.indents if i.startswith("&")]
            lines = noise.indent(lines, rng.choice(entities), 0.5, rng)
            lines.insert(rng.randrange(len(lines) + 1), entities[0])
        if "space_indent" in kinds:
            spaces = [i for i in self.material.indents if not i.startswith("&")]
            lines = noise.indent(lines, rng.choice(spaces), 0.8, rng)
        if template.spaced:
            lines = [x for ln in lines for x in (ln, "")][:-1]
        return Rendered(title, head, lines, tail, kinds)

    def _page(self, index: int) -> tuple[Page, tuple[str, Essay, str, str] | None]:
        """Page ``index``, and what a later copy of it needs (None for a copy)."""
        plan = self._plan(index)
        essay, template, copy_of = self._essay(plan)
        page = self._render(essay, plan, template)
        encoding = next(k for k in ENCODINGS[plan.script] if k in page.kinds)
        as_html = "html" in page.kinds
        data, used = noise.encode(page.text(as_html, encoding), encoding)
        if used != encoding and as_html:  # the page says which charset it is in
            data = page.text(as_html, used).encode(used)
        # One folder per site (the template worn), as crawls are saved: the build's
        # first pass groups pages by it to learn each site's template lines.
        site = f"site-{template.seed.split('_')[0]}"
        name = f"{site}/{index:06d}.{'html' if as_html else 'txt'}"
        original = (name, essay, template.seed, plan.script) if copy_of is None else None
        kinds = (page.kinds - {encoding}) | {used}
        made = Page(
            name=name,
            data=data,
            script=plan.script,
            template=template.seed,
            encoding=used,
            kinds=tuple(k for k in KINDS if k in kinds),
            copy_of=copy_of,
        )
        return made, original

    def pages(self, n: int) -> Iterator[Page]:
        """The next ``n`` pages, each with bytes no earlier page has."""
        start = len(self.seen)
        for index in range(start, start + n):
            page, original = self._page(index)
            while (digest := hashlib.sha256(page.data).digest()) in self.seen:
                page, original = self._page(index)  # the same bytes again: draw it anew
            self.seen.add(digest)
            if original is not None:
                self.recent.append(original)
            yield page


@dataclass(frozen=True)
class Rendered:
    """A page's parts before serialising, and the kinds of damage done to it."""

    title: str
    head: list[str]
    body: list[str]
    tail: list[str]
    kinds: set[str]

    def text(self, as_html: bool, charset: str) -> str:
        """The page as text, or as an HTML page declaring ``charset``."""
        if as_html:
            return noise.wrap_html(self.title, [self.head, self.body, self.tail], charset)
        return "\n".join([*self.head, *self.body, *self.tail])


def generate_pages(material: Material, n: int, *, seed: int = 0) -> Iterator[Page]:
    """``n`` pages of the crawl of ``seed`` (see the module's docstring)."""
    return CrawlMaker(material, seed).pages(n)


def write_crawl(
    material: Material, parts: list[tuple[Path, int]], log: Path, *, seed: int = 0
) -> Counter[str]:
    """Write the crawl of ``seed``: its first pages into the first folder of ``parts``
    (as many as given), the next into the second…; one JSON line per page into ``log``.

    Returns how many pages carry each kind (and each template, as ``template:NAME``).
    """
    maker = CrawlMaker(material, seed)
    counts: Counter[str] = Counter()
    with open(log, "w", encoding="utf-8") as out:
        for folder, n in parts:
            for page in maker.pages(n):
                path = folder / page.name
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(page.data)
                out.write(json.dumps(page.record(), ensure_ascii=False) + "\n")
                counts.update([*page.kinds, f"template:{page.template}", page.script])
    return counts
