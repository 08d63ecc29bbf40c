"""Journal and paper-preview furniture: labels, keywords, affiliations, issues, reference lists."""

from __future__ import annotations

import re

from zh_gov_essays.rules import line_rule

_PAPER = re.compile(
    r"^(?:论文部分内容阅读|論文部分內容閱讀)"
    r"|^【?(?:中图分类号|中圖分類號|文献标识码|文獻標識碼|文章编号|文章編號|"
    r"关键词|關鍵詞|关键字|關鍵字|Key ?words?|DOI|基金项目|基金項目|作者简介|作者簡介|收稿日期)"
    r"\s*(?:】|[:：])|^【?(?:英文摘要|Abstract|ABSTRACT|關鍵詞|关键词|文章標籤|文章标签)】?$"
)

_AFFILIATION = re.compile(
    r"^[(（][^()（）]*(?:大学|大學|学院|學院|研究所|研究院|学校|學校|党校|黨校|研究中心)[^()（）]*"
    r"\d{6}[)）]$"
)

_JOURNAL_ISSUE = re.compile(r"^\S{2,20}\s*(?:19|20)\d\d\s*年\s*(?:第\s*)?\d{1,2}\s*期$")


@line_rule(max_chars=200)
def paper_metadata(line: str) -> bool:
    """Journal and paper-preview furniture: labels, keywords, affiliations, issue.

    >>> paper_metadata("论文部分内容阅读"), paper_metadata("关键词:官僚主义作风群众")
    (True, True)
    >>> paper_metadata("(华东师范大学马克思主义学院,上海 普陀 200241)")
    True
    >>> paper_metadata("中共中央党校学报 2019年5期")
    True

    Left alone: the same words opening a sentence, with no label colon.

    >>> paper_metadata("关键词要准确,这是写好公文标题的第一步。")
    False
    """
    return bool(_PAPER.match(line) or _AFFILIATION.match(line) or _JOURNAL_ISSUE.match(line))


@line_rule()
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
