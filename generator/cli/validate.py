"""`insyn validate`: check dialogue files and report every finding."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.cli.common import add_policy_option, policy_for, project_root, site_config
from generator.cli.formats import FORMATS, Report
from generator.core.findings import has_errors
from generator.pipeline import check_content


def add_parser(sub) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "validate",
        help="kontrollera dialogfiler mot innehållsmodellen och policyn",
        description="Kontrollerar dialogfiler och skriver ut alla fel, varningar och avvikelser.",
    )
    add_policy_option(p)
    p.add_argument(
        "--format", choices=sorted(FORMATS), default="text", help="utdataformat (standard: text)"
    )
    p.add_argument(
        "paths", nargs="*", type=Path, metavar="SÖKVÄG",
        help="filer eller mappar (standard: content/dialogues och webbplatsens egna sidor)",
    )  # fmt: skip
    return p


def run(args: argparse.Namespace) -> int:
    config = site_config(args)
    policy = policy_for(args, config)
    # Only the Markdown report shows the dialogues themselves; the others need findings only.
    models = args.format == "markdown"
    root = project_root(config)
    paths = args.paths or [config.dialogues_dir]
    # The site's own files (about.md …) with the whole content folder, not with single files.
    site = None if args.paths else config.content_dir
    checked = check_content(paths, policy, models=models, root=root, site=site)
    report = Report(checked, policy, root or Path.cwd())
    sys.stdout.write(FORMATS[args.format](report))
    return 1 if has_errors(report.findings) else 0
