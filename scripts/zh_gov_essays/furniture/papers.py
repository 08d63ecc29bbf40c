"""Journal and paper-preview furniture: labels, keywords, affiliations, issues, reference lists."""

from __future__ import annotations

import re

from zh_gov_essays.rules import line_rule
from zh_gov_essays.vocab.chars import HAN
from zh_gov_essays.vocab.labels import SOURCE_WORDS

_PAPER = re.compile(
    r"^(?:论文部分内容阅读|論文部分內容閱讀)"
    r"|^[【\[［〔]?\s*(?:中图分类号|中圖分類號|文献标识码|文獻標識碼|文章编号|文章編號|"
    r"关键词|關鍵詞|关键字|關鍵字|Key ?words?|DOI|基金项目|基金項目|作者简介|作者簡介|收稿日期|"
    r"作者单位|作者單位|出处|出處|刊名|来源期刊|來源期刊|英文标题|英文標題|Author\(?s?\)?|Title|"
    r"引用本文|引用格式|本文引用格式|引文格式|网络首发时间|網路首發時間|网络首发地址|网络出版时间|網路出版時間|"
    r"网络出版地址|优先出版|修回日期|录用日期|錄用日期)"
    r"\s*(?:[】\]］〕]|[:：])|^[【\[［〔]?(?:英文摘要|中文摘要|Abstract|ABSTRACT|關鍵詞|关键词|文章標籤|文章标签|"
    r"摘\s*要|内容提要|內容提要|内容摘要|內容摘要)[】\]］〕]?\s*[:：]?$"
)

_AFFILIATION = re.compile(
    r"^[(（][^()（）]*(?:大学|大學|学院|學院|研究所|研究院|学校|學校|党校|黨校|研究中心)[^()（）]*"
    r"\d{6}[)）]$"
)

_JOURNAL_ISSUE = re.compile(
    r"^\S{2,20}\s*(?:19|20)\d\d\s*年\s*(?:第\s*)?\d{1,2}\s*期$"
    # "文官發展季刊 第27卷第2期(民國112年6月) 頁45-72": volume, issue, date, pages
    r"|^(?:(?:" + SOURCE_WORDS + r"|刊名)\s*[:：]\s*)?"
    r"《?[^\s《》。，,]{2,20}》?\s*(?:(?:19|20)\d\d\s*年\s*)?(?:第\s*\d{1,4}\s*[卷辑輯]\s*)?第\s*\d{1,3}\s*期"
    r"\s*(?:[(（][^()（）]{2,16}[)）])?\s*(?:[,，]?\s*(?:[页頁]|第|pp?\.)\s*\d{1,4}\s*[-–—~～]\s*\d{1,4}\s*[页頁]?)?$"
)


# Its three patterns, each anchored at the start as ``match`` anchors it.
@line_rule(max_chars=200, needs=f"{_PAPER.pattern}|{_AFFILIATION.pattern}|{_JOURNAL_ISSUE.pattern}")
def paper_metadata(line: str) -> bool:
    """Journal and paper-preview furniture: labels, keywords, affiliations, issue.

    >>> paper_metadata("论文部分内容阅读"), paper_metadata("关键词:官僚主义作风群众")
    (True, True)
    >>> paper_metadata("(华东师范大学马克思主义学院,上海 普陀 200241)")
    True
    >>> paper_metadata("中共中央党校学报 2019年5期"), paper_metadata("出处：《行政管理改革》2020年第3期")
    (True, True)
    >>> paper_metadata("内容提要：")
    True

    Labels in square brackets, and an issue line with its volume and pages:

    >>> paper_metadata("[中图分类号]D267.2 [文献标识码]A"), paper_metadata("[收稿日期]2020-03-05")
    (True, True)
    >>> paper_metadata("文官發展季刊 第27卷第2期(民國112年6月) 頁45-72")
    True
    >>> paper_metadata("来源：《党建研究与实践》2021年第9期 第23-26页")
    True
    >>> paper_metadata("引用本文：王某.论机关效能建设[J].行政论坛,2019(3):12-15.")
    True

    Left alone: the same words opening a sentence, with no label colon.

    >>> paper_metadata("关键词要准确,这是写好公文标题的第一步。")
    False
    >>> paper_metadata("[关键在于落实]"), paper_metadata("本刊今年第2期刊登了这篇文章。")
    (False, False)
    """
    return bool(_PAPER.match(line) or _AFFILIATION.match(line) or _JOURNAL_ISSUE.match(line))


# The fields of a literature database's record around a paper or a thesis:
# "专辑：社会科学Ⅰ辑", "下载次数(89) 被引次数(2)", "全文获取：PDF(2.3MB)", "正文快照".
_RECORD_FIELD = re.compile(
    r"^(?:基金资助|基金資助|专辑|專輯|专题|專題|分类号|分類號|出版日期|出版年|被引次数|被引次數|被引用次数|"
    r"下载次数|下載次數|全文获取|全文獲取|全文下载|全文下載|在线出版日期|在線出版日期)\s*(?:[:：]\s*\S|[(（]\s*\d)"
    r"|^(?:正文快照|全文快照|正文节选|正文節選|正文预览|正文預覽)\s*(?:[(（][^()（）]{1,12}[)）])?$"
)


@line_rule(max_chars=80)
def database_record(line: str) -> bool:
    """A field of a literature database's record: album, subject, class, fund, counts, snapshot.

    >>> database_record("专辑：社会科学Ⅰ辑"), database_record("下载次数(89) 被引次数(2)")
    (True, True)
    >>> database_record("全文获取：PDF(2.3MB) 浏览次数：412 下载次数：57"), database_record("正文节选（前2000字）")
    (True, True)
    >>> database_record("基金资助：某市2020年度党建研究重点课题(NL2020DJ07);")
    True

    Left alone: an essay's sentences and headings that open with the same
    words (``专题一：…`` numbers a part, a sentence has its full stop).

    >>> database_record("专题一：学习贯彻党的二十大精神"), database_record("专题学习要联系实际。")
    (False, False)
    >>> database_record("分类号：要按照档案分类方案填写，不得随意更改。")
    False
    """
    return bool(_RECORD_FIELD.match(line)) and "。" not in line


@line_rule(needs=r"参考文献|參考文獻|注释|註釋|References|^\[")
def references(line: str) -> bool:
    """The reference list of a paper: its heading and its ``[n]`` entries.

    >>> references("参考文献："), references("[1]王某.论机关效能建设[J].行政论坛,2019(3):12-15.")
    (True, True)

    Left alone: prose citing a reference inside a sentence.

    >>> references("正如文献[1]所说,效能建设需要长期坚持。")
    False
    """
    return bool(
        re.fullmatch(r"【?(?:参考文献|參考文獻|注释|註釋|References)】?\s*[:：]?", line)
        or re.match(r"^\[\d{1,3}\]\s*\S.{0,200}\[(?:J|M|N|D|C|EB/OL|R|S|Z|A|G|P)\]", line)
    )


# A pinyin syllable, toneless: how mainland journals spell authors' names.
_PINYIN = (
    r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ang|eng|ing|ong|uai|ian|iao|uan|ai|ei|ao|ou|an|en|in|un|ia|ie|iu|ua|uo|ui|ue|er|"
    r"a|o|e|i|u|v)"
)
_PINYIN_WORD = re.compile(rf"(?:{_PINYIN})+(?:-(?:{_PINYIN})+)?", re.IGNORECASE)
_MARKS = "¹²³⁴⁵⁶⁷⁸⁹⁰*†‡"
_NAME = rf"[A-Z][A-Za-z]+(?:-[A-Za-z]+)?(?:\s+[A-Z][A-Za-z]+(?:-[A-Za-z]+)?){{1,2}}\s*[\d{_MARKS},]{{0,3}}"
_NAMES = re.compile(rf"{_NAME}(?:\s*(?:[,;，；]|and)\s*{_NAME})*")
_SMALL_WORDS = {
    "a",
    "an",
    "the",
    "of",
    "on",
    "in",
    "for",
    "and",
    "to",
    "from",
    "with",
    "by",
    "at",
    "as",
}


# Authors named in Chinese and in romanisation: "林佩萱 Pei-Hsuan Lin;郭振宇 Chen-Yu Kuo".
_ROMAN = r"[A-Z][a-z]+(?:-[A-Za-z][a-z]*)?"
_BILINGUAL_NAME = rf"[{HAN}]{{2,4}}\s*[(（]?{_ROMAN}\s+{_ROMAN}[)）]?\s*[\d{_MARKS}]{{0,2}}"
_BILINGUAL_NAMES = re.compile(rf"{_BILINGUAL_NAME}(?:\s*[,;，；、]\s*{_BILINGUAL_NAME})*")


# Either pattern, on the stripped line: the line is all Latin text (its
# characters are those of the second test), or it opens with a Chinese
# name and its romanisation.
@line_rule(
    max_chars=200,
    needs=rf"^[A-Za-z0-9\s,;:'’()\-{_MARKS}，；：]+$|^\s*[{HAN}]{{2,4}}\s*[(（]?[A-Z][a-z]",
)
def english_front_matter(line: str) -> bool:
    """A paper's English title or its authors' names in pinyin, on a line of their own.

    >>> english_front_matter("ZHAO Ming1, LI Xiaohong2"), english_front_matter("WANG Ruilin¹, XUE Mingzhe²")
    (True, True)
    >>> english_front_matter("林佩萱 Pei-Hsuan Lin;郭振宇 Chen-Yu Kuo")
    True
    >>> english_front_matter("On the Construction of Service-oriented Government Agencies")
    True

    Left alone: lines with Chinese in them, a lone English word or acronym,
    English sentences (machine translations are ``english_translation``),
    and capitalised words that are not pinyin names.

    >>> english_front_matter("ISO 9001"), english_front_matter("Serve the People")
    (False, False)
    >>> english_front_matter("Public Policy, Good Governance")
    False
    """
    text = line.strip()
    if _BILINGUAL_NAMES.fullmatch(text):
        return True  # "林佩萱 Pei-Hsuan Lin;郭振宇 Chen-Yu Kuo"
    if not re.fullmatch(rf"[A-Za-z0-9\s,;:'’()\-{_MARKS}，；：]+", text):
        return False
    if _NAMES.fullmatch(text):
        words = re.findall(r"[A-Za-z]+(?:-[A-Za-z]+)?", text)
        return all(_PINYIN_WORD.fullmatch(w) for w in words)
    words = re.findall(r"[A-Za-z]+(?:-[A-Za-z]+)*", text)
    content = [w for w in words if w.lower() not in _SMALL_WORDS]
    return (
        len(words) >= 4
        and len(content) >= 3
        and all(w[0].isupper() for w in content)
        and not text.endswith(".")
    )


# A column's one-line note on its author: "作者為資深評論員、前政府高級行政主任".
_ONE_LINE_BIO = re.compile(
    r"^[(（]?(?:作者|筆者|笔者|撰稿人)(?:为|為|系|係|是|现为|現為|现任|現任|曾任)[^，,。；;！？!?()（）]{2,60}[。]?[)）]?$"
)


@line_rule(
    max_chars=200, needs="作者|筆者|笔者|撰稿人|研究方向|研究领域|研究領域|研究兴趣|研究興趣"
)
def author_bio(line: str) -> bool:
    """An author's biography under a paper: post, degree, research field.

    >>> author_bio("王某某(1980—),男,山东济南人,某大学公共管理学院副教授,博士,主要研究方向为基层治理。")
    True

    Left alone: a person's profile in an essay about them, which gives no
    research field (``张某某,男,1965年出生,中共党员,现任县水利局局长。``).

    >>> author_bio("张某某,男,1965年出生,中共党员,现任县水利局局长。")
    False

    A column's one-line note on its author, with no comma (a book review's
    ``作者是…，他…`` goes on about the author):

    >>> author_bio("作者為資深公共行政評論員、前政府高級行政主任"), author_bio("作者系市委党校讲师。")
    (True, True)
    >>> author_bio("作者是一位老党员，他在书中回顾了四十年的基层工作。")
    False
    """
    if _ONE_LINE_BIO.match(line.strip()):
        return True
    return bool(
        re.search(r"(?:主要)?研究(?:方向|领域|領域|兴趣|興趣)(?:为|為|是|[:：])", line)
        and re.search(
            r"教授|讲师|講師|研究员|研究員|博士|硕士|碩士|研究生|学者|學者|学院|學院|大学|大學|研究所|研究院",
            line,
        )
    )
