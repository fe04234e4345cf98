"""Deterministic synthetic dialogues for benchmarks and differential tests.

``generate(n, content_dir)`` writes ``n`` realistic dialogue files under
``content_dir/dialogues/<year>/<slug>.md``. The same ``n`` and ``seed`` always give the same
bytes. Every file is valid under the Kungsbacka policy as of ``TODAY`` (set
``INSYN_TODAY`` to it when you validate or build), and the statuses are spread over all
six: planned, ongoing, awaiting feedback, feedback overdue (a policy deviation, which is
valid), completed and cancelled.

    python benchmarks/corpus.py 1000 /tmp/corpus   # writes /tmp/corpus/dialogues/...
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path

TODAY = dt.date(2026, 6, 15)  # use INSYN_TODAY=2026-06-15 with this corpus
# The corpus uses only fields that the commits it is compared with (--compare-with) read:
# newer ones (influence.decision.outcome …) would make an older build refuse it. So the
# decisions taken before TODAY are not told, and decision-reported warns of them.
FEEDBACK_DEADLINE_DAYS = 60  # Kungsbacka

BOARDS_DEPARTMENTS = [
    ("Byggnadsnämnden", "Förvaltningen för Samhällsbyggnad"),
    ("Kommunstyrelsen", "Kommunledningskontoret"),
    ("Förskole- och grundskolenämnden", "Förvaltningen för Förskola & Grundskola"),
    ("Gymnasie- och arbetsmarknadsnämnden", "Förvaltningen för Gymnasium & Arbetsmarknad"),
    ("Individ- och familjeomsorgsnämnden", "Förvaltningen för Individ & Familjeomsorg"),
    ("Kultur- och fritidsnämnden", "Förvaltningen för Kultur & Fritid"),
    ("Miljö- och hälsoskyddsnämnden", "Förvaltningen för Miljö & Hälsoskydd"),
    ("Nämnden för Service", "Förvaltningen för Service"),
    ("Vård- och omsorgsnämnden", "Förvaltningen för Vård & Omsorg"),
]
TOPICS = [
    "stadsutveckling", "trafik", "skola", "förskola", "kultur", "fritid", "miljö", "omsorg",
    "natur", "trygghet", "bostäder", "demokrati",
]  # fmt: skip
PLACES = [
    ("Kolla", "kolla"), ("Åsa", "asa"), ("Onsala", "onsala"), ("Frillesås", "frillesas"),
    ("Fjärås", "fjaras"), ("Vallda", "vallda"), ("Särö", "saro"), ("Anneberg", "anneberg"),
    ("Hede", "hede"), ("Kungsbacka centrum", "kungsbacka-centrum"), ("Tölö", "tolo"),
    ("Gällinge", "gallinge"), ("Älvsåker", "alvsaker"), ("Förlanda", "forlanda"),
    ("Lerkil", "lerkil"), ("Vallda Sandö", "vallda-sando"), ("Idala", "idala"),
    ("Björkris", "bjorkris"), ("Inlag", "inlag"), ("Ölmanäs", "olmanas"),
]  # fmt: skip
SUBJECTS = [
    ("Framtidens torg i {p}", "framtidens-torg", "stadsutveckling"),
    ("Ny lekplats i {p}", "ny-lekplats", "fritid"),
    ("Trygga skolvägar i {p}", "trygga-skolvagar", "trafik"),
    ("Ett nytt bibliotek i {p}", "nytt-bibliotek", "kultur"),
    ("Naturreservatet vid {p}", "naturreservat", "natur"),
    ("Fler bostäder i {p}", "fler-bostader", "bostäder"),
    ("Mötesplats för unga i {p}", "motesplats-unga", "fritid"),
    ("Gång- och cykelväg till {p}", "gang-och-cykelvag", "trafik"),
    ("Förskolans utemiljö i {p}", "forskolans-utemiljo", "förskola"),
    ("Äldreboendets trädgård i {p}", "aldreboendets-tradgard", "omsorg"),
    ("Badplatsen i {p}", "badplatsen", "miljö"),
    ("Belysning och trygghet i {p}", "belysning-trygghet", "trygghet"),
    ("Medborgarbudget för {p}", "medborgarbudget", "demokrati"),
    ("Skolgården i {p}", "skolgarden", "skola"),
]
FIRST = ["Anna", "Erik", "Sofia", "Jonas", "Maria", "Ahmed", "Karin", "Lars", "Elin", "Mikael",
         "Fatima", "Johan", "Emma", "Per", "Sara", "Oskar", "Ida", "Nils", "Leila", "Gustav"]
LAST = ["Andersson", "Lindqvist", "Karimi", "Johansson", "Nilsson", "Berg", "Svensson",
        "Öberg", "Håkansson", "Ekström", "Larsson", "Holm", "Yilmaz", "Sandberg"]
ROLES = ["Projektledare", "Planarkitekt", "Trafikplanerare", "Fritidsledare",
         "Kommunikatör", "Utvecklingsledare", "Landskapsarkitekt", "Verksamhetsutvecklare"]
GROUPS = ["Boende i {p}", "Barn och unga", "Föräldrar", "Äldre", "Företagare i {p}",
          "Pendlare", "Personer med funktionsnedsättning", "Föreningar i {p}"]
SENTENCES = [
    "Vi vill veta hur du använder platsen i dag och vad du saknar.",
    "Dina synpunkter blir ett underlag när förslaget tas fram.",
    "Området ska utvecklas under de kommande åren och vi vill göra det tillsammans med dig.",
    "Många har hört av sig om trafiken och tryggheten på kvällarna.",
    "Förslaget ska fungera för alla, oavsett ålder och funktionsförmåga.",
    "Vi har redan fått in många idéer från skolor och föreningar.",
    "Budgeten är begränsad, så vi behöver veta vad som är viktigast för dig.",
    "Platsen är en viktig mötesplats för både unga och äldre.",
    "Grönskan och dagvattnet ska tas om hand på ett hållbart sätt.",
    "Kommunen äger marken, men delar av området är privat.",
]
METHODS = [
    ("survey", "digital", "Webbenkät om {s}", None),
    ("meeting", "physical", "Dialogmöte i {p}", "Medborgarhuset, {p}"),
    ("workshop", "physical", "Idéverkstad i {p}", "Skolan i {p}"),
    ("walk", "physical", "Trygghetsvandring i {p}", "Samling vid torget i {p}"),
    ("open-house", "physical", "Öppet hus om {s}", "Biblioteket i {p}"),
    ("online-forum", "digital", "Diskussionsforum om {s}", None),
    ("pop-up", "physical", "Pop-up vid affären i {p}", "Centrum, {p}"),
]
STATUSES = ["planned", "ongoing", "awaiting", "overdue", "completed", "cancelled"]
WEIGHTS = [10, 15, 10, 10, 45, 10]


def _q(text: str) -> str:
    """A YAML scalar that stays text: quote it when plain style would be ambiguous."""
    if any(c in text for c in ":#[]{},&*!|>'\"%@`") or text[:1] in "-?" or text != text.strip():
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return text


def _flow(items: list[str]) -> str:
    return "[" + ", ".join(_q(i) for i in items) + "]"


def _paragraph(rng: random.Random, k: int) -> str:
    return " ".join(rng.sample(SENTENCES, k))


def dialogue(i: int, rng: random.Random) -> tuple[str, str, str]:
    """One dialogue: (year folder, slug, file text)."""
    place, place_slug = PLACES[i % len(PLACES)]
    subject_t, subject_slug, main_topic = SUBJECTS[(i // len(PLACES)) % len(SUBJECTS)]
    title = subject_t.format(p=place)
    slug = f"{subject_slug}-{place_slug}-{i:06d}"
    subject = title.split(" i ")[0].lower()
    status = rng.choices(STATUSES, WEIGHTS)[0]
    board, dept = rng.choice(BOARDS_DEPARTMENTS)
    first, last = rng.choice(FIRST), rng.choice(LAST)
    email = (
        f"{first}.{last}".lower().translate(str.maketrans("åäöé", "aaoe")) + "@kungsbacka.se"
    )
    others = [t for t in TOPICS if t != main_topic]
    topics = [main_topic, *rng.sample(others, rng.randint(0, 2))]
    political = rng.random() < 0.2
    initiated = rng.choice(["board", "department", "department", "residents"])

    # Dates relative to TODAY so that each status holds on that day.
    if status == "planned":
        start = TODAY + dt.timedelta(days=rng.randint(10, 400)) if rng.random() < 0.7 else None
    elif status == "ongoing":
        start = TODAY - dt.timedelta(days=rng.randint(0, 30))
    elif status == "awaiting":
        start = TODAY - dt.timedelta(days=rng.randint(45, 80))
    elif status == "overdue":
        start = TODAY - dt.timedelta(days=rng.randint(120, 700))
    else:
        start = TODAY - dt.timedelta(days=rng.randint(60, 1500))
    if start is None:
        end = None
        year = TODAY.year + 1
    else:
        length = rng.randint(14, 40)
        end = start + dt.timedelta(days=length)
        if status == "ongoing" and end < TODAY:
            end = TODAY + dt.timedelta(days=rng.randint(1, 20))
        if status == "awaiting":
            end = TODAY - dt.timedelta(days=rng.randint(1, FEEDBACK_DEADLINE_DAYS - 5))
            start = end - dt.timedelta(days=length)
        year = start.year
    decision = (end or TODAY + dt.timedelta(days=400)) + dt.timedelta(days=rng.randint(30, 120))

    ways = rng.sample(METHODS, rng.randint(1, 3))
    part_lines: list[str] = []
    titles: list[str] = []
    for method, channel, wtitle, location in ways:
        wt = wtitle.format(p=place, s=subject)
        titles.append(wt)
        part_lines += [f"  - method: {method}", f"    channel: {channel}", f"    title: {_q(wt)}"]
        if location is None:
            part_lines.append(f"    url: https://www.kungsbacka.se/dialog/{slug}")
            if end is not None:
                part_lines.append(f"    until: {end.isoformat()}")
        else:
            part_lines.append(f"    location: {_q(location.format(p=place))}")
            if start is not None and end is not None:
                day = start + dt.timedelta(days=rng.randint(0, (end - start).days))
                h = rng.randint(9, 18)
                part_lines += [
                    f"    start: {day.isoformat()}T{h:02d}:00",
                    f"    end: {day.isoformat()}T{h + 2:02d}:00",
                ]

    groups = [g.format(p=place) for g in rng.sample(GROUPS, rng.randint(1, 3))]
    lines = [
        "---",
        f"title: {_q(title)}",
        "summary: >-",
        f"  {_paragraph(rng, 2)}",
        f"topics: {_flow(topics)}",
        f"area: {_q(place)}",
        "owner:",
        f"  board: {_q(board)}",
        f"  department: {_q(dept)}",
        f"initiated_by: {initiated}",
        f"political: {'true' if political else 'false'}",
    ]
    if political and initiated != "board":
        bd = (start or TODAY) - dt.timedelta(days=rng.randint(10, 60))
        lines += [
            "board_decision:",
            f"  date: {bd.isoformat()}",
            f"  reference: BN {bd.year}/{rng.randint(1, 999):04d}",
            "  participation: Nämndens presidium deltar vid dialogmötena.",
        ]
    lines += [
        "responsible:",
        f"  name: {first} {last}",
        f"  role: {rng.choice(ROLES)}",
        f"  email: {email}",
    ]
    if rng.random() < 0.5:
        lines.append("  phone: 0300-83 40 00")
    lines += [
        f"purpose: Ta reda på vad invånarna i {place} tycker om {subject}.",
        f"goal: Ett underlag till beslutet om {subject}.",
        f"aims: {_flow(rng.sample(['needs', 'proposals', 'solutions', 'ideas'], 2))}",
        f"ladder: {rng.choice(['consultation', 'dialogue', 'influence', 'codetermination'])}",
        f"stage: {rng.choice(['idea', 'planning', 'decision', 'implementation'])}",
        "influence:",
        f"  what: Hur {subject} ska utformas och vad som är viktigast att börja med.",
        "  fixed: Budgetramen är redan beslutad.",
        "  decision:",
        f"    body: {_q(board)}",
        f"    date: {decision.isoformat()}",
    ]
    if start is not None and end is not None:
        lines += ["period:", f"  start: {start.isoformat()}", f"  end: {end.isoformat()}"]
        lines.append(f"budget_year: {start.year}")
        lines.append("participation:")
        lines += part_lines
    else:
        lines.append(f"budget_year: {year}")
    lines.append("target_groups:")
    for g in groups:
        reach = [rng.choice(titles)] if start is not None else []
        if rng.random() < 0.3:
            reach.append("affischer på anslagstavlan")
        lines += [f"  - group: {_q(g)}", f"    reach: {_flow(reach)}"]
    special = [g for g in groups if g in ("Barn och unga", "Äldre")]
    lines += [
        "special_consideration:",
        f"  groups: {_flow(special)}",
        "  motivation: " + (
            "Gruppen påverkas särskilt av förändringen." if special
            else "Ingen grupp berörs mer än andra av just den här frågan."
        ),
        "resources:",
        f"  staff_hours: {rng.randint(10, 400)}",
        f"  budget_sek: {rng.randint(5, 500) * 1000}",
    ]
    if start is not None and start < TODAY and rng.random() < 0.5:
        last_day = min(end or TODAY, TODAY)
        if last_day > start:
            u = start + dt.timedelta(days=rng.randint(1, (last_day - start).days))
            lines += [
                "updates:",
                f"  - date: {u.isoformat()}",
                f"    text: Hittills har {rng.randint(20, 900)} personer deltagit.",
            ]
    if status == "completed":
        assert end is not None
        fb = min(end + dt.timedelta(days=rng.randint(5, 55)), TODAY)
        lines += [
            "feedback:",
            f"  date: {fb.isoformat()}",
            "  heard: >-",
            f"    {_paragraph(rng, 2)}",
            f"  result: Förslaget om {subject} har ändrats efter dialogen.",
            "  next_steps: Nämnden beslutar om förslaget under hösten.",
            "  impact: Fler sittplatser och bättre belysning kom till efter synpunkter.",
            f"  participants: {rng.randint(10, 2000)}",
            f"  report: https://www.kungsbacka.se/dialog/{slug}-rapport.pdf",
        ]
    elif status == "cancelled":
        cd = (start or TODAY) - dt.timedelta(days=rng.randint(1, 20))
        lines += [
            "cancelled:",
            f"  date: {cd.isoformat()}",
            "  reason: Projektet pausades i väntan på budgetbeslut.",
        ]
    if rng.random() < 0.6:
        lines += [
            "documents:",
            "  - title: Samrådshandling",
            f"    url: https://www.kungsbacka.se/dialog/{slug}-samrad.pdf",
        ]
    lines += [
        "---",
        "",
        f"## Om {subject}",
        "",
        _paragraph(rng, 4),
        "",
        "## Så kan du delta",
        "",
    ]
    lines += [f"- {t}" for t in titles]
    lines += [
        "",
        _paragraph(rng, 3),
        f"Läs mer på [kommunens webbplats](https://www.kungsbacka.se/dialog/{slug}).",
        "",
    ]
    return str(year), slug, "\n".join(lines)


def generate(n: int, content_dir: Path, seed: int = 2026) -> list[Path]:
    """Write ``n`` dialogues under ``content_dir/dialogues/<year>/``; return their paths."""
    rng = random.Random(seed)
    base = content_dir / "dialogues"
    paths = []
    made: set[Path] = set()
    for i in range(n):
        year, slug, text = dialogue(i, rng)
        folder = base / year
        if folder not in made:
            folder.mkdir(parents=True, exist_ok=True)
            made.add(folder)
        path = folder / f"{slug}.md"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__)
        return 2
    paths = generate(int(argv[0]), Path(argv[1]))
    print(f"{len(paths)} dialoger i {argv[1]}/dialogues (INSYN_TODAY={TODAY.isoformat()})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
