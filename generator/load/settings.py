"""Read the site settings: ``mkdocs.yml`` and its ``extra.insyn`` block.

Every problem is reported at once, at its line and column (``SettingsError``, exit 2): a
setting of the wrong type, an unknown setting (with the nearest known name), a contact
address that is not one. The engine's own settings are left to the engine.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from generator.core import colour
from generator.core.findings import FieldPath
from generator.core.model import EMAIL_FORM
from generator.core.settings import ConfigError, FileError, Located, SiteConfig
from generator.load.source import Source, located, read_yaml_file

BUILTIN_POLICIES = ("kungsbacka", "ale")
PERSONAL = ("role", "name")
# Every setting of extra.insyn, with what it must be (a short Swedish description).
SETTINGS: dict[str, str] = {
    "policy": "ett namn (kungsbacka, ale) eller en sökväg till en policyfil",
    "content": "en sökväg till innehållsmappen",
    "contact_email": "en e-postadress, helst en funktionsbrevlåda",
    "open_data": "ett block med inställningar för öppna data (personal)",
    "publisher_uri": "en webbadress (https://…) som identifierar kommunen",
    "spatial_uri": "en webbadress (https://…) till det område data gäller",
    "intro": "en text överst på startsidan",
    "colour": "webbplatsens färg, #rrggbb, med vit text på (kontrast minst 4,5:1)",
}
_URL = re.compile(r"^https?://[^\s]+$")
_INSYN = ("extra", "insyn")


class SettingsError(FileError):
    """``mkdocs.yml`` cannot be used: every problem in it."""

    kind = "inställning"
    summary = "Inställningarna i mkdocs.yml har {n} fel."


def load_config(mkdocs_file: Path | str = "mkdocs.yml", *, required: bool = False) -> SiteConfig:
    """The site settings; defaults if the file is missing (an error with ``required``)."""
    path = Path(mkdocs_file)
    root = path.resolve().parent
    if not path.is_file():
        if required:
            raise ConfigError(f"Hittar inte {path}.")
        return SiteConfig(root=root, mkdocs_file=path)
    src = read_yaml_file(path)
    problems = located(src.problems)
    if src.data is None:
        raise SettingsError(str(path), problems)
    data = src.data
    extra = data.get("extra") if isinstance(data.get("extra"), dict) else {}
    settings = extra.get("insyn") if isinstance(extra.get("insyn"), dict) else {}
    problems += settings_problems(src, settings)
    if problems:
        raise SettingsError(str(path), problems)
    policy = settings.get("policy", BUILTIN_POLICIES[0])
    if policy not in BUILTIN_POLICIES and not Path(policy).is_absolute():
        policy = str(root / policy)
    return SiteConfig(
        root=root,
        mkdocs_file=path,
        policy=policy,
        content_dir=root / str(settings.get("content", "content")),
        site_dir=root / str(data.get("site_dir", "site")),
        site_url=str(data.get("site_url", "")),
        site_name=str(data.get("site_name", "")),
        directory_urls=data.get("use_directory_urls", True) is not False,
        settings=settings,
    )


def settings_problems(src: Source, settings: dict) -> list[Located]:
    """What is wrong in the ``extra.insyn`` block, each at its position."""
    problems: list[Located] = []

    def problem(path: FieldPath, message: str, hint: str | None = None) -> None:
        line, col = src.where(path)
        problems.append((line, col, message, hint))

    for key in settings:
        if key not in SETTINGS:
            near = difflib.get_close_matches(str(key), SETTINGS, n=1, cutoff=0.6)
            hint = f"Menade du `{near[0]}`?" if near else "Kända inställningar: " + ", ".join(
                f"`{k}`" for k in SETTINGS
            )
            problem((*_INSYN, key), f"extra.insyn.{key} är ingen inställning som Insyn känner.",
                    hint)  # fmt: skip
    for key in ("policy", "content", "intro"):
        if key in settings and not (isinstance(settings[key], str) and settings[key].strip()):
            problem((*_INSYN, key), f"extra.insyn.{key} ska vara {SETTINGS[key]}.")
    if "colour" in settings and (wrong := colour.problem(settings["colour"])):
        problem((*_INSYN, "colour"), f"extra.insyn.colour {wrong}")
    email = settings.get("contact_email")
    if "contact_email" in settings and not (
        isinstance(email, str) and re.match(EMAIL_FORM, email.strip())
    ):
        problem((*_INSYN, "contact_email"), f"extra.insyn.contact_email ska vara "
                f"{SETTINGS['contact_email']}, till exempel kontaktcenter@kommun.se.")  # fmt: skip
    for key in ("publisher_uri", "spatial_uri"):
        value = settings.get(key)
        if key in settings and not (isinstance(value, str) and _URL.match(value)):
            problem((*_INSYN, key), f"extra.insyn.{key} ska vara {SETTINGS[key]}.")
    open_data = settings.get("open_data", {})
    if not isinstance(open_data, dict):
        problem((*_INSYN, "open_data"), f"extra.insyn.open_data ska vara {SETTINGS['open_data']}.")
    elif open_data.get("personal", PERSONAL[0]) not in PERSONAL:
        problem(
            (*_INSYN, "open_data", "personal"),
            "extra.insyn.open_data.personal ska vara role (rollen och en funktionsbrevlåda i "
            "öppna data) eller name (namn, e-post och telefon).",
        )
    return problems
