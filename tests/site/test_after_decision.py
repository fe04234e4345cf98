"""After the dialogue: what was decided is told once the decision day has passed (and
that it is not told yet, where it is missing), the implementation is a timeline counted
in the follow-up, and late feedback is explained with its reason and new date on the
page, the start page and the follow-up, saying so when the new date passes too."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from conftest import valid_dialogue
from sitehelpers import rendered


def _files(tmp_path: Path, corpus: dict[str, dict], today: dt.date) -> dict[str, str]:
    return rendered(tmp_path / "content", corpus, today)[1]


def _told() -> dict:
    data = valid_dialogue()
    data["influence"]["decision"]["outcome"] = {
        "text": "Nämnden antog programmet med fler sittplatser.",
        "minutes": "https://www.kommun.se/protokoll.pdf",
    }
    data["implementation"] = [
        {"date": dt.date(2026, 11, 1), "state": "planned", "text": "Bygget börjar."},
        {"date": dt.date(2026, 10, 1), "state": "done", "text": "Upphandlingen är klar."},
    ]
    return data


def test_the_decision_is_told_after_its_day_and_its_absence_said(tmp_path) -> None:
    files = _files(tmp_path, {"beslutad": _told(), "tyst": valid_dialogue()},
                   dt.date(2026, 10, 15))  # fmt: skip
    told = files["dialogues/beslutad.md"]
    assert "fattade beslut 15 september 2026:" in told
    assert "Nämnden antog programmet med fler sittplatser." in told
    assert 'href="https://www.kommun.se/protokoll.pdf">Läs protokollet</a>' in told
    silent = files["dialogues/tyst.md"]
    assert "fattade beslut 15 september 2026. Vad som beslutades är inte redovisat här ännu." in (
        silent)  # fmt: skip
    early = _files(tmp_path / "early", {"tyst": valid_dialogue()}, dt.date(2026, 9, 1))
    assert "fattar beslut 15 september 2026." in early["dialogues/tyst.md"]
    assert "inte redovisat" not in early["dialogues/tyst.md"]


def test_the_implementation_is_a_timeline_in_order_and_counted(tmp_path) -> None:
    files = _files(tmp_path, {"beslutad": _told()}, dt.date(2026, 10, 15))
    page = files["dialogues/beslutad.md"]
    steps = re.findall(r"<li><strong>([^<]+)</strong> – (\w+): ([^<]+)</li>",
                       page.split('<ol class="insyn-timeline">')[1].split("</ol>")[0])  # fmt: skip
    assert steps == [("1 oktober 2026", "Klart", "Upphandlingen är klar."),
                     ("1 november 2026", "Planerat", "Bygget börjar.")]  # fmt: skip
    counted = json.loads(files["data/follow-up/2026.json"])["milestones"]
    assert counted == {"done": 1, "ongoing": 0, "planned": 1}
    assert "2 steg</strong>, varav 1 klara, 0 pågår och 1 planerade" in files[
        "follow-up/2026/index.md"]  # fmt: skip


def _late(expected: dt.date) -> dict:
    data = valid_dialogue()
    del data["feedback"]
    data["feedback_delay"] = {"reason": "Sammanträdet flyttades.", "expected": expected}
    return data


def test_late_feedback_is_explained_everywhere_it_is_shown(tmp_path) -> None:
    files = _files(tmp_path, {"sen": _late(dt.date(2026, 7, 15))}, dt.date(2026, 6, 20))
    note = "Kommunen förklarar: Sammanträdet flyttades. Ny tidpunkt: 15 juli 2026."
    page = files["dialogues/sen.md"]
    assert note in page and "Återkopplingen väntas" in page
    assert "Återkopplingen är 6 dagar försenad." in page  # still a deviation
    for other in ("index.md", "deviations.md", "follow-up/2026/index.md"):
        assert note in files[other].replace("\\", ""), other
    assert "Också den tidpunkten har passerat." not in page


def test_a_new_date_that_passes_too_is_said_plainly(tmp_path) -> None:
    files = _files(tmp_path, {"sen": _late(dt.date(2026, 6, 18))}, dt.date(2026, 6, 20))
    assert "Ny tidpunkt: 18 juni 2026. Också den tidpunkten har passerat." in files[
        "dialogues/sen.md"]  # fmt: skip


def test_the_decision_and_the_steps_taken_are_in_the_dialogue_s_feed(tmp_path) -> None:
    import feedparser

    files = _files(tmp_path, {"beslutad": _told()}, dt.date(2026, 10, 15))
    feed = feedparser.parse(files["data/feeds/dialogues/beslutad.xml"])
    assert not feed.bozo
    titles = [e.title for e in feed.entries]
    assert titles[:2] == ["Genomförandet: Framtidens Kolla torg", "Beslut: Framtidens Kolla torg"]
    assert feed.entries[0].summary == "Upphandlingen är klar."  # the planned step: not yet
    assert "Nämnden antog programmet med fler sittplatser." in feed.entries[1].summary
    assert "Genomförandet: Framtidens Kolla torg" in files["feed.xml"]  # the site's too
