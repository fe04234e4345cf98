"""The pages residents read beside the dialogues: the start page, the policy page, and the
hand-written pages (copied from the content folder, or written from a default)."""

from __future__ import annotations

from pathlib import Path

from generator.core import colour
from generator.render.dialogue_pages import staff_link
from generator.render.links import link_to
from generator.render.plan import Output
from generator.render.templating import delay_note, environment, headlines, render
from generator.render.writing import Writing
from generator.summarise.listing import current_deviations, home_sections


def write_copy(w: Writing, output: Output) -> bytes:
    """A file from the content folder, as it is."""
    assert isinstance(output.arg, Path)
    return output.arg.read_bytes()


def write_default_page(w: Writing, output: Output) -> bytes:
    template = str(output.arg)
    return render(template, municipality=w.site.policy.doc.municipality).encode("utf-8")


def write_asset(w: Writing, output: Output) -> bytes:
    """A file of the package's templates folder, as it is (a style sheet)."""
    return environment().loader.get_source(environment(), str(output.arg))[0].encode("utf-8")


def write_colour(w: Writing, output: Output) -> bytes:
    """The site's colour as the theme's variables (``extra.insyn.colour``)."""
    chosen = str(w.site.config.settings.get("colour", colour.DEFAULT))
    text = render("theme/colour.css.j2", ratio=colour.white_text_ratio(chosen),
                  **colour.shades(chosen))  # fmt: skip
    return text.encode("utf-8")


def write_policy_page(w: Writing, output: Output) -> bytes:
    policy = w.site.policy
    clauses = []
    for clause in policy.doc.clauses:
        rules = [{"id": r, "severity": policy.severity(r)} for r in clause.rules]
        checked = any(str(r["severity"]) != "off" for r in rules) or clause.page is not None
        clauses.append(
            {
                "text": clause.text,
                "rules": rules,
                "page": clause.page,
                "page_link": link_to(w.plan, output.path, clause.page) if clause.page else None,
                "note": clause.note,
                "checked": checked,
            }
        )
    return render(
        "pages/policy.md.j2",
        policy=policy,
        municipality=policy.doc.municipality,
        clauses=clauses,
    ).encode("utf-8")


def write_home(w: Writing, output: Output) -> bytes:
    site = w.site
    intro = site.config.settings.get("intro")
    return render(
        "pages/home.md.j2",
        municipality=site.policy.doc.municipality,
        intro=intro if isinstance(intro, str) else None,
        home=home_sections(site.entries, site.today),
        told=lambda e: headlines(e, site.policy),
        delay=lambda e: delay_note(e.dialogue, site.today),
        link=staff_link(w, output.path),
    ).encode("utf-8")


def write_deviations(w: Writing, output: Output) -> bytes:
    """``deviations.md``: every dialogue that breaks a promise of the policy now."""
    site = w.site
    return render(
        "pages/deviations.md.j2",
        municipality=site.policy.doc.municipality,
        deviating=current_deviations(site.entries),
        told=lambda e: headlines(e, site.policy),
        delay=lambda e: delay_note(e.dialogue, site.today),
    ).encode("utf-8")
