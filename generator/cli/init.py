"""`insyn init`: a ready content repository for a municipality's own site.

The files come from the package's ``scaffold/`` folder, filled in from the options and the
policy (its boards, departments and contact domain for the example dialogue). A folder
that is not empty is refused unless ``--force``; even then no file that is there already
is replaced: it is named and left as it is.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import shutil
import sys
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined

from generator import __version__
from generator.check.policies import load_policy
from generator.core import colour
from generator.core.model import EMAIL_FORM
from generator.core.policy import BUILTIN, Policy
from generator.core.settings import ConfigError
from generator.core.status import today_from_env

HOSTS = {"github": ("ci/github.yml", ".github/workflows/insyn.yml"),
         "gitlab": ("ci/gitlab.yml", ".gitlab-ci.yml")}  # fmt: skip
PACKAGE_MARK = "@INSYN_PACKAGE@"  # where the CI files and the hook name Insyn's package
POLICY_FILE = "policy.yaml"  # where a policy of the municipality's own is copied
_URL = re.compile(r"^https?://[^\s/]+(/[^\s]*)?$")


def add_parser(sub) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "init",
        help="skapa ett innehållsförråd för kommunens egen webbplats",
        description="Skriver ett färdigt förråd: mkdocs.yml, content/ med sidorna och en "
        "exempeldialog, CI för GitHub eller GitLab, CODEOWNERS och pre-commit.",
    )
    p.add_argument("dir", type=Path, metavar="MAPP", help="mappen som förrådet skrivs i")
    p.add_argument(
        "--municipality", required=True, metavar="NAMN", help='kommunens namn, t.ex. "Ale kommun"'
    )
    p.add_argument(
        "--policy",
        required=True,
        metavar="NAMN|SÖKVÄG",
        help="policyn: kungsbacka, ale eller en policyfil (kopieras till förrådet)",
    )
    p.add_argument(
        "--site-url",
        required=True,
        metavar="ADRESS",
        help="webbplatsens adress, t.ex. https://insyn.ale.se/",
    )
    p.add_argument(
        "--colour",
        default=colour.DEFAULT,
        metavar="HEX",
        help=f"webbplatsens färg, med vit text på (standard: {colour.DEFAULT})",
    )
    p.add_argument(
        "--git-host",
        choices=sorted(HOSTS),
        default="github",
        help="var förrådet ligger: CI för den (standard: github)",
    )
    p.add_argument(
        "--contact-email",
        metavar="ADRESS",
        help="dit frågor om öppna data går (standard: kommun@ och policyns domän)",
    )
    p.add_argument(
        "--package",
        default=f"insyn=={__version__}",
        metavar="KRAV",
        help="var CI installerar Insyn från, t.ex. 'insyn @ git+https://…@v1.0.0' "
        f"(standard: insyn=={__version__})",
    )
    p.add_argument(
        "--force",
        action="store_true",
        help="skriv i en mapp som inte är tom (befintliga filer lämnas orörda)",
    )
    return p


def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("generator", "scaffold"),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,  # Markdown and YAML, not HTML; the values are checked below
    )


def _check(args: argparse.Namespace) -> None:
    """Raise ConfigError for an option that cannot make a working site."""
    if not args.municipality.strip() or "\n" in args.municipality:
        raise ConfigError('--municipality ska vara kommunens namn på en rad, t.ex. "Ale kommun".')
    if not _URL.match(args.site_url):
        raise ConfigError("--site-url ska vara en webbadress, t.ex. https://insyn.ale.se/.")
    wrong = colour.problem(args.colour)
    if wrong:
        raise ConfigError(f"--colour {wrong}")
    if args.contact_email and not re.match(EMAIL_FORM, args.contact_email):
        raise ConfigError("--contact-email ska vara en e-postadress, t.ex. kommun@ale.se.")
    if '"' in args.package or "\n" in args.package:
        raise ConfigError("--package ska vara ett krav som pip förstår, t.ex. insyn==1.0.0.")


def site_files(args: argparse.Namespace, policy: Policy, today: dt.date) -> dict[str, str]:
    """Every file of the new repository: its path in it → its text."""
    doc = policy.doc
    domain = doc.contact_domains[0]
    name = args.municipality.strip()
    start = today + dt.timedelta(days=30)
    own_policy = args.policy not in BUILTIN
    genitive = name if name.endswith("s") else f"{name}s"
    values = {
        "municipality": name,
        "municipality_genitive": genitive,
        "short": re.sub(r"\s+kommun$", "", name),
        "description": f"{genitive} invånardialoger – delta, följ och se vad som hände.",
        "site_url": args.site_url if args.site_url.endswith("/") else args.site_url + "/",
        "policy": POLICY_FILE if own_policy else args.policy,
        "policy_file": POLICY_FILE if own_policy else "",
        "colour": args.colour.lower(),
        "contact_email": args.contact_email or f"kommun@{domain}",
        "domain": domain,
        "board": doc.organisation.boards[0],
        "department": doc.organisation.departments[0],
        "today": today.isoformat(),
        "start": start.isoformat(),
        "end": (start + dt.timedelta(days=30)).isoformat(),
        "decision": (start + dt.timedelta(days=90)).isoformat(),
        "start_year": start.year,
        "ci_file": HOSTS[args.git_host][1],
    }
    env = _environment()
    files = {}
    for template, target in (
        ("mkdocs.yml.j2", "mkdocs.yml"),
        ("README.md.j2", "README.md"),
        ("content/about.md.j2", "content/about.md"),
        ("content/privacy.md.j2", "content/privacy.md"),
        ("content/propose.md.j2", "content/propose.md"),
        ("content/accessibility.yml.j2", "content/accessibility.yml"),
        ("content/dialogues/exempel.md.j2", f"content/dialogues/{start.year}/exempel.md"),
    ):
        files[target] = env.get_template(template).render(**values)
    package = args.package
    for source, target in (
        (HOSTS[args.git_host][0], HOSTS[args.git_host][1]),
        ("CODEOWNERS", ".github/CODEOWNERS" if args.git_host == "github" else "CODEOWNERS"),
        ("pre-commit-config.yaml", ".pre-commit-config.yaml"),
        ("gitignore", ".gitignore"),
    ):
        text = env.loader.get_source(env, source)[0]
        files[target] = text.replace(PACKAGE_MARK, package)
    return files


def run(args: argparse.Namespace) -> int:
    _check(args)
    policy = load_policy(args.policy)  # a policy with errors: every one, exit 2
    target: Path = args.dir
    if target.exists() and not target.is_dir():
        raise ConfigError(f"{target} finns redan och är ingen mapp.")
    if target.is_dir() and any(target.iterdir()) and not args.force:
        raise ConfigError(
            f"{target} är inte tom. Välj en tom mapp, eller lägg till --force "
            "(befintliga filer lämnas orörda)."
        )
    files = site_files(args, policy, today_from_env())
    kept = []
    for rel, text in files.items():
        path = target / rel
        if path.exists():
            kept.append(rel)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    if args.policy not in BUILTIN and not (target / POLICY_FILE).exists():
        shutil.copyfile(args.policy, target / POLICY_FILE)
    for rel in kept:
        print(f"insyn init: {target / rel} finns redan och lämnades orörd.", file=sys.stderr)
    print(
        f"Skrev {len(files) - len(kept)} filer i {target}. Nästa steg:\n"
        f"  cd {target}\n  insyn validate\n  insyn build\n"
        "Fyll sedan i det som står inom [FYLL I: …] i content/."
    )
    return 0
