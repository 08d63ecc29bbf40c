"""Page furniture: line rules by kind, and their priority in one tuple.

A line matched by a rule is removed and logged under the rule's name; the
metadata stage reads dates, sources and tags out of the removed lines.
Rules are kinds of noise, never strings of one site (site names live in
``data/sites.toml``).  Each rule declares where it fires, what its match
means for the layout and the longest line it matches (:mod:`zh_gov_essays.rules`).

To add a kind of furniture: write the rule (a pure ``str -> bool`` function
with a doctest and a "Left alone" line) in the module of its kind, and put
it in :data:`FURNITURE` where it should win over the rules after it.  A
rule that can match long lines should declare ``needs`` (a pattern every
line it matches holds, best a few words): the rules' ``needs`` are merged
into one prefilter per line length (:mod:`~zh_gov_essays.furniture.prefilter`),
so that a line of prose that holds none of them skips every rule at once.
``tests/test_prefilter.py`` checks each ``needs`` and the merged prefilter
on every fixture and sample line.
"""

from __future__ import annotations

from zh_gov_essays.furniture.debris import (
    code_debris,
    english_translation,
    filing_mark,
    garbled_text,
    page_number,
    punctuation_only,
    running_header,
)
from zh_gov_essays.furniture.forums import (
    forum_furniture,
    forum_quote,
    reply_header,
    series_tagline,
)
from zh_gov_essays.furniture.navigation import (
    breadcrumb,
    inline_recommendation,
    navigation,
    permalink,
    prev_next,
    related_links,
)
from zh_gov_essays.furniture.news import (
    credit_line,
    dateline,
    editor_lead,
    editor_note,
    end_mark,
    photo_caption,
    scene_caption,
)
from zh_gov_essays.furniture.notices import (
    genre_intro,
    part_marker,
    seo_intro,
    site_footer,
    site_notice,
    truncation_notice,
    welcome_line,
)
from zh_gov_essays.furniture.page_meta import (
    attachment,
    byline,
    date_line,
    document_sharing,
    info_fields,
    tag_list,
)
from zh_gov_essays.furniture.papers import (
    author_bio,
    database_record,
    english_front_matter,
    paper_metadata,
    references,
)
from zh_gov_essays.furniture.prefilter import PrefilteredFirstMatch
from zh_gov_essays.furniture.promos import (
    account_card,
    chatbot_aside,
    keyword_salad,
    promo,
    slogan_banner,
)
from zh_gov_essays.furniture.sharing import document_summary, sharing_notice
from zh_gov_essays.furniture.widgets import (
    bookmark_widget,
    comment_widget,
    counter,
    page_tools,
    rating_widget,
    social_counts,
    tip_jar,
    wechat_chrome,
)
from zh_gov_essays.rules import LineRule, Scope

FURNITURE: tuple[LineRule, ...] = (
    page_number,
    running_header,
    punctuation_only,
    navigation,
    breadcrumb,
    counter,
    prev_next,
    comment_widget,
    tip_jar,
    site_notice,
    truncation_notice,
    genre_intro,
    promo,
    chatbot_aside,
    bookmark_widget,
    document_sharing,
    attachment,
    sharing_notice,
    document_summary,
    rating_widget,
    page_tools,
    wechat_chrome,
    site_footer,
    related_links,
    inline_recommendation,
    permalink,
    paper_metadata,
    database_record,
    author_bio,
    english_front_matter,
    english_translation,
    photo_caption,
    scene_caption,
    reply_header,
    forum_furniture,
    social_counts,
    forum_quote,
    end_mark,
    editor_note,
    editor_lead,
    filing_mark,
    part_marker,
    references,
    garbled_text,
    code_debris,
    dateline,
    credit_line,
    date_line,
    info_fields,
    byline,
    tag_list,
    welcome_line,
    seo_intro,
    series_tagline,
    keyword_salad,
    account_card,
    slogan_banner,
)
"""Every line rule, in priority order: on a line, the first that matches names it."""

ANYWHERE: tuple[LineRule, ...] = tuple(r for r in FURNITURE if r.scope is Scope.ANYWHERE)
"""The rules that fire on any line: their patterns cannot be essay prose."""
EDGE: tuple[LineRule, ...] = tuple(r for r in FURNITURE if r.scope is Scope.EDGE)
"""The rules that fire only before or after the body."""

first_anywhere = PrefilteredFirstMatch(ANYWHERE)
"""The first rule of :data:`ANYWHERE` that matches a line, remembered per text (prefiltered)."""
first_edge = PrefilteredFirstMatch(EDGE)
"""The first rule of :data:`EDGE` that matches a line, remembered per text (prefiltered)."""


def is_furniture(text: str) -> bool:
    """Whether any rule of :data:`FURNITURE` matches ``text``."""
    return first_anywhere(text) is not None or first_edge(text) is not None
