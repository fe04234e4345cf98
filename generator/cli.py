"""The `insyn` command: one sub-command per module in ``generator.commands``.

Exit codes: 0 no errors, 1 errors in the content, 2 usage or configuration errors.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from generator import __version__
from generator.config import ConfigError
from generator.policy import PolicyError
from generator.status import TodayError

# Each module has `add_parser(subparsers)` and `run(args) -> int`.
COMMANDS = ("validate", "build", "serve", "new", "rules", "schema")

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse's own words are English; ours are Swedish
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: fel: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="insyn",
        description="Kontrollerar och publicerar kommunens invånardialoger.",
    )
    parser.add_argument("--version", action="version", version=f"insyn {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="KOMMANDO", parser_class=_Parser)
    sub.required = True
    for name in COMMANDS:
        module = importlib.import_module(f"generator.commands.{name}")
        module.add_parser(sub).set_defaults(run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except PolicyError as exc:
        for line, col, message, hint in exc.problems:
            print(f"{exc.path}:{line}:{col}: fel policy {message}", file=sys.stderr)
            if hint:
                print(f"    tips: {hint}", file=sys.stderr)
        print(f"Policyfilen har {len(exc.problems)} fel.", file=sys.stderr)
        return EXIT_USAGE
    except (ConfigError, TodayError) as exc:
        print(f"insyn: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `insyn rules | head`
        sys.stderr.close()
        return EXIT_OK
