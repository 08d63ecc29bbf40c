"""zh-gov-essays: clean Chinese government-agency essays into a paragraph corpus.

``from zh_gov_essays import process`` cleans one document.
"""

from typing import Any

from zh_gov_essays.records import Document, Paragraph, RawDoc, Removed

__all__ = ["Document", "Paragraph", "RawDoc", "Removed", "process"]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    # Imported lazily so that light modules (records, rules) load without
    # pulling in OpenCC, pypinyin and the whole pipeline.
    if name == "process":
        from zh_gov_essays.pipeline import process

        return process
    raise AttributeError(name)
