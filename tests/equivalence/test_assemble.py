"""The assembler (``engine/fast/assemble``) on its own: a page of headings and raw HTML
converted without parsing its HTML again is the engine's conversion, and a page it cannot
be sure of is left to the engine."""

from __future__ import annotations

import re

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.engine.fast.assemble import Assembler, blocks

EXTENSIONS = ["toc", "tables", "attr_list"]


def _engine(text: str) -> tuple[str, list]:
    md = markdown.Markdown(extensions=EXTENSIONS, extension_configs={"toc": {"permalink": False}})
    return md.convert(text), md.toc_tokens


def _assembler() -> Assembler:
    md = markdown.Markdown(extensions=EXTENSIONS, extension_configs={"toc": {"permalink": False}})

    def convert(text: str):
        md.reset()
        return md.convert(text), md.toc_tokens, None

    return Assembler(convert, set(md.block_level_elements))


@pytest.mark.parametrize(
    "text",
    [
        "# Titel\n\n<p>a</p>\n\n## Del\n\n<ul>\n<li>x</li>\n</ul>",
        "# Resultat\n\n<p>a</p>\n\n## Resultat\n\n<p>b</p>",  # the same id twice
        "# A &amp; \\*b\\* \\[c\\] (d) &lt;e&gt;\n\n<div>\n<p>x</p>\n</div>",
        "<p>före</p>\n\n# Titel\n\n<p>a</p>",
        "## Utan titel\n\n<p>a</p>\n\n### Under\n\n<p>b</p>",
        "<dl>\n<dt>a</dt>\n<dd>b</dd>\n</dl>\n\n<p>c</p>",
    ],
)
def test_assembled_equals_the_engines_conversion(text: str) -> None:
    converted = _assembler().assemble(text)
    assert converted is not None
    html, tokens = _engine(text)
    assert converted.content == html
    assert converted.toc_tokens == tokens


@pytest.mark.parametrize(
    "text",
    [
        "# T\n\nVanlig text i ett stycke.",  # Markdown, not raw HTML
        "# T\n\n<strong>inline</strong> start",  # an inline tag starts a paragraph
        "# T\n\n<pre>\n\nkod\n</pre>",  # blank lines in raw text
        "# T\n\n<p>a</p>\n\n\n<p>b</p>",
        "# T\n\n<p>\ta</p>",  # Markdown expands tabs
        "# T\n\n<div>\n```\n</div>",
        "# T\n\n<!-- kommentar -->",
        "# [T](x.md)\n\n<p>a</p>",  # a link in a heading is the engine's to resolve
        "# T\n\n<p>a</p>\ntext",
    ],
)
def test_pages_it_cannot_be_sure_of_are_left_to_the_engine(text: str) -> None:
    md = markdown.Markdown(extensions=EXTENSIONS)
    assert blocks(text, set(md.block_level_elements)) is None


# What assemble.blocks refuses, as one pattern: the definition ``_unsure`` is tested against.
_UNSURE_AS_ONE = re.compile(
    r"<(?:pre|textarea|script|style|!--|\?|!\[CDATA)|^(?:```|~~~)|[\t\r\x02\x03]|\n[ ]+\n",
    re.IGNORECASE | re.MULTILINE,
)
_PIECES = [
    "<pre", "<PrE>", "<textarea", "<script", "<ſcript", "<style", "<!--", "<?", "<![CDATA",
    "```", "~~~", "\t", "\r", "\x02", "\x03", "\n", " ", "\n \n", "<p>", "x", "`", "~", "<",
]  # fmt: skip


@given(st.lists(st.sampled_from(_PIECES), max_size=12))
@settings(max_examples=2000, deadline=None)
def test_unsure_is_the_one_pattern(pieces: list[str]) -> None:
    from generator.engine.fast.assemble import _unsure

    text = "".join(pieces)
    assert _unsure(text) == (_UNSURE_AS_ONE.search(text) is not None)
