"""`insyn serve`: not built yet."""

from __future__ import annotations

import argparse
import sys


def add_parser(sub) -> argparse.ArgumentParser:
    return sub.add_parser("serve", help="(ännu inte byggt)")


def run(args: argparse.Namespace) -> int:
    print("insyn serve: finns inte ännu.", file=sys.stderr)
    return 2
