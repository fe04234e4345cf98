"""Escape staff-written values for generated Markdown.

Every value from a dialogue file that lands in a generated page goes through ``md_inline``
(one line of text) or ``md`` (paragraphs): HTML is escaped and Markdown syntax (links,
emphasis, headings, lists, tables, attribute lists) is neutralised with backslashes, so a
value is shown exactly as written and can never become markup.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from generator.core.urls import url_is_safe

# Python-Markdown's escapable characters (with the tables extension's `|`).
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")
_SPACE = re.compile(r"\s+")


def _escape(text: str) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(lambda m: _ESCAPE[m.group(1)], text)


_ESCAPE = {c: "\\" + c for c in "\\`*_{}[]()#+-.!|"}


def md_inline(value: object) -> str:
    """One line of literal text: whitespace collapsed, HTML and Markdown neutralised."""
    if value is None:
        return ""
    return _escape(_SPACE.sub(" ", str(value)).strip())


def md(value: object) -> str:
    """Literal text that may have paragraphs (blank lines); each paragraph is one line."""
    if value is None:
        return ""
    paragraphs = re.split(r"\n\s*\n", str(value).strip())
    return "\n\n".join(md_inline(p) for p in paragraphs if p.strip())


def md_url(value: object) -> str:
    """A URL for a Markdown link target: characters that could end the target are encoded.

    A URL whose scheme could run code (``javascript:``, ``data:`` …, however encoded) becomes
    ``#``: validation rejects it, and this keeps a page safe if validation was skipped.
    """
    if value is None:
        return ""
    if not url_is_safe(str(value).strip()):
        return "#"
    return quote(str(value).strip(), safe="/:@!$&'*+,;=?#%~-._")
