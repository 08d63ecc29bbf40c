"""Widgets of the page: view counters, comment boxes, bookmark, print, share and download buttons."""

from __future__ import annotations

import re

from zh_gov_essays.rules import Role, line_rule
from zh_gov_essays.vocab.chars import SENTENCE_PUNCT, cjk_count, strip_bullet
from zh_gov_essays.vocab.dates import strip_dates
from zh_gov_essays.vocab.labels import DATE_WORDS

_COUNTER = re.compile(
    r"(?:浏览|瀏覽|阅读|閱讀|点击|點擊|點閱|点阅|人气|人氣|访问|訪問|查看)"
    r"(?:次数|次數|数|數|量|率|人次)?\s*[:：]?\s*[\d,]*\s*次?"
)


@line_rule(role=Role.PAGE_META)
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

    Left alone: prose about comments (``要认真听取群众的评论和意见。``).
    """
    return bool(
        re.match(
            r"(?:网友评论|網友評論|评论功能已关闭|評論功能已關閉|发表评论|發表評論|我要评论|我要評論|"
            r"查看评论|相关评论|共有\d+条评论|已有\d+条评论|\d+条评论)",
            line,
        )
    )


@line_rule(role=Role.FOOTER)
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
    r"立即领取|免费领取|免費領取|收录于合集|收錄於合集|^本文标题[:：]|^本文標題[:：]|"
    r"下载word|下載word|(?:点击)?下载(?:本文|全文|文档|文檔|附件)|格式为Word|下载可任意编辑|"
    r"^(?:相关附件|相關附件|附件下载|附件下載)\s*[:：]?$|^(?:相关图片|相關圖片)$|"
    r"^[^\s。，]{1,40}\.(?:jpe?g|png|gif|bmp|webp)$|"
    r"^(?:【(?:打印|列印|关闭|關閉|收藏|分享|返回顶部|纠错|糾錯|打印本页|关闭窗口|关闭本页)】\s*)+$|"
    r"^(?:打印|列印|关闭|關閉|收藏|分享|纠错)$|"
    r"^(?:信息搜索|站内搜索|站內搜尋|全站搜索|全文检索|全文檢索|关键字搜索|關鍵字搜尋|搜索|搜尋)\s*[:：]?$"
)


@line_rule(role=Role.WEAK_FOOTER, max_chars=60)
def page_tools(line: str) -> bool:
    """Print, close, download, share and QR-code buttons of the page.

    >>> page_tools("【打印本页】【关闭窗口】"), page_tools("5 积分 立即下载")
    (True, True)
    >>> page_tools("扫一扫，关注微信公众号"), page_tools("【字体：大 中 小】")
    (True, True)
    >>> page_tools("信息搜索：")
    True

    Left alone: prose about printing or sharing (``要把经验分享给基层。``) and
    long lines (a widget is short).

    >>> page_tools("要把好的经验做法分享给基层单位。")
    False
    """
    return bool(_PAGE_TOOLS.search(line))
