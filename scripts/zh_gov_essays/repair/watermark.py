"""Strings that sites inject into the essay text: watermarks, spam, widgets, noise."""

from __future__ import annotations

import re
from collections.abc import Iterable

from zh_gov_essays.rules import text_rule
from zh_gov_essays.vocab.chars import HAN
from zh_gov_essays.vocab.labels import COPYRIGHT
from zh_gov_essays.vocab.sites import SITE_NAME, load_sites

# A copyright watermark whose left edge is certain: it follows the end of a
# sentence or starts the line ("…提高工作效率。公务员之家版权所有").
_MARK_AT_BOUNDARY = re.compile(
    r"(?:(?<=[。！？；!?;])|^)\s*(?P<mark>(?P<site>" + SITE_NAME.pattern + rf")(?:{COPYRIGHT}))"
)

_COPYRIGHT_WORDS = tuple(COPYRIGHT.split("|"))  # every watermark ends with one


def learn_watermarks(lines: Iterable[str]) -> tuple[str, ...]:
    """Watermarks a document reveals where their boundaries are unambiguous.

    A site that stamps ``公务员之家版权所有`` after a sentence also injects
    it mid-word elsewhere (``最公务员之家版权所有大限度地``); once learned
    from the clean occurrence it can be deleted everywhere.

    >>> learn_watermarks(["改进机关作风,提高工作效率。公务员之家版权所有"])
    ('公务员之家版权所有',)
    >>> learn_watermarks(["本条例由国务院法制办负责解释,版权所有者另有约定的除外。"])
    ()

    Left alone: a site name without the copyright phrase, and the phrase where no
    sentence ends before the site name.

    >>> learn_watermarks(["提高工作效率。公务员之家", "要严格执行规定,最公务员之家版权所有大限度地"])
    ()
    """
    found: set[str] = set()
    for line in lines:
        if not any(word in line for word in _COPYRIGHT_WORDS):
            continue  # a substring test; the pattern tries site names at every sentence end
        for m in _MARK_AT_BOUNDARY.finditer(line):
            found.add(m.group("mark"))
    return tuple(sorted(found, key=lambda m: (-len(m), m)))


def site_of_watermark(mark: str) -> str:
    """The site name inside a watermark (``公务员之家版权所有`` → ``公务员之家``)."""
    return re.sub(rf"(?:{COPYRIGHT})$", "", mark)


def strip_watermarks(text: str, marks: Iterable[str] = ()) -> str:
    """Delete the site table's watermarks and ``marks`` wherever they occur.

    >>> strip_watermarks("要严格执行上级有关规定,最公务员之家版权所有大限度地控制")
    '要严格执行上级有关规定,最大限度地控制'
    >>> strip_watermarks("提高工作效率。公务员之家版权所有")
    '提高工作效率。'

    Left alone: text naming a site without its watermark phrase
    (``公务员之家`` alone may be the essay's own words).
    """
    for mark in (*load_sites().watermarks, *marks):
        if mark in text:
            text = text.replace(mark, "")
    return text


# What every change of watermark holds: the first character of a listed watermark.
_WATERMARK_NEEDS = "".join(dict.fromkeys(re.escape(m[0]) for m in load_sites().watermarks if m))


@text_rule(logs=True, needs=f"[{_WATERMARK_NEEDS}]" if _WATERMARK_NEEDS else None)
def watermark(text: str) -> str:
    """Delete known site watermarks (``data/sites.toml``), even mid-word.

    >>> watermark("最公务员之家版权所有大限度地控制和减少不必要的事务性应酬")
    '最大限度地控制和减少不必要的事务性应酬'

    Left alone: everything not listed in the site table; watermarks a
    document reveals itself are added per document by the pipeline.
    """
    return strip_watermarks(text)


# What every change of spam_phrase holds: a listed phrase, or a word of _SPAM_BRAND.
_SPAM_NEEDS = "|".join(
    [
        *(re.escape(phrase) for phrase in load_sites().spam if phrase),
        "集团|集團|娱乐|娛樂|国际|國際|赌场|賭場|体育|體育|旗舰店|旗艦店|正品包|包邮正品|包郵正品",
    ]
)


@text_rule(logs=True, needs=_SPAM_NEEDS)
def spam_phrase(text: str) -> str:
    """Delete gambling-spam keywords that hijacked pages inject into the text.

    >>> spam_phrase("为全面梳理太阳集团贵宾会首页各党支部一年来的党建工作")
    '为全面梳理各党支部一年来的党建工作'

    Brands not in the table are caught by their shape (brand + number + 官网):

    >>> spam_phrase("近日，永利集团304官网召开了党建工作会议")
    '近日，召开了党建工作会议'
    >>> spam_phrase("要坚持问题导向正品包邮，切实改进工作作风")
    '要坚持问题导向，切实改进工作作风'

    Left alone: text with none of the phrases listed in ``data/sites.toml``
    and no brand or shop of that shape (``引导农户开设网店``).
    """
    for phrase in load_sites().spam:
        if phrase in text:
            text = text.replace(phrase, "")
    while True:  # a cut may join two halves of another brand
        new = _SPAM_BRAND.sub("", text)
        if new == text:
            return text
        text = new


# The shape of gambling-brand injections: a brand, a number, a site word
# ("永利集团304官网", "澳门新葡京8455娱乐"); and of shopping keywords a
# hijacked page injects ("某某官方旗舰店", "正品包邮").
_SPAM_BRAND = re.compile(
    rf"[{HAN}]{{2,6}}(?:集团|集團|娱乐|娛樂|国际|國際|赌场|賭場|体育|體育)\d{{0,5}}"
    r"(?:[(（](?:中国|中國)[)）])?(?:官方网站|官方網站|官网|官網|网址|網址|娱乐|娛樂|登录|登錄|平台|平臺)"
    rf"|[{HAN}A-Za-z]{{2,8}}(?:官方旗舰店|官方旗艦店|旗舰店官网|旗艦店官網)|正品包邮|正品包郵|包邮正品|包郵正品"
)


# Anti-scraping noise of forum software: runs of 1-3 character ASCII tokens
# such as "7 [( X* x& w8 x" or ": O3 O0 H$ g# u( m& L3 a: A".
_TOKEN = r"[!-~]{1,3}"
_NOISE_RUN = re.compile(rf"(?:(?<=\s)|^){_TOKEN}(?:[ \t]+{_TOKEN}){{3,}}(?=\s|$)")
_NOISY_TOKEN = re.compile(r"[^\w\s]|[A-Za-z]\d|\d[A-Za-z]")
# A last token glued to the essay text ("… w8 x2011年国家公务员…").
_GLUED_TAIL = re.compile(rf"(?:(?<=\s)|^)[A-Za-z](?=\d{{4}}年|[{HAN}])")


def _is_noise(run: str) -> bool:
    tokens = run.split()
    noisy = sum(1 for t in tokens if _NOISY_TOKEN.search(t))
    return len(tokens) >= 4 and noisy * 2 >= len(tokens)


# Every change needs "[!-~] [!-~]" (the first line of the rule): a space.
@text_rule(logs=True, needs=" ")
def forum_noise(text: str) -> str:
    """Delete the random ASCII tokens forum software sprinkles into posts.

    >>> forum_noise("7 [( X* x& w8 x2011年国家公务员考试申论热点:服务型政府")
    '2011年国家公务员考试申论热点:服务型政府'
    >>> forum_noise("【标准表述】 : O3 O0 H$ g# u( m& L3 a: A")
    '【标准表述】'

    Left alone: English prose, abbreviations and numbers, which are not
    dominated by symbol-laden or letter-digit tokens.

    >>> forum_noise("It is a way to go. 按PDCA (即计划) 做 1 2 3 4")
    'It is a way to go. 按PDCA (即计划) 做 1 2 3 4'
    """
    if not re.search(r"[!-~] [!-~]", text):
        return text
    out = text
    changed = False
    for m in reversed(list(_NOISE_RUN.finditer(text))):
        if _is_noise(m.group(0)):
            out = out[: m.start()] + out[m.end() :]
            changed = True
    if not changed:
        return text
    out = _GLUED_TAIL.sub("", out.lstrip())
    return re.sub(r" {2,}", " ", out).strip()


# Font-size and print/share widgets glued to a line.
_WIDGET_HEAD = re.compile(
    r"^(?:A[+-]\s*(?:[大中小]\s*)?){1,3}(?=\S)|^字[号號][:：]?\s*[大中小](?:\s*[大中小]){0,2}\s*"
)
_WIDGET_TAIL = re.compile(r"\s+(?:列印|打印|分享|收藏|分享到|友善列印|轉寄|转发)$")


# Every change needs a head widget (an "A" or "字" starts the line) or a tail one
# (after white space).
@text_rule(logs=True, needs=r"[A字\s]")
def page_widgets(text: str) -> str:
    """Delete font-size widgets at the start and print/share widgets at the end.

    >>> page_widgets("A+ 大 去年以來,內蒙古大興安嶺莫爾道嘎林業局機關黨委樹立服務意識")
    '去年以來,內蒙古大興安嶺莫爾道嘎林業局機關黨委樹立服務意識'
    >>> page_widgets("公務員廉政倫理規範問答輯(100.4.28) 列印")
    '公務員廉政倫理規範問答輯(100.4.28)'

    Left alone: the same words inside a sentence (``请打印后填写``) or
    without the separating space.
    """
    new = _WIDGET_HEAD.sub("", text)
    new = _WIDGET_TAIL.sub("", new)
    return new.strip() if new != text else text
