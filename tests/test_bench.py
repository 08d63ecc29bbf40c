"""``zh-gov-essays bench``: the crawl it makes, what it measures, and the command itself.

* The crawl is deterministic (same seed, same bytes; the crawl of N is the
  start of the crawl of 4N), every page is distinct and kept, and every kind
  of noise it claims to put in a page is found by the real pipeline (the
  rule named for it fires), and only there; near-duplicate copies are
  flagged by the duplicate finder.
* The measurements' parts: the baseline's rows, the stage and rule
  instrumentation (undone afterwards), the duplicate finder's figures, the
  targets.
* The command runs end to end on a small crawl (``--docs 6``: every
  measurement, no timing asserted; ``--docs 3 --quick --check``): its last
  line is the JSON summary, and its builds of 1 and 2 workers write the same
  bytes.  Timing is never asserted: figures depend on the machine.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import io
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from tests.conftest import ROOT, SEEDS, seed_path
from zh_gov_essays import pipeline, repair, segment
from zh_gov_essays.bench.crawl import COPIES, FORCED, KINDS, Page, generate_pages, write_crawl
from zh_gov_essays.bench.dedup import measure_dedup
from zh_gov_essays.bench.material import TITLE_SLOT, load_material, strip_glosses
from zh_gov_essays.bench.measure import plain_decode, run_baseline
from zh_gov_essays.bench.noise import ascii_punct
from zh_gov_essays.bench.profile import Recording, instrumented, rule_costs, stage_functions
from zh_gov_essays.bench.report import SUMMARY_KEYS, TARGETS, _builds, summary
from zh_gov_essays.bench.run import Options, post_steps
from zh_gov_essays.cli import main
from zh_gov_essays.engines.work import BUILD_STEPS
from zh_gov_essays.pipeline import process
from zh_gov_essays.publish.dedup import Deduplicator
from zh_gov_essays.records import Document, RawDoc

MATERIAL = load_material(SEEDS)
BENCH = [sys.executable, "-m", "zh_gov_essays", "bench"]
# Pages of a crawl that has every kind (the first ones are dealt one kind each).
EVERY_KIND = len(MATERIAL.templates) + len(FORCED)


def labels(doc: Document) -> set[str]:
    """Every rule that removed or repaired something in ``doc``."""
    return {r.rule for r in doc.removed} | {n for p in doc.paragraphs for n in p.repairs}


# What the pipeline must report for each kind a page carries.
FIRES = {
    "ascii_punct": lambda doc: "punct_fullwidth" in labels(doc),
    "entity_indent": lambda doc: "html_entities" in labels(doc),
    "space_indent": lambda doc: "whitespace" in labels(doc),
    "page_numbers": lambda doc: "page_number" in labels(doc),
    "watermark": lambda doc: "watermark" in labels(doc),
    "mojibake": lambda doc: "mojibake" in labels(doc),
    "pinyin_gloss": lambda doc: "pinyin_gloss" in labels(doc),
    "html": lambda doc: "html" in labels(doc),
    "gb18030": lambda doc: doc.encoding == "gb18030",
    "big5": lambda doc: doc.encoding == "big5",
    "utf-16": lambda doc: (doc.encoding or "").startswith("utf-16"),
}
# The furniture each seed's template carries, as the rules name it.
TEMPLATE_RULES = {
    "000": {"site_notice", "counter", "prev_next", "comment_widget", "title_repeat"},
    "001": {"breadcrumb", "date_line", "truncation_notice", "title_repeat"},
    "002": {"date_line", "site_notice", "title_repeat"},
    "003": {"date_line", "site_notice"},
    "004": {"breadcrumb", "byline", "tag_list"},
}
# Rules only one kind (or one template's furniture) makes fire.
ONLY_FROM = {
    "watermark": ("watermark", ()),
    "mojibake": ("mojibake", ()),
    "html": ("html", ()),
    "pinyin_gloss": ("pinyin_gloss", ("003",)),  # seed 003's furniture is glossed
}


@pytest.fixture(scope="module")
def pages() -> list[Page]:
    return list(generate_pages(MATERIAL, 120, seed=0))


@pytest.fixture(scope="module")
def docs(pages: list[Page]) -> dict[str, Document]:
    return {page.name: process(RawDoc(page.name, page.data)) for page in pages}


# --- the material ----------------------------------------------------------------------


def test_material_takes_every_seed_apart() -> None:
    assert [t.seed[:3] for t in MATERIAL.templates] == ["000", "001", "002", "003", "004"]
    assert [t.script for t in MATERIAL.templates] == ["Hans"] * 3 + ["Hant"] * 2
    for template in MATERIAL.templates:  # the title has a slot, and no essay text is left
        assert any(TITLE_SLOT in line for line in template.head), template.seed
        assert all(len(line) < 100 for line in (*template.head, *template.tail)), template.seed
    assert [e.seed[:3] for e in MATERIAL.essays["Hans"]] == ["000", "001", "002"]
    assert [e.seed[:3] for e in MATERIAL.essays["Hant"]] == ["003", "004"]
    # seed 001's paragraphs cut by page numbers are whole again; 002's watermarks and
    # mojibake line are out
    _, e001, e002 = MATERIAL.essays["Hans"]
    joined = [p.text for p in e001.paragraphs if "拾遗补缺，" in p.text]
    assert len(joined) == 1 and "拾遗补缺，完善决策；" in joined[0]
    text002 = "".join(p.text for p in e002.paragraphs)
    assert "公务员之家版权所有" not in text002 and "最大限度地" in text002
    assert "在掌握基纠砺邸" not in text002
    # Traditional essays are the seeds' own text (glosses stripped), never converted
    for essay in MATERIAL.essays["Hant"]:
        raw = strip_glosses(seed_path(essay.seed[:3]).read_text("utf-8"))
        assert all(ascii_punct(p.text) in raw for p in essay.paragraphs), essay.seed
    assert MATERIAL.watermarks == ("公务员之家版权所有",)
    assert "&bsp;&bsp;&bsp;" in MATERIAL.indents and "\u3000\u3000" in MATERIAL.indents


# --- the crawl -------------------------------------------------------------------------


def test_same_seed_same_bytes_other_seed_other_bytes() -> None:
    first = [(p.name, p.data) for p in generate_pages(MATERIAL, 30, seed=7)]
    assert first == [(p.name, p.data) for p in generate_pages(MATERIAL, 30, seed=7)]
    other = [(p.name, p.data) for p in generate_pages(MATERIAL, 30, seed=8)]
    assert [d for _, d in first] != [d for _, d in other]
    assert [Path(n).stem for n, _ in first] == [Path(n).stem for n, _ in other]


def test_written_crawl_of_n_is_the_start_of_the_crawl_of_4n(tmp_path: Path) -> None:
    counts = write_crawl(
        MATERIAL, [(tmp_path / "n", 10), (tmp_path / "more", 30)], tmp_path / "p.jsonl", seed=3
    )
    made = list(generate_pages(MATERIAL, 40, seed=3))
    written = [tmp_path / "n" / p.name for p in made[:10]]
    written += [tmp_path / "more" / p.name for p in made[10:]]
    assert [path.read_bytes() for path in written] == [p.data for p in made]
    records = [json.loads(line) for line in (tmp_path / "p.jsonl").read_text("utf-8").splitlines()]
    assert [r["sha256"] for r in records] == [hashlib.sha256(p.data).hexdigest() for p in made]
    assert counts["Hans"] + counts["Hant"] == 40
    assert sum(v for k, v in counts.items() if k.startswith("template:")) == 40


def test_pages_are_distinct_kept_and_in_their_script(
    pages: list[Page], docs: dict[str, Document]
) -> None:
    assert len({hashlib.sha256(p.data).digest() for p in pages}) == len(pages)
    assert all(doc.kept for doc in docs.values())
    assert [docs[p.name].script for p in pages] == [p.script for p in pages]
    scripts = Counter(p.script for p in pages)
    assert scripts["Hans"] > 40 and scripts["Hant"] > 30
    names = Counter(Path(p.name).suffix for p in pages)
    assert names[".html"] > 5 and names[".txt"] > 80


def test_a_short_crawl_has_every_kind_and_template(pages: list[Page]) -> None:
    first = pages[:EVERY_KIND]
    assert {k for p in first for k in p.kinds} == set(KINDS)
    assert {p.template for p in first} == {t.seed for t in MATERIAL.templates}


def test_every_kind_is_found_by_the_pipeline(pages: list[Page], docs: dict[str, Document]) -> None:
    for page in pages:
        doc = docs[page.name]
        for kind in page.kinds:
            if kind in FIRES:
                assert FIRES[kind](doc), (page.name, kind, sorted(labels(doc)))
        assert TEMPLATE_RULES[page.template[:3]] <= labels(doc), (page.name, page.template)


def test_rules_of_a_kind_fire_only_where_it_was_put(
    pages: list[Page], docs: dict[str, Document]
) -> None:
    for page in pages:
        found = labels(docs[page.name])
        for rule, (kind, templates) in ONLY_FROM.items():
            if kind not in page.kinds and page.template[:3] not in templates:
                assert rule not in found, (page.name, rule)


def test_near_duplicate_copies_are_flagged(pages: list[Page], docs: dict[str, Document]) -> None:
    dedup = Deduplicator()
    for doc in sorted(docs.values(), key=lambda d: d.doc_id):
        dedup.mark(doc)
    copies = [p for p in pages if p.copy_of]
    assert {k for p in copies for k in p.kinds if k in COPIES} == set(COPIES)
    for page in copies:
        copy, original = docs[page.name], docs[page.copy_of]
        assert copy.dup_cluster == original.dup_cluster, (page.name, page.kinds)
        assert (
            copy.dup_of == original.doc_id
            or original.dup_of == copy.doc_id
            or (copy.dup_of is not None and original.dup_of is not None)
        )
    converted = [p for p in copies if "copy_hant" in p.kinds]
    assert converted and all(p.script == "Hant" for p in converted)
    # A page that is no copy and has none is no duplicate (its own recombined paragraphs)
    copied = {p.copy_of for p in copies}
    alone = [docs[p.name] for p in pages if not p.copy_of and p.name not in copied]
    assert len(alone) > 90 and [d.source_file for d in alone if d.dup_of] == []


# --- the measurements' parts -----------------------------------------------------------


def test_plain_decode_and_the_baseline_rows(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("第一段\n\n第二段\n  \n\n第三段\n", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes("甲\r\n\r\n乙".encode("gb18030"))
    (tmp_path / "c.txt").write_bytes("丙丁".encode("utf-16"))
    files = sorted(tmp_path.glob("*.txt"))
    run = run_baseline(files, tmp_path / "out.parquet")
    table = pq.read_table(tmp_path / "out.parquet")
    assert run.files == 3 and run.rows == 6 == table.num_rows
    assert table.column("text").to_pylist() == ["第一段", "第二段", "第三段", "甲", "乙", "丙丁"]
    assert table.column("index").to_pylist() == [0, 1, 2, 0, 1, 0]
    assert pq.ParquetFile(tmp_path / "out.parquet").metadata.row_group(0).column(3).compression == (
        "ZSTD"
    )
    assert plain_decode(b"\xef\xbb\xbfok") == "ok"


def test_stages_are_the_functions_process_calls() -> None:
    names = stage_functions()
    stages = {"decode_raw", "repair_lines", "classify", "body_paragraphs", "body_scripts"}
    assert stages <= set(names)
    assert all(callable(getattr(pipeline, n)) for n in names)


def test_instrumentation_records_and_is_undone() -> None:
    before = {name: getattr(pipeline, name) for name in stage_functions()}
    raw = RawDoc("003.txt", seed_path("003").read_bytes())
    rec = Recording()
    with instrumented(rec):
        doc = process(raw)
    assert {name: getattr(pipeline, name) for name in before} == before
    assert repair.apply_text_rules.__module__ == "zh_gov_essays.rules"
    assert segment.apply_text_rules.__module__ == "zh_gov_essays.rules"
    assert rec.calls and set(rec.stage_seconds) <= set(before)
    assert list(rec.stage_seconds)[:1] == ["decode_raw"]  # in the order the stages finish
    costs = {c.label: c for c in rule_costs(rec.calls, repeats=1)}
    assert costs["pinyin_gloss"].changed == 22  # every line of seed 003 but its date line
    assert costs["punct_fullwidth [body]"].changed > 0
    assert doc.to_inspect() == process(raw).to_inspect()


def test_duplicate_finder_figures() -> None:
    seeds = [process(RawDoc(p.name, p.read_bytes())) for p in sorted(SEEDS.glob("*.txt"))]
    paragraphs = [dataclasses.replace(p) for p in seeds[0].paragraphs]
    copy = Document("f" * 16, "copy.txt", "f" * 64, script="Hans", paragraphs=paragraphs)
    report = measure_dedup([*seeds, copy])
    assert report["documents"] == 6 and report["paragraphs"] == 84 + len(copy.paragraphs)
    assert report["duplicate_documents"] == 1
    assert report["duplicate_paragraphs"] == len(copy.paragraphs)
    # Bands: 20 key prefixes of 4 bytes and 20 ordinals of 4 per paragraph that is not a copy.
    assert report["band_bytes_per_original"] == 160
    assert report["minhash"]["datasketch_over_ours"] > 0  # datasketch is in the test extra


def _report(seconds_1w: float, seconds_2w: float, rss_n: int, rss_4n: int | None) -> dict:
    def build(seconds: float, workers: int, rss: int) -> dict:
        cpu = seconds * workers  # every CPU busy
        return {
            "seconds": seconds,
            "workers": workers,
            "workers_used": workers,
            "rss_bytes": rss,
            "peak_rss_bytes": rss,
            "worker_peak_rss_bytes": 0,
            "documents_kept": 6,
            "documents_rejected": 0,
            "paragraphs": 9,
            "total_cpu_seconds": cpu,
        }

    builds = {"1w": build(seconds_1w, 1, rss_n), "2w": build(seconds_2w, 2, rss_n)}
    if rss_4n is not None:
        builds["4n_1w"] = build(4 * seconds_1w, 1, rss_4n)
    return {
        "builds": builds,
        "crawl": {"bytes": 60_000_000},
        "baseline": {"seconds": 1.0, "rows": 7},
        "machine": {"usable_cpus": 2, "load_average": [0.1], "commit": None},
    }


def test_summary_keys_and_targets() -> None:
    fast = summary(_report(10.0, 5.2, 300_000_000, 330_000_000), Options(docs=5000))
    assert list(fast)[: len(SUMMARY_KEYS)] == list(SUMMARY_KEYS)
    assert fast["mb_per_s"] == 6.0 and fast["baseline_mb_per_s"] == 60.0
    assert fast["ratio"] == 0.1 and fast["speedup_2w"] == 1.923
    assert fast["rss_mb_n"] == 300.0 and fast["rss_ratio_4n"] == 1.1
    assert fast["cpu_seconds_1w"] == 10.0 and fast["cpu_seconds_2w"] == 10.4
    assert fast["targets_failed"] == []
    slow = summary(_report(60.0, 40.0, 450_000_000, 600_000_000), Options(docs=5000))
    assert slow["targets_failed"] == [t.key for t in TARGETS]
    quick = summary(_report(60.0, 40.0, 300_000_000, None), Options(docs=5000, quick=True))
    assert quick["rss_mb_4n"] is None and "rss_mb_4n" not in quick["targets_failed"]
    assert not fast["speed_changed"] and not slow["speed_changed"]


def test_a_change_of_the_machines_speed_is_flagged() -> None:
    """Every CPU busy: a speed-up over 2 means the 2-worker build used less CPU than the
    1-worker one, which the same work plus the copies cannot, on an unchanged machine."""
    steady, changed = _report(10.0, 5.2, 300_000_000, None), _report(10.0, 4.8, 300_000_000, None)
    assert not summary(steady, Options(docs=5000, quick=True))["speed_changed"]
    line = summary(changed, Options(docs=5000, quick=True))
    assert line["speedup_2w"] == 2.083 and line["speed_changed"]
    for report, flagged in ((steady, False), (changed, True)):
        text = "\n".join(_builds(report))
        assert ("warning: the 2-worker build used less CPU" in text) is flagged


# --- the command -----------------------------------------------------------------------


def test_help_lists_the_options() -> None:
    out = subprocess.run(
        [*BENCH, "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    for option in ("--docs", "--workers", "--seed", "--json", "--keep", "--quick", "--check"):
        assert option in out.stdout
    top = subprocess.run(
        [sys.executable, "-m", "zh_gov_essays", "--help"], capture_output=True, text=True
    )
    assert "bench" in top.stdout


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--docs", "0"], "--docs must be at least 1"),
        (["--crawl-only"], "give --keep"),
        (["--seeds", "nowhere"], "no seed pages"),
    ],
)
def test_usage_errors(argv: list[str], message: str, capsys: pytest.CaptureFixture) -> None:
    assert main(["bench", *argv]) == 2
    assert message in capsys.readouterr().err


def test_keep_must_be_new_or_empty(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    (tmp_path / "old.txt").write_text("x", encoding="utf-8")
    assert main(["bench", "--keep", str(tmp_path), "--crawl-only"]) == 2
    assert "not an empty folder" in capsys.readouterr().err


def test_crawl_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    keep = tmp_path / "keep"
    assert main(["bench", "--docs", "12", "--seed", "4", "--keep", str(keep), "--crawl-only"]) == 0
    made = list(generate_pages(MATERIAL, 12, seed=4))
    assert [(keep / "crawl" / "n" / p.name).read_bytes() for p in made] == [p.data for p in made]
    assert not (keep / "crawl" / "more").exists()


def run_bench_command(argv: list[str]) -> tuple[int, str, str]:
    """``zh-gov-essays bench ARGV`` in this process (its builds are child processes, as
    always): exit status, stdout, stderr.  In-process, the bench's own imports are
    already paid for; the seeds and card are given by path, so any working folder does."""
    out, err = io.StringIO(), io.StringIO()
    argv = [*argv, "--seeds", str(SEEDS), "--card", str(ROOT / "DATASET_CARD.md")]
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["bench", *argv])
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def bench_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path, Path]:
    """One whole benchmark of 6 documents (builds of 6 and 24): its stdout, --keep, --json."""
    tmp = tmp_path_factory.mktemp("bench")
    keep, report = tmp / "keep", tmp / "report.json"
    code, stdout, stderr = run_bench_command(
        ["--docs", "6", "--keep", str(keep), "--json", str(report)]
    )
    assert code == 0, stderr
    assert "bench: done in" in stderr  # progress goes to stderr, the report to stdout
    return stdout, keep, report


def test_the_last_line_is_the_summary(bench_run: tuple[str, Path, Path]) -> None:
    stdout, _, report = bench_run
    line = json.loads(stdout.splitlines()[-1])
    assert list(line)[: len(SUMMARY_KEYS)] == list(SUMMARY_KEYS)
    assert line["docs"] == 6 and isinstance(line["docs"], int)
    for key in SUMMARY_KEYS[1:]:
        assert isinstance(line[key], float) and line[key] > 0, key
    assert line["paragraphs"] > line["docs"] and line["quick"] is False
    assert json.loads(report.read_text("utf-8"))["summary"] == line


def test_the_tables(bench_run: tuple[str, Path, Path]) -> None:
    stdout, _, _ = bench_run
    lines = stdout.splitlines()
    assert lines[0].startswith("zh-gov-essays bench: 6 synthetic documents")
    for target in TARGETS:
        (row,) = [ln for ln in lines if f" {target.key} " in ln]
        assert row.rstrip().endswith(("pass", "FAIL")), row
    for heading in ("stages of process()", "text rules", "duplicate finder", "publishing"):
        assert any(ln.startswith(heading) for ln in lines), heading
    assert any("build of 24 documents" in ln for ln in lines)
    assert any(ln.startswith("  CPU s: the build's processes together") for ln in lines)
    assert any("re-upload share" in ln for ln in lines)


def test_the_report_and_what_is_kept(bench_run: tuple[str, Path, Path]) -> None:
    _, keep, report_path = bench_run
    report = json.loads(report_path.read_text("utf-8"))
    assert set(report["builds"]) == {"1w", "2w", "4n_1w"}
    assert [report["builds"][k]["documents_kept"] for k in ("1w", "2w", "4n_1w")] == [6, 6, 24]
    assert report["builds"]["2w"]["worker_peak_rss_bytes"] > 0
    # CPU time after the child's imports: the parent's own, and its workers' (none with one)
    builds = report["builds"]
    assert builds["1w"]["worker_cpu_seconds"] == 0 < builds["1w"]["cpu_seconds"]
    assert builds["2w"]["worker_cpu_seconds"] > 0 and builds["2w"]["cpu_seconds"] > 0
    for build in builds.values():
        assert build["total_cpu_seconds"] == build["cpu_seconds"] + build["worker_cpu_seconds"]
    summary = report["summary"]
    assert summary["cpu_seconds_1w"] == round(builds["1w"]["total_cpu_seconds"], 2)
    assert summary["cpu_seconds_2w"] == round(builds["2w"]["total_cpu_seconds"], 2)
    assert report["builds"]["1w"]["paragraphs"] == report["builds"]["2w"]["paragraphs"]
    assert abs(sum(s["percent"] for s in report["stages"].values()) - 100) < 1e-6
    assert "punct_fullwidth [body]" in report["rules"]["rules"]
    assert report["dedup"]["documents"] == 6 and report["process"]["kept"] == 6
    publish = report["publish"]
    assert set(publish) == {
        "post_steps_seconds",
        "write_corpus_seconds",
        "post_over_process",
        "write_over_process",
    }
    assert publish["write_corpus_seconds"] > 0 and publish["post_steps_seconds"] > 0
    assert len(list((keep / "crawl" / "n").rglob("*.*"))) == 6
    assert len(list((keep / "crawl" / "more").rglob("*.*"))) == 18
    assert len((keep / "pages.jsonl").read_text("utf-8").splitlines()) == 24
    manifest = (keep / "corpus-4n-1w" / "manifest.jsonl").read_text("utf-8").splitlines()
    assert len(manifest) == 24


def test_the_builds_of_1_and_2_workers_are_the_same_corpus(
    bench_run: tuple[str, Path, Path],
) -> None:
    """The speed-up compares equal work: both builds write the same bytes."""
    _, keep, _ = bench_run
    one, two = keep / "corpus-n-1w-0", keep / "corpus-n-2w-0"
    files = sorted(p.relative_to(one) for p in one.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(two) for p in two.rglob("*") if p.is_file())
    assert Path("paragraphs/train-00000-of-00001.parquet") in files
    assert [f for f in files if (one / f).read_bytes() != (two / f).read_bytes()] == []


def test_quick_and_check(tmp_path: Path) -> None:
    code, stdout, stderr = run_bench_command(
        ["--docs", "3", "--quick", "--check", "--keep", str(tmp_path / "keep")]
    )
    line = json.loads(stdout.splitlines()[-1])
    assert line["quick"] is True and line["docs"] == 3
    assert line["rss_mb_4n"] is None and line["rss_ratio_4n"] is None
    assert "rss_mb_4n" not in line["targets_failed"]
    # --check: the exit status says whether a target was missed, and stderr which
    assert code == (1 if line["targets_failed"] else 0), stderr
    if line["targets_failed"]:
        assert "targets missed: " + ", ".join(line["targets_failed"]) in stderr
    assert "stages of process()" not in stdout and "not measured (--quick)" in stdout
    assert not (tmp_path / "keep" / "crawl" / "more").exists()
    assert sorted(p.name for p in (tmp_path / "keep").iterdir() if p.is_dir()) == [
        "corpus-n-1w-0",
        "corpus-n-2w-0",
        "crawl",
    ]


def test_the_bench_post_steps_are_the_build_steps() -> None:
    raws = [RawDoc(p.name, p.read_bytes()) for p in sorted((ROOT / "seeds").glob("*.txt"))]
    ours = [pipeline.process(raw) for raw in raws]
    theirs = [pipeline.process(raw) for raw in raws]
    post_steps(ours)
    for doc in theirs:
        for step in BUILD_STEPS:
            step(doc)
    assert [d.checked for d in ours] == [d.checked for d in theirs]
    assert all(len(d.checked) == len(d.paragraphs) > 0 for d in ours)
    assert [d.fingerprint.keys.tolist() for d in ours] == [
        d.fingerprint.keys.tolist() for d in theirs
    ]
