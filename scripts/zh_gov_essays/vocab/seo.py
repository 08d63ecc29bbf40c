"""The phrases of content-farm templates: ``以下是小编精心整理的…，仅供参考``."""

from __future__ import annotations

import re

SEO = re.compile(
    r"小编|小編|为大家整理|為大家整理|为大家收集|為大家收集|为大家带来|为大家分享|供大家参考|供大家參考|仅供参考|僅供參考|"
    r"希望能给你带来|希望能給你帶來|希望对你有|希望對你有|希望对大家有|希望對大家有|欢迎阅读|歡迎閱讀|欢迎借鉴|"
    r"以下是.{0,20}(?:整理|分享|收集|推荐|推薦)的|下面是.{0,20}(?:整理|分享|收集)的|精心整理|精选推荐|精選推薦|"
    r"以上就是|请(?:持续|继续)?关注.{0,20}(?:栏目|频道|网|網)|請(?:持續|繼續)?關注.{0,20}(?:欄目|頻道|網)|"
    r"本站小编|为你精心|為你精心|为您精心|為您精心|请(?:持续|继续)?关注本站|請(?:持續|繼續)?關注本站|网友投稿|網友投稿"
)
# The part of the list that never occurs in essay prose, for cutting phrases out
# of body paragraphs ("供大家参考" and "欢迎阅读" are also things speakers say, and
# so is "为大家整理" after an office or "we": "办公室为大家整理的学习资料").
SEO_STRONG = re.compile(
    r"小编|小編|小[为為]大家|(?<![室局处處科组組办辦们們])[为為]大家(?:整理|收集|精选|精選)|精心整理|精选推荐|精選推薦|以上就是|"
    r"以下是.{0,20}(?:整理|收集)的|下面是.{0,20}(?:整理|收集)的|"
    r"请(?:持续|继续)?关注.{0,20}(?:栏目|频道|网|網)|請(?:持續|繼續)?關注.{0,20}(?:欄目|頻道|網)|"
    r"(?:请|請)(?:持续|继续|持續|繼續)?(?:关注|關注)本站|想要了解更多|由.{0,16}(?:网友|網友)投稿|"
    r"(?:本文|文章)(?:关键词|關鍵詞)[:：]|更多.{0,8}?(?:内容|內容|文章|范文|範文)(?:请|請|敬请|敬請)?"
    r"(?:访问|訪問|关注|關注|点击|點擊|登录|登錄)|欢迎(?:访问|收藏)本站|歡迎(?:訪問|收藏)本站|"
    r"(?:给|給|为|為|与|與)大家分享.{0,16}(?:范文|範文|范例|範例|模板|例文)|"
    r"(?:范文|範文)[,，]\s*(?:方便|供|欢迎|歡迎)大家|大家一起来看看吧|大家一起來看看吧|"
    # a sentence naming the site injected into the text: "…范文由某某网整理发布。"
    r"(?:范文|範文)由.{1,16}?(?:整理|收集|发布|發布|提供)|"
    r"更多.{0,8}?(?:内容|內容|文章|范文|範文)[,，]\s*(?:请|請|敬请|敬請)(?:持续|继续|持續|繼續)?(?:访问|訪問|关注|關注|登录|登錄)|"
    r"更多.{0,12}?(?:范文|範文|资料|資料|文章)[,，]?\s*(?:尽在|盡在)"
)
# A literal found in every match of SEO_STRONG (one per alternative above, a test checks
# an example of each): the prefilter of the body rule that cuts those phrases.  A search
# for literals is some fifteen times cheaper than SEO_STRONG's, which Python's regex
# engine tries position by position, and 88 % of body lines hold none of them.
SEO_STRONG_NEEDS = (
    "小编|小編|大家|精心整理|精选推荐|精選推薦|以上就是|以下是|下面是|关注|關注|投稿|"
    "关键词|關鍵詞|更多|本站|范文由|範文由"
)
# The search keywords a content farm asks about before its template intro:
# "作风建设心得体会范文，作风建设心得体会怎么写？以下是小编整理的…".
SEO_KEYWORDS = re.compile(
    r"范文|範文|怎么写|怎麼寫|如何写|如何寫|模板|大全|写法|寫法|格式有哪些|有哪些要求"
)
# Phrases that announce a compiled list of essays: the sentence before them on
# the same line is the template's lead-in, not the essay.
LIST_INTRO = re.compile(
    r"以下是|以下為|以下为|下面是|精心整理|精心準備|精心准备|欢迎阅读|歡迎閱讀|供大家参考|供大家參考|仅供参考|"
    r"僅供參考|希望对|希望對|希望能|(?:给|給|为|為)大家分享|一起(?:来)?看(?:一)?看吧|一起看一下吧|一起來看看吧"
)
# A site's canned genre intro ("总结是…一种书面材料…该怎么写呢?这里给大家分享…范文"):
# the questions it asks on the reader's behalf before the pitch.
GENRE_PITCH = re.compile(
    r"(?:给|給|为|為|与|與)大家分享.{0,16}(?:范文|範文|范例|範例|模板|例文)|(?:范文|範文)[,，]\s*(?:方便|供)大家|"
    r"(?:是时候|是時候|需要|要)写一份.{0,12}了|(?:又)?(?:该|該)(?:怎么|怎麼|如何)(?:写|寫)(?:呢|才好)"
)
# The opening of such an intro: a definition of the genre or the topic ("总结是…", "政协是…").
DEFINITION_OPENING = re.compile(
    r"^(?!以下|下面|如下|这里|這裡|本文|小编|小編)[^，,。；;：:]{2,12}?(?:是|指|就是)(?=[^。]{6,})"
)


WELCOME_VERBS = "光临|光臨|莅临|蒞臨|访问|訪問|来到|來到|浏览|瀏覽"
"""What a site's welcome says the reader does: ``欢迎光临…``, ``歡迎蒞臨…``."""
WELCOME_GREETING = r"(?:(?:您好|你好|Hi|hi|Hello|hello)\s*[,，!！~～]?\s*)?"
"""A greeting before the welcome: ``您好，欢迎来到…``."""
WELCOME = re.compile(rf"^{WELCOME_GREETING}(?:欢迎|歡迎)(?:{WELCOME_VERBS}|您)")
"""A site's welcome line: ``欢迎光临某某网``."""
# The slogan a site prints beside its name: "叮当文库　在线文档分享平台".
SLOGAN = re.compile(
    r"免费|免費|在线|在線|分享平台|专注于|專注於|一站式|写作素材|寫作素材|范文大全|範文大全|资料下载|資料下載"
)
PROMO = re.compile(r"上线了|上線了|立即(?:了解|下载|下載|体验|體驗|领取|領取|试用|試用)|神器")
"""A promotion of the site's products: ``某某网校上线了！``, ``…写作神器！立即了解``."""


def seo_marker(text: str, *, strong: bool = False) -> re.Match[str] | None:
    """The first SEO template phrase in ``text``; ``strong`` ones only for body text.

    >>> seo_marker("下面是小编为大家整理的范文,供大家参考。").group()
    '下面是小编为大家整理的'
    >>> seo_marker("谈几点体会,供大家参考。").group(), seo_marker("谈几点体会,供大家参考。", strong=True)
    ('供大家参考', None)

    Left alone: prose without a template phrase.
    """
    return (SEO_STRONG if strong else SEO).search(text)
