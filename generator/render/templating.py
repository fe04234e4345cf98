"""The Jinja2 environment shared by every renderer, with Swedish filters."""

from __future__ import annotations

from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined

from generator import dates
from generator.render.escape import md, md_inline, md_url


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
    return env


def render(template: str, **context: object) -> str:
    return environment().get_template(template).render(**context)
