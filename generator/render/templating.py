"""The Jinja2 environment shared by every renderer, with Swedish filters and labels.

Globals: ``labels`` (the module ``generator.labels``: Swedish names for the model's
values, ``labels.LADDER[d.ladder]``) and ``rule_text(rule_id)`` (a rule as a promise to
residents).
"""

from __future__ import annotations

from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined

from generator import dates, labels
from generator.render.escape import md, md_inline, md_url
from generator.rules import REGISTRY


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("generator", "templates"),
        undefined=StrictUndefined,
        autoescape=False,  # templates write Markdown; values are escaped with |md or |e
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["date"] = dates.long_date
    env.filters["datetime"] = dates.date_time
    env.filters["month"] = dates.month_year
    env.filters["md"] = md
    env.filters["md_inline"] = md_inline
    env.filters["md_url"] = md_url
    env.globals["labels"] = labels
    env.globals["rule_text"] = rule_text
    return env


def rule_text(rule_id: str) -> str:
    """A rule in one Swedish sentence: its text in ``labels.RULE``, else the first paragraph
    of its documentation (the docstring, written for staff), else its id."""
    if rule_id in labels.RULE:
        return labels.RULE[rule_id]
    if rule_id in REGISTRY and REGISTRY[rule_id].summary:
        return REGISTRY[rule_id].summary
    return f"Kontrolleras av regeln {rule_id}."


def render(template: str, **context: object) -> str:
    return environment().get_template(template).render(**context)
