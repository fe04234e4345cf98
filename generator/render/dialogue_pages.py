"""One page per dialogue: `dialogues/<slug>.md` → `/dialogues/<slug>/`."""

from __future__ import annotations

import pickle
import re
from collections.abc import Callable

from markupsafe import Markup

from generator.core.settings import ConfigError
from generator.core.site import Entry, SiteData
from generator.core.status import feedback_due
from generator.core.urls import SITE_PAGES, URL_FORM, dialogue_of
from generator.infra.parallel import Worker, can_fork
from generator.render import PARALLEL_FROM, Staging
from generator.render.escape import md_url
from generator.render.links import href
from generator.render.sanitize import body_html
from generator.render.templating import deviation_text, render
from generator.summarise.checklist import checklist


def calendar_file(slug: str) -> str:
    """Where the calendar renderer writes a dialogue's events (linked only if it exists)."""
    return f"data/calendar/{slug}.ics"


_FORM = re.compile(URL_FORM)


def staff_link(
    out: Staging, rel: str, directory_urls: bool, source: str = ""
) -> Callable[[str], str]:
    """``link(url)`` for a page's template: a link field's value (participation, report,
    documents) as a URL. A web or mail address is kept (a dangerous one becomes `#`); a site
    path (`/dialogues/<slug>/`, `/policy/`) becomes a link relative to the page, so that it
    works under a sub-path too. Validation lets nothing else through; should anything else
    reach a page, it is one of ``out.problems``, which stop the build."""

    def link(url: str) -> str:
        value = url.strip()
        if not _FORM.match(value):
            out.problems.append(
                f"{source or rel}: länken `{value[:60]}` är ingen hel adress (https://…)."
            )
            return "#"
        if not value.startswith("/"):
            return md_url(value)
        slug = dialogue_of(value)
        target = f"dialogues/{slug}.md" if slug else SITE_PAGES[value]
        return href(rel, target, directory_urls)

    return link


def render_dialogue_page(entry: Entry, site: SiteData, out: Staging) -> None:
    rel = f"dialogues/{entry.slug}.md"
    policy = site.policy
    urls = site.config.directory_urls
    calendar = calendar_file(entry.slug)
    body = entry.body.strip()
    has_events = any(p.start is not None for p in entry.dialogue.participation)
    has_events = has_events and out.is_file(calendar)
    due = feedback_due(entry.dialogue, policy.thresholds.feedback_deadline_days)
    out.write(
        rel,
        render(
            "pages/dialogue.html.md.j2",
            entry=entry,
            department_label=policy.doc.organisation.department_label,
            deviations=sorted(entry.deviations, key=lambda f: f.rule),
            due=due,
            deviation=lambda f: deviation_text(f, entry.dialogue, due, policy),
            updates=sorted(entry.dialogue.updates, key=lambda u: u.date, reverse=True),
            body_html=Markup(body_html(body)) if body else "",  # sanitised (nh3)
            calendar=href(rel, calendar, urls) if has_events else None,
            checklist=checklist(entry, policy),
            municipality=policy.doc.municipality,
            policy_link=href(rel, "policy.md", urls),  # written first (pages.py),
            list_link=href(rel, "dialogues/index.md", urls),
            link=staff_link(out, rel, urls, entry.path),
        ),
    )


def render_dialogue_pages(site: SiteData, out: Staging) -> None:
    for entry in site.entries:
        if entry.slug == "index":  # `dialogues/index.md` is the list of all dialogues
            raise ConfigError(f"{entry.path}: en dialogfil kan inte heta index.md; byt namn.")
    # The preview wraps `render_dialogue_page` with its cache, which must see every page.
    wrapped = render_dialogue_page is not _render_dialogue_page
    if wrapped or len(site.entries) < PARALLEL_FROM or not can_fork():
        for entry in site.entries:
            render_dialogue_page(entry, site, out)
        return
    _render_in_two(site, out)


_render_dialogue_page = render_dialogue_page


def _render_in_two(site: SiteData, out: Staging) -> None:
    """Every other page in a forked worker, which sends back what it staged (the pages
    themselves if they are kept in memory); if it fails or finds problems, its pages are
    rendered again here, so that the same error is raised and the same problems are
    recorded as in a serial build."""
    theirs = site.entries[1::2]
    before = len(out.written)

    def render_one(entry: Entry) -> None:
        render_dialogue_page(entry, site, out)

    def render_theirs() -> bytes:  # in the worker
        piece = out.record(lambda: list(map(render_one, theirs)))
        if piece[1]:
            raise RuntimeError("problems are recorded by the parent")
        return pickle.dumps(piece, protocol=pickle.HIGHEST_PROTOCOL)

    worker = Worker(render_theirs)
    try:
        for entry in site.entries[0::2]:
            render_one(entry)
    finally:
        data = worker.result()
    if data is None:
        for entry in theirs:
            render_one(entry)
    else:
        out.add(pickle.loads(data))
    out.written[before:] = [f"dialogues/{e.slug}.md" for e in site.entries]  # serial order
