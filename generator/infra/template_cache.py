"""Compiled Jinja templates kept between builds (ours and the theme's).

Compiling the templates is a fixed half second of every build. Jinja can keep the
compiled code in a folder, keyed by the template's name and checked against a hash of
its source, so an edited template is compiled again; we add the compiling environment's
settings to the key (see ``_Tolerant``). The folder is the user's cache
(``$XDG_CACHE_HOME/insyn/templates``, else ``~/.cache/insyn/templates``), never the
project: compiled code is run when loaded, and a pull request must not be able to bring
its own. ``INSYN_TEMPLATE_CACHE=0`` turns it off. A cache that cannot be read or written
is ignored: the templates are then compiled as before.
"""

from __future__ import annotations

import contextlib
import os
from functools import cache
from pathlib import Path

import jinja2
from jinja2 import BytecodeCache, Environment, FileSystemBytecodeCache
from jinja2.bccache import Bucket

ENV = "INSYN_TEMPLATE_CACHE"


class _Tolerant(FileSystemBytecodeCache):
    """A file-system cache whose failures only cost a compile, keyed by the environment too.

    Jinja keys compiled code by the template's name and file only, but the code depends on
    the environment that compiled it: autoescaping, the lexer's settings, extensions, and
    how each filter and test is called. Ours and MkDocs' environments load templates from
    shared folders, so these settings are part of the key.
    """

    def get_bucket(self, environment, name: str, filename: str | None, source: str) -> Bucket:
        key = self.get_cache_key(f"{_compiles_as(environment, name)}\0{name}", filename)
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except (OSError, ValueError, EOFError, TypeError):  # unreadable or damaged
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        with contextlib.suppress(OSError):  # read-only home, full disk
            super().dump_bytecode(bucket)


def _compiles_as(env: Environment, name: str) -> str:
    """What, besides the source, decides the code template ``name`` compiles to in ``env``."""
    lexer = (
        env.block_start_string, env.block_end_string, env.variable_start_string,
        env.variable_end_string, env.comment_start_string, env.comment_end_string,
        env.line_statement_prefix, env.line_comment_prefix, env.trim_blocks,
        env.lstrip_blocks, env.newline_sequence, env.keep_trailing_newline,
    )  # fmt: skip
    compiler = {k: v for k, v in env.policies.items() if k.startswith("compiler.")}
    # A function (select_autoescape) decides per template, when it is compiled.
    autoescape = env.autoescape(name) if callable(env.autoescape) else env.autoescape
    return repr((
        jinja2.__version__, lexer, bool(autoescape), env.optimized, env.is_async,
        _name(env.finalize), sorted(env.extensions), sorted(compiler.items()),
        sorted((n, _name(getattr(f, "jinja_pass_arg", None))) for n, f in env.filters.items()),
        sorted((n, _name(getattr(f, "jinja_pass_arg", None))) for n, f in env.tests.items()),
    ))  # fmt: skip


def _name(value: object) -> str:
    """A setting as stable text: a function by its qualified name, not its address."""
    if callable(value) and not isinstance(value, type):
        return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', '')}"
    return repr(value)


@cache
def template_cache() -> BytecodeCache | None:
    """The shared cache of compiled templates, or None when it is off or unusable."""
    if os.environ.get(ENV, "").strip().lower() in ("0", "no", "off", "false"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    folder = Path(base) / "insyn" / "templates"
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError:
        return None
    return _Tolerant(str(folder))
