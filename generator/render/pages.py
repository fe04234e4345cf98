"""The pages residents read: start page, dialogue pages, lists, policy page, hand-written pages.

One renderer, ``site``, writes them in a fixed order. Its name sorts after the data and
follow-up renderers (``calendar``, ``feeds``, ``followup``, ``opendata``, ``planned`` …), so
that links to their files (a dialogue's calendar file, the follow-up page) are only made
when the file exists; MkDocs in strict mode then checks every link.
"""

from __future__ import annotations

import pickle

from generator.core.site import SiteData
from generator.infra.parallel import Worker, can_fork
from generator.render import PARALLEL_FROM, Staging, renderer
from generator.render.dialogue_pages import render_dialogue_pages, staff_link
from generator.render.links import link_to
from generator.render.listings import render_listings
from generator.render.templating import render
from generator.summarise.listing import home_sections

HAND_WRITTEN_DEFAULTS = {"propose.md": "pages/propose.md.j2"}
# Hand-written pages and the pictures and documents they show; settings files stay behind.
PUBLISHED_SUFFIXES = {".md", ".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".pdf"}


@renderer("site")
def render_site(site: SiteData, out: Staging) -> None:
    copy_hand_written(site, out)
    render_policy_page(site, out)
    if len(site.entries) < PARALLEL_FROM or not can_fork():
        render_dialogue_pages(site, out)
        render_lists(site, out)
    else:
        _lists_meanwhile(site, out)


def render_lists(site: SiteData, out: Staging) -> None:
    render_listings(site, out)
    render_home(site, out)


def _lists_meanwhile(site: SiteData, out: Staging) -> None:
    """The lists in a forked worker while the dialogue pages are written here (and in
    their own worker). The lists link to every dialogue's page, which is written or the
    build stops, so the worker counts them as written. A worker that fails has the lists
    made again here, so that an error is raised as in one process."""
    pages = [f"dialogues/{e.slug}.md" for e in site.entries]

    def work() -> bytes:
        out.written.extend(pages)  # being written by this build's other processes
        return pickle.dumps(out.record(lambda: render_lists(site, out)))

    worker = Worker(work)
    try:
        render_dialogue_pages(site, out)
    finally:
        data = worker.result()
    if data is None:
        render_lists(site, out)
        return
    out.add(pickle.loads(data))


def copy_hand_written(site: SiteData, out: Staging) -> None:
    """Copy pages and pictures from `content/` (not `dialogues/`); default pages where missing.

    Only when the content folder has a `dialogues/` sub-folder: a folder given straight to
    `--content` that holds dialogue files has no hand-written pages.
    """
    content = site.config.content_dir
    if site.config.dialogues_dir.is_dir():
        for src in sorted(content.rglob("*")):
            rel = src.relative_to(content)
            if rel.parts[0] == "dialogues" or any(part.startswith(".") for part in rel.parts):
                continue
            if not src.is_file() or src.suffix.lower() not in PUBLISHED_SUFFIXES:
                continue
            out.write(rel.as_posix(), src.read_bytes())
    for rel, template in HAND_WRITTEN_DEFAULTS.items():
        if not out.is_file(rel):
            out.write(rel, render(template, municipality=site.policy.doc.municipality))


def render_policy_page(site: SiteData, out: Staging) -> None:
    clauses = []
    for clause in site.policy.doc.clauses:
        rules = [{"id": r, "severity": site.policy.severity(r)} for r in clause.rules]
        checked = any(str(r["severity"]) != "off" for r in rules) or clause.page is not None
        clauses.append(
            {
                "text": clause.text,
                "rules": rules,
                "page": clause.page,
                "page_link": link_to(out, "policy.md", clause.page) if clause.page else None,
                "note": clause.note,
                "checked": checked,
            }
        )
    out.write(
        "policy.md",
        render(
            "pages/policy.md.j2",
            policy=site.policy,
            municipality=site.policy.doc.municipality,
            clauses=clauses,
        ),
    )


def render_home(site: SiteData, out: Staging) -> None:
    intro = site.config.settings.get("intro")
    out.write(
        "index.md",
        render(
            "pages/home.md.j2",
            municipality=site.policy.doc.municipality,
            intro=intro if isinstance(intro, str) else None,
            home=home_sections(site.entries, site.today),
            link=staff_link(out, "index.md", site.config.directory_urls),
        ),
    )
