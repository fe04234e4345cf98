"""The cheap pre-checks and shortcuts of the validator give exactly what the full checks give.

Each shortcut (a byte table before the identity-number regex, candidate positions for the
phone regex, skipping values and lines that cannot match, the closing fence found with
``str.find``, the link pattern without reference definitions, one ``scandir`` instead of
``rglob``) is compared with the plain implementation it replaced, on generated input that
is dense in the characters that matter.
"""

from __future__ import annotations

import html
import os
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.check.discover import Reader
from generator.check.rules import personal_data as privacy
from generator.check.rules import safe_html as safety
from generator.check.rules import text as rtext
from generator.core import identity, urls
from generator.core.findings import Problem
from generator.load.safe_yaml import Parsed
from generator.load.source import Source, parse_source

EXAMPLES = int(os.environ.get("INSYN_FUZZ_EXAMPLES", "400"))


# --- identity numbers -----------------------------------------------------------------------


_digits_text = st.lists(
    st.sampled_from(
        ["0", "1", "8112", "18", "9876", "-", "+", " ", ".", "/", "\u2013", "\u2212", "\u200b",
         "\u00ad", "**", "_", "\\", "`", "&#45;", "&#49;", "&ndash;", "&amp;", "x", "\n", "é",
         "\u0663", "\uff11", "19", "20", "070"]
    ),
    max_size=14,
).map("".join)  # fmt: skip


@settings(max_examples=EXAMPLES, deadline=None)
@given(_digits_text)
def test_identity_number_precheck(text: str):
    """The quick test answers False only for a text in which the full search finds none."""
    full = identity._NUMBER.finditer(identity.normalised(text)[0])
    if not identity.may_hold(text):
        assert [m.group(0) for m in full] == []


# --- phone numbers --------------------------------------------------------------------------


_phone_text = st.lists(
    st.sampled_from(
        ["0", "07", "0300", "+46", "0046", "(0)", "(08)", "123", "45", "6", " ", "-", ".", ",",
         ":", "/", "x", "\n", "kr", "+", "(", ")"]
    ),
    max_size=16,
).map("".join)  # fmt: skip


@settings(max_examples=EXAMPLES, deadline=None)
@given(_phone_text)
def test_phone_candidates(text: str):
    expected = [(m.span(), m.group(0)) for m in privacy._PHONE.finditer(text)]
    assert [(m.span(), m.group(0)) for m in privacy._phone_matches(text)] == expected


# --- safe-html ------------------------------------------------------------------------------

_markup = st.text(
    alphabet="<>&;#x3c:]([{}= /\\aojJsScrip\u200b\nhtpmailtovbdatfe.\t`~",
    max_size=30,
)
_blank = st.sampled_from(["", " ", "\u200b", "\xa0", "\t", "\x00", "\ufeff", "\u3000", "\x85"])
_urlish = st.one_of(
    _markup,
    st.tuples(
        st.lists(_blank, max_size=3).map("".join),
        st.sampled_from(
            ["https:", "HTTP:", "mailto:", "Https:", "javascript:", "data:", "", "Data:",
             "java\u200bscript:", "vb\xa0script:", "LiveScript:", "fIle:", "d\u3000ata:"]
        ),
        _markup,
    ).map("".join),
)  # fmt: skip


@settings(max_examples=EXAMPLES, deadline=None)
@given(_urlish)
def test_safe_scheme_shortcut(url: str):
    full = re.compile(r"(?!)")  # never matches: the full check runs
    shortcut = urls.link_problem(url)
    saved, urls._SAFE_START = urls._SAFE_START, full
    try:
        assert urls.link_problem(url) == shortcut
    finally:
        urls._SAFE_START = saved


def _field_problem_full(path: tuple, value: str, slug: str) -> Problem | None:
    """``_field_problem`` without any shortcut, as it is specified."""
    if rtext.has_tag(value) or rtext.ATTR_LIST_EVENT.search(value):
        return Problem(
            f"Fältet innehåller HTML: `{value[:40]}`.", path, "Skriv vanlig text utan < och >."
        )
    if path and path[-1] in urls.URL_KEYS:
        if not re.match(urls.URL_FORM, value.strip()):
            return None
        wrong = urls.url_field_problem(value, slug)
        if wrong:
            return Problem(wrong[0], path, wrong[1])
        if value.strip().startswith("/"):
            return None
        reason = urls.link_problem(value)
        if reason:
            return Problem(reason, path, "Använd en adress som börjar med https://.")
        return None
    for m in rtext.LINK_TARGET.finditer(value):
        target = next(g for g in m.groups() if g is not None)
        reason = urls.link_problem(target)
        if reason:
            return Problem(
                f"Fältet innehåller en otillåten länk: {reason}",
                path,
                "Länka bara till https://, http:// eller mailto:.",
            )
    return None


def _walk(value: object, path: tuple = ()):
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _walk(v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _walk(v, (*path, i))


_field_data = st.recursive(
    st.one_of(_urlish, st.integers(), st.none(), st.booleans()),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.sampled_from(["url", "report", "title", "x"]), inner, max_size=3),
    ),
    max_leaves=8,
)


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.dictionaries(st.sampled_from(["url", "title", "a", "report"]), _field_data))
def test_field_shortcuts(data: dict):
    expected = [p for p in (_field_problem_full(k, v, "x") for k, v in _walk(data)) if p]
    suspects: list = []
    safety._suspects(data, (), suspects)
    found = [p for p in (safety._field_problem(k, v, "x") for k, v in suspects) if p]
    assert found == expected


def _body_problems_full(body: str, first_line: int):
    """The body check without shortcuts and without the shared link list."""
    masked = rtext.mask_code(body)
    without = rtext.AUTOLINK.sub(lambda m: " " * len(m.group(0)), masked)
    for number, text in enumerate(without.split("\n"), start=first_line):
        m = rtext.TAG.search(text) or rtext.ATTR_LIST_EVENT.search(text)
        if m is not None:
            yield ("html", number, m.start() + 1)
        elif "&" in text and rtext.has_tag(text):
            yield ("entity", number, text.index("&") + 1)
    where = rtext.LineIndex(masked)
    for m in rtext.LINK_TARGET.finditer(masked):
        group = next(i for i, g in enumerate(m.groups(), 1) if g is not None)
        reason = urls.link_problem(m.group(group))
        if reason:
            line, col = where(m.start(group))
            yield (reason, first_line + line - 1, col)


def _kind(problem: Problem) -> str:
    if problem.message == "Brödtexten innehåller HTML.":
        return "html"
    return "entity" if "teckenkoder" in problem.message else problem.message


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.text(alphabet="<>&lt;gt[](){}:/ onclick=`~\njavascript" + "x" * 5, max_size=60))
def test_body_shortcuts(body: str):
    src = Source(path="x.md", slug="x", body=body, body_line=7)
    found = [(_kind(p), p.line, p.col) for p in safety._body_problems(src)]
    assert found == list(_body_problems_full(body, 7))


def test_entities_still_decode_in_fields_and_body():
    value = html.escape("<script>")
    assert safety._field_problem(("title",), value, "x") is not None
    src = Source(path="x.md", slug="x", body=f"Hej {value}", body_line=1)
    assert [p.col for p in safety._body_problems(src)] == [5]


# --- front matter fences --------------------------------------------------------------------


def _split_by_lines(text: str):
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        return "no front matter"
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if end is None:
        return "never closed"
    return end + 2, "\n".join(lines[end + 1 :]), "\n".join(lines[1:end])


def _split_by_source(text: str):
    seen: list[str] = []

    def parser(front: str) -> Parsed:
        seen.append(front)
        return Parsed({}, {})

    src = parse_source(text.encode("utf-8"), Source(path="x", slug="x"), parser)
    if src.problems and "styrtecken" not in src.problems[0].message:
        return "no front matter" if "saknar" in src.problems[0].message else "never closed"
    return src.body_line, src.body, seen[0]


@settings(max_examples=EXAMPLES * 2, deadline=None)
@given(
    st.lists(
        st.sampled_from(["---", "...", "-", "--", "\n", " ", "\t", "\u2028", "\x85", "a", "\x0c"]),
        max_size=14,
    ).map("".join),
    st.sampled_from(["", "---\n", "---  \n", "--- x\n", "---"]),
)
def test_closing_fence(rest: str, start: str):
    text = start + rest
    if text.strip():
        assert _split_by_source(text) == _split_by_lines(text)


# --- discovering files ----------------------------------------------------------------------


def test_markdown_files_match_rglob(tmp_path: Path):
    root = tmp_path / "dialogues"
    (root / "2026" / "deep").mkdir(parents=True)
    (root / "a-b").mkdir()
    (root / "folder.md").mkdir()  # a folder named like a file: not listed
    for name in ("x.md", "2026/y.md", "2026/deep/z.md", "a-b/q.md", ".hidden.md", "notes.txt"):
        (root / name).write_text("---\n---\n", encoding="utf-8")
    (root / "dangling.md").symlink_to(tmp_path / "missing.md")
    (root / "to-folder.md").symlink_to(root / "2026")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text("x", encoding="utf-8")
    (root / "linked").symlink_to(outside)  # a symlinked folder is not entered
    expected = sorted(p for p in root.rglob("*.md") if p.is_file() or p.is_symlink())
    assert Reader().markdown_files(root)[0] == expected
    assert Path(root / "a-b" / "q.md") in expected  # sorted by parts, as paths sort


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every folder")
def test_unreadable_folders_are_skipped_as_rglob_does(tmp_path: Path):
    root = tmp_path / "dialogues"
    (root / "closed").mkdir(parents=True)
    (root / "closed" / "x.md").write_text("x", encoding="utf-8")
    (root / "y.md").write_text("y", encoding="utf-8")
    (root / "closed").chmod(0)
    try:
        expected = sorted(p for p in root.rglob("*.md") if p.is_file() or p.is_symlink())
        assert Reader().markdown_files(root)[0] == expected
    finally:
        (root / "closed").chmod(0o755)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="[]()<>: \n\tax/@", max_size=40))
def test_link_targets_are_those_of_the_full_pattern(text: str):
    """Without "]:" the shorter pattern finds the same link targets at the same places."""

    def targets(matches) -> list:
        return [(m.start(), [g for g in m.groups() if g is not None]) for m in matches]

    assert targets(rtext.link_targets(text)) == targets(rtext.LINK_TARGET.finditer(text))
