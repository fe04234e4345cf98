"""The fast front-matter path gives exactly what ``safe_yaml.parse`` gives, or falls back.

Compared: the data with its types (``yes`` is True, ``'yes'`` text, dates stay text), the
positions (computed lazily on the fast path), and the error (message, line, column) for
input that PyYAML refuses. Inputs: the demo content, the benchmark corpus, tricky scalars
in every style, and generated YAML-like text. The positions read by lines
(``load.positions``) are compared with PyYAML's on generated block YAML with block
scalars, lists at their key's indent, flow lists, comments and texts over several lines.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import re
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.load.fast import ryml as fast
from generator.load.fast.positions import scan
from generator.load.safe_yaml import YamlProblem, parse

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

import corpus  # noqa: E402


def typed(value: object) -> object:
    """The value with every type spelled out (True == 1 in Python, not here)."""
    if isinstance(value, dict):
        return ("dict", [(typed(k), typed(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("list", [typed(v) for v in value])
    if isinstance(value, float) and value != value:
        return ("float", "nan")
    return (type(value).__name__, value)


def outcome(parser, text: str):
    try:
        parsed = parser(text)
    except YamlProblem as exc:
        return ("error", exc.message, exc.line, exc.col, exc.hint)
    return ("ok", typed(parsed.data), dict(parsed.positions))


def assert_same(text: str) -> None:
    assert outcome(fast.parse_fast, text) == outcome(parse, text), text


def front_matter(text: str) -> str:
    lines = text.split("\n")
    end = next(i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "..."))
    return "\n".join(lines[1:end])


def test_fast_path_is_available_and_taken():
    """rapidyaml is installed, and an ordinary dialogue does not fall back."""
    assert fast.ryml is not None
    _, _, text = corpus.dialogue(0, random.Random(1))
    data = fast.fast_data(front_matter(text))
    assert data is not None and data["title"]


def test_positions_are_lazy_and_exact():
    _, _, text = corpus.dialogue(3, random.Random(3))
    fm = front_matter(text)
    parsed = fast.parse_fast(fm)
    assert isinstance(parsed.positions, fast.LazyPositions)
    assert parsed.positions[("title",)] == (1, 1)
    assert dict(parsed.positions) == parse(fm).positions


DEMO = sorted((ROOT / "content" / "dialogues").rglob("*.md"))


@pytest.mark.parametrize("path", DEMO, ids=lambda p: p.name)
def test_demo_content(path: Path):
    assert_same(front_matter(path.read_text(encoding="utf-8")))


def test_generated_corpus():
    rng = random.Random(corpus.TODAY.toordinal())
    for i in range(300):
        _, _, text = corpus.dialogue(i, rng)
        fm = front_matter(text)
        assert_same(fm)
        assert fast.fast_data(fm) is not None, fm  # the common case stays on the fast path


TRICKY = [
    "yes", "Yes", "YES", "no", "No", "on", "Off", "y", "n", "true", "True", "FALSE",
    "null", "Null", "NULL", "~", "", " ", "0", "-0", "+1", "1", "-17", "007", "0300",
    "0x1F", "0o17", "0b101", "1_000", "1:20", "190:20:30", "1.5", "1.", ".5", "-.5", "1e3",
    "1.0e+3", "12e03", ".inf", "-.Inf", ".nan", ".NaN", "2026-03-01", "2026-3-1",
    "2026-03-12T17:00", "2026-03-12 17:00:00", "2001-12-14t21:59:43.10-05:00", "<<", "=",
    "0300-83 40 00", "BN 2026/0012", "a: b", "a #b", "a#b", "#b", "- a", "? a", "[a]",
    "&a", "*a", "!a", "!!str a", "Kultur & Fritid", "Vad tycker du?", "50 %", "@x", "`x`",
    "'quoted'", '"dq"', "it's", "a\\tb", "tab\there", "åäö ÅÄÖ", "emoji 🎉", "x\u2028y",
    "x\x85y", "nbsp\u00a0x", "trailing ", " leading", "multi\nline", "9999999999999999999",
    "1,000", "12:30", "0.", "-", ":", "a:", "{a: 1}", "[1, 2]", "|", ">", "%x",
]  # fmt: skip


def _styles(s: str) -> list[str]:
    single = "'" + s.replace("'", "''") + "'"
    double = '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
    return [s, single, double]


@pytest.mark.parametrize("scalar", TRICKY)
def test_tricky_scalars(scalar: str):
    for styled in _styles(scalar):
        assert_same(f"k: {styled}\n")
        assert_same(f"k: [{styled}, x]\n")
        assert_same(f"k:\n  - {styled}\n  - z\n")
        assert_same(f"{styled}: v\n")
        assert_same(f"a:\n  b: {styled}\nc: d\n")
    body = scalar.replace("\n", "\n  ")
    for indicator in ("|", "|-", "|+", ">", ">-", ">+"):
        assert_same(f"k: {indicator}\n  {body}\n  second line\n\n  third\nnext: 1\n")
    assert_same(f"k: first {scalar}\n  continued\nnext: 1\n")


HOSTILE = [
    "a: &x [1, 2]\nb: *x\n",
    "a: !!python/object:os.system echo\n",
    "a: !tag x\n",
    "<<: {a: 1}\n",
    "a: 1\na: 2\n",
    "a: {b: 1, b: 2}\n",
    "? [a, b]\n: 1\n",
    "%YAML 1.1\n---\na: 1\n",
    "a: 1\n---\nb: 2\n",
    "a: 1\n...\n",
    "a:\n\tb: 1\n",
    "- a\n- b\n",
    "just text\n",
    "",
    "# only a comment\n",
    "a: [" * 40 + "]" * 40 + "\n",
    "a:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 40)) + "  " * 40 + "v: 1\n",
    "a: 'unclosed\n",
    'a: "x" y\n',
    "a: b: c\n",
    "a:\n  - b\n c: 1\n",
    "a: [1, 2\n",
    "a: x\n b\n",
    "a:\n- b\n- c\n",
    "a: |\n b\n  c\n",
    "key with spaces: v\n'quoted key': v\n",
    "a: [b: c, d]\n",
    "a: [b, c]: d\n",
    "a: -\n",
    "a: 'x'  # comment\n",
    "a: x # c\n# c2\nb: y\n",
    "a:    \n",
    "a: \"\\u00e5\\x41\\N\"\n",
    "a: \u00a0x\n",
    "a: 1\r\nb: 2\n",
    "a:\n  -   b\n  -\n    c: d\n",
    "a: >\n\n  x\n\n\n  y\n",
    "a: |2\n   x\n  y\n",
    "a: x\n  \n  y\n",
    "a: 'x\n\n  y'\n",
    "a: \"x\n  y\"\n",
    "a:\n  b: 1\n  b: 2\n",  # a repeated key, nested
    "a:\n  - b: 1\n    c: 2\n    b: 3\n",
    "a: [x, y]\na: [x, y]\n",
]  # fmt: skip


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_and_odd_input(text: str):
    assert_same(text)


EXAMPLES = int(os.environ.get("INSYN_FUZZ_EXAMPLES", "400"))  # more for a long hunt
_ALPHABET = "aåZ09 :-#&*!?[],'\"|>%@`\\{}\t\n.~+_=<"
_scalar = st.one_of(
    st.sampled_from(TRICKY),
    st.text(alphabet=_ALPHABET, max_size=12),
    st.dates(dt.date(1990, 1, 1), dt.date(2040, 1, 1)).map(dt.date.isoformat),
    st.integers(-10**6, 10**6).map(str),
)
_key = st.one_of(st.sampled_from(["title", "a", "b", "yes", "1", "k k", "ö"]), _scalar)


def _render(value, indent: int) -> list[str]:
    pad = "  " * indent
    kind, payload = value
    if kind == "map":
        lines = []
        for key, style, child in payload:
            k = _styles(key)[style] if "\n" not in key else _styles(key)[2]
            if child[0] == "scalar":
                lines.append(f"{pad}{k}: {_render(child, 0)[0]}")
            else:
                lines.append(f"{pad}{k}:")
                lines += _render(child, indent + 1)
        return lines
    if kind == "seq":
        lines = []
        for child in payload:
            if child[0] == "scalar":
                lines.append(f"{pad}- {_render(child, 0)[0]}")
            else:
                lines.append(f"{pad}-")
                lines += _render(child, indent + 1)
        return lines
    if kind == "flow":
        return [pad + "[" + ", ".join(_styles(s)[st_] for s, st_ in payload) + "]"]
    text, style = payload
    return [pad + _styles(text)[style]]


_leaf = st.one_of(
    st.tuples(st.just("scalar"), st.tuples(_scalar, st.integers(0, 2))),
    st.tuples(st.just("flow"), st.lists(st.tuples(_scalar, st.integers(0, 2)), max_size=3)),
)
_tree = st.recursive(
    _leaf,
    lambda inner: st.one_of(
        st.tuples(
            st.just("map"),
            st.lists(st.tuples(_key, st.integers(0, 2), inner), min_size=1, max_size=4),
        ),
        st.tuples(st.just("seq"), st.lists(inner, min_size=1, max_size=3)),
    ),
    max_leaves=12,
)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.tuples(_key, st.integers(0, 2), _tree), min_size=1, max_size=5),
    st.integers(0, 3),
)
def test_generated_yaml(pairs, indent_noise):
    text = "\n".join(_render(("map", pairs), 0)) + "\n"
    assert_same(text)
    if indent_noise:  # shifted lines: mostly errors, which must be PyYAML's
        lines = text.split("\n")
        i = indent_noise % len(lines)
        lines[i] = " " + lines[i]
        assert_same("\n".join(lines))


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.text(alphabet=_ALPHABET + "é\u2028\x85\x00", max_size=60))
def test_arbitrary_text(text: str):
    assert_same(text)


_BAD_CHAR = re.compile(
    r"[^\x0A\x20-\x7E\xA0-\u2027\u202A-\uD7FF\uE000-\uFFFD\U00010000-\U0010FFFF]"
)


def prescan_by_characters(text: str) -> bool:
    """The pre-scan's definition, one character at a time (``fast._prescan_ok`` works on
    byte tables for speed and must agree)."""
    if any(c in text for c in "\t\\{}") or "<<" in text or _BAD_CHAR.search(text):
        return False
    if text.startswith(("%", "---", "...")) or any(m in text for m in ("\n%", "\n---", "\n...")):
        return False
    for line in text.split("\n"):  # a flow list: to the end of its line, no : # | >
        flow = line[line.index("[") :] if "[" in line else ""
        if flow.count("[") != flow.count("]") or any(c in flow for c in ":#|>"):
            return False
    for i, c in enumerate(text):
        if c not in "&*!?@`%],":
            continue
        j = i - 1
        while j >= 0 and text[j] == " ":
            j -= 1
        if j < 0 or (text[j] in "\n[,:?-" and not (c == "]" and text[j] == "[")):
            return False
    return True


def _prescan(text: str) -> bool:
    return fast._prescan_ok(text, text.encode("utf-8", "surrogatepass"))


@settings(max_examples=EXAMPLES * 5, deadline=None)
@given(
    st.text(
        alphabet=_ALPHABET + "é\u2028\u2029\x85\x9f\xa0\x00\x7f\ufffe\uffff\ud800–", max_size=40
    )
)
def test_prescan_matches_its_definition(text: str):
    assert _prescan(text) == prescan_by_characters(text), text


def test_prescan_on_real_front_matter():
    rng = random.Random(7)
    texts = [front_matter(corpus.dialogue(i, rng)[2]) for i in range(200)]
    texts += [front_matter(p.read_text(encoding="utf-8")) for p in DEMO]
    for text in texts:
        assert _prescan(text) == prescan_by_characters(text) is True
        for bad in ("\n- &a x", "\nk: *a", "\nk: !!str x", "\n? k", "\nk: [a, ]]", "\n<<: x"):
            assert not _prescan(text + bad) and not prescan_by_characters(text + bad)


# Line-by-line positions (``load.positions``): where they answer, they are PyYAML's.
_word = st.sampled_from(["a", "title", "k k", "ö", "x: y", "- z", "#c", "b #c", "[q]", "1"])
_text_lines = st.lists(_word, min_size=1, max_size=3)


def _lines(value, indent: int, indentless: bool) -> list[str]:
    """Block YAML for a generated value (a scalar value is rendered by ``_value_text``)."""
    pad = " " * indent
    kind, payload = value
    out: list[str] = []
    if kind == "map":
        for key, quoted, child, comment in payload:
            k = f'"{key}"' if quoted else key
            if comment:
                out.append(f"{pad}# {key}")
            if child[0] in ("map", "seq"):
                out.append(f"{pad}{k}:")
                deeper = indent if child[0] == "seq" and indentless else indent + 2
                out += _lines(child, deeper, indentless)
            else:
                first, *more = _value_text(child, indent)
                out += [f"{pad}{k}: {first}", *more]
    elif kind == "seq":
        for child in payload:
            if child[0] == "map":
                inner = _lines(child, indent + 2, indentless)
                out += [f"{pad}- {inner[0].lstrip()}", *inner[1:]]
            elif child[0] == "seq":
                out.append(f"{pad}-")
                out += _lines(child, indent + 2, indentless)
            else:
                first, *more = _value_text(child, indent)
                out += [f"{pad}- {first}", *more]
    return out


def _value_text(value, indent: int) -> list[str]:
    kind, payload = value
    pad = " " * (indent + 2)
    if kind == "block":
        style, lines = payload
        return [style, *(f"{pad}{line}" if line else "" for line in lines)]
    if kind == "flow":
        return ["[" + ", ".join(payload) + "]"]
    if kind == "plain":
        first, *more = payload
        return [first.replace(":", "").replace("#", "") or "x", *(f"{pad}{w}" for w in more)]
    return [payload]


_block_style = st.sampled_from(["|", ">", "|-", ">+"])
_flow_item = st.sampled_from(["a", "'b, c'", '"d"', "e f"])
_plain_word = st.sampled_from(["Möte i", "stadshuset", "a-b"])
_leafy = st.one_of(
    st.tuples(st.just("block"), st.tuples(_block_style, _text_lines)),
    st.tuples(st.just("flow"), st.lists(_flow_item, max_size=3)),
    st.tuples(st.just("plain"), st.lists(_plain_word, min_size=1, max_size=3)),
    st.tuples(st.just("quoted"), st.sampled_from(['"a: b"', "'c # d'", '"- e"', "f"])),
)
_doc_key = st.sampled_from(["a", "b", "title", "ö ä"])
_doc_tree = st.recursive(
    _leafy,
    lambda inner: st.one_of(
        st.tuples(
            st.just("map"),
            st.lists(
                st.tuples(_doc_key, st.booleans(), inner, st.booleans()),
                min_size=1, max_size=3, unique_by=lambda t: t[0],
            ),
        ),
        st.tuples(st.just("seq"), st.lists(inner, min_size=1, max_size=3)),
    ),
    max_leaves=10,
)  # fmt: skip


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(_doc_key, st.booleans(), _doc_tree, st.booleans()),
        min_size=1, max_size=4, unique_by=lambda t: t[0],
    ),
    st.booleans(),
)  # fmt: skip
def test_line_positions_are_pyyamls(entries, indentless):
    text = "\n".join(_lines(("map", entries), 0, indentless)) + "\n"
    try:
        expected = parse(text)
    except YamlProblem:
        return
    found = scan(text, expected.data)
    assert found is None or found == expected.positions, text


def test_line_positions_answer_for_ordinary_files():
    """Every demo and benchmark file is read line by line, never handed to PyYAML."""
    rng = random.Random(11)
    texts = [front_matter(corpus.dialogue(i, rng)[2]) for i in range(300)]
    texts += [front_matter(p.read_text(encoding="utf-8")) for p in DEMO]
    for text in texts:
        data = fast.fast_data(text)
        assert data is not None
        assert scan(text, data) == parse(text).positions, text


@pytest.mark.parametrize(
    "text",
    [
        'title: "två\nrader: här"\n',  # the second line of a quoted text looks like a key
        "a: x\n  b: y\n",  # a key under a text: PyYAML refuses, the scan does not guess
        "a:\n- x\n -y\n",
        "a: [x, [y]]\n",
        "  a: 1\n  b: 2\n",  # the whole document indented
        "a:\n  -\n    b: 1\n",  # an item on the next line
        "a: 'it''s'\nb: ['it''s']\n",
    ],
)
def test_line_positions_give_up_when_unsure(text: str):
    try:
        expected = parse(text)
    except YamlProblem:
        assert scan(text, {"a": "x"}) is None
        return
    found = scan(text, expected.data)
    assert found is None or found == expected.positions


# rapidyaml prints its parse errors to file descriptor 2; a resident-facing tool must not.
RYML_REFUSES = "title: a: b\n"  # passes the pre-scan, rapidyaml refuses it (two colons)


def test_rapidyaml_errors_are_silenced_for_one_file(capfd):
    assert fast._prescan_ok(RYML_REFUSES, RYML_REFUSES.encode())
    assert fast.fast_data(RYML_REFUSES) is None
    os.write(2, b"after\n")  # fd 2 is back where it was
    assert capfd.readouterr().err == "after\n"


def test_quiet_stderr_silences_a_batch_and_restores_fd_2(capfd):
    with pytest.raises(RuntimeError), fast.quiet_stderr():
        assert fast.fast_data(RYML_REFUSES) is None
        os.write(2, b"lost\n")
        with fast.quiet_stderr():  # nested: the inner block does not restore too early
            pass
        os.write(2, b"lost too\n")
        raise RuntimeError
    assert fast._quiet == [0]
    os.write(2, b"after\n")
    assert capfd.readouterr().err == "after\n"


def test_checking_many_files_prints_nothing_to_stderr(tmp_path, capfd, monkeypatch):
    from generator.check import engine as check
    from generator.check.discover import discover
    from generator.check.policies import load_policy

    folder = tmp_path / "dialogues"
    folder.mkdir()
    for i in range(6):
        (folder / f"d{i}.md").write_text(f"---\n{RYML_REFUSES}---\nText.\n", encoding="utf-8")
    from generator.infra import tuning

    monkeypatch.setattr(tuning, "CHECK_PARALLEL_FROM", 2)
    monkeypatch.setattr(tuning, "READ_BATCH", 4)  # two batches a worker's chunk
    monkeypatch.setenv("INSYN_JOBS", "2")
    results = check.check_files(
        discover([folder]), load_policy("kungsbacka"), dt.date(2026, 6, 15)
    )
    assert len(results) == 6 and all(any(f.rule == "schema" for f in r.findings) for r in results)
    os.write(2, b"after\n")
    assert capfd.readouterr().err == "after\n"
