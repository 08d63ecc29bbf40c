"""Widgets of the page: view counters, comment boxes, bookmark, print, share and download buttons."""

from __future__ import annotations

import re

from zh_gov_essays.rules import Role, line_rule
from zh_gov_essays.vocab.chars import SENTENCE_PUNCT, cjk_count, strip_bullet
from zh_gov_essays.vocab.dates import strip_dates
from zh_gov_essays.vocab.labels import DATE_WORDS, SOCIAL_BUTTONS

_COUNTER_WORDS = "浏览|瀏覽|阅读|閱讀|点击|點擊|點閱|点阅|人气|人氣|访问|訪問|查看"
_COUNTER = re.compile(
    rf"(?:{_COUNTER_WORDS})(?:次数|次數|数|數|量|率|人次)?\s*[:：]?\s*[\d,]*\s*次?"
)


# A counter is the first match of _COUNTER, and it holds a colon, a digit
# or 次 (in its suffix, or after it): each way of holding one.
@line_rule(
    role=Role.PAGE_META,
    needs=rf"(?:{_COUNTER_WORDS})(?:次数|次數|人次"
    r"|(?:次数|次數|数|數|量|率|人次)?\s*(?:[:：]|[:：]?\s*,*\d|[:：]?\s*[\d,]*\s*次))",
)
def counter(line: str) -> bool:
    """A view counter, possibly sharing the line with an update time.

    >>> counter("浏览次数:  更新时间:2016-05-18 14:52:37"), counter("資料點閱次數:1188")
    (True, True)
    >>> counter("浏览:0次"), counter("點閱率:1,611")
    (True, True)

    Left alone: prose about reading (``加强阅读量的积累,提高阅读能力。``).

    >>> counter("加强阅读量的积累,提高阅读能力。"), counter("网站总访问量：3,256,781次")
    (False, False)
    """
    m = _COUNTER.search(line)
    if not m or SENTENCE_PUNCT.search(line.replace(",", "")):
        return False
    if re.search(r"已(?:浏览|瀏覽)\s*\d+\s*/\s*\d+", line):
        return False  # reading progress "已浏览 2/6 页": a truncation notice
    before = strip_dates(strip_bullet(line[: m.start()]))
    before = re.sub(r"[^\s:：|【】\[\]]*[:：]\s*\S*|[\s|【】\[\]]", "", before)
    if cjk_count(re.sub(r"^(?:资料|資料|文章|本文|页面|頁面|網頁|网页)", "", before)) > 1:
        return False  # "网站总访问量:3,256,781次" in a report counts something else
    rest = strip_dates(line[: m.start()] + line[m.end() :])
    rest = re.sub(r"字[号號體体]\s*[:：]?\s*(?:[TＴ大中小AＡ+\-]\s*\|?\s*){1,4}", "", rest)
    rest = re.sub(rf"(?:更新|发布|發布|發佈)?(?:{DATE_WORDS})\s*[:：]?|[\d\s:：|]", "", rest)
    return len(rest) <= 6 and bool(re.search(r"[:：\d次]", m.group(0)))


@line_rule(role=Role.FOOTER, max_chars=80)
def comment_widget(line: str) -> bool:
    """Comment boxes: ``网友评论《…》``, ``评论功能已关闭``.

    >>> comment_widget("网友评论《如何加强服务型机关建设》"), comment_widget("评论功能已关闭")
    (True, True)

    >>> comment_widget("写评论…"), comment_widget("评论 23")
    (True, True)

    Left alone: prose about comments (``要认真听取群众的评论和意见。``).

    >>> comment_widget("要认真听取群众的评论和意见。"), comment_widget("写评论文章要有理有据。")
    (False, False)
    """
    return bool(
        re.match(
            r"(?:网友评论|網友評論|评论功能已关闭|評論功能已關閉|发表评论|發表評論|我要评论|我要評論|"
            r"查看评论|相关评论|共有\d+条评论|已有\d+条评论|\d+条评论|"
            # a comment box's placeholder and its count: "写评论…", "评论 23"
            r"(?:写评论|寫評論|写下你的评论|說點什麼|说点什么)\s*(?:\.{2,}|…+)?$|(?:评论|評論)\s*\d{1,6}$)",
            line,
        )
    )


@line_rule(role=Role.FOOTER, needs="^(?:收藏|加入收藏|打印|分享)《")
def bookmark_widget(line: str) -> bool:
    """A ``收藏《title》`` bookmark button (its title is kept as metadata).

    >>> bookmark_widget("收藏《述职报告的写作》)")
    True

    Left alone: book titles in prose (``认真学习《党章》``).

    >>> bookmark_widget("认真收藏《党章》学习笔记,时常翻阅。")
    False
    """
    return bool(re.fullmatch(r"(?:收藏|加入收藏|打印|分享)《[^》]{1,80}》[)）]?", line))


_PAGE_TOOLS = re.compile(
    r"打印本页|打印本頁|关闭窗口|關閉視窗|关闭本页|回上一[頁页]|返回上一[頁页]|立即下载|下载本文|下载文档|下載本文|"
    r"积分下载|\d+\s*积分|扫一扫|掃一掃|扫描二维码|掃描二維碼|长按识别|長按識別|关注微信公众号|關注微信公眾號|"
    r"关注公众号|關注公眾號|阅读原文|閱讀原文|分享至|分享到|字体[:：]?\s*[大中小]|字體[:：]?\s*[大中小]|"
    r"点击.{0,6}关注|點擊.{0,6}關注|^关注我们$|^關注我們$|设为星标|設為星標|点个.{0,2}在看|點個.{0,2}在看|"
    r"立即领取|免费领取|免費領取|收录于合集|收錄於合集|^(?:收录于话题|收錄於話題)\s*#|^本文标题[:：]|^本文標題[:：]|"
    r"下载word|下載word|(?:点击)?下载(?:本文|全文|文档|文檔|附件)|格式为Word|下载可任意编辑|"
    r"^(?:相关附件|相關附件|附件下载|附件下載)\s*[:：]?$|"
    r"^(?:相关图片|相關圖片|组图|組圖|图集|圖集|相片|图片|圖片)\s*(?:[(（]\s*\d{1,3}\s*[)）])?$|"
    r"^[^\s。，]{1,40}\.(?:jpe?g|png|gif|bmp|webp)$|"
    r"^(?:[【〖\[［]\s*(?:打印|列印|关闭|關閉|收藏|分享|返回顶部|纠错|糾錯|打印本页|关闭窗口|关闭本页|"
    r"打印此页|关闭此页|大|中|小|加入收藏|返回|返回顶部|回到顶部|顶部|回上一頁|回上一页|返回上一页)\s*[】〗\]］]\s*)+$|"
    r"长按(?:识别)?二维码|長按(?:識別)?二維碼|"
    # "用手机扫码浏览本页", "手機掃描QR Code閱讀": view the page on a phone.
    r"^(?:用|使用|请用|請用|可用)?手[机機]\s*(?:扫码|掃碼|扫描|掃描|扫一扫|掃一掃)[^。，,]{0,10}"
    r"(?:浏览|瀏覽|阅读|閱讀|访问|訪問|查看|打开|打開)(?:本页|本頁|本文|此页|此頁|当前页|當前頁|页面|頁面|网页|網頁)?"
    r"(?:更方便)?$|"
    # "下載PDF版本(298KB)", "附件下载：实施方案.docx（36 KB）": a download link and its size.
    r"^[^。，,]{0,30}(?:PDF|pdf|Word|WORD|word|DOCX?|docx?|WPS|wps|OFD|ofd|XLSX?|xlsx?|Excel|EXCEL)"
    r"[^。，,]{0,8}[(（\[]\s*\d+(?:\.\d+)?\s*(?:KB|kB|K|MB|M|GB|字节|位元組)\s*[)）\]]$|"
    # "↓ 点击展开", "点击加载更多": a button that unfolds the rest of the page.
    r"^[↓↑▼▽\s]*(?:点击|點擊|点此|點此)?(?:展开|展開|加载更多|載入更多|查看更多|收起)(?:全文|剩余内容|剩餘內容)?[↓▼▽\s]*$|"
    r"^(?:打印|列印|关闭|關閉|收藏|分享|纠错)$|"
    # a share button's prompt: "分享让更多人看到"
    r"^(?:分享|轉發|转发)(?:让|讓|给|給)更多(?:人|朋友)(?:看到|看見|知道)?$|"
    r"^(?:信息搜索|站内搜索|站內搜尋|全站搜索|全文检索|全文檢索|关键字搜索|關鍵字搜尋|搜索|搜尋)\s*[:：]?$"
)


@line_rule(role=Role.WEAK_FOOTER, max_chars=60)
def page_tools(line: str) -> bool:
    """Print, close, download, share and QR-code buttons of the page.

    >>> page_tools("【打印本页】【关闭窗口】"), page_tools("5 积分 立即下载")
    (True, True)
    >>> page_tools("扫一扫，关注微信公众号"), page_tools("【字体：大 中 小】")
    (True, True)
    >>> page_tools("信息搜索："), page_tools("分享让更多人看到")
    (True, True)

    The same buttons in other brackets, a prompt to read the page on a phone,
    a download link with its size, a button that unfolds the rest, a gallery:

    >>> page_tools("〖打印〗〖关闭〗"), page_tools("用手机扫码浏览本页"), page_tools("下載PDF版本(298KB)")
    (True, True, True)
    >>> page_tools("↓ 点击展开"), page_tools("相關圖片(2)"), page_tools("收录于话题 #以案说纪 38个")
    (True, True, True)

    Left alone: prose about printing or sharing (``要把经验分享给基层。``) and
    long lines (a widget is short).

    >>> page_tools("要把好的经验做法分享给基层单位。")
    False
    >>> page_tools("群众用手机扫码就能查看办事进度。"), page_tools("报告全文约3万字，PDF版本已上传。")
    (False, False)
    """
    return bool(_PAGE_TOOLS.search(line))


_STARS = re.compile(r"[★☆]{3,5}")
_RATING = re.compile(
    r"\d(?:\.\d)?\s*分\s*[(（]\s*\d+\s*(?:人|位)?(?:评价|評價|评分|評分|打分)\s*[)）]"
    r"|(?:评分|評分|打分)\s*[:：]\s*\d(?:\.\d)?\s*分?(?:\s|$|[|｜])"
    r"|\d[\d,.]*\s*[万萬wW]?\s*(?:人|次)\s*(?:已)?(?:下载|下載|评价|評價|收藏|点赞|點讚|觉得有用|覺得有用)"
)


@line_rule(role=Role.PAGE_META, max_chars=80)
def rating_widget(line: str) -> bool:
    """A rating widget: stars, a score and how many rated, downloaded or liked the page.

    >>> rating_widget("★★★★☆ 4.5分(23人评价) ｜ 126人已下载"), rating_widget("评分：4.8 | 1.2万人觉得有用")
    (True, True)
    >>> rating_widget("☆☆☆☆☆")
    True

    Left alone: sentences that count people or score something.

    >>> rating_widget("全年共有126人次下载了办事指南。"), rating_widget("考核得分92.5分，位列全市第一。")
    (False, False)
    """
    if SENTENCE_PUNCT.search(re.sub(r"(?<=\d),(?=\d)", "", line)) or "。" in line:
        return False
    if _STARS.search(line) and cjk_count(_STARS.sub("", line)) <= 12:
        return True
    return bool(_RATING.search(line)) and cjk_count(_RATING.sub("", line)) <= 8


_WECHAT = re.compile(
    r"预览时标签不可点|預覽時標籤不可點|微信扫一扫可打开此内容|微信掃一掃可打開此內容|使用完整服务|使用完整服務|"
    r"(?:继续|繼續|向上)(?:滑动|滑動)看下一个|(?:继续|繼續|向上)(?:滑动|滑動)看下一個|轻触阅读原文|輕觸閱讀原文|"
    r"喜欢此内容的人还喜欢|喜歡此內容的人還喜歡|^(?:写留言|寫留言|精选留言|精選留言|留言|写下你的留言)$|"
    r"^(?:微信扫一扫|微信掃一掃)?\s*(?:关注该公众号|關注該公眾號|关注公众号|關注公眾號)$|^(?:微信扫一扫|微信掃一掃)$|"
    r"^(?:赞|讚|在看|分享|收藏|点赞|點讚|已关注|已關注|视频|視頻|小程序|知道了|取消|允许|允許)"
    r"(?:\s+(?:赞|讚|在看|分享|收藏|点赞|點讚|写留言|寫留言|已关注|已關注|小程序|视频|視頻|知道了|取消|允许|允許))*$|"
    r"^(?:阅读|閱讀)\s*(?:\d[\d,.]*\s*[万萬wk]?\+?)$|^\d+\s*人(?:划线|劃線)$"
)


@line_rule(role=Role.WEAK_FOOTER, max_chars=40)
def wechat_chrome(line: str) -> bool:
    """The WeChat article viewer's own labels, left in a copied article.

    >>> wechat_chrome("预览时标签不可点"), wechat_chrome("微信扫一扫可打开此内容，使用完整服务")
    (True, True)
    >>> wechat_chrome("继续滑动看下一个"), wechat_chrome("赞 在看 写留言"), wechat_chrome("阅读 10万+")
    (True, True, True)

    Left alone: the same words in a sentence (``要关注该公众号发布的政策解读。``).

    >>> wechat_chrome("要关注该公众号发布的政策解读。"), wechat_chrome("分享经验")
    (False, False)
    """
    return bool(_WECHAT.search(line.strip()))


# Counts a Q&A or social page prints by its buttons: "关注者 2,381", "128 人赞同了该回答",
# "1,286 人按讚", "152 則留言", "查看全部 316 个回答", a forum's rating "参与人数 3 威望 +3".
_SOCIAL_COUNT = re.compile(
    r"\d[\d,.]*\s*[万萬wk]?\+?\s*(?:人|个|個|則|则|条|條|次)?\s*"
    r"(?:赞同了该回答|贊同了該回答|赞同|贊同|按讚|按赞|点赞|點讚|留言|评论|評論|回答|回覆|回复|关注|關注|收藏|喜欢|喜歡)"
    r"|(?:查看全部|全部)\s*\d[\d,]*\s*(?:个|個|条|條|則|则)?\s*(?:回答|评论|評論|留言|回覆|回复)"
    r"|(?:关注者|關注者|被浏览|被瀏覽|参与人数|參與人數|威望|金钱|金錢|贡献|貢獻|赞同|贊同)\s*[:：]?\s*[+\-]?\d[\d,.]*[万萬wk]?"
)
_SOCIAL_SPLIT = re.compile(r"[\s·|｜]+")


@line_rule(role=Role.PAGE_META, max_chars=60)
def social_counts(line: str) -> bool:
    """A Q&A or social page's counts and buttons: followers, views, agrees, likes, comments.

    >>> social_counts("关注者 2,381 被浏览 1,046,215"), social_counts("128 人赞同了该回答")
    (True, True)
    >>> social_counts("赞同 128 添加评论 分享 收藏 喜欢"), social_counts("1,286 人按讚 · 152 則留言")
    (True, True)
    >>> social_counts("关注问题 写回答 邀请回答"), social_counts("查看全部 316 个回答"), social_counts("回應...")
    (True, True, True)
    >>> social_counts("参与人数 3 威望 +3 收起 理由"), social_counts("举报/反馈")
    (True, True)

    Every token of the line must be a count or a button.  Left alone:
    sentences that count agreeing people or comments, and one short word.

    >>> social_counts("全村128人赞同了这个方案。"), social_counts("有128人赞同，3人反对")
    (False, False)
    >>> social_counts("收起"), social_counts("关注民生 回应关切")
    (False, False)
    """
    if "。" in line:
        return False
    counted = _SOCIAL_COUNT.sub(" ", line)
    tokens = [t.rstrip(".…") for t in _SOCIAL_SPLIT.split(counted) if t]
    if any(t not in SOCIAL_BUTTONS for t in tokens):
        return False
    folded = line.rstrip().endswith(("...", "…"))  # a button that unfolds: "回應..."
    return counted != line or len(tokens) >= 2 or folded or any(len(t) >= 3 for t in tokens)


_TIP_JAR = re.compile(
    r"[“\"「]?小礼物走一走[，,]?\s*来\S{1,10}关注我[”\"」]?|[“\"「]?小禮物走一走[，,]?\s*來\S{1,10}關注我[”\"」]?"
    r"|赞赏支持|讚賞支持|还没有人赞赏[，,]?\s*支持一下|還沒有人讚賞[，,]?\s*支持一下"
    r"|(?:喜欢|喜歡)(?:的话|的話)?(?:就|请|請)?(?:打赏|打賞|赞赏|讚賞)(?:一下|作者)?|(?:打赏|打賞|赞赏|讚賞)作者"
    r"|(?:已有|共)\s*\d{1,6}\s*人(?:赞赏|讚賞|打赏|打賞)"
)


@line_rule(role=Role.FOOTER, max_chars=40)
def tip_jar(line: str) -> bool:
    """A blog platform's tipping box under a post: ``赞赏支持``, ``还没有人赞赏，支持一下``.

    >>> tip_jar("“小礼物走一走，来简录关注我”"), tip_jar("赞赏支持"), tip_jar("还没有人赞赏，支持一下")
    (True, True, True)
    >>> tip_jar("喜欢就打赏一下"), tip_jar("已有12人赞赏")
    (True, True)

    What follows is the platform's (the author's figures, app promos): the
    layout cuts the page there.

    Left alone: prose about praise and support (``群众的赞赏是对我们最大的支持。``).

    >>> tip_jar("群众的赞赏是对我们最大的支持。"), tip_jar("赞赏他的担当")
    (False, False)
    """
    return bool(_TIP_JAR.fullmatch(line.strip()))
