"""Forum thread furniture: post numbers, view and reply counts, edit notes, view modes."""

from __future__ import annotations

import re

from zh_gov_essays.rules import line_rule

_FORUM = re.compile(
    r"^(?:楼主|沙发|板凳|地板|\d{1,4}\s*楼|#\d{1,4})$|只看该作者|只看該作者|倒序浏览|倒序瀏覽|阅读模式|閱讀模式|"
    r"本帖最后由.{1,40}编辑|本帖最後由.{1,40}編輯|^查看[:：]\s*[\d,]+\s*\|\s*回复[:：]|^\[复制链接\]$"
)


@line_rule(max_chars=120)
def forum_furniture(line: str) -> bool:
    """Forum thread furniture: post numbers, view/reply counts, edit notes, view modes.

    >>> forum_furniture("发表于 2019-5-8 10:22 | 只看该作者 | 倒序浏览 | 阅读模式")
    True
    >>> forum_furniture("楼主"), forum_furniture("本帖最后由 lw_2019 于 2019-5-8 10:25 编辑")
    (True, True)

    Left alone: prose about forums (``在楼主的帖子下面回复``).

    >>> forum_furniture("我在楼主的帖子下面回复了自己的看法。")
    False
    """
    return bool(_FORUM.search(line))
