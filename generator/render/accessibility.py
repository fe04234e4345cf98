"""The accessibility statement's page, ``/accessibility/``, in the structure of DIGG's
model statement (read and checked by ``load.accessibility``)."""

from __future__ import annotations

from generator.core.accessibility import FILE_NAME, REASONS, Statement
from generator.core.site import SiteData
from generator.load.accessibility import load_statement
from generator.render.escape import md, md_inline, md_url
from generator.render.plan import Output
from generator.render.templating import render
from generator.render.writing import Writing

PAGE = "accessibility.md"


def render_statement(statement: Statement) -> str:
    s = statement
    groups = [
        (REASONS[reason], [x for x in s.shortcomings if x.reason == reason]) for reason in REASONS
    ]
    return render(
        "accessibility/statement.md",
        s=s,
        organisation=md_inline(s.organisation),
        service=md_inline(s.service),
        url=md_url(s.url) if s.url else None,
        url_text=md_inline(s.url) if s.url else None,
        groups=[
            (
                heading,
                [
                    {
                        "description": md_inline(x.description),
                        "explanation": md(x.explanation),
                        "fix": md_inline(x.fix) if x.fix else None,
                        "criteria": ", ".join(md_inline(c) for c in x.criteria),
                    }
                    for x in items
                ],
            )
            for heading, items in groups
            if items
        ],
        method=md(s.method),
        email=s.email,
        email_url=md_url(s.email) if s.email else None,
        email_text=md_inline(s.email) if s.email else None,
        phone=md_inline(s.phone) if s.phone else None,
        response_time=md_inline(s.response_time) if s.response_time else None,
        alternatives=md(s.alternatives) if s.alternatives else None,
        report_url=md_url(s.report_url),
    )


def statement_of(site: SiteData) -> Statement:
    """The statement the pipeline read, or (for a site made without it) the content's."""
    if site.statement is not None:
        return site.statement
    return load_statement(site.config.content_dir / FILE_NAME)


def write_accessibility(w: Writing, output: Output) -> bytes:
    return render_statement(statement_of(w.site)).encode("utf-8")
