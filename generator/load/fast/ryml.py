"""A fast path for front matter: rapidyaml parses, PyYAML is asked only when needed.

``safe_yaml.parse`` builds PyYAML's node tree to know the line and column of every field;
that costs most of the time of a check. Most files have no finding, so their positions are
never read. ``parse_fast`` therefore parses with rapidyaml (``ryml``, C++) into JSON and
loads that with the standard library, and hands back a ``LazyPositions`` that works out
where the fields are only when a finding asks: by reading the lines (``load.positions``)
where that is sure, else with the PyYAML composer.

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

``tests/equivalence/test_yaml.py`` compares both paths on the demo content, the benchmark corpus
and generated tricky input.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
from collections.abc import Iterator

from pydantic_core import from_json
from yaml.resolver import Resolver

from generator.load.fast.positions import scan
from generator.load.safe_yaml import (
    _YAML,
    MAX_DEPTH,
    MAX_FLOW_BRACKETS,
    Parsed,
    YamlProblem,
    parse,
)

try:
    import ryml
except ImportError:  # pragma: no cover - rapidyaml is a dependency, but stay correct without
    ryml = None

# ASCII that may stand anywhere: the line feed and the printable characters except the
# backslash (escapes) and braces (flow mappings); tabs and control characters may not. Bytes
# of characters beyond ASCII pass here and are checked by _BAD_MULTI.
_PASS = bytes([0x0A, *(b for b in range(0x20, 0x7F) if b not in b"\\{}"), *range(0x80, 0x100)])
# Characters beyond ASCII that PyYAML refuses or reads as line breaks (YAML 1.1), where
# rapidyaml may not: C1 controls (NEL among them), U+2028/U+2029, surrogates, U+FFFE/U+FFFF.
_BAD_MULTI = re.compile(rb"\xc2[\x80-\x9f]|\xed[\xa0-\xbf]|\xef\xbf[\xbe\xbf]")


def _table(classes: dict[bytes, int]) -> bytes:
    table = bytearray(256)
    for chars, bits in classes.items():
        for ch in chars:
            table[ch] = bits
    return bytes(table)


# An anchor, alias, tag, explicit key or reserved indicator is a token where it follows a
# node start (line start, `[`, `,`, `:`, `?`, `-`) with only spaces between; the fast
# path then cannot promise PyYAML's reading. With spaces removed, that is a pair of adjacent
# bytes: _BEFORE gives the first its bits, _AFTER the second, and the pair is a token if
# they share a bit. `]` right after `[` is an empty list, not a token. The same pairs catch
# directives (`%` at a line start).
_BEFORE = _table({b"\n:-,?": 0b11, b"[": 0b01})
_AFTER = _table({b"&*!?@`%,": 0b01, b"]": 0b10})


def _not_text_pattern() -> re.Pattern[str]:
    """A JSON string literal whose content PyYAML, seeing it plain, would not read as text:
    a value or key that resolves to a number, boolean, null …, or a key that is a date
    (``2026-03-01: x`` is refused; dates as values stay text)."""

    def patterns(kept) -> str:
        return "|".join(
            sorted(
                {
                    regexp.pattern.removeprefix("^").removesuffix("$")
                    for resolvers in Resolver.yaml_implicit_resolvers.values()
                    for tag, regexp in resolvers
                    if kept(tag)
                }
            )
        )

    other = patterns(lambda tag: tag not in (f"{_YAML}str", f"{_YAML}timestamp"))
    date = patterns(lambda tag: tag == f"{_YAML}timestamp")
    # One pass over the JSON; the look-aheads let most strings fail at their first letter.
    first = "[-+.0-9yYnNtTfFoO~<=\"]"
    return re.compile(f'"(?:(?={first})(?:{other})"|(?=[0-9])(?:{date})":)', re.X)


_NOT_TEXT = _not_text_pattern()


def _prescan_ok(text: str, raw: bytes) -> bool:
    """False for anything the fast path does not promise to read as PyYAML does (``raw`` is
    ``text`` in UTF-8). Byte tables and ``in`` instead of a regex: this runs on every file."""
    if raw.translate(None, _PASS) or (b"<" in raw and b"<<" in raw):
        return False  # tabs, control characters, escapes, flow mappings, merge keys
    if "\u2028" in text or "\u2029" in text:
        return False
    if (b"\xc2" in raw or b"\xed" in raw or b"\xef" in raw) and _BAD_MULTI.search(raw):
        return False
    if raw.startswith((b"---", b"...")) or b"\n---" in raw or b"\n..." in raw:
        return False  # document markers
    tight = raw.replace(b" ", b"")
    if _AFTER[tight[0]] if tight else False:
        return False  # a token (or a directive) at the very start
    before = int.from_bytes(tight[:-1].translate(_BEFORE), "big")
    if before & int.from_bytes(tight[1:].translate(_AFTER), "big"):
        return False
    start = text.find("[")
    while start != -1:  # flow sequences: on one line, no ':', '#', '|' or '>' inside
        end = text.find("\n", start)
        end = len(text) if end == -1 else end
        flow = text[start:end]
        if flow.count("[") != flow.count("]") or any(c in flow for c in ":#|>"):
            return False
        start = text.find("[", end)
    return True


class _Unsure(Exception):
    """The fast path cannot promise PyYAML's answer: use PyYAML."""


def _decode(out: str) -> object:
    """rapidyaml's JSON as Python values; ValueError for what JSON does not allow, NaN and
    Infinity among them. pydantic-core's parser (jiter, Rust) takes half the time of the
    standard library's. JSON's grammar for integers is the plain decimal one that the
    fast path may take; a float is refused by ``_values``."""
    return from_json(out, allow_inf_nan=False)


def _values(value: dict | list, depth: int = 0) -> int:
    """How many values ``value`` holds, itself included; -1 if nesting exceeds ``MAX_DEPTH``
    or a value is a float (YAML 1.1 and 1.2 read some of them differently: PyYAML decides).

    Every node of rapidyaml's tree becomes one JSON value, and decoding keeps one value per
    JSON value except where a mapping repeats a key. So a count equal to the tree's size
    proves that no key was repeated (PyYAML names a repeated key, so it must read those).
    """
    if depth >= MAX_DEPTH:
        return -1
    total = 1 + len(value)
    for v in value.values() if type(value) is dict else value:
        kind = type(v)
        if kind is dict or kind is list:
            inner = _values(v, depth + 1)
            if inner < 0:
                return -1
            total += inner - 1
        elif kind is float:
            return -1
    return total


class LazyPositions(dict):
    """Field positions that are computed the first time they're read: by reading the lines
    (``load.positions``) where that is sure, else with PyYAML's composer."""

    __slots__ = ("_data", "_text")

    def __init__(self, text: str, data: object = None):
        super().__init__()
        self._text: str | None = text
        self._data = data

    def _load(self) -> None:
        text = self._text
        if text is None:
            return
        self._text = None
        found = scan(text, self._data) if self._data is not None else None
        self._data = None
        if found is not None:
            dict.update(self, found)
            return
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


_quiet: list[int] = [0]  # how many ``quiet_stderr`` blocks are open in this process


@contextlib.contextmanager
def quiet_stderr() -> Iterator[None]:
    """Send file descriptor 2 to /dev/null while a batch of files is parsed.

    rapidyaml prints its parse errors there (C++, past Python), and has no setting to stop
    it. Silencing each parse on its own costs four system calls a file; a batch pays them
    once. Only parsing belongs in the block: anything else written to stderr is lost."""
    saved = os.dup(2)
    try:
        os.dup2(_devnull(), 2)
        _quiet[0] += 1
        try:
            yield
        finally:
            _quiet[0] -= 1
            os.dup2(saved, 2)
    finally:
        os.close(saved)


def _ryml_json(raw: bytes) -> tuple[str, int]:
    """rapidyaml → JSON text and the number of nodes in the tree; its own error printing
    is silenced (by the open ``quiet_stderr`` block, else for this file alone)."""
    if not _quiet[0]:
        with quiet_stderr():
            return _ryml_json(raw)
    try:
        tree = ryml.parse_in_arena(raw)
        # emitting can fail too, e.g. "max depth exceeded" on deep block nesting
        size = tree.size()
        out = ryml.emit_json_malloc(tree, tree.root_id()) if size else None
    except Exception:
        raise _Unsure from None
    if not out:
        raise _Unsure
    return out, size


def fast_data(text: str) -> dict[str, object] | None:
    """The front matter as data if the fast path is sure, else None."""
    if ryml is None or text.count("[") > MAX_FLOW_BRACKETS:
        return None
    raw = text.encode("utf-8", "surrogatepass")
    if not _prescan_ok(text, raw):
        return None
    try:
        out, size = _ryml_json(raw)
        if _NOT_TEXT.search(out):
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
    return Parsed(data, LazyPositions(text, data))


