"""Read one dialogue file: decode, split the front matter, parse it safely.

Every failure becomes a ``schema`` problem with a line, never an exception.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from generator.core.findings import FieldPath, Problem
from generator.core.model import CONTROL_CHARACTERS
from generator.core.model_errors import CONTROL_HINT
from generator.core.settings import Located
from generator.load.safe_yaml import Parsed, Positions, YamlProblem, parse

MAX_FILE_BYTES = 1_000_000
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_FENCE = "---"


@dataclass(slots=True)
class Source:
    """A dialogue file as read from disk, before the model is applied."""

    path: str  # as given, for messages
    slug: str
    text: str = ""
    data: dict[str, object] | None = None
    positions: Positions = field(default_factory=dict)
    body: str = ""
    body_line: int = 1  # file line where the body starts
    fm_line: int = 1  # file line of the opening ---
    problems: list[Problem] = field(default_factory=list)  # load problems (rule ``schema``)
    # Found once, used by two rules (see ``check.rules.text.body_link_targets``).
    body_links: list[tuple[str, int]] | None = None
    # What corpus rules worked out per file, where it was checked (rule id → their part).
    collected: dict[str, object] = field(default_factory=dict)

    def where(self, path: FieldPath) -> tuple[int, int]:
        """File line and column of a field, or of its closest ancestor that exists."""
        while path:
            if path in self.positions:
                line, col = self.positions[path]
                return line + self.fm_line, col
            path = path[:-1]
        return max(self.fm_line, 1), 1


def slug_of(path: Path) -> str:
    return path.name[:-3] if path.name.endswith(".md") else path.stem


@dataclass(frozen=True, slots=True)
class Ignored:
    """An entry of the dialogue folder that is not read: its path, and why (``kind``)."""

    path: str
    kind: Literal["folder", "case", "special", "markdown"]


@dataclass(frozen=True, slots=True)
class SiteFile:
    """One of the site's own files in the content folder (``about.md``…): its path as
    findings show it, its name in the folder, and its text (None: the file is missing)."""

    path: str
    name: str
    text: str | None


# The site's own files that the site rules read, in the content folder.
SITE_FILES = ("about.md", "privacy.md", "propose.md", "accessibility.yml")


class IsSymlink(Exception):
    """``read_source(..., follow=False)`` found a symlink where the file was expected."""


def read_source(
    path: Path,
    display: str | None = None,
    *,
    parser: Callable[[str], Parsed] = parse,
    follow: bool = True,
) -> Source:
    """``parser`` reads the front matter (``load.fast.parse_fast`` for batch checks). With
    ``follow=False`` a symlink is not read: ``IsSymlink`` is raised instead."""
    src = Source(path=display or str(path), slug=slug_of(path))
    try:
        raw = _read_capped(path, follow)  # IsSymlink passes through: it is no OSError
    except _TooBig as big:
        message = f"Filen är {big.size:,} byte; högst {MAX_FILE_BYTES:,} byte är tillåtet."
        src.problems.append(
            Problem(
                message.replace(",", " "),
                hint="Dela upp texten eller länka till ett dokument i stället.",
            )
        )
        return src
    except OSError as exc:
        src.problems.append(Problem(f"Filen kan inte läsas: {why_unreadable(exc)}."))
        return src
    return parse_source(raw, src, parser)


_UNREADABLE = {
    errno.ELOOP: "den är en symbolisk länk som leder i en slinga",
    errno.ENOENT: "den finns inte (en symbolisk länk till en fil som saknas?)",
    errno.EACCES: "behörighet saknas",
    errno.EPERM: "behörighet saknas",
    errno.EISDIR: "det är en mapp",
    errno.ENXIO: "det är ingen vanlig fil",
}


def why_unreadable(exc: OSError) -> str:
    """Why a file could not be read, in Swedish (the system's own words otherwise)."""
    return _UNREADABLE.get(exc.errno or 0, exc.strerror or str(exc))


class _TooBig(Exception):
    def __init__(self, size: int):
        self.size = size


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def _read_capped(path: Path, follow: bool = True) -> bytes:
    """The file's bytes, or ``_TooBig`` beyond ``MAX_FILE_BYTES``. Four system calls (open,
    fstat, read, close) where ``stat`` and ``read_bytes`` make ten: at this scale of
    thousands of small files, the calls cost more than the reading. Without ``follow``,
    a symlink is refused by the open itself (``IsSymlink``), with no ``lstat`` before it."""
    # Non-blocking: a pipe (a symlink to one) is refused below instead of waiting forever.
    flags = os.O_RDONLY | os.O_CLOEXEC | getattr(os, "O_NONBLOCK", 0)
    if not follow:
        if not _NOFOLLOW:
            raise IsSymlink  # the caller asks in its own way
        flags |= _NOFOLLOW
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if not follow and exc.errno == errno.ELOOP:
            raise IsSymlink from None
        raise
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise OSError(errno.ENXIO, "not a regular file")
        size = info.st_size
        if size > MAX_FILE_BYTES:
            raise _TooBig(size)
        data = os.read(fd, size + 1)
        if len(data) <= size:
            return data  # a short read: the end of the file
        chunks, size = [data], len(data)  # it grew, or is not a regular file: read on
        while chunk := os.read(fd, 1 << 16):
            chunks.append(chunk)
            size += len(chunk)
            if size > MAX_FILE_BYTES:
                raise _TooBig(size)
        return b"".join(chunks)
    finally:
        os.close(fd)


def _decode(raw: bytes, src: Source) -> str | None:
    """UTF-8 with or without BOM, any line ends → text with LF; None (and a problem) if invalid."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        src.problems.append(
            Problem(
                "Filen är inte giltig UTF-8.",
                line=raw[: exc.start].count(b"\n") + 1,
                hint="Spara filen som UTF-8 i din editor (\"Spara med kodning\").",
            )
        )
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    src.text = text
    return text


_CONTROL = re.compile(f"[{CONTROL_CHARACTERS}]")
MAX_CONTROL_PROBLEMS = 25


def _control_characters(body: str, first_line: int) -> list[Problem]:
    """A problem at each control character in the body (YAML reports those above it)."""
    problems = []
    for m in _CONTROL.finditer(body):
        if len(problems) == MAX_CONTROL_PROBLEMS:
            break
        line = body.count("\n", 0, m.start())
        col = m.start() - (body.rfind("\n", 0, m.start()) + 1) + 1
        problems.append(
            Problem(
                f"Brödtexten innehåller ett osynligt styrtecken (U+{ord(m.group()):04X}).",
                line=first_line + line,
                col=col,
                hint=CONTROL_HINT,
            )
        )
    return problems


def located(problems: list[Problem]) -> list[Located]:
    """Load problems as (line, column, message, hint), for a ``FileError``."""
    return [(p.line or 1, p.col or 1, p.message, p.hint) for p in problems]


def read_yaml_file(path: Path) -> Source:
    """Read a plain YAML file (a policy, a data file) with positions relative to line 1."""
    src = Source(path=str(path), slug=slug_of(path), fm_line=0)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        src.problems.append(Problem(f"Filen kan inte läsas: {why_unreadable(exc)}.", line=1))
        return src
    if len(raw) > MAX_FILE_BYTES:
        src.problems.append(Problem(f"Filen är större än {MAX_FILE_BYTES} byte.", line=1))
        return src
    text = _decode(raw, src)
    if text is None:
        return src
    try:
        parsed = parse(text)
    except YamlProblem as exc:
        src.problems.append(Problem(exc.message, line=exc.line, col=exc.col, hint=exc.hint))
        return src
    if not isinstance(parsed.data, dict):
        src.problems.append(Problem("Filen ska innehålla fält med namn och värde.", line=1))
        return src
    src.data, src.positions = parsed.data, parsed.positions
    return src


def closing_fence(text: str, start: int) -> int | None:
    """Where the line that closes the front matter starts: the first line from ``start`` (a
    line start) that is ``---`` or ``...`` and white space, as ``line.rstrip() in ("---",
    "...")`` reads it. ``str.find`` jumps from candidate to candidate; a multi-line regex
    would try every position of the file."""
    found = None
    for marker in ("---", "..."):
        at = start if text.startswith(marker, start) else _line_starting(text, marker, start)
        while at is not None:
            end = text.find("\n", at + 3)
            rest = text[at + 3 : len(text) if end == -1 else end]
            if not rest or rest.isspace():
                found = at if found is None else min(found, at)
                break
            at = _line_starting(text, marker, at + 3)
    return found


def _line_starting(text: str, marker: str, start: int) -> int | None:
    at = text.find("\n" + marker, start)
    return None if at == -1 else at + 1


def parse_source(
    raw: bytes, src: Source, parser: Callable[[str], Parsed] = parse
) -> Source:
    """Fill ``src`` from the file's bytes."""
    text = _decode(raw, src)
    if text is None:
        return src
    if not text.strip():
        src.problems.append(
            Problem("Filen är tom.", line=1, hint="Börja med en mall från `insyn new`.")
        )
        return src
    first_end = text.find("\n")
    first_end = len(text) if first_end == -1 else first_end
    if text[:first_end].rstrip() != _FENCE:
        src.problems.append(
            Problem(
                "Filen saknar front matter.",
                line=1,
                hint="Första raden ska vara `---`, följd av fälten och en avslutande rad `---`.",
            )
        )
        return src
    closing = closing_fence(text, first_end + 1) if first_end < len(text) else None
    if closing is None:
        src.problems.append(
            Problem(
                "Front matter avslutas aldrig.",
                line=1,
                hint="Lägg till en rad med bara `---` efter sista fältet.",
            )
        )
        return src
    src.fm_line = 1
    src.body_line = text.count("\n", 0, closing) + 2
    after = text.find("\n", closing)
    src.body = "" if after == -1 else text[after + 1 :]
    src.problems += _control_characters(src.body, src.body_line)
    try:
        parsed = parser(text[first_end + 1 : closing - 1])
    except YamlProblem as exc:
        src.problems.append(
            Problem(exc.message, line=exc.line + 1, col=exc.col, hint=exc.hint)
        )
        return src
    if not isinstance(parsed.data, dict):
        src.problems.append(
            Problem(
                "Front matter ska vara fält med namn och värde (`title: ...`).",
                line=2,
                hint="Varje rad börjar med ett fältnamn följt av kolon.",
            )
        )
        return src
    src.data = parsed.data
    src.positions = parsed.positions
    return src
