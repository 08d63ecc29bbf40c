"""Document-sharing furniture: the site's notices and prompts around a previewed document.

Document-sharing sites (文库, 文档网) wrap every uploaded document in the same
chrome: labels of the preview panel, copyright and refund policies, VIP and
login prompts, download buttons and the labels of their slide or PDF viewer.
Reading-progress and paywall notices are :func:`~.notices.truncation_notice`.
"""

from __future__ import annotations

import re

from zh_gov_essays.rules import Role, line_rule

# The vocabulary of a sharing site talking about itself and its documents.
_SITE_WORDS = re.compile(
    r"本站|本网|本網|网站|網站|平台|平臺|VIP|会员|會員|付费|付費|服务费|服務費|下载|下載|上传|上傳|版权|版權|"
    r"侵权|侵權|著作权|著作權|举报|舉報|申诉|申訴|退款|权益|權益|积分|積分|合作方|网友|網友|用户|用戶|收益|认领|認領"
)
_DOCUMENT = re.compile(r"文档|文檔|VIP|资料|資料")

_PANEL_LABEL = re.compile(
    r"(?:文档|文檔)(?:简介|簡介|介绍|介紹|信息|資訊|描述|目录|目錄|评论|評論|预览|預覽)|相关文档|相關文檔|"
    r"全文预览|全文預覽|在线预览|在線預覽|免费预览|免費預覽|文本预览|文本預覽|"
    r"(?:文件|资料|資料)(?:简介|簡介|介绍|介紹|信息|資訊|描述|预览|預覽)|"
    r"(?:版权|版權|下载|下載|使用|购买|購買)(?:说明|說明|声明|聲明|须知|須知)"
)

# Prompts only a sharing site prints...
_PROMPT = re.compile(
    r"(?:开通|開通|成为|成為|升级|升級)(?:VIP|会员|會員)|VIP(?:免费|免費)?(?:下载|下載|专享|專享|特权|特權|文档|文檔)|"
    r"下载(?:此|该|本)文档|下載(?:此|該|本)文檔|下载券|下載券|举报(?:该|此)?文档|舉報(?:該|此)?文檔|"
    r"收藏(?:到我的)?文档|(?:下载|下載)后可(?:任意)?(?:编辑|編輯)|文档贡献者|文檔貢獻者|内容提供方|內容提供方|"
    r"单击此处编辑母版|單擊此處編輯母版|"
    # a paid document's delivery and licence, and its free preview's extent
    r"(?:下载|下載)(?:后|後)只包含|(?:购买|購買)(?:后|後)可获得|(?:购买|購買)(?:后|後)可獲得|"
    r"(?:免费|免費)?(?:预览|預覽)\s*[(（]\s*共\s*\d+\s*[页頁]\s*[,，]\s*可(?:预览|預覽)\s*\d+\s*[页頁]\s*[)）]|^(?:第[二三四五]级|第[二三四五]級)$|"
    r"^(?:Transcript|Download Report|Download|Embed|Report|Full ?screen)$"
)
# ...and prompts that prose may also contain, taken only as a short line without a full stop.
_SHORT_PROMPT = re.compile(
    r"(?:登录|登錄|登入)(?:后|後)?(?:即可|才能|可以|可)?(?:免费|免費)?(?:下载|下載|查看|阅读|閱讀|复制|複製)|"
    r"(?:请|請|立即|免费|免費)(?:登录|登錄|登入|注册|註冊)|扫码(?:登录|下载)|掃碼(?:登錄|下載)|"
    r"文档下载|文檔下載|免费下载|免費下載|(?:下载|下載)(?:需要?|需)?\s*\d+\s*(?:积分|積分|金币|金幣|元)"
)


# Its patterns (the panel label on the line itself when it has no
# whitespace to squeeze); a site's words count only with _DOCUMENT.
@line_rule(
    role=Role.WEAK_FOOTER,
    max_chars=300,
    needs=rf"\s|{_PANEL_LABEL.pattern}|{_PROMPT.pattern}|{_SHORT_PROMPT.pattern}|{_DOCUMENT.pattern}",
)
def sharing_notice(line: str) -> bool:
    """A document-sharing site's panel label, policy notice, prompt or viewer label.

    >>> sharing_notice("文档简介"), sharing_notice("成为VIP后，下载本文档将扣除1次下载权益。")
    (True, True)
    >>> sharing_notice("版权说明:本文档由用户提供并上传,收益归属内容提供方,若内容存在侵权,请进行举报或认领")
    True
    >>> sharing_notice("- 2、本站所有文档均由网友上传，本站不对文档的完整性作任何保证，付费前请自行鉴别。")
    True
    >>> sharing_notice("登录后可免费下载"), sharing_notice("单击此处编辑母版标题样式")
    (True, True)
    >>> sharing_notice("文本预览"), sharing_notice("文件簡介")
    (True, True)

    A paid document's delivery and licence notes, and its preview's extent:

    >>> sharing_notice("本文档为【某所2022年工作总结】，下载后只包含1个DOCX格式的文档，没有任何的图纸或源代码。")
    True
    >>> sharing_notice("使用须知：本文档由认证作者原创发布，购买后可获得个人学习使用授权，不得转售。")
    True
    >>> sharing_notice("免费预览（共12页，可预览4页）")
    True

    A numbered policy (``- 1、…``) is told from a rule of the essay by the
    site's own vocabulary: a document, and at least three of its words
    about itself (本站, 上传, 付费, VIP, 版权, 举报, 退款…).

    Left alone: essays about document management or copyright, which use a
    word or two of that vocabulary (``各单位上传文档前须经保密审查``).

    >>> sharing_notice("2、各单位上传文档前须经保密审查，严禁侵犯他人版权。")
    False
    >>> sharing_notice("要做好文档的收集、整理和归档工作。")
    False
    >>> sharing_notice("市图书馆开通电子书免费下载服务。")
    False
    """
    squeezed = re.sub(r"\s+", "", line)
    if _PANEL_LABEL.fullmatch(re.sub(r"[:：]$", "", squeezed)):
        return True  # "文档简介", "相关文档": a panel's label alone
    if _PROMPT.search(line):
        return True
    if len(line) <= 40 and "。" not in line and _SHORT_PROMPT.search(line):
        return True
    words = set(_SITE_WORDS.findall(line))
    if _PANEL_LABEL.match(squeezed) and words:
        return True  # "版权说明：本文档由用户上传…"
    return len(words) >= 3 and bool(_DOCUMENT.search(line))


# A sharing site's description of the document it shows: "本文档为…，共3部分，供参考。"
_SUMMARY_OPENING = re.compile(
    r"^(?:(?:内容|內容|文档|文檔|文件|资料|資料)(?:简介|簡介|介绍|介紹|摘要|描述|概要)\s*[:：]\s*"
    r"|[【\[](?:讲稿|講稿|文档|文檔|资料|資料|范文|範文|材料)(?:说明|說明|简介|簡介)[】\]]\s*[:：]?\s*)?"
    r"本(?:文|文档|文檔|文件|资料|資料|篇|范文|範文|讲稿|講稿|材料)(?:为|為|是|系|係|共|主要|收录|收錄|约|約)"
)
_SUMMARY_PITCH = re.compile(
    r"(?:供|可供|仅供|僅供|以供|欢迎|歡迎)[^。]{0,16}(?:参考|參考|借鉴|借鑒|下载|下載|阅读|閱讀|使用)[。.!！]?$"
    # a lecture's or a speech's note for whoever delivers it: "可根据实际增删"
    r"|(?:可|请|請)(?:根据|根據|结合|結合)(?:实际|實際|需要)(?:情况|情況)?(?:增删|增刪|修改|调整|調整|取舍|取捨)[。.!！]?$"
)


# Its opening, on the line itself when it has no whitespace to strip.
@line_rule(role=Role.WEAK_FOOTER, max_chars=160, needs=rf"\s|{_SUMMARY_OPENING.pattern}")
def document_summary(line: str) -> bool:
    """A document-sharing site's description of the document it shows, ending in a pitch.

    >>> document_summary("内容简介：本文为县委主要领导在全县作风建设大会上的讲话，共3部分，可供参考。")
    True
    >>> document_summary("本文件為機關年度檔案管理工作檢討報告，內容涵蓋檔案點收等項目，供各機關承辦人員參考。")
    True
    >>> document_summary("【讲稿说明】本讲稿约6800字，讲授时长约40分钟，可根据实际增删。")
    True

    Left alone: an essay's sentence about itself that pitches nothing
    (``本文以三个县为样本，考察清单的运行过程。``).

    >>> document_summary("本文以三个县的乡镇责任清单为样本，考察清单从制定到运行的过程。")
    False
    >>> document_summary("本文为作者在全县作风建设大会上的讲话。")
    False
    """
    text = line.strip()
    return bool(_SUMMARY_OPENING.match(text) and _SUMMARY_PITCH.search(text))
