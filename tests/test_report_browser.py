"""The report page in a real headless Chromium: it renders, shows every rule, and stays text.

Chromium from the system packages (Debian: ``apt-get install chromium``) is
run with ``--dump-dom`` (the DOM after the page's script ran) and
``--screenshot``; its console is read from ``--enable-logging=stderr``.  The
page also collects its own errors into ``#report-errors``.  Set
``ZH_GOV_CHROMIUM`` to use another binary.  Without a browser the tests skip,
unless ``ZH_GOV_REQUIRE_BROWSER`` is set (CI sets it).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from tests.conftest import ROOT, SEEDS
from tests.report_support import Dom, build_corpus, hostile_input
from zh_gov_essays.report.payload import DECODE_LABELS
from zh_gov_essays.report.write import write_report

CORPUS = ROOT / "corpus"
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
# The flags for a quiet, offline, throw-away browser (running as root needs --no-sandbox).
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--enable-logging=stderr",
    "--v=0",
)


def _browser() -> str | None:
    named = os.environ.get("ZH_GOV_CHROMIUM")
    if named:
        return shutil.which(named) or named
    return next((path for name in BROWSERS if (path := shutil.which(name))), None)


BROWSER = _browser()
# CI sets this so that a missing browser fails the tests instead of skipping them.
REQUIRED = bool(os.environ.get("ZH_GOV_REQUIRE_BROWSER"))
pytestmark = pytest.mark.skipif(
    BROWSER is None and not REQUIRED,
    reason="no Chromium found: apt-get install chromium (or set ZH_GOV_CHROMIUM=/path/to/chrome)",
)


def chromium(url: str, *args: str) -> tuple[str, list[str]]:
    """Run the browser on ``url``; its stdout, and the console messages it logged."""
    assert BROWSER, "ZH_GOV_REQUIRE_BROWSER is set but no Chromium was found"
    with tempfile.TemporaryDirectory(prefix="zh-gov-chromium-") as profile:
        result = subprocess.run(
            [BROWSER, *FLAGS, f"--user-data-dir={profile}", *args, url],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    assert result.returncode == 0, result.stderr[-2000:]
    console = [line for line in result.stderr.splitlines() if ":CONSOLE" in line]
    return result.stdout, console


def dump(page: Path, fragment: str = "") -> Dom:
    """The page's DOM after its script ran; fails on any console message."""
    html, console = chromium(page.as_uri() + fragment, "--dump-dom")
    assert console == [], console
    dom = Dom(html)
    (errors,) = [attrs for tag, attrs in dom.tags if attrs.get("id") == "report-errors"]
    assert "hidden" in errors, "the page reported an error: " + " ".join(dom.texts)
    return dom


@pytest.fixture(scope="module")
def seeds_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report") / "report.html"
    write_report(CORPUS, out, input_root=SEEDS)
    return out


def shown(dom: Dom) -> list[str]:
    return [attrs["id"] for attrs in dom.elements("details") if attrs.get("class") == "doc"]


def test_seeds_page_shows_every_title_and_every_rule(seeds_page: Path) -> None:
    dom = dump(seeds_page)
    rows = pq.read_table(CORPUS / "documents").to_pylist()
    assert len(shown(dom)) == len(rows) == 5
    assert {"data-rendered": "5"} in [
        {"data-rendered": a.get("data-rendered")} for a in dom.elements("body")
    ]
    # The card's plots are inline, and the page's policy let them load (no console message).
    assert len(dom.elements("img")) == len(list((CORPUS / "figures").glob("*.png")))
    paragraphs = pq.read_table(CORPUS / "paragraphs").to_pylist()
    for row in rows:
        assert row["title"] in dom.h3, row["title"]
        for rule in {entry["rule"] for entry in row["removed"]} - set(DECODE_LABELS):
            texts = [entry["text"] for entry in row["removed"] if entry["rule"] == rule]
            rendered = dom.by_rule.get(rule, [])
            whole = {text.strip() for text in rendered}
            # A line removed whole is shown as that line; a cut inside a kept line as
            # its fragments, each marked with the rule.
            assert any(
                text.strip() in whole
                or all(piece in rendered for piece in text.split(" ") if piece)
                for text in texts
            ), (row["source_file"], rule)
        kept = [p["text"] for p in paragraphs if p["doc_id"] == row["doc_id"]]
        assert any(kept[0] in text for text in dom.texts), row["source_file"]


def test_filters_are_read_from_the_address(seeds_page: Path) -> None:
    ids = {
        row["source_file"][:3]: f"doc-{row['doc_id']}"
        for row in pq.read_table(CORPUS / "documents").to_pylist()
    }
    assert shown(dump(seeds_page, "#rule=page_number")) == [ids["001"]]
    assert shown(dump(seeds_page, "#script=Hant")) == [ids["003"], ids["004"]]
    assert shown(dump(seeds_page, "#repair=mojibake")) == [ids["002"]]
    assert shown(dump(seeds_page, "#q=公务员之家")) == [ids["002"]]
    assert shown(dump(seeds_page, "#source=nowhere")) == []


def test_screenshot(seeds_page: Path, tmp_path: Path) -> None:
    png = tmp_path / "report.png"
    _out, console = chromium(
        seeds_page.as_uri(), "--hide-scrollbars", "--window-size=1400,2200", f"--screenshot={png}"
    )
    assert console == []
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 50_000
    print(f"screenshot: {png}")


def test_hostile_page_is_shown_as_text(tmp_path: Path) -> None:
    crawl = hostile_input(tmp_path / "crawl")
    corpus = tmp_path / "corpus"
    build_corpus(crawl, corpus)
    page = tmp_path / "report.html"
    write_report(corpus, page, input_root=crawl)
    dom = dump(page)
    # Nothing from the page became an element or an event handler...
    assert len(dom.elements("script")) == 2
    images = [attrs.get("src") or "" for attrs in dom.elements("img")]
    assert all(src.startswith("data:image/png;base64,") for src in images), images
    handlers = [(tag, name) for tag, attrs in dom.tags for name in attrs if name.startswith("on")]
    assert handlers == []
    # ...and all of it is on the page as text: raw lines, removed lines, the rejected file.
    text = "".join(dom.texts)
    assert "关于加强机关作风建设的几点体会<script>alert(1)</script>" in text
    assert '"><img src=x onerror=alert(2)>' in text
    assert "<script>alert(3)</script>" in text
    assert '"><img src=x onerror=alert(6)>.txt' in text
