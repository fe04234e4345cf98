"""The render plan: every output known before any is written, and none outside the
staging folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import TODAY, valid_dialogue

from generator.check.policies import load_policy
from generator.core.settings import ConfigError, SiteConfig
from generator.render.plan import Output, Plan, make_plan
from generator.render.site import render_site
from generator.summarise.corpus import make_site_data

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    "rel", ["../x.md", "a/../../x.md", "/etc/passwd", "dialogues/../../x.md", "a/b/../../../x",
            "data/../index.md", "", ".", "a\\..\\x.md", "a\x00.md"],
)  # fmt: skip
def test_paths_that_leave_the_folder_or_are_not_plain_are_refused(rel: str) -> None:
    with pytest.raises(ValueError, match="outside the staging folder"):
        Plan((Output(rel, "copy"),))


def _site(dialogues, tmp_path: Path, names: list[str]):
    for name in names:
        dialogues.write(valid_dialogue(), name=name)
    policy = load_policy("kungsbacka")
    config = SiteConfig(root=ROOT, mkdocs_file=ROOT / "mkdocs.yml", content_dir=ROOT / "content",
                        settings={"contact_email": "a@kungsbacka.se"})  # fmt: skip
    return make_site_data(dialogues.check(policy, TODAY), policy, config, TODAY)


def test_the_plan_is_every_file_the_writers_write(dialogues, tmp_path: Path) -> None:
    site = _site(dialogues, tmp_path, ["lekplats", "torget"])
    plan = make_plan(site)
    rendered = render_site(site)
    assert set(rendered.files) == plan.paths
    assert plan.has("dialogues/lekplats.md") and plan.has("data/calendar/torget.ics")
    assert plan.source_for("/follow-up/") == "follow-up/index.md"
    assert plan.source_for("/") == "index.md" and plan.source_for("/nej/") is None


def test_writers_give_the_same_bytes_in_any_order(dialogues, tmp_path: Path) -> None:
    site = _site(dialogues, tmp_path, ["lekplats", "torget", "badet"])
    whole = render_site(site).files
    backwards = {}
    for output in reversed(make_plan(site).outputs):
        backwards |= render_site(site, only=lambda o, p=output.path: o.path == p).files
    assert backwards == whole


def test_a_dialogue_named_index_is_a_configuration_error(dialogues, tmp_path: Path) -> None:
    site = _site(dialogues, tmp_path, ["index"])
    with pytest.raises(ConfigError, match=r"index\.md"):
        make_plan(site)
