"""Recognise HTML and turn it into plain text lines.

:func:`looks_like_html` decides whether decoded text is an HTML page (or an
HTML fragment); :func:`html_to_text` renders it the way a reader sees it:
one line per block element, scripts and styles gone, entities decoded and
HTML's collapsible whitespace collapsed.  Both use only the standard library
(:class:`html.parser.HTMLParser`) and never raise on malformed markup.

An essay whose paragraphs are wrapped in ``<p>`` tags renders to the same
non-empty lines as the plain-text essay (up to runs of ASCII whitespace,
which HTML collapses).
"""

from __future__ import annotations

import re
import unicodedata
from html.parser import HTMLParser

from zh_gov_essays.vocab.chars import HAN

__all__ = ["html_to_text", "looks_like_html"]

# Only the first HTML_SNIFF_CHARS characters are looked at to recognise HTML,
# so the test costs the same on a 30 MB file as on a 3 KB one.
HTML_SNIFF_CHARS = 65_536

# Without a leading <!DOCTYPE html> / <html>, text counts as HTML when the
# sniffed part holds at least this many well-formed tags of common elements.
# Three keeps a plain essay that quotes one "<p>" or "<br>" from being parsed.
HTML_MIN_TAGS = 3
# ...of which at least this many must open a block that holds Chinese text:
# cloaking debris (``<bdo id=x></bdo>``, ``<option><p><tr></tr></p></option>``)
# leaked into a text page wraps nothing, and is cut by the ``html_tags`` rule.
HTML_MIN_TEXT_BLOCKS = 2
_TEXT_BLOCK_RE = re.compile(
    r"<(?:p|div|br|li|h[1-6]|td|th|dd|section|article|blockquote|pre|span|font)\b[^<>]{0,500}>"
    rf"\s*(?:<[^<>]{{0,200}}>\s*)?[{HAN}]",
    re.IGNORECASE,
)

_HTML_START_RE = re.compile(
    r"\A\s*(?:<\?xml[^>]{0,200}>\s*)?(?:<!--.{0,2000}?-->\s*)*<(?:!doctype\s+html|html)\b",
    re.IGNORECASE | re.DOTALL,
)
_HTML_TAG_RE = re.compile(
    r"</?(?:html|head|body|meta|title|script|style|p|div|br|span|a|b|i|u|em|strong|font|center"
    r"|table|tbody|tr|td|th|ul|ol|li|dl|dt|dd|h[1-6]|section|article|img|hr|pre|blockquote)"
    r"(?:\s[^<>]{0,500})?/?>",
    re.IGNORECASE,
)

# Elements that start and end a line of text.
BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "br", "caption", "center",
        "dd", "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption",
        "figure", "footer", "form", "frameset", "h1", "h2", "h3", "h4", "h5", "h6",
        "header", "hgroup", "hr", "html", "legend", "li", "listing", "main", "menu", "nav",
        "ol", "p", "plaintext", "pre", "section", "summary", "table", "tbody", "tfoot",
        "thead", "tr", "ul", "xmp",
    }
)  # fmt: skip
# Table cells are kept on their row's line, separated by a space.
CELL_TAGS = frozenset({"td", "th"})
# Elements whose whole content is dropped (code, styling, fallbacks, widgets).
SKIP_TAGS = frozenset(
    {
        "script", "style", "noscript", "template", "title", "iframe", "object", "svg",
        "math", "select", "audio", "video", "canvas",
    }
)  # fmt: skip
# Elements allowed inside <head>; any other start tag ends the head, as in browsers.
_HEAD_TAGS = frozenset({"title", "meta", "link", "base", "style", "script", "noscript", "template"})
# Elements that never have content or an end tag.
_VOID_TAGS = frozenset(
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
        "param", "source", "track", "wbr",
    }
)  # fmt: skip

# HTML's collapsible whitespace is ASCII only: U+3000 and &nbsp; are kept.
_ASCII_WS_RE = re.compile(r"[ \t\n\r\f]+")
_ASCII_WS = " \t\n\r\f"


def looks_like_html(text: str) -> bool:
    """Whether ``text`` is an HTML page or a fragment with several HTML tags.

    Only the first :data:`HTML_SNIFF_CHARS` characters are examined.  Text that
    merely contains angle brackets or a stray tag or two is left alone.

    >>> looks_like_html("<!DOCTYPE html><title>x</title>")
    True
    >>> looks_like_html("<p>第一段</p><p>第二段</p>")
    True
    >>> looks_like_html("如果 a<b 并且 b>c,那么 a<c。")
    False
    >>> looks_like_html("换行用 <br> 标记。")
    False

    Tag debris wrapping no text is not a page (the ``html_tags`` rule cuts it):

    >>> looks_like_html('<bdo id="x"></bdo>\\n<option id="x"><p id="x"><tr id="x"></tr></p></option>\\n正文')
    False
    """
    sample = text[:HTML_SNIFF_CHARS]
    if _HTML_START_RE.match(sample):
        return True
    tags = 0
    for _ in _HTML_TAG_RE.finditer(sample):
        tags += 1
        if tags >= HTML_MIN_TAGS:
            break
    if tags < HTML_MIN_TAGS:
        return False
    lines = [ln for ln in sample.split("\n") if ln.strip()]
    tagged = sum(1 for ln in lines if _HTML_TAG_RE.search(ln))
    if len(lines) >= 4 and tagged * 2 < len(lines):
        return False  # a text page with stray tags on a few lines: html_tags cuts them
    blocks = 0
    for _ in _TEXT_BLOCK_RE.finditer(sample):
        blocks += 1
        if blocks >= HTML_MIN_TEXT_BLOCKS:
            return True
    return False


def _is_wide(char: str) -> bool:
    """East Asian wide/full-width (CJK, kana, full-width punctuation), not Hangul."""
    if unicodedata.east_asian_width(char) not in ("W", "F", "H"):
        return False
    return not ("\u1100" <= char <= "\u11ff" or "\uac00" <= char <= "\ud7af")


def collapse_whitespace(run: str) -> str:
    """Collapse HTML whitespace in one inline run and strip it, like a browser.

    Each run of ASCII whitespace becomes one space, except that a run holding
    a line break between two wide (CJK) characters disappears, as CSS Text 3
    renders it: source-wrapped Chinese does not gain spaces.  Non-ASCII spaces
    (U+3000, U+00A0) are content and are left alone.

    >>> collapse_whitespace("  a \\n\\t b  ")
    'a b'
    >>> collapse_whitespace("中文\\n  段落 内容")
    '中文段落 内容'
    >>> collapse_whitespace("\\u3000\\u3000首行缩进")
    '\\u3000\\u3000首行缩进'
    """

    def replace(match: re.Match[str]) -> str:
        start, end = match.span()
        if (
            "\n" in match.group()
            and 0 < start
            and end < len(run)
            and _is_wide(run[start - 1])
            and _is_wide(run[end])
        ):
            return ""
        return " "

    return _ASCII_WS_RE.sub(replace, run).strip(_ASCII_WS)


_TAG_TOKEN_RE = re.compile(r"<(?:!--|!\[|[A-Za-z/!?][^<>]*>)")
_COMMENT_CLOSE_RE = re.compile(r"--\s*>")  # what html.parser accepts as the end of a comment
_ANGLE_RE = re.compile("[<>]")


def defuse_markup(text: str) -> str:
    """Escape every ``<`` that does not open a complete tag, comment or declaration.

    A complete tag ends with ``>`` before any other ``<``; a comment needs a
    ``-->`` (or ``-- >``, as :mod:`html.parser` allows).  ``<![…>`` (CDATA,
    ``<![if !IE]>``) is dropped up to its ``>``, as an HTML5 browser treats it
    as a bogus comment.  This bounds the work of
    :class:`~html.parser.HTMLParser`, which on Python < 3.13 rescans to the
    end of the input for every unterminated ``<a`` (quadratic on "<a <a <a…")
    and raises on unknown ``<![keyword[`` sections.  One linear pass; valid
    markup is returned unchanged.

    >>> defuse_markup("<p>a<b</p><!-- c --><![if x]>d<!-- e")
    '<p>a&lt;b</p><!-- c -->d&lt;!-- e'
    """
    if "<" not in text:
        return text
    out: list[str] = []
    comments_close = True  # False once a comment search has failed: later ones fail too
    done = 0  # text[:done] is already in out
    start = text.find("<")
    while start != -1:
        match = _TAG_TOKEN_RE.match(text, start)
        token = match.group() if match else ""
        end = -1
        if token == "<!--":
            close = _COMMENT_CLOSE_RE.search(text, start + 4) if comments_close else None
            comments_close = close is not None
            end = close.end() if close is not None else -1
        elif token == "<![":
            angle = _ANGLE_RE.search(text, start + 3)  # stops at the next "<": linear
            if angle is not None and angle.group() == ">":
                out.append(text[done:start])
                done = angle.end()
                start = text.find("<", done)
                continue
        elif token:
            end = match.end() if match else -1
        if end == -1:
            out.append(text[done:start])
            out.append("&lt;")
            done = start + 1
            start = text.find("<", done)
        else:
            start = text.find("<", end)
    out.append(text[done:])
    return "".join(out)


class _TextExtractor(HTMLParser):
    """Collects rendered lines; see :func:`html_to_text` for the rules."""

    def __init__(self, *, keep_newlines: bool = False) -> None:
        super().__init__(convert_charrefs=True)
        self._keep_newlines = keep_newlines
        self.lines: list[str] = []
        self._run: list[str] = []
        self._skip_depth = 0
        self._in_head = False
        self._pre_depth = 0

    def _flush(self) -> None:
        if self._run:
            line = collapse_whitespace("".join(self._run))
            self._run = []
            if line:
                self.lines.append(line)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "head":
            self._in_head = True
            return
        if self._in_head and tag not in _HEAD_TAGS:
            self._in_head = False
        if tag in SKIP_TAGS:
            self._skip_depth += 1
        elif tag in BLOCK_TAGS:
            self._flush()
            if tag in ("pre", "listing", "xmp", "plaintext"):
                self._pre_depth += 1
        elif tag in CELL_TAGS:
            self._run.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "head":
            self._in_head = False
        elif tag in SKIP_TAGS:
            self._skip_depth = max(0, self._skip_depth - 1)
        elif tag in BLOCK_TAGS:
            self._flush()
            if tag in ("pre", "listing", "xmp", "plaintext"):
                self._pre_depth = max(0, self._pre_depth - 1)
        elif tag in CELL_TAGS:
            self._run.append(" ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # <br/>, <p/>, <script/>: a start immediately closed; void tags have no end.
        self.handle_starttag(tag, attrs)
        if tag not in _VOID_TAGS:
            self.handle_endtag(tag)

    def handle_data(self, data: str) -> None:
        if self._skip_depth or self._in_head:
            return
        if self._pre_depth or self._keep_newlines:
            first, *rest = data.split("\n")
            self._run.append(first)
            for part in rest:
                self._flush()
                self._run.append(part)
        else:
            self._run.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def html_to_text(text: str, *, keep_newlines: bool | None = None) -> str:
    """Render HTML ``text`` as plain lines joined by ``"\\n"``.

    Block elements (``p``, ``div``, ``br``, ``li``, ``h1``–``h6``, ``tr``,
    ``section``, ``article``, …) end a line; table cells on one row are
    separated by a space; the contents of ``head``, ``title``, ``script``,
    ``style``, ``noscript``, ``template``, ``iframe``, ``svg`` and a few other
    non-text elements are dropped, as are comments.  Entities are decoded.
    Inside a line, ASCII whitespace is collapsed by :func:`collapse_whitespace`;
    inside ``pre`` a newline also ends a line.  Empty lines are dropped, so
    paragraphs come out one per line with no blank lines between them.

    Deliberately left alone: non-ASCII spaces (``&nbsp;`` stays U+00A0,
    U+3000 stays), attribute values (``alt``, ``title``: not rendered text),
    and the wording itself (boilerplate such as navigation or "相关文章" is
    for later rules).

    >>> html_to_text("<p>第一段 &amp; 内容</p><script>var x=1;</script><div>第二<b>段</b></div>")
    '第一段 & 内容\\n第二段'
    >>> html_to_text("<ul><li>甲</li><li>乙<br>丙</li></ul>")
    '甲\\n乙\\n丙'

    A fragment (text with tags but no ``html``/``body`` element, as scrapers
    save it) keeps its own line breaks too (``keep_newlines`` decides; by
    default, fragments keep them and whole documents do not):

    >>> html_to_text('报告标题\\n<span class="date">2018-05-22</span>\\n<p>正文</p>')
    '报告标题\\n2018-05-22\\n正文'
    """
    if keep_newlines is None:
        keep_newlines = not _HTML_START_RE.match(text[:HTML_SNIFF_CHARS]) and not re.search(
            r"<body\b", text[:HTML_SNIFF_CHARS], re.IGNORECASE
        )
    parser = _TextExtractor(keep_newlines=keep_newlines)
    try:
        parser.feed(defuse_markup(text))
        parser.close()
    except AssertionError:  # html.parser's own complaints; not expected after defusing
        return _crude_text(text)
    return "\n".join(parser.lines)


def _crude_text(text: str) -> str:
    """Last resort when the parser gives up: tags become line breaks, nothing else."""
    lines = (collapse_whitespace(line) for line in re.sub(r"<[^<>]*>", "\n", text).split("\n"))
    return "\n".join(line for line in lines if line)
