"""Personal data: personnummer and samordningsnummer are errors anywhere in a file (Luhn-
checked, with or without century and separator); private e-mail addresses and phone numbers
in the body are warnings (`personal-data`). Realistic Swedish text is not flagged."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from xss_vectors import VALID_DIALOGUE

from generator.check.engine import check_files
from generator.check.policies import load_policy
from generator.check.rules.personal_data import find_phone_numbers, national_digits
from generator.core.identity import find_identity_numbers, in_slug

TODAY = dt.date(2026, 6, 1)
KUNGSBACKA = load_policy("kungsbacka")
ALE = load_policy("ale")


def luhn_digit(nine: str) -> str:
    total = 0
    for i, ch in enumerate(nine):
        n = int(ch) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return str((10 - total % 10) % 10)


def pnr(date: str, serial: str = "987") -> str:
    """A valid number for ``date`` (YYMMDD, day + 60 for a samordningsnummer)."""
    return date + serial + luhn_digit(date + serial)


VALID = pnr("811218")  # 811218-9876 is Skatteverket's own example
COORD = pnr("811278", "123")  # samordningsnummer: day 18 + 60


def forms(number: str, century: str = "19") -> list[str]:
    date, rest = number[:6], number[6:]
    return [
        f"{date}-{rest}",
        f"{date}+{rest}",
        f"{date}{rest}",
        f"{century}{date}-{rest}",
        f"{century}{date}{rest}",
    ]


def write(tmp_path: Path, text: str, name: str = "framtidens-kolla-torg.md") -> Path:
    folder = tmp_path / "content" / "dialogues"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def findings(tmp_path: Path, body: str = "", fm_extra: str = "", policy=KUNGSBACKA, rule=None):
    head = VALID_DIALOGUE.split("---\n", 2)[1]
    if fm_extra.startswith("area:"):  # replace the field rather than repeat it
        head, fm_extra = head.replace("area: Kolla\n", fm_extra), ""
    text = f"---\n{head}{fm_extra}---\n\n{body}\n"
    (checked,) = check_files([write(tmp_path, text)], policy, TODAY)
    return [f for f in checked.findings if rule is None or f.rule == rule]


def test_skatteverket_example_is_valid():
    assert VALID == "8112189876"


@pytest.mark.parametrize("text", forms(VALID) + forms(COORD))
def test_identity_number_in_every_form_is_found(text):
    assert [m.text for m in find_identity_numbers(f"Kontakt: {text}.")] == [text]


@pytest.mark.parametrize(
    "text",
    [f"{VALID[:9]}{(int(VALID[9]) + d) % 10}" for d in range(1, 10)]  # wrong check digit
    + ["811318-9876", "811232-9876", "811292-9876"],  # month 13, day 32, day 92 (= 32 + 60)
)
def test_invalid_numbers_are_not_found(text):
    assert list(find_identity_numbers(text)) == []


@given(st.dates(dt.date(1900, 1, 1), dt.date(2099, 12, 31)), st.integers(0, 999), st.booleans())
@settings(max_examples=200)
def test_every_valid_number_is_found(date, serial, coordination):
    day = date.day + (60 if coordination else 0)
    number = pnr(f"{date:%y%m}{day:02d}", f"{serial:03d}")
    for text in forms(number, century=f"{date:%Y}"[:2]):
        if text == number and number.startswith("0"):
            continue  # ten digits from 0 without separator: a phone number (below)
        assert [m.text for m in find_identity_numbers(f"x {text} y")] == [text]


@pytest.mark.parametrize(
    ("where", "body", "fm_extra"),
    [
        ("body", f"Anna Andersson, {VALID[:6]}-{VALID[6:]}, ringde.", ""),
        ("body without separator", f"Personnummer 19{VALID}", ""),
        ("samordningsnummer", f"Nummer {COORD[:6]}-{COORD[6:]}", ""),
        ("field", "", f"area: Kolla 19{VALID[:6]}-{VALID[6:]}\n"),
        ("YAML comment", "", f"# ansökan från 19{VALID}\n"),
    ],
)
def test_identity_number_anywhere_in_the_file_is_an_error(tmp_path, where, body, fm_extra):
    found = findings(tmp_path, body, fm_extra)
    hits = [f for f in found if f.rule == "personal-identity-number"]
    assert len(hits) == 1, where
    assert hits[0].severity == "error"
    assert "GDPR" in (hits[0].hint or "")


def test_identity_number_line_is_reported(tmp_path):
    found = findings(tmp_path, f"Rad ett.\n\nRad tre {VALID}.", rule="personal-identity-number")
    text = VALID_DIALOGUE.split("---\n", 2)[1]
    first = text.count("\n") + 4  # opening ---, closing ---, a blank line, then "Rad ett."
    assert [(f.line, f.col) for f in found] == [(first + 2, 9)]


REALISTIC = """\
Dialogen pågår 2026-03-01–2026-04-15. Öppet hus 2026-03-12 kl. 17:00–19:00 (2026-03-12T17:00).
Ärendet har diarienummer KS 2026/0012 och Dnr BN 2025-000123, tidigare BN 2024.0456.
Ring kommunens växel 0300-83 40 00 eller +46 300 83 40 00.
Adress: Stadshuset, Storgatan 37, 434 81 Kungsbacka. Budget 40 000 kr, totalt 1 250 000 kr.
Beslut 20260915, ordernummer 8112189875 och 1234567890, fakturanummer 20261218-0001.
Mellan 1998 och 2026 har 412 personer svarat; 19 % var under 18 år. Version 2.10.3.
"""


def test_realistic_swedish_text_has_no_identity_number(tmp_path):
    assert list(find_identity_numbers(REALISTIC)) == []
    assert findings(tmp_path, REALISTIC, rule="personal-identity-number") == []


def test_realistic_swedish_text_has_no_private_contact_data(tmp_path):
    assert findings(tmp_path, REALISTIC, rule="personal-data") == []


@pytest.mark.parametrize(
    ("text", "digits"),
    [
        ("0300-83 40 00", "0300834000"),
        ("070-123 45 67", "0701234567"),
        ("08-123 456 78", "0812345678"),
        ("+46 300 83 40 00", "0300834000"),
        ("+46 (0)70 123 45 67", "0701234567"),
        ("0046 70 123 45 67", "0701234567"),
        ("031-123456", "031123456"),
    ],
)
def test_phone_numbers_are_recognised(text, digits):
    (m,) = find_phone_numbers(f"Ring {text}.")
    assert m.group(0) == text
    assert national_digits(m.group(0)) == digits


@pytest.mark.parametrize(
    "text",
    ["2026-03-01", "KS 2026/0012", "Dnr BN 2025-000123", "434 81", "40 000 kr", "2 050 000 000 kr",
     "kl. 17:00", "2026-03-12T17:00", "3.14159265", "v. 0800"],
)  # fmt: skip
def test_other_numbers_are_not_phone_numbers(text):
    assert list(find_phone_numbers(text)) == []


@pytest.mark.parametrize(
    "body",
    [
        "Ring Anna på 070-123 45 67 om du har frågor.",
        "Ring +46 70 123 45 67.",
        "Skriv till anna.andersson@gmail.com.",
        "Kontakt: [Anna](mailto:anna@example.org).",
        "Skriv till anna@kungsbacka.se.evil.example.",
    ],
)
def test_private_contact_data_in_body_is_a_warning(tmp_path, body):
    found = findings(tmp_path, body, rule="personal-data")
    assert len(found) == 1
    assert found[0].severity == "warning"
    assert "GDPR" in (found[0].hint or "")
    assert found[0].message.startswith("Brödtexten innehåller")


@pytest.mark.parametrize(
    "body",
    [
        "Skriv till anna.andersson@kungsbacka.se eller kontaktcenter@kungsbacka.se.",
        "Skriv till info@bygg.kungsbacka.se.",
        "Ring kommunens växel 0300-83 40 00.",
        "Ring Anna Andersson på 0300-83 40 00.",  # the responsible person's number (front matter)
    ],
)
def test_municipal_contact_data_is_fine(tmp_path, body):
    assert findings(tmp_path, body, rule="personal-data") == []


def test_switchboard_and_domains_come_from_the_policy(tmp_path):
    ale_body = "Ring växeln 0303-33 00 00 eller skriv till kommun@ale.se."
    assert findings(tmp_path, ale_body, policy=ALE, rule="personal-data") == []
    assert len(findings(tmp_path, ale_body, policy=KUNGSBACKA, rule="personal-data")) == 2


def test_personal_data_is_registered_as_a_warning_in_both_policies():
    from generator.check.rules import REGISTRY

    assert REGISTRY["personal-data"].default_severity == "warning"
    assert KUNGSBACKA.severity("personal-data") == "warning"
    assert ALE.severity("personal-data") == "warning"


# How a word processor, a keyboard, Markdown or YAML may write Skatteverket's example.
VARIANTS = {
    "en dash": "811218\u20139876",
    "em dash": "811218\u20149876",
    "minus sign": "811218\u22129876",
    "non-breaking hyphen": "811218\u20119876",
    "figure dash": "811218\u20129876",
    "space": "811218 9876",
    "dot": "811218.9876",
    "slash": "811218/9876",
    "zero-width space": "8112\u200b18-9876",
    "soft hyphen": "81\u00ad1218-9876",
    "word joiner": "811218\u2060-9876",
    "Markdown emphasis": "8112**18**-9876",
    "Markdown underscores": "8112_18_-9876",
    "Markdown escape": "811218\\-9876",
    "code span": "`811218`-9876",
    "numeric reference": "811218&#45;9876",
    "hex reference": "811218&#x2d;9876",
    "named reference": "811218&ndash;9876",
    "digits as references": "8112&#49;8-9876",
    "century and en dash": "19811218\u20139876",
}


@pytest.mark.parametrize("text", list(VARIANTS.values()), ids=list(VARIANTS))
def test_every_way_of_writing_a_number_is_found(text):
    (hit,) = find_identity_numbers(f"Kontakt: {text}, tack.")
    assert hit.text == text.lstrip("`")  # from its first digit
    assert hit.digits == VALID


@pytest.mark.parametrize("text", list(VARIANTS.values()), ids=list(VARIANTS))
def test_every_way_of_writing_a_number_is_an_error_in_the_body(tmp_path, text):
    hits = findings(tmp_path, f"Anna ringde från {text} i går.", rule="personal-identity-number")
    assert [(f.severity, f.message.startswith("Texten")) for f in hits] == [("error", True)]


@pytest.mark.parametrize(
    "escaped",
    ["811218\\u20139876", "811218\\x2d9876", "8112\\u200b18-9876", "\\u0038112189876"],
)
def test_a_number_written_with_yaml_escapes_is_found_in_the_value(tmp_path, escaped):
    """The file's text holds only the escapes; the published value holds the number."""
    area = f'area: "Kolla {escaped}"\n'
    hits = findings(tmp_path, fm_extra=area, rule="personal-identity-number")
    assert len(hits) == 1
    assert hits[0].message.startswith("Fältet")
    head = VALID_DIALOGUE.split("---\n", 2)[1]
    assert hits[0].line == head.split("\n").index("area: Kolla") + 2


def test_a_number_in_the_file_name_is_an_error(tmp_path):
    head = VALID_DIALOGUE.split("---\n", 2)[1]
    path = write(tmp_path, f"---\n{head}---\n\nText.\n", name="anna-811218-9876.md")
    (checked,) = check_files([path], KUNGSBACKA, TODAY)
    hits = [f for f in checked.findings if f.rule == "personal-identity-number"]
    assert [(f.line, f.severity) for f in hits] == [(1, "error")]
    assert "Filnamnet" in hits[0].message
    assert in_slug("anna-19811218-9876") and not in_slug("kolla-torg-2026-03-01")


def _mobile_numbers(n: int) -> list[str]:
    import random

    draw = random.Random(2026)
    return [f"07{draw.choice('02369')}{draw.randrange(10**7):07d}" for _ in range(n)]


def test_mobile_numbers_are_not_identity_numbers():
    """Ten digits from 07 are a Swedish mobile number, even when they also make a date and
    a right check digit (about one in a hundred do)."""
    numbers = _mobile_numbers(2000)
    assert sum(_looks_like_a_number(n) for n in numbers) > 5  # the test means something
    assert [n for n in numbers if list(find_identity_numbers(f"Ring {n}."))] == []


def _looks_like_a_number(digits: str) -> bool:
    from generator.core.identity import _date_exists, _luhn_ok

    return _date_exists("", digits[:2], digits[2:4], digits[4:6]) and _luhn_ok(digits)


def test_a_mobile_shaped_number_with_its_hyphen_or_century_is_still_found():
    born_2007 = pnr("070322", "123")
    assert list(find_identity_numbers(f"x {born_2007} y")) == []
    assert len(list(find_identity_numbers(f"x {born_2007[:6]}-{born_2007[6:]} y"))) == 1
    assert len(list(find_identity_numbers(f"x 20{born_2007} y"))) == 1
