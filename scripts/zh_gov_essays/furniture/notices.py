"""The hosting site's own notices: copyright and provenance, truncation, site footer, content-farm intros."""

from __future__ import annotations

import re

from zh_gov_essays.repair.inline import seo_phrase
from zh_gov_essays.rules import Role, Scope, line_rule
from zh_gov_essays.vocab.chars import AFTER_FULL_STOP, SENTENCE_PUNCT, cjk_count
from zh_gov_essays.vocab.seo import (
    DEFINITION_OPENING,
    GENRE_PITCH,
    LIST_INTRO,
    SEO,
    SEO_STRONG,
    WELCOME_GREETING,
    WELCOME_VERBS,
)

_NOTICE = re.compile(
    r"不代表本站|不代表本網|来源于网友上传|來源于網友上傳|來源於網友上傳|若需要原创文章|转载请注明|轉載請註明|"
    r"侵权请联系|侵權請聯繫|如有侵权|如有侵權|免责声明|免責聲明|ICP备|ICP備|ICP证|公网安备|公網安備|"
    r"本文(?:由|系)?.{0,20}(?:收集整理|整理发布|整理發布)|版权所有(?![者人的])|版權所有(?![者人的])|"
    r"版权归原作者|版權歸原作者|转载自|轉載自|联系本站删除|聯繫本站刪除|本站所有文章|本網站著作權|本网站著作权|"
    r"本文[档檔]共\d+[页頁]|本文[档檔]内容版权|本文[檔档]內容版權|^文[档檔](?:介绍|介紹|简介|簡介)[:：]|"
    r"以下文章来源于|以下文章來源於|会员专享|會員專享|转自网络|轉自網路|作者不详|作者不詳|"
    r"^※\s*(?:發信站|发信站|文章網址|文章网址|編輯|编辑)|"
    # an author's reprint ban: "本文为某某号作者原创，未经授权不得转载"
    r"^[(（]?(?:本文|本篇|文章)[^。]{0,12}(?:原创|原創)[,，]?\s*未(?:经|經)(?:授权|授權|许可|許可|允许|允許)"
)

_SHORT_NOTICE = re.compile(r"Copyright|©|All Rights Reserved", re.IGNORECASE)
# A 范文 site's lead-in about how it got the essay, under its own label:
# "导读：本文是某某网为您整理的…", "【導讀】…由某某會員投稿，經編輯整理後發佈…".
_LEAD_IN_LABEL = re.compile(
    r"^[【\[]?(?:导读|導讀|导语|導語|提示|小编提示|小編提示)[】\]]?\s*[:：]?"
)
_LEAD_IN = re.compile(
    r"(?:网|網|站|库|庫)(?:为您|為您|为大家|為大家)(?:精心)?(?:整理|收集|搜集|编辑|編輯)的|"
    r"由.{1,12}(?:会员|會員|网友|網友|用户|用戶)投稿|(?:经|經)(?:编辑|編輯)整理(?:后|後)(?:发布|發佈|發布)"
)


# Its patterns, on the line itself when it has no whitespace to squeeze.
@line_rule(
    role=Role.WEAK_FOOTER,
    max_chars=200,
    needs=rf"\s|{_NOTICE.pattern}|{_LEAD_IN_LABEL.pattern}|(?i:{_SHORT_NOTICE.pattern})",
)
def site_notice(line: str) -> bool:
    """Copyright, provenance and disclaimer notices of the hosting site.

    >>> site_notice("本文 由第一公 文 网 收集整理公文")
    True
    >>> site_notice("导语:开创政府办公部门工作的新局面一文来源于网友上传,不代表本站观点,欢迎参考。")
    True
    >>> site_notice("导读：本文是某某范文网为您整理的镇党委副书记述职报告，内容约2100字，欢迎阅读与收藏。")
    True
    >>> site_notice("【導讀】工作要點由某某寶庫會員投稿，經編輯整理後發佈，歡迎閱讀借鑒。")
    True
    >>> site_notice("本文为某某号作者原创，未经授权不得转载")
    True

    Left alone: prose using the same words in another sense, and long lines.

    >>> site_notice("文件材料的收集整理是档案工作的基础,要认真做好。")
    False
    >>> site_notice("使用他人作品时,应当征得版权所有者的同意。")
    False
    >>> site_notice("未经授权不得转载他人作品，这是著作权法的基本要求。")
    False
    >>> site_notice("这份材料是办公室为大家整理的学习资料，请认真阅读。")
    False
    """
    if _NOTICE.search(re.sub(r"\s+", "", line)):
        return True
    if _LEAD_IN_LABEL.match(line) and _LEAD_IN.search(line):
        return True
    return len(line) <= 120 and bool(_SHORT_NOTICE.search(line))


_TRUNCATION = re.compile(
    r"因篇幅.{0,8}(?:不能|无法|未能|不能夠|無法).{0,4}(?:全部|完整)?(?:显示|顯示|展示)|查看更多更全|"
    r"省略\d+字|正式会员可完整阅读|正式會員可完整閱讀|全文共\d+字|当前仅显示|當前僅顯示|"
    r"(?:点此|点击|點擊|点这里|请|請)(?:查看|阅读|閱讀|下载|下載)全文|未完待续|未完待續|^[(（]?未完[,，]|"
    r"剩余\d+字|剩餘\d+字|剩余\d+页未读|剩餘\d+頁未讀|试读已结束|試讀已結束|开通VIP|開通VIP|VIP会员|"
    r"付费下载|付費下載|继续阅读全文|登录后(?:查看|阅读)|"
    r"还剩\s*\d+\s*页未读|還剩\s*\d+\s*頁未讀|已阅读\s*\d+\s*页|已閱讀\s*\d+\s*頁|继续免费阅读|繼續免費閱讀|"
    r"余下全文|餘下全文|试读结束|試讀結束|付费阅读|付費閱讀|解锁全文|解鎖全文|展开全文|展開全文|"
    r"(?:查看|阅读|閱讀)完整版|(?:剩余|剩餘)内容(?:已隐藏|需)|全文阅读已结束|(?:订阅|訂閱)后可(?:阅读|閱讀)|"
    r"本文为付费内容|本文為付費內容|^[—\-–\s]*(?:预览|預覽|试读|試讀)(?:已)?(?:结束|結束)[—\-–\s]*$|"
    # "已阅读3/10页", "剩余内容请下载后查看", "本预览只显示前3页": a preview's limits
    r"已(?:阅读|閱讀|浏览|瀏覽|读|讀)\s*\d+\s*/\s*\d+\s*[页頁]|(?:剩余|剩餘|其余|其餘|完整|全部|更多)(?:内容|內容)\s*(?:请|請)?(?:在)?"
    r"(?:下载|下載|登录|登錄|登入)|(?:预览|預覽)(?:只|仅|僅)?(?:显示|顯示|展示|提供)(?:了)?(?:前)?\s*\d+\s*[页頁]|"
    r"^本(?:预览|預覽|页|頁)(?:只|仅|僅)(?:显示|顯示|展示)"
)


@line_rule(role=Role.WEAK_FOOTER, max_chars=120, needs=_TRUNCATION.pattern)
def truncation_notice(line: str) -> bool:
    """A notice that the page shows only part of the essay (sets ``truncated``).

    >>> truncation_notice("因篇幅问题不能全部显示,请点此查看更多更全内容")
    True
    >>> truncation_notice("……(新文秘网https://www.wm114.cn省略854字,正式会员可完整阅读)")
    True

    Reading progress and paywalls of document-sharing sites:

    >>> truncation_notice("已阅读5页,还剩11页未读 继续免费阅读"), truncation_notice("试读结束，付费阅读全文")
    (True, True)
    >>> truncation_notice("— 預覽結束 —")
    True
    >>> truncation_notice("已阅读3/10页 剩余内容请下载后查看"), truncation_notice("本预览只显示前3页,完整内容请下载查看")
    (True, True)

    Left alone: prose that talks about length or reading (``篇幅不长,内容却十分丰富。``,
    ``组织全体人员认真阅读全文``, ``因篇幅所限,只列举三例``).

    >>> truncation_notice("组织全体人员认真阅读全文,逐条对照检查。")
    False
    >>> truncation_notice("因篇幅所限,这里只列举三个例子。")
    False
    >>> truncation_notice("完整内容请以正式印发的文件为准。")
    False
    """
    return bool(_TRUNCATION.search(line))


_SITE_FOOTER = re.compile(
    r"^(?:主办单位|主辦單位|承办单位|承辦單位|协办单位|主管单位|技术支持|技術支持|网站标识码|網站標識碼|"
    r"联系电话|聯絡電話|联系地址|聯絡地址|地址|通讯地址|邮编|郵遞區號|电子邮箱|服務時間|服务时间)\s*[:：]"
    r"|(?:^|\s)(?:地址|電話|电话|傳真|传真|联系电话|聯絡電話)\s*[:：]\s*\S*\d"
    # "某某办公室主办　技术支持：某某中心": the owner, then the maintainer
    r"|(?:^|\s)(?:技术支持|技術支持|网站维护|網站維護|技术维护|技術維護)\s*[:：]\s*\S{2,30}$"
    # a press office's contact under a release: "傳媒查詢：傳訊及公共事務處"
    r"|^(?:傳媒查詢|传媒查询|媒体查询|媒體查詢|傳媒聯絡|传媒联络|新闻联络|新聞聯絡|記者查詢|记者查询)\s*[:：]"
    r"|分辨率|解析度|最佳瀏覽|最佳浏览|建议使用.{0,12}浏览器|建議使用.{0,12}瀏覽器"
)


@line_rule(role=Role.FOOTER, max_chars=150, needs=_SITE_FOOTER.pattern)
def site_footer(line: str) -> bool:
    """The site's footer: owner, maintainer, address, screen-resolution advice.

    >>> site_footer("主办单位：莲都区人民政府办公室  承办单位：莲都区大数据发展中心")
    True
    >>> site_footer("建议使用1366×768分辨率浏览本站")
    True
    >>> site_footer("临湖市政协办公室主办　技术支持：临湖市大数据中心"), site_footer("傳媒查詢：傳訊及公共事務處")
    (True, True)

    Left alone: prose mentioning an address or a host (``会议地址设在县委党校。``).

    >>> site_footer("会议地址设在县委党校。"), site_footer("本次培训的技术支持：由市大数据中心负责。")
    (False, False)
    """
    return bool(_SITE_FOOTER.search(line))


@line_rule(scope=Scope.EDGE, role=Role.WEAK_FOOTER, max_chars=300, needs=SEO.pattern)
def seo_intro(line: str) -> bool:
    """A content-farm template intro (``以下是小编精心整理的…仅供参考``).

    >>> seo_intro("下面是小编为大家整理的写工作总结作用【精选推荐】,供大家参考。")
    True

    Left alone: a line with a real paragraph around the phrase (``作风建设是…,
    下面小编为大家简单介绍。通过这次学习…``): the ``seo_phrase`` text rule
    cuts the phrase instead, so the rest of the paragraph survives.

    >>> seo_intro("作风建设是党的建设的重要内容,下面小编为大家简单介绍。通过这次集中学习,"
    ...           "我对作风建设的重要性有了更加深刻的认识。")
    False
    """
    if not SEO.search(line):
        return False
    if not SENTENCE_PUNCT.search(line) and len(line) <= 40:
        return False  # a title carrying a tag ("…工作总结【精选推荐】"): clean_title
    if re.match(r"^(?:导语|導語|引言|编者按|編者按)\s*[:：]", line):
        return True  # the site's lead-in, wrapped around its template phrase
    sentences = [x for x in AFTER_FULL_STOP.split(line) if x.strip()]
    if sentences and LIST_INTRO.search(sentences[-1]) and SEO_STRONG.search(sentences[-1]):
        return True  # "…是时候写一份述职报告了。以下是小编精心整理的…": all template
    return cjk_count(seo_phrase(line)) < 15


# The opening it requires, anchored as ``match`` anchors it.
@line_rule(max_chars=400, needs=DEFINITION_OPENING.pattern)
def genre_intro(line: str) -> bool:
    """A site's canned intro: what the genre or topic is, then the pitch of the essays below.

    >>> genre_intro("心得体会是我们对一件事情有了新的感悟后写下的文字,以下是小编为大家收集的"
    ...             "读书班心得体会,仅供参考,大家一起来看看吧。")
    True
    >>> genre_intro("总结是对一段时间的工作加以回顾和分析的书面材料。优秀的总结有什么特点呢?"
    ...             "又该怎么写呢?这里给大家分享一些总结范文,方便大家学习。")
    True

    It fires anywhere: such sites inject it between two parts of an essay.
    The paragraph must open with a definition (``X是…``) and end with the
    pitch, so an essay's own paragraph with a template phrase injected into
    it keeps its text (``seo_phrase`` cuts the phrase).

    Left alone: an essay defining its subject, and a paragraph that goes
    on after an injected phrase.

    >>> genre_intro("述职报告是领导干部向选举或任命机构汇报履职情况的报告,内容包括工作实绩和存在问题。")
    False
    >>> genre_intro("作风建设是党的建设的重要内容,下面小编为大家简单介绍。通过这次集中学习,"
    ...             "我对作风建设的重要性有了更加深刻的认识。")
    False
    """
    if not DEFINITION_OPENING.match(line):
        return False
    sentences = [x for x in AFTER_FULL_STOP.split(line) if x.strip()]
    last = sentences[-1] if sentences else ""
    if GENRE_PITCH.search(last):
        return True
    return bool(LIST_INTRO.search(last) and SEO_STRONG.search(last))


_PART_MARKER = re.compile(
    r"[【\[(（]?\s*(?:第\s*[0-9０-９一二三四五六七八九十]{1,3}\s*篇|篇\s*[0-9０-９一二三四五六七八九十]{1,3}|"
    r"(?:精选|精選)?(?:范文|範文)\s*(?:[0-9０-９一二三四五六七八九十]{1,3}|[(（][0-9一二三四五六七八九十]{1,3}[)）]))"
    r"\s*[】\])）]?\s*[:：]?"
)


@line_rule(max_chars=16)
def part_marker(line: str) -> bool:
    """A compilation page's marker between the essays it gathers: ``第1篇``, ``【篇二】``, ``范文3``.

    >>> part_marker("第1篇"), part_marker("【篇二】"), part_marker("精选范文3：")
    (True, True, True)

    Left alone: a line with more than the marker (``第一篇 总论``, a
    book's part title) and the word in a sentence.

    >>> part_marker("第一篇 总论"), part_marker("第一篇文章写得最好。")
    (False, False)
    """
    return bool(_PART_MARKER.fullmatch(line.strip()))


# What a welcome is addressed to: the site itself, by a name ending in a site's word.
_WELCOME_LINE = re.compile(
    rf"^{WELCOME_GREETING}(?:欢迎|歡迎)(?:您)?(?:{WELCOME_VERBS}|登录|登錄|进入|進入)\s*"
    r"[^，,。；;！!]{0,30}?(?:网|網|网站|網站|门户|門戶|平台|平臺|本站|本网|本網|社|吧|之家|论坛|論壇|主页|主頁|"
    r"首页|首頁|官网|官網|文库|文庫|在线|在線|博客|空间|空間|频道|頻道|家园|家園|书屋|書屋|园地|園地)"
    r"\s*[!！。.~～]*(?=\s|$)"
)


@line_rule(scope=Scope.EDGE, role=Role.PLAIN, max_chars=60)
def welcome_line(line: str) -> bool:
    """The site's welcome line, possibly with its date widget (the metadata still reads the name).

    >>> welcome_line("欢迎光临青岚县人民政府门户网站!"), welcome_line("欢迎光临听雨文学社! 今天是2020年7月10日")
    (True, True)
    >>> welcome_line("歡迎蒞臨") , welcome_line("欢迎您访问本站！"), welcome_line("您好，欢迎来到清风文库！")
    (False, True, True)

    Left alone: a welcome addressed to people (``欢迎各位来宾光临指导！``)
    and a letter's invitation (``欢迎您对我们的工作提出宝贵意见。``).

    >>> welcome_line("欢迎各位来宾光临指导！"), welcome_line("欢迎您对我们的工作提出宝贵意见。")
    (False, False)
    """
    m = _WELCOME_LINE.match(line.strip())
    if not m:
        return False
    rest = line.strip()[m.end() :].strip()
    return not rest or bool(
        re.fullmatch(r"(?:今天是|今天|今日)[:：]?\s*[\d年月日\s./-]+(?:星期.)?", rest)
    )
