"""The shape of a website's or an agency's name, and the site table ``data/sites.toml``."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from zh_gov_essays.vocab.chars import HAN

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
    "素材库",
    "素材庫",
    "论坛",
    "論壇",
    "社区",
    "社區",
    "博客",
    "文苑",
    # gazettes and newspapers' sites, portals
    "公报",
    "公報",
    "日报",
    "日報",
    "晚报",
    "晚報",
    "数字报",
    "數字報",
    "线上",
    "線上",
    "入口网站",
    "入口網站",
    # libraries of documents, societies, forums of one topic
    "文档库",
    "文檔庫",
    "期刊网",
    "期刊網",
    "文学社",
    "文學社",
    "社",
    "吧",
    "啦",
    "宝库",
    "寶庫",
)
SITE_NAME = re.compile(rf"[{HAN}]{{1,14}}(?:" + "|".join(SITE_SUFFIXES) + r")")
# Words that fill a name slot (来源, 作者, 本文来自…) without naming anybody.
NOT_NAMES = frozenset(
    {
        "互联网",
        "互聯網",
        "网络",
        "網絡",
        "網路",
        "网上",
        "網上",
        "网友",
        "網友",
        "本站",
        "本网",
        "本網",
        "本站原创",
        "本站原創",
        "原创",
        "原創",
        "投稿",
        "网友投稿",
        "網友投稿",
        "网友上传",
        "網友上傳",
        "会员上传",
        "會員上傳",
        "用户上传",
        "用戶上傳",
        "网络整理",
        "網絡整理",
        "网络转载",
        "網絡轉載",
        "转载",
        "轉載",
        "整理",
        "综合",
        "綜合",
        "未知",
        "不详",
        "不詳",
        "佚名",
        "匿名",
        "admin",
        "管理员",
        "管理員",
        "小编",
        "小編",
        "编辑",
        "編輯",
        # the panel labels of a sharing site, shaped like a name ending in 文档
        "相关文档",
        "相關文檔",
        "热门文档",
        "熱門文檔",
        "推荐文档",
        "推薦文檔",
        "最新文档",
        "最新文檔",
        "精品文档",
        "精品文檔",
        "搜索文档",
        "搜尋文檔",
        "上传文档",
        "上傳文檔",
        "下载文档",
        "下載文檔",
    }
)

# What an agency's own name looks like (``莲都区人民政府``, ``臺中市政府勞工局``,
# ``法務部行政執行署士林分署``): an administrative level somewhere in it and an
# organisation word at its end.  Essay titles rarely have that shape, but page
# furniture does, so callers accept it only where a name is expected (a page
# header, a copyright line, a title suffix).
ORG_SUFFIXES = (
    "人民政府",
    "政府",
    "委员会",
    "委員會",
    "办公室",
    "辦公室",
    "办公厅",
    "辦公廳",
    "中心",
    "党校",
    "黨校",
    "分署",
    "局",
    "处",
    "處",
    "署",
    "厅",
    "廳",
    "部",
    "院",
    "委",
    "办",
    "辦",
    "所",
    # schools and legislatures publish essays too
    "小学",
    "小學",
    "中学",
    "中學",
    "大学",
    "大學",
    "学院",
    "學院",
    "学校",
    "學校",
    "书院",
    "書院",
    "常委会",
    "常委會",
    "政协",
    "政協",
)
_ADMIN_LEVEL = re.compile(
    r"[省市县縣区區镇鎮乡鄉州盟旗部署委]|街道|国务院|國務院|中共|中央|国家|國家"
)
_ORG_NAME = re.compile(rf"[{HAN}]{{3,24}}(?:" + "|".join(ORG_SUFFIXES) + r")")
# Function words that make a phrase a sentence or title, never a name.
_NOT_IN_ORG_NAME = re.compile(r"[的之在与與和及是了我你他们們着著把被对對]|关于|關於")

# An office inside an agency or a school: 人事室, 秘書室, 政風室, 总务处, 教务科…
_UNIT = re.compile(rf"[{HAN}]{{1,4}}(?:室|科|股|组|組|处|處)$")
# A university, college or school named without an administrative level.
_SCHOOL = re.compile(
    rf"[{HAN}]{{2,12}}(?:大学|大學|学院|學院|高级中学|高級中學|中学|中學|小学|小學|书院|書院)"
)
# "岭西县融媒体中心主办": who runs the site, a credit line, not a name.
_RUN_BY = re.compile(r"(?:主办|主辦|承办|承辦|协办|協辦|主管|出品|制作|製作)$")
# Going somewhere is a title's verb, not a school's name: "走进大学", "考上大学".
_GOING = re.compile(r"走进|走進|考上|考进|考進|进入|進入|迈入|邁入|告别|告別|回到|重返")
# Actions of a page's widgets: "下载本文档" is a button, never a name.
_WIDGET_VERB = re.compile(
    r"^(?:下载|下載|上传|上傳|阅读|閱讀|收藏|分享|打印|列印|登录|登錄|注册|註冊|查看|点击|點擊|"
    r"相关|相關|更多|热门|熱門|推荐|推薦|最新|精选|精選)"
)

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
    >>> looks_like_site_name("政風室"), looks_like_site_name("下载本文档")
    (False, False)
    """
    text = text.strip()
    if WIRE_CREDITS.search(text) or text in NOT_NAMES or _WIDGET_VERB.match(text):
        return False
    return bool(SITE_NAME.fullmatch(text)) and len(text) <= 16


def ends_like_org(text: str) -> bool:
    """Whether ``text`` is shaped like an agency's name, administrative level or not.

    >>> ends_like_org("行政公職局"), ends_like_org("社區事務局")
    (True, True)

    Left alone: titles that merely end in an agency word.

    >>> ends_like_org("关于市政府工作的报告"), ends_like_org("第一次辦里民大會")
    (False, False)
    """
    text = text.strip()
    return bool(_ORG_NAME.fullmatch(text)) and not _NOT_IN_ORG_NAME.search(text)


def looks_like_org_name(text: str) -> bool:
    """Whether ``text`` alone has the shape of a government agency's name.

    Only meaningful where the page prints a name (a header line, a copyright
    notice, a title suffix): elsewhere the same shape is a signature or a
    department credited in a ``来源`` line.

    >>> looks_like_org_name("莲都区人民政府"), looks_like_org_name("臺中市政府勞工局")
    (True, True)
    >>> looks_like_org_name("法務部行政執行署士林分署"), looks_like_org_name("宁川市人力资源和社会保障局")
    (True, True)
    >>> looks_like_org_name("东湖区第二实验小学"), looks_like_org_name("桐江区人大常委会")
    (True, True)

    Left alone: titles and phrases that merely end in an agency word, names
    with no administrative level, bare places, and site names.

    >>> looks_like_org_name("我的办公室"), looks_like_org_name("政風室")
    (False, False)
    >>> looks_like_org_name("关于市政府工作的报告"), looks_like_org_name("临江市")
    (False, False)
    >>> looks_like_org_name("109年 經濟部水利署北區水資源局")
    False

    An office of an agency, and a school, are names too:

    >>> looks_like_org_name("苗栗縣立大同高級中學人事室"), looks_like_org_name("西南交通大学")
    (True, True)
    >>> looks_like_org_name("走进大学"), looks_like_org_name("我的大学")
    (False, False)
    """
    text = text.strip()
    if _UNIT.search(text) and any(
        looks_like_org_name(text[:-size]) for size in range(2, 5) if len(text) - size >= 4
    ):
        return True  # "苗栗縣立大同高級中學人事室": an agency's office
    if _SCHOOL.fullmatch(text) and not _NOT_IN_ORG_NAME.search(text) and not _GOING.match(text):
        return True  # "西南交通大学": schools name no administrative level
    if len(text) > 28 or not _ORG_NAME.fullmatch(text) or _RUN_BY.search(text):
        return False
    # "人力资源和社会保障局": a conjunction joins two portfolios in an agency name.
    if _NOT_IN_ORG_NAME.search(re.sub(rf"(?<=[{HAN}]{{2}})[和与與及](?=[{HAN}]{{2}})", "", text)):
        return False
    return bool(_ADMIN_LEVEL.search(text[:-1]))
