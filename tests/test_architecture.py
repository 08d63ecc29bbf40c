"""The package's shape: imports go one way, vocabulary is spelled once, rules are all listed.

These tests read the source with ``ast``; they run nothing of the pipeline
except where they check what it declares.
"""

from __future__ import annotations

import ast
import importlib
import json
import re
import sys
from functools import cache
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, ROOT
from zh_gov_essays import furniture, repair
from zh_gov_essays.pipeline import LABELS, label_descriptions
from zh_gov_essays.rules import LineRule, TextRule

PACKAGE = ROOT / "scripts" / "zh_gov_essays"

LAYERS: tuple[tuple[str, ...], ...] = (
    ("vocab", "records", "names", "fragments"),
    ("rules",),
    ("read", "repair", "script"),
    ("learn",),
    ("furniture",),
    ("layout", "invariants", "linewrap"),
    ("metadata",),
    ("segment",),
    ("pipeline",),
    ("fingerprint",),
    ("publish",),
    ("engines", "evaluate", "export", "report", "bench", "hub"),
    ("cli",),
    ("__main__", "__init__"),
)
"""The flow, bottom up: a module may import from a lower layer or from its own package.

The package root (``zh_gov_essays``: its version and records) may be imported
from anywhere; what the root itself imports is lazy."""

LAZY_ALLOWED = ("cli", "engines", "__init__", "__main__")
"""Parts that may import inside a function, to keep ``--help`` and ``import`` fast."""


def _part(module: str) -> str:
    """``zh_gov_essays.metadata.title`` → ``metadata``; ``zh_gov_essays`` → ``__init__``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _layer(part: str) -> int:
    for index, names in enumerate(LAYERS):
        if part in names:
            return index
    raise AssertionError(f"{part!r} is in no layer of LAYERS: place it in the flow")


@cache
def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE.parent).with_suffix("")
        name = ".".join(rel.parts)
        out[name.removesuffix(".__init__")] = path
    return out


def _imports(path: Path) -> list[tuple[str, bool, int]]:
    """``(imported module, inside a function?, line)`` of every package import in ``path``."""
    tree = ast.parse(path.read_text("utf-8"))
    found: list[tuple[str, bool, int]] = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inner = in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
            if isinstance(child, ast.ImportFrom) and child.module and child.level == 0:
                if child.module.startswith("zh_gov_essays"):
                    for alias in child.names:
                        candidate = f"{child.module}.{alias.name}"
                        target = candidate if candidate in _modules() else child.module
                        found.append((target, in_function, child.lineno))
            elif isinstance(child, ast.Import):
                for alias in child.names:
                    if alias.name.startswith("zh_gov_essays"):
                        found.append((alias.name, in_function, child.lineno))
            visit(child, inner)

    visit(tree, False)
    return found


@pytest.mark.parametrize("module", sorted(_modules()), ids=str)
def test_imports_follow_the_flow(module: str) -> None:
    path = _modules()[module]
    part = _part(module)
    wrong = []
    for target, in_function, line in _imports(path):
        other = _part(target)
        if target == "zh_gov_essays" and other != part:
            continue  # the package's face: its version
        if in_function and part not in LAZY_ALLOWED:
            wrong.append(f"line {line}: imports {target} inside a function")
        elif other != part and _layer(other) >= _layer(part):
            wrong.append(f"line {line}: imports {target}, which is not below {part}")
    assert wrong == [], f"{path.relative_to(ROOT)}: " + "; ".join(wrong)


def test_layers_name_every_part_of_the_package() -> None:
    parts = {_part(m) for m in _modules()}
    for part in parts:
        _layer(part)
    assert {"vocab", "furniture", "metadata", "repair", "read", "publish"} <= parts


def test_vocabulary_imports_nothing_else() -> None:
    for module, path in _modules().items():
        if _part(module) == "vocab":
            assert {_part(t) for t, _, _ in _imports(path)} <= {"vocab"}, module


def test_no_module_is_huge() -> None:
    sizes = {m: len(p.read_text("utf-8").splitlines()) for m, p in _modules().items()}
    # The mojibake repair is one algorithm and stays in one piece.
    big = {m: n for m, n in sizes.items() if n > 520 and not m.endswith("repair.mojibake")}
    assert big == {}


# --- one vocabulary ---------------------------------------------------------------------------

# Pieces of the shared vocabulary: found in a string literal outside vocab/,
# they mean a module spells the vocabulary again instead of importing it.
VOCABULARY_PROBES = {
    "date labels": "时间|時間|日期",
    "publication labels": "发布|發布|發佈|发表",
    "source labels": "来源|來源|出处|出處",
    "editor labels": "责任编辑|責任編輯|编辑",
    "copyright": "版权所有|版權所有",
    "breadcrumb arrows": ">|›|»|＞|→",
    "home links": "Home|HOME",
    "back-home links": "回首頁|回首页|返回首页",
    "file extensions": "docx?|pdf",
    "enumerator numerals": "一二三四五六七八九十百零〇两",
    "SEO phrases": "为大家整理|為大家整理",
    "full-width map": '"，"',
    "full stops": "[。！？!?]",
}
_HAN_RANGE = re.compile(
    r"\\u(?:3400|4e00|4dbf|9fff|f900|faff)|\\U000[23][0-9a-f]{4}|[\u3400\u4e00\uf900]-|-[\u9fff\ufaff]",
    re.IGNORECASE,
)


def _string_literals(path: Path) -> list[tuple[int, str]]:
    """Every string constant in the module except docstrings, with its line."""
    source = path.read_text("utf-8")
    tree = ast.parse(source)
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                docstrings.add(id(body[0].value))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if id(node) not in docstrings:
                segment = ast.get_source_segment(source, node) or node.value
                out.append((node.lineno, segment + "\n" + node.value))
    return out


@pytest.mark.parametrize("module", [m for m in sorted(_modules()) if _part(m) != "vocab"], ids=str)
def test_vocabulary_is_spelled_once(module: str) -> None:
    found = []
    for line, text in _string_literals(_modules()[module]):
        if _HAN_RANGE.search(text):
            found.append(f"line {line}: a Han range (use zh_gov_essays.vocab.chars.HAN)")
        for what, probe in VOCABULARY_PROBES.items():
            if probe in text:
                found.append(f"line {line}: {what} (import them from zh_gov_essays.vocab)")
    assert found == []


def test_the_probes_catch_what_they_look_for(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text(
        'import re\nX = re.compile(r"[\\u4e00-\\u9fff]+")\nY = "发布时间|時間|日期"\n', "utf-8"
    )
    texts = [text for _, text in _string_literals(bad)]
    assert any(_HAN_RANGE.search(t) for t in texts)
    assert any(VOCABULARY_PROBES["date labels"] in t for t in texts)


# --- rules and labels -----------------------------------------------------------------------


def _declared_rules() -> dict[str, TextRule | LineRule]:
    """Every rule object defined at the top level of a package module, by qualified name."""
    out = {}
    for module in _modules():
        if module.endswith("__main__"):
            continue  # importing it runs the command line
        loaded = importlib.import_module(module)
        for name, value in vars(loaded).items():
            if isinstance(value, TextRule | LineRule) and value.__module__ == module:
                out[f"{module}.{name}"] = value
    return out


def test_every_declared_rule_runs_in_exactly_one_stage() -> None:
    stages = (repair.LINE_REPAIRS, repair.BODY_REPAIRS, furniture.FURNITURE)
    listed = [rule for stage in stages for rule in stage]
    assert len(listed) == len(set(map(id, listed))), "a rule is listed twice"
    missing = [name for name, rule in _declared_rules().items() if rule not in listed]
    assert missing == [], "declared but listed in no stage tuple (it would never run)"


def test_rules_explain_themselves() -> None:
    # A rule's docstring quotes a real example as a doctest and says what it leaves
    # alone (the pinyin rule says both in its module's docstring).
    for rule in (*repair.LINE_REPAIRS, *repair.BODY_REPAIRS, *furniture.FURNITURE):
        doc = (rule.fn.__doc__ or "") + (sys.modules[rule.fn.__module__].__doc__ or "")
        assert rule.label.description, rule.name
        assert ">>>" in doc, rule.name
        assert "Left alone" in doc or "left alone" in doc, rule.name


def test_labels_are_unique_and_described() -> None:
    names = [label.name for label in LABELS]
    assert len(names) == len(set(names)), sorted(n for n in names if names.count(n) > 1)
    assert all(label.description for label in LABELS)


def test_every_label_in_the_goldens_is_declared() -> None:
    declared = set(label_descriptions())
    used = set()
    for path in sorted((FIXTURES / "golden").glob("*.json")):
        golden = json.loads(path.read_text("utf-8"))
        used |= {r["rule"] for r in golden["removed"]}
        used |= {name for p in golden["paragraphs"] for name in p["repairs"]}
    assert used and used <= declared, used - declared


def test_layout_roles_come_from_the_rules() -> None:
    from zh_gov_essays import layout
    from zh_gov_essays.rules import Role

    assert furniture.date_line.label in layout.PAGE_META
    assert furniture.related_links.label in layout.FOOTER_MARKS
    assert furniture.navigation.label in layout.WEAK_FOOTER_MARKS
    assert layout.WEAK_FOOTER_MARKS <= layout.FOOTER_MARKS
    roles = {rule.role for rule in furniture.FURNITURE}
    assert roles == set(Role)
