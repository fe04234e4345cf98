"""`insyn build`: validate, render, build with MkDocs, scan and publish the site."""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import logging
import sys
from collections.abc import Iterator
from pathlib import Path

from generator.cli.common import add_policy_option, policy_for, project_root
from generator.cli.formats import FORMATS, Report
from generator.core.findings import has_errors
from generator.core.policy import Policy
from generator.core.settings import SiteConfig, stand_in_host
from generator.core.status import today_from_env
from generator.engine.mkdocs import EngineError
from generator.load.settings import load_config
from generator.pipeline import Published, check_content, publish
from generator.publish.gate import ScanError
from generator.publish.site_dir import check_site_dir

UNCHANGED = "den publicerade webbplatsen är oförändrad."


def add_build_options(p: argparse.ArgumentParser) -> None:
    add_policy_option(p)
    p.add_argument(
        "--content", type=Path, metavar="MAPP",
        help="innehållsmappen med dialogues/ (eller en mapp med dialogfiler); "
        "standard: content",
    )  # fmt: skip
    p.add_argument(
        "--site-dir", type=Path, metavar="MAPP", help="var webbplatsen skrivs (standard: site)"
    )
    p.add_argument(
        "-v", "--verbose", action="store_true",
        help="berätta när en snabbväg i bygget inte används för en sida, och varför",
    )  # fmt: skip


@contextlib.contextmanager
def shortcut_log(verbose: bool) -> Iterator[None]:
    """With ``-v``: print what the engine's shortcuts decline (logger ``insyn.fast``)."""
    if not verbose:
        yield
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("insyn.fast: %(message)s"))
    logger = logging.getLogger("insyn.fast")
    old_level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)


def add_parser(sub) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "build",
        help="bygg den publika webbplatsen",
        description="Kontrollerar dialogerna och bygger webbplatsen. Vid fel skrivs ingenting.",
    )
    add_build_options(p)
    return p


def build_config(args: argparse.Namespace) -> SiteConfig:
    """The site settings with the command-line overrides applied.

    `--content DIR` replaces the content folder when DIR has a `dialogues/` sub-folder.
    Otherwise DIR is taken as a folder of dialogue files: the dialogues come from it and
    the site's other content (hand-written pages, settings) stays the configured one.
    """
    config = load_config(args.config, required=True)
    if args.content is not None and (args.content / "dialogues").is_dir():
        config = dataclasses.replace(config, content_dir=args.content)
    if args.site_dir is not None:
        config = dataclasses.replace(config, site_dir=args.site_dir)
    return config


def dialogue_folder(config: SiteConfig, args: argparse.Namespace) -> Path:
    """Where the dialogue files are: `--content DIR` itself if it has no `dialogues/`."""
    if args.content is not None and not (args.content / "dialogues").is_dir():
        return args.content
    return config.dialogues_dir


def build_once(
    config: SiteConfig, policy: Policy, dialogues: Path
) -> tuple[int, Published | None]:
    """Check, then publish if there are no errors; print what happened. (exit code, result)"""
    today = today_from_env()
    root = project_root(config)
    checked = check_content([dialogues], policy, today, root=root, site=config.content_dir)
    report = Report(checked, policy, root or Path.cwd())
    if has_errors(report.findings):
        sys.stderr.write(FORMATS["text"](report))
        print("Webbplatsen byggdes inte: rätta felen ovan.", file=sys.stderr)
        return 1, None
    if report.findings:
        sys.stdout.write(FORMATS["text"](report))
    try:
        site, published = publish(checked, policy, config, today)
    except EngineError as exc:
        for message in exc.messages:
            print(f"mkdocs: {message}", file=sys.stderr)
        print(f"Webbplatsen byggdes inte; {UNCHANGED}", file=sys.stderr)
        return 1, None
    except OSError as exc:
        print(f"insyn: kunde inte skriva webbplatsen: {exc}", file=sys.stderr)
        print(f"Webbplatsen byggdes inte; {UNCHANGED}", file=sys.stderr)
        return 1, None
    except ScanError as exc:
        for p in exc.problems:
            print(f"{p.file}:{p.line}: {p.message}", file=sys.stderr)
        print(f"Webbplatsen publicerades inte; {UNCHANGED}", file=sys.stderr)
        return 1, None
    print(
        f"Byggde {len(site.entries)} dialoger, {published.pages} sidor i {published.site_dir} "
        f"(datum {today.isoformat()})."
    )
    return 0, published


def guard_site_dir(config: SiteConfig, args: argparse.Namespace) -> None:
    """Refuse (exit 2) a site folder that the build must not replace (see publish)."""
    content = [config.content_dir, dialogue_folder(config, args)]
    check_site_dir(config.site_dir, content=content, project=config.root)


def run(args: argparse.Namespace) -> int:
    config = build_config(args)
    guard_site_dir(config, args)
    policy = policy_for(args, config)
    if not config.site_url:
        print(f"insyn: mkdocs.yml har ingen site_url. Länkarna i flödet, kalendrarna och de "
              f"öppna data blir relativa, och deras id:n använder https://"
              f"{stand_in_host(policy.id)}/. Sätt site_url till webbplatsens adress, till "
              f"exempel https://insyn.kommun.se/.", file=sys.stderr)  # fmt: skip
    with shortcut_log(args.verbose):
        code, _ = build_once(config, policy, dialogue_folder(config, args))
    return code
