"""Options and steps that several commands share."""

from __future__ import annotations

import argparse
from pathlib import Path

from generator.check.policies import load_policy
from generator.core.policy import Policy
from generator.core.settings import SiteConfig
from generator.load.settings import load_config


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


def project_root(config: SiteConfig) -> Path | None:
    """The project folder (where mkdocs.yml is), if there is one."""
    return config.root if config.mkdocs_file.is_file() else None
