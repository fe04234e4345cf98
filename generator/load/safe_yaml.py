"""A safe YAML reader that keeps the line and column of every key and list item.

PyYAML's composer (the C one where available) builds a node tree with marks; we turn
that tree into plain Python data ourselves so that nothing is ever constructed from a
tag (no ``!!python/object``), aliases are refused before they can expand, and dates are
left as text for the model to parse (a date that does not exist becomes a finding, not
a crash).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import yaml
import yaml.reader
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.core.findings import FieldPath
from generator.core.model_errors import CONTROL_HINT

try:  # the C loader, where libyaml is there; else the pure-Python one
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_DEPTH = 32  # the content model nests four levels; anything deeper is hostile or wrong
MAX_FLOW_BRACKETS = 64  # below this many brackets nesting cannot reach MAX_DEPTH

_YAML = "tag:yaml.org,2002:"
_SCALAR_TAGS = {
    f"{_YAML}str",
    f"{_YAML}int",
    f"{_YAML}float",
    f"{_YAML}bool",
    f"{_YAML}null",
    f"{_YAML}timestamp",
}
_constructor = SafeConstructor()
# Numbers as people write them: 120, -3, 1.5, 2.5e3, .inf. Anything else (octal 0755, hex,
# 1_000, base 60 like 17:00) is kept as the text that was written.
_PLAIN_NUMBER = re.compile(
    r"[-+]?(?:0|[1-9][0-9]*)(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?|[-+]?\.[0-9]+|[-+]?\.(?:inf|Inf|INF)"
    r"|\.(?:nan|NaN|NAN)"
)

Positions = dict[FieldPath, tuple[int, int]]


class YamlProblem(Exception):
    """A front matter that cannot be read; ``line``/``col`` are 1-based within the YAML text."""

    def __init__(self, message: str, line: int = 1, col: int = 1, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.line = line
        self.col = col
        self.hint = hint


@dataclass(slots=True)
class Parsed:
    data: object
    positions: Positions


Parser = Callable[[str], Parsed]


def _flow_depth(text: str) -> int:
    """Upper bound of bracket nesting, ignoring quotes: cheap guard against C-stack overflow."""
    depth = best = 0
    for ch in text:
        if ch in "[{":
            depth += 1
            best = max(best, depth)
        elif ch in "]}" and depth:
            depth -= 1
    return best


def parse(text: str) -> Parsed:
    """Parse one YAML document into data plus the position of every key and item."""
    if text.count("[") + text.count("{") > MAX_FLOW_BRACKETS and _flow_depth(text) > MAX_DEPTH:
        raise YamlProblem(
            f"Front matter är nästlad djupare än {MAX_DEPTH} nivåer.",
            hint="Ta bort de extra hakparenteserna; inget fält i innehållsmodellen är så djupt.",
        )
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        raise _marked_problem(exc, text) from None
    except yaml.reader.ReaderError as exc:  # a character YAML refuses, at its place
        at = exc.position
        if _Loader is not yaml.SafeLoader:  # libyaml counts bytes of UTF-8
            at = len(text.encode("utf-8", "surrogatepass")[:at].decode("utf-8", "replace"))
        line = text.count("\n", 0, at) + 1
        col = at - (text.rfind("\n", 0, at) + 1) + 1
        char = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1])
        message = f"Texten innehåller ett osynligt styrtecken (U+{char:04X})."
        raise YamlProblem(message, line, col, CONTROL_HINT) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(f"YAML-fel: {exc}") from None
    finally:
        loader.dispose()
    if node is None:
        return Parsed({}, {})
    positions: Positions = {}
    try:
        data = _convert(node, (), positions, set(), 0)
    except _AliasProblem as exc:
        raise _first_alias(text) or exc from None
    return Parsed(data, positions)


class _AliasProblem(YamlProblem):
    """An alias met while converting; the node's mark is the anchor's, not the alias's."""


def _first_alias(text: str) -> YamlProblem | None:
    """The problem placed at the first `*name` in the text (only run on the error path)."""
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent):
            mark = event.start_mark
            return YamlProblem(_ALIAS_MESSAGE, mark.line + 1, mark.column + 1, _ALIAS_HINT)
    return None


_ALIAS_MESSAGE = "YAML-alias (*namn) är inte tillåtna."
_ALIAS_HINT = "Skriv ut värdet i stället för att hänvisa till det med *namn."


def _convert(node: Node, path: FieldPath, positions: Positions, seen: set[int], depth: int):
    if id(node) in seen:
        # The composer hands back the anchored node itself for an alias.
        mark = node.start_mark
        raise _AliasProblem(_ALIAS_MESSAGE, mark.line + 1, mark.column + 1, _ALIAS_HINT)
    if depth > MAX_DEPTH:
        raise _at(node, f"Front matter är nästlad djupare än {MAX_DEPTH} nivåer.")
    seen.add(id(node))
    if isinstance(node, ScalarNode):
        return _scalar(node)
    if isinstance(node, SequenceNode):
        if node.tag != f"{_YAML}seq":
            raise _tag_problem(node)
        items = []
        for i, item in enumerate(node.value):
            positions[(*path, i)] = (item.start_mark.line + 1, item.start_mark.column + 1)
            items.append(_convert(item, (*path, i), positions, seen, depth + 1))
        return items
    if isinstance(node, MappingNode):
        if node.tag != f"{_YAML}map":
            raise _tag_problem(node)
        result: dict[str, object] = {}
        for key_node, value_node in node.value:
            if key_node.tag == f"{_YAML}merge":
                raise _at(key_node, "YAML-sammanslagning (<<) är inte tillåten.")
            if not isinstance(key_node, ScalarNode) or key_node.tag != f"{_YAML}str":
                raise _at(
                    key_node, "Ett fältnamn måste vara text.", "Skriv fältnamnet med bokstäver."
                )
            key = key_node.value
            if key in result:
                raise _at(key_node, f"Fältet `{key}` står två gånger.", "Ta bort det ena.")
            positions[(*path, key)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            result[key] = _convert(value_node, (*path, key), positions, seen, depth + 1)
        return result
    raise _tag_problem(node)  # pragma: no cover - PyYAML has only three node kinds


def _scalar(node: ScalarNode) -> object:
    tag = node.tag
    if tag not in _SCALAR_TAGS:
        raise _tag_problem(node)
    if tag == f"{_YAML}str" or tag == f"{_YAML}timestamp":
        return node.value  # dates stay text; the model parses and reports them
    if tag == f"{_YAML}null":
        return None
    if tag != f"{_YAML}bool" and not _PLAIN_NUMBER.fullmatch(node.value):
        # YAML 1.1 reads 0701234567 as octal and 17:00 in base 60; staff mean the text.
        return node.value
    try:
        if tag == f"{_YAML}bool":
            return _constructor.construct_yaml_bool(node)
        if tag == f"{_YAML}int":
            return _constructor.construct_yaml_int(node)
        return _constructor.construct_yaml_float(node)
    except (ConstructorError, ValueError):
        return node.value


def _at(node: Node, message: str, hint: str | None = None) -> YamlProblem:
    return YamlProblem(message, node.start_mark.line + 1, node.start_mark.column + 1, hint)


def _tag_problem(node: Node) -> YamlProblem:
    return _at(
        node,
        f"YAML-taggen `{node.tag}` är inte tillåten.",
        "Ta bort taggen (det som börjar med !); skriv bara text, tal, listor och datum.",
    )


_PROBLEM_WORDS = {
    "mapping values are not allowed": "ett kolon står där det inte får stå",
    "could not find expected ':'": "kolon saknas efter fältnamnet",
    "found character '\\t' that cannot start any token": "tabbtecken får inte användas för indrag",
    "expected <block end>, but found '-'": "listpunkten har fel indrag",
    "found undefined alias": "okänd alias (*namn)",
    "found unexpected end of stream": "texten tar slut mitt i ett värde",
    "while scanning a quoted scalar": "ett citattecken stängs aldrig",
    "found unexpected ':'": "oväntat kolon",
    "exceeded maximum nesting depth": "texten är nästlad för djupt",
    "block sequence entries are not allowed": "en listpunkt (-) står där den inte får stå",
    "did not find expected key": "ett fältnamn saknas eller har fel indrag",
    "did not find expected '-' indicator": "listpunkten har fel indrag",
    "did not find expected node content": "ett värde saknas",
    "found character that cannot start any token": "ett tecken som inte får inleda ett värde",
    "found a tab character": "tabbtecken får inte användas för indrag",
    "found unknown escape character": "okänd escape-sekvens (\\) i citerad text",
    "found invalid Unicode character escape code": "en escape-kod (\\u…) som inte är ett tecken",
    "did not find expected ',' or ']'": "en lista inom [ ] stängs aldrig",
    "did not find expected ',' or '}'": "en samling inom { } stängs aldrig",
    "found undefined tag handle": "okänd YAML-tagg",
    "expected <block end>, but found": "fel indrag",
    "could not find expected": "något saknas på raden",
}


def _marked_problem(exc: yaml.MarkedYAMLError, text: str) -> YamlProblem:
    """PyYAML's error as a problem at the line that needs the fix.

    For a text or a list that never ends, PyYAML points at the end of the front matter;
    where it began (the context) is where staff must look. A tab where indentation is
    expected is named as a tab."""
    problem, context = exc.problem or "", exc.context or ""
    mark = exc.problem_mark or exc.context_mark
    ends = problem.startswith("found unexpected end of stream") or "end of stream" in problem
    if ends and exc.context_mark is not None:
        mark = exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    if context.startswith("while scanning a quoted scalar"):
        return YamlProblem(
            "YAML-fel: ett citattecken stängs aldrig.",
            line,
            col,
            "Lägg till det avslutande citattecknet på raden, eller ta bort det som inleder.",
        )
    lines = text.split("\n")
    at = lines[line - 1][col - 1 : col] if 0 < line <= len(lines) else ""
    if at == "\t" or "'\\t'" in problem:
        return YamlProblem(
            "YAML-fel: ett tabbtecken står där indraget ska vara; YAML tillåter bara mellanslag.",
            line,
            col,
            "Byt tabbtecknet mot mellanslag (två per nivå, som på raderna runt omkring).",
        )
    return YamlProblem(
        f"YAML-fel: {_swedish_yaml_problem(problem or context)}",
        line,
        col,
        hint="Kontrollera indrag, kolon och citattecken på raden.",
    )


def _swedish_yaml_problem(problem: str) -> str:
    for english, swedish in _PROBLEM_WORDS.items():
        if problem.startswith(english):
            return swedish
    return problem or "okänt fel"
