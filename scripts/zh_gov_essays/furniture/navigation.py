"""Links to other pages: menus, breadcrumbs, previous/next links, related-article lists, the page's own address."""

from __future__ import annotations

import re

from zh_gov_essays.rules import Role, line_rule
from zh_gov_essays.vocab.chars import SENTENCE_PUNCT
from zh_gov_essays.vocab.labels import BACK_HOME, CRUMB_ARROWS, HOME_WORDS, NAV_WORDS
from zh_gov_essays.vocab.sites import load_sites, looks_like_site_name

# A menu: a few short words separated by spaces, possibly after a label.
_MENU_RUN = re.compile(r"(?:[^\s:：]{1,6}[:：]\s*)?(?:[^\s，。,;；]{1,8}\s+){2,}[^\s，。,;；]{1,8}")

_MENU_LABEL = re.compile(
    r"^[^\s:：]{0,4}(?:推荐|推薦|导航|導航|热门|熱門|栏目|欄目|分类|分類|频道|頻道|热词|熱詞|专题|專題)\s*[:：]"
)

# Widgets shown as a sentence: "今天是：2023年6月5日 星期一".
_TODAY = re.compile(r"^(?:今天是|今天|今日)[:：]?.{0,20}?(?:星期|週|周)[一二三四五六日天]")

# The portal header's weather and date widget: "今天 多云 12～21℃", "2023年6月5日 星期一 晴 18°C".
_WEATHER_TOKEN = re.compile(
    r"(?:今天是?|今日|明天|明日|[:：])"
    r"|(?:[晴阴陰雨雪雾霧霾风風云雲]|多云|多雲|小雨|中雨|大雨|暴雨|阵雨|陣雨|雷阵雨|雷陣雨|雨夹雪|雨夾雪|小雪|中雪|大雪|"
    r"浮尘|浮塵|扬沙|揚沙|沙尘|沙塵|[东南西北東][南北]?风|[东南西北東][南北]?風|微风|微風|\d级|\d級|转|轉)+"
    r"|-?\d{1,2}\s*(?:℃|°C|°)?\s*[~～\-—至/]\s*-?\d{1,2}\s*(?:℃|°C|°)|-?\d{1,2}\s*(?:℃|°C)"
    r"|(?:19|20)\d\d\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|(?:星期|週|周|礼拜|禮拜)[一二三四五六日天]"
    r"|(?:农历|農曆)\S{2,12}"
)
_TEMPERATURE = re.compile(r"-?\d{1,2}\s*(?:℃|°C)|(?:今天|今日|明天)\s*(?:[晴阴陰雨雪]|多云|多雲)")
# A pager's filler between its numbers: "上一页 1 2 … 8 9 10 下一页".
_PAGER_FILLER = frozenset({"…", "...", "……", "«", "»", "‹", "›", "<", ">", "<<", ">>"})


_PAGER_COUNT = re.compile(r"共\d{1,4}[页頁条條]?[:：]?|第\d{1,3}[页頁]|\d{1,3}/\d{1,3}|\[\d{1,3}\]")


def _widget_tokens(line: str) -> bool:
    """Whether a header line is a weather and date widget, possibly followed by menu links."""
    if not _TEMPERATURE.search(line):
        return False
    tokens = [t for t in re.split(r"[\s|｜]+", line) if t]
    return all(t in NAV_WORDS or _WEATHER_TOKEN.fullmatch(t) for t in tokens)


# What each way of matching needs: a line of link-bar tokens (a link word,
# up to three digits or word characters, a pager's filler or count), a menu
# as _MENU_RUN spans it, a date or weather word, a home link closing the
# line, or a pipe.
_SEP = r"[\s|｜·•/]"
_BAR_TOKEN = "|".join(
    [
        *(re.escape(w) for w in sorted(NAV_WORDS | _PAGER_FILLER)),
        r"\w{1,3}",  # (str.isdigit characters are word characters)
        _PAGER_COUNT.pattern,
    ]
)
_NAVIGATION_NEEDS = (
    rf"^{_SEP}*(?:{_BAR_TOKEN})(?:{_SEP}+(?:{_BAR_TOKEN}))*{_SEP}*$"
    rf"|^(?:{_MENU_RUN.pattern})$"
    r"|\||｜|今天|今日|明天|℃|°C|首页|首頁"
)


@line_rule(role=Role.WEAK_FOOTER, needs=_NAVIGATION_NEEDS)
def navigation(line: str) -> bool:
    """A bar of navigation links: every token is a known link word, or a pipe menu.

    >>> navigation("设为首页 加入收藏"), navigation("按Enter到主內容區"), navigation("▲開啟 ▼關閉")
    (True, True, True)
    >>> navigation("文秘之友|原创|范文|素材|写作|PPT|")
    True
    >>> navigation("法務部行政執行署士林分署:回首頁"), navigation("今天是：2023年6月5日 星期一")
    (True, True)
    >>> navigation("今天 多云 12～21℃ 设为首页 加入收藏"), navigation("上一页 1 2 … 8 9 10 下一页")
    (True, True)

    Left alone: prose that mentions such words (``请关闭电源``) and pipes in text.

    >>> navigation("要加强导航系统建设"), navigation("甲|乙两方面的问题都要认真研究解决")
    (False, False)
    >>> navigation("| 1月 | 党章党规 | 集中学习 | 支部书记 |")
    False
    >>> navigation("2021年3月5日 星期五 晴"), navigation("今天气温12～21℃，多云转晴。")
    (False, False)
    """
    tokens = [t for t in re.split(r"[\s|｜·•/]+", line) if t]
    if tokens and all(
        t in NAV_WORDS
        or (t.isdigit() and len(t) <= 3)
        or t in _PAGER_FILLER
        or _PAGER_COUNT.fullmatch(t)
        for t in tokens
    ):
        # a pager "上一页 1 2 … 9 10 下一页", not digits alone
        return any(t in NAV_WORDS for t in tokens)
    if _TODAY.match(line) or _widget_tokens(line):
        return True
    if (
        _MENU_RUN.fullmatch(line)
        and tokens  # (a run of middle dots alone has none)
        and (tokens[0] in NAV_WORDS or _MENU_LABEL.match(line))
        and not re.search(rf"{CRUMB_ARROWS}|\d", line)
    ):
        return True  # "首页 工作总结 个人工作总结", "热门推荐:述职报告 心得体会 …"
    if line.startswith(("|", "｜")) and line.endswith(("|", "｜")):
        return False  # a flattened table row, not a menu
    if re.search(rf"[:：]\s*(?:{BACK_HOME})$", line) and len(line) <= 30:
        return True
    parts = [p.strip() for p in re.split(r"[|｜]", line) if p.strip()]
    return ("|" in line or "｜" in line) and len(parts) >= 3 and all(len(p) <= 6 for p in parts)


_HOME = f"(?:{HOME_WORDS})"

_CRUMB_LABEL = re.compile(
    r"^(?:您的当前位置|您当前的位置|您现在的位置|你的位置|您的位置|当前位置|所在位置|位置|目前位置|"
    r"您的當前位置|當前位置|現在位置|现在位置|您現在的位置|所在位置)\s*是?\s*[:：]"
)

CRUMB_SEP = re.compile(rf"\s*(?:>>|->|=>|{CRUMB_ARROWS}|/)\s*")


# Every crumb label holds 位置; otherwise a home word or an arrow is required.
@line_rule(needs=f"位置|{HOME_WORDS}|{CRUMB_ARROWS}")
def breadcrumb(line: str) -> bool:
    """A breadcrumb trail: ``首頁>心得體會>工作體會>…`` or ``您的当前位置:首页正文``.

    >>> breadcrumb("首頁>心得體會>工作體會>創建學習型、服務型、創新型機關重塑公僕形象")
    True
    >>> breadcrumb("主页 > 论文知识 > 最新论文资料 > 行政 > > 详细内容")
    True
    >>> breadcrumb("中國共產黨新聞網>>高層動態"), breadcrumb("您的当前位置:首页正文")
    (True, True)
    >>> breadcrumb("首页 - 范文大全 - 心得体会"), breadcrumb("党建频道>>理论研究")
    (True, True)

    Left alone: arrows inside prose (``产值由5亿>8亿,增长明显。``) and slashes
    in titles (``社論/提升公務人員為民服務品質``).

    >>> breadcrumb("产值由5亿>8亿,增长明显。"), breadcrumb("社論/提升公務人員為民服務品質")
    (False, False)
    """
    if _CRUMB_LABEL.search(line):
        return True
    if "。" in line or len(line) > 120:
        return False
    if re.match(rf"^{_HOME}\s*[-–—]\s*\S", line):
        parts = re.split(r"\s*[-–—]\s*", line)
        return len(parts) >= 3 and all(len(p) <= 20 for p in parts)
    parts = CRUMB_SEP.split(line)
    if len(parts) < 2 or not re.search(CRUMB_ARROWS, line):
        return False
    head = parts[0].strip()
    return (
        re.fullmatch(_HOME, head) is not None
        or looks_like_site_name(head)
        or load_sites().canonical(head) is not None
        or (len(parts) >= 3 and all(len(p) <= 25 for p in parts))
        or (
            re.search(r">>|›|»", line) is not None
            and len(line) <= 80
            and sum(1 for p in parts if p.strip()) >= 2  # not a "more >>" link
            and all(len(p) <= 20 for p in parts)
            and not SENTENCE_PUNCT.search(line)
        )
    )


# The link words all open with one of these.
@line_rule(role=Role.FOOTER, needs="上一|下一|上篇|下篇|前一篇|后一篇|後一篇|返回")
def prev_next(line: str) -> bool:
    """Links to the previous or next article.

    >>> prev_next("上一篇:新时期如何做好基层社区党建工作"), prev_next("下一篇:如何加强和改进基层党建工作")
    (True, True)

    >>> prev_next("上一篇 下一篇 返回版面")
    True

    Left alone: prose starting with similar words (``上一篇文章中我们谈到``).

    >>> prev_next("上一篇文章中我们谈到了调研的方法。")
    False
    """
    return bool(
        re.match(
            r"(?:上一篇|下一篇|上一页|下一页|上篇|下篇|上一則|下一則|上一條|下一條|上一条|下一条|"
            r"前一篇|后一篇|後一篇|上一頁|下一頁)\s*[:：]",
            line,
        )
        # the buttons alone, with an e-paper's "back to the page": "上一篇 下一篇 返回版面"
        or re.fullmatch(
            r"(?:(?:上一篇|下一篇|上一則|下一則|上一條|下一條|返回版面|返回目录|返回目錄|返回列表)\s*){2,4}",
            line.strip(),
        )
    )


_RELATED_WORDS = (
    r"相关推荐|相關推薦|相关文章|相關文章|相关阅读|相關閱讀|猜你喜欢|猜你喜歡|热门文章|熱門文章|热门推荐|"
    r"熱門推薦|推荐阅读|推薦閱讀|延伸阅读|延伸閱讀|精彩推荐|精彩推薦|更多推荐|最新文章|热门范文|相关范文|"
    r"相关内容|相關內容|相关链接|相關連結|相关新闻|相關新聞|其他人还看了|推荐文章|推薦文章|热点新闻|"
    r"熱點新聞|熱門新聞|最新动态|最新動態|热点推荐|熱點推薦|相关专题|相關專題|往期回顾|往期回顧|往期推荐|"
    r"相關文件|相关文件|全站熱搜|全站热搜|延伸閱讀|相關連結|本文目录一览|本文目錄一覽|"
    # a document-sharing site's list of other uploads
    r"您可能关注的文档|你可能关注的文档|您可能關注的文檔|您可能感兴趣的文档|相关文档|相關文檔|相似文档|"
    # lists of other threads, searches and questions: post bars, search and Q&A widgets
    r"本吧热帖|本吧熱帖|热帖|熱帖|热门帖子|熱門帖子|相关帖子|相關帖子|相关搜索|相關搜尋|大家都在搜|热门搜索|熱門搜尋|"
    r"你可能还想问|你可能還想問|你可能还想知道|你可能還想知道|猜你想问|猜你想問|大家还在问|大家還在問|"
    r"大家都在问|大家都在問|相关问题|相關問題|网友还在问|其他人还问了|大家还在看|大家還在看|大家都在看|"
    r"相关问答|相關問答|热门问答|熱門問答|你可能感兴趣|你可能感興趣|你可能也喜欢|你可能也喜歡|猜你感兴趣|网友都在看|"
    # "更多新聞", "更多回答": the heading of the site's other articles or answers
    r"更多新闻|更多新聞|更多回答|更多文章|更多资讯|更多資訊"
)

_RELATED = re.compile(
    r"^[↓↑→▼▲◆●■\s]*(?:更多)?(?:[“\"【《]?[^。！？]{0,40}?[”\"】》]?)?\s*[【\[]?(?:"
    + _RELATED_WORDS
    + r")[】\]]?\s*[↓↑▼▲\s]*[:：]?[↓↑▼▲\s]*"
    # "更多“…”相关范文 → 请点击进入": the link's own prompt
    r"(?:[→>»]\s*)?(?:请|請)?(?:点击|點擊)?(?:进入|進入|查看)?$"
)


# "相关链接：市政协召开…协商会": one link printed after its label, no sentence.
_ONE_LINK = re.compile(
    r"(?:相关链接|相關連結|相关新闻|相關新聞|相关报道|相關報導)\s*[:：]\s*[^。！？!?，,；;]{4,40}"
)


# Both patterns hold one of the related-list words (or a report's link label).
@line_rule(role=Role.FOOTER, needs=_RELATED_WORDS + "|相关报道|相關報導")
def related_links(line: str) -> bool:
    """The heading of a list of links to other articles.

    >>> related_links("相关推荐："), related_links("【机关作风建设学习心得体会】相关文章：")
    (True, True)
    >>> related_links("↓↓↓更多“志愿服务心得”相关文章↓↓↓"), related_links("推荐文章")
    (True, True)
    >>> related_links("本吧热帖"), related_links("你可能还想问")
    (True, True)
    >>> related_links("【推荐阅读】"), related_links("更多新聞"), related_links("更多“年度工作总结”相关范文 → 请点击进入")
    (True, True, True)

    Left alone: the words inside a sentence (``相关文章已转发各单位。``).

    >>> related_links("相关文章已转发各单位。")
    False

    A single link after its label, and a document-sharing site's list of
    other uploads:

    >>> related_links("相关链接：市政协召开老旧小区改造专题协商会"), related_links("您可能关注的文档")
    (True, True)

    Left alone: a sentence after the label (``相关链接：请各单位于月底前报送。``).

    >>> related_links("相关链接：请各单位于月底前报送。")
    False
    """
    return bool(_RELATED.match(line) or _ONE_LINK.fullmatch(line.strip()))


# Every label ends in 链接, 地址 or 网址; a bare address has its scheme or www.
@line_rule(role=Role.FOOTER, needs=r"链接|地址|網址|网址|https?://|www\.")
def permalink(line: str) -> bool:
    """A line giving the page's own address.

    >>> permalink("本文链接：https://www.example.com/xinde/123.html")
    True
    >>> permalink("https://www.example.com/xinde/123.html")
    True
    >>> permalink("本文网址：http://sthjj.example.gov.cn/xwzx/202209/t20220928_1187.html")
    True

    Left alone: prose citing a web address inside a sentence.

    >>> permalink("详情请登录县政府网站https://www.example.gov.cn查询。")
    False
    """
    return bool(
        re.match(
            r"^(?:本文链接|本文地址|原文链接|原文地址|文章链接|本文網址|原文網址|本文网址|本页网址|本頁網址|"
            r"本页地址|本頁地址)\s*[:：]",
            line,
        )
        or re.fullmatch(r"\s*(?:https?://|www\.)\S+\s*", line)
    )


_INLINE_RELATED = re.compile(
    r"^[(（【\[]\s*(?:"
    + _RELATED_WORDS
    + r"|相关阅读|推荐|推薦|延伸)\s*[:：][^()（）【】\[\]]{2,80}[)）】\]]$"
)


@line_rule(role=Role.WEAK_FOOTER, max_chars=100)
def inline_recommendation(line: str) -> bool:
    """A link to another article in brackets, on a line of its own: ``（相关推荐：…）``.

    >>> inline_recommendation("(相关推荐:作风整顿个人对照检查材料范文大全)")
    True
    >>> inline_recommendation("【推荐阅读：如何写好年度述职报告】")
    True

    Such sites drop it between two paragraphs as well as after the essay.
    Left alone: an essay's own parenthesis (``（推荐人：县委组织部）``).

    >>> inline_recommendation("（推荐人：县委组织部）")
    False
    """
    return bool(_INLINE_RELATED.match(line.strip()))
