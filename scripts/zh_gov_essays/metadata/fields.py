"""Category, tags and editor, from the breadcrumb, tag and byline lines."""

from __future__ import annotations

import re

from zh_gov_essays.metadata.decorations import title_key
from zh_gov_essays.vocab.chars import HAN, strip_bullet
from zh_gov_essays.vocab.labels import EDITOR_WORDS
from zh_gov_essays.vocab.sites import NOT_NAMES, load_sites, looks_like_site_name

_HOME_WORDS = {
    "首页",
    "主页",
    "首頁",
    "主頁",
    "网站首页",
    "網站首頁",
    "home",
    "正文",
    "详细内容",
    "詳細內容",
    "内容",
    "內容",
}

# "当前位置:", "您现在的位置是：", "現在位置：" — the label before a breadcrumb.
_CRUMB_LABEL = re.compile(r"^[^:：]{0,10}位置(?:是)?\s*[:：]")

_CRUMB_ARROW = re.compile(r"\s*(?:[-—–=]+>|>>|[>›»＞→⇒➤▶])\s*")

_CRUMB_SLASH = re.compile(r"\s*[/／]\s*")

_CRUMB_DASH = re.compile(rf"\s+[-–—]\s+|(?<=[{HAN}])[-–—](?=[{HAN}])")


def breadcrumb_parts(line: str) -> list[str]:
    """The levels of a breadcrumb, without its label.

    Call it on lines already known to be breadcrumbs: with no arrow in the
    line, ``/`` and spaced dashes are taken as separators too.

    >>> breadcrumb_parts("首頁>心得體會>工作體會>創建學習型機關")
    ['首頁', '心得體會', '工作體會', '創建學習型機關']
    >>> breadcrumb_parts("主页 > 论文知识 > 最新论文资料 > 行政 > > 详细内容")
    ['主页', '论文知识', '最新论文资料', '行政', '详细内容']
    >>> breadcrumb_parts("首页 -> 理论文章 -> 作风建设")
    ['首页', '理论文章', '作风建设']
    >>> breadcrumb_parts("您现在的位置是：首页 → 政务公开 → 部门动态")
    ['首页', '政务公开', '部门动态']
    >>> breadcrumb_parts("首頁 / 訊息公告 / 機關新聞")
    ['首頁', '訊息公告', '機關新聞']
    >>> breadcrumb_parts("首页》工作总结》年度总结"), breadcrumb_parts("首页-工作总结")
    (['首页', '工作总结', '年度总结'], ['首页', '工作总结'])

    Left alone: ``/`` inside a level when the line has arrows.

    >>> breadcrumb_parts("首页 > 党建/廉政 > 学习心得")
    ['首页', '党建/廉政', '学习心得']
    >>> breadcrumb_parts("首页 > 读《论语》札记")
    ['首页', '读《论语》札记']
    """
    line = _CRUMB_LABEL.sub("", strip_bullet(line.strip()))
    if _CRUMB_ARROW.search(line):
        parts = _CRUMB_ARROW.split(line)
    elif "》" in line and "《" not in line:
        parts = line.split("》")  # 首页 》 工作总结 (no book title in the line)
    elif _CRUMB_SLASH.search(line):
        parts = _CRUMB_SLASH.split(line)
    else:
        parts = _CRUMB_DASH.split(line)
    return [p.strip() for p in parts if p.strip()]


def category_from_breadcrumb(line: str, title: str | None) -> list[str]:
    """The category levels of a breadcrumb: no home, site, page or title level.

    >>> category_from_breadcrumb("首頁>心得體會>工作體會>創建學習型機關", "創建學習型機關")
    ['心得體會', '工作體會']
    >>> category_from_breadcrumb("首页 -> 理论文章 -> 作风建设", None)
    ['理论文章', '作风建设']
    >>> category_from_breadcrumb("中國共產黨新聞網>>高層動態", None)
    ['高層動態']

    Left alone (no category): a breadcrumb that only points home.

    >>> category_from_breadcrumb("您的当前位置:首页正文", None)
    []
    """
    parts = breadcrumb_parts(line)
    out = []
    tkey = title_key(title) if title else None
    for part in parts:
        low = part.lower()
        if low in _HOME_WORDS or re.fullmatch(r"(?:首页|首頁|主页)\S{0,4}", part):
            continue
        if looks_like_site_name(part) or load_sites().canonical(part):
            continue
        if tkey and title_key(part) == tkey:
            continue
        out.append(part)
    return out


_TAG_LABEL = re.compile(r"(?:标签|標籤|Tags?|TAG|关键字|關鍵字|关键词|關鍵詞)\s*[:：]\s*")


def tags_from_line(line: str) -> list[str]:
    """The tags listed after a ``标签:`` label.

    >>> tags_from_line("創建學習型機關 標籤:為人民服務 兩會學習 黨章學習 外出學習")
    ['為人民服務', '兩會學習', '黨章學習', '外出學習']
    >>> tags_from_line("关键词:官僚主义;作风;群众")
    ['官僚主义', '作风', '群众']

    Left alone: lines without a tag label give ``[]``.
    """
    m = _TAG_LABEL.search(line)
    if not m:
        return []
    rest = line[m.end() :]
    return [t for t in re.split(r"[\s,，;；、|]+", rest) if t]


_EDITOR_WORD = f"(?:{EDITOR_WORDS})"

_NAME_CHARS = r"[^\s:：|｜,，;；、【】\[\]()（）<>《》]"

_EDITOR = re.compile(
    r"(?:"
    + _EDITOR_WORD
    + r"\s*[:：]|[【\[]"
    + _EDITOR_WORD
    + r"[】\]])\s*("
    + _NAME_CHARS
    + r"{0,12})"
)

# Words that end an office or a rank, never a person's name.
_UNIT_END = re.compile(r"(?:科|處|处|局|室|部|股|中心|办|辦|委|院|所|组|組|队|隊|站|厅|廳|署)$")

_RANK_END = re.compile(r"(?:员|員|长|長|主任|书记|書記|师|師|干部|幹部)$")


def editor_from_line(line: str) -> str | None:
    """The editor or author named on a byline.

    >>> editor_from_line("白雲飄飄範文網 編輯:小景")
    '小景'
    >>> editor_from_line("【编辑：小林】"), editor_from_line("【发布时间】2019年12月3日  【作者】刘洋")
    ('小林', '刘洋')
    >>> editor_from_line("作者：人事處綜合規劃科 科員 李怡君")
    '李怡君'

    Left alone: empty slots, placeholders (佚名, admin) and other roles.

    >>> editor_from_line("【编辑：】") is None, editor_from_line("作者：佚名") is None
    (True, True)
    >>> editor_from_line("(审核:张何 陈镇 柳芊)") is None
    True
    """
    m = _EDITOR.search(line)
    if not m:
        return None
    name = m.group(1)
    if _UNIT_END.search(name):
        # "作者：人事處綜合規劃科 科員 李怡君": the unit and rank come first.
        rest = re.split(r"\s+", line[m.end() :].strip())
        people = [t for t in rest if re.fullmatch(rf"[{HAN}]{{2,4}}", t)]
        people = [t for t in people if not _UNIT_END.search(t) and not _RANK_END.search(t)]
        name = people[0] if people else name
    return name if name and name not in NOT_NAMES else None
