"""`insyn new`: ask for the required fields (or take them as options) and write a new file.

The file is checked with the same engine as `insyn validate` before it is written; a file
with errors is not written, and an existing file is never overwritten.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, TextIO

from generator.check.discover import Reader
from generator.cli.common import add_policy_option, policy_for, site_config
from generator.cli.questions import QUESTIONS, AnswerError, Answers, Question, slugify
from generator.cli.scaffold import check_text, render_file, target_path, valid_slug
from generator.core.findings import Severity
from generator.core.policy import Policy
from generator.core.status import today_from_env


class InputEnded(Exception):
    """Standard input ended before every question was answered."""


def add_parser(sub) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "new",
        help="skapa en ny dialogfil (frågar efter fälten eller tar dem som flaggor)",
        description=(
            "Skapar content/dialogues/<år>/<slug>.md med förklarande kommentarer. Frågar "
            "efter det som inte ges som flaggor; med --yes frågar den inte alls. Filen "
            "kontrolleras innan den skrivs och skrivs aldrig över."
        ),
    )
    add_policy_option(p)
    metavars = {"date": "ÅÅÅÅ-MM-DD", "bool": "ja|nej", "int": "TAL", "year": "ÅR",
                "menu": "VAL", "multi": "VAL,VAL", "list": "TEXT,TEXT", "email": "E-POST",
                "url": "https://…"}  # fmt: skip
    for q in QUESTIONS:
        p.add_argument(
            q.option, dest=q.key, metavar=metavars.get(q.kind, "TEXT"),
            help=q.prompt.replace("%", "%%"),
        )  # fmt: skip
    p.add_argument("--slug", help="filnamn utan .md (standard: från rubriken)")
    p.add_argument(
        "--yes", "-y", action="store_true",
        help="fråga inte: använd flaggorna och standardvärden (för skript)",
    )  # fmt: skip
    p.add_argument(
        "--dry-run", action="store_true",
        help="skriv filen till standard ut i stället för till disk",
    )  # fmt: skip
    return p


class Asker:
    """Asks one question on ``out`` and reads the answer from ``inp`` until it is usable."""

    def __init__(self, policy: Policy, inp: TextIO, out: TextIO):
        self.policy, self.inp, self.out = policy, inp, out

    def ask(self, q: Question, answers: Answers) -> Any:
        default = q.default(answers, self.policy) if q.default else None
        choices = q.choices(self.policy) if q.kind in ("menu", "multi") else []
        if q.help:
            print(q.help, file=self.out)
        for i, (key, label) in enumerate(choices, 1):
            shown = label if label == key else f"{label} ({key})"
            print(f"  {i}. {shown}", file=self.out)
        prompt = q.prompt
        if default is not None:
            shown = default
            if q.kind == "bool":
                shown = "ja" if default else "nej"
            if q.kind == "menu":
                shown = next((lbl for k, lbl in choices if k == default), default)
            prompt += f" [{shown}]"
        while True:
            print(f"{prompt}: ", end="", file=self.out, flush=True)
            line = self.inp.readline()
            if not line:
                print(file=self.out)
                raise InputEnded
            raw = line.rstrip("\r\n")
            if not raw.strip():
                if default is not None:
                    return default
                if not q.required:
                    return None
                print("  Svar krävs.", file=self.out)
                continue
            try:
                return q.parse(raw, self.policy, answers)
            except AnswerError as exc:
                print(f"  {exc}", file=self.out)


def collect(
    args: argparse.Namespace, policy: Policy, asker: Asker | None
) -> tuple[Answers, list[str]]:
    """Answers from options, then from questions (unless ``asker`` is None); missing options."""
    answers: Answers = {}
    problems: list[str] = []
    for q in QUESTIONS:
        if not q.when(answers):
            continue
        if q.kind in ("menu", "multi") and not q.required and not q.choices(policy):
            continue  # e.g. a policy without a topic list
        raw = getattr(args, q.key, None)
        if raw is not None:
            try:
                answers[q.key] = q.parse(raw, policy, answers)
            except AnswerError as exc:
                if asker is None:
                    problems.append(f"{q.option}: {exc}")
                else:
                    print(f"{q.option}: {exc}", file=asker.out)
                    answers[q.key] = asker.ask(q, answers)
        elif asker is not None:
            answers[q.key] = asker.ask(q, answers)
        elif q.default is not None:
            answers[q.key] = q.default(answers, policy)
        elif q.required:
            problems.append(f"{q.option} saknas ({q.prompt.split(' (')[0].lower()}).")
    return answers, problems


def run(args: argparse.Namespace) -> int:
    config = site_config(args)
    policy = policy_for(args, config)
    today = today_from_env()
    asker = None if args.yes else Asker(policy, sys.stdin, sys.stderr)
    if asker is not None:
        print(f"Ny dialog för {policy.doc.municipality}. Svara på frågorna; tryck Enter för "
              "värdet inom [ ]. Avbryt med Ctrl+C.", file=sys.stderr)  # fmt: skip
    try:
        answers, problems = collect(args, policy, asker)
    except InputEnded:
        print("insyn new: inmatningen tog slut innan alla frågor var besvarade; "
              "ingen fil skrevs.", file=sys.stderr)  # fmt: skip
        return 2
    if problems:
        print("insyn new: kan inte skapa filen utan frågor (--yes):", file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        return 2

    slug = args.slug or slugify(answers["title"])
    if not valid_slug(slug):
        print(f"insyn new: `{slug}` går inte att använda som filnamn; ange --slug med små "
              "bokstäver a–z, siffror och bindestreck.", file=sys.stderr)  # fmt: skip
        return 2
    path = Path(Reader().display_path(target_path(config.dialogues_dir, answers, slug, today)))
    if path.exists():
        print(f"insyn new: {path} finns redan och skrivs inte över. Välj en annan rubrik "
              "eller ange --slug.", file=sys.stderr)  # fmt: skip
        return 1
    folder = config.dialogues_dir
    taken = sorted(folder.rglob(f"{slug}.md")) if folder.is_dir() else []
    if taken:
        print(f"insyn new: sluggen `{slug}` används redan av {taken[0]}; den måste vara unik. "
              "Ange en annan med --slug.", file=sys.stderr)  # fmt: skip
        return 1

    text = render_file(answers, policy)
    checked = check_text(text, path, slug, policy, today)
    errors = [f for f in checked.findings if f.severity is Severity.ERROR]
    for f in checked.findings:
        print(f"{f.file}:{f.line}:{f.col}: {f.severity.label} {f.rule} {f.message}",
              file=sys.stderr)  # fmt: skip
        if f.hint:
            print(f"    tips: {f.hint}", file=sys.stderr)
    if errors:
        print(f"insyn new: filen skulle få {len(errors)} fel och skrevs inte.", file=sys.stderr)
        return 1
    if args.dry_run:
        sys.stdout.write(text)
        return 0
    return _write(path, text)


def _write(path: Path, text: str) -> int:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
    except FileExistsError:
        print(f"insyn new: {path} finns redan och skrivs inte över.", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"insyn new: kan inte skriva {path}: {exc.strerror}.", file=sys.stderr)
        return 2
    print(f"Skapade {path}")
    print("Nästa steg: skriv bakgrunden under front matter, kör `insyn validate` och "
          "skapa en pull request.")  # fmt: skip
    return 0
