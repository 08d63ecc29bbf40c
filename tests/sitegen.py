"""A generated crawl of invented sites, for the site-template tests.

Each :class:`Site` prints its own template around every essay: a masthead,
a slogan, a menu, a prose-like notice, a footer.  None of these lines is
matched by any fixed furniture rule (``test_site_templates`` checks), so
only crawl evidence can remove them.  The essays are made of the seeds'
cleaned sentences, recombined so that every page has a different body, plus
our own essay furniture that recurs across essays on purpose (the traps):
the common heading ``一、提高思想认识``, slogans and a quote between
paragraphs, a speech's ``同志们：`` and ``谢谢大家！``, and a signature over
its date.

Every :class:`Page` also knows its ``bare`` form: the same page without its
site's template, which cleaned on its own gives the paragraphs the full
page must keep.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from tests.conftest import seed_doc
from zh_gov_essays.vocab.chars import cjk_count


@dataclass(frozen=True)
class Site:
    """An invented site and the template it prints on every page."""

    folder: str
    script: str  # "Hans" or "Hant": which seed sentences its essays use
    header: tuple[str, ...]
    footer: tuple[str, ...]
    # A line printed after the essay that introduces a list of other essays'
    # titles (different on every page): what follows it goes with the footer.
    picks: str | None = None
    speeches: bool = False  # essays open with 同志们： and close with 谢谢大家！
    signature: str | None = None  # the office that signs its essays

    @property
    def template(self) -> tuple[str, ...]:
        return (*self.header, *((self.picks,) if self.picks else ()), *self.footer)


SITES: tuple[Site, ...] = (
    Site(
        "qingxi",
        "Hans",
        header=(
            "清溪县机关事务服务中心",
            "办好每一件小事　暖好每一位干部",
            "中心概况 · 服务指南 · 机关党建 · 办事大厅 · 互动交流",
        ),
        footer=(
            "让每一份材料都有温度，让每一次服务都有回音，欢迎常来看看。",
            "清溪县机关事务服务中心 · 清溪云数据 联合出品",
        ),
        speeches=True,
        signature="清溪县机关事务服务中心",
    ),
    Site(
        "bigeng",
        "Hans",
        header=("笔耕文苑 · 写好每一篇材料", "范文大全 · 心得体会 · 工作总结 · 演讲致辞"),
        footer=(
            "笔耕文苑的文章都经过编辑校对，写作时请结合本单位实际，切勿照搬照抄。",
            "投稿邮箱：bigeng@example.com",
            "笔耕文苑 2015-2024",
        ),
        picks="笔耕文苑小编精选",
    ),
    Site(
        "lanshan",
        "Hant",
        header=("嵐山縣政府人事處", "嵐山人事園地 與您同行"),
        footer=("本處地址：嵐山縣嵐山鎮博愛路275號", "嵐山縣政府人事處 關心您"),
        signature="嵐山縣政府人事處",
    ),
    Site(
        "qingsong",
        "Hans",
        header=("青松读书会的小站", "记录 · 思考 · 分享"),
        footer=(
            "这里是一个普通公务员的读书笔记，每周更新两篇，欢迎留言交流。",
            "站长微信：qingsong_reader",
        ),
    ),
    Site(
        "qixia",
        "Hans",
        header=("栖霞文档社", "党建材料　总结汇报　讲话发言"),
        footer=("栖霞文档社所有资料仅供学习参考",),
    ),
)
"""Five invented sites; the tests decide how many pages each one gets."""

COMMON_HEADING = {"Hans": "一、提高思想认识", "Hant": "一、提高思想認識"}
SLOGANS = {
    "Hans": ("不忘初心、牢记使命", "“空谈误国，实干兴邦。”"),
    "Hant": ("不忘初心、牢記使命",),
}
SECOND_HEADINGS = {
    "Hans": ("二、狠抓工作落实", "二、强化作风建设", "二、完善制度机制", "二、突出服务质量"),
    "Hant": ("二、狠抓工作落實", "二、強化作風建設", "二、完善制度機制"),
}
_TOPICS = ("作风建设", "效能提升", "服务型机关", "机关党建", "制度建设", "学习型机关", "廉政建设")
_GENRES = ("工作总结", "心得体会", "学习体会", "讲话稿", "调研报告", "经验交流材料")
_UNITS = ("县委办公室", "机关事务中心", "财政局", "人事处", "统计局", "档案馆", "审计局")


@cache
def sentences(script: str) -> tuple[str, ...]:
    """The seeds' cleaned sentences in ``script`` (each ends with 。)."""
    out: list[str] = []
    for prefix in ("000", "001", "002", "003", "004"):
        doc = seed_doc(prefix)
        if doc.script != script:
            continue
        for p in doc.paragraphs:
            if p.kind == "body":
                out.extend(s + "。" for s in p.text.split("。") if cjk_count(s) >= 12)
    return tuple(dict.fromkeys(out))


def paragraph(rng: random.Random, script: str) -> str:
    """A paragraph of three seed sentences: long enough to be a real paragraph."""
    return "".join(rng.sample(sentences(script), 3))


def essay_title(rng: random.Random, script: str, n: int) -> str:
    title = f"{2016 + n % 8}年{rng.choice(_UNITS)}{rng.choice(_TOPICS)}{rng.choice(_GENRES)}"
    if script == "Hant":
        title = title.translate(
            str.maketrans(
                "县办务财统审馆体会讲调验经机关设风", "縣辦務財統審館體會講調驗經機關設風"
            )
        )
    return title


@dataclass
class Essay:
    """An essay: its title, its lines (paragraphs and the essay's own short lines)."""

    title: str
    lines: list[str]
    paragraphs: list[str] = field(default_factory=list)


def make_essay(rng: random.Random, site: Site, n: int) -> Essay:
    """An essay for ``site`` with the recurring heading, slogans and (for speeches) address lines."""
    s = site.script
    paras = [paragraph(rng, s) for _ in range(5)]
    lines: list[str] = []
    if site.speeches:
        lines.append("同志们：")
    lines += [paras[0], COMMON_HEADING[s], paras[1], SLOGANS[s][0], paras[2]]
    lines += [rng.choice(SECOND_HEADINGS[s]), paras[3], SLOGANS[s][-1], paras[4]]
    if site.speeches:
        lines.append("谢谢大家！")
    if site.signature:
        lines += [site.signature, f"{2016 + n % 8}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日"]
    return Essay(essay_title(rng, s, n), lines, paras)


@dataclass
class Page:
    """One generated page: where it goes, what it says, and what it says without the template."""

    path: str
    site: Site
    essay: Essay
    text: str
    bare: str


def render(site: Site, essay: Essay, rng: random.Random, others: list[str], n: int) -> Page:
    """The page ``site`` makes of ``essay`` (its template around it), and its bare form."""
    date = f"发布时间：{2016 + n % 8}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    header = list(site.header)
    if n % 3 == 1:  # some pages print the masthead letter-spaced, in full-width
        header[0] = " ".join(header[0])
    middle = [essay.title, date, "", *essay.lines]
    picks = [site.picks, *others] if site.picks else []
    lines = [*header, "", *middle, "", *picks, *site.footer]
    return Page(
        path=f"{site.folder}/{n:03d}.txt",
        site=site,
        essay=essay,
        text="\n".join(lines) + "\n",
        bare="\n".join(middle) + "\n",
    )


def make_crawl(pages_per_site: dict[str, int], *, seed: int = 0) -> list[Page]:
    """Pages for each named site (``{"qingxi": 6, …}``), in path order."""
    rng = random.Random(seed)
    out: list[Page] = []
    for site in SITES:
        count = pages_per_site.get(site.folder, 0)
        essays = [make_essay(rng, site, n) for n in range(count)]
        for n, essay in enumerate(essays):
            others = [e.title for e in rng.sample(essays, min(3, len(essays))) if e is not essay]
            out.append(render(site, essay, rng, others[:2], n))
    return out


def write_crawl(pages: list[Page], root: Path) -> Path:
    """Write ``pages`` under ``root`` (one folder per site) and return ``root``."""
    for page in pages:
        path = root / page.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page.text, encoding="utf-8")
    return root


def squeeze(text: str) -> str:
    """Text without whitespace, for comparing what a page printed with what was removed."""
    return re.sub(r"\s+", "", text)
