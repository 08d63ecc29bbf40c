"""The text-rule runner: its audit diff is difflib's, its gates skip only what the
rules' own prefilters skip."""

from __future__ import annotations

import random
import re
import sys
from difflib import SequenceMatcher

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import FIXTURES
from zh_gov_essays import fragments, rules
from zh_gov_essays.fragments import deleted_fragments
from zh_gov_essays.repair import BODY_REPAIRS, LINE_REPAIRS, _learned_watermarks, pinyin
from zh_gov_essays.rules import TextRule, apply_text_rules, first_chars, gates_of
from zh_gov_essays.vocab.memo import LINE_CHARS


def fragments_by_difflib(before: str, after: str) -> list[str]:
    """What ``deleted_fragments`` is defined as: the deleted and replaced runs of
    difflib's opcodes (no junk), those with more than white space."""
    matcher = SequenceMatcher(None, before, after, autojunk=False)
    return [
        before[i1:i2]
        for tag, i1, i2, _j1, _j2 in matcher.get_opcodes()
        if tag in ("delete", "replace") and before[i1:i2].strip()
    ]


_PIECES = st.sampled_from(
    [
        "的",
        "了",
        "建设",
        "服务型机关",
        "。",
        "，",
        " ",
        "&nbsp;",
        "&amp;",
        "a",
        "ab",
        "的的",
        "\u3000",
    ]
)
_TEXT = st.lists(_PIECES, max_size=40).map("".join)


def edited(rnd: random.Random, text: str) -> str:
    """``text`` with a few pieces cut, replaced or inserted, the way repairs change lines."""
    chars = list(text)
    for _ in range(rnd.randint(1, 5)):
        at = rnd.randrange(len(chars) + 1)
        chars[at : at + rnd.randint(0, 6)] = rnd.choice(["", " ", "“", "&", "的", "建设", "X"])
    return "".join(chars)


@settings(max_examples=1500, deadline=None)
@given(_TEXT, _TEXT)
def test_deleted_fragments_are_difflibs(before: str, after: str) -> None:
    assert deleted_fragments(before, after) == fragments_by_difflib(before, after)


def test_deleted_fragments_of_edited_lines_are_difflibs(monkeypatch: pytest.MonkeyPatch) -> None:
    rnd = random.Random(13)
    alphabet = "的了是在和有我们建设服务机关。，&amp;ab "
    pairs = []
    for _ in range(400):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.choice([3, 40, 400, 2000])))
        pairs.append((edited(rnd, text), text))
        pairs.append((text, edited(rnd, text)))
    for before, after in pairs:
        assert deleted_fragments(before, after) == fragments_by_difflib(before, after)
    # long lines changed far from both ends: difflib's own search, the same fragments
    monkeypatch.setattr(fragments, "MAX_GRAM_CHARS", 64)
    for before, after in pairs[:200]:
        assert deleted_fragments(before, after) == fragments_by_difflib(before, after)


def test_deleted_fragments_take_the_earliest_of_equal_blocks() -> None:
    # the longest common block is the suffix, not the prefix: difflib cuts "abcdX"
    assert deleted_fragments("abcdXabcdef", "abcdef") == ["abcdX"]
    assert deleted_fragments("xyzWxyz", "xyz") == ["Wxyz"]


def _code_points() -> str:
    return "".join(chr(cp) for cp in range(sys.maxunicode + 1) if not 0xD800 <= cp <= 0xDFFF)


@pytest.mark.parametrize("stage", [LINE_REPAIRS, BODY_REPAIRS], ids=["line", "body"])
def test_a_gate_holds_the_first_character_of_every_gated_prefilter(stage) -> None:
    """Every character that starts a match of a gated rule's prefilter is in the gate of
    each position up to the rule (over all code points)."""
    plan = gates_of(stage)
    every = _code_points()
    for k, rule in enumerate(stage):
        if not plan.gated[k]:
            continue
        firsts = re.compile(f"[{first_chars(rule.needs)}]")
        starts = {m.group() for m in rule.needs.finditer(every)} | set(firsts.findall(every))
        for gate in plan.gates[: k + 1]:
            assert gate is not None and not set(starts) - set(gate.findall("".join(starts)))


def test_most_line_repairs_are_gated() -> None:
    gated = {
        rule.name for rule, on in zip(LINE_REPAIRS, gates_of(LINE_REPAIRS).gated, strict=True) if on
    }
    assert {"html_entities", "whitespace", "noncharacters", "pinyin_gloss", "watermark"} <= gated
    assert "utf8_as_gbk" not in gated  # its pre-check's first characters are common hanzi


def test_gates_follow_a_changed_prefilter(monkeypatch: pytest.MonkeyPatch) -> None:
    """Switching a prefilter off rebuilds the gates: the rule runs on every line again."""
    seen: list[str] = []

    def spy(text: str) -> str:
        seen.append(text)
        return text

    rule = TextRule(spy, name="spy", needs="[&]")
    stage = (rule,)
    apply_text_rules("建设服务型机关", stage)
    assert seen == []
    monkeypatch.setattr(rule, "needs", None)
    apply_text_rules("建设服务型机关", stage)
    assert seen == ["建设服务型机关"]


def test_gates_skip_the_rules_their_prefilters_skip() -> None:
    """A rule whose prefilter is in the gate still runs on text that has it after an
    earlier rule changed the line (the gate is searched again from there)."""
    add = TextRule(lambda t: t + "&", name="add")
    drop = TextRule(lambda t: t.replace("&", ""), name="drop", logs=True, needs="&")
    assert apply_text_rules("建设", (add, drop)).repairs == ["add", "drop"]
    assert apply_text_rules("建设", (drop, add)).repairs == ["add"]


def test_first_chars_only_of_simple_prefilters() -> None:
    assert first_chars(re.compile("[\u3000\\s]")) == "\u3000\\s"
    assert first_chars(re.compile("集团|國際|QQ")) == "集國Q"
    assert first_chars(re.compile("[-a]")) is None  # a leading "-" could join a range
    assert first_chars(re.compile("[a-]")) is None
    assert first_chars(re.compile("[^a]")) is None
    assert first_chars(re.compile("a+|b")) is None
    assert first_chars(re.compile("ab", re.IGNORECASE)) is None


def test_prefilters_written_out_hold_every_character_they_stand_for() -> None:
    """The classes spelled out for speed: pinyin letters in either case (what the rule's
    case-insensitive search finds), and the noncharacters as three ranges."""
    whitespace = sys.modules["zh_gov_essays.repair.whitespace"]  # the rule has its name
    every = _code_points()
    letters = set(pinyin._LETTER.findall(every))
    assert "K" in letters and "\u212a" in letters  # the Kelvin sign folds to "k"
    assert letters <= set(pinyin.strip_pinyin_glosses.needs.findall(every))
    nonchars = set(whitespace._NONCHARACTERS.findall(every))
    assert len(nonchars) == 66
    assert nonchars <= set(whitespace.noncharacters.needs.findall(every))


@pytest.mark.parametrize("stage", [LINE_REPAIRS, BODY_REPAIRS], ids=["line", "body"])
def test_a_rare_gate_holds_the_first_character_of_every_rare_prefilter(stage) -> None:
    """The second gate merges only gated prefilters, and holds the first characters of
    each one up to its rule (over all code points)."""
    plan = gates_of(stage)
    every = _code_points()
    for k, rule in enumerate(stage):
        if not plan.rare[k]:
            continue
        assert plan.gated[k]
        starts = set(re.compile(f"[{first_chars(rule.needs)}]").findall(every))
        for j in range(k + 1):  # None where it is the first gate's class
            gate = plan.rare_gates[j] or plan.gates[j]
            assert gate is not None and not starts - set(gate.findall("".join(starts)))


def test_rare_gates_leave_out_what_ordinary_lines_hold() -> None:
    plan = gates_of(LINE_REPAIRS)
    rare = {rule.name for rule, on in zip(LINE_REPAIRS, plan.rare, strict=True) if on}
    assert {"invisible_chars", "noncharacters", "private_use", "zhuyin_gloss"} <= rare
    assert not rare & {"html_entities", "whitespace", "pinyin_gloss", "watermark"}
    assert plan.rare_gates[0] is not None
    assert plan.rare_gates[0].search("一、建设服务型机关，2023 年 A 类&nbsp;<p>") is None


def test_gated_runs_are_the_runs_of_each_rule_behind_its_own_prefilter() -> None:
    """A list of rules is run without gates, each behind its own prefilter: the same
    texts, repairs and removals as the tuple with its gates."""
    lines = [
        line
        for path in sorted(FIXTURES.rglob("*"))
        if path.is_file() and path.suffix in (".txt", ".html")
        for line in path.read_text("utf-8", "replace").splitlines()
    ]
    lines += [
        "&bsp;&bsp;一、建设\u200b服务型\ue000机关",
        "政ㄓㄥˋ協ㄒㄧㄝˊ委員\ufffd",
        "å»ºè®¾ 公司",
    ]
    changed = 0
    for stage in (LINE_REPAIRS, BODY_REPAIRS):
        for line in lines:
            gated = apply_text_rules(line, stage)
            assert gated == apply_text_rules(line, list(stage)), line
            changed += bool(gated.repairs)
    assert changed > 200


# --- remembered results ----------------------------------------------------------------------


def _spied(name: str = "spy") -> tuple[TextRule, list[str]]:
    """A logging rule that deletes "&nbsp;" and records every text it is called on."""
    seen: list[str] = []

    def drop(text: str) -> str:
        seen.append(text)
        return text.replace("&nbsp;", "")

    return TextRule(drop, name=name, logs=True, needs="&"), seen


def test_a_line_met_again_gets_the_remembered_result_in_new_lists() -> None:
    rule, seen = _spied()
    stage = (rule,)
    first = apply_text_rules("&nbsp;建设服务型机关", stage)
    assert (first.text, first.repairs) == ("建设服务型机关", ["spy"])
    assert [r.text for r in first.removed] == ["&nbsp;"]
    first.repairs.append("changed by a caller")
    first.removed.clear()  # repair_lines extends a line's list in place
    again = apply_text_rules("&nbsp;建设服务型机关", stage)
    assert seen == ["&nbsp;建设服务型机关"]  # the rule ran once
    assert (again.text, again.repairs) == ("建设服务型机关", ["spy"])
    assert [r.text for r in again.removed] == ["&nbsp;"]
    assert again.repairs is not first.repairs and again.removed is not first.removed


def test_only_tuples_remember_and_only_lines_up_to_the_limit() -> None:
    rule, seen = _spied()
    apply_text_rules("&nbsp;机关", [rule])
    apply_text_rules("&nbsp;机关", [rule])  # a list made for one page: nothing remembered
    assert seen == ["&nbsp;机关"] * 2
    long = "&nbsp;" + "机" * LINE_CHARS
    apply_text_rules(long, (rule,))
    apply_text_rules(long, (rule,))
    assert seen[2:] == [long, long]
    short = "&nbsp;" + "机" * (LINE_CHARS - 6)
    apply_text_rules(short, (rule,))
    apply_text_rules(short, (rule,))
    assert seen[4:] == [short]


def test_the_least_recently_met_line_is_forgotten_first() -> None:
    rule, seen = _spied()
    stage = (rule,)
    lines = [f"&nbsp;第{n}行" for n in range(rules.RESULT_CACHE + 1)]
    for line in lines[:-1]:
        apply_text_rules(line, stage)
    apply_text_rules(lines[0], stage)  # met again: now the most recent
    apply_text_rules(lines[-1], stage)  # one too many: the least recent (lines[1]) goes
    seen.clear()
    apply_text_rules(lines[0], stage)
    apply_text_rules(lines[2], stage)
    assert seen == []
    apply_text_rules(lines[1], stage)
    assert seen == [lines[1]]
    assert gates_of(stage).results.cache_info().currsize == rules.RESULT_CACHE


def test_changing_a_rule_forgets_its_results_and_making_one_does_not(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rule, seen = _spied()
    stage = (rule,)
    apply_text_rules("&nbsp;机关", stage)
    version = rules._RULES_VERSION
    _learned_watermarks(("公务员之家",))  # what a page with a stamped watermark makes
    assert rules._RULES_VERSION == version
    apply_text_rules("&nbsp;机关", stage)
    assert seen == ["&nbsp;机关"]
    monkeypatch.setattr(rule, "fn", lambda text: text.replace("&nbsp;", " "))
    assert apply_text_rules("&nbsp;机关", stage).text == " 机关"


def test_remembered_results_are_the_results_on_every_fixture_line() -> None:
    """Each fixture line, run through the line and body stages cold, then again from memory:
    the same texts, repairs and removals."""
    lines = [
        line
        for path in sorted(FIXTURES.rglob("*"))
        if path.is_file() and path.suffix in (".txt", ".html")
        for line in path.read_text("utf-8", "replace").splitlines()
    ]
    for stage in (LINE_REPAIRS, BODY_REPAIRS):
        plan = gates_of(stage)
        plain = [rules._run_rules(line, stage, plan) for line in lines]
        plan.results.cache_clear()
        for _ in range(2):
            remembered = [apply_text_rules(line, stage) for line in lines]
            assert [(r.text, r.repairs, r.removed) for r in remembered] == [
                (r.text, r.repairs, r.removed) for r in plain
            ]
