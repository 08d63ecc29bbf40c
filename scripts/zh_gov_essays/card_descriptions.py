"""One line on what each rule does (temporary home until labels are declared)."""

from __future__ import annotations


def text_rule_descriptions() -> dict[str, str]:
    """The first docstring line of every rule: text rules (both stages) and line rules."""
    from zh_gov_essays.lines import LINE_RULES
    from zh_gov_essays.rules import ordered_text_rules

    def first_line(fn: object) -> str:
        doc = (getattr(fn, "__doc__", None) or "").strip()
        return doc.splitlines()[0] if doc else ""

    out = {r.name: first_line(r.fn) for r in ordered_text_rules("line")}
    out.update({r.name: first_line(r.fn) for r in ordered_text_rules("body")})
    out.update({r.name: first_line(r.fn) for r in LINE_RULES})
    out.update(PIPELINE_RULES)
    return out


# Names the pipeline itself logs (not registered rules): what each means.
PIPELINE_RULES = {
    "title": "The title line, kept as the document's title.",
    "title_repeat": "The title printed again (page title and article title, or re-injected).",
    "site_header": "A header line naming the hosting site (kept as the source).",
    "header_debris": "Other page furniture between the title and the first paragraph.",
    "page_break_join": "Two halves of a paragraph cut by a page number, joined again.",
    "punctuation_only": "A line left with no letter, digit or ideograph.",
    "footer": "Everything after the first footer marker (widgets, related links, site footer).",
    "invalid_paragraph": "A paragraph still failing the publishing checks after every repair.",
    "truncated_tail": "An incomplete character at the very end of a file, left by the decoder.",
    "html": "HTML markup, and the content of head, script and style elements.",
    "replaced_bad_bytes": "A few undecodable bytes in an otherwise decodable file.",
}
