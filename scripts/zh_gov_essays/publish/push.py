"""``zh-gov-essays push``: upload the built corpus to a dataset repository on the Hub.

Before anything leaves the machine the card is checked offline: it parses as
a :class:`huggingface_hub.DatasetCard`, ``datasets`` reads its ``configs``
and ``dataset_info`` the way ``load_dataset`` will, every ``data_files``
pattern matches files of the corpus, and every file the card links to
(licence, figures) exists.  ``dry_run`` stops there and lists the files.

The token is whatever :func:`huggingface_hub.get_token` finds (the
``HF_TOKEN`` environment variable or a previous ``hf auth login``); it is
passed to the client and never printed or written.
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass, field
from pathlib import Path

from datasets.info import DatasetInfosDict
from datasets.utils.metadata import MetadataConfigs
from huggingface_hub import DatasetCard, HfApi, get_token
from huggingface_hub.errors import HfHubHTTPError

from zh_gov_essays.publish.card import human_size

_REPO_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*/[A-Za-z0-9][A-Za-z0-9_.-]*$")
_LINK = re.compile(r"\]\((?!https?://|#)([^)\s]+)\)")
# Folders whose files a new build replaces as a whole: files there that the upload does
# not contain (shards of an earlier, larger build) are deleted on the Hub.
_REPLACED = ["paragraphs/*", "documents/*", "figures/*"]


class PushError(Exception):
    """The push cannot go ahead; the message says what to fix."""


@dataclass
class CardCheck:
    configs: dict[str, list[str]] = field(default_factory=dict)  # config -> splits
    license: str | None = None
    linked: list[str] = field(default_factory=list)


def corpus_files(corpus: Path) -> list[Path]:
    """The files to upload: everything in the corpus but hidden and partial files."""
    return [
        p
        for p in sorted(corpus.rglob("*"))
        if p.is_file()
        and not any(part.startswith(".") for part in p.relative_to(corpus).parts)
        and not p.name.endswith(".partial")
    ]


def check_card(corpus: Path) -> CardCheck:
    """Validate ``corpus/README.md`` offline; raise :class:`PushError` on the first problem."""
    readme = corpus / "README.md"
    if not readme.is_file():
        raise PushError(f"{readme} not found: build the corpus first (zh-gov-essays build)")
    text = readme.read_text(encoding="utf-8")
    try:
        card = DatasetCard(text)
        configs = MetadataConfigs.from_dataset_card_data(card.data)
        infos = DatasetInfosDict.from_dataset_card_data(card.data)
    except (ValueError, TypeError, KeyError) as exc:
        raise PushError(f"the card's metadata is not valid: {exc}") from exc
    if not configs:
        raise PushError("the card declares no configs: rebuild the corpus")
    names = [p.relative_to(corpus).as_posix() for p in corpus_files(corpus)]
    check = CardCheck(license=card.data.license)
    for name, config in configs.items():
        if name not in infos or infos[name].features is None:
            raise PushError(f"config {name!r} has no dataset_info features in the card")
        splits = []
        for entry in config.get("data_files", []):
            patterns = entry["path"] if isinstance(entry["path"], list) else [entry["path"]]
            for pattern in patterns:
                if not any(fnmatch.fnmatch(n, pattern) for n in names):
                    raise PushError(
                        f"config {name!r} split {entry['split']!r}: no file matches {pattern!r}"
                    )
            splits.append(entry["split"])
        check.configs[name] = splits
    if card.data.license == "other":
        link = card.data.license_link
        if not link or not (link.startswith(("http://", "https://")) or (corpus / link).is_file()):
            raise PushError(f"license: other needs a license_link to an existing file ({link!r})")
    for target in _LINK.findall(card.text):
        if not (corpus / target).is_file():
            raise PushError(f"the card links to {target}, which is not in {corpus}")
        check.linked.append(target)
    return check


def push(corpus: Path, repo_id: str, *, private: bool = False, dry_run: bool = False) -> str:
    """Check the card, then upload ``corpus`` (unless ``dry_run``); return a report."""
    if not _REPO_ID.match(repo_id):
        raise PushError(f"--repo-id {repo_id!r} is not of the form ORG/NAME")
    if not corpus.is_dir():
        raise PushError(f"corpus folder {corpus} not found: build it first (zh-gov-essays build)")
    check = check_card(corpus)
    files = corpus_files(corpus)
    lines = [f"{'would upload' if dry_run else 'uploading'} {len(files)} files to {repo_id}:"]
    for path in files:
        lines.append(
            f"  {path.relative_to(corpus).as_posix():<45} {human_size(path.stat().st_size)}"
        )
    configs = "; ".join(f"{c} ({', '.join(s)})" for c, s in check.configs.items())
    lines.append(f"card metadata valid: configs {configs}; license {check.license}")
    if dry_run:
        lines.append("dry run: nothing uploaded")
        return "\n".join(lines)
    token = get_token()
    if token is None:
        raise PushError("no Hugging Face token: set HF_TOKEN or run `hf auth login`, then retry")
    api = HfApi(token=token)
    try:
        api.create_repo(repo_id, repo_type="dataset", private=private, exist_ok=True)
        info = api.upload_folder(
            repo_id=repo_id,
            repo_type="dataset",
            folder_path=corpus,
            commit_message="Update the corpus (zh-gov-essays push)",
            ignore_patterns=[".*", "**/.*", "*.partial"],
            delete_patterns=_REPLACED,
        )
    except HfHubHTTPError as exc:
        # The message names the request, never the token.
        raise PushError(f"the Hub refused the upload: {exc}") from exc
    lines.append(f"pushed: {info.commit_url}")
    return "\n".join(lines)
