"""The prompt templates of the fine-tuning export, spelled once.

``export --format chat`` puts the rendered prompt in the user message and the
text in the assistant message; ``--format completion`` puts them in
``prompt`` and ``completion``.  The dataset card shows this table, so what the
card says is what the export writes.

The templates are written in Simplified script; a row whose text is
Traditional gets the template converted with OpenCC (``s2t``, or ``s2twp``
for ``--script tw``) before the title and section are filled in, so a prompt
and its answer are always in the same script.

>>> render("document", title="如何加强服务型机关建设")
'请以《如何加强服务型机关建设》为题，写一篇文章。'
>>> render("paragraph", title="创建学习型机关", section="一、提高思想认识")
'请为题为《创建学习型机关》的文章中“一、提高思想认识”一节写一段正文。'
>>> render("chunk", title="创建学习型机关")
'请写出题为《创建学习型机关》的文章中连续的几段。'
"""

from __future__ import annotations

# unit -> (template without a section, template with one)
TEMPLATES: dict[str, tuple[str, str]] = {
    "document": (
        "请以《{title}》为题，写一篇文章。",
        "请以《{title}》为题，写一篇文章。",
    ),
    "paragraph": (
        "请为题为《{title}》的文章写一段正文。",
        "请为题为《{title}》的文章中“{section}”一节写一段正文。",
    ),
    "chunk": (
        "请写出题为《{title}》的文章中连续的几段。",
        "请写出题为《{title}》的文章中从“{section}”一节起的连续几段。",
    ),
}

UNITS = tuple(TEMPLATES)


def template(unit: str, *, with_section: bool) -> str:
    """The raw template of ``unit`` (placeholders ``{title}`` and ``{section}``)."""
    return TEMPLATES[unit][1 if with_section else 0]


def render(unit: str, *, title: str, section: str | None = None) -> str:
    """The prompt for one row of ``unit``; the section is used when there is one."""
    return template(unit, with_section=bool(section)).format(title=title, section=section)
