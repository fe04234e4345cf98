"""A rule case: a change to the valid dialogue (and other files beside it) that makes one
rule find something, or that it must let pass; and how it is run."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from conftest import SITE_PAGES, TODAY, Dialogues, to_text, valid_dialogue

from generator.check.policies import load_policy
from generator.core.findings import Finding
from generator.core.settings import SiteConfig
from generator.core.site import SiteData
from generator.summarise.corpus import make_site_data

DOMAINS = {"kungsbacka": "kungsbacka.se", "ale": "ale.se"}



def _del(*keys: str | int) -> Callable[[dict, str], None]:
    def mutate(data: dict, policy: str) -> None:
        node = data
        for k in keys[:-1]:
            node = node[k]
        del node[keys[-1]]

    return mutate


def _set(value: object, *keys: str | int) -> Callable[[dict, str], None]:
    def mutate(data: dict, policy: str) -> None:
        node = data
        for k in keys[:-1]:
            node = node[k]
        node[keys[-1]] = value

    return mutate


def _all(*fns: Callable[[dict, str], None]) -> Callable[[dict, str], None]:
    def mutate(data: dict, policy: str) -> None:
        for fn in fns:
            fn(data, policy)

    return mutate


def _misspell_board(data: dict, policy: str) -> None:
    data["owner"]["board"] = {"kungsbacka": "Byggnadsnamnden", "ale": "samhallsbyggnadsnamnden"}[
        policy
    ]


@dataclass(frozen=True)
class Case:
    rule: str
    name: str
    mutate: Callable[[dict, str], None]
    where: tuple[str, int] | None = None  # needle and occurrence; None: line 1, column 1
    today: dt.date = TODAY
    body: str | None = None  # ``{domain}``: the policy's contact domain
    # Other files in the dialogue folder: "folder/name" → None for a valid dialogue named so
    # (a name ending in .md is added), or the file's text.
    files: dict[str, str | None] = field(default_factory=dict)
    # The site's own files beside the dialogue folder, checked by the site rules: name →
    # text, or None to leave the file out; the others as a valid site has them. None: the
    # site's files are not checked.
    site: dict[str, str | None] | None = None

    def __str__(self) -> str:
        return f"{self.rule}:{self.name}"


def run(case: Case, policy: str, dialogues: Dialogues) -> tuple[list[Finding], str]:
    """Write the case's files, check them; every finding, and the changed file's text."""
    data = valid_dialogue(policy)
    case.mutate(data, policy)
    kwargs = {}
    if case.body is not None:
        kwargs["body"] = case.body.format(domain=DOMAINS[policy])
    path = dialogues.write(data, **kwargs)
    for rel, text in case.files.items():
        folder, name = rel.split("/", 1)
        if text is None and "." not in name:
            dialogues.write(valid_dialogue(policy), folder=folder, name=name)
        else:
            target = dialogues.root / folder / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text or to_text(valid_dialogue(policy)), encoding="utf-8")
    if case.site is None:
        return dialogues.findings(policy, case.today), dialogues.written[str(path)]
    content = dialogues.root.parent
    for name, text in {**SITE_PAGES, **case.site}.items():
        if text is not None:
            (content / name).write_text(text, encoding="utf-8")
    changed = next((t for t in case.site.values() if t is not None), "")
    return dialogues.findings(policy, case.today, site=content), changed


def only(findings, rule_id: str):
    """The findings of ``rule_id``, after checking that no rule of the tables fired besides."""
    fired = {f.rule for f in findings if f.rule in _expected()}
    assert fired <= {rule_id}, findings
    return [f for f in findings if f.rule == rule_id]


def _expected():
    from rulecases import EXPECTED

    return EXPECTED


def site_of(dialogues, files: dict[str, dict], today: dt.date, policy: str) -> SiteData:
    for name, data in files.items():
        dialogues.write(data, name=name)
    pol = load_policy(policy)
    checked = dialogues.check(pol, today)
    assert not [f for c in checked for f in c.findings if f.severity == "error"]
    config = SiteConfig(root=Path("."), mkdocs_file=Path("mkdocs.yml"))
    return make_site_data(checked, pol, config, today)


def cancelled(policy: str, on: dt.date = dt.date(2026, 4, 1)) -> dict:
    data = valid_dialogue(policy)
    del data["feedback"]
    data["cancelled"] = {"date": on, "reason": "Projektet pausades i väntan på budgetbeslut."}
    return data


def page_of(site: SiteData, path: str) -> str:
    """One rendered page of ``site``, as the engine gets it."""
    from generator.render.site import render_site

    return render_site(site, only=lambda o: o.path == path).files[path].decode("utf-8")


def assert_fails(case: Case, policy: str, dialogues: Dialogues) -> None:
    """The case's rule, and no other, finds something, at the case's place, with the
    severity ``EXPECTED`` gives it under ``policy`` (nothing where it is off)."""
    from conftest import locate

    from rulecases import EXPECTED, expected_severity

    findings, text = run(case, policy, dialogues)
    severity = expected_severity(case.rule, policy)
    findings = [f for f in findings if f.rule in EXPECTED]
    if severity == "off":
        assert [f for f in findings if f.rule == case.rule] == []
        return
    assert {f.rule for f in findings} == {case.rule}, findings
    hit = findings[0]
    assert hit.severity is severity
    assert (hit.line, hit.col) == (locate(text, *case.where) if case.where else (1, 1))
    assert hit.message and hit.hint


def assert_passes(case: Case, policy: str, dialogues: Dialogues) -> None:
    from rulecases import EXPECTED

    findings, _ = run(case, policy, dialogues)
    assert [f for f in findings if f.rule in EXPECTED] == []
