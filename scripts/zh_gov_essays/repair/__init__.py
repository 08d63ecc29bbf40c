"""Text-level repairs, one module per kind of damage.

Importing this package registers every repair rule in
:data:`zh_gov_essays.rules.TEXT_RULES`.
"""

from zh_gov_essays.repair import entities, inline, mojibake, pinyin, watermark, whitespace

__all__ = ["entities", "inline", "mojibake", "pinyin", "watermark", "whitespace"]
