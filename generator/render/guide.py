"""The staff guide (`/guide/`): how to work, every field, every rule.

Writes ``guide/index.md`` (from an idea to a merged pull request), ``guide/fields.md``
(generated from the model's Swedish field descriptions, walked recursively),
``guide/rules.md`` (every rule in the registry with its severity and clause under the
site's policy, its documentation and an example of a fix) and
``guide/dialogue.schema.json`` (the JSON Schema, for editors).
"""

from __future__ import annotations

import datetime as dt
import json
import types
from dataclasses import dataclass
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel

from generator.check.rules import REGISTRY, Rule, progress_updates
from generator.core import labels
from generator.core.findings import Severity
from generator.core.model import Dialogue
from generator.core.schema import json_schema
from generator.core.site import SiteData
from generator.render.escape import md_inline
from generator.render.links import dialogue_links
from generator.render.plan import Output
from generator.render.templating import render
from generator.render.writing import Writing
from generator.summarise.readability import Readability, lix

NO_EXAMPLE = "(Inget exempel ännu: följ tipset i meddelandet från insyn validate.)"
EXAMPLE_DOMAIN = "kommun.se"  # in the rules' documentation and examples


@dataclass(frozen=True, slots=True)
class FieldDoc:
    path: str  # `participation[].method`
    kind: str  # Swedish description of the type
    required: bool
    description: str
    depth: int
    rules: tuple[str, ...]  # rules whose documentation names the field


@dataclass(frozen=True, slots=True)
class RuleDoc:
    id: str
    summary: str
    body: str
    severity: Severity
    severity_text: str
    clause: str | None
    example: str


def _strip_optional(ann: Any) -> tuple[Any, bool]:
    """`X | None` → (X, True)."""
    if get_origin(ann) in (Union, types.UnionType):
        args = [a for a in get_args(ann) if a is not type(None)]
        if len(args) < len(get_args(ann)):
            return (args[0] if len(args) == 1 else Union[tuple(args)]), True  # noqa: UP007
    return ann, False


def _unannotate(ann: Any) -> tuple[Any, list[Any]]:
    if get_origin(ann) is Annotated:
        base, *meta = get_args(ann)
        return base, meta
    return ann, []


def _constraints(meta: list[Any]) -> str:
    limits = {}
    for m in meta:
        for key in ("min_length", "max_length", "ge", "le"):
            value = getattr(m, key, None)
            if value is not None:
                limits[key] = value
    if "max_length" in limits and limits.get("min_length", 1) > 1:
        return f", {limits['min_length']}–{limits['max_length']} tecken"
    if "max_length" in limits:
        return f", högst {limits['max_length']} tecken"
    if "ge" in limits and "le" in limits:
        return f", {limits['ge']}–{limits['le']}"
    if "ge" in limits:
        return f", minst {limits['ge']}"
    return ""


def kind_of(ann: Any, meta: list[Any] | None = None) -> str:
    """A Swedish name for a type annotation of the model."""
    ann, _ = _strip_optional(ann)
    ann, inner_meta = _unannotate(ann)
    meta = [*(meta or []), *inner_meta]
    origin = get_origin(ann)
    if origin is list:
        return "lista med " + kind_of(get_args(ann)[0])
    if origin is Literal:
        return "ett av: " + ", ".join(f"`{v}`" for v in get_args(ann))
    if origin in (Union, types.UnionType):
        args = set(get_args(ann))
        if args == {dt.datetime, dt.date}:
            return "datum (ÅÅÅÅ-MM-DD) eller datum och tid (ÅÅÅÅ-MM-DDTHH:MM)"
        return " eller ".join(kind_of(a) for a in get_args(ann))
    if isinstance(ann, type) and issubclass(ann, BaseModel):
        return "grupp av fält (se nedan)"
    names = {
        str: "text",
        int: "heltal",
        bool: "`true` eller `false`",
        dt.date: "datum (ÅÅÅÅ-MM-DD)",
        dt.datetime: "datum och tid (ÅÅÅÅ-MM-DDTHH:MM)",
    }
    return names.get(ann, getattr(ann, "__name__", str(ann))) + _constraints(meta)


def _submodel(ann: Any) -> tuple[type[BaseModel] | None, bool]:
    """The model inside an annotation, and whether it is inside a list."""
    ann, _ = _strip_optional(ann)
    ann, _ = _unannotate(ann)
    if get_origin(ann) is list:
        inner, _ = _submodel(get_args(ann)[0])
        return inner, True
    if isinstance(ann, type) and issubclass(ann, BaseModel):
        return ann, False
    return None, False


def _leaf_names(model: type[BaseModel] = Dialogue, top: bool = True) -> set[str]:
    names: set[str] = set()
    for name, info in model.model_fields.items():
        if not top:
            names.add(name)
        sub, _ = _submodel(info.annotation)
        if sub is not None:
            names |= _leaf_names(sub, top=False)
    return names


def _rules_naming(path: str) -> tuple[str, ...]:
    """Rules whose documentation names the field in code (`responsible.email`, `purpose`).

    A nested field matches only by its full dotted path; a top-level name that is also the
    name of a nested field (`title`, `date` …) only as `name:`, since `title` alone may
    mean a participation way's title.
    """
    plain = path.replace("[]", "")
    if "." in plain:
        names = [f"`{plain}`", f"`{plain}:`"]
    elif plain in _leaf_names():
        names = [f"`{plain}:`"]
    else:
        names = [f"`{plain}`", f"`{plain}:`", f"`{plain}."]
    return tuple(r.id for r in REGISTRY.values() if any(n in r.doc for n in names))


def field_docs(
    model: type[BaseModel] = Dialogue, prefix: str = "", depth: int = 0
) -> list[FieldDoc]:
    """Every field of the model, depth first, with its Swedish description."""
    docs: list[FieldDoc] = []
    for name, info in model.model_fields.items():
        path = f"{prefix}{name}"
        sub, in_list = _submodel(info.annotation)
        docs.append(
            FieldDoc(
                path=path,
                kind=kind_of(info.annotation, list(info.metadata)),
                required=info.is_required(),
                description=info.description or "",
                depth=depth,
                rules=_rules_naming(path),
            )
        )
        if sub is not None:
            docs += field_docs(sub, f"{path}[]." if in_list else f"{path}.", depth + 1)
    return docs


def rule_docs(site: SiteData) -> list[RuleDoc]:
    docs = []
    for rule in sorted(REGISTRY.values(), key=lambda r: r.id):
        setting = site.policy.setting(rule.id)
        docs.append(_rule_doc(rule, setting.severity, setting.clause, domain(site)))
    return docs


def domain(site: SiteData) -> str:
    """The municipality's own domain in the guide's examples: the policy's first contact
    domain (the rules' own texts say ``kommun.se``)."""
    return site.policy.doc.contact_domains[0]


def _rule_doc(rule: Rule, severity: Severity, clause: str | None, own: str) -> RuleDoc:
    summary, _, body = rule.doc.partition("\n\n")
    return RuleDoc(
        id=rule.id,
        summary=" ".join(summary.split()),
        body=body.strip().replace(EXAMPLE_DOMAIN, own),
        severity=severity,
        severity_text=labels.SEVERITY_FOR_STAFF[severity.value],
        clause=md_inline(clause) if clause else None,
        example=(rule.example or NO_EXAMPLE).replace(EXAMPLE_DOMAIN, own),
    )


def _plural(word: str) -> str:
    """förvaltning → förvaltningar, sektor → sektorer."""
    return word + ("ar" if word.endswith("ning") else "er")


@dataclass(frozen=True)
class ReadabilityRow:
    slug: str
    title: str
    lix: Readability | None


def readability_rows(site: SiteData) -> list[ReadabilityRow]:
    """LIX of every dialogue's summary, hardest first, so staff see what to simplify."""
    rows = [ReadabilityRow(e.slug, e.dialogue.title, lix(e.dialogue.summary)) for e in site.entries]
    return sorted(rows, key=lambda r: (-(r.lix.lix if r.lix else 0.0), r.slug))


def _context(site: SiteData) -> dict[str, object]:
    doc = site.policy.doc
    return {
        "municipality": md_inline(doc.municipality),
        "policy_title": md_inline(doc.policy.title),
        "department_label": md_inline(doc.organisation.department_label.lower()),
        "departments_label": md_inline(_plural(doc.organisation.department_label.lower())),
        "deadline_days": site.policy.thresholds.feedback_deadline_days,
        "update_days": site.policy.thresholds.update_interval_days,
        "progress_on": site.policy.severity(progress_updates.ID) is not Severity.OFF,
        "statuses": list(labels.STATUS.items()),
        "rules": rule_docs(site),
        "fields": field_docs(),
        "Severity": Severity,
        "domain": domain(site),
    }


def write_readability(w: Writing, output: Output) -> bytes:
    """``guide/readability.md``: one raw HTML table, so the engine does not convert it."""
    rows = readability_rows(w.site)
    link = dialogue_links(output.path, w.urls)
    return render("guide/readability.html.md.j2", rows=rows, link=link).encode("utf-8")


def write_guide(w: Writing, output: Output) -> bytes:
    """``guide/index.md``, ``guide/fields.md`` or ``guide/rules.md``."""
    template = f"guide/{output.arg}.md.j2"
    return render(template, **_context(w.site)).encode("utf-8")


def write_guide_schema(w: Writing, output: Output) -> bytes:
    """The JSON Schema for editors, as ``insyn schema`` prints it."""
    return (json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
