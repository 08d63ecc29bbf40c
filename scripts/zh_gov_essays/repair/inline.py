"""Phrases cut out of body paragraphs: injected SEO sentences, credits, datelines."""

from __future__ import annotations

import re

from zh_gov_essays.rules import text_rule
from zh_gov_essays.vocab.chars import AFTER_FULL_STOP, FULL_STOPS, HAN
from zh_gov_essays.vocab.labels import REPORTER_CREDIT, SURNAMES, WIRE_DATELINE
from zh_gov_essays.vocab.seo import SEO_KEYWORDS, SEO_STRONG, SEO_STRONG_NEEDS, seo_marker

_CLAUSE = re.compile(r"[^。！？!?，,；;]*[。！？!?，,；;]?")


@text_rule(logs=True, needs=SEO_STRONG_NEEDS)
def seo_phrase(text: str) -> str:
    """Delete content-farm clauses injected into a body paragraph.

    >>> seo_phrase("总结是对前一阶段工作的回顾,下面小为大家全面介绍。在实际的公务活动中")
    '总结是对前一阶段工作的回顾。在实际的公务活动中'
    >>> seo_phrase("总结是对工作的回顾。下面是小编为大家整理的范文,仅供参考。")
    '总结是对工作的回顾。'

    The search keywords the site asks before its intro go with it:

    >>> seo_phrase("作风建设心得体会范文,作风建设心得体会怎么写?以下是小编整理的心得体会,欢迎阅读参考。群众看干部,首先看作风。")
    '群众看干部,首先看作风。'
    >>> seo_phrase("报销效率提高了。更多精彩範文,請關注範文大觀園。")
    '报销效率提高了。'

    The clause carrying the template phrase goes, up to the end of its
    sentence; a sentence it cut short gets its full stop back.  The deleted
    text is logged.  Left alone: paragraphs with no template phrase.

    >>> seo_phrase("要认真听取群众意见,为大家办实事。")
    '要认真听取群众意见,为大家办实事。'

    Phrases speakers also use (``供大家参考``, ``仅供参考``, ``为大家介绍``)
    are left in body text; only the page's own header or footer drops them.

    >>> seo_phrase("刚才,人事科的同志为大家介绍了有关情况。谈几点体会,供大家参考。")
    '刚才,人事科的同志为大家介绍了有关情况。谈几点体会,供大家参考。'
    """
    if not seo_marker(text, strong=True):
        return text
    # A phrase may run over a comma ("更多精彩范文，请关注…"): a clause carries
    # the phrase when it overlaps one found in the whole paragraph.
    marks = [m.span() for m in SEO_STRONG.finditer(text)]
    clauses = [(m.group(), m.span()) for m in _CLAUSE.finditer(text) if m.group()]
    kept: list[str] = []
    dropping = False
    for clause, (start, end) in clauses:
        if any(start < m_end and m_start < end for m_start, m_end in marks):
            if not dropping and _keywords_only(kept):
                kept = []  # the search keywords asked before the intro: "…范文，…怎么写？"
            dropping = True
            if kept and kept[-1][-1:] in ",，;；":
                kept[-1] = kept[-1][:-1] + "。"
        elif not dropping:
            kept.append(clause)
        if clause[-1:] in "。！？!?":
            dropping = False
    return "".join(kept).strip()


def _keywords_only(clauses: list[str]) -> bool:
    """Whether the clauses opening a paragraph only name search keywords (``…范文，…怎么写？``)."""
    sentences = AFTER_FULL_STOP.split("".join(clauses))
    sentences = [x for x in sentences if x.strip()]
    return bool(sentences) and all(
        len(x) <= 40 and SEO_KEYWORDS.search(x) and x[-1:] in "？?，," for x in sentences
    )


_TRAILING_CREDIT = re.compile(
    rf"(?<=[。！？!?”」])\s*(?:[(（][{HAN}]{{2,4}}[)）]|{REPORTER_CREDIT})$"
    # the author's bare name glued after the last full stop: "…更加美丽。杨恽"
    rf"|(?<=[{FULL_STOPS}])[{SURNAMES}](?![一二三四五六日天末])[{HAN}]{{1,2}}$"
)

# Where every match of _TRAILING_CREDIT ends: a closing bracket or an ideograph, at the end
# of the text or before its final newline (``$``).  Without one there, the search through
# the whole paragraph finds nothing (a test compares the two).
_CREDIT_END = re.compile(f"[)）〕】{HAN}]\n?\\Z")


@text_rule(logs=True)
def trailing_credit(text: str) -> str:
    """Delete a correspondent's or reporter's credit in parentheses closing a news paragraph.

    >>> trailing_credit("打造了機關干部的新形象。 (杜鳳明)")
    '打造了機關干部的新形象。'
    >>> trailing_credit("会议还部署了下一阶段工作。（记者 王晓燕 通讯员 刘成）")
    '会议还部署了下一阶段工作。'
    >>> trailing_credit("群众对党员干部才会更有信心。杨明远")
    '群众对党员干部才会更有信心。'

    Left alone: parentheses inside a sentence (``縣(市)``) or not after a
    sentence end.

    >>> trailing_credit("合理安排机关干部到縣(市)挂职锻炼")
    '合理安排机关干部到縣(市)挂职锻炼'

    A bare name is only cut right after a full stop, never a weekday
    (``…安排如下。周一``) nor a longer run of text.

    >>> trailing_credit("具体安排如下。周一"), trailing_credit("会议结束了。王书记最后强调")
    ('具体安排如下。周一', '会议结束了。王书记最后强调')
    """
    if not _CREDIT_END.search(text, max(0, len(text) - 2)):
        return text
    return _TRAILING_CREDIT.sub("", text)


# A dateline opening a paragraph: a known service's anywhere; any other paper's
# ("金山讯", "某某在线10月20日讯") only when a space or the reporters' credit
# separates it and the report goes on with a time ("3月5日上午", "近日").
_REPORT_OPENING = r"(?:\d{1,2}\s*月|\d{1,2}\s*日|近日|日前|昨日|昨天|今天|今日|本周|上周|连日来|連日來|(?:19|20)\d\d年)"
_LEAD_DATELINE = re.compile(
    rf"^(?:(?:新华社|新華社|中新社|本报|本報|人民网|人民網|新华网|新華網)[{HAN}]{{0,8}}"
    r"\d{1,2}月\d{1,2}日(?:电|電|讯|訊)|(?:本报|本報|本刊|本网|本網)(?:讯|訊))"
    rf"\s*(?:{REPORTER_CREDIT})?\s*"
    r"|^[〔【(（](?:记者|記者)[^〕】)）]{1,24}(?:报道|報導|报导)[〕】)）]\s*"
    rf"|^(?:{WIRE_DATELINE})(?:\s*{REPORTER_CREDIT}\s*(?=\S)|\s+(?={_REPORT_OPENING}))"
)


@text_rule(logs=True)
def lead_dateline(text: str) -> str:
    """Delete a news dateline that opens a paragraph.

    >>> lead_dateline("新华社北京3月15日电 中国人民政治协商会议全国委员会常务委员会工作报告")
    '中国人民政治协商会议全国委员会常务委员会工作报告'

    >>> lead_dateline("本报讯（记者 许文涛 通讯员 钱晓燕）3月18日，县委召开全会。")
    '3月18日，县委召开全会。'
    >>> lead_dateline("〔記者王志明/臺中報導〕臺中市政府為提升為民服務品質。")
    '臺中市政府為提升為民服務品質。'
    >>> lead_dateline("江城讯 3月5日上午，市直机关工委召开全市机关党建工作会议。")
    '3月5日上午，市直机关工委召开全市机关党建工作会议。'
    >>> lead_dateline("湘江在线10月20日訊  19日上午，座谈会在长沙召开。")
    '19日上午，座谈会在长沙召开。'
    >>> lead_dateline("東岸新聞網10月5日訊 （記者黃品蓁／花蓮報導）為減輕基層公所的行政負擔，縣府推動計畫。")
    '為減輕基層公所的行政負擔，縣府推動計畫。'

    Left alone: dates inside sentences (``3月15日召开会议``) and words
    ending in 讯 that open a sentence (``喜讯传来，…``).

    >>> lead_dateline("喜讯传来，全县干部群众倍受鼓舞。")
    '喜讯传来，全县干部群众倍受鼓舞。'
    """
    while True:  # a second dateline may stand behind the first
        new = _LEAD_DATELINE.sub("", text)
        if new == text:
            return text
        text = new


_LEAD_LABEL = re.compile(
    r"^(?:[【\[〔](?:摘\s*要|内容摘要|內容摘要|内容提要|內容提要|提\s*要|导语|導語)[】\]〕]"
    r"|(?:摘\s*要|内容摘要|內容摘要|内容提要|內容提要|提\s*要|中文摘要)\s*[:：])\s*"
)


@text_rule(logs=True)
def lead_label(text: str) -> str:
    """Delete an ``【摘要】``/``摘要：`` label glued to the abstract it introduces.

    >>> lead_label("【摘要】服务型机关建设是转变政府职能的必然要求。")
    '服务型机关建设是转变政府职能的必然要求。'
    >>> lead_label("内容提要：议程设置是公共政策过程的起点。")
    '议程设置是公共政策过程的起点。'

    Left alone: the word inside a sentence (``本文摘要如下``) and other bracket
    labels, which are headings (``【背景链接】``).
    """
    return _LEAD_LABEL.sub("", text)


_PLATFORM_NOTE = re.compile(r"[(（]\s*此处(?:已)?(?:添加|插入|嵌入)[^()（）]{1,40}[)）]")


@text_rule(logs=True)
def platform_note(text: str) -> str:
    """Delete a republishing platform's placeholder for an embedded widget.

    >>> platform_note("我们要坚持问题导向(此处已添加小程序,请到今日头条客户端查看)。")
    '我们要坚持问题导向。'

    Left alone: ordinary parentheses (``縣(市)``, ``(即计划、执行)``).
    """
    return _PLATFORM_NOTE.sub("", text)


_PAGE_MARK = re.compile(
    r"\s*第\s*\d{1,4}\s*[页頁]\s*[,，/]?\s*共\s*\d{1,4}\s*[页頁]\s*"
    r"|\s*本文[档檔]由用户上传[^。]{0,40}?(?:服务|服務)\s*"
)


# (Each alternative opens with a literal, so Python's regex engine skips to those characters.)
@text_rule(logs=True, needs="页|頁|本文[档檔]")
def page_mark(text: str) -> str:
    """Delete a page counter or a hosting disclaimer that landed inside a paragraph.

    >>> page_mark("用电用气、 第 1 页 共 6 页 农机驾驶等方面隐患较多。")
    '用电用气、农机驾驶等方面隐患较多。'

    Left alone: page references in prose (``见第3页的表格``).

    >>> page_mark("具体数据见第3页的表格。")
    '具体数据见第3页的表格。'
    """
    return _PAGE_MARK.sub("", text)
