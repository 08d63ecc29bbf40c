"""What an export wrote: rows, characters, estimated tokens per row, rows each filter dropped."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from zh_gov_essays.vocab.chars import CJK_CONTEXT

_CJK = re.compile(f"[{CJK_CONTEXT}]")
_OTHER = re.compile(f"[^\\s{CJK_CONTEXT}]+")


def estimate_tokens(text: str) -> int:
    """A tokenizer-free estimate: one token per Chinese character or CJK mark,
    one per four other characters of a run (rounded up).

    Tokenizers with large Chinese vocabularies (Qwen, Llama 3) need fewer
    (about 0.7 per character); byte-level ones trained on English need more.

    >>> estimate_tokens("加强学习，改进作风。ISO9001")
    12
    """
    others = sum(math.ceil(len(run) / 4) for run in _OTHER.findall(text))
    return len(_CJK.findall(text)) + others


def row_text(row: dict) -> str:
    """All the text a row feeds a model: text, or prompt and answer."""
    if "messages" in row:
        return "".join(m["content"] for m in row["messages"])
    if "completion" in row:
        return row["prompt"] + row["completion"]
    return row["text"]


def _percentile(values: list[int], share: float) -> int:
    if not values:
        return 0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(share * len(ordered)) - 1)]


@dataclass
class SplitSummary:
    rows: int = 0
    chars: int = 0
    tokens: list[int] = field(default_factory=list)


@dataclass
class ExportSummary:
    """Counts of one export, per split and in total."""

    files: dict[str, str] = field(default_factory=dict)  # split -> path written
    splits: dict[str, SplitSummary] = field(default_factory=dict)
    dropped: dict[str, int] = field(default_factory=dict)  # filter -> units dropped
    hard_cuts: int = 0  # chunk cuts that fell inside a clause

    def add(self, split: str, row: dict, chars: int) -> None:
        s = self.splits.setdefault(split, SplitSummary())
        s.rows += 1
        s.chars += chars
        s.tokens.append(estimate_tokens(row_text(row)))

    def drop(self, reason: str) -> None:
        self.dropped[reason] = self.dropped.get(reason, 0) + 1

    @property
    def rows(self) -> int:
        return sum(s.rows for s in self.splits.values())

    @property
    def chars(self) -> int:
        return sum(s.chars for s in self.splits.values())

    def format(self) -> str:
        """The summary printed at the end of ``zh-gov-essays export``."""
        lines = [f"exported {self.rows:,} rows, {self.chars:,} characters"]
        for split, s in self.splits.items():
            tokens = s.tokens
            mean = sum(tokens) / len(tokens) if tokens else 0
            lines.append(
                f"  {split:<11} {s.rows:>8,} rows  {s.chars:>11,} chars  est. tokens/row "
                f"mean {mean:,.0f}, median {_percentile(tokens, 0.5):,}, "
                f"p95 {_percentile(tokens, 0.95):,}, max {max(tokens, default=0):,}"
                f"  → {self.files.get(split, '')}"
            )
        dropped = ", ".join(f"{k} {v:,}" for k, v in self.dropped.items() if v) or "none"
        lines.append(f"  dropped     {dropped}")
        if self.hard_cuts:
            lines.append(
                f"  {self.hard_cuts:,} chunk cuts fell inside a clause longer than a chunk"
            )
        lines.append(
            "  (tokens: 1 per Chinese character, 1 per 4 other characters; "
            "Qwen/Llama-3 tokenizers need about 0.7 per Chinese character)"
        )
        return "\n".join(lines)
