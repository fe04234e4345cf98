"""`insyn rules`: list every rule with its severity and clause under a policy."""

from __future__ import annotations

import argparse

from generator.check.rules import REGISTRY
from generator.cli.common import add_policy_option, policy_for, site_config


def add_parser(sub) -> argparse.ArgumentParser:
    p = sub.add_parser("rules", help="lista reglerna med allvarlighet och policyklausul")
    add_policy_option(p)
    return p


def run(args: argparse.Namespace) -> int:
    policy = policy_for(args, site_config(args))
    for rule in REGISTRY.values():
        setting = policy.setting(rule.id)
        print(f"{rule.id}  [{setting.severity.label}]  {rule.summary}")
        if setting.clause:
            print(f"    klausul: {setting.clause}")
    return 0
