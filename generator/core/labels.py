"""Swedish names for the content model's values: the one place for pages, data files and prompts.

Plain dicts keyed by the model's (English) values, in the vocabulary's own order (the
ladder from information to codetermination, the stages in the order a matter moves).
Templates reach this module as the Jinja global ``labels`` (``labels.LADDER[d.ladder]``);
Python code imports it. A name starts with a capital letter where it stands alone (a
heading, a table cell, a menu) and is written in lower case where it is used inside a
sentence (``CHANNEL``, ``AIM``, ``INITIATOR``); ``capital()`` gives the other form.

This module is vocabulary, not prose: what each rule promises residents and how it is
explained to staff live in the rule (``check.rules``), and page texts in the templates.
"""

from __future__ import annotations

# Delaktighetstrappan (SKR's participation ladder), lowest step first.
LADDER = {
    "information": "Information",
    "consultation": "Konsultation",
    "dialogue": "Dialog",
    "influence": "Inflytande",
    "codetermination": "Medbeslutande",
}
# What each step of the ladder promises the resident, one sentence each.
LADDER_PROMISE = {
    "information": "Du får veta vad som händer och varför, men kan inte påverka beslutet.",
    "consultation": "Vi frågar vad du tycker, och dina synpunkter vägs in innan beslutet fattas.",
    "dialogue": (
        "Vi samtalar med dig och andra för att förstå olika perspektiv och utveckla frågan "
        "tillsammans."
    ),
    "influence": "Du är med och tar fram förslag, och förslagen väger tungt när beslutet fattas.",
    "codetermination": "Du är med och fattar beslutet, inom de ramar som politikerna har satt.",
}

STAGE = {
    "idea": "Idé",
    "planning": "Planering",
    "decision": "Inför beslut",
    "implementation": "Genomförande",
}

METHOD = {
    "survey": "Enkät",
    "meeting": "Möte",
    "workshop": "Workshop",
    "walk": "Vandring",
    "open-house": "Öppet hus",
    "focus-group": "Fokusgrupp",
    "online-forum": "Forum på webben",
    "pop-up": "Pop-up",
    "interview": "Intervju",
    "other": "Annat sätt",
}

# Lower case: "Enkät, digitalt".
CHANNEL = {"digital": "digitalt", "physical": "fysiskt"}
# The body that `insyn new` writes, for staff to replace (the rule placeholder-text).
NEW_FILE_BODY = (
    "Beskriv här bakgrunden i vanlig text (Markdown): vad frågan gäller, varför ni frågar "
    "invånarna och vad som händer sedan."
)

# The link to a facet's own feed, on its page.
FOLLOW = {"topics": "Följ ämnet", "areas": "Följ området"}
MILESTONE = {"planned": "Planerat", "ongoing": "Pågår", "done": "Klart"}

# Lower case: "Vi vill höra om: behov, idéer."
AIM = {
    "needs": "behov",
    "proposals": "förslag",
    "solutions": "lösningar",
    "ideas": "idéer",
    "conversation": "samtalet i sig",
}

# Lower case, definite form: "Initiativet kom från nämnden." Where the policy calls its
# departments something else (Ale: sektor), use ``definite(department_label)`` instead.
INITIATOR = {"board": "nämnden", "department": "förvaltningen", "residents": "invånare"}

# Status is derived from the dates (generator/status.py), never written in a file.
STATUS = {
    "cancelled": "Inställd",
    "planned": "Planerad",
    "ongoing": "Pågående",
    "awaiting-feedback": "Inväntar återkoppling",
    "feedback-overdue": "Återkoppling försenad",
    "completed": "Återkopplad",
}

# Lower case, as in `insyn validate` output: "dialog.md:3:1: fel schema …".
SEVERITY = {"error": "fel", "warning": "varning", "deviation": "avvikelse", "off": "av"}
# What a severity means, for staff (the guide's rule list).
SEVERITY_FOR_STAFF = {
    "error": "fel: stoppar publiceringen och pull requesten",
    "warning": "varning: bör rättas, men stoppar inget",
    "deviation": "avvikelse från policyn: stoppar inget, visas öppet på webbplatsen",
    "off": "av: kontrolleras inte enligt den här policyn",
}
# What a severity means, for residents (the policy page).
SEVERITY_FOR_RESIDENTS = {
    "error": "Kontrolleras före publicering: en dialog som inte uppfyller det publiceras inte.",
    "warning": "Kontrolleras: en brist visas på dialogens sida.",
    "deviation": "Följs upp: en avvikelse visas öppet på dialogens sida och i årsuppföljningen.",
    "off": "Kontrolleras inte enligt den här kommunens inställningar.",
}

# The state of one policy commitment in a dialogue's checklist (summarise/checklist.py).
CHECK_STATE = {
    "kept": "Uppfyllt",
    "kept-late": "Uppfyllt, men för sent",
    "not-kept": "Inte uppfyllt",
    "pending": "Inte aktuellt ännu",
    "missing-late": "Saknas: återkopplingen är försenad",
    "not-applicable": "Gäller inte den här dialogen",
}

# The site's own pages, by URL (the policy page links to the page that answers a clause).
PAGES = {
    "/follow-up/": "Årsuppföljning",
    "/planned/": "Planerade dialoger",
    "/propose/": "Föreslå en dialog",
    "/data/": "Öppna data",
    "/policy/": "Policyn",
    "/dialogues/": "Alla dialoger",
    "/about/": "Om Insyn",
    "/guide/": "Guide för personal",
}

# The lists of dialogues by facet, by folder: (name of one facet, "efter …" for the list).
FACET = {
    "boards": ("Nämnd", "efter nämnd"),
    "topics": ("Ämne", "efter ämne"),
    "areas": ("Område", "efter område"),
    "years": ("År", "efter år"),
}


def capital(text: str) -> str:
    """The first letter in upper case, the rest unchanged: `samtalet i sig` → `Samtalet i sig`."""
    return text[:1].upper() + text[1:]


def capitalised(names: dict[str, str]) -> dict[str, str]:
    """The same vocabulary with every name starting with a capital letter."""
    return {key: capital(name) for key, name in names.items()}


def definite(noun: str) -> str:
    """The definite form of the policy's word for a department: Förvaltning → Förvaltningen,
    Sektor → Sektorn."""
    return noun + ("n" if noun.endswith(("r", "e")) else "en")
