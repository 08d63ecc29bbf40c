"""Document layout: which lines are header, body and footer, and what each one is.

Works on the repaired lines of one document: runs the furniture rules
(:data:`~zh_gov_essays.furniture.FURNITURE`, everywhere or only at the page's
edges), labels the site's template lines learned from the crawl, finds where
the essay starts and ends, cuts the footer from its first marker, and keeps
the essay's own dates, minutes fields and opening sentences out of the page
furniture.  What each furniture rule's match means here is its declared
:class:`~zh_gov_essays.rules.Role`; a template line's is ``WEAK_FOOTER``.
"""

from __future__ import annotations

import re

from zh_gov_essays.furniture import (
    FURNITURE,
    breadcrumb,
    date_line,
    first_anywhere,
    first_edge,
    forum_quote,
    navigation,
    page_number,
    paper_metadata,
    photo_caption,
)
from zh_gov_essays.furniture.forums import forum_action_bar
from zh_gov_essays.furniture.notices import seo_intro
from zh_gov_essays.furniture.page_meta import DIARY_DATE, field_label_only, info_fields
from zh_gov_essays.furniture.promos import continues_ad, promo
from zh_gov_essays.furniture.runs import (
    label_notice_lists,
    label_poster_names,
    label_table_of_contents,
)
from zh_gov_essays.learn import SITE_TEMPLATE, body_span, template_lines
from zh_gov_essays.records import Label, Line
from zh_gov_essays.rules import Role
from zh_gov_essays.vocab.chars import (
    FULL_STOP,
    FULL_STOPS,
    HEADING_END_MARKS,
    SENTENCE_PUNCT,
    cjk_count,
)
from zh_gov_essays.vocab.headings import heading_level
from zh_gov_essays.vocab.labels import is_salutation
from zh_gov_essays.vocab.seo import PROMO, WELCOME, seo_marker
from zh_gov_essays.vocab.sites import looks_like_site_name

FOOTER = Label(
    "footer", "Everything after the first footer marker (widgets, related links, site footer)."
)
SITE_HEADER = Label("site_header", "A header line naming the hosting site (kept as the source).")
FORUM_SIGNATURE = Label(
    "forum_signature", "A poster's signature or title line between a post and its buttons."
)


def _body_like(text: str) -> bool:
    """Whether a line reads as the start of the essay body."""
    if heading_level(text) is not None and cjk_count(text) >= 2:
        return True
    if is_salutation(text):
        return True
    return cjk_count(text) >= 15 and bool(SENTENCE_PUNCT.search(text))


# A site's template line after the essay starts its footer, but only when no
# paragraph follows (WEAK_FOOTER): what the site prints after its own furniture
# (a list of other essays' titles, different on every page, that no count can
# learn) is the site's too, while a template line between two parts of an
# essay never cuts it.
_TEMPLATE_ROLE = frozenset({SITE_TEMPLATE})
# Rules whose first match after the body starts means the page's footer has
# begun: from there on nothing is essay text...
FOOTER_MARKS = (
    frozenset(r.label for r in FURNITURE if r.role in (Role.FOOTER, Role.WEAK_FOOTER))
    | _TEMPLATE_ROLE
)
# ...unless this many real paragraphs follow (a marker inside the essay).
FOOTER_MAX_PARAGRAPHS_AFTER = 2
# Markers that also turn up between two parts of the essay (an ad, a menu, a
# pager): they start the footer only when no paragraph follows at all.
WEAK_FOOTER_MARKS = (
    frozenset(r.label for r in FURNITURE if r.role is Role.WEAK_FOOTER) | _TEMPLATE_ROLE
)
# Line labels that are page metadata printed next to the title.
PAGE_META = frozenset(r.label for r in FURNITURE if r.role is Role.PAGE_META)
# Labels of the lines that lead to the page (a breadcrumb, a menu).
CRUMBS = frozenset({breadcrumb.label, navigation.label})
_BARE_DATE = re.compile(r"[\d\s年月日./-]+")


def edge_match(line: Line) -> Label | None:
    """The label of the first edge-only furniture rule that matches ``line``, if any."""
    rule = first_edge(line.text)
    return rule.label if rule is not None else None


def label_templates(lines: list[Line], templates: frozenset[int]) -> None:
    """Label ``site_template`` the page's lines its site prints on many pages.

    ``templates`` are the line hashes learned from the crawl for this page's
    site (:mod:`zh_gov_essays.learn`); which lines qualify (short, at the
    page's edges, not the essay's own) is decided there, on the raw lines.
    A line a furniture rule names keeps that rule's label: the rules say
    more (a date, a source, a footer's start) than "the site prints it".
    Left alone: the line right above the page's date or byline, before the
    body.  That is this page's title, even when the site lists it on its
    other pages too (a "latest essays" column printed on every page).
    """
    if not templates:
        return
    texts = [line.raw for line in lines]
    span = first_body, _last = body_span(texts)
    found = template_lines(texts, templates, span)
    following = [i for i, line in enumerate(lines) if line.text]
    after = dict(zip(following, [*following[1:], None], strict=True))
    for i in found:
        line = lines[i]
        if not line.text or line.label is not None or edge_match(line) is not None:
            continue
        nxt = after.get(i)
        if i < first_body and nxt is not None and _page_meta(lines[nxt]):
            continue
        line.label = SITE_TEMPLATE


# A site's welcome line is short; a longer line opening with 欢迎 is prose.
_WELCOME_MAX_CHARS = 40


def _page_meta(line: Line) -> bool:
    """Whether a furniture rule reads ``line`` as page metadata (date, counter, byline)."""
    return line.label in PAGE_META or edge_match(line) in PAGE_META


def classify(lines: list[Line], templates: frozenset[int] = frozenset()) -> tuple[int, int]:
    """Label every line matched by a rule or the site's template; return the body's first and last index."""
    for line in lines:
        if not line.text:
            continue
        rule = first_anywhere(line.text)
        if rule is not None:
            line.label = rule.label
        if line.label is None and len(line.text) <= _WELCOME_MAX_CHARS and WELCOME.match(line.text):
            line.label = SITE_HEADER  # "欢迎光临某某县人民政府门户网站！": the site greets
    label_templates(lines, templates)

    first = next((line for line in lines if line.text), None)
    if first is not None and first.label is None and seo_marker(first.text):
        # A content-farm intro opening the page goes whole, even with prose in
        # it; a title-like first line keeps its text (clean_title drops tags).
        if SENTENCE_PUNCT.search(first.text):
            first.label = seo_intro.label
    values = _field_values(lines)
    _label_keyword_values(lines)
    _label_quoted_posts(lines)
    _label_ad_lines(lines)
    label_notice_lists(lines)
    label_poster_names(lines)
    label_table_of_contents(lines)
    candidates = [
        i
        for i, line in enumerate(lines)
        if line.text
        and line.label is None
        and i not in values
        and edge_match(line) is None
        and _body_like(line.text)
    ]
    if len(candidates) >= 2 and _caption_of_lead(
        lines[candidates[0]].text, lines[candidates[1]].text
    ):
        lines[candidates[0]].label = photo_caption.label
        candidates = candidates[1:]
    if not candidates:
        # Nothing reads like prose (a poem, a list): all but a first line that
        # may be the title is body.
        plain = [i for i, ln in enumerate(lines) if ln.text and ln.label is None]
        start = plain[1] if len(plain) > 1 else len(lines)
        end = plain[-1] if len(plain) > 1 else len(lines)
    else:
        start, end = candidates[0], candidates[-1]
        if len(candidates) > 1 and _title_over_body(lines, start, candidates[1]):
            start = candidates[1]
    _cut_footer(lines, start)
    end = max([i for i in candidates if lines[i].label is None] or [end])
    meeting = _meeting_fields(lines)
    if meeting and 0 < min(meeting) < start:
        start = min(meeting)  # minutes open with their field block
    for i, line in enumerate(lines):
        if line.text and line.label is None and (i < start or i > end):
            if i in meeting:
                continue
            label = info_fields.label if i in values else edge_match(line)
            if label == date_line.label and i > end and _is_signature_date(lines, i):
                continue  # "单位名称 / 2023年5月6日" closes the essay itself
            if label is None and i > end and looks_like_site_name(line.text):
                label = SITE_HEADER  # the site's name printed again in the footer
            line.label = label
    _label_signatures(lines)
    # Page breaks: a page number between two kept lines marks the second.
    pending = False
    for line in lines:
        if line.label == page_number.label:
            pending = True
        elif line.text and line.label is None:
            line.after_page_break = pending
            pending = False
    return start, end


def _field_values(lines: list[Line]) -> set[int]:
    """Indices of the values of a field table printed one cell per line.

    ``发布日期`` ⏎ ``2023-05-10``: the line after a field label alone is
    its value, whatever it says (an office, a number, a date).
    """
    values: set[int] = set()
    label_before = False
    for i, line in enumerate(lines):
        if not line.text:
            continue
        if label_before and (line.label is None or line.label == date_line.label):
            if len(line.text) <= 60 and not field_label_only(line.text):
                values.add(i)
        label_before = line.label is None and field_label_only(line.text)
    return values


def _caption_of_lead(first: str, second: str) -> bool:
    """Whether ``first`` is a photo caption that restates the news report after it.

    News pages put the photo and its caption above the report, and the
    caption repeats the lead: its first clause, word for word, is in the
    report's first paragraph.

    >>> _caption_of_lead("全市机关党建工作会议召开，各县区负责同志参加会议。",
    ...                  "江州讯 3月6日上午，全市机关党建工作会议召开，各县区、市级机关负责同志参加。")
    True

    Left alone: an opening paragraph the next one continues, even in the
    same words, when the next one is no dated report.

    >>> _caption_of_lead("为深入贯彻落实党的二十大精神，我局开展了专题学习。",
    ...                  "为深入贯彻落实党的二十大精神，局党组制定了学习方案，分三个阶段推进。")
    False
    """
    if len(first) > 100 or len(FULL_STOP.findall(first)) != 1 or first[-1] not in "。！？!?":
        return False
    clause = re.split(r"[，,；;。！？!?]", first)[0].strip()
    where = second.find(clause) if cjk_count(clause) >= 10 else -1
    return 0 < where <= 30 and bool(_REPORT_LEAD.search(second[:where]))


# What stands before the restated lead in a news report: its dateline and time.
_REPORT_LEAD = re.compile(r"讯|訊|电|電|\d{1,2}\s*日|上午|下午|近日|日前")


_DISCUZ_QUOTE = re.compile(r"^(?:原文由|原帖由|以下是引用)")


def _label_quoted_posts(lines: list[Line]) -> None:
    """The quoted post under a quote header: one paragraph, cut short (`` ...``) by the board."""
    header: Line | None = None
    for line in lines:
        if not line.text:
            continue
        if header is not None and line.label is None:
            cut = re.search(r"(?:\.{3,}|…+)$", line.text) is not None
            if cut or _DISCUZ_QUOTE.match(header.text):
                line.label = forum_quote.label
        header = line if line.label == forum_quote.label and forum_quote(line.text) else None


def _label_ad_lines(lines: list[Line]) -> None:
    """The lines of an ad printed over several lines, after its first (``…网校上线了！`` ⏎ ``网校课程…``)."""
    in_ad = False
    for line in lines:
        if not line.text:
            continue
        if in_ad and line.label is None and continues_ad(line.text):
            line.label = promo.label
            continue
        in_ad = line.label == promo.label


def _label_signatures(lines: list[Line]) -> None:
    """A short unpunctuated line right above a post's buttons is the poster's signature."""
    previous: Line | None = None
    for line in lines:
        if not line.text:
            continue
        if previous is not None and previous.label is None and forum_action_bar(line.text):
            text = previous.text
            if len(text) <= 40 and not SENTENCE_PUNCT.search(text) and heading_level(text) is None:
                previous.label = FORUM_SIGNATURE
        previous = line


_KEYWORD_LABEL = re.compile(
    r"【?(?:关键词|關鍵詞|关键字|關鍵字|Key ?words?|KEYWORDS)】?\s*[:：]?", re.I
)


def _label_keyword_values(lines: list[Line]) -> None:
    """A paper's keyword list printed on the line under its label (``關鍵詞`` ⏎ ``甲;乙;丙``)."""
    label_before = False
    for line in lines:
        if not line.text:
            continue
        if label_before and line.label is None and len(line.text) <= 80:
            if not FULL_STOP.search(line.text):
                line.label = paper_metadata.label
        label_before = line.label == paper_metadata.label and bool(
            _KEYWORD_LABEL.fullmatch(line.text.strip())
        )


MEETING_FIELD = re.compile(
    r"^(?:时间|時間|地点|地點|主持人|主持|参加人员|參加人員|参会人员|出席人员|出席|列席|缺席|请假|"
    r"记录人|記錄人|记录|記錄|会议主题|會議主題|议题|議題)\s*[:：]"
)
_MEETING_CORE = re.compile(r"^(?:地点|地點|主持人|主持|记录人|記錄人)\s*[:：]")


def _meeting_fields(lines: list[Line]) -> set[int]:
    """Indices of a minutes' field block (时间/地点/主持人…): the essay, not page metadata."""
    block: list[int] = []
    found: set[int] = set()
    for i, line in enumerate([*lines, Line(raw="", text="")]):
        if line.text and line.label is None and MEETING_FIELD.match(line.text):
            block.append(i)
            continue
        if not line.text and block:
            continue
        if len(block) >= 2 and any(_MEETING_CORE.match(lines[j].text) for j in block):
            found.update(block)
        block = []
    return found


def _cut_footer(lines: list[Line], start: int) -> None:
    """From the first footer marker after the body starts, everything is footer."""
    # Real paragraphs after each line, counted once from the end (linear).
    after = [0] * (len(lines) + 1)
    for i in range(len(lines) - 1, -1, -1):
        ln = lines[i]
        after[i] = after[i + 1] + (bool(ln.text) and ln.label is None and _is_paragraph(ln.text))
    for i in range(start + 1, len(lines)):
        if lines[i].label not in FOOTER_MARKS:
            continue
        # A menu or pager can sit between two pages of the essay: it ends the
        # essay only when no paragraph follows it.
        allowed = 0 if lines[i].label in WEAK_FOOTER_MARKS else FOOTER_MAX_PARAGRAPHS_AFTER
        if after[i + 1] > allowed:
            continue
        for line in lines[i + 1 :]:
            if line.text and line.label is None:
                line.label = FOOTER
        return


# A headline reads like prose (commas, a colon) but ends without a sentence end.
_HEADLINE_MAX_CHARS = 60


def _headline(text: str) -> bool:
    """A page's first line shaped like a headline rather than a paragraph.

    >>> _headline("纪念马克思诞辰：今天，学一学革命导师如何讲“政治纪律”")
    True

    Left alone: sentences and clauses (a final 。！？ or a trailing comma or
    colon), headings, and long lines.

    >>> _headline("今年以来，我局认真贯彻落实市委、市政府的决策部署。"), _headline("同志们：")
    (False, False)
    """
    return (
        len(text) <= _HEADLINE_MAX_CHARS
        and "。" not in text
        and text[-1:] not in HEADING_END_MARKS + "，,、：:"
        and heading_level(text) is None
    )


def _title_over_body(lines: list[Line], first: int, second: int) -> bool:
    """Whether the first prose-like line is a headline over the body, not its first line.

    "纪念马克思诞辰：今天，学一学…" opening the page, a slogan right under the
    byline, a thread's title over its post header ("只看楼主", "楼主"), a post
    or a question with its author, time or askers' figures under it.
    """
    text = lines[first].text
    if _headline(text):
        before = [line for line in lines[:first] if line.text]
        labels = [line.label or edge_match(line) for line in before]
        between = [line for line in lines[first + 1 : second] if line.text]
        if (
            not before
            or labels[-1] in PAGE_META
            or all(labels)  # (or under nothing but the site's furniture)
            or any((line.label or edge_match(line)) in PAGE_META for line in between)
        ):
            return True
    elif not _QUESTION_TITLE.fullmatch(text):
        return False
    return _byline_under(lines, first, second)


_SENTENCE_END = re.compile(f"[{FULL_STOPS}；;]")
# A question as a Q&A page titles it: one short sentence ending in a question mark.
_QUESTION_TITLE = re.compile(r"[^。！!？?]{6,50}[？?]")


def _byline_under(lines: list[Line], title: int, body: int) -> bool:
    """Whether a headline's next lines before the body are its byline, not prose.

    A post prints its title, then the author, the time or the asker's figures,
    each on a short line that ends no sentence, and only then the text:
    ``机关干部如何写好调研报告?`` / ``笔杆子老周`` / ``2022-04-11 07:35``.
    A line between that is a sentence means the headline was the essay's own
    first line.
    """
    between = [ln for ln in lines[title + 1 : body] if ln.text]
    return bool(between) and all(
        ln.label in PAGE_META or (len(ln.text) <= 40 and not _SENTENCE_END.search(ln.text))
        for ln in between
    )


def _is_paragraph(text: str) -> bool:
    """A real paragraph: long, with a full stop inside."""
    return cjk_count(text) >= 40 and "。" in text


def _is_signature_date(lines: list[Line], i: int) -> bool:
    """A bare date right after a short, unlabelled line: the essay's signature."""
    if not _BARE_DATE.fullmatch(lines[i].text):
        return False
    prev = next((ln for ln in reversed(lines[:i]) if ln.text), None)
    return (
        prev is not None
        and prev.label is None
        and len(prev.text) <= 30
        and not SENTENCE_PUNCT.search(prev.text)
    )


def first_header_body(lines: list[Line], start: int, title_index: int | None) -> int:
    """Where the body really starts: before ``start`` when prose sits above it.

    Between the title (and the metadata under it) and the first line that
    reads like the body, a short sentence (``光阴似箭，又是一年。``) or an
    addressee line (``各镇（街道），县直各单位：``) is already the essay.
    Lines without sentence punctuation there (a speaker's name, a subtitle,
    form labels) stay page furniture.
    """
    above = lines[: min(start, len(lines))]
    if title_index is None and not any(ln.label or _site_furniture(ln.text) for ln in above):
        # No title and no furniture above the body: the page is all essay,
        # from below a speech's subtitle ("——在…上的讲话") if it has one.
        subtitles = [i for i in range(min(start, len(lines))) if _SUBTITLE.match(lines[i].text)]
        return subtitles[-1] + 1 if subtitles else 0
    floor = -1 if title_index is None else title_index
    for i in range(min(start, len(lines))):
        if lines[i].label in PAGE_META or lines[i].label in CRUMBS:
            floor = max(floor, i)
    first = start
    for i in range(start - 1, floor, -1):
        line = lines[i]
        if not line.text:
            continue
        if line.label is not None or not _opens_body(line.text):
            break
        first = i
    return first


def _opens_body(text: str) -> bool:
    if DIARY_DATE.search(text):
        return True  # a diary entry's heading: "2021年3月5日 星期五 晴"
    if _headline(text):
        return False  # a slogan or subtitle under the title, not a sentence of the essay
    if text.endswith(tuple(FULL_STOPS)) or (SENTENCE_PUNCT.search(text) and cjk_count(text) >= 6):
        return not text.startswith(("——", "—"))
    return len(text) <= 25 and text[-1:] in ":：" and bool(_ADDRESS_LINE.search(text))


_SUBTITLE = re.compile(r"^——|^—(?!—)")


def _site_furniture(text: str) -> bool:
    """A welcome or promotion line: the site's own, whatever the rules named."""
    return bool(WELCOME.match(text) or PROMO.search(text))


# An addressee line opening a notice, a letter or a proposal.
_ADDRESS_LINE = re.compile(
    r"[、，,]|^各|同志|干部|幹部|职工|職工|群众|群眾|单位|單位|部门|部門|党员|黨員|代表|委员|委員|居民|市民|朋友"
)
