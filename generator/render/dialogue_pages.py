"""One page per dialogue: `dialogues/<slug>.md` → `/dialogues/<slug>/`."""

from __future__ import annotations

import re
from collections.abc import Callable

from markupsafe import Markup

from generator.core.site import Entry
from generator.core.status import feedback_due
from generator.core.urls import SITE_PAGES, URL_FORM, dialogue_of
from generator.render.escape import md_url
from generator.render.links import checked_href, href
from generator.render.plan import Output, calendar_file, feed_file
from generator.render.sanitize import body_html
from generator.render.templating import delay_note, deviation_text, headlines, render
from generator.render.writing import Writing
from generator.summarise.checklist import checklist

_FORM = re.compile(URL_FORM)


def staff_link(w: Writing, rel: str, source: str = "") -> Callable[[str], str]:
    """``link(url)`` for a page's template: a link field's value (participation, report,
    documents) as a URL. A web or mail address is kept (a dangerous one becomes `#`); a site
    path (`/dialogues/<slug>/`, `/policy/`) becomes a link relative to the page, so that it
    works under a sub-path too. Validation lets nothing else through; should anything else
    reach a page, it is one of ``w.problems``, which stop the build."""

    def link(url: str) -> str:
        value = url.strip()
        if not _FORM.match(value):
            w.problems.append(
                f"{source or rel}: länken `{value[:60]}` är ingen hel adress (https://…)."
            )
            return "#"
        if not value.startswith("/"):
            return md_url(value)
        slug = dialogue_of(value)
        target = f"dialogues/{slug}.md" if slug else SITE_PAGES[value]
        return href(rel, target, w.urls)

    return link


def write_dialogue_page(w: Writing, output: Output) -> bytes:
    entry = output.arg
    assert isinstance(entry, Entry)
    rel, policy = output.path, w.site.policy
    body = entry.body.strip()
    has_events = any(p.start is not None for p in entry.dialogue.participation)
    calendar = calendar_file(entry.slug)
    feed = feed_file("dialogues", entry.slug)
    due = feedback_due(entry.dialogue, policy.thresholds.feedback_deadline_days)
    decision = entry.dialogue.influence.decision if entry.dialogue.influence else None
    waiting = entry.status.value in ("awaiting-feedback", "feedback-overdue")
    return render(
        "pages/dialogue.html.md.j2",
        entry=entry,
        department_label=policy.doc.organisation.department_label,
        deviations=sorted(entry.deviations, key=lambda f: f.rule),
        # Residents read the page as of the build date: what has happened is in the past.
        closed=entry.status.value not in ("planned", "ongoing"),
        decided=bool(decision and decision.date and decision.date < w.site.today),
        due=due,
        deviation=lambda f: deviation_text(f, entry.dialogue, due, policy),
        headlines=headlines(entry, policy),
        delay=delay_note(entry.dialogue, w.site.today) if waiting else None,
        updates=sorted(entry.dialogue.updates, key=lambda u: u.date, reverse=True),
        body_html=Markup(body_html(body)) if body else "",  # sanitised (nh3)
        calendar=checked_href(w.plan, rel, calendar, w.urls) if has_events else None,
        feed=feed,
        feed_link=checked_href(w.plan, rel, feed, w.urls),
        checklist=checklist(entry, policy),
        municipality=policy.doc.municipality,
        policy_link=checked_href(w.plan, rel, "policy.md", w.urls),
        list_link=checked_href(w.plan, rel, "dialogues/index.md", w.urls),
        link=staff_link(w, rel, entry.path),
    ).encode("utf-8")
