"""Issue 7: hostile input. Every XSS vector, through the front matter and through the body, is
an error at the right line; forced past validation, the renderer makes it harmless."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
import yaml
from xss_vectors import (
    BODY_LINK_FORMS,
    HARMLESS,
    TEXT_FIELDS,
    URL_FIELDS,
    VALID_DIALOGUE,
    VECTORS,
    Vector,
    executable,
    sample_data,
)

from generator.check.discover import discover
from generator.check.engine import check_files
from generator.check.policies import load_policy
from generator.load.safe_yaml import parse
from generator.publish.gate import scan_html
from generator.render.sanitize import body_html

TODAY = dt.date(2026, 6, 1)
POLICY = load_policy("kungsbacka")


def set_path(data: dict, path: tuple, value: str) -> None:
    target = data
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value


def dump(data: dict, body: str) -> str:
    fm = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)
    return f"---\n{fm}---\n{body}"


def write(tmp_path: Path, text: str, name: str = "hostile.md") -> Path:
    folder = tmp_path / "content" / "dialogues"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def errors_at(path: Path) -> dict[int, set[str]]:
    (checked,) = check_files([path], POLICY, TODAY)
    out: dict[int, set[str]] = {}
    for f in checked.findings:
        if f.severity == "error":
            out.setdefault(f.line, set()).add(f.rule)
    return out


def field_for(vector: Vector, index: int) -> tuple:
    fields = URL_FIELDS if vector.kind == "url" else TEXT_FIELDS
    return fields[index % len(fields)]


def body_for(vector: Vector, index: int) -> str:
    if vector.kind == "url":
        return BODY_LINK_FORMS[index % len(BODY_LINK_FORMS)].format(url=vector.payload)
    return vector.payload


IDS = [v.id for v in VECTORS]


# --- validation -------------------------------------------------------------------------


def test_corpus_is_large_enough():
    assert len(VECTORS) >= 100
    assert len({v.payload for v in VECTORS}) == len(VECTORS)


@pytest.mark.parametrize(("index", "vector"), list(enumerate(VECTORS)), ids=IDS)
def test_vector_in_front_matter_is_an_error_at_its_line(tmp_path, index, vector):
    data, body = sample_data()
    field = field_for(vector, index)
    set_path(data, field, vector.payload)
    text = dump(data, body)
    path = write(tmp_path, text)
    expected = parse(text.split("---\n", 2)[1]).positions[field][0] + 1
    # The position is the field's own line in the file (a check of the test itself).
    assert f"{field[-1]}:" in text.split("\n")[expected - 1]
    found = errors_at(path)
    assert found.get(expected, set()) & {"safe-html", "schema"}, (expected, found)


@pytest.mark.parametrize(("index", "vector"), list(enumerate(VECTORS)), ids=IDS)
def test_vector_in_body_is_an_error_at_its_line(tmp_path, index, vector):
    _, body = sample_data()
    lead = body.rstrip("\n") + "\n\nEtt stycke före.\n\n"
    head = VALID_DIALOGUE.split("---\n", 2)[1]
    snippet = body_for(vector, index)
    text = f"---\n{head}---\n{lead}{snippet}\n\nEtt stycke efter.\n"
    path = write(tmp_path, text)
    # The link target of a reference definition is on the snippet's last line.
    expected = text[: text.index(lead) + len(lead)].count("\n") + 1 + snippet.count("\n")
    found = errors_at(path)
    assert found.get(expected, set()) & {"safe-html", "schema"}, (expected, found)


def test_clean_sample_has_no_errors(tmp_path):
    data, body = sample_data()
    assert errors_at(write(tmp_path, dump(data, body))) == {}


@pytest.mark.parametrize(
    "text",
    [
        "Mötet är 3 < 4 timmar långt och a > b.",
        "Skriv till <anna.andersson@kungsbacka.se> eller se <https://www.kungsbacka.se>.",
        "Kod: `<script>` skrivs inom backticks.",
        "```\n<img src=x onerror=alert(1)>\n```",
        "[Relativ länk](bilagor/karta.pdf) och [en annan dialog](../framtidens-kolla-torg/).",
        "[Webbplatsen](https://www.kungsbacka.se/javascript-kurs) om javascript: och data:.",
    ],
)
def test_ordinary_markdown_is_not_flagged(tmp_path, text):
    head = VALID_DIALOGUE.split("---\n", 2)[1]
    path = write(tmp_path, f"---\n{head}---\n\n{text}\n", name="framtidens-kolla-torg.md")
    (checked,) = check_files([path], POLICY, TODAY)
    assert [f for f in checked.findings if f.rule == "safe-html"] == []


# --- rendering, forced past validation ----------------------------------------------------

@pytest.mark.parametrize(("index", "vector"), list(enumerate(VECTORS)), ids=IDS)
def test_body_html_renders_vector_harmless(index, vector):
    out = body_html(f"Före.\n\n{body_for(vector, index)}\n\nEfter.\n")
    assert executable(out) == [], out
    assert "<script" not in out.lower()
    assert scan_html(out, set()) == [], out


@pytest.mark.parametrize("text", HARMLESS)
def test_body_html_renders_harmless_vectors_harmless(text):
    out = body_html(text)
    assert executable(out) == [], out
    assert scan_html(out, set()) == [], out


def test_body_html_keeps_ordinary_markdown():
    out = body_html(
        "## Rubrik\n\nText med **fet** och [länk](https://www.kungsbacka.se/x).\n\n"
        "- en\n- två\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
    )
    assert "<h2>Rubrik</h2>" in out
    assert 'href="https://www.kungsbacka.se/x"' in out
    assert "<table>" in out and "<li>två</li>" in out


# --- paths and links -----------------------------------------------------------------------


def _valid_text(body: str = "Text.") -> str:
    head = VALID_DIALOGUE.split("---\n", 2)[1]
    return f"---\n{head}---\n\n{body}\n"


@pytest.mark.parametrize(
    "name", ["Kolla-torg.md", "kolla_torg.md", "kolla torg.md", "kollå-torg.md", "kolla--torg.md",
             "-kolla.md", "kolla-.md", "kolla.torg.md"],
)  # fmt: skip
def test_bad_file_names_are_schema_errors(tmp_path, name):
    path = write(tmp_path, _valid_text(), name=name)
    (checked,) = check_files([path], POLICY, TODAY)
    assert any(f.rule == "schema" and f.line == 1 for f in checked.findings)


@pytest.mark.parametrize(
    "url",
    ["/etc/passwd", "file:///etc/passwd", "../../../etc/passwd", "..%2F..%2F..%2Fetc%2Fpasswd",
     "/dialogues/../../etc/passwd", "\\\\server\\share\\x.pdf", "C:\\Users\\anna\\x.docx",
     "/home/anna/x.pdf"],
)  # fmt: skip
def test_local_paths_leaving_the_site_are_errors(tmp_path, url):
    data, body = sample_data()
    data["documents"][0]["url"] = url
    text = dump(data, f"{body}\n[Bilaga]({url})\n")
    path = write(tmp_path, text)
    (checked,) = check_files([path], POLICY, TODAY)
    errors = {(f.rule, f.line) for f in checked.findings if f.severity == "error"}
    field_line = text.split("\n").index(f"  url: {url}") + 1
    assert errors == {("schema", field_line), ("safe-html", text.count("\n"))}


@pytest.mark.parametrize(
    "url", ["bilagor/karta.pdf", "./karta.png", "../framtidens-kolla-torg/", "../../",
            "/dialogues/framtidens-kolla-torg/", "#rubrik", "https://www.kungsbacka.se/x?a=1"],
)  # fmt: skip
def test_links_inside_the_site_are_fine_in_the_body(tmp_path, url):
    data, body = sample_data()
    path = write(tmp_path, dump(data, f"{body}\n[Bilaga]({url})\n"), "framtidens-kolla-torg.md")
    (checked,) = check_files([path], POLICY, TODAY)
    assert [f for f in checked.findings if f.severity == "error"] == []


def test_symlinked_file_outside_content_is_not_read(tmp_path):
    secret = tmp_path / "outside" / "secret.md"
    secret.parent.mkdir()
    secret.write_text(_valid_text("HEMLIGT lösenord"), encoding="utf-8")
    folder = tmp_path / "content" / "dialogues"
    folder.mkdir(parents=True)
    (folder / "lank.md").symlink_to(secret)
    (folder / "2026").symlink_to(secret.parent, target_is_directory=True)
    from generator.check.discover import discover

    files = discover([folder])
    assert [p.name for p in files] == ["lank.md"]  # rglob does not enter symlinked folders
    files.append(folder / "2026" / "secret.md")  # … but a path through one may be given
    results = check_files(files, POLICY, TODAY)
    assert len(results) == 2
    for checked in results:
        assert checked.dialogue is None and "HEMLIGT" not in checked.body
        (finding,) = checked.findings
        assert finding.rule == "schema" and finding.severity == "error"
        assert "utanför innehållsmappen" in finding.message


def test_symlink_inside_content_and_dangling_symlink(tmp_path):
    folder = tmp_path / "content" / "dialogues"
    (folder / "2026").mkdir(parents=True)
    real = folder / "2026" / "framtidens-kolla-torg.md"
    real.write_text(_valid_text(), encoding="utf-8")
    (folder / "kopia-av-torget.md").symlink_to(real)
    (folder / "borta.md").symlink_to(tmp_path / "content" / "finns-inte.md")
    from generator.check.discover import discover

    results = {c.slug: c for c in check_files(discover([folder]), POLICY, TODAY)}
    assert results["kopia-av-torget"].ok
    assert [f.rule for f in results["borta"].findings] == ["schema"]


def test_links_to_other_dialogues_must_exist(tmp_path):
    body = (
        "Se [torget](../framtidens-kolla-torg/) och [skolvägen](/dialogues/skolvag/).\n\n"
        "Och [den gamla](../gamla-torget/#rubrik), [kod](`../ingen/`), [bilaga](bilaga.pdf).\n"
    )
    first = write(tmp_path, _valid_text(), "framtidens-kolla-torg.md")
    second = write(tmp_path, _valid_text(body), "annan-dialog.md")
    results = {c.slug: c for c in check_files([first, second], POLICY, TODAY)}
    broken = [f for f in results["annan-dialog"].findings if f.rule == "dialogue-links"]
    head_lines = VALID_DIALOGUE.split("---\n", 2)[1].count("\n")
    assert [(f.line, f.severity) for f in broken] == [
        (head_lines + 4, "error"), (head_lines + 6, "error")
    ]
    assert "skolvag" in broken[0].message and "gamla-torget" in broken[1].message
    assert not any(f.rule == "dialogue-links" for f in results["framtidens-kolla-torg"].findings)


# --- volume: many findings, pathological Markdown ----------------------------------------------


def test_findings_are_capped_per_rule_and_file(tmp_path):
    body = "\n".join(f"Rad {i}: <b>fet</b> och 811218-9876." for i in range(200))
    path = write(tmp_path, _valid_text(body), "framtidens-kolla-torg.md")
    (checked,) = check_files([path], POLICY, TODAY)
    for rule in ("safe-html", "personal-identity-number"):
        found = [f for f in checked.findings if f.rule == rule]
        assert len(found) == 26, rule
        assert "bara de första 25 visas" in max(found, key=lambda f: f.line).message


def test_pathological_markdown_is_shown_as_plain_text():
    from generator.render.sanitize import defuse

    ordinary = "Hej [länk](https://a.se) och [en till][x].\n\n> > citat\n\n[x]: https://b.se\n"
    assert defuse(ordinary) == (ordinary, [])
    hostile = "Före.\n\n" + "[a" * 1000 + "<script>alert(1)</script>\n\nEfter [x](https://a.se)."
    out = body_html(hostile)
    assert out.startswith("<p>Före.</p>") and "[a[a[a" in out
    assert "&lt;script&gt;" in out and executable(out) == []
    assert '<a href="https://a.se"' in out  # the other blocks are still Markdown
    deep = body_html("> " * 50 + "citat")
    assert deep.count("<blockquote>") == 8


# --- control characters ---------------------------------------------------------------------

# Every code point that XML or RFC 5545 text refuses, as a YAML escape writes it.
CONTROL = [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, 0x85, 0x9F, 0xFFFE, 0xFFFF]


@pytest.mark.parametrize("code", CONTROL, ids=[f"U+{c:04X}" for c in CONTROL])
@pytest.mark.parametrize("field", [("title",), ("summary",), ("feedback", "result")])
def test_control_characters_are_schema_errors_at_their_field(tmp_path, code, field):
    data, body = sample_data()
    set_path(data, field, "Framtidens Kolla torg")
    text = dump(data, body)
    key = f"{'  ' * (len(field) - 1)}{field[-1]}: Framtidens Kolla torg"
    escaped = f'{field[-1]}: "Framtidens\\u{code:04x} Kolla torg"'
    text = text.replace(key, f"{'  ' * (len(field) - 1)}{escaped}", 1)
    assert escaped in text
    line = text.split("\n").index(f"{'  ' * (len(field) - 1)}{escaped}") + 1
    (checked,) = check_files([write(tmp_path, text)], POLICY, TODAY)
    found = [(f.rule, f.line, f.severity) for f in checked.findings]
    assert found == [("schema", line, "error")]
    assert f"U+{code:04X}" in checked.findings[0].message


def test_a_control_character_in_the_body_is_an_error_at_its_place(tmp_path):
    data, _ = sample_data()
    text = dump(data, "\nFörsta raden.\nAndra\x0braden.\n")
    (checked,) = check_files([write(tmp_path, text)], POLICY, TODAY)
    line = text.split("\n").index("Andra\x0braden.") + 1
    assert [(f.rule, f.line, f.col) for f in checked.findings] == [("schema", line, 6)]
    assert "U+000B" in checked.findings[0].message


def test_a_literal_control_character_in_the_front_matter_is_an_error_at_its_place(tmp_path):
    data, body = sample_data()
    text = dump(data, body).replace("area: Kolla", "area: Ko\x01lla")
    (checked,) = check_files([write(tmp_path, text)], POLICY, TODAY)
    line = text.split("\n").index("area: Ko\x01lla") + 1
    assert [(f.rule, f.line, f.col) for f in checked.findings] == [("schema", line, 9)]


def test_a_control_character_stops_validation_not_the_build(tmp_path):
    from sitehelpers import build, make_content

    content = make_content(tmp_path / "content", "kungsbacka")
    data, body = sample_data()
    text = dump(data, body).replace("title: Framtidens Kolla torg", 'title: "Kolla\\x01 torg"')
    (content / "dialogues" / "styrtecken.md").write_text(text, encoding="utf-8")
    code, out, err = build(content, tmp_path / "site", "2026-06-15")
    assert code == 1
    assert "styrtecken.md" in err and "U+0001" in err
    assert "Traceback" not in out + err
    assert not (tmp_path / "site").exists()


# --- false positives ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    ["Data: 340 svar", "File: protokoll", "Javascript: en kurs för unga", "Livescript: x",
     "a < b och c > d", "3 < 4", "x <- y", "< b"],
)  # fmt: skip
@pytest.mark.parametrize("field", [("summary",), ("influence", "what"), ("area",)])
def test_ordinary_text_is_no_link_and_no_html(tmp_path, value, field):
    data, body = sample_data()
    set_path(data, field, value)
    (checked,) = check_files([write(tmp_path, dump(data, body))], POLICY, TODAY)
    assert [f for f in checked.findings if f.severity == "error"] == []


def test_a_less_than_sign_in_the_body_is_no_html(tmp_path):
    data, _ = sample_data()
    (checked,) = check_files([write(tmp_path, dump(data, "\nOm a < b gäller.\n"))], POLICY, TODAY)
    assert [f for f in checked.findings if f.rule == "safe-html"] == []


# --- files that are not read ----------------------------------------------------------------


def _ignored(tmp_path, make) -> list:
    from generator.check.discover import Reader
    from generator.check.engine import check_files as check

    folder = tmp_path / "content" / "dialogues"
    folder.mkdir(parents=True)
    write(tmp_path, _valid_text(), name="framtidens-kolla-torg.md")
    make(folder)
    files, ignored = Reader().discover([folder])
    results = check(files, POLICY, TODAY, ignored=ignored)
    return [(c.path.rsplit("/", 1)[-1], f.rule, f.severity) for c in results for f in c.findings
            if f.rule == "ignored-file"]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "make"),
    [
        ("pipe.md", lambda f: os.mkfifo(f / "pipe.md")),
        ("mapp.md", lambda f: (f / "mapp.md").mkdir()),
        ("kolla.MD", lambda f: (f / "kolla.MD").write_text("x")),
        ("kolla.markdown", lambda f: (f / "kolla.markdown").write_text("x")),
        ("sock.md", lambda f: _socket(f / "sock.md")),
    ],
)
def test_what_looks_like_a_dialogue_but_is_not_read_is_a_warning(tmp_path, name, make):
    assert _ignored(tmp_path, make) == [(name, "ignored-file", "warning")]


def _socket(path) -> None:
    import socket

    s = socket.socket(socket.AF_UNIX)
    s.bind(str(path))
    s.close()


def test_other_files_in_the_folder_are_not_warned_about(tmp_path):
    assert _ignored(tmp_path, lambda f: (f / "karta.png").write_bytes(b"\x89PNG")) == []


def test_a_symlink_to_a_pipe_is_refused_without_waiting(tmp_path):
    folder = tmp_path / "content" / "dialogues"
    folder.mkdir(parents=True)
    os.mkfifo(folder / "pipe")  # inside the content folder, so the link is followed
    (folder / "lank.md").symlink_to(folder / "pipe")
    (checked,) = check_files([folder / "lank.md"], POLICY, TODAY)
    assert [f.rule for f in checked.findings] == ["schema"]
    assert "ingen vanlig fil" in checked.findings[0].message


def test_a_symlink_loop_is_a_finding(tmp_path):
    folder = tmp_path / "content" / "dialogues"
    folder.mkdir(parents=True)
    (folder / "a.md").symlink_to(folder / "b.md")
    (folder / "b.md").symlink_to(folder / "a.md")
    results = check_files(discover([folder]), POLICY, TODAY)
    assert [(c.slug, [f.rule for f in c.findings]) for c in results] == [
        ("a", ["schema"]), ("b", ["schema"]),
    ]  # fmt: skip
    assert "slinga" in results[0].findings[0].message
