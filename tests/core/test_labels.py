"""The Swedish labels live in one module and cover the model's vocabulary exactly."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import get_args

import pytest
from sitehelpers import render_part

from generator.check.policies import load_policy
from generator.core import labels, model
from generator.core.findings import Severity
from generator.core.settings import SiteConfig
from generator.core.site import SiteData
from generator.core.status import Status
from generator.engine.settings import engine_settings
from generator.render.templating import environment, environment_for
from generator.summarise.checklist import State

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("names", "vocabulary"),
    [
        (labels.LADDER, model.Ladder),
        (labels.LADDER_PROMISE, model.Ladder),
        (labels.STAGE, model.Stage),
        (labels.METHOD, model.Method),
        (labels.CHANNEL, model.Channel),
        (labels.AIM, model.Aim),
        (labels.INITIATOR, model.Initiator),
    ],
)
def test_model_vocabulary_has_a_name_for_every_value_in_order(names, vocabulary):
    assert list(names) == list(get_args(vocabulary))
    assert all(name.strip() for name in names.values())


@pytest.mark.parametrize(
    ("names", "enum"),
    [
        (labels.STATUS, Status),
        (labels.SEVERITY, Severity),
        (labels.SEVERITY_FOR_STAFF, Severity),
        (labels.SEVERITY_FOR_RESIDENTS, Severity),
        (labels.CHECK_STATE, State),
    ],
)
def test_enums_have_a_name_for_every_member(names, enum):
    assert list(names) == [m.value for m in enum]


def test_enum_labels_come_from_the_labels_module():
    assert Status.FEEDBACK_OVERDUE.label == "Återkoppling försenad"
    assert Severity.DEVIATION.label == "avvikelse"


def test_capital_and_definite_forms():
    assert labels.capital("samtalet i sig") == "Samtalet i sig"
    assert labels.capitalised(labels.CHANNEL) == {"digital": "Digitalt", "physical": "Fysiskt"}
    assert labels.definite("Förvaltning") == "Förvaltningen"
    assert labels.definite("Sektor") == "Sektorn"


def test_every_template_compiles_without_the_old_label_file():
    env = environment()
    names = env.list_templates(filter_func=lambda n: n.endswith(".j2"))
    assert "pages/_labels.j2" not in names
    for name in names:
        source = env.loader.get_source(env, name)[0]
        assert "_labels.j2" not in source, name
        environment_for(name).get_template(name)  # raises on a syntax error


def test_print_css_is_written_in_every_build_and_listed_in_mkdocs_yml(tmp_path):
    config = engine_settings(ROOT / "mkdocs.yml")  # Insyn's base settings with the demo's
    assert "assets/stylesheets/print.css" in config["extra_css"]
    empty = SiteData((), load_policy("ale"), SiteConfig(ROOT, ROOT / "mkdocs.yml"),
                     dt.date(2026, 6, 1))  # fmt: skip
    render_part(empty, tmp_path, "follow-up", "asset")
    assert "@media print" in (tmp_path / "assets/stylesheets/print.css").read_text("utf-8")
