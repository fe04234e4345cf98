"""Dialogue bodies: Markdown → HTML with an allow-list (nh3), as defence in depth.

Validation already rejects raw HTML and dangerous links; this makes sure that a file
forced past validation still cannot put anything executable on a page: only the tags
and attributes below survive, the contents of ``<script>`` and ``<style>`` are dropped,
and every ``href``/``src`` must pass the validator's own link check (scheme allow-list
after decoding entities and dropping invisible characters, no path out of the site).
"""

from __future__ import annotations

import re

import markdown
import nh3

from generator.rules.safety import link_problem

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "ul", "ol", "li", "strong", "em", "a", "blockquote",
    "code", "pre", "hr", "table", "thead", "tbody", "tr", "th", "td", "img",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "th": {"align"},
    "td": {"align"},
}
URL_ATTRIBUTES = {"href", "src"}
URL_SCHEMES = {"http", "https", "mailto"}
CLEAN_CONTENT_TAGS = {"script", "style", "template", "noscript", "iframe", "object", "svg", "math"}


MAX_QUOTE_DEPTH = 8  # deeper `> > > …` nesting renders as this depth
MAX_OPEN_BRACKETS = 32  # a paragraph with more unmatched `[` gets them all escaped
_DEEP_QUOTE = re.compile(rf"^((?:[ \t]*>){{{MAX_QUOTE_DEPTH}}})(?:[ \t]*>)+", re.M)
_BLOCKS = re.compile(r"\n[ \t]*\n")


def body_html(text: str) -> str:
    """Render a dialogue body to safe HTML (headings start at h2: the page has the h1)."""
    html = markdown.markdown(defuse(text), extensions=["tables", "sane_lists"], output_format="html")
    return clean(html)


def defuse(text: str) -> str:
    """Take the sting out of input that makes Python-Markdown slow (quadratic or worse).

    Blockquotes nested deeper than ``MAX_QUOTE_DEPTH`` are flattened to that depth, and in a
    paragraph with many unmatched ``[`` (each one makes the link parser scan to the end of
    the paragraph) every ``[`` is escaped. Ordinary text is returned unchanged.
    """
    text = _DEEP_QUOTE.sub(r"\1", text)
    if text.count("[") - text.count("]") <= MAX_OPEN_BRACKETS:
        return text
    blocks = _BLOCKS.split(text)
    separators = _BLOCKS.findall(text)
    out = []
    for i, block in enumerate(blocks):
        if block.count("[") - block.count("]") > MAX_OPEN_BRACKETS:
            block = re.sub(r"(?<!\\)\[", r"\\[", block)
        out.append(block)
        if i < len(separators):
            out.append(separators[i])
    return "".join(out)


def _filter(element: str, attribute: str, value: str) -> str | None:
    if attribute in URL_ATTRIBUTES and link_problem(value) is not None:
        return None
    return value


def clean(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags=CLEAN_CONTENT_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_filter,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
