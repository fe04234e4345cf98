"""The pages residents read, built once from the Kungsbacka fixtures at 2026-06-15."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import markdown
import pytest
import yaml
from conftest import to_text, valid_dialogue
from sitehelpers import FIXTURES, article, build, front_matter, make_content, text_of

from generator.check.policies import load_policy, resolve_policy_path
from generator.core.numbers import number
from generator.render.templating import rule_text
from generator.core.settings import SiteConfig
from generator.core.site import SiteData
from generator.render.escape import md, md_inline
from generator.render.site import render_site

TODAY = "2026-06-15"
DIALOGUES = FIXTURES / "kungsbacka" / "dialogues"
LABELS = {
    "lekplats-i-hede": "Planerad",
    "cykelplan-for-onsala": "Pågående",
    "badplatser-i-saro": "Inväntar återkoppling",
    "skolskjuts-i-fjaras": "Återkoppling försenad",
    "biblioteket-i-asa": "Återkopplad",
    "parkering-i-vallda": "Inställd",
}
HOSTILE_SUMMARY = "Se *stjärnor* och [en länk](https://example.se) och _streck_ & mer."


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("site-test")
    content = make_content(root / "content", "kungsbacka")
    hostile = valid_dialogue("kungsbacka")
    hostile["title"] = "Dialog med # tecken"
    hostile["summary"] = HOSTILE_SUMMARY
    (content / "dialogues" / "tecken-i-text.md").write_text(to_text(hostile), encoding="utf-8")
    code, out, err = build(content, root / "site", TODAY)
    assert code == 0, out + err
    return root / "site"


def page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def fm(slug: str) -> dict:
    return front_matter(DIALOGUES / f"{slug}.md")


def swedish(day: dt.date) -> str:
    months = "januari februari mars april maj juni juli augusti september oktober november december"
    return f"{day.day} {months.split()[day.month - 1]} {day.year}"


@pytest.mark.parametrize("slug", sorted(LABELS))
def test_each_dialogue_page_shows_its_status(site: Path, slug: str) -> None:
    html = article(page(site, f"dialogues/{slug}"))
    badge = re.search(r'class="insyn-status insyn-status--[a-z-]+">([^<]+)<', html)
    assert badge and badge.group(1) == LABELS[slug]
    assert fm(slug)["title"] in text_of(html)


def test_dialogue_page_has_the_sections_in_order(site: Path) -> None:
    html = article(page(site, "dialogues/cykelplan-for-onsala"))
    facts = [text_of(t) for t in re.findall(r"<dt>(.*?)</dt>", html)]
    assert facts[:3] == ["Status", "Period", "Sista dag att delta"]
    headings = [text_of(h) for h in re.findall(r"<h2[^>]*>(.*?)</h2>", html, re.S)]
    expected = [
        "Så deltar du", "Det här kan du påverka", "Vem beslutar och när", "Delaktighetstrappan",
        "Vilka berörs", "Särskild hänsyn", "Bakgrund", "Ansvarig", "Lägesrapporter",
        "Återkoppling", "Så följer vi policyn",
    ]  # fmt: skip
    found = [next(i for i, h in enumerate(headings) if h.startswith(e)) for e in expected]
    assert found == sorted(found)
    assert html.index("<dl") < html.index("Så deltar du")


def test_ongoing_page_says_how_to_take_part(site: Path) -> None:
    data = fm("cykelplan-for-onsala")
    html = article(page(site, "dialogues/cykelplan-for-onsala"))
    text = text_of(html)
    assert f"Du kan delta till och med {swedish(data['period']['end'])}" in text
    for way in data["participation"]:
        assert way["title"] in text
        assert ("digitalt" if way["channel"] == "digital" else "fysiskt") in text
        if "url" in way:
            assert f'href="{way["url"]}"' in html
        if "location" in way:
            assert way["location"] in text
    event = next(w for w in data["participation"] if "T" in str(w.get("start", "")))
    start, end = (dt.datetime.fromisoformat(str(event[k])) for k in ("start", "end"))
    assert f"{swedish(start.date())} kl. {start:%H.%M}–{end:%H.%M}" in text
    responsible = data["responsible"]
    assert f'href="mailto:{responsible["email"]}"' in html
    assert responsible["name"] in text and responsible["role"] in text


def test_ladder_step_is_named_and_explained(site: Path) -> None:
    names = {"consultation": "Konsultation", "dialogue": "Dialog", "influence": "Inflytande"}
    for slug in ("cykelplan-for-onsala", "biblioteket-i-asa"):
        ladder = fm(slug)["ladder"]
        text = text_of(article(page(site, f"dialogues/{slug}")))
        heading = f"Delaktighetstrappan: {names[ladder]}"
        assert heading in text
        after = text[text.index(heading) + len(heading) :]
        assert len(after.split(".")[0]) > 20  # a sentence saying what the step promises


def test_completed_page_opens_with_its_feedback_in_four_parts(site: Path) -> None:
    data = fm("biblioteket-i-asa")
    fb = data["feedback"]
    html = article(page(site, "dialogues/biblioteket-i-asa"))
    text = text_of(html)
    start = text.index("Vi frågade – ni svarade – vi gjorde")
    order = ["Vi frågade", "Det här hörde vi", "Resultat", "Det här ändrades", "Så går vi vidare"]
    positions = [text.index(h, start) for h in order]
    assert positions == sorted(positions)
    assert start < text.index("Det här kunde du påverka")  # the outcome first, then the rest
    assert html.index("</dl>") < html.index("Vi frågade – ni svarade – vi gjorde")
    for key in ("heard", "result", "next_steps", "impact"):
        assert " ".join(fb[key].split()) in text
    assert " ".join(data["purpose"].split()) in text[start:]
    assert f"{number(fb['participants'])} personer deltog" in text


def test_overdue_page_states_the_deviation_in_days(site: Path) -> None:
    data = fm("skolskjuts-i-fjaras")
    due = data["period"]["end"] + dt.timedelta(days=60)
    days = (dt.date.fromisoformat(TODAY) - due).days
    html = article(page(site, "dialogues/skolskjuts-i-fjaras"))
    text = text_of(html)
    assert f"Återkopplingen är {days} dagar försenad" in text
    assert swedish(due) in text
    row = next(r for r in re.findall(r"<tr>.*?</tr>", html, re.S) if "i tid" in r)
    assert "Avvikelse" in text_of(row) and f"{days} dagar" in text_of(row)


def test_no_deviation_text_where_none(site: Path) -> None:
    text = text_of(article(page(site, "dialogues/biblioteket-i-asa")))
    assert "Avvikelse" not in text


def test_checklist_quotes_every_clause_that_applies(site: Path) -> None:
    policy = yaml.safe_load(resolve_policy_path("kungsbacka").read_text(encoding="utf-8"))
    clauses = {
        " ".join(s["clause"].split())
        for s in policy["rules"].values()
        if s.get("clause") and s["severity"] != "off"
    }
    html = article(page(site, "dialogues/cykelplan-for-onsala"))
    table = text_of(html[html.index("<table") : html.index("</table>")])
    for clause in clauses:
        assert f"”{clause}”" in table
    assert "Uppfyllt" in table


def test_cancelled_page_gives_the_reason(site: Path) -> None:
    data = fm("parkering-i-vallda")
    text = text_of(article(page(site, "dialogues/parkering-i-vallda")))
    assert "Dialogen är inställd" in text
    assert " ".join(data["cancelled"]["reason"].split()) in text


def test_staff_text_is_shown_literally(site: Path) -> None:
    html = article(page(site, "dialogues/tecken-i-text"))
    assert HOSTILE_SUMMARY in text_of(html)
    assert "<em>stjärnor" not in html and "<em>streck" not in html and "&amp; mer" in html
    assert 'href="https://example.se"' not in html


def test_list_page_groups_by_status_in_order(site: Path) -> None:
    text = text_of(article(page(site, "dialogues")))
    order = ["Pågående (1)", "Planerad (1)", "Inväntar återkoppling (1)",
             "Återkoppling försenad (1)", "Återkopplad (2)", "Inställd (1)"]  # fmt: skip
    positions = [text.index(h) for h in order]
    assert positions == sorted(positions)
    html = page(site, "dialogues")
    for slug in LABELS:
        assert f'href="{slug}/"' in html


def test_facet_pages_list_dialogues(site: Path) -> None:
    data = fm("cykelplan-for-onsala")
    boards = text_of(article(page(site, "boards")))
    assert data["owner"]["board"] in boards
    key = "kommunstyrelsen"  # ASCII slug of the board's name
    assert data["title"] in text_of(article(page(site, f"boards/{key}")))
    assert data["title"] in text_of(article(page(site, "years/2026")))
    topic = data["topics"][0]
    assert data["title"] in text_of(article(page(site, f"topics/{topic}")))
    assert "Onsala" in text_of(article(page(site, "areas")))


def test_home_page_orders_ongoing_coming_completed(site: Path) -> None:
    text = text_of(article(page(site, "")))
    ongoing, planned, done = (
        fm(s)["title"] for s in ("cykelplan-for-onsala", "lekplats-i-hede", "biblioteket-i-asa")
    )
    assert text.index(ongoing) < text.index(planned) < text.index(done)
    end = fm("cykelplan-for-onsala")["period"]["end"]
    assert f"Sista dag att delta: {swedish(end)}" in text
    assert fm("parkering-i-vallda")["title"] not in text  # cancelled is not on the start page


def test_policy_page_lists_every_clause(site: Path) -> None:
    policy = yaml.safe_load(resolve_policy_path("kungsbacka").read_text(encoding="utf-8"))
    text = text_of(article(page(site, "policy")))
    for clause in policy["clauses"]:
        assert " ".join(clause["text"].split()) in text
        for rule_id in clause.get("rules", []):
            # What is checked, in Swedish; the rule's id is for staff (the guide).
            assert " ".join(rule_text(rule_id).split()) in text
            assert rule_id not in text
    unchecked = [c for c in policy["clauses"] if not c.get("rules") and not c.get("page")]
    assert unchecked
    tail = text[text.index("Det här kan inte kontrolleras") :]
    for clause in unchecked:
        assert " ".join(clause["text"].split()) in tail


def test_navigation_and_theme(site: Path) -> None:
    html = page(site, "")
    assert '<html lang="sv"' in html
    tabs = html[html.index('<nav class="md-tabs"') :]
    tabs = text_of(tabs[: tabs.index("</nav>")])
    for title in ("Start", "Dialoger", "Policyn", "Föreslå en dialog", "Om"):
        assert title in tabs
    policy_page = page(site, "policy")  # links to no dialogue in its content
    for slug in LABELS:
        assert f"dialogues/{slug}/" not in policy_page  # not listed one by one in the nav
    assert "fonts.googleapis" not in html and "fonts.gstatic" not in html
    scripts = re.findall(r"<script[^>]*>", html)
    assert all(("src=" in s and "://" not in s) or 'id="__config"' in s for s in scripts)
    footer = html[html.index('<footer class="md-footer"') :]
    assert 'href="accessibility/"' in footer and 'href="privacy/"' in footer


def test_not_found_page_is_swedish_and_helps(site: Path) -> None:
    html = (site / "404.html").read_text(encoding="utf-8")
    assert "Sidan finns inte" in html
    assert re.search(r'href="[^"]*dialogues/"', article(html))


def test_search_is_swedish(site: Path) -> None:
    import json

    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["sv"]
    assert any("Cykelplan" in doc["title"] for doc in index["docs"])


def test_md_inline_neutralises_markup() -> None:
    value = "*fet* _kursiv_ [länk](javascript:x) <script>x</script> `kod` # rubrik\n- lista"
    html = markdown.markdown(md_inline(value), extensions=["tables"])
    assert "<em>" not in html and "<a" not in html and "<script" not in html
    assert "<code>" not in html and "<h1" not in html and "<li>" not in html
    assert text_of(html) == " ".join(value.split())
    for start in ("# rubrik", "1. lista", "- lista", "> citat", "| a | b |"):
        html = markdown.markdown(md_inline(start), extensions=["tables"])
        assert html == f"<p>{start.replace('>', '&gt;')}</p>"


def test_md_keeps_paragraphs_but_no_markup() -> None:
    html = markdown.markdown(md("Första **stycket**.\n\n1. Andra stycket."))
    assert html.count("<p>") == 2 and "<ol>" not in html and "<strong>" not in html


# Pure parts: the checklist and the list ordering, on dialogues written by the test.


def _site_data(dialogues, files: dict[str, dict], today: dt.date, policy: str = "kungsbacka"):
    from generator.check.policies import load_policy
    from generator.core.settings import SiteConfig
    from generator.summarise.corpus import make_site_data

    for name, data in files.items():
        dialogues.write(data, name=name)
    pol = load_policy(policy)
    checked = dialogues.check(pol, today)
    assert not [f for c in checked for f in c.findings if f.severity == "error"]
    return make_site_data(checked, pol, SiteConfig(root=Path("."), mkdocs_file=Path("x")), today)


def test_checklist_states_follow_the_dialogue(dialogues) -> None:
    from generator.summarise.checklist import State, checklist

    late = valid_dialogue()
    late["feedback"]["date"] = dt.date(2026, 6, 24)  # period ends 2026-04-15; due 2026-06-14
    running = valid_dialogue()
    del running["feedback"]
    # Built after the late feedback: a feedback date after the build date is an error.
    site = _site_data(dialogues, {"sen": late, "pagar": running}, dt.date(2026, 7, 1))
    by = {e.slug: {i.rule: i for i in checklist(e, site.policy)} for e in site.entries}
    assert by["sen"]["feedback-overdue"].state is State.KEPT_LATE
    assert by["sen"]["feedback-overdue"].days == 10
    assert by["sen"]["feedback-complete"].state is State.KEPT
    # Its feedback is overdue (due 14 June): its parts are missing and late, not "not yet".
    assert by["pagar"]["feedback-complete"].state is State.MISSING_LATE
    assert by["pagar"]["political-board-decision"].state is State.NOT_APPLICABLE
    assert "progress-updates" not in by["pagar"]  # off in Kungsbacka's policy


def test_checklist_marks_a_deviation_with_days(dialogues) -> None:
    from generator.summarise.checklist import State, checklist

    overdue = valid_dialogue()
    del overdue["feedback"]
    site = _site_data(dialogues, {"sen": overdue}, dt.date(2026, 6, 20))
    item = next(i for i in checklist(site.entries[0], site.policy) if i.rule == "feedback-overdue")
    assert item.state is State.NOT_KEPT and item.days == 6  # due 2026-06-14


def test_status_groups_and_sorting(dialogues) -> None:
    from generator.summarise.listing import by_area, group_by_status

    early, late, planned = valid_dialogue(), valid_dialogue(), valid_dialogue()
    for d in (early, late, planned):
        del d["feedback"]
    early["period"]["end"] = dt.date(2026, 4, 10)
    planned["period"] = {"start": dt.date(2026, 5, 1), "end": dt.date(2026, 5, 20)}
    planned["area"] = "Index"
    planned["updates"] = []
    site = _site_data(dialogues, {"b-sen": late, "a-tidig": early, "c-plan": planned},
                      dt.date(2026, 4, 1))  # fmt: skip
    groups = group_by_status(site.entries)
    assert [g.status.label for g in groups] == ["Pågående", "Planerad"]
    assert [e.slug for e in groups[0].entries] == ["a-tidig", "b-sen"]  # closing soonest first
    assert "index" not in {f.key for f in by_area(site.entries)}  # would clash with index.md


def test_missing_progress_report_is_stated_in_days(dialogues, tmp_path: Path) -> None:
    running = valid_dialogue("ale")
    del running["feedback"]
    running["updates"] = [{"date": dt.date(2026, 3, 5), "text": "Enkäten är öppen."}]
    site = _site_data(dialogues, {"tyst": running}, dt.date(2026, 4, 14), policy="ale")
    entry = site.entries[0]
    assert [f.rule for f in entry.deviations] == ["progress-updates"]
    path = "dialogues/tyst.md"
    page_md = render_site(site, only=lambda o: o.path == path).files[path].decode("utf-8")
    silent = (dt.date(2026, 4, 14) - dt.date(2026, 3, 5)).days
    assert f"Ingen lägesrapport har publicerats på {silent} dagar" in page_md
    assert "minst var 30:e dag" in page_md
    assert "Ansvarig sektor: " in page_md
    if running["initiated_by"] == "department":  # Ale calls its departments sectors
        assert "Initiativet kom från sektorn." in page_md
        assert "förvaltningen" not in page_md


def test_calendar_file_is_linked_where_there_are_events(site: Path) -> None:
    for slug in ("cykelplan-for-onsala", "badplatser-i-saro"):
        timed = any("start" in w for w in fm(slug)["participation"])
        exists = (site / "data" / "calendar" / f"{slug}.ics").is_file()
        html = article(page(site, f"dialogues/{slug}"))
        assert (f"data/calendar/{slug}.ics" in html) == (timed and exists)


def test_links_in_raw_html_are_the_engines_urls() -> None:
    from generator.render.links import href

    assert href("dialogues/a.md", "policy.md") == "../../policy/"
    assert href("dialogues/a.md", "dialogues/index.md") == "../"
    assert href("dialogues/index.md", "dialogues/a.md") == "a/"
    assert href("boards/k.md", "dialogues/a.md") == "../../dialogues/a/"
    assert href("dialogues/a.md", "data/calendar/a.ics") == "../../data/calendar/a.ics"
    assert href("dialogues/a.md", "index.md") == "../../"
    assert href("dialogues/a.md", "policy.md", directory_urls=False) == "../policy.html"


@pytest.mark.parametrize("urls", [True, False])
def test_dialogue_links_from_a_page_are_href(urls: bool) -> None:
    from generator.render.links import dialogue_links, href

    pages = ["index.md", "policy.md", "dialogues/index.md", "dialogues/a.md", "topics/index.md",
             "topics/trafik.md", "planned/2026/index.md", "a/b/c/d.md", "x/index.md"]  # fmt: skip
    for page in pages:
        link = dialogue_links(page, urls)
        for slug in ("a", "b", "ny-lekplats-hede-000308", "index-2"):
            assert link(slug) == href(page, f"dialogues/{slug}.md", urls), (page, slug)


def test_list_items_are_the_macro_with_each_pages_link(dialogues, tmp_path: Path) -> None:
    """Items are rendered once with a marker for the link; the result must be the macro's
    own, also for a title that holds the marker word (then the macro is used as is)."""
    from generator.render.listings import _MARK, Items
    from generator.render.templating import html_environment

    tricky = valid_dialogue()
    tricky["title"] = f"Torget {_MARK} & bron"
    files = {"a": valid_dialogue(), "b": valid_dialogue(), "c": tricky}
    site = _site_data(dialogues, files, dt.date(2026, 6, 15))
    macro = html_environment().get_template("pages/_items.html.j2").module.item
    items = Items(True)
    for page, link in (("dialogues/index.md", ""), ("topics/trafik.md", "../../dialogues/")):
        item = items.for_page(page)
        for e in site.entries:
            assert item(e) == macro(e, f"{link}{e.slug}/")
            assert str(item(e)).count(f'href="{link}{e.slug}/"') == 1
    assert items._rendered["c"] is None and items._rendered["a"] is not None


def test_staff_links_are_addresses_or_site_pages_relative_to_the_page(tmp_path: Path) -> None:
    from generator.render.dialogue_pages import staff_link
    from generator.render.plan import Plan
    from generator.render.writing import Writing

    def writing(urls: bool) -> Writing:
        config = SiteConfig(root=tmp_path, mkdocs_file=tmp_path / "mkdocs.yml",
                            directory_urls=urls)  # fmt: skip
        return Writing(SiteData((), load_policy("kungsbacka"), config, dt.date(2026, 6, 1)),
                       Plan(()))  # fmt: skip

    out = writing(True)
    link = staff_link(out, "dialogues/a.md", "content/dialogues/a.md")
    assert link("https://example.se/a?b=1&c=%20") == "https://example.se/a?b=1&c=%20"
    assert link("mailto:info@kommun.se") == "mailto:info@kommun.se"
    assert link("/dialogues/b/") == "../b/"  # relative: right under a sub-path too
    assert link("/policy/") == "../../policy/"
    assert staff_link(writing(False), "dialogues/a.md")("/dialogues/b/") == "b.html"
    assert out.problems == []
    # Validation lets nothing else through; should it reach a page, the build stops.
    assert link("javascript:alert(1)") == "#"
    assert link("bilaga.pdf") == "#"
    assert len(out.problems) == 2
    assert all(p.startswith("content/dialogues/a.md: ") for p in out.problems)


def test_link_fields_to_site_pages_work_at_the_root_and_under_a_sub_path(tmp_path: Path) -> None:
    """A link field may name another dialogue or a page of the site by its path; on the
    page it becomes a relative link, which a site under a sub-path needs."""
    from sitehelpers import MKDOCS_YML

    content = make_content(tmp_path / "content", "kungsbacka")
    data = valid_dialogue()
    data["documents"] = [
        {"title": "Tidigare dialog", "url": "/dialogues/biblioteket-i-asa/"},
        {"title": "Policyn", "url": "/policy/"},
    ]
    (content / "dialogues" / "med-lankar.md").write_text(to_text(data), encoding="utf-8")
    sub_path = tmp_path / "mkdocs.yml"
    sub_path.write_text(
        MKDOCS_YML.read_text("utf-8")
        .replace("site_url: https://insyn.kungsbacka.se/", "site_url: https://www.kommun.se/insyn/"),
        encoding="utf-8",
    )
    for config in (MKDOCS_YML, sub_path):
        site = tmp_path / "site" / config.parent.name
        code, out, err = build(content, site, "2026-06-15", "--config", str(config))
        assert code == 0, out + err
        html = (site / "dialogues" / "med-lankar" / "index.html").read_text("utf-8")
        links = dict(re.findall(r'<a href="([^"]+)">(Tidigare dialog|Policyn)</a>', html))
        assert links == {"../biblioteket-i-asa/": "Tidigare dialog", "../../policy/": "Policyn"}


def test_a_link_field_to_a_missing_dialogue_is_an_error(tmp_path: Path) -> None:
    content = make_content(tmp_path / "content", "kungsbacka")
    data = valid_dialogue()
    data["documents"] = [{"title": "Finns inte", "url": "/dialogues/finns-inte/"}]
    text = to_text(data)
    (content / "dialogues" / "med-lank.md").write_text(text, encoding="utf-8")
    code, _, err = build(content, tmp_path / "site", "2026-06-15")
    assert code == 1
    line = text.split("\n").index("  url: /dialogues/finns-inte/") + 1
    assert f"med-lank.md:{line}:3: fel dialogue-links" in err


def test_a_drop_in_says_when_you_can_come(dialogues) -> None:
    data = valid_dialogue()
    del data["feedback"]
    data["period"]["end"] = dt.date(2026, 6, 30)
    data["influence"]["decision"]["date"] = dt.date(2026, 9, 15)
    way = data["participation"][1]
    del way["start"], way["end"]
    way["drop_in"] = True
    way["until"] = dt.date(2026, 6, 30)
    site = _site_data(dialogues, {"oppet": data}, dt.date(2026, 6, 1))
    path = "dialogues/oppet.md"
    page_md = render_site(site, only=lambda o: o.path == path).files[path].decode("utf-8")
    assert "<li>Tid: när du vill, till och med 30 juni 2026</li>" in page_md
