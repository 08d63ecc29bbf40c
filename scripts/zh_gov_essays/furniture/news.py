"""News furniture: photo captions, end marks and release times, wire datelines."""

from __future__ import annotations

import re

from zh_gov_essays.rules import Role, line_rule
from zh_gov_essays.vocab.chars import FULL_STOP, HAN, SENTENCE_PUNCT, cjk_count
from zh_gov_essays.vocab.headings import heading_level
from zh_gov_essays.vocab.labels import (
    EDITOR_WORDS,
    GENRE_WORDS,
    REPORTER_CREDIT,
    SOURCE_WORDS,
    WIRE_DATELINE,
)

_PHOTO_CAPTION = re.compile(
    r"^[▲△▼◆●]?\s*[(（]?\s*(?:图为|圖為|图片为|圖片為|上图|下图|左图|右图|图片来源|圖片來源)"
    r"|[(（]\s*(?:摄影|攝影|摄|攝|图|圖|图片|圖片)\s*[:：/／][^()（）]{1,20}[)）]$"
    # the photos' provider: "（图片由县委宣传部提供）"
    r"|^[(（]?\s*(?:图片|圖片|照片|图|圖)由[^()（），。,]{2,20}(?:提供|拍摄|拍攝)\s*[)）]?$"
    r"|^[^\s，。,.!！?？、；;:：]{4,30}(?:现场|現場|合影|留影)$"
    # an event's scene: "工作坊現場", "开班仪式现场", "座谈会现场"
    rf"|^[{HAN}]{{0,26}}(?:会|會|坊|班|式|礼|禮|赛|賽|座|讲座|講座|课堂|課堂|论坛|論壇|活动|活動|演练|演練|"
    r"培训|培訓)(?:现场|現場|一角|掠影|剪影|侧记|側記)$"
    # the photographer's credit closing the caption: "…体验办事流程。本报记者 蒋雨桐 摄"
    rf"|(?:^|[。！\s])(?:本报|本報|新华社|新華社|本台|本刊)?(?:记者|記者|通讯员|通訊員|特约记者|特約記者)?"
    rf"\s*[{HAN}]{{2,4}}(?:\s*[、，,]\s*[{HAN}]{{2,4}})*\s+(?:摄|攝|摄影|攝影)$"
)


@line_rule(max_chars=100)
def photo_caption(line: str) -> bool:
    """A photo caption: ``图为…`` or a line ending in a photographer credit.

    >>> photo_caption("图为县政务服务中心窗口工作人员为群众办理业务。（摄影：李某）")
    True
    >>> photo_caption("（摄影：李某）"), photo_caption("圖為同仁參訪情形")
    (True, True)
    >>> photo_caption("专题组织生活会现场"), photo_caption("参训学员合影"), photo_caption("工作坊現場")
    (True, True, True)
    >>> photo_caption("5月19日，市直机关干部在政务服务中心体验办事流程。本报记者 蒋雨桐 摄")
    True
    >>> photo_caption("（图片由县委宣传部提供）")
    True

    Left alone: long paragraphs, prose that mentions photos
    (``要善于用图片和视频讲好故事。``) and a short phrase about a site
    (``走进现场``).

    >>> photo_caption("要善于用图片和视频讲好故事。"), photo_caption("走进现场")
    (False, False)
    >>> photo_caption("宣传部门组织记者深入一线进行拍摄")
    False
    """
    if re.match(r"^[▲△]\s*\S", line) and len(line) <= 50 and "。" not in line[:-1]:
        return True  # "▲城南街道网格员入户走访": a caption under a photo
    return bool(_PHOTO_CAPTION.search(line))


# The closing word of each pattern followed only by separators, the
# dashes alone, or a time's 時間/时間.
@line_rule(needs=r"(?:完|结|結|束|END|End|end|NNNN)[\W_]*$|---|——|時間\s*\d|时間\s*\d")
def end_mark(line: str) -> bool:
    """A news item's end mark or release time: ``（完）``, ``完``, ``香港時間16時30分``.

    >>> end_mark("（完）"), end_mark("完"), end_mark("香港時間16時30分")
    (True, True, True)
    >>> end_mark("— THE END —"), end_mark("-END-"), end_mark("▼ 完 ▼"), end_mark("/ 全文结束 /")
    (True, True, True, True)

    Left alone: words ending a sentence (``任务已经完成。``).

    >>> end_mark("任务已经完成。")
    False
    """
    core = re.sub(r"[\s\-—–_·•/\\|｜=~～*＊▼▲■□◆◇●○★☆【】\[\]<>《》「」]+", " ", line).strip()
    return bool(
        re.fullmatch(r"[(（]?\s*(?:完|全文完|本文完|END|end|NNNN|-{3,}|—{2,})\s*[)）]?", line)
        or re.fullmatch(
            r"(?:THE\s*END|The\s*End|the\s*end|END|End|完|全文完|本文完|(?:全文)?结束|(?:全文)?結束|完结|完結)",
            core,
        )
        or re.fullmatch(
            r"(?:香港|北京|臺北|台北)?[時时]間\s*\d{1,2}\s*[時时点點]\s*\d{1,2}\s*分", line
        )
    )


_WIRE_LINE = re.compile(rf"[(（]?(?:{WIRE_DATELINE})[)）]?\s*(?:{REPORTER_CREDIT})?")


# A wire dateline ends in 日电 (or 讯) or in 讯 after the paper's name.
@line_rule(needs=r"日\s*(?:电|電)|讯|訊")
def dateline(line: str) -> bool:
    """A news dateline on its own line (``新华社北京3月15日电``, ``本报讯（记者 王某）``).

    >>> dateline("新华社北京3月15日电"), dateline("本报讯"), dateline("金山讯")
    (True, True, True)
    >>> dateline("華聲在線10月20日訊"), dateline("本报讯（记者 许文涛 通讯员 钱晓燕）")
    (True, True)

    Left alone: a dateline opening a paragraph with text after it (the
    ``lead_dateline`` body rule cuts it there), dates in sentences, and
    words ending in 讯 that name no paper (``工作简讯``, ``喜讯``).

    >>> dateline("工作简讯"), dateline("喜讯"), dateline("3月15日电话会议")
    (False, False, False)
    """
    return bool(_WIRE_LINE.fullmatch(line.strip()))


_CREDIT = re.compile(
    rf"[(（〔【\[]\s*(?:(?:{EDITOR_WORDS}|记者|記者|通讯员|通訊員|撰稿|供稿|摄影|攝影|文字|图文|圖文|图|圖|文|"
    rf"{SOURCE_WORDS}|稿件来源|稿件來源|资料来源|資料來源|素材来源|素材來源|"
    rf"指导老师|指導老師|指导教师|指導教師|审核|審核|校对|校對)\s*[:：/／|｜]"
    r"|(?:记者|記者|通讯员|通訊員)\s+|作者(?:系|為|为|是|单位|單位))[^()（）〔〕【】\[\]]{1,80}[)）〕】\]]"
    r"|(?:资料来源|資料來源|素材来源|素材來源|稿件来源|稿件來源|文章来源|文章來源|本文来源|本文來源)\s*[:：].{1,40}"
)


@line_rule(role=Role.PAGE_META, max_chars=100)
def credit_line(line: str) -> bool:
    """A line that only credits: author, reporter, source of the material, an author's post.

    >>> credit_line("（作者：王立新 市委党校）"), credit_line("(记者 李晓燕 通讯员 陈平)")
    (True, True)
    >>> credit_line("（作者系某某大学马克思主义学院教授）"), credit_line("资料来源：市统计局年度公报")
    (True, True)
    >>> credit_line("（文字：集团党建工作部 王某）"), credit_line("（指导老师：党史党建教研部　佟秋实）")
    (True, True)

    It fires anywhere: a compilation prints a credit under each article it
    gathers, in the middle of the page.

    Left alone: parentheses inside a sentence, and a sentence that names
    its source (``据市统计局资料,全市…``).

    >>> credit_line("（一）坚持以人民为中心的发展思想"), credit_line("作者要深入基层,掌握第一手资料。")
    (False, False)
    """
    return bool(_CREDIT.fullmatch(line.strip()))


# People a caption shows, as its subject: "学员分组进行个案模拟", "志愿者为老人理发".
_CAPTION_SUBJECT = (
    r"(?:参训|參訓|参会|參會|与会|與會|青年|机关|機關|党员|黨員|社区|社區|窗口|一线|一線|基层|基層)?"
    r"(?:学员|學員|干部|幹部|党员|黨員|工作人员|工作人員|志愿者|志願者|人员|人員|代表|师生|師生|学生|學生|职工|職工|"
    r"居民|村民|群众|群眾|民警|医护人员|醫護人員|选手|選手|队员|隊員|嘉宾|嘉賓|领导|領導|专家|專家|同事|市民|"
    r"小朋友|老人|长者|長者|义工|義工|社工|医生|醫生|教师|教師|老师|老師)"
)
# Where, with or for whom they are seen, then what they do: the scene, not a
# claim ("干部作风明显好转") nor a title ("机关干部作风建设学习心得体会").
_CAPTION_SCENE = (
    rf"(?:分组|分組|正在|集体|集體|认真|認真|共同|一起|现场|現場|"
    rf"(?:在|於|于|为|為|向|与|與|给|給|同)[{HAN}]{{2,10}}?)?"
    r"(?:进行|進行|参观|參觀|合影|留影|讨论|討論|座谈|座談|观看|觀看|聆听|聆聽|听取|聽取|体验|體驗|"
    r"宣誓|签到|簽到|演练|演練|模拟|模擬|答题|答題|操作|慰问|慰問|走访|走訪|入户|入戶|清理|打扫|打掃|"
    r"理发|理髮|义诊|義診|发放|發放|讲解|講解|展示|交流|查看|检查|檢查|办理|辦理|解答|咨询|諮詢|测量|測量|"
    r"登记|登記|宣讲|宣講|授课|授課|示范|示範|演示|合唱|表演|植树|植樹|巡查|排查|检修|檢修)"
)
_SCENE_CAPTION = re.compile(rf"^{_CAPTION_SUBJECT}{_CAPTION_SCENE}[{HAN}]{{0,10}}$")
_CLAIM = re.compile(
    rf"要|应|應|须|須|必须|必須|将|將|是|把|不|明显|明顯|显著|顯著|得到|有效|不断|不斷|持续|持續|(?:{GENRE_WORDS})$"
)


@line_rule(max_chars=30)
def scene_caption(line: str) -> bool:
    """A photo caption with no marker: people and what they are seen doing, with no full stop.

    >>> scene_caption("學員分組進行個案模擬"), scene_caption("志愿者为社区老人义诊")
    (True, True)
    >>> scene_caption("参训学员认真聆听专题辅导")
    True

    News pages put one under each photo, between two paragraphs.

    Left alone: headings that say what people must do or what changed (a modal
    or a result word), sentences, and numbered headings.

    >>> scene_caption("党员干部要带头学习"), scene_caption("群众满意度明显提升")
    (False, False)
    >>> scene_caption("一、学员分组讨论"), scene_caption("干部在学习中成长。")
    (False, False)
    >>> scene_caption("機關干部作風建設學習心得體會"), scene_caption("党员干部参观交流心得体会")
    (False, False)
    """
    text = line.strip()
    if SENTENCE_PUNCT.search(text) or heading_level(text) is not None or cjk_count(text) < 6:
        return False
    return bool(_SCENE_CAPTION.match(text)) and not _CLAIM.search(text)


_EDITOR_NOTE = re.compile(
    r"节选|節選|摘编|摘編|删节|刪節|从略|從略|编者所加|編者所加|编者略有|編者略有|略有改动|略有改動|"
    r"原载|原載|原刊|刊于|刊於|首发于|首發於|文责自负|文責自負|阶段性成果|階段性成果|"
    r"(?:纯属|純屬|仅代表|僅代表|只代表)(?:作者|个人|個人)|"
    r"不代表本(?:报|報|刊|台|臺|站|网|網|平台|平臺|号|號|公众号|公眾號|社|媒体|媒體|局|处|處|署|会|會|院|校|中心|单位|單位|机关|機關)(?:的)?(?:立场|立場|观点|觀點|意见|意見)"
)


# Every note holds one of the words (searched in a part of the line).
@line_rule(max_chars=120, needs=_EDITOR_NOTE.pattern)
def editor_note(line: str) -> bool:
    """An editor's note on the article: excerpted, notes left out, first printed in, the author's view.

    >>> editor_note("（本文为节选，注释从略）"), editor_note("(本文純屬作者意見,不代表本報立場)")
    (True, True)
    >>> editor_note("（原载《学习时报》2023年5月8日）"), editor_note("本文有删节。")
    (True, True)
    >>> editor_note("（本文系2022年度省社科规划项目“基层减负机制研究”（22ZD05）的阶段性成果）")
    True

    An office's own disclaimer under a trainee's or a guest's piece, after an asterisk:

    >>> editor_note("＊本文為學員個人分享，內容不代表本局立場。")
    True

    Left alone: an essay's own sentences about excerpts or views, which go
    on to say something (more than the note).

    >>> editor_note("这里节选了三段话，供大家对照学习，体会其中的道理。")
    False
    >>> editor_note("个人意见仅代表个人，不代表组织。")
    False
    """
    text = re.sub(r"^[＊*※]\s*", "", line.strip())
    bracketed = re.fullmatch(r"[(（【\[〔](.{2,110})[)）】\]〕]", text)
    inner = bracketed.group(1) if bracketed else text
    if not _EDITOR_NOTE.search(inner):
        return False
    if bracketed:
        return True
    # unbracketed: the note is the whole line, opening with what it is about
    return bool(re.match(r"^(?:本文|此文|该文|該文|文章|原文|注|註|编者注|編者注)", inner)) and (
        len(FULL_STOP.findall(inner)) <= 1
    )


# "编者按：为深入推进…，本报开设专栏…": the editors' note opening the page.
_EDITOR_LEAD = re.compile(r"(?:编者按|編者按|编者的话|編者的話|编前语|編前語)\s*[:：]\s*\S")


@line_rule(max_chars=400, needs="编者|編者|编前|編前")
def editor_lead(line: str) -> bool:
    """An editor's note introducing the article, printed as ``编者按：…`` before it.

    >>> editor_lead("编者按：为推动主题教育走深走实，本网开设“青年说”专栏，今天刊发第三篇。")
    True

    It is the editors' voice, not the author's.  Left alone: the bracketed
    ``【编者按】`` heading a compilation, which introduces the whole page and
    stays with it, and a sentence that mentions a note.

    >>> editor_lead("【编者按】基层是干部成长的沃土。本期我们选编三篇驻村心得。")
    False
    >>> editor_lead("这篇文章的编者按写得很好：短小而有力。")
    False
    """
    return bool(_EDITOR_LEAD.match(line.strip()))
