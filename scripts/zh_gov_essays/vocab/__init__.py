"""The shared vocabulary: what characters, labels, headings, dates and site names look like.

Every other module imports what it needs from here and spells none of it
again, and nothing here imports from the rest of the package:

``chars``
    Han ideographs (one definition), punctuation by role, brackets, spaces
    and invisible characters, bullets.
``labels``
    The words pages print before a value: date, source, editor, copyright,
    breadcrumb arrows and home words, navigation words, file extensions.
``headings``
    Chinese enumerators and the heading levels of DESIGN.md.
``seo``
    The phrases of content-farm templates.
``dates``
    Dates as pages print them (ISO, Chinese, slashed, ROC years).
``sites``
    The shape of a website's or an agency's name, and the site table
    ``data/sites.toml``.
``prompts``
    The prompt templates of the fine-tuning export, also shown in the card.
"""
