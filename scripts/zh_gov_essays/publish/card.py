"""The dataset card: ``DATASET_CARD.md`` (template) + :class:`BuildStats` → ``corpus/README.md``.

The template is Markdown with Hugging Face YAML front matter.  The build
fills three keys of the front matter from the build (``size_categories``,
``configs``, ``dataset_info``, the last in the exact form ``datasets`` writes,
generated from the same :mod:`zh_gov_essays.schema` declaration as the Parquet
files) and replaces ``{{name}}`` placeholders in the prose with generated
tables (see :func:`placeholders`).  The output depends on the data only: no
dates, times or paths, so a rebuild of the same inputs gives the same card.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from typing import Any

import yaml

from zh_gov_essays.fingerprint import MIN_NEAR_CHARS
from zh_gov_essays.fingerprint.minhash import BANDS, NGRAM, NUM_PERM, ROWS
from zh_gov_essays.publish.dedup import DOC_COVERAGE, NEAR_THRESHOLD
from zh_gov_essays.publish.schema import COLUMNS, CONFIGS, arrow_schema, features, type_name
from zh_gov_essays.publish.stats import BuildStats, DupTally, Tally
from zh_gov_essays.repair.pii import PLACEHOLDERS as PII_PLACEHOLDERS
from zh_gov_essays.vocab.prompts import TEMPLATES

# Example rows in the card: strings and lists longer than these are shortened.
_EXAMPLE_CHARS = 120
_EXAMPLE_ITEMS = 3

_FRONT_MATTER = re.compile(r"\A---\r?\n(.*?)\r?\n---\r?\n", re.DOTALL)
_PLACEHOLDER = re.compile(r"\{\{\s*([a-z_]+)\s*\}\}")

_SIZE_CATEGORIES = (
    (1_000, "n<1K"),
    (10_000, "1K<n<10K"),
    (100_000, "10K<n<100K"),
    (1_000_000, "100K<n<1M"),
    (10_000_000, "1M<n<10M"),
    (100_000_000, "10M<n<100M"),
    (1_000_000_000, "100M<n<1B"),
)


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """The parsed YAML front matter and the body of a Markdown card.

    >>> split_front_matter("---\\npretty_name: x\\n---\\n# Body\\n")
    ({'pretty_name': 'x'}, '# Body\\n')
    """
    match = _FRONT_MATTER.match(text)
    if match is None:
        raise ValueError("the card template must start with YAML front matter between '---' lines")
    front = yaml.safe_load(match.group(1)) or {}
    if not isinstance(front, dict):
        raise ValueError(f"the front matter must be a mapping, not a {type(front).__name__}")
    return front, text[match.end() :]


def size_category(n: int) -> str:
    """The Hub's ``size_categories`` value for ``n`` examples.

    >>> size_category(999), size_category(1_000), size_category(123_456)
    ('n<1K', '1K<n<10K', '100K<n<1M')
    """
    for bound, name in _SIZE_CATEGORIES:
        if n < bound:
            return name
    return "n>1B"


def configs_yaml(stats: BuildStats) -> list[dict[str, Any]]:
    """The ``configs`` front matter: one entry per written config, its existing splits only."""
    out = []
    for config in CONFIGS:
        splits = stats.files.get(config, {})
        if not splits:
            continue
        entry: dict[str, Any] = {"config_name": config}
        if config == CONFIGS[0]:
            entry["default"] = True
        entry["data_files"] = [{"split": s, "path": f"{config}/{s}-*"} for s in splits]
        out.append(entry)
    return out


def dataset_info_yaml(stats: BuildStats) -> list[dict[str, Any]] | dict[str, Any]:
    """The ``dataset_info`` front matter, as ``datasets`` itself writes it.

    ``datasets`` (80 MB) is imported only here, once the corpus is written;
    with no files (checking a template before a build) there is nothing to describe.
    """
    if not any(stats.files.get(config) for config in CONFIGS):
        return []
    from datasets import DatasetInfo, SplitDict, SplitInfo
    from datasets.info import DatasetInfosDict

    infos = {}
    for config in CONFIGS:
        splits = stats.files.get(config, {})
        if not splits:
            continue
        split_dict = SplitDict()
        for name, files in splits.items():
            split_dict.add(
                SplitInfo(name=name, num_bytes=files.num_bytes, num_examples=files.num_examples)
            )
        infos[config] = DatasetInfo(
            features=features(config),
            splits=split_dict,
            download_size=sum(f.size for f in splits.values()),
            dataset_size=sum(f.num_bytes for f in splits.values()),
        )
    card_data: dict[str, Any] = {}
    DatasetInfosDict(infos).to_dataset_card_data(card_data)
    return card_data.get("dataset_info", [])


def front_matter(template_front: Mapping[str, Any], stats: BuildStats) -> dict[str, Any]:
    """The template's front matter with the build's keys filled in (in place, if present)."""
    computed = {
        "size_categories": [size_category(stats.paragraphs)],
        "configs": configs_yaml(stats),
        "dataset_info": dataset_info_yaml(stats),
    }
    out = {key: computed.get(key, value) for key, value in template_front.items()}
    out.update({key: value for key, value in computed.items() if key not in out})
    return out


# --- Markdown pieces ---------------------------------------------------------------------------


def _cell(value: object) -> str:
    return str(value).replace("|", "\\|").replace("\n", " ")


def markdown_table(
    headers: list[str], rows: list[list[object]], numeric: set[int] = frozenset()
) -> str:
    """A Markdown table; columns whose index is in ``numeric`` are right-aligned.

    >>> print(markdown_table(["a", "n"], [["x", "1"]], numeric={1}))
    | a | n |
    | --- | ---: |
    | x | 1 |
    """
    align = ["---:" if i in numeric else "---" for i in range(len(headers))]
    lines = ["| " + " | ".join(headers) + " |", "| " + " | ".join(align) + " |"]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def human_size(n: int) -> str:
    """Bytes in decimal units.

    >>> human_size(999), human_size(123_456), human_size(45_600_000)
    ('999 B', '123.5 kB', '45.6 MB')
    """
    for unit, scale in (("GB", 10**9), ("MB", 10**6), ("kB", 10**3)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}"
    return f"{n} B"


def _n(value: int) -> str:
    return f"{value:,}"


def tally_table(label: str, table: Mapping[str, Tally], *, by_count: bool = True) -> str:
    """Documents, paragraphs and characters per key: most documents first, or by key.

    ``unknown`` comes last either way.
    """
    if by_count:
        keys = sorted(table, key=lambda k: (k == "unknown", -table[k].documents, k))
    else:
        keys = sorted(table, key=lambda k: (k == "unknown", k))
    rows = [[k, _n(table[k].documents), _n(table[k].paragraphs), _n(table[k].chars)] for k in keys]
    return markdown_table([label, "documents", "paragraphs", "characters"], rows, numeric={1, 2, 3})


def summary_table(stats: BuildStats) -> str:
    rows = [
        ["documents", _n(stats.documents_kept)],
        ["paragraphs", _n(stats.paragraphs)],
        ["characters", _n(stats.chars)],
        ["paragraphs flagged as duplicates (`dup_of`)", _n(stats.duplicate_paragraphs)],
        ["documents flagged as duplicates (`dup_of`)", _n(stats.duplicate_documents)],
        ["duplicate clusters (of two documents or more)", _n(stats.duplicate_clusters)],
        ["inputs rejected (see `manifest.jsonl`)", _n(stats.documents_rejected)],
    ]
    return markdown_table(["", "count"], rows, numeric={1})


def splits_table(stats: BuildStats) -> str:
    rows = []
    for split in stats.splits:
        tally = stats.by_split[split]
        files = [stats.files.get(c, {}).get(split) for c in CONFIGS]
        sizes = [human_size(f.size) if f else "—" for f in files]
        rows.append([split, _n(tally.documents), _n(tally.paragraphs), _n(tally.chars), *sizes])
    headers = ["split", "documents", "paragraphs", "characters"] + [
        f"`{c}` Parquet" for c in CONFIGS
    ]
    return markdown_table(headers, rows, numeric={1, 2, 3, 4, 5})


def duplicates_table(stats: BuildStats) -> str:
    """Duplicates by what they are (body or heading paragraphs, documents) and how they matched."""
    rows: list[tuple[str, DupTally]] = [
        (f"{kind} paragraphs", stats.duplicate_paragraphs_by_kind.get(kind, DupTally()))
        for kind in ("body", "heading")
    ]
    rows.append(("documents", stats.duplicate_documents_by_match))
    cells = [[name, _n(t.exact), _n(t.near), _n(t.total)] for name, t in rows]
    return markdown_table(["flagged", "exact", "near", "total"], cells, numeric={1, 2, 3})


def cleaning_table(stats: BuildStats, descriptions: Mapping[str, str]) -> str:
    """Each rule that fired: paragraphs it repaired, pieces and characters it removed.

    The "what it does" column appears when ``descriptions`` are given.
    """
    names = sorted(set(stats.repairs_by_name) | set(stats.removed_by_rule))
    headers = ["rule", "paragraphs repaired", "pieces removed", "characters removed"]
    if descriptions:
        headers.append("what it does")
    rows = []
    for name in names:
        removed = stats.removed_by_rule.get(name)
        row = [
            f"`{name}`",
            _n(stats.repairs_by_name.get(name, 0)),
            _n(removed.pieces if removed else 0),
            _n(removed.chars if removed else 0),
        ]
        rows.append([*row, descriptions.get(name, "")] if descriptions else row)
    return markdown_table(headers, rows, numeric={1, 2, 3})


def rejected_table(stats: BuildStats) -> str:
    if not stats.rejected_by_reason:
        return "No input was rejected."
    reasons = sorted(stats.rejected_by_reason, key=lambda r: (-stats.rejected_by_reason[r], r))
    rows = [[f"`{r}`", _n(stats.rejected_by_reason[r])] for r in reasons]
    return markdown_table(["reason", "inputs"], rows, numeric={1})


def schema_table(config: str) -> str:
    """Column, type, nullability and meaning, from the schema declaration."""
    schema = arrow_schema(config)
    rows = [
        [
            f"`{c.name}`",
            f"`{type_name(schema.field(c.name).type)}`",
            "yes" if c.nullable else "",
            c.doc,
        ]
        for c in COLUMNS[config]
    ]
    return markdown_table(["column", "type", "null", "meaning"], rows)


def data_files_example(stats: BuildStats) -> str:
    """The ``data_files`` argument for ``load_dataset("parquet", ...)`` with the existing splits."""
    inner = ", ".join(f'"{s}": "corpus/paragraphs/{s}-*.parquet"' for s in stats.splits)
    return "{" + inner + "}"


def _shorten(value: Any) -> Any:
    if isinstance(value, str) and len(value) > _EXAMPLE_CHARS:
        return value[:_EXAMPLE_CHARS] + f"…（{len(value):,} characters）"
    if isinstance(value, list):
        items = [_shorten(v) for v in value[:_EXAMPLE_ITEMS]]
        if len(value) > _EXAMPLE_ITEMS:
            items.append(f"… {len(value) - _EXAMPLE_ITEMS:,} more")
        return items
    if isinstance(value, dict):
        return {k: _shorten(v) for k, v in value.items()}
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def example_row(stats: BuildStats, config: str) -> str:
    """The first row of ``config`` as an indented JSON block, long values shortened.

    >>> print(example_row(BuildStats(examples={"paragraphs": {"text": "加强学习", "n": 1}}), "paragraphs"))
    ```json
    {
      "text": "加强学习",
      "n": 1
    }
    ```
    """
    row = stats.examples.get(config)
    if row is None:
        return "(no rows)"
    body = json.dumps(_shorten(row), ensure_ascii=False, indent=2)
    return f"```json\n{body}\n```"


def prompt_templates_table() -> str:
    """The export's prompt templates, from :mod:`zh_gov_essays.vocab.prompts`."""
    rows = []
    for unit, (plain, with_section) in TEMPLATES.items():
        rows.append(
            [f"`{unit}`", f"`{plain}`", "" if plain == with_section else f"`{with_section}`"]
        )
    return markdown_table(["unit", "prompt", "when the text starts in a section"], rows)


def pii_table(stats: BuildStats) -> str:
    """Paragraphs masked by each ``pii`` repair, with its placeholder."""
    what = {
        "pii_email": "e-mail addresses",
        "pii_mobile": "mainland mobile numbers (+86 and grouping allowed)",
        "pii_id_number": "resident ID numbers, 18 characters, date and check digit valid",
        "pii_qq": "QQ numbers given with a QQ label (the label stays)",
    }
    rows = [
        [f"`{name}`", what[name], f"`{placeholder}`", _n(stats.repairs_by_name.get(name, 0))]
        for name, placeholder in PII_PLACEHOLDERS.items()
    ]
    return markdown_table(
        ["repair", "masks", "placeholder", "paragraphs masked"], rows, numeric={3}
    )


def placeholders(
    stats: BuildStats, rule_descriptions: Mapping[str, str] | None = None
) -> dict[str, str]:
    """Every ``{{name}}`` the template may use, rendered."""
    descriptions = rule_descriptions or {}
    return {
        "summary_table": summary_table(stats),
        "splits_table": splits_table(stats),
        "cleaning_table": cleaning_table(stats, descriptions),
        "duplicates_table": duplicates_table(stats),
        "dedup_ngram": str(NGRAM),
        "dedup_threshold": f"{NEAR_THRESHOLD:g}",
        "dedup_min_chars": str(MIN_NEAR_CHARS),
        "dedup_doc_coverage": f"{DOC_COVERAGE:.0%}".replace("%", " %"),
        "dedup_perms": str(NUM_PERM),
        "dedup_bands": str(BANDS),
        "dedup_rows": str(ROWS),
        "rejected_table": rejected_table(stats),
        "schema_paragraphs": schema_table("paragraphs"),
        "schema_documents": schema_table("documents"),
        "by_source_table": tally_table("source", stats.by_source),
        "by_script_table": tally_table("script", stats.by_script),
        "by_year_table": tally_table("year", stats.by_year, by_count=False),
        "data_files_example": data_files_example(stats),
        "example_paragraphs": example_row(stats, "paragraphs"),
        "example_documents": example_row(stats, "documents"),
        "prompt_templates": prompt_templates_table(),
        "pii_table": pii_table(stats),
        "removed_pii_masked": _n(stats.removed_pii_masked),
        "num_documents": _n(stats.documents_kept),
        "num_paragraphs": _n(stats.paragraphs),
        "num_chars": _n(stats.chars),
        "num_sources": _n(len(set(stats.by_source) - {"unknown"})),
    }


class CardTemplateError(ValueError):
    """The card template cannot be rendered (the message says why)."""


def check_template(template: str, *, rule_descriptions: Mapping[str, str] | None = None) -> None:
    """Render ``template`` with empty statistics, so that its errors show before a build.

    Raises :class:`CardTemplateError` for a missing or malformed front matter
    and an unknown ``{{placeholder}}``.

    >>> check_template("---\\npretty_name: x\\n---\\n{{num_documents}} essays\\n")
    >>> check_template("---\\npretty_name: x\\n---\\n{{num_essays}} essays\\n")
    Traceback (most recent call last):
    ...
    zh_gov_essays.publish.card.CardTemplateError: unknown placeholder {{num_essays}} in the card template
    """
    try:
        render_card(template, BuildStats(), rule_descriptions=rule_descriptions)
    except KeyError as exc:
        raise CardTemplateError(exc.args[0]) from None
    except (ValueError, yaml.YAMLError) as exc:
        raise CardTemplateError(" ".join(str(exc).split())) from None


def render_card(
    template: str, stats: BuildStats, *, rule_descriptions: Mapping[str, str] | None = None
) -> str:
    """``corpus/README.md`` from the template and the build's statistics.

    ``rule_descriptions`` maps rule names to one line on what the rule does
    (e.g. :func:`zh_gov_essays.pipeline.label_descriptions`); rules without one get an empty cell.
    An unknown ``{{placeholder}}`` is an error, so a typo cannot ship.
    """
    template_front, body = split_front_matter(template)
    meta = front_matter(template_front, stats)
    values = placeholders(stats, rule_descriptions)

    def substitute(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in values:
            raise KeyError(f"unknown placeholder {{{{{name}}}}} in the card template")
        return values[name]

    dumped = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=10_000)
    return f"---\n{dumped}---\n{_PLACEHOLDER.sub(substitute, body)}"
