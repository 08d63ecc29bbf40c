"""The card users read on the Hub: metadata, figures, PII counts, and the push dry run."""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import sys
import warnings
from pathlib import Path

import pytest
import yaml
from huggingface_hub import DatasetCard

from tests.conftest import ROOT, SEEDS
from zh_gov_essays.cli import main
from zh_gov_essays.publish.card import split_front_matter
from zh_gov_essays.publish.figures import FIGURES

CORPUS = ROOT / "corpus"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("card") / "corpus"
    args = ["build", "--input", str(SEEDS), "--out", str(out)]
    assert main([*args, "--card", str(ROOT / "DATASET_CARD.md")]) == 0
    return out


def png_chunks(data: bytes) -> list[bytes]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    kinds, pos = [], 8
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        kinds.append(kind + (b":" + data[pos + 8 : pos + 8 + length] if kind == b"tEXt" else b""))
        pos += 12 + length
    return kinds


def test_card_front_matter(built: Path) -> None:
    front, body = split_front_matter((built / "README.md").read_text("utf-8"))
    assert front["license"] == "other" and front["license_link"] == "LICENSE.md"
    assert (built / "LICENSE.md").read_text("utf-8").startswith("# Terms of use")
    assert front["language_details"] == ["zh-Hans", "zh-Hant"]
    assert "research on text processing" in front["extra_gated_prompt"]
    assert all(v == "checkbox" for v in front["extra_gated_fields"].values())
    card = DatasetCard((built / "README.md").read_text("utf-8"))
    assert card.data.license_link == "LICENSE.md"
    for heading in ("## Uses", "## Out-of-scope use", "## Personal and sensitive information",
                    "### Takedown", "## Citation", "## Example rows"):  # fmt: skip
        assert f"\n{heading}\n" in body
    assert "@misc{zh_gov_essays," in body
    assert '"id": "09a6438d9830fafa-0000"' in body  # the first paragraph row, shown
    assert '"doc_id": "09a6438d9830fafa"' in body and '"removed": [' in body
    assert "| `pii_mobile` | mainland mobile numbers" in body
    assert "`请以《{title}》为题，写一篇文章。`" in body  # the export's prompts, from one place
    for name in FIGURES:
        assert f"](figures/{name})" in body and (built / "figures" / name).is_file()


def test_figures_are_plain_reproducible_pngs(built: Path, tmp_path: Path) -> None:
    """A build in another process draws the same bytes; no time or software stamp."""
    out = tmp_path / "again"
    cmd = [sys.executable, "-m", "zh_gov_essays", "build", "--input", str(SEEDS), "--out", str(out)]
    env = {**os.environ, "MPLCONFIGDIR": str(tmp_path / "mpl")}  # a cold font cache too
    subprocess.run([*cmd, "--card", str(ROOT / "DATASET_CARD.md")], check=True, env=env,
                   capture_output=True)  # fmt: skip
    for name in FIGURES:
        data = (built / "figures" / name).read_bytes()
        assert (out / "figures" / name).read_bytes() == data, name
        chunks = png_chunks(data)
        assert b"tIME" not in chunks and not [c for c in chunks if c.startswith(b"tEXt")], chunks
        assert 5_000 < len(data) < 200_000


def test_chinese_labels_have_glyphs() -> None:
    """The packaged font has every character of the source names; nothing falls back to boxes."""
    import matplotlib.pyplot as plt
    import noto_cjk_sans_otc
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    from zh_gov_essays.publish import figures
    from zh_gov_essays.publish.stats import BuildStats, Tally

    family = figures._register_font()
    path = font_manager.findfont(
        font_manager.FontProperties(family=family), fallback_to_default=False
    )
    assert Path(path).resolve() == Path(os.fspath(noto_cjk_sans_otc.FONT_PATH)).resolve()
    font = FT2Font(path, face_index=2)
    assert font.family_name == "Noto Sans CJK SC"
    names = ["白雲飄飄範文網", "公务员之家", "第一公文网", "威能网"]
    assert all(font.get_char_index(ord(ch)) for name in names for ch in name)
    stats = BuildStats(by_source={n: Tally(1, 1, 1) for n in names})
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "Glyph … missing from font" would raise
        with plt.rc_context(figures._rc()):
            fig = plt.figure()
            figures.documents_by_source(fig, stats)
            fig.canvas.draw()
            plt.close(fig)


def test_push_dry_run_validates_offline(
    built: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HF_TOKEN", "hf_notARealTokenButSecret")
    args = ["push", "--repo-id", "someorg/zh-gov-essays", "--corpus", str(built), "--dry-run"]
    assert main(args) == 0
    out, err = capsys.readouterr()
    assert "hf_notARealTokenButSecret" not in out + err
    assert "would upload 10 files to someorg/zh-gov-essays" in out
    assert "figures/script_share.png" in out and "LICENSE.md" in out
    assert "card metadata valid: configs paragraphs (train); documents (train)" in out
    assert out.rstrip().endswith("dry run: nothing uploaded")


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        ("figure", "the card links to figures/script_share.png"),
        ("shards", "config 'documents' split 'train': no file matches 'documents/train-*'"),
        ("licence", "license: other needs a license_link to an existing file"),
        ("configs", "the card's metadata is not valid"),
    ],
)
def test_push_dry_run_refuses_a_broken_corpus(
    built: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], damage: str, message: str
) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(built, corpus)
    if damage == "figure":
        (corpus / "figures" / "script_share.png").unlink()
    elif damage == "shards":
        shutil.rmtree(corpus / "documents")
    elif damage == "licence":
        (corpus / "LICENSE.md").unlink()
    else:
        front, body = split_front_matter((corpus / "README.md").read_text("utf-8"))
        front["configs"][0]["data_files"] = 42
        text = "---\n" + yaml.safe_dump(front, allow_unicode=True) + "---\n" + body
        (corpus / "README.md").write_text(text, encoding="utf-8")
    args = ["push", "--repo-id", "someorg/x", "--corpus", str(corpus), "--dry-run"]
    assert main(args) == 2
    assert message in capsys.readouterr().err


def test_push_without_a_token_says_how_to_log_in(
    built: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("HF_TOKEN", raising=False)
    import huggingface_hub.constants

    # No stored login either, whoever runs the suite.
    monkeypatch.setattr(huggingface_hub.constants, "HF_TOKEN_PATH", str(tmp_path / "token"))
    monkeypatch.setattr(
        huggingface_hub.constants, "HF_STORED_TOKENS_PATH", str(tmp_path / "stored")
    )
    assert main(["push", "--repo-id", "someorg/x", "--corpus", str(built)]) == 2
    assert "no Hugging Face token: set HF_TOKEN or run `hf auth login`" in capsys.readouterr().err


def test_matplotlib_is_loaded_only_to_draw() -> None:
    """A build loads matplotlib (about 40 MB) when it draws the card's figures, after the
    Parquet is written, not when it imports the writer."""
    code = (
        "import sys, zh_gov_essays.publish.writer, zh_gov_essays.publish.figures as f\n"
        "assert 'matplotlib' not in sys.modules\n"
        "f._mpl()\n"
        "assert sys.modules['matplotlib'].get_backend().lower() == 'agg'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_a_build_with_workers_draws_the_figures_in_one_of_them(tmp_path: Path) -> None:
    """A 2-worker build has a worker draw the figures while it writes the card: the
    build's own process never loads matplotlib, and the figures are the bytes one
    process draws (the committed corpus)."""
    from tests.test_engines import machine_workers

    if machine_workers(2) < 2:
        pytest.skip("this machine runs one worker")
    out = tmp_path / "corpus"
    argv = ["build", "--input", str(SEEDS), "--out", str(out), "--workers", "2"]
    code = (
        "import sys\n"
        "from zh_gov_essays.cli import main\n"
        f"assert main({[*argv, '--card', str(ROOT / 'DATASET_CARD.md')]!r}) == 0\n"
        "assert 'matplotlib' not in sys.modules, 'drawn in the build process'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
    for name in FIGURES:
        assert (out / "figures" / name).read_bytes() == (CORPUS / "figures" / name).read_bytes()
