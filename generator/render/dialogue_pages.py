"""One page per dialogue: `dialogues/<slug>.md` → `/dialogues/<slug>/`."""

from __future__ import annotations

from generator.config import ConfigError
from generator.render import Staging
from generator.render.links import relative
from generator.render.templating import render
from generator.sanitize import body_html
from generator.site import Entry, SiteData
from generator.status import feedback_due
from generator.summarise.checklist import checklist


def calendar_file(slug: str) -> str:
    """Where the calendar renderer writes a dialogue's events (linked only if it exists)."""
    return f"data/calendar/{slug}.ics"


def render_dialogue_page(entry: Entry, site: SiteData, out: Staging) -> None:
    rel = f"dialogues/{entry.slug}.md"
    policy = site.policy
    calendar = calendar_file(entry.slug)
    body = entry.body.strip()
    has_events = any(p.start is not None for p in entry.dialogue.participation)
    has_events = has_events and out.path(calendar).is_file()
    out.write(
        rel,
        render(
            "pages/dialogue.md.j2",
            entry=entry,
            department_label=policy.doc.organisation.department_label,
            deviations=sorted(entry.deviations, key=lambda f: f.rule),
            due=feedback_due(entry.dialogue, policy.thresholds.feedback_deadline_days),
            update_interval=policy.thresholds.update_interval_days,
            updates=sorted(entry.dialogue.updates, key=lambda u: u.date, reverse=True),
            body_html=body_html(body) if body else "",
            calendar=relative(rel, calendar) if has_events else None,
            checklist=checklist(entry, policy),
            municipality=policy.doc.municipality,
            policy_link=relative(rel, "policy.md"),
            list_link="index.md",
        ),
    )


def render_dialogue_pages(site: SiteData, out: Staging) -> None:
    for entry in site.entries:
        if entry.slug == "index":  # `dialogues/index.md` is the list of all dialogues
            raise ConfigError(f"{entry.path}: en dialogfil kan inte heta index.md; byt namn.")
        render_dialogue_page(entry, site, out)
