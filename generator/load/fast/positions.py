"""Where each key and list item is, for plain block YAML, read line by line.

The fast path (``load.fast``) knows a file's data but not where each field stands; asking
PyYAML's composer costs far more than the rest of a check. Front
matter that passed the fast path's pre-scan has no anchors, tags, flow mappings or tabs,
so a key is the text before ``:`` at the start of a line and a list item starts with
``- ``. ``scan`` reads those lines and keeps a stack of the open mappings and lists.

It answers only when sure: the paths it found must be exactly the paths in the data, each
found once. A line it misreads (say, the second line of a quoted text that looks like a
key) adds a path the data does not have or repeats one, so any doubt gives None and the
caller asks PyYAML. ``tests/equivalence/test_yaml.py`` compares the answers with PyYAML's.
"""

from __future__ import annotations

from generator.core.findings import FieldPath

Positions = dict[FieldPath, tuple[int, int]]

# A plain key cannot start with one of these (YAML indicators, comments, quotes).
_NOT_PLAIN_START = frozenset("-?:,[]{}#&*!|>'\"%@`")


class _Open:
    """A mapping or list still open: the column of its keys or dashes, and its path."""

    __slots__ = ("indent", "is_list", "items", "path")

    def __init__(self, indent: int, is_list: bool, path: FieldPath):
        self.indent, self.is_list, self.path = indent, is_list, path
        self.items = 0  # list items seen so far


class _Unsure(Exception):
    pass


def scan(text: str, data: object) -> Positions | None:
    """Line and column (1-based) of every key and list item in ``text``, as PyYAML's
    composer gives them, or None if this reading cannot be sure of them."""
    if type(data) is not dict:
        return None
    try:
        found = _Scanner().run(text)
    except _Unsure:
        return None
    expected: set[FieldPath] = set()
    _paths(data, (), expected)
    return found if found.keys() == expected else None


def _paths(value: object, path: FieldPath, out: set[FieldPath]) -> None:
    items = value.items() if type(value) is dict else enumerate(value)  # type: ignore[arg-type]
    for key, child in items:
        here = (*path, key)
        out.add(here)
        if type(child) is dict or type(child) is list:
            _paths(child, here, out)


class _Scanner:
    def __init__(self) -> None:
        self.found: Positions = {}
        self.stack = [_Open(0, False, ())]
        self.pending: tuple[FieldPath, _Open] | None = None  # a key whose value is below
        self.block: int | None = None  # inside a block scalar: lines indented beyond this

    def run(self, text: str) -> Positions:
        found, stack = self.found, self.stack
        for number, line in enumerate(text.split("\n"), 1):
            content = line.lstrip(" ")
            if not content:
                continue
            indent = len(line) - len(content)
            if self.block is not None:
                if indent > self.block:
                    continue
                self.block = None
            first = content[0]
            if first == "#":
                continue
            if first == "-" and (content == "-" or content[1] == " "):
                self._item(number, line, indent, content)
            elif (split := _key_split(content)) is not None:
                top = stack[-1]  # most keys belong to the open mapping: no calls for them
                mapping = top if top.indent == indent and not top.is_list else self._map_at(indent)
                key, rest = split
                self.pending = None
                path = (*mapping.path, key)
                if path in found:
                    raise _Unsure
                found[path] = (number, indent + 1)
                if not rest or rest[0] in "#|>[":
                    self._value(number, line, rest, path, mapping)
            elif indent > stack[-1].indent:
                self.pending = None  # the pending key's value, or a text's next line
            else:
                raise _Unsure
        return found

    def _add(self, path: FieldPath, number: int, col: int) -> None:
        if path in self.found:
            raise _Unsure
        self.found[path] = (number, col + 1)

    def _pop_deeper(self, indent: int) -> None:
        while self.stack[-1].indent > indent:
            self.stack.pop()
            self.pending = None

    def _map_at(self, indent: int) -> _Open:
        """The mapping a key at ``indent`` belongs to, opened if it is the pending value."""
        self._pop_deeper(indent)
        top = self.stack[-1]
        if top.is_list and top.indent == indent and len(self.stack) > 1:
            self.stack.pop()  # a list written at its key's indent ends at the next key
            self.pending = None
            top = self.stack[-1]
        if not top.is_list and top.indent == indent:
            return top
        return self._open_below(indent, is_list=False)

    def _open_below(self, indent: int, *, is_list: bool) -> _Open:
        """A mapping or list as the value of the pending key (a list may share its indent)."""
        top, pending = self.stack[-1], self.pending
        if pending is None or pending[1] is not top or top.is_list:
            raise _Unsure
        if indent < top.indent or (indent == top.indent and not is_list):
            raise _Unsure
        opened = _Open(indent, is_list, pending[0])
        self.stack.append(opened)
        return opened

    def _item(self, number: int, line: str, indent: int, content: str) -> None:
        self._pop_deeper(indent)
        top = self.stack[-1]
        if top.is_list and top.indent == indent:
            seq = top
        else:
            seq = self._open_below(indent, is_list=True)
        self.pending = None
        rest = content[1:].lstrip(" ")
        if not rest or rest[0] == "#" or rest == "-" or rest.startswith("- "):
            raise _Unsure  # an item on the next line, or a list in a list: rare, ask PyYAML
        col = len(line) - len(rest)
        path = (*seq.path, seq.items)
        seq.items += 1
        self._add(path, number, col)
        split = _key_split(rest)
        if split is not None:  # `- key: value` opens a mapping at the key's column
            mapping = _Open(col, False, path)
            self.stack.append(mapping)
            key, rest = split
            self._add((*path, key), number, col)
            self._value(number, line, rest, (*path, key), mapping)
        else:
            self._value(number, line, rest, path, seq)

    def _value(self, number: int, line: str, rest: str, path: FieldPath, owner: _Open) -> None:
        """What follows a key's colon or an item's dash on the same line (``rest``)."""
        if not rest or rest[0] == "#":
            self.pending = (path, owner)
        elif rest[0] in "|>":
            self.block = owner.indent  # its lines stand to the right of the owner
        elif rest[0] == "[":
            self._flow_items(number, line, len(line) - len(rest), path)

    def _flow_items(self, number: int, line: str, start: int, path: FieldPath) -> None:
        """The items of ``[a, 'b', "c"]`` (the pre-scan lets only such one-line lists by)."""
        i, index, end = start + 1, 0, len(line)
        while True:
            while i < end and line[i] == " ":
                i += 1
            if i >= end or line[i] in "[{":
                raise _Unsure
            if line[i] == "]":
                return
            self._add((*path, index), number, i)
            index += 1
            if line[i] in "'\"":
                close = line.find(line[i], i + 1)
                if close == -1 or line.startswith("''", close):
                    raise _Unsure
                i = close + 1
            else:
                while i < end and line[i] not in ",]":
                    i += 1
            while i < end and line[i] == " ":
                i += 1
            if i < end and line[i] == ",":
                i += 1
            elif i >= end or line[i] != "]":
                raise _Unsure


def _key_split(content: str) -> tuple[str, str] | None:
    """``(key, rest)`` if ``content`` starts with a key and its colon, else None.

    Raises ``_Unsure`` for what looks like a key but may not read as this one.
    """
    first = content[0]
    if first in "'\"":
        end = content.find(first, 1)
        if end == -1:
            return None  # a quoted text over several lines
        after = content[end + 1 :].lstrip(" ")
        if not after.startswith(":") or (len(after) > 1 and after[1] != " "):
            return None  # a quoted value, not a key
        key = content[1:end]
        if first == "'" and content.startswith("''", end):
            raise _Unsure
        return key, after[1:].lstrip(" ")
    colon = content.find(": ")
    if colon == -1:
        if not content.endswith(":"):
            return None
        colon = len(content) - 1
    key = content[:colon].rstrip(" ")
    if first in _NOT_PLAIN_START or " #" in key or not key:
        raise _Unsure
    return key, content[colon + 1 :].lstrip(" ")
