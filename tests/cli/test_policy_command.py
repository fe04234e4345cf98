"""`insyn policy check` reports every problem of a policy file at its line and column, as
dialogue findings are reported, and exits 1; other commands given that policy stay at
exit 2. `insyn policy new` writes a file that is valid as written, names every rule of
the registry with its default severity, and never replaces a file."""

from __future__ import annotations

import re

import yaml
from sitehelpers import run_cli

from generator.check.policies import load_policy
from generator.check.rules import REGISTRY

TODAY = "2026-12-04"
BROKEN = """\
id: x
municipality: X kommun
policy:
  title: T
  date: 2026-13-01
  status: antagen
organisation:
  boards: []
  departments: [A]
contact_domains: [x.se]
rules:
  schema:
    severity: fatal
"""


def test_every_problem_is_reported_at_its_place_and_the_exit_is_1(tmp_path) -> None:
    path = tmp_path / "policy.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    code, out, _ = run_cli(["policy", "check", str(path)], TODAY)
    assert code == 1
    places = re.findall(rf"^{re.escape(str(path))}:(\d+):(\d+): fel policy ", out, re.M)
    assert places == [("5", "3"), ("6", "3"), ("8", "3"), ("13", "5")]
    assert "Policyfilen har 4 fel." in out
    code, out, _err = run_cli(["validate", "--policy", str(path), str(tmp_path)], TODAY)
    assert code == 2  # a bad policy given to another command is a configuration error


def test_a_missing_file_is_a_usage_error(tmp_path) -> None:
    code, _out, err = run_cli(["policy", "check", str(tmp_path / "nej.yaml")], TODAY)
    assert code == 2 and "nej.yaml" in err


def test_a_new_policy_is_valid_and_names_every_rule(tmp_path) -> None:
    path = tmp_path / "storby.yaml"
    code, out, err = run_cli(
        ["policy", "new", str(path), "--municipality", "Storby kommun", "--domain", "storby.se"],
        TODAY,
    )
    assert code == 0, out + err
    policy = load_policy(str(path))
    assert policy.doc.id == "storby" and policy.doc.contact_domains == ["storby.se"]
    assert set(policy.doc.rules) == set(REGISTRY)
    for rule_id, rule in REGISTRY.items():
        assert policy.severity(rule_id) is rule.default_severity
        assert "[FYLL I" in (policy.clause(rule_id) or "")
    assert run_cli(["policy", "check", str(path)], TODAY)[0] == 0
    text = path.read_text("utf-8")
    assert text.count("# ") > len(REGISTRY)  # every rule explained by its summary
    assert yaml.safe_load(text)["rules"]["political-board-decision"]["severity"] == "error"


def test_new_never_replaces_a_file(tmp_path) -> None:
    path = tmp_path / "policy.yaml"
    path.write_text("min egen\n", encoding="utf-8")
    code, _, err = run_cli(
        ["policy", "new", str(path), "--municipality", "Storby kommun", "--domain", "storby.se"],
        TODAY,
    )
    assert code == 2 and "finns redan" in err
    assert path.read_text("utf-8") == "min egen\n"
    code, _out, err = run_cli(
        [
            "policy",
            "new",
            str(tmp_path / "b.yaml"),
            "--municipality",
            "Storby kommun",
            "--domain",
            "storby",
        ],
        TODAY,
    )
    assert code == 2 and "--domain" in err
