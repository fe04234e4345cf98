"""Options and steps that several commands share."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from generator.check.engine import Checked, check_files, discover_all, shown_from
from generator.check.policies import load_policy
from generator.core.policy import Policy
from generator.core.settings import ConfigError, SiteConfig, load_config
from generator.core.status import today_from_env


def add_policy_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--policy",
        metavar="NAMN|SÖKVÄG",
        help="policyfil: kungsbacka, ale eller en sökväg (standard: från mkdocs.yml)",
    )
    parser.add_argument(
        "--config", default="mkdocs.yml", metavar="FIL", help="webbplatsens mkdocs.yml"
    )


def site_config(args: argparse.Namespace) -> SiteConfig:
    return load_config(args.config)


def policy_for(args: argparse.Namespace, config: SiteConfig) -> Policy:
    return load_policy(args.policy or config.policy)


def check_content(
    paths: list[Path],
    policy: Policy,
    today: dt.date | None = None,
    *,
    models: bool = True,
    root: Path | None = None,
) -> list[Checked]:
    """``models=False``: findings only, faster (see ``check_files``). Paths in findings are
    relative to ``root`` (the project folder) where they are inside it."""
    missing = [p for p in paths if not p.exists()]
    if missing:
        raise ConfigError(f"Sökvägen finns inte: {missing[0]}")
    with shown_from(root):
        files, ignored = discover_all(paths)
        today = today or today_from_env()
        return check_files(files, policy, today, models=models, ignored=ignored)


def project_root(config: SiteConfig) -> Path | None:
    """The project folder (where mkdocs.yml is), if there is one."""
    return config.root if config.mkdocs_file.is_file() else None
