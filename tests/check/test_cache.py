"""The opt-in validation cache gives the same report as a cold run, and cannot be forged."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

from generator.check.discover import discover
from generator.check.engine import check_files
from generator.check.policies import load_policy

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

import corpus  # noqa: E402


def _report(results) -> list:
    return [(c.path, c.slug, c.ok, [f.as_dict() for f in c.findings]) for c in results]


def _setup(tmp_path: Path, monkeypatch) -> tuple[list[Path], Path]:
    monkeypatch.chdir(tmp_path)
    cache_dir = tmp_path / "cache"
    monkeypatch.setenv("INSYN_CACHE", str(cache_dir))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home-cache"))
    corpus.generate(12, tmp_path / "content")
    bad = tmp_path / "content" / "dialogues" / "2026" / "trasig.md"
    bad.write_text("---\ntitle: x\npolitical: kanske\n---\n", encoding="utf-8")
    return discover([tmp_path / "content" / "dialogues"]), cache_dir


def test_warm_run_equals_cold_run(tmp_path, monkeypatch):
    files, cache_dir = _setup(tmp_path, monkeypatch)
    policy, today = load_policy("kungsbacka"), corpus.TODAY
    monkeypatch.setenv("INSYN_CACHE", "0")
    cold = _report(check_files(files, policy, today, models=False))
    monkeypatch.setenv("INSYN_CACHE", str(cache_dir))
    first = _report(check_files(files, policy, today, models=False))
    assert list(cache_dir.glob("validate-*.json"))
    warm = _report(check_files(files, policy, today, models=False))
    assert cold == first == warm
    assert any(not ok for _, _, ok, _ in warm)  # the broken file stays broken


def test_changed_file_date_or_forged_entry_is_not_reused(tmp_path, monkeypatch):
    files, cache_dir = _setup(tmp_path, monkeypatch)
    policy, today = load_policy("kungsbacka"), corpus.TODAY
    check_files(files, policy, today, models=False)
    (cache_file,) = cache_dir.glob("validate-*.json")
    data = json.loads(cache_file.read_text(encoding="utf-8"))
    for entry in data.values():  # a forged cache says every file is fine
        entry["record"]["findings"] = []
        entry["record"]["valid"] = True
    cache_file.write_text(json.dumps(data), encoding="utf-8")
    results = check_files(files, policy, today, models=False)
    assert any(f.severity == "error" for c in results for f in c.findings)
    # A new date is a new cache; an edited file is checked again.
    later = check_files(files, policy, today + dt.timedelta(days=400), models=False)
    assert len(list(cache_dir.glob("validate-*.json"))) == 2
    assert len(later) == len(files)
    assert results[1].ok
    files[1].write_text("---\ntitle: Bara en rubrik\n---\n", encoding="utf-8")
    results = check_files(files, policy, today, models=False)
    assert not results[1].ok
