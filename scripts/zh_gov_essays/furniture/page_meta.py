"""Page metadata printed around the essay: date lines, disclosure fields, bylines, tags, document-sharing details."""

from __future__ import annotations

import re

from zh_gov_essays.rules import Role, Scope, line_rule
from zh_gov_essays.vocab.chars import HAN, SENTENCE_PUNCT, cjk_count, strip_bullet
from zh_gov_essays.vocab.dates import find_date, strip_dates
from zh_gov_essays.vocab.labels import DATE_WORDS, FILE_EXTENSIONS, SOURCE_WORDS

# A diary entry's own heading: "2021年3月5日 星期五 晴" (weekday and weather).
DIARY_DATE = re.compile(r"星期[一二三四五六日天]\s*(?:晴|阴|陰|雨|雪|多云|多雲|雷|小雨|大雨)")

DATE_LABEL = re.compile(
    rf"【?[{HAN}]{{0,6}}(?:{DATE_WORDS})\s*(?:[:：]|】|\s+(?=[\d０-９]|中華民國|民國))"
)

_LABELLED_DATE = re.compile(rf"(?:^|\s|[|｜])\S{{0,6}}(?:{DATE_WORDS})\s*[:：]\s*\S*\d")
_CLOCK = re.compile(r"\d{1,2}[:：]\d{2}")
_SOURCE_FIELD_TAIL = re.compile(r"(?:来源|來源|作者|编辑|編輯|责任编辑|責任編輯)\s*[:：].*$")
_SEPARATORS = re.compile(r"[\s\d()（）:：|,，]")


@line_rule(scope=Scope.EDGE, role=Role.PAGE_META)
def date_line(line: str) -> bool:
    """A line of page metadata carrying the date (label, time, source, counters).

    >>> date_line("时间:2022-06-25 09:54:00"), date_line("2024-10-18 来源:威能网")
    (True, True)
    >>> date_line("• 最後更新日期:112-06-08"), date_line("發布日期:")
    (True, True)
    >>> date_line("2019-01-26 21:41丁晓强"), date_line("博客分類1   2023-03-24 15:36   18   0")
    (True, True)
    >>> date_line("(2020年5月21日)"), date_line("原创 清风莲都 2022-04-18 08:30 发表于浙江")
    (True, True)

    Left alone: sentences that contain a date (``2022年3月17日,学院召开了述职会。``).

    >>> date_line("2022年3月17日,学院召开了2021年度支部书记抓党建工作述职评议会。")
    False
    >>> date_line("2021年3月5日 星期五 晴")
    False
    """
    line = strip_bullet(line)
    if DIARY_DATE.search(line):
        return False  # a diary entry's own heading: "2021年3月5日 星期五 晴"
    if DATE_LABEL.match(line) and len(line) <= 60:
        return True
    # roc=True finds every date roc=False finds, and Minguo dates besides.
    if len(line) > 80 or not find_date(line, roc=True):
        return False
    if _LABELLED_DATE.search(line):
        return True  # "发布者:系统管理员  发布时间:2021-03-02", "上传人:… | 上传时间:…"
    if SENTENCE_PUNCT.search(line.replace(",", "")):
        return False
    if _CLOCK.search(line) and len(line) <= 50:
        return True  # a timestamp with an account or author: "原创 某某 2022-04-18 08:30"
    rest = strip_dates(line)
    rest = _SOURCE_FIELD_TAIL.sub("", rest)
    rest = _SEPARATORS.sub("", rest)
    return cjk_count(rest) <= 5


# The labels of a disclosure page's field table, Simplified and Traditional.
FIELD_NAMES: tuple[str, ...] = tuple(
    """索引号 索引號 主题分类 主題分類 主题词 主題詞 组配分类 組配分類 发布机构 發布機構 發佈機構 发文机关 發文機關
    发文单位 發文單位 成文日期 发文日期 發文日期 发布日期 發布日期 發佈日期 公开日期 公開日期 上载日期 上載日期
    生成日期 印发日期 印發日期 生效日期 废止日期 廢止日期 实施日期 施行日期 发文字号 發文字號 文号 文號 公开方式
    公開方式 公开范围 公開範圍 公开形式 公开时限 有效性 效力状态 效力狀態 是否有效 信息来源 資訊來源 所属机构
    所屬機構 所属主题 信息分类 信息分類 发布单位 發布單位 發佈單位 提案号 提案號 办理单位 辦理單位 办理状态
    辦理狀態 信息名称 內容概述 内容概述 名称 名稱 分类 分類 体裁 體裁 文种 文種""".split()
)

_FIELD_NAME = "|".join(
    r"\s*".join(re.escape(ch) for ch in name) for name in sorted(FIELD_NAMES, key=len, reverse=True)
)
_FIELD_AT_START = re.compile(rf"^(?P<name>{_FIELD_NAME})(?P<sep>\s*[:：]\s*|\s+|$)")
_FIELD_ANYWHERE = re.compile(rf"(?:^|\s)(?P<name>{_FIELD_NAME})(?:\s*[:：]\s*|\s+(?=\S)|$)")


def field_pairs(line: str) -> list[tuple[str, str]]:
    """The ``(label, value)`` fields of a field-table line, labels closed up.

    >>> field_pairs("文        号 齐政办发〔2019〕29号   上 载 日 期 2019-12-02")
    [('文号', '齐政办发〔2019〕29号'), ('上载日期', '2019-12-02')]
    >>> field_pairs("索引号：11340800/2023-00123")
    [('索引号', '11340800/2023-00123')]

    Left alone: text before the first label is no field (``[]`` when there is none).
    """
    found = list(_FIELD_ANYWHERE.finditer(line))
    pairs = []
    for m, nxt in zip(found, [*found[1:], None], strict=True):
        value = line[m.end() : nxt.start() if nxt else len(line)]
        pairs.append((re.sub(r"\s+", "", m.group("name")), value.strip()))
    return pairs


def field_label_only(line: str) -> bool:
    """Whether ``line`` is a field label alone (its value is on the next line).

    >>> field_label_only("发布日期"), field_label_only("發 布 機 構："), field_label_only("文号 青督〔2023〕7号")
    (True, True, False)

    Left alone: anything with a value after the label.
    """
    m = _FIELD_AT_START.match(line.strip())
    return m is not None and m.end() == len(line.strip())


@line_rule(scope=Scope.EDGE, role=Role.PAGE_META, max_chars=160)
def info_fields(line: str) -> bool:
    """The field table of a government information-disclosure page.

    >>> info_fields("索引号：11340800/2023-00123"), info_fields("发布机构：临江市人民政府办公室")
    (True, True)

    Portals space their labels out to fill a cell and put several fields on
    one line, often without a colon; a label alone is the first half of a
    table printed one cell per line.

    >>> info_fields("发 布 机 构 市人民政府办公室 发 文 日 期 2019-11-29")
    True
    >>> info_fields("索引号 00243-0300-2023-00041 主题分类 综合政务"), info_fields("生成日期")
    (True, True)

    Left alone: the same words in a sentence (``文号要规范。`` has no field
    form) and one unspaced label before text without a colon.

    >>> info_fields("文号要规范,格式要统一。"), info_fields("分类 指导是做好工作的关键")
    (False, False)
    """
    m = _FIELD_AT_START.match(line)
    if not m:
        return False
    if ":" in m.group("sep") or "：" in m.group("sep") or m.end() == len(line):
        return True  # "索引号：…", or a label alone on its line
    if re.search(r"\s", m.group("name")):
        return True  # a letter-spaced label: "索   引   号 …"
    return len(_FIELD_ANYWHERE.findall(line)) >= 2


_BYLINE = re.compile(
    r"(?:作者|编辑|編輯|责任编辑|責任編輯|责编|責編|审核|審核|审校|記者|记者|通讯员|通訊員|供稿|撰稿|摄影|攝影|"
    rf"{SOURCE_WORDS}|文\s*/|文／|监制|監製|校对|校對|排版|美编|美編|责编|責編|终审|終審|初审|初審|"
    r"复审|複審|供稿|攝影|图片|圖片)\s*(?:[】\]]?\s*[:：/／｜]|】)|^[（(]作者(?:单位|單位|系|為|为|是)"
)


@line_rule(scope=Scope.EDGE, role=Role.PAGE_META, max_chars=60)
def byline(line: str) -> bool:
    """Author, editor, reviewer and source credits.

    >>> byline("白雲飄飄範文網 編輯:小景"), byline("(审核:张何 陈镇 柳芊)")
    (True, True)
    >>> byline("来源:人民网-人民日报"), byline("来源｜某某县委组织部")
    (True, True)

    Left alone: long lines (a credit is short) and sentences.
    """
    return bool(_BYLINE.search(line)) and "。" not in line


_TAGS = re.compile(
    r"(?:标签|標籤|Tags?|TAG|关键字|關鍵字)\s*[】\]]?\s*[:：]|^文章(?:標籤|标签)$"
    # a line of hashtags only: "#公職 #基層 #新人"
    r"|^#[^\s#]{1,12}(?:\s+#[^\s#]{1,12})+$"
)


@line_rule(scope=Scope.EDGE, role=Role.FOOTER, max_chars=200, needs=_TAGS.pattern)
def tag_list(line: str) -> bool:
    """The footer's tag list: ``title 標籤:為人民服務 兩會學習``.

    >>> tag_list("創建學習型、服務型、創新型機關重塑公僕形象 標籤:為人民服務 兩會學習 黨章學習 外出學習")
    True
    >>> tag_list("【本文標籤】：黨支部工作計劃 社區工作計劃"), tag_list("#公職 #基層 #新人")
    (True, True)

    A single hashtag is left alone: a forum prints its board's tag before the
    title (``#心得 基層公務員第一年…``), and that line is the title.

    >>> tag_list("#心得 基層公務員第一年，我學到的五件事")
    False

    Left alone: prose about labels (``不要给群众贴标签。`` has no colon).
    """
    return bool(_TAGS.search(line))


_DOC_SHARE = re.compile(
    r"^[-•·]?\s*(?:文档编号|文檔編號|上传时间|上傳時間|格式|页数|頁數|大小|文件大小|下载次数|下載次數|字数|字數|"
    r"下载积分|下載積分|"
    r"上传者|上傳者|贡献者|貢獻者|文档格式)\s*[:：]"
    r"|由会员分享|由會員分享|可在线阅读|可在線閱讀|请在.{1,12}上搜索|請在.{1,12}上搜索|\d+页珍藏版"
    r"|VIP专享|VIP專享|共\s*\d+\s*页\s*$|共\s*\d+\s*頁\s*$"
)

_FILE_NAME = re.compile(rf"\.(?:{FILE_EXTENSIONS})\s*$", re.IGNORECASE)


@line_rule(
    role=Role.PAGE_META,
    max_chars=200,
    needs=rf"{_DOC_SHARE.pattern}|(?i:\.(?:{FILE_EXTENSIONS})\s*$)",
)
def document_sharing(line: str) -> bool:
    """Debris of document-sharing sites: file name, pages, size, upload time.

    >>> document_sharing("- 上传时间:2022-12-13"), document_sharing("- 大小:25.39KB")
    (True, True)
    >>> document_sharing("审计厅党政机关公文的格式区别及常见错误讲稿.docx")
    True

    Left alone: prose mentioning formats (``公文格式要规范。``).

    >>> document_sharing("公文格式要规范。")
    False
    """
    return bool(_DOC_SHARE.search(line) or _FILE_NAME.search(line))


_ATTACHMENT = re.compile(
    r"(?:附件|附檔|附档|相关附件|相關附件)\s*[:：]?"
    # "2. 工作室第四次研修活动照片.zip": one attached file, numbered, with its extension
    r"|(?:(?:附件|附檔)\s*)?(?:\d{1,2}\s*[.、．:：]\s*)?[^\s。，,；;]{2,60}\."
    r"(?:zip|rar|7z|tar\.gz|ofd|ceb|et|dps|mp4|mp3|jpe?g|png)"
)


@line_rule(max_chars=80)
def attachment(line: str) -> bool:
    """A list of attached files under an article: its ``附件：`` label and its archives and media.

    >>> attachment("附件："), attachment("2. 工作室第四次研修活动照片.zip"), attachment("附件3：汇总表.ofd")
    (True, True, True)

    Office files (``….docx``) are the ``document_sharing`` rule's.

    Left alone: a sentence naming the attachments, and an attachment heading
    with its title (``附件：全县名师工作室名单``), which a notice prints as its own part.

    >>> attachment("附件：全县名师工作室名单"), attachment("请将附件中的表格于周五前报送。")
    (False, False)
    """
    return bool(_ATTACHMENT.fullmatch(line.strip()))
