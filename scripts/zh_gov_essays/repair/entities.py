"""HTML entities and tag debris left in extracted text."""

from __future__ import annotations

import html
import re

from zh_gov_essays.rules import text_rule

# Mangled forms of &nbsp; seen in scraped text: "&bsp;" (lost n), "&nbsp" (lost
# semicolon), "nbsp;" (lost ampersand), "&amp;nbsp;" (escaped twice).
_MANGLED_NBSP = re.compile(r"&(?:amp;)*n?bsp;?|(?<![A-Za-z&])nbsp;", re.IGNORECASE)
# Well-formed named or numeric entities, decoded by the standard library.
_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


# What every change holds: an "&", or the "n" of a "nbsp" (see the first line of the rule).
@text_rule(logs=True, needs="[&nN]")
def html_entities(text: str) -> str:
    """Decode HTML entities and delete mangled ``&nbsp;`` variants.

    Pages are often copied as text with entities left in, and ``&nbsp;``
    indentation frequently arrives broken (``&bsp;``, ``&nbsp`` without the
    semicolon).  Space entities become a plain space, which the whitespace
    rule then trims; other entities become their character.

    >>> html_entities("&bsp;&bsp;&bsp;一、建设服务型机关")
    '   一、建设服务型机关'
    >>> html_entities("党风&amp;政风&#12288;建设&lt;试行&gt;")
    '党风&政风\\u3000建设<试行>'
    >>> html_entities("&amp;ldquo;三个代表&amp;rdquo;")
    '“三个代表”'

    Left alone: an ampersand that does not start an entity (``R&D``,
    ``A&B公司``) and unknown names such as ``&foo;`` are kept as written.

    >>> html_entities("R&D投入与A&B公司")
    'R&D投入与A&B公司'
    """
    if "&" not in text and "nbsp" not in text.lower():
        return text
    # Entities escaped twice (``&amp;ldquo;``) need another pass; every pass
    # that changes something shortens the text, so the loop ends, at a fixed
    # point, which keeps the rule idempotent.
    while True:
        new = _ENTITY.sub(lambda m: html.unescape(m.group(0)), _MANGLED_NBSP.sub(" ", text))
        if new == text:
            return text
        text = new


# A tag: "<" + optional "/" or "!" + a tag name, up to ">".  Comment debris
# ("<!--", "-->") is handled on its own because it often arrives half-cut.
_TAG_NAMES = (
    "a|abbr|article|aside|b|bdi|bdo|blockquote|body|br|button|caption|center|code|col|"
    "dd|del|details|div|dl|dt|em|embed|fieldset|figcaption|figure|font|footer|form|"
    "h[1-6]|head|header|hr|html|i|iframe|img|input|ins|label|legend|li|link|main|mark|"
    "menu|menuitem|meta|nav|noscript|object|ol|optgroup|option|p|pre|q|s|script|section|"
    "select|small|source|span|strike|strong|style|sub|summary|sup|table|tbody|td|"
    "textarea|tfoot|th|thead|title|tr|tt|u|ul|video|wbr"
)
# Only real HTML element names count as tags, so "x<y 时 a->b" is not one.
_TAG = re.compile(rf"</?(?:{_TAG_NAMES})(?:\s[^<>]*)?/?>", re.IGNORECASE)
_COMMENT = re.compile(r"<!--.*?-->|<!--|-->")


@text_rule(logs=True, needs=r"[<\-]")
def html_tags(text: str) -> str:
    """Delete HTML tags and comment markers left in the text.

    Cloaking templates leak tags such as ``<bdo id="090r0"></bdo>`` and cut
    comments leave ``-->`` on a line of their own.

    >>> html_tags('• <bdo id="090r0"></bdo>')
    '• '
    >>> html_tags('-->。')
    '。'

    Left alone: angle brackets that are not tags — ``a<b``, ``<<条例>>``,
    Chinese book-title marks and ``->`` arrows.

    >>> html_tags("依据<<条例>>规定, x<y 时 a->b")
    '依据<<条例>>规定, x<y 时 a->b'
    """
    if "<" not in text and "-->" not in text:
        return text
    text = _COMMENT.sub("", text)
    return _TAG.sub("", text)
