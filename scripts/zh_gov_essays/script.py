"""Simplified or Traditional script, decided with OpenCC; converted views on request."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

import opencc


@cache
def converter(config: str) -> opencc.OpenCC:
    """The OpenCC converter of ``config`` (``t2s``, ``s2t``, …), one per process.

    OpenCC objects cannot be pickled, so worker processes build their own on
    first use.
    """
    return opencc.OpenCC(config)


@dataclass(frozen=True)
class ScriptEvidence:
    """How many characters only Traditional (``hant``) or only Simplified
    (``hans``) script would write this way."""

    hant: int
    hans: int

    def __add__(self, other: ScriptEvidence) -> ScriptEvidence:
        return ScriptEvidence(self.hant + other.hant, self.hans + other.hans)

    @property
    def verdict(self) -> str | None:
        if self.hant > self.hans:
            return "Hant"
        if self.hans > self.hant:
            return "Hans"
        return None


def _changed(a: str, b: str) -> int:
    """How many characters of ``a`` its conversion ``b`` changed.

    >>> _changed("政协机关", "政協機關"), _changed("机关", "机关"), _changed("干", "乾乾")
    (3, 0, 1)
    """
    if a == b:
        return 0
    if len(a) != len(b):
        # Phrase conversions can change length; fall back to a set difference.
        return len(set(a) - set(b))
    return len(a) - _same_places(a, b)


def _same_places(a: str, b: str) -> int:
    """The places where two strings of one length hold the same character.

    Each character is one 4-byte word in UTF-32, so the words of ``a XOR b``
    that are zero are the places where they agree: counted in C, where
    comparing character by character in Python costs twice as much.

    >>> _same_places("政协机关", "政協機關")
    1
    """
    x = int.from_bytes(a.encode("utf-32-le", "surrogatepass"), "little")
    y = int.from_bytes(b.encode("utf-32-le", "surrogatepass"), "little")
    return memoryview((x ^ y).to_bytes(4 * len(a), "little")).cast("I").tolist().count(0)


@lru_cache(maxsize=4096)
def evidence(text: str) -> ScriptEvidence:
    """Count characters that OpenCC would convert in each direction.

    A character that ``t2s`` changes is written the Traditional way; one that
    ``s2t`` changes is written the Simplified way.  Characters shared by both
    scripts count for neither.

    >>> evidence("政協機關幹部")
    ScriptEvidence(hant=4, hans=0)
    >>> evidence("政协机关干部")
    ScriptEvidence(hant=0, hans=4)

    Remembered per text (the two conversions are the cost), each direction
    on its own: a body line whose script the date reader asked for costs
    nothing more as a paragraph, nor does a paragraph printed on many pages.
    """
    return ScriptEvidence(hant=_traditional(text), hans=_simplified(text))


@lru_cache(maxsize=4096)
def _traditional(text: str) -> int:
    """Characters of ``text`` written the Traditional way: those ``t2s`` changes."""
    return _changed(text, converter("t2s").convert(text))


@lru_cache(maxsize=4096)
def _simplified(text: str) -> int:
    """Characters of ``text`` written the Simplified way: those ``s2t`` changes."""
    return _changed(text, converter("s2t").convert(text))


def paragraph_script(text: str) -> str | None:
    """``Hant``, ``Hans``, or ``None`` when the text reads the same in both.

    Machine-converted Traditional text keeps some Simplified forms
    (``干部``, ``那么``): the majority decides, so it stays ``Hant``.

    >>> paragraph_script("要求機關干部牢固樹立全心全意為職工群眾服務的思想,那么")
    'Hant'
    >>> paragraph_script("建设服务型机关"), paragraph_script("一、主要做法") is None
    ('Hans', True)
    >>> paragraph_script("同志们")
    'Hans'

    """
    return evidence(text).verdict


def document_script(texts: Iterable[str]) -> str:
    """The script of a whole document: the verdict over all its characters.

    A document with no distinguishing character at all is called ``Hans``.
    """
    total = ScriptEvidence(0, 0)
    for text in texts:
        total = total + evidence(text)
    return total.verdict or "Hans"


def body_scripts(texts: Sequence[str]) -> tuple[str, list[str]]:
    """The script of a document's paragraphs ``texts``, and of each paragraph.

    The document's is :func:`document_script` (the verdict over all its
    characters); a paragraph's is its own :func:`paragraph_script`, or the
    document's when the paragraph reads the same in both scripts.

    >>> body_scripts(["一、主要做法", "政協機關幹部", "建设机关"])
    ('Hant', ['Hant', 'Hant', 'Hans'])
    >>> body_scripts(["一、主要做法", "建设服务型机关"])
    ('Hans', ['Hans', 'Hans'])

    One OpenCC pass decides a document in Simplified script: when ``t2s``
    changes no paragraph, ``hant`` is 0 everywhere, so the document's verdict
    is ``Hans`` (some ``hans``) or none (``Hans`` again), and every
    paragraph's is ``Hans`` or none (the document's: ``Hans``).  ``s2t``
    runs only on the paragraphs of the other documents.
    """
    if not any(map(_traditional, texts)):
        return "Hans", ["Hans"] * len(texts)
    evidences = [evidence(text) for text in texts]
    document = sum(evidences, ScriptEvidence(0, 0)).verdict or "Hans"
    return document, [ev.verdict or document for ev in evidences]


def convert(text: str, target: str) -> str:
    """A converted *view* of ``text`` in ``target`` script (``Hans``/``Hant``).

    Used only when the user asks for one (``export --script``).  Text already
    in the target script is returned unchanged, because OpenCC's ``s2t``
    corrupts text that is already Traditional (``鄰里`` → ``鄰裏``).

    >>> convert("鄰里關係", "Hant")
    '鄰里關係'
    >>> convert("邻里关系", "Hant"), convert("鄰里關係", "Hans")
    ('鄰里關係', '邻里关系')
    """
    if target not in ("Hans", "Hant"):
        raise ValueError(f"unknown script {target!r}: use Hans or Hant")
    if paragraph_script(text) in (target, None):
        return text
    return converter("s2t" if target == "Hant" else "t2s").convert(text)
