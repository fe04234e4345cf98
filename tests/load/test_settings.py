"""The site settings (`mkdocs.yml`, `extra.insyn`): every problem at once, each at its line
and column, with the nearest known name for a misspelt setting; exit status 2."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import locate
from sitehelpers import MKDOCS_YML, run_cli

from generator.core.settings import ConfigError
from generator.load.settings import SettingsError, load_config

BAD = """\
site_name: Insyn
extra:
  insyn:
    policy: kungsbacka
    contact_mail: kontakt@kommun.se
    contact_email: inte en adress
    publisher_uri: kommun.se
    open_data:
      personal: all
"""


def test_every_problem_is_reported_at_its_place(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text(BAD, encoding="utf-8")
    with pytest.raises(SettingsError) as caught:
        load_config(config)
    problems = caught.value.problems
    assert isinstance(caught.value, ConfigError)  # the command exits with status 2
    where = {message.split(" ")[0]: (line, col) for line, col, message, _ in problems}
    assert where == {
        "extra.insyn.contact_mail": locate(BAD, "contact_mail"),
        "extra.insyn.contact_email": locate(BAD, "contact_email"),  # at its key, as in
        "extra.insyn.publisher_uri": locate(BAD, "publisher_uri"),  # dialogue findings
        "extra.insyn.open_data.personal": locate(BAD, "personal"),
    }
    hints = {message.split(" ")[0]: hint for _, _, message, hint in problems}
    assert hints["extra.insyn.contact_mail"] == "Menade du `contact_email`?"


def test_the_shipped_settings_are_valid() -> None:
    config = load_config(MKDOCS_YML, required=True)
    assert config.settings["contact_email"] == "kontaktcenter@kungsbacka.se"


def test_a_missing_file_is_the_defaults_unless_required(tmp_path: Path) -> None:
    assert load_config(tmp_path / "mkdocs.yml").policy == "kungsbacka"
    with pytest.raises(ConfigError, match="Hittar inte"):
        load_config(tmp_path / "mkdocs.yml", required=True)


def test_build_prints_every_problem_and_exits_2(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text(BAD, encoding="utf-8")
    code, _, err = run_cli(["build", "--config", str(config), "--site-dir",
                            str(tmp_path / "site")], "2026-06-01")  # fmt: skip
    assert code == 2
    assert err.count(f"{config}:") == 4 and "Inställningarna i mkdocs.yml har 4 fel." in err
    assert "Traceback" not in err and not (tmp_path / "site").exists()
