"""The HTML page: the overview written as HTML, the documents as escaped JSON for the script.

Everything that comes from the corpus is escaped here (:func:`html.escape`)
or by the script (which only ever sets ``textContent``); the JSON is embedded
in a ``<script type="application/json">`` element with ``<``, ``>`` and ``&``
written as ``\\u003c`` … so no text can close the element.  A
Content-Security-Policy admits only this page's own script and style (by
hash) and ``data:`` images, and no network at all.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html import escape
from importlib.resources import files
from pathlib import Path
from typing import Any

from zh_gov_essays import __version__
from zh_gov_essays.report.collect import Overview
from zh_gov_essays.report.legend import rule_css
from zh_gov_essays.report.options import SampleOptions

_ASSETS = files("zh_gov_essays.report")
_IMAGE_ALT = re.compile(r"!\[([^\]]*)\]\(([^)\s]+)\)")
# Sources listed by name in the overview; the rest are summed up.
TOP_SOURCES = 15


def _n(value: int) -> str:
    return f"{value:,}"


def embed_json(data: Any) -> str:
    """JSON that is safe inside a ``<script>`` element.

    >>> embed_json({"t": "</script><b>&"})
    '{"t":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _csp_hash(text: str) -> str:
    return (
        "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"
    )


def figures(corpus: Path) -> list[tuple[str, str]]:
    """``(caption, data URI)`` of every PNG in ``corpus/figures``: in the card's order, with
    the card's alt text as caption (the file name for a plot the card does not show)."""
    folder = corpus / "figures"
    if not folder.is_dir():
        return []
    captions: dict[str, str] = {}  # in the card's order
    card = corpus / "README.md"
    if card.is_file():
        for alt, target in _IMAGE_ALT.findall(card.read_text(encoding="utf-8", errors="replace")):
            captions.setdefault(Path(target).name, alt)
    order = {name: i for i, name in enumerate(captions)}
    out = []
    paths = sorted(folder.glob("*.png"), key=lambda p: (order.get(p.name, len(order)), p.name))
    for path in paths:
        data = base64.b64encode(path.read_bytes()).decode("ascii")
        out.append((captions.get(path.name) or path.stem, f"data:image/png;base64,{data}"))
    return out


def _table(headers: list[str], rows: list[list[str]], cls: str = "") -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f'<table class="{cls}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _figures_table(overview: Overview) -> str:
    rows = [
        ["inputs in the manifest", _n(overview.inputs)],
        ["documents kept", _n(overview.documents)],
        ["inputs rejected", _n(overview.rejected)],
        ["paragraphs", f"{_n(overview.paragraphs)} ({_n(overview.headings)} headings)"],
        ["characters", _n(overview.chars)],
        ["duplicate documents (dup_of)", _n(overview.duplicate_documents)],
        ["duplicate paragraphs (dup_of)", _n(overview.duplicate_paragraphs)],
    ]
    if overview.clusters is not None:
        rows.append(
            [
                "documents in duplicate clusters",
                f"{_n(overview.clustered_documents or 0)} in {_n(overview.clusters)} clusters",
            ]
        )
    rows.append(["documents marked truncated", _n(overview.truncated)])
    rows.append(
        ["scripts", ", ".join(f"{escape(k)} {_n(v)}" for k, v in overview.by_script.most_common())]
    )
    return _table(["", "count"], [[escape(a), b] for a, b in rows], "figures")


def _rejected_table(overview: Overview) -> str:
    if not overview.rejected:
        return "<p>No input was rejected.</p>"
    rows = []
    for reason, count in overview.rejected_by_reason.most_common():
        examples = overview.rejected_examples.get(reason, [])
        more = count - len(examples)
        listed = " ".join(f"<code>{escape(e)}</code>" for e in examples)
        rows.append(
            [
                f"<code>{escape(reason)}</code>",
                _n(count),
                listed + (f" … {more} more" if more > 0 else ""),
            ]
        )
    return _table(["reason", "inputs", "files"], rows)


def _sources_table(overview: Overview) -> str:
    top = overview.by_source.most_common(TOP_SOURCES)
    rows = [[escape(name), _n(count)] for name, count in top]
    rest = len(overview.by_source) - len(top)
    if rest > 0:
        others = overview.documents - sum(count for _, count in top)
        rows.append([f"<i>{_n(rest)} more sources</i>", _n(others)])
    return _table(["source", "documents"], rows)


def _rules_table(names: list[str], descriptions: list[str], overview: Overview) -> str:
    rows = []
    for i, (name, description) in enumerate(zip(names, descriptions, strict=True)):
        count = overview.rules[name]
        rows.append(
            [
                f'<button type="button" class="chip r{i}" data-rule="{i}" '
                f'title="show the documents it touched">{escape(name)}</button>',
                escape(description),
                _n(count.pieces),
                _n(count.chars),
                _n(count.documents),
                _n(count.paragraphs_repaired),
            ]
        )
    headers = [
        "rule",
        "what it does",
        "pieces removed",
        "characters removed",
        "documents it removed from",
        "paragraphs repaired",
    ]
    return _table(headers, rows, "rules sortable")


def _sample_note(options: SampleOptions, shown: int, total: int) -> str:
    if shown >= total:
        return f"<p>All {_n(total)} documents are shown.</p>"
    return (
        f"<p><b>{_n(shown)} of {_n(total)} documents are shown</b> (the figures above count all): "
        f"for every rule and every repair, the first {options.per_rule} documents it touched "
        "(so a rare rule shows every document it touched), then the first "
        f"{options.per_source} documents of each source, round-robin from the biggest source, "
        f"up to {_n(options.max_documents)}. “First” is corpus order (by <code>doc_id</code>). "
        "Change it with <code>--per-rule</code>, <code>--per-source</code> and "
        "<code>--max-documents</code>.</p>"
    )


def render_page(
    *,
    corpus_label: str,
    overview: Overview,
    names: list[str],
    descriptions: list[str],
    docs: list[dict],
    options: SampleOptions,
    images: list[tuple[str, str]],
    page_size: int,
) -> str:
    """The whole HTML document."""
    css = (_ASSETS / "report.css").read_text(encoding="utf-8") + "\n" + rule_css(len(names))
    script = (_ASSETS / "report.js").read_text(encoding="utf-8")
    csp = (
        f"default-src 'none'; img-src data:; style-src {_csp_hash(css)}; "
        f"script-src {_csp_hash(script)}; base-uri 'none'; form-action 'none'"
    )
    data = {
        "rules": [{"name": n, "desc": d} for n, d in zip(names, descriptions, strict=True)],
        "corpus_documents": overview.documents,
        "page_size": page_size,
        "docs": docs,
    }
    plots = (
        "".join(
            f'<figure><img src="{uri}" alt="{escape(caption)}"><figcaption>{escape(caption)}'
            "</figcaption></figure>"
            for caption, uri in images
        )
        or "<p>This corpus has no plots (<code>figures/*.png</code>).</p>"
    )
    title = f"Cleaning report: {corpus_label}"
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{escape(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="zh-gov-essays {escape(__version__)}">
<title>{escape(title)}</title>
<style>{css}</style>
</head>
<body>
<header class="top">
<h1>{escape(title)}</h1>
<nav><a href="#overview">Overview</a> · <a href="#rules">Rules</a> · <a href="#plots">Plots</a> · <a href="#documents">Documents</a></nav>
</header>
<div id="report-errors" hidden></div>
<main>
<section id="overview">
<h2>Overview</h2>
<div class="grid">
<div><h3>Build</h3>{_figures_table(overview)}</div>
<div><h3>Sources</h3>{_sources_table(overview)}</div>
</div>
<div class="box"><h3>Rejected inputs (from the manifest)</h3>{_rejected_table(overview)}</div>
</section>
<section id="rules">
<h2>Rules, ranked by characters removed</h2>
<p>Every piece of text the cleaner removed is logged with its rule; repairs name the paragraphs they changed. Click a column heading to sort, a rule to list the documents it touched.</p>
{_rules_table(names, descriptions, overview)}
</section>
<section id="plots">
<h2>Plots</h2>
<div class="plots">{plots}</div>
</section>
<section id="documents">
<h2>Documents</h2>
{_sample_note(options, len(docs), overview.documents)}
<p class="how">Each document shows its raw page line by line: a <span class="demo rm">coloured line</span> was removed whole by the rule named at its right; a <mark class="demo">coloured span</mark> was cut out of a line that was kept; <span class="demo pn">¶3</span> says which kept paragraph a line became, followed by the repairs made to that paragraph. Hover a rule for what it does. On the right, the kept paragraphs, headings as headings.</p>
<div id="controls"></div>
<div id="legend"></div>
<div id="pager-top" class="pager"></div>
<div id="docs"><noscript><p>The document view needs JavaScript (embedded in this file; it fetches nothing).</p></noscript></div>
<div id="pager-bottom" class="pager"></div>
</section>
</main>
<script type="application/json" id="report-data">{embed_json(data)}</script>
<script>{script}</script>
</body>
</html>
"""
