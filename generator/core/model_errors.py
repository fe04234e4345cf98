"""Turn pydantic validation errors into Swedish problems that name the field."""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping

from pydantic import BaseModel, ValidationError

from generator.core.findings import FieldPath, Problem
from generator.core.model import CONTROL_CHARACTERS
from generator.core.urls import URL_KEYS, url_field_problem

CLOSE = 0.6  # how alike a name must be to be suggested ("Menade du …?"), as difflib counts
_DATE_HINT = "Skriv datum som ÅÅÅÅ-MM-DD, t.ex. 2026-03-01, och kontrollera att dagen finns."
_DATETIME_HINT = "Skriv datum och tid som ÅÅÅÅ-MM-DDTHH:MM, t.ex. 2026-03-12T17:00."


def field_name(path: FieldPath) -> str:
    """`participation[0].url` style, as staff see it in the file."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out or "front matter"


def _value(v: object) -> str:
    text = v if isinstance(v, str) else str(v)
    return text if len(text) <= 60 else text[:57] + "…"


def _allowed(model: type[BaseModel] | None, path: FieldPath) -> list[str]:
    """Known field names at ``path`` in ``model``, for "did you mean"."""
    annotation: object = model
    for part in path:
        if isinstance(part, int):
            continue
        if _is_dict(annotation):  # a free key (a rule id in a policy): step into the value
            annotation = _dict_value(annotation)
            continue
        fields = getattr(_inner_model(annotation), "model_fields", None)
        if not fields or part not in fields:
            return []
        annotation = fields[part].annotation
    fields = getattr(_inner_model(annotation), "model_fields", None)
    return list(fields) if fields else []


def _is_dict(annotation: object) -> bool:
    return getattr(annotation, "__origin__", None) is dict


def _dict_value(annotation: object) -> object:
    args = getattr(annotation, "__args__", ()) or ()
    return args[-1] if args else None


def _inner_model(annotation: object) -> object:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if _is_dict(annotation):
        return None
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def problems_from_validation_error(
    exc: ValidationError, data: Mapping, model: type[BaseModel] | None = None
) -> list[Problem]:
    problems = []
    seen: set[FieldPath] = set()
    errors = exc.errors(include_url=False)
    if len(errors) > 1:  # the bare-date member of a date-or-time union says nothing useful
        errors = [e for e in errors if e["type"] != "date_has_time"] or errors
    for err in errors:
        # Union members repeat the same location; the first message is the useful one.
        path = _data_path(err["loc"], data)
        if path in seen:
            continue
        seen.add(path)
        problems.append(_problem(err, path, model))
    return problems


def _data_path(loc: tuple, data: object) -> FieldPath:
    """Drop pydantic's union-member tags: parts that do not step into the data."""
    path: list[str | int] = []
    node = data
    for part in loc:
        if isinstance(node, Mapping) and isinstance(part, str):
            path.append(part)
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int):
            path.append(part)
            node = node[part] if 0 <= part < len(node) else None
        elif node is None and not path:
            path.append(part)
    return tuple(path)


def _problem(err: dict, path: FieldPath, model: type[BaseModel] | None) -> Problem:
    kind = err["type"]
    name = field_name(path)
    value = err.get("input")
    ctx = err.get("ctx") or {}
    if kind == "missing":
        return Problem(f"Fältet `{name}` saknas.", path, "Lägg till fältet; se guiden för exempel.")
    if kind == "extra_forbidden":
        key = str(path[-1])
        close = difflib.get_close_matches(key, _allowed(model, path[:-1]), n=1, cutoff=0.6)
        hint = (
            f"Menade du `{close[0]}`?" if close else "Ta bort fältet eller kontrollera stavningen."
        )
        return Problem(f"Okänt fält `{name}`.", path, hint)
    if kind in ("literal_error", "enum"):
        expected = ctx.get("expected", "").replace("'", "").replace(" or ", " eller ")
        allowed = [v.strip() for v in expected.replace(" eller ", ", ").split(",") if v.strip()]
        close = difflib.get_close_matches(str(value), allowed, n=1, cutoff=CLOSE)
        guess = f"Menade du `{close[0]}`? " if close else ""
        return Problem(
            f"`{_value(value)}` är inte ett tillåtet värde för `{name}`.",
            path,
            f"{guess}Tillåtna värden: {expected}." + _quote_hint(value),
        )
    if kind.startswith("date") or kind.startswith("datetime"):
        hint = _DATETIME_HINT if kind.startswith("datetime") else _DATE_HINT
        return Problem(f"`{_value(value)}` i `{name}` är inte ett giltigt datum.", path, hint)
    if kind == "string_too_short":
        if ctx.get("min_length", 1) <= 1:
            return Problem(f"Fältet `{name}` är tomt.", path, "Fyll i fältet eller ta bort det.")
        return Problem(
            f"`{name}` är för kort; minst {ctx['min_length']} tecken.",
            path,
            "Skriv en tydligare text.",
        )
    if kind == "string_too_long":
        return Problem(
            f"`{name}` är för lång; högst {ctx['max_length']} tecken.",
            path,
            "Korta texten; längre text kan stå i brödtexten under front matter.",
        )
    if kind == "string_pattern_mismatch" and isinstance(value, str) and (
        char := control_character(value)
    ):
        return Problem(
            f"`{name}` innehåller ett osynligt styrtecken ({char}).", path, CONTROL_HINT
        )
    if kind == "string_unicode":
        return Problem(
            f"`{name}` innehåller ett tecken som inte är giltig text (ett ensamt surrogat).",
            path,
            "Ta bort escape-koden (som \\ud800) och skriv tecknet som vanlig text.",
        )
    if (
        kind == "string_pattern_mismatch"
        and isinstance(value, str)
        and path
        and path[-1] in URL_KEYS
        and (wrong := url_field_problem(value, ""))
    ):
        return Problem(wrong[0], path, wrong[1])
    if kind == "string_pattern_mismatch" and isinstance(value, str) and _has_line_break(value):
        return Problem(
            f"`{name}` ska stå på en rad.",
            path,
            "Skriv texten på en enda rad, utan radbrytning (använd inte `|`).",
        )
    if kind == "string_pattern_mismatch":
        return Problem(f"`{_value(value)}` har fel form för `{name}`.", path, _pattern_hint(path))
    if kind in ("string_type", "str_type"):
        if isinstance(value, bool | int | float):
            return Problem(
                f"`{name}` ska vara text, men YAML läser `{_value(value)}` som ett tal eller "
                "sant/falskt.",
                path,
                'Sätt citattecken runt värdet, t.ex. "0701234567".',
            )
        return Problem(f"`{name}` ska vara text.", path, "Skriv texten direkt efter kolon.")
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return Problem(f"`{name}` ska vara ett heltal.", path, "Skriv bara siffror, t.ex. 120.")
    if kind in ("bool_type", "bool_parsing"):
        return Problem(f"`{name}` ska vara true eller false.", path, "Skriv true eller false.")
    if kind in ("list_type", "tuple_type"):
        return Problem(
            f"`{name}` ska vara en lista.",
            path,
            "Skriv varje post på en egen rad som börjar med `- `.",
        )
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return Problem(
            f"`{name}` ska innehålla underfält.",
            path,
            "Skriv underfälten indragna på raderna under.",
        )
    if kind in ("greater_than_equal", "greater_than"):
        return Problem(f"`{name}` är för litet; minst {ctx.get('ge', ctx.get('gt'))}.", path)
    if kind in ("less_than_equal", "less_than"):
        return Problem(f"`{name}` är för stort; högst {ctx.get('le', ctx.get('lt'))}.", path)
    if kind == "too_short":
        return Problem(f"`{name}` behöver minst {ctx.get('min_length', 1)} post.", path)
    return Problem(f"Fel värde i `{name}`.", path, "Se guiden för vilka värden fältet tar.")


CONTROL_HINT = (
    "Ta bort tecknet. Det syns inte, men det bryter kalendern och nyhetsflödet; det kommer "
    "ofta från en escape-kod som \"\\x01\" eller från inklistrad text."
)
_CONTROL = re.compile(f"[{CONTROL_CHARACTERS}]")


def control_character(text: str) -> str | None:
    """The first character of ``text`` that no output may carry, as ``U+0001``, or None."""
    m = _CONTROL.search(text)
    return None if m is None else f"U+{ord(m.group()):04X}"


def _quote_hint(value: object) -> str:
    """YAML reads yes/no/on/off as true/false: say how to keep the word."""
    if isinstance(value, bool):
        return ' Skriv ordet inom citattecken, t.ex. "off", annars läser YAML det som sant/falskt.'
    return ""


def _has_line_break(value: str) -> bool:
    return any(ch in value for ch in "\r\n\u2028\u2029")


def _pattern_hint(path: FieldPath) -> str:
    last = path[-1] if path else ""
    if last == "email":
        return (
            "Skriv en vanlig e-postadress, t.ex. namn.efternamn@kommun.se: bokstäver a–z, "
            "siffror och . _ + - före @, utan ? & = % och mellanslag."
        )
    if last in ("url", "report"):
        return "Skriv en hel adress utan mellanslag, t.ex. https://www.kommun.se/sida."
    return "Kontrollera stavningen."
