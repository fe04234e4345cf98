"""The Jinja2 environment shared by every renderer, with Swedish filters and labels.

Globals: ``labels`` (the module ``generator.core.labels``: Swedish names for the model's
values, ``labels.LADDER[d.ladder]``) and ``rule_text(rule_id)`` (a rule as a promise to
residents).
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from generator.check.rules import REGISTRY
from generator.core import dates, labels, numbers
from generator.core.findings import Finding
from generator.core.model import Dialogue
from generator.core.policy import Policy
from generator.core.site import Entry
from generator.core.status import feedback_due
from generator.infra.template_cache import template_cache
from generator.render.escape import md, md_inline, md_url


@cache
def environment() -> Environment:
    env = _new(autoescape=False)  # templates write Markdown; values are escaped with |md
    env.filters["md"] = md
    env.filters["md_inline"] = md_inline
    env.filters["md_url"] = md_url
    return env


@cache
def html_environment() -> Environment:
    """For pages whose content is raw HTML blocks inside Markdown (``*.html.md.j2``, and the
    macros they import, ``*.html.j2``).

    Autoescaping is on: every value is HTML-escaped unless a filter says it is safe.
    ``|text`` is one line of literal text (whitespace collapsed), ``|paras`` literal text
    as ``<p>`` paragraphs, ``|url`` a checked link target (escaped as an attribute).
    Markdown lines (headings, for the table of contents) still use ``|md_inline``, whose
    output is already HTML-escaped and Markdown-neutralised.
    """
    env = _new(autoescape=True)
    env.filters["md_inline"] = lambda value: Markup(md_inline(value))
    env.filters["text"] = text
    env.filters["paras"] = paras
    env.filters["url"] = md_url
    return env


def _new(*, autoescape: bool) -> Environment:
    """An environment over ``generator/templates`` with Swedish dates and the vocabulary."""
    env = Environment(
        loader=PackageLoader("generator", "templates"),
        undefined=StrictUndefined,
        autoescape=autoescape,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        bytecode_cache=template_cache(),
        # The package's own templates do not change during a run: no stat of each template
        # (and of each one it imports) every time a page is rendered.
        auto_reload=False,
    )
    env.filters["date"] = dates.long_date
    env.filters["datetime"] = dates.date_time
    env.filters["month"] = dates.month_year
    env.filters["number"] = numbers.number
    env.filters["meta"] = meta
    env.globals["labels"] = labels
    env.globals["rule_text"] = rule_text
    return env


def meta(value: object) -> Markup:
    """A page-meta value (front matter: ``title``, ``description``) as a YAML string.

    Engines print page meta into their HTML as it is (Material: ``content="{{
    page.meta.description }}"``), so a value arrives there as one line of HTML-escaped
    text: a quote in a summary can never end the attribute it is printed in.
    """
    escaped = html.escape(" ".join(str(value).split()), quote=True)
    return Markup(json.dumps(escaped, ensure_ascii=False))


_PARAGRAPH = re.compile(r"\n\s*\n")


def text(value: object) -> Markup:
    """One line of literal text for HTML: whitespace collapsed, HTML escaped."""
    if value is None:
        return Markup("")
    return escape(" ".join(str(value).split()))  # the same as \s+ → " " and strip, faster


def paras(value: object) -> Markup:
    """Literal text with paragraphs (blank lines) as ``<p>`` elements, one line each."""
    if value is None:
        return Markup("")
    parts = _PARAGRAPH.split(str(value).strip())
    return Markup("\n").join(Markup("<p>%s</p>") % text(p) for p in parts if p.strip())


def rule_text(rule_id: str) -> str:
    """A rule in one Swedish sentence: its promise to residents, else the first paragraph
    of its documentation (written for staff), else its id."""
    rule = REGISTRY.get(rule_id)
    if rule is not None and (rule.promise or rule.summary):
        return rule.promise or rule.summary
    return f"Kontrolleras av regeln {rule_id}."


def deviation_text(finding: Finding, d: Dialogue, due: dt.date | None, policy: Policy) -> Markup:
    """The public sentence for a deviation: the rule's own (``DEVIATION``), else its
    promise with the days."""
    rule = REGISTRY.get(finding.rule)
    if rule is not None and rule.deviation:
        template = _deviation_template(rule.deviation)
        options = policy.options.get(rule.id, {})
        return Markup(template.render(d=d, days=finding.days, due=due, options=options))
    days = f" ({finding.days} dagar)" if finding.days else ""
    return escape(rule_text(finding.rule)) + days


def deviation_headline(finding: Finding, d: Dialogue, due: dt.date | None,
                       policy: Policy) -> str:  # fmt: skip
    """The deviation in one sentence, the same wherever it is shown (the dialogue's box and
    checklist, the start page, the follow-up, the open data): the first sentence of
    ``deviation_text``, as plain text."""
    text = deviation_text(finding, d, due, policy).striptags()
    first, stop, _ = text.partition(". ")
    return first + "." if stop else text


def delay_note(d: Dialogue, today: dt.date) -> str | None:
    """Why late feedback is late and when it comes instead (``feedback_delay``), as plain
    text, the same on every page; saying so when that day has passed too."""
    delay = d.feedback_delay
    if delay is None or d.feedback is not None:
        return None
    note = f"Kommunen förklarar: {' '.join(delay.reason.split())} Ny tidpunkt: "
    note += f"{dates.long_date(delay.expected)}."
    if delay.expected < today:
        note += " Också den tidpunkten har passerat."
    return note


def headlines(entry: Entry, policy: Policy) -> dict[str, str]:
    """Every deviation of ``entry`` in one sentence (``deviation_headline``), by rule."""
    due = feedback_due(entry.dialogue, policy.thresholds.feedback_deadline_days)
    found = sorted(entry.deviations, key=lambda f: f.rule)
    return {f.rule: deviation_headline(f, entry.dialogue, due, policy) for f in found}


@cache
def _deviation_template(source: str):
    return html_environment().from_string(source)


def environment_for(template: str) -> Environment:
    """The environment a template is written for: ``*.html.md.j2`` and ``*.html.j2`` (raw
    HTML in Markdown, autoescaped) or Markdown (escaped with ``|md``, ``|md_inline``)."""
    html = template.endswith((".html.md.j2", ".html.j2"))
    return html_environment() if html else environment()


def render(template: str, **context: object) -> str:
    return environment_for(template).get_template(template).render(**context)
