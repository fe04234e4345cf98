"""`insyn policy check FILE` and `insyn policy new FILE`: a policy of one's own.

``check`` reads a policy file as every command does and reports every problem at its line
and column, as dialogue findings are reported (exit 1 on errors). ``new`` writes a
commented starting file: the organisation, the contact domain, the thresholds and every
rule of the registry with its default severity and a clause to fill in.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from generator.check.policies import load_policy
from generator.check.rules import REGISTRY
from generator.core.settings import ConfigError, FileError

EXIT_ERRORS = 1
_DOMAIN = re.compile(r"^[a-z0-9-]+(\.[a-z0-9-]+)+$")


def add_parser(sub) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "policy",
        help="kontrollera eller skapa en policyfil",
        description="Kontrollerar en policyfil, eller skriver en ny att fylla i.",
    )
    actions = p.add_subparsers(dest="action", metavar="ÅTGÄRD", required=True)
    check = actions.add_parser("check", help="kontrollera en policyfil och visa alla fel")
    check.add_argument("file", type=Path, metavar="FIL")
    new = actions.add_parser("new", help="skriv en ny policyfil med kommentarer att fylla i")
    new.add_argument("file", type=Path, metavar="FIL")
    new.add_argument(
        "--municipality",
        required=True,
        metavar="NAMN",
        help='kommunens namn, t.ex. "Storby kommun"',
    )
    new.add_argument(
        "--domain", required=True, metavar="DOMÄN", help="kommunens e-postdomän, t.ex. storby.se"
    )
    new.add_argument("--id", metavar="ID", help="policyns id (standard: från kommunens namn)")
    return p


def run(args: argparse.Namespace) -> int:
    return _check(args.file) if args.action == "check" else _new(args)


def _check(path: Path) -> int:
    if not path.is_file():
        raise ConfigError(f"Hittar inte policyfilen {path}.")
    try:
        policy = load_policy(str(path))
    except FileError as exc:
        print(exc.report())
        print(exc.summary.format(n=len(exc.problems)))
        return EXIT_ERRORS
    print(
        f"{path}: policyn för {policy.doc.municipality} är giltig "
        f"({len(policy.doc.rules)} regler angivna av {len(REGISTRY)})."
    )
    return 0


def _slug(name: str) -> str:
    table = str.maketrans("åäöé", "aaoe")
    words = re.sub(r"\s+kommun$", "", name.strip()).lower().translate(table)
    return re.sub(r"[^a-z0-9]+", "-", words).strip("-") or "kommun"


def policy_text(municipality: str, domain: str, policy_id: str) -> str:
    """A policy file to fill in: valid as it is, with every clause still to write."""
    rules = []
    for rule in REGISTRY.values():
        severity = rule.default_severity.value
        rules.append(
            f"  {rule.id}:\n    # {rule.summary}\n"
            f"    severity: {_quoted(severity)}\n"
            '    clause: "[FYLL I: policyns ord som regeln bygger på]"'
        )
    return _TEMPLATE.format(
        municipality=municipality,
        domain=domain,
        id=policy_id,
        rules="\n".join(rules),
        severities='error, warning, deviation eller "off"',
    )


def _quoted(severity: str) -> str:
    return f'"{severity}"' if severity == "off" else severity  # YAML 1.1 reads off as false


def _new(args: argparse.Namespace) -> int:
    name = args.municipality.strip()
    if not name or "\n" in name or '"' in name:
        raise ConfigError(
            '--municipality ska vara kommunens namn på en rad, t.ex. "Storby kommun".'
        )
    if not _DOMAIN.match(args.domain):
        raise ConfigError("--domain ska vara en domän, t.ex. storby.se.")
    if args.file.exists():
        raise ConfigError(f"{args.file} finns redan; välj ett annat namn (ingen fil skrivs över).")
    text = policy_text(name, args.domain, args.id or _slug(name))
    args.file.parent.mkdir(parents=True, exist_ok=True)
    args.file.write_text(text, encoding="utf-8")
    print(
        f"Skrev {args.file}. Fyll i det som står inom [FYLL I: …] och kontrollera filen med "
        f"insyn policy check {args.file}.",
        file=sys.stderr,
    )
    return 0


_TEMPLATE = """\
# {municipality}: policy för invånardialog, för Insyn.
# Skriven av insyn policy new. Fyll i det som står inom [FYLL I: …], stryk det som inte
# gäller och kontrollera filen med `insyn policy check`.
id: {id}
municipality: {municipality}
policy:
  title: "[FYLL I: policyns titel]"
  date: 2026-01-01          # när policyn antogs (eller föreslogs)
  status: adopted           # adopted (antagen) eller proposal (förslag)
  summary: "[FYLL I: policyns inledning i korthet]"
organisation:
  # Förvaltningar heter sektorer i en del kommuner: department_label: Sektor
  department_label: Förvaltning
  # Nämnderna och förvaltningarna som dialogfilerna får nämna (stavade som här).
  boards:
    - Kommunfullmäktige
    - Kommunstyrelsen
    - "[FYLL I: fler nämnder]"
  departments:
    - Kommunledningsförvaltningen
    - "[FYLL I: fler förvaltningar]"
# Den ansvariga personens e-post måste sluta på en av de här domänerna.
contact_domains: [{domain}]
# Kommunens växel: får stå i dialogtexter utan att räknas som personuppgift.
switchboard: []
thresholds:
  feedback_deadline_days: 60   # dagar efter periodens slut som återkopplingen ska komma
  update_interval_days: 30     # dagar mellan lägesrapporter medan dialogen pågår
# Ämnen som dialogerna får ha (en varning för andra).
topics: [trafik, skola, kultur, fritid, miljö, omsorg, trygghet, bostäder]

# Varje regel med hur allvarlig den är: {severities}.
# error stoppar publiceringen, warning visas för personalen, deviation visas öppet på
# dialogens sida, "off" stänger av regeln. clause är policyns egen text, som visas på
# webbplatsen vid varje avvikelse.
rules:
{rules}

# Policyns klausuler i ordning, med reglerna som kontrollerar dem (visas på sidan Policyn).
clauses:
  - text: "[FYLL I: en klausul ur policyn]"
    rules: [feedback-complete]
"""
