"""The `insyn` command: one sub-command per module in ``generator.cli``.

Exit codes: 0 no errors, 1 errors in the content, 2 usage or configuration errors.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from generator import __version__
from generator.core.settings import ConfigError, FileError
from generator.core.status import TodayError

# Each module has `add_parser(subparsers)` and `run(args) -> int`.
COMMANDS = ("validate", "build", "serve", "new", "init", "policy", "rules", "schema")

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        if prefix is None:  # sub-commands pass "" to get their bare usage line
            prefix = "användning: "
        return super().add_usage(usage, actions, groups, prefix)


class _Parser(argparse.ArgumentParser):
    """argparse with its own words in Swedish: staff read the help."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, add_help=False, **kwargs)
        self._positionals.title = "argument"
        self._optionals.title = "flaggor"
        self.add_argument("-h", "--help", action="help", help="visa den här hjälpen och avsluta")

    def error(self, message: str):
        for english, swedish in _ERRORS:
            message = message.replace(english, swedish)
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: fel: {message}\n")


_ERRORS = (
    ("unrecognized arguments", "okända argument"),
    ("the following arguments are required", "de här argumenten krävs"),
    ("invalid choice", "ogiltigt val"),
    ("choose from", "välj bland"),
    ("expected one argument", "ett värde saknas"),
    ("argument ", "argumentet "),
)


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole command line, or with ``only`` the one sub-command that will run: then
    the other commands' modules (MkDocs, the preview server …) are not imported."""
    parser = _Parser(
        prog="insyn",
        description="Kontrollerar och publicerar kommunens invånardialoger.",
    )
    parser.add_argument(
        "--version", action="version", version=f"insyn {__version__}", help="visa versionen"
    )
    sub = parser.add_subparsers(dest="command", metavar="KOMMANDO", parser_class=_Parser)
    sub.required = True
    for name in COMMANDS if only is None else (only,):
        module = importlib.import_module(f"generator.cli.{name}")
        module.add_parser(sub).set_defaults(run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    # A sub-command named first needs only its own parser; anything else (help, version,
    # a typo) gets the whole one, with every command in its messages.
    only = argv[0] if argv and argv[0] in COMMANDS else None
    args = build_parser(only).parse_args(argv)
    try:
        return args.run(args)
    except FileError as exc:  # a policy, the settings, the accessibility statement
        print(exc.report(), file=sys.stderr)
        print(exc.summary.format(n=len(exc.problems)), file=sys.stderr)
        return EXIT_USAGE
    except (ConfigError, TodayError) as exc:
        print(f"insyn: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `insyn rules | head`
        sys.stderr.close()
        return EXIT_OK
