"""Shared pieces for the CLI: default-to-list groups, output formats, progress."""

from __future__ import annotations

import csv
import io
import json
import sys
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import click


class LedgerGroup(click.Group):
    """The top command: a ledger found damaged while a command runs (a truncated file
    can open and fail on a later page) is one clear line, not a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        import sqlite3

        try:
            return super().invoke(ctx)
        except sqlite3.DatabaseError as exc:
            db = getattr(ctx.obj, "db", None) or "the ledger"
            raise click.ClickException(
                f"{db} cannot be read as a claimledger ledger: {exc} (is it a ledger, and whole?)"
            ) from exc


class DefaultGroup(click.Group):
    """A noun group whose bare invocation runs its ``list`` command.

    ``claimledger docs`` == ``claimledger docs list``; options given to the bare
    group go to ``list`` as well (``claimledger docs --json``).
    """

    default_cmd = "list"

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] not in ("--help", "-h")):
            args = [self.default_cmd, *args]
        return super().parse_args(ctx, args)


def output_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """--json / --csv / --table (default), shared by every listing command."""
    func = click.option(
        "--table", "fmt", flag_value="table", default=True, help="Aligned text table (default)."
    )(func)
    func = click.option("--csv", "fmt", flag_value="csv", help="CSV on stdout.")(func)
    func = click.option("--json", "fmt", flag_value="json", help="JSON on stdout.")(func)
    return func


def render(
    rows: Sequence[dict[str, Any]],
    columns: Sequence[str],
    fmt: str,
    widths: dict[str, int] | None = None,
) -> str:
    """Rows as a table, CSV or JSON; data always goes to stdout."""
    if fmt == "json":
        return json.dumps(list(rows), ensure_ascii=False, indent=2)
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow(columns)
        from claimledger.store.export import spreadsheet_safe

        for r in rows:
            w.writerow([
                v if isinstance(v, (int, float)) else spreadsheet_safe(_flat(v))
                for v in (r.get(c) for c in columns)
            ])  # fmt: skip
        return buf.getvalue().rstrip("\n")
    widths = widths or {}
    cells = [[_cut(_flat(r.get(c)), widths.get(c, 40)) for c in columns] for r in rows]
    size = [max([len(c)] + [len(row[i]) for row in cells]) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(size[i]) for i, c in enumerate(columns)).rstrip()]
    lines.append("  ".join("-" * s for s in size))
    for row in cells:
        lines.append("  ".join(v.ljust(size[i]) for i, v in enumerate(row)).rstrip())
    return "\n".join(lines)


def _flat(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, (list, tuple)):
        return ", ".join(_flat(x) for x in v)
    if isinstance(v, dict):
        return json.dumps(v, ensure_ascii=False)
    return " ".join(str(v).split())


def _cut(s: str, n: int) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"


class Progress:
    """A progress bar on stderr, silent under --quiet or when stderr is no TTY-less pipe."""

    def __init__(self, total: int | None, label: str, quiet: bool) -> None:
        self.quiet = quiet or total is None or total < 2
        self._bar: Any = None
        if not self.quiet:
            self._bar = click.progressbar(
                length=total, label=label, file=sys.stderr, show_pos=True, show_eta=True
            )
            self._bar.__enter__()

    def step(self, *_: Any) -> None:
        if self._bar is not None:
            self._bar.update(1)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)
            self._bar = None


def shown(name: str) -> str:
    """A file name or URL as it can be printed on one status line: control characters
    (a newline in a file name would forge a line of output), bidirectional overrides
    and backslashes are written as escapes."""
    out = []
    for ch in name:
        cat = unicodedata.category(ch)
        if ch == "\\":
            out.append("\\\\")
        elif cat in ("Cc", "Cf", "Zl", "Zp", "Cs"):
            code = ord(ch)
            out.append(
                {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(ch)
                or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
            )
        else:
            out.append(ch)
    return "".join(out)


def skipped_line(origin: str, reason: str) -> str:
    return f"claimledger: skipped {shown(origin)}: {reason}"


def note_line(origin: str, message: str) -> str:
    return f"claimledger: note {shown(origin)}: {message}"


def status(msg: str, quiet: bool = False) -> None:
    """Status lines go to stderr so stdout stays clean data."""
    if not quiet:
        click.echo(msg, err=True)


def iter_len(x: Iterable[Any]) -> int:
    return sum(1 for _ in x)
