"""The site table (``data/sites.toml``) and the shape of a website's name."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

# What a Chinese website's own name looks like: a few CJK characters ending in
# a word sites use for themselves.  Used where the page names a site the table
# does not know ("学海荡舟手机网", "天天范文", "文秘之友").
SITE_SUFFIXES = (
    "网",
    "網",
    "之家",
    "范文",
    "範文",
    "文库",
    "文庫",
    "之友",
    "在线",
    "在線",
    "网站",
    "網站",
    "资料库",
    "大全",
    "文档",
    "文檔",
)
SITE_NAME = re.compile(r"[\u4e00-\u9fff]{1,10}(?:" + "|".join(SITE_SUFFIXES) + r")")
# Publishers that are credited in 来源 lines but are never the hosting site.
WIRE_CREDITS = re.compile(r"新华社|新華社|中新社|人民日报|人民日報|光明日报|经济日报|央视|记者")


@dataclass(frozen=True)
class SiteTable:
    names: tuple[str, ...]
    aliases: dict[str, str]  # spaceless spelling -> canonical name
    watermarks: tuple[str, ...]
    spam: tuple[str, ...]

    def canonical(self, text: str) -> str | None:
        """The known site named by ``text`` (spaces ignored), if any.

        >>> load_sites().canonical("第一公 文 网")
        '第一公文网'
        """
        return self.aliases.get(re.sub(r"\s+", "", text))

    def find_in(self, text: str) -> str | None:
        """The first known site whose name or alias occurs in ``text``."""
        squeezed = re.sub(r"\s+", "", text)
        best: tuple[int, str] | None = None
        for alias, name in self.aliases.items():
            pos = squeezed.find(alias)
            if pos >= 0 and (best is None or pos < best[0]):
                best = (pos, name)
        return best[1] if best else None


@cache
def load_sites() -> SiteTable:
    """Parse ``data/sites.toml`` once per process."""
    raw = resources.files("zh_gov_essays").joinpath("data/sites.toml").read_bytes()
    table = tomllib.loads(raw.decode("utf-8"))
    names: list[str] = []
    aliases: dict[str, str] = {}
    marks: list[str] = []
    for site in table.get("site", []):
        name = site["name"]
        names.append(name)
        for spelling in [name, *site.get("aliases", [])]:
            aliases[re.sub(r"\s+", "", spelling)] = name
        marks.extend(site.get("watermarks", []))
    spam = table.get("spam", {}).get("phrases", [])
    # Longest first, so a longer spam phrase wins over its prefix.
    return SiteTable(
        names=tuple(names),
        aliases=aliases,
        watermarks=tuple(sorted(marks, key=len, reverse=True)),
        spam=tuple(sorted(spam, key=len, reverse=True)),
    )


def looks_like_site_name(text: str) -> bool:
    """Whether ``text`` alone has the shape of a website's name.

    >>> looks_like_site_name("学海荡舟手机网"), looks_like_site_name("天天范文")
    (True, True)
    >>> looks_like_site_name("人民網-人民日報"), looks_like_site_name("新华社")
    (False, False)
    >>> looks_like_site_name("政風室")
    False
    """
    text = text.strip()
    if WIRE_CREDITS.search(text):
        return False
    return bool(SITE_NAME.fullmatch(text)) and len(text) <= 12
