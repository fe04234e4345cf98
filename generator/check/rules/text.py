"""Reading a dialogue file's text for the rules: where an offset is, the front matter's
strings, raw HTML, code spans, and the link targets of Markdown."""

from __future__ import annotations

import bisect
import difflib
import html
import re
from collections.abc import Iterable, Iterator

from generator.core.findings import FieldPath, Problem
from generator.core.model_errors import CLOSE
from generator.core.urls import MAX_UNESCAPE
from generator.load.source import Source


class LineIndex:
    """Line and column of an offset in one text, by bisection (a file may have many hits).

    The line starts are found on the first call: most texts have no hit at all.
    """

    __slots__ = ("_starts", "_text")

    def __init__(self, text: str):
        self._text = text
        self._starts: list[int] | None = None

    @property
    def starts(self) -> list[int]:
        if self._starts is None:
            self._starts = [0, *(m.end() for m in re.finditer("\n", self._text))]
        return self._starts

    def __call__(self, offset: int) -> tuple[int, int]:
        starts = self.starts
        i = bisect.bisect_right(starts, offset) - 1
        return i + 1, offset - starts[i] + 1


MAX_PROBLEMS = 25  # per rule and file: beyond this, one more problem says how many are left


def capped(problems: Iterable[Problem], limit: int = MAX_PROBLEMS) -> Iterator[Problem]:
    """The first ``limit`` problems, then one that says there are more, and stop looking."""
    for i, problem in enumerate(problems):
        if i == limit:
            yield Problem(
                f"Fler liknande fynd finns; bara de första {limit} visas.",
                problem.path,
                problem.hint,
                line=problem.line,
                col=problem.col,
            )
            return
        yield problem


def strings(value: object, path: FieldPath) -> Iterator[tuple[FieldPath, str]]:
    """Every string in the front matter, with its path, depth first."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from strings(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from strings(item, (*path, i))


# Raw HTML: a tag, a comment or a processing instruction, as a browser's tokenizer starts
# one: `<` directly followed by a letter, `/` and a letter, `!` or `?`. `a < b` is text.
# Autolinks (<https://…>) are Markdown.
TAG = re.compile(r"<(?:[A-Za-z][A-Za-z0-9:-]*(?=[\s/>])|/[A-Za-z]|!|\?)")
AUTOLINK = re.compile(r"<(?:https?|mailto):[^\s<>]*>|<[^\s<>@]+@[^\s<>@]+>", re.IGNORECASE)
# Link destinations in Markdown: inline (](x), reference definitions ([x]: y) and autolinks.
LINK_TARGET = re.compile(
    r"\]\(\s*<?([^)\s>]*)|^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*<?(\S+)|<([^\s<>]+)>", re.M
)
# The same without reference definitions, for text without "]:" (where they cannot match):
# a pattern that starts with a character set, which the regex engine skips through quickly;
# the line-start alternative makes it try every position.
_INLINE_LINK_TARGET = re.compile(r"\]\(\s*<?([^)\s>]*)|<([^\s<>]+)>")
# An attribute list ({: onclick=… }) would put an event handler on the element in MkDocs.
ATTR_LIST_EVENT = re.compile(r"\{[^{}\n]*\bon[a-z]+\s*=", re.IGNORECASE)


def mask_code(text: str) -> str:
    """Blank out fenced code blocks and code spans (Markdown escapes them), keeping offsets.

    Linear in the length of the text, whatever the text (a regex with backtracking is not:
    a file of unclosed fences or backtick runs would take minutes).
    """
    out: list[str] = []
    fence: str | None = None
    if "`" not in text and "~" not in text:
        return text
    for line in text.split("\n"):
        if fence is None and "`" not in line and "~" not in line:
            out.append(line)
            continue
        stripped = line.lstrip(" ")
        indent = len(line) - len(stripped)
        if fence is not None:
            run = re.match(r"`+|~+", stripped)
            if indent <= 3 and run and run.group(0)[0] == fence[0] and len(run.group(0)) >= len(
                fence
            ) and not stripped[run.end() :].strip():
                fence = None
            out.append(" " * len(line))
            continue
        run = re.match(r"`{3,}|~{3,}", stripped) if indent <= 3 else None
        if run and not (run.group(0)[0] == "`" and "`" in stripped[run.end() :]):
            fence = run.group(0)
            out.append(" " * len(line))
            continue
        out.append(_mask_spans(line))
    return "\n".join(out)


def _mask_spans(line: str) -> str:
    """Blank out code spans on one line: a run of n backticks up to the next run of n."""
    runs = [(m.start(), m.end()) for m in re.finditer(r"`+", line)]
    if len(runs) < 2:
        return line
    following: list[int | None] = [None] * len(runs)
    seen: dict[int, int] = {}
    for i in range(len(runs) - 1, -1, -1):
        size = runs[i][1] - runs[i][0]
        following[i] = seen.get(size)
        seen[size] = i
    chars = list(line)
    i = 0
    while i < len(runs):
        j = following[i]
        if j is None:
            i += 1
            continue
        for k in range(runs[i][0], runs[j][1]):
            chars[k] = " "
        i = j + 1
    return "".join(chars)


def has_tag(text: str) -> bool:
    return TAG.search(AUTOLINK.sub("", normalise_url_entities(text))) is not None


def normalise_url_entities(text: str) -> str:
    """Decode entities (a bounded number of rounds) without dropping any character."""
    for _ in range(MAX_UNESCAPE):
        decoded = html.unescape(text)
        if decoded == text:
            break
        text = decoded
    return text


def body_link_targets(src: Source) -> list[tuple[str, int]]:
    """Every link target in the body outside code: (text, offset in the body), in order.

    Found once per file and kept on ``src``: ``safe-html`` and ``dialogue-links`` both ask.
    """
    if src.body_links is None:
        masked = mask_code(src.body)
        if "]" not in masked and "<" not in masked:  # every link target needs one of them
            src.body_links = []
        else:
            src.body_links = [_target(m) for m in link_targets(masked)]
    return src.body_links


def link_targets(text: str) -> Iterator[re.Match[str]]:
    """The matches of ``LINK_TARGET`` in ``text``; each has one group that is not None."""
    return (LINK_TARGET if "]:" in text else _INLINE_LINK_TARGET).finditer(text)


def _target(m: re.Match[str]) -> tuple[str, int]:
    group = next(i for i, g in enumerate(m.groups(), 1) if g is not None)
    return m.group(group), m.start(group)


def closest(name: str, known: list[str]) -> str | None:
    """The known name most like ``name``, ignoring case, if it is alike enough to be what
    was meant (``CLOSE``); else None."""
    by_lower = {k.lower(): k for k in known}
    match = difflib.get_close_matches(name.lower(), list(by_lower), n=1, cutoff=CLOSE)
    return by_lower[match[0]] if match else None
