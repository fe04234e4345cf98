"""The one switch for every shortcut: ``INSYN_FAST=0`` (or ``no``, ``off``, ``false``)
turns off all code in the ``fast/`` folders, which lean on private names of MkDocs,
Python-Markdown, Material or icalendar, or are a second parser kept for speed. The site is
byte-identical either way (``tests/equivalence``)."""

from __future__ import annotations

import os

ENV = "INSYN_FAST"


def fast() -> bool:
    return os.environ.get(ENV, "").strip().lower() not in ("0", "no", "off", "false")
