"""A fast path for front matter: rapidyaml parses, PyYAML is asked only when needed.

``safe_yaml.parse`` builds PyYAML's node tree to know the line and column of every field;
that costs most of the time of a check. Most files have no finding, so their positions are
never read. ``parse_fast`` therefore parses with rapidyaml (``ryml``, C++) into JSON and
loads that with the standard library, and hands back a ``LazyPositions`` that runs the
PyYAML composer only when a finding asks where a field is.

The fast path must give exactly the data that ``safe_yaml.parse`` gives, and keep its
security properties, so it is taken only for input it is sure about; everything else goes
to ``safe_yaml.parse`` (which also reports every error):

- a pre-scan refuses anything that could be an anchor, alias, tag, directive, explicit
  key, merge key, tab, backslash escape, flow mapping, non-printable character or YAML 1.1
  line break, and front matter with many brackets (the depth guard);
- rapidyaml reads YAML 1.2, PyYAML YAML 1.1: a string whose text PyYAML would resolve to
  something other than text (``yes``, ``0x1F``, ``~``, ``1_000``, ``.inf`` …) may have been
  plain or quoted in the file, so it falls back; only plain decimal integers, ``true``,
  ``false`` and ``null`` are taken from rapidyaml's own typing;
- duplicate keys, nesting deeper than ``MAX_DEPTH`` and a top level that is not a mapping
  fall back;
- any error of rapidyaml falls back (its message is not shown; PyYAML's is).

``tests/test_fastpath.py`` compares both paths on the demo content, the benchmark corpus
and generated tricky input.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import re
from collections.abc import Callable

from yaml.resolver import Resolver

from generator.load.safe_yaml import MAX_DEPTH, MAX_FLOW_BRACKETS, Parsed, YamlProblem, parse

try:
    import ryml
except ImportError:  # pragma: no cover - rapidyaml is a dependency, but stay correct without
    ryml = None

# Characters that PyYAML refuses or reads as line breaks (YAML 1.1), where rapidyaml may not.
_BAD_CHAR = re.compile(
    r"[^\x0A\x20-\x7E\xA0-\u2027\u202A-\uD7FF\uE000-\uFFFD\U00010000-\U0010FFFF]"
)
_PROPERTY = re.compile(r"[&*!?@`%\],]")  # anchor, alias, tag, explicit key, indicators
_NODE_START = "\n[{,:?-"  # after one of these (and spaces) a property would be a token
_INT = re.compile(r"-?(?:0|[1-9][0-9]*)")


def _not_text_pattern() -> re.Pattern[str]:
    """A JSON string literal whose content PyYAML, seeing it plain, would not read as text."""
    patterns = {
        regexp.pattern.removeprefix("^").removesuffix("$")
        for resolvers in Resolver.yaml_implicit_resolvers.values()
        for tag, regexp in resolvers
        if tag not in ("tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp")
    }
    # The look-ahead lets most strings fail at their first letter.
    first = "[-+.0-9yYnNtTfFoO~<=\"]"
    return re.compile(f'"(?={first})(?:' + "|".join(sorted(patterns)) + ')"', re.X)


_NOT_TEXT = _not_text_pattern()
# A key PyYAML reads as a date is not text either (``2026-03-01: x`` is refused).
_DATE_KEY = re.compile(
    '"(?=[0-9])(?:'
    + "|".join(
        {
            regexp.pattern.removeprefix("^").removesuffix("$")
            for resolvers in Resolver.yaml_implicit_resolvers.values()
            for tag, regexp in resolvers
            if tag == "tag:yaml.org,2002:timestamp"
        }
    )
    + ')":',
    re.X,
)


def _prescan_ok(text: str) -> bool:
    """False for anything the fast path does not promise to read as PyYAML does."""
    if "\t" in text or "\\" in text or "{" in text or "}" in text or "<<" in text:
        return False  # tabs, escapes, flow mappings, merge keys
    if text.startswith(("%", "---", "...")) or "\n%" in text or "\n---" in text:
        return False  # directives and document markers
    if "\n..." in text or _BAD_CHAR.search(text):
        return False
    start = text.find("[")
    while start != -1:  # flow sequences: on one line, no ':', '#', '|' or '>' inside
        end = text.find("\n", start)
        end = len(text) if end == -1 else end
        flow = text[start:end]
        if flow.count("[") != flow.count("]") or any(c in flow for c in ":#|>"):
            return False
        start = text.find("[", end)
    for m in _PROPERTY.finditer(text):
        i = m.start() - 1
        while i >= 0 and text[i] == " ":
            i -= 1
        if i < 0 or (text[i] in _NODE_START and not (m.group() == "]" and text[i] == "[")):
            return False  # (an empty list `[]` is fine)
    return True


class _Unsure(Exception):
    """The fast path cannot promise PyYAML's answer: use PyYAML."""


def _int(token: str) -> int:
    if _INT.fullmatch(token) is None:
        raise _Unsure
    return int(token)


def _unsure(_token: str):
    raise _Unsure


_decode = json.JSONDecoder(parse_int=_int, parse_float=_unsure, parse_constant=_unsure).decode


def _values(value: dict | list, depth: int = 0) -> int:
    """How many values ``value`` holds, itself included; -1 if nesting exceeds ``MAX_DEPTH``.

    Every node of rapidyaml's tree becomes one JSON value, and decoding keeps one value per
    JSON value except where a mapping repeats a key. So a count equal to the tree's size
    proves that no key was repeated (PyYAML names a repeated key, so it must read those).
    """
    if depth >= MAX_DEPTH:
        return -1
    total = 1 + len(value)
    for v in value.values() if type(value) is dict else value:
        if type(v) is dict or type(v) is list:
            inner = _values(v, depth + 1)
            if inner < 0:
                return -1
            total += inner - 1
    return total


class LazyPositions(dict):
    """Field positions that are computed (with PyYAML's composer) the first time they're read."""

    __slots__ = ("_text",)

    def __init__(self, text: str):
        super().__init__()
        self._text: str | None = text

    def _load(self) -> None:
        text = self._text
        if text is None:
            return
        self._text = None
        with contextlib.suppress(YamlProblem):  # the fast path takes only what PyYAML reads
            dict.update(self, parse(text).positions)

    def __contains__(self, key: object) -> bool:
        self._load()
        return dict.__contains__(self, key)

    def __getitem__(self, key):
        self._load()
        return dict.__getitem__(self, key)

    def __iter__(self):
        self._load()
        return dict.__iter__(self)

    def __len__(self) -> int:
        self._load()
        return dict.__len__(self)

    def __eq__(self, other: object) -> bool:
        self._load()
        return dict.__eq__(self, other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        self._load()
        return dict.__repr__(self)

    def get(self, key, default=None):
        self._load()
        return dict.get(self, key, default)

    def keys(self):
        self._load()
        return dict.keys(self)

    def items(self):
        self._load()
        return dict.items(self)

    def values(self):
        self._load()
        return dict.values(self)

    def copy(self) -> dict:
        self._load()
        return dict(self)

    def __reduce__(self):
        self._load()
        return (dict, (dict(self),))


@functools.cache
def _devnull() -> int:
    """One descriptor of /dev/null per process, for silencing rapidyaml."""
    return os.open(os.devnull, os.O_WRONLY)


def _ryml_json(text: str) -> tuple[str, int]:
    """rapidyaml → JSON text and the number of nodes in the tree; its own error printing
    (C++ stderr) is silenced."""
    saved = os.dup(2)
    try:
        os.dup2(_devnull(), 2)
        try:
            tree = ryml.parse_in_arena(text.encode("utf-8"))
            # emitting can fail too, e.g. "max depth exceeded" on deep block nesting
            size = tree.size()
            out = ryml.emit_json_malloc(tree, tree.root_id()) if size else None
        except Exception:
            raise _Unsure from None
        finally:
            os.dup2(saved, 2)
    finally:
        os.close(saved)
    if not out:
        raise _Unsure
    return out, size


def fast_data(text: str) -> dict[str, object] | None:
    """The front matter as data if the fast path is sure, else None."""
    if ryml is None or text.count("[") > MAX_FLOW_BRACKETS or not _prescan_ok(text):
        return None
    try:
        out, size = _ryml_json(text)
        if _NOT_TEXT.search(out) or _DATE_KEY.search(out):
            return None  # a `yes`, `~`, `0x1F` …: plain or quoted? Only PyYAML knows
        data = _decode(out)
    except (_Unsure, ValueError, RecursionError):
        return None
    # Not the same number of values: a repeated key, or nested too deep.
    return data if type(data) is dict and _values(data) == size else None


def parse_fast(text: str) -> Parsed:
    """Like ``safe_yaml.parse``, same data and errors; positions computed on first use."""
    data = fast_data(text)
    if data is None:
        return parse(text)
    return Parsed(data, LazyPositions(text))


Parser = Callable[[str], Parsed]
