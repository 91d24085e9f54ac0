"""Shared pieces for the CLI: default-to-list groups, output formats, progress."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import click


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
        for r in rows:
            w.writerow([_flat(r.get(c)) for c in columns])
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


def status(msg: str, quiet: bool = False) -> None:
    """Status lines go to stderr so stdout stays clean data."""
    if not quiet:
        click.echo(msg, err=True)


def iter_len(x: Iterable[Any]) -> int:
    return sum(1 for _ in x)
