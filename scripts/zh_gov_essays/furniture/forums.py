"""Forum and blog furniture: post headers, view and reply counts, quote headers, action bars, poster ranks, series taglines."""

from __future__ import annotations

import re

from zh_gov_essays.rules import Role, Scope, line_rule
from zh_gov_essays.vocab.chars import FULL_STOPS, cjk_count

_FORUM = re.compile(
    r"^(?:楼主|沙发|板凳|地板|\d{1,4}\s*楼|#\d{1,4})$|只看该作者|只看該作者|倒序浏览|倒序瀏覽|阅读模式|閱讀模式|"
    r"本帖最后由.{1,40}编辑|本帖最後由.{1,40}編輯|^查看[:：]\s*[\d,]+\s*\|\s*回复[:：]|^\[复制链接\]$|"
    r"^(?:投稿人|投稿日期|投稿时间|投稿時間|发帖人|發帖人|发表人|發表人|发帖时间|發帖時間)\s*[:：]"
    # A blog's post footer: "張貼者：阿杰 於 下午9:12", "Posted by Jay at 9:12 PM".
    r"|^(?:張貼者|张贴者|發表者|发表者|發文者|发文者|Posted by|posted by)\s*[:：]?\s*\S"
    # When, how a board says it: "发表于 3 天前"; the user's group and signature labels.
    r"|^(?:发表于|發表於|发布于|發佈於)\s*(?:\d+\s*(?:秒|分钟|分鐘|小时|小時|天|周|週|个月|個月|年)前|昨天|前天|刚刚|剛剛)"
    r"|^(?:用户组|用戶組|头衔|頭銜|签名|簽名|个性签名|個性簽名)\s*[:：]\s*\S.{0,30}$"
    # A user's level badge under the name: "Lv.9 笔杆子", "LV12".
    r"|^(?:Lv|LV|lv)\.?\s*\d{1,2}(?:\s+\S{1,8})?$"
    # A Q&A page's answer header and the answerer's figures: "最佳答案", "采纳率:89%".
    r"|^(?:最佳答案|满意答案|滿意答案|推荐答案|推薦答案|最佳回答|精选回答|精選回答)$"
    r"|(?:采纳率|採納率|回答采纳率)\s*[:：]?\s*\d{1,3}(?:\.\d)?%"
    # Buttons with their counts: "回复(46)", "评论 12 赞 30".
    r"|^(?:(?:回复|回覆|评论|評論|赞|讚|点赞|點讚|收藏|分享|转发|轉發|举报|舉報|阅读|閱讀|浏览|瀏覽)"
    r"\s*[(（]?\s*\d[\d,.]*[万萬wk]?"
    r"\s*[)）]?\s*)+$"
)
# A board's or a blog's own figures: "关注:12,384 贴子:56,021".
_BOARD_STATS = re.compile(
    r"(?:关注|關注|贴子|帖子|主题|主題|成员|成員|会员|會員|粉丝|粉絲|回复|回覆|文章|访客|訪客|人气|人氣)"
    r"\s*[:：]?\s*\d[\d,.]*\s*[万萬wk]?"
)

# The buttons under a post, and the ranks a board gives its users.
_ACTION_WORDS = frozenset(
    """引用 TOP top Top 回复 回覆 只看楼主 只看樓主 看帖 回帖 举报 舉報 评分 評分 编辑 編輯 支持 反对 反對 使用道具 只看该作者 只看該作者
    顶 頂 踩 回顶部 回頂部 报告 報告 快速回复 快速回覆 分享 收藏 点评 點評 私信 短消息 加为好友 加為好友""".split()
)
_RANKS = re.compile(
    r"(?:版主|超级版主|超級版主|管理员|管理員|新手上路|注册会员|註冊會員|初级会员|初級會員|中级会员|中級會員|"
    r"高级会员|高級會員|金牌会员|金牌會員|论坛元老|論壇元老|禁止发言|禁止發言|游客|遊客)"
)
_POSTER_STATS = re.compile(
    r"(?:UID|帖子|主题|主題|精华|精華|积分|積分|阅读权限|閱讀權限|在线时间|在線時間|注册时间|註冊時間|"
    r"最后登录|最後登錄|金币|金幣|威望|贡献|貢獻|听众|聽眾|收听|收聽)\s*[:：]?\s*[\d-]"
)


def forum_action_bar(line: str) -> bool:
    """Whether ``line`` is the row of buttons under a post (``引用 TOP``, ``回复 举报``).

    >>> forum_action_bar("引用 TOP"), forum_action_bar("回复 引用 举报 TOP")
    (True, True)

    Left alone: a word alone (``引用``, a quote header) and prose.
    """
    tokens = line.split()
    return len(tokens) >= 2 and all(t in _ACTION_WORDS for t in tokens)


@line_rule(role=Role.PAGE_META, max_chars=120)
def forum_furniture(line: str) -> bool:
    """Forum thread furniture: post headers, view/reply counts, edit notes, buttons, poster ranks.

    >>> forum_furniture("发表于 2019-5-8 10:22 | 只看该作者 | 倒序浏览 | 阅读模式")
    True
    >>> forum_furniture("楼主"), forum_furniture("本帖最后由 lw_2019 于 2019-5-8 10:25 编辑")
    (True, True)
    >>> forum_furniture("投稿人：老杨"), forum_furniture("引用 TOP"), forum_furniture("高级会员")
    (True, True, True)
    >>> forum_furniture("UID 10234 帖子 56 精华 0 积分 120 阅读权限 20")
    True

    Left alone: prose about forums (``在楼主的帖子下面回复``) and about members.

    >>> forum_furniture("我在楼主的帖子下面回复了自己的看法。"), forum_furniture("发展高级会员三百余名。")
    (False, False)

    Post-bar and blog furniture: a board's figures, level badges, buttons
    with counts, a blog post's footer.

    >>> forum_furniture("关注:12,384 贴子:56,021"), forum_furniture("Lv.9 笔杆子"), forum_furniture("回复(46)")
    (True, True, True)
    >>> forum_furniture("只看楼主 收藏 回复"), forum_furniture("張貼者：阿杰 於 下午9:12")
    (True, True)
    >>> forum_furniture("最佳答案"), forum_furniture("老范的自留地　采纳率:89%　2022-08-04 09:16")
    (True, True)

    Left alone: figures in a sentence (``全年发帖12,384条，回复56,021条。``).

    >>> forum_furniture("全年发帖12,384条，回复56,021条。")
    False
    """
    if _FORUM.search(line) or forum_action_bar(line):
        return True
    if _RANKS.fullmatch(line.strip()):
        return True
    stats = _BOARD_STATS.findall(line)
    if len(stats) >= 2 and not cjk_count(_BOARD_STATS.sub("", line)):
        return True
    return len(_POSTER_STATS.findall(line)) >= 2 and "。" not in line


_REPLY_HEADER = re.compile(
    # a reply's floor, who and when: "沙发　老街坊　发表于 2021-11-08 20:31", "2楼　2023-04-01 20:35"
    r"(?:沙发|沙發|板凳|地板|(?:[2-9]|[1-9]\d{1,3})\s*(?:楼|樓|F|#)|#(?:[2-9]|[1-9]\d{1,3}))\s+\S{1,20}?\s*"
    r"(?:(?:发表于|發表於|发布于|發佈於)\s*)?\d{2,4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?"
    r"|(?:(?:[2-9]|[1-9]\d{1,3})\s*(?:楼|樓))\s+\d{2,4}[-/.]\d{1,2}[-/.]\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?"
    # a Q&A page's other answers, a folded reply, a reply box's toggle
    r"|(?:其他回答|其他答案|其它回答|其他\d+条回答|更多回答)\s*(?:[(（]\s*\d{1,4}\s*[)）])?"
    r"|本回答由\S{1,10}推荐|本回答由\S{1,10}推薦|本回答被\S{1,10}采纳|本回答被\S{1,10}採納"
    r"|(?:回复|回覆)\s*[(（]\s*\d{1,5}\s*[)）]\s*(?:收起回复|收起回覆)"
    r"|该楼层疑似违规已被系统折叠.{0,12}|該樓層疑似違規已被系統折疊.{0,12}"
    r"|(?:查看全部|展开全部|展開全部)\s*\d{1,6}\s*条(?:评论|回复)|热门评论|熱門評論|(?:网友|網友)留言\s*[(（]\s*\d{1,5}\s*[)）]"
)


@line_rule(role=Role.FOOTER, max_chars=60)
def reply_header(line: str) -> bool:
    """Where a thread's replies begin: a reply's floor header, a Q&A page's other answers.

    >>> reply_header("沙发　老街坊　发表于 2021-11-08 20:31:52"), reply_header("2楼　2023-04-01 20:35")
    (True, True)
    >>> reply_header("其他回答(4)"), reply_header("本回答由提问者推荐"), reply_header("回复(27)　收起回复")
    (True, True, True)
    >>> reply_header("该楼层疑似违规已被系统折叠　隐藏此楼查看此楼"), reply_header("查看全部23条评论")
    (True, True)

    What follows it is other people's words, not the post: the layout cuts
    the page there (a footer).

    Left alone: the opening post's own header (``楼主``, ``1楼``), a floor
    named in a sentence, and prose about answers.

    >>> reply_header("楼主　烟雨江城　发表于 2021-11-08 20:14:07"), reply_header("1楼　2023-04-01 20:11")
    (False, False)
    >>> reply_header("我们在三楼会议室召开了座谈会。"), reply_header("其他回答问题的同志也很踊跃。")
    (False, False)
    """
    return bool(_REPLY_HEADER.fullmatch(line.strip()))


_QUOTE_HEADER = re.compile(
    r"(?:引用|quote|Quote|QUOTE)\s*[:：]?"
    r"|(?:原文由|原帖由|以下是引用)\s*\S{1,30}?\s*(?:於|于|在)\s*.{0,30}?(?:發表|发表|的发言|的發言)\s*[:：]?"
    r"|\S{1,20}\s+(?:写道|寫道|wrote)\s*[:：]|[A-Za-z0-9_.\-]{2,20}\s*(?:写道|寫道|wrote)\s*[:：]"
    r"|引用\s*\S{1,20}\s*的(?:帖子|發言|发言|回复|回覆)\s*[:：]?"
)


@line_rule(max_chars=80)
def forum_quote(line: str) -> bool:
    """The header of a quoted post (``引用:``, ``原帖由 某某 于 … 发表``); the layout also gives its
    label to the truncated quote under it.

    >>> forum_quote("引用:"), forum_quote("原文由 Jen 於 2011-03-24 20:27 發表")
    (True, True)
    >>> forum_quote("以下是引用老王在2010-5-6 10:20:00的发言："), forum_quote("小李 写道:")
    (True, True)

    Left alone: quotations in prose (``正如毛主席所说:``) and the word in a sentence.

    >>> forum_quote("引用一句古话：民为邦本。"), forum_quote("他在日记中写道：")
    (False, False)
    """
    return bool(_QUOTE_HEADER.fullmatch(line.strip()))


_TAGLINE = re.compile(
    r"(?:打卡|日更|连更|連更|坚持|堅持|挑战|挑戰|练习|練習)[^。！？]{0,10}第\s*\d{1,4}\s*[天篇期日]"
    r"|第\s*\d{1,4}\s*[天篇]\s*(?:打卡|日更|连更|連更)"
)


@line_rule(scope=Scope.EDGE, max_chars=50)
def series_tagline(line: str) -> bool:
    """A blogger's series tagline above the post (``日更打卡第168天,每天一分钟``).

    >>> series_tagline("微演讲打卡练习第168天，每天一分钟，成为更好的自己")
    True

    Left alone: sentences (they end with a full stop) about days of work.

    >>> series_tagline("这是我坚持下村走访的第100天。"), series_tagline("驻村第100天")
    (False, False)
    """
    return bool(_TAGLINE.search(line)) and not line.endswith(tuple(FULL_STOPS))
