"""An opt-in cache of validation results, keyed by content: ``INSYN_CACHE=1 insyn validate``.

A file's result is reused when nothing that decides it has changed: the file's bytes and
displayed path, the policy file, the build date (``INSYN_TODAY``), and Insyn itself (the
version and every source file of the ``generator`` package, by size and modification
time, plus the versions of the libraries that parse and validate). Results are stored as
JSON in ``.cache/insyn/validate-<key>.json`` (or under ``INSYN_CACHE`` if it names a
folder). Only per-file findings are cached; the rules that look across files always run.

The cache must never let a wrong file pass, so it is not trusted blindly: every entry is
signed (HMAC-SHA256) with a random key kept outside the project, in
``~/.cache/insyn/key``. A cache file committed to a repository, or edited by hand, is
ignored. Do not enable it in CI; there every run is cold anyway.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import hmac
import json
import os
import secrets
import tempfile
from pathlib import Path

from generator.core.findings import Finding, Severity

ENV = "INSYN_CACHE"


def enabled() -> bool:
    return os.environ.get(ENV, "").strip() not in ("", "0", "no", "off")


def _folder() -> Path:
    value = os.environ.get(ENV, "").strip()
    return Path(value) if value not in ("1", "yes", "on", "true") else Path(".cache/insyn")


def _secret() -> bytes:
    home = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "insyn"
    path = home / "key"
    with contextlib.suppress(OSError):
        return bytes.fromhex(path.read_text().strip())
    home.mkdir(parents=True, exist_ok=True)
    key = secrets.token_bytes(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(key.hex())
    return key


def _code_fingerprint() -> str:
    import pydantic
    import yaml

    try:
        import ryml

        ryml_version = ryml.__version__
    except ImportError:  # pragma: no cover
        ryml_version = ""
    from generator import __name__ as package

    root = Path(__file__).resolve().parent.parent  # the whole generator package
    parts = [package, pydantic.VERSION, yaml.__version__, ryml_version]
    for path in sorted(root.rglob("*")):
        if path.suffix in (".py", ".yaml", ".j2") and path.is_file():
            st = path.stat()
            parts.append(f"{path.relative_to(root)}:{st.st_size}:{st.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


class ResultCache:
    """Per-file results of one policy and date; ``get`` before checking, ``put`` after."""

    def __init__(self, policy_path: str, today: dt.date):
        policy_bytes = b""
        with contextlib.suppress(OSError):
            policy_bytes = Path(policy_path).read_bytes()
        salt = hashlib.sha256(
            b"\0".join([_code_fingerprint().encode(), policy_bytes, today.isoformat().encode()])
        ).hexdigest()[:24]
        self.file = _folder() / f"validate-{salt}.json"
        self.secret = _secret()
        self.entries: dict[str, dict] = {}
        self.dirty = False
        with contextlib.suppress(OSError, ValueError):
            data = json.loads(self.file.read_text(encoding="utf-8"))
            if isinstance(data, dict):
                self.entries = data

    def _sign(self, key: str, record: dict) -> str:
        body = json.dumps(record, sort_keys=True, ensure_ascii=False)
        return hmac.new(self.secret, f"{key}\0{body}".encode(), hashlib.sha256).hexdigest()

    @staticmethod
    def key(display: str, raw: bytes) -> str:
        return hashlib.blake2b(display.encode() + b"\0" + raw, digest_size=20).hexdigest()

    def get(self, key: str) -> dict | None:
        entry = self.entries.get(key)
        if not isinstance(entry, dict) or not isinstance(entry.get("record"), dict):
            return None
        if not hmac.compare_digest(str(entry.get("sig", "")), self._sign(key, entry["record"])):
            return None
        return entry["record"]

    def put(self, key: str, record: dict) -> None:
        self.entries[key] = {"record": record, "sig": self._sign(key, record)}
        self.dirty = True

    def save(self) -> None:
        if not self.dirty:
            return
        with contextlib.suppress(OSError):
            self.file.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.file.parent, prefix=".validate-")
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(self.entries, fh, ensure_ascii=False)
            os.replace(tmp, self.file)


def record_of(checked) -> dict:
    """What a lean result needs, as JSON."""
    return {
        "slug": checked.slug,
        "body": checked.body,
        "body_line": checked.body_line,
        "valid": bool(checked.valid if checked.valid is not None else checked.dialogue),
        "findings": [f.as_dict() for f in checked.findings],
    }


def findings_of(record: dict) -> list[Finding]:
    return [_finding(f) for f in record["findings"]]


def _finding(f: dict) -> Finding:
    return Finding(
        file=f["file"], line=f["line"], col=f["column"], rule=f["rule"],
        severity=Severity(f["severity"]), message=f["message"], hint=f["hint"],
        clause=f["clause"], days=f["days"],
    )  # fmt: skip
