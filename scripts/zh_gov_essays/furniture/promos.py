"""Promotions and spam around the essay: app and tool ads, short links, keyword salad, a chatbot's asides."""

from __future__ import annotations

import re

from zh_gov_essays.rules import Role, Scope, line_rule
from zh_gov_essays.vocab.chars import HAN, SENTENCE_PUNCT, cjk_count
from zh_gov_essays.vocab.labels import NAV_WORDS

# A call to action closing an ad: "…神器! 立即了解", "点击下载 >>".
_CALL_TO_ACTION = re.compile(
    r"(?:^|[!！。,，]|\s)\s*(?:立即|马上|馬上|现在|現在|免费|免費|点击|點擊|一键|一鍵)?"
    r"(?:了解|体验|體驗|下载|下載|使用|领取|領取|咨询|諮詢|试用|試用|开通|開通|进入|進入|查看|打开|打開|安装|安裝)"
    r"(?:APP|App|app)?\s*[>》›»→]*$"
)
_CTA_VERB = re.compile(r"立即|马上|馬上|免费|免費|点击|點擊|一键|一鍵|现在|現在")
# What such ads sell: writing tools, AI assistants, apps, exam courses.
_PRODUCT = re.compile(
    r"(?:写作|寫作|公文|文案|论文|論文|办公|辦公|材料)(?:神器|助手|利器|工具|宝典|寶典|软件|軟體)|神器|"
    r"AI\s*(?:写作|寫作|写稿|寫稿|生成|助手|工具|智能|创作|創作|办公|辦公|PPT)|"
    r"AI\s*(?:帮你|幫你|帮您|幫您|替你|替您)(?:写|寫|改|生成|润色|潤色)|智能写作|智能寫作|一键生成|一鍵生成|"
    r"(?:APP|App|app|客户端|客戶端|小程序)(?:下载|下載|内|內)|(?:下载|下載)(?:APP|App|app|客户端|客戶端)|"
    r"网校|網校|(?:在线|在線|网络|網絡)(?:培训|培訓)辅导|题库|題庫|刷题|刷題|上岸"
)
_SHORT_LINK = re.compile(
    r"(?:https?://)?(?:t\.cn|dwz\.cn|url\.cn|suo\.im|bit\.ly|t\.co|tinyurl\.com|sourl\.cn|u\.nu|c7\.gg)/\w+"
)


# An ad holds a short link or a product word.
@line_rule(role=Role.WEAK_FOOTER, max_chars=90, needs=f"{_SHORT_LINK.pattern}|{_PRODUCT.pattern}")
def promo(line: str) -> bool:
    """An ad for an app, a writing or AI tool or an exam course, or a short link to one.

    >>> promo("公文助手，超好用的公文写作神器！立即了解")
    True
    >>> promo("AI一键生成工作总结，免费体验 >>"), promo("下载APP，海量范文随时看：https://t.cn/A6abcd")
    (True, True)
    >>> promo("某某网校上线了!"), promo("问问AI助手：帮我改写这篇材料 >")
    (True, True)

    Left alone: prose about tools and apps, which is a sentence and calls
    nobody to act (``我局积极探索AI助手在政务服务中的应用。``), and a call
    in prose (``接到报告后,要立即了解情况``).

    >>> promo("我局积极探索AI助手在政务服务中的应用。"), promo("接到报告后,要立即了解情况,及时上报。")
    (False, False)
    """
    if _SHORT_LINK.search(line):
        return True
    if not _PRODUCT.search(line) or "。" in line:
        return False
    calls = bool(_CALL_TO_ACTION.search(line) and _CTA_VERB.search(line))
    link = bool(re.search(r"(?:\s|[:：])[>›»→]{1,3}$|[>›»→]{2,3}$", line.strip()))
    return calls or link or bool(re.search(r"[!！]", line)) or line.endswith(("上线了", "上線了"))


def continues_ad(line: str) -> bool:
    """Whether a line under an ad goes on selling the same thing (the ad's second line).

    >>> continues_ad("网校课程涵盖公务员、财会、外语等各类考试的在线网络培训辅导。")
    True

    Left alone: a line that names no product.
    """
    return len(line) <= 120 and bool(_PRODUCT.search(line))


# A chatbot's voice: it offers more, asks for details, hopes it helped.
_BOT_OFFER = re.compile(
    r"请告诉我|請告訴我|(?:提供|补充|補充)更多(?:的)?(?:背景|细节|細節|具体|具體)?(?:信息|資訊|内容|內容)|"
    r"我(?:可以|将|將|会|會)(?:再)?(?:为您|為您|帮您|幫您|为你|為你|帮你|幫你)|"
    r"(?:为您|為您|为你|為你)(?:调整|調整|修改|完善|生成|撰写|撰寫|润色|潤色|扩写|擴寫)|"
    r"希望(?:以上|这些|這些|这篇|這篇)(?:内容|內容|信息|回答|文章|范文|範文)?(?:能)?对(?:您|你)有(?:所)?帮助|"
    r"^(?:好的|当然|當然|没问题|沒問題)[,，！!。]?\s*(?:以下是|下面是|这是|這是)|"
    r"^以下是(?:为您|為您|为你|為你)(?:撰写|撰寫|整理|生成|提供|起草)的"
)
_BOT_ASK = re.compile(
    r"若需(?:进一步|進一步|更多)|如(?:需|果(?:您|你)需要)(?:进一步|進一步|调整|調整|修改|补充|補充)|需要我"
)


@line_rule(role=Role.WEAK_FOOTER, max_chars=200, needs=f"{_BOT_OFFER.pattern}|{_BOT_ASK.pattern}")
def chatbot_aside(line: str) -> bool:
    """An AI chatbot's preamble or follow-up left around the essay it wrote.

    >>> chatbot_aside("若需进一步了解某方面的具体做法，可提供更多背景信息，我将为您补充完善。")
    True
    >>> chatbot_aside("好的，以下是一篇关于机关作风建设的心得体会：")
    True
    >>> chatbot_aside("需要我帮你调整字数或语气吗？")
    True

    Left alone: a notice telling citizens where to ask (``若需进一步了解
    政策详情,请拨打12345热线。``) and a speaker's modest close.

    >>> chatbot_aside("若需进一步了解政策详情,请拨打12345政务服务热线。")
    False
    >>> chatbot_aside("以上是我的几点体会,不妥之处请大家批评指正。")
    False
    """
    if _BOT_OFFER.search(line):
        return True
    return bool(_BOT_ASK.search(line)) and bool(
        re.search(r"[吗嗎][？?]?$|帮你|幫你|帮您|幫您", line)
    )


_ACCOUNT_CARD = re.compile(
    rf"^(?:功能介绍|功能介紹|账号简介|帳號簡介)?\s*[{HAN}A-Za-z0-9]{{2,30}}?(?:官方)?(?:微信)?(?:公众号|公眾號|服务号|服務號|订阅号|訂閱號|视频号|視頻號)"
    r"\s*[,，:：|｜]"
)


@line_rule(scope=Scope.EDGE, max_chars=60)
def account_card(line: str) -> bool:
    """The card of the WeChat account that published the article (its name and one-line blurb).

    >>> account_card("清河市直机关工委官方公众号，发布机关党建工作动态。")
    True
    >>> account_card("功能介绍 某某市纪委监委官方公众号，传递纪检监察权威声音。")
    True

    It fires only above or below the essay.  Left alone: a sentence about
    opening an account (``我们开通了官方公众号，…``), whose subject is no
    account.

    >>> account_card("市直机关工委开通官方公众号,及时发布工作动态。")
    False
    """
    return bool(_ACCOUNT_CARD.match(line)) and not re.search(
        r"开通|開通|建立|创建|創建|推出|利用|通过|通過", line
    )


_SLOGAN_PAIR = re.compile(rf"(?<![{HAN}])[{HAN}]{{4,8}}[ \u3000]+[{HAN}]{{4,8}}(?![{HAN}])")


@line_rule(scope=Scope.EDGE, max_chars=80)
def slogan_banner(line: str) -> bool:
    """A portal's slogan banner: parallel phrases set apart by spaces (``宣传某某 交流某某；…``).

    >>> slogan_banner("宣传人大制度 交流人大经验；推进民主法制建设 构建和谐文明新区。")
    True

    It fires only above or below the essay.  Left alone: prose (phrases
    are not set apart by spaces) and a single pair of words.

    >>> slogan_banner("宣传人大制度，交流人大经验。"), slogan_banner("公文写作 新进人员")
    (False, False)
    """
    return len(_SLOGAN_PAIR.findall(line)) >= 2


_SHOP = re.compile(
    r"包邮|包郵|正品|旗舰店|旗艦店|专卖店|專賣店|优惠券|優惠券|折扣|特价|特價|秒杀|秒殺|代购|代購|批发|批發|"
    r"价格|價格|多少钱|多少錢|哪里买|哪裡買|厂家|廠家|直销|直銷|加盟|新款|热卖|熱賣|团购|團購|下单|下單|"
    r"范文|範文|模板|大全|怎么写|怎麼寫|写法|寫法|格式|精选|精選|最新"
)


@line_rule(scope=Scope.EDGE, max_chars=120)
def keyword_salad(line: str) -> bool:
    """A line of search keywords strung together by spaces (tags, shopping or SEO terms).

    >>> keyword_salad("公務員 簽呈 公文寫作 新進人員")
    True
    >>> keyword_salad("工作总结范文 工作总结怎么写 年终总结大全 个人总结模板")
    True

    It fires only above or below the essay: inside it such a line is a
    poem or a table.  Left alone: menus (``navigation``), headings and
    lines with punctuation or numbers (a table row of figures).

    >>> keyword_salad("一、加强学习 二、改进作风"), keyword_salad("2019年 2020年 2021年 2022年")
    (False, False)
    """
    tokens = line.split()
    if len(tokens) < 4 or SENTENCE_PUNCT.search(line) or re.search(r"[\d、]", line):
        return False
    if all(t in NAV_WORDS for t in tokens):
        return False
    if not all(2 <= cjk_count(t) == len(t) <= 10 for t in tokens):
        return False
    return len(tokens) >= 4 and (len(set(_SHOP.findall(line))) >= 1 or len(tokens) <= 8)
