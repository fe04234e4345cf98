"""Dialogue bodies: Markdown → HTML with an allow-list (nh3), as defence in depth.

Validation already rejects raw HTML and dangerous links; this makes sure that a file
forced past validation still cannot put anything executable on a page: only the tags
and attributes below survive, the contents of ``<script>`` and ``<style>`` are dropped,
and every ``href``/``src`` must pass the validator's own link check (scheme allow-list
after decoding entities and dropping invisible characters, no path out of the site).
"""

from __future__ import annotations

import html as html_module
import re
from functools import lru_cache

import markdown
import nh3

from generator.core.urls import link_problem

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
# A block (text between blank lines) with more of these characters than this is shown as
# plain text: Python-Markdown's inline parsers scan ahead for each `[`, `(`, `<` or `` ` ``,
# which makes a block full of them take minutes (quadratic or worse).
MAX_SPECIALS_PER_BLOCK = 1000
MAX_BRACKETS_PER_BLOCK = 200
MAX_BRACKET_DEPTH = 4
MAX_OPEN_BRACKETS = 8
_BRACKET = re.compile(r"[\[\]]")
_SPECIALS = re.compile(r"[\[\]()<>`*_!&\\]")
_DEEP_QUOTE = re.compile(rf"^((?:[ \t]*>){{{MAX_QUOTE_DEPTH}}})(?:[ \t]*>)+", re.M)
_BLOCK_SEPARATOR = re.compile(r"(\n[ \t]*\n)")
_PLAIN_TOKEN = "INSYNPLAINTEXT{:06d}X"
_PLAIN_RE = re.compile(r"<p>INSYNPLAINTEXT(\d{6})X</p>")


def body_html(text: str) -> str:
    """Render a dialogue body to safe HTML (headings start at h2: the page has the h1)."""
    text, plain = defuse(text)
    html = _markdown().reset().convert(text)
    html = _PLAIN_RE.sub(lambda m: _plain_paragraph(plain[int(m.group(1))]), html)
    return clean(html)


@lru_cache(maxsize=1)
def _markdown() -> markdown.Markdown:
    """One converter for every body (making one costs more than converting a body)."""
    return markdown.Markdown(extensions=["tables", "sane_lists"], output_format="html")


def defuse(text: str) -> tuple[str, list[str]]:
    """Take the sting out of input that makes Python-Markdown slow (quadratic or worse).

    Blockquotes nested deeper than ``MAX_QUOTE_DEPTH`` are flattened to that depth, and a
    block with deeply nested or many unmatched ``[``, or with too much Markdown punctuation
    (see ``_risky``), is set aside (replaced by a token paragraph) to be shown as escaped
    plain text. Returns the text to render and the blocks set aside. Ordinary text is
    returned unchanged.
    """
    text = _DEEP_QUOTE.sub(r"\1", text)
    if not _risky(text):
        return text, []
    plain: list[str] = []
    parts = _BLOCK_SEPARATOR.split(text)
    for i in range(0, len(parts), 2):  # odd indexes are the separators
        block = parts[i]
        if _risky(block):
            plain.append(parts[i])
            parts[i] = _PLAIN_TOKEN.format(len(plain) - 1)
    return "".join(parts), plain


def _risky(block: str) -> bool:
    """Brackets nested deeper than 4, more than 8 left open, too many, or too much markup."""
    depth = deepest = 0
    for m in _BRACKET.finditer(block):
        depth = depth + 1 if m.group(0) == "[" else max(0, depth - 1)
        deepest = max(deepest, depth)
    return (
        deepest > MAX_BRACKET_DEPTH
        or depth > MAX_OPEN_BRACKETS
        or block.count("[") > MAX_BRACKETS_PER_BLOCK
        or len(_SPECIALS.findall(block)) > MAX_SPECIALS_PER_BLOCK
    )


def _plain_paragraph(block: str) -> str:
    return "<p>" + html_module.escape(block, quote=False).replace("\n", "<br>\n") + "</p>"


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
