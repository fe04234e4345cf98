"""Links as staff write them: what a browser reads in a URL, which ones are safe, and the
form a link field must have.

Used by validation (the rules), by rendering (a link is written only if it is safe) and
by the HTML gate before publishing, so that all three read a URL the same way.
"""

from __future__ import annotations

import html
import re
import urllib.parse

_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f\u00ad\u200b-\u200f\u2028-\u202f\ufeff]")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")

SAFE_SCHEMES = ("http", "https", "mailto")
# A link that starts with a safe scheme (ASCII letters only, as _SCHEME reads them).
_SAFE_START = re.compile(r"(?:https?|mailto):", re.IGNORECASE | re.ASCII)
MAX_UNESCAPE = 4  # a browser decodes once; more rounds only make the check stricter
# A site-absolute link may only point to a dialogue: /dialogues/<slug>/…
_SITE_LINK = re.compile(r"^/dialogues/[a-z0-9]+(?:-[a-z0-9]+)*(?:/[^/]*)*$")
PAGE_DEPTH = 2  # a dialogue page is at dialogues/<slug>/: two levels below the site root


def normalise_url(url: str) -> str:
    """Decode entities and drop invisible characters, as a browser would before acting."""
    for _ in range(MAX_UNESCAPE):  # entities may be nested (&amp;#106;)
        decoded = html.unescape(url)
        if decoded == url:
            break
        url = decoded
    return _INVISIBLE.sub("", url)


def url_is_safe(url: str) -> bool:
    """http(s), mailto, or a relative link without a scheme."""
    clean = normalise_url(url)
    scheme = _SCHEME.match(clean)
    return scheme is None or scheme.group(1).lower() in SAFE_SCHEMES


def link_problem(url: str) -> str | None:
    """Why a link in a dialogue file is not allowed (Swedish), or None if it is fine.

    Stricter than ``url_is_safe``: besides the scheme, a link without one must stay inside
    the site (no ``..`` above the site root, no absolute file-system paths, no ``\\``).
    """
    if "&" not in url and _SAFE_START.match(url):
        return None  # no entity to decode and a safe scheme up front: what follows agrees
    clean = normalise_url(url.strip())
    if not url_is_safe(url.strip()):
        scheme = _SCHEME.match(clean)
        name = scheme.group(1).lower() if scheme else "okänd"
        return f"Länken har den otillåtna adresstypen `{name}:`."
    if _SCHEME.match(clean) or clean.startswith("//") or clean.startswith("#"):
        return None
    path = urllib.parse.unquote(clean.split("#", 1)[0].split("?", 1)[0])
    if "\\" in path:
        return "Länken innehåller bakstreck (\\), som en sökväg i Windows."
    if path.startswith("/"):
        if _SITE_LINK.match(path) and "/../" not in f"{path}/":
            return None
        return f"Länken pekar på sökvägen `{path[:40]}` i stället för en webbadress."
    depth = PAGE_DEPTH
    for part in path.split("/"):
        if part == "..":
            depth -= 1
            if depth < 0:
                return "Länken går med `..` utanför webbplatsen."
        elif part not in ("", "."):
            depth += 1
    return None




# The form of a link field (``url``, ``report``): a web address with its host, a plain
# mailto: address, or a page of the site by its path (`/dialogues/<slug>/`, `/policy/`).
# Anything else (a file name, an address without https://) has no page to lead to, and
# the engine would refuse the build. The JSON Schema publishes the same pattern.
URL_FORM = (
    r"^(?:https?://[^\s/?#@:\\]+(?::[0-9]{1,5})?(?:[/?#][^\s\x00-\x1f\x7f-\x9f]*)?"
    r"|mailto:[A-Za-z0-9._+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
    r"|/(?:[a-z0-9-]+/)*)$"
)
_URL_FORM = re.compile(URL_FORM)
URL_KEYS = frozenset({"url", "report", "minutes"})  # the front matter's link fields
# The site's own pages that a link field may name by path (a dialogue's page too), and the
# page each is built from.
SITE_PAGES = {
    "/": "index.md", "/dialogues/": "dialogues/index.md", "/policy/": "policy.md",
    "/follow-up/": "follow-up/index.md", "/planned/": "planned/index.md",
    "/data/": "data/index.md", "/propose/": "propose.md", "/about/": "about.md",
    "/privacy/": "privacy.md", "/accessibility/": "accessibility.md",
    "/guide/": "guide/index.md",
}  # fmt: skip
_FILE_SUFFIXES = (
    ".pdf", ".doc", ".docx", ".odt", ".xls", ".xlsx", ".ods", ".ppt", ".pptx", ".txt",
    ".md", ".png", ".jpg", ".jpeg", ".gif", ".svg", ".html", ".htm", ".zip",
)  # fmt: skip
_DIALOGUE_PAGE = re.compile(r"^/dialogues/([a-z0-9]+(?:-[a-z0-9]+)*)/$")


def dialogue_of(path: str) -> str | None:
    """The slug a site path names (``/dialogues/<slug>/``), or None."""
    m = _DIALOGUE_PAGE.match(path)
    return m.group(1) if m else None


def url_field_problem(value: str, own_slug: str) -> tuple[str, str] | None:
    """Why a link field's value cannot be published, and how to fix it (Swedish), or None.

    Only the form and the site path are judged here: whether a named dialogue exists is
    known across the files (``dialogue-links``)."""
    url = value.strip()
    if _URL_FORM.match(url):
        if url.startswith("/") and url not in SITE_PAGES:
            slug = dialogue_of(url)
            if slug is None:
                return (
                    f"Sökvägen `{url[:60]}` är ingen sida på webbplatsen.",
                    "Länka till en dialog med /dialogues/<slug>/ eller skriv hela adressen "
                    "till en annan webbplats (https://…).",
                )
            if slug == own_slug:
                return (
                    "Länken går till dialogens egen sida.",
                    "Ta bort länken, eller länka till sidan där man deltar (https://…).",
                )
        return None
    clean = normalise_url(url)
    scheme = _SCHEME.match(clean)
    if scheme and scheme.group(1).lower() not in SAFE_SCHEMES:
        return (
            f"Adresstypen `{scheme.group(1).lower()}:` är inte tillåten i en länk.",
            "Använd en adress som börjar med https://.",
        )
    if clean.lower().startswith("mailto:"):
        return (
            f"`{url[:60]}` är ingen vanlig e-postadress.",
            "Skriv mailto: och en adress som namn@kommun.se, utan ? & = och mellanslag.",
        )
    if scheme or clean.startswith("//"):
        return (
            f"Adressen `{url[:60]}` saknar en giltig webbplats efter https://.",
            "Skriv hela adressen, t.ex. https://www.kommun.se/sida.",
        )
    first = clean.split("/", 1)[0]
    if "/" not in clean and first.lower().endswith(_FILE_SUFFIXES):
        return (
            f"`{url[:60]}` är ett filnamn, ingen webbadress.",
            "Lägg dokumentet på kommunens webbplats och skriv hela adressen (https://…).",
        )
    if "." in first and not first.startswith("."):
        return (
            f"Adressen `{url[:60]}` saknar https:// i början.",
            f"Skriv hela adressen: https://{url[:60]}",
        )
    return (
        f"`{url[:60]}` är ingen hel webbadress.",
        "Lägg dokumentet eller sidan på en webbplats och skriv hela adressen (https://…), "
        "eller länka till en dialog med /dialogues/<slug>/.",
    )
