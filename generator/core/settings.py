"""Site settings: read from the ``extra.insyn`` block of ``mkdocs.yml``.

The engine's own settings stay where the engine reads them; ours live under ``extra`` so
MkDocs, ProperDocs and Zensical all accept the file unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.load.source import read_yaml_file


class ConfigError(Exception):
    """A usage or configuration problem: the command exits with status 2."""


@dataclass(frozen=True)
class SiteConfig:
    root: Path
    mkdocs_file: Path
    policy: str = "kungsbacka"
    content_dir: Path = Path("content")
    site_dir: Path = Path("site")
    site_url: str = ""
    site_name: str = ""
    directory_urls: bool = True  # the engine's use_directory_urls (links in raw HTML)
    settings: dict = field(default_factory=dict)  # the whole extra.insyn block

    @property
    def dialogues_dir(self) -> Path:
        return self.content_dir / "dialogues"


def load_config(mkdocs_file: Path | str = "mkdocs.yml", *, required: bool = False) -> SiteConfig:
    path = Path(mkdocs_file)
    root = path.resolve().parent
    if not path.is_file():
        if required:
            raise ConfigError(f"Hittar inte {path}.")
        return SiteConfig(root=root, mkdocs_file=path)
    src = read_yaml_file(path)
    if src.problems or src.data is None:
        first = src.problems[0] if src.problems else None
        where = f":{first.line}" if first and first.line else ""
        raise ConfigError(f"{path}{where}: {first.message if first else 'kan inte läsas'}")
    data = src.data
    extra = data.get("extra") if isinstance(data.get("extra"), dict) else {}
    settings = extra.get("insyn") if isinstance(extra.get("insyn"), dict) else {}
    policy = settings.get("policy", "kungsbacka")
    if not isinstance(policy, str):
        raise ConfigError(f"{path}: extra.insyn.policy ska vara ett namn eller en sökväg.")
    open_data = settings.get("open_data", {})
    personal = open_data.get("personal", "role") if isinstance(open_data, dict) else None
    if personal not in ("role", "name"):
        raise ConfigError(
            f"{path}: extra.insyn.open_data.personal ska vara role (rollen och en "
            "funktionsbrevlåda i öppna data) eller name (namn, e-post och telefon)."
        )
    if policy not in ("kungsbacka", "ale") and not Path(policy).is_absolute():
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
