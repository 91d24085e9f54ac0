"""The `claimledger` command.  Each command parses its arguments and calls one
library function; data goes to stdout, progress and status to stderr."""

from __future__ import annotations

import sys
from typing import Any

import click

from claimledger import __version__
from claimledger.clikit import (
    DefaultGroup,
    LedgerGroup,
    Progress,
    note_line,
    output_options,
    render,
    shown,
    skipped_line,
    status,
)
from claimledger.models import DEFAULT_MAX_BYTES, AddOptions, Failure, Note


class State:
    def __init__(self, db: str | None, config: str | None, quiet: bool) -> None:
        self.db, self.config, self.quiet = db, config, quiet
        self._ledger: Any = None

    @property
    def ledger(self) -> Any:
        if self._ledger is None:
            from claimledger.ledger import Ledger
            from claimledger.store import StoreError

            try:
                self._ledger = Ledger(self.db, config=self.config)
                _ = self._ledger.conn
            except (StoreError, OSError, ValueError) as exc:
                raise click.ClickException(str(exc)) from exc
        return self._ledger


pass_state = click.make_pass_decorator(State)


@click.group(cls=LedgerGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db",
    envvar="CLAIMLEDGER_DB",
    default=None,
    metavar="PATH",
    help="Ledger file [env CLAIMLEDGER_DB; default ./claimledger.db].",
)
@click.option(
    "--config",
    "config",
    type=click.Path(exists=True, dir_okay=False),
    default=None,
    envvar="CLAIMLEDGER_CONFIG",
    help="TOML file choosing stage implementations.",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress bars or status lines.")
@click.version_option(__version__, prog_name="claimledger")
@click.pass_context
def cli(ctx: click.Context, db: str | None, config: str | None, quiet: bool) -> None:
    """A ledger of who claims what, when, how sure, and with which numbers."""
    ctx.obj = State(db, config, quiet)
    ctx.call_on_close(lambda: ctx.obj._ledger and ctx.obj._ledger.close())


# -- add ---------------------------------------------------------------------


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--outlet", help="Set the outlet of every added document.")
@click.option("--published", help="Set the publication date (ISO 8601) of every added document.")
@click.option("--title", help="Set the title of every added document.")
@click.option(
    "--max-bytes",
    type=int,
    default=DEFAULT_MAX_BYTES,
    show_default=True,
    help="Refuse inputs larger than this.",
)
@click.option(
    "--timeout",
    type=float,
    default=20.0,
    show_default=True,
    help="Seconds per URL, from connecting to the last byte (also: waiting on a pipe).",
)
@click.option("--no-analyze", is_flag=True, help="Store documents only; run `analyze` later.")
@click.option(
    "--no-follow", is_flag=True, help="Do not fetch the articles that feed entries link to."
)
@click.option(
    "--time-budget",
    type=float,
    default=300.0,
    show_default=True,
    help="Seconds one document's analysis may take; it is then stored with the claims "
    "found so far and flagged analysis-incomplete. 0: no limit.",
)
@click.option(
    "--max-feed-depth",
    type=click.IntRange(1),
    default=2,
    show_default=True,
    help="Feed levels read: 2 reads a feed and the feeds its entries link to.",
)
@click.option(
    "--max-feed-items",
    type=click.IntRange(1),
    default=500,
    show_default=True,
    help="Entries read per feed.",
)
@click.option(
    "--max-requests",
    type=click.IntRange(1),
    default=5000,
    show_default=True,
    help="HTTP requests per run, feed entries included.",
)
@pass_state
def add(
    state: State,
    inputs: tuple[str, ...],
    outlet: str | None,
    published: str | None,
    title: str | None,
    max_bytes: int,
    timeout: float,
    no_analyze: bool,
    no_follow: bool,
    time_budget: float,
    max_feed_depth: int,
    max_feed_items: int,
    max_requests: int,
) -> None:
    """Add articles: files, folders, globs, - (stdin), URLs, RSS/Atom feeds.

    Formats: .txt/.md, .html/.htm, .json/.jsonl (title, text or html, url,
    published, outlet, author), RSS/Atom.  The same content twice is a no-op;
    near-duplicates are stored and marked.  Bad inputs are reported on stderr
    and skipped; the exit status is 1 when any input failed.
    """
    bar: Progress | None = None

    def on_total(n: int) -> None:
        nonlocal bar
        bar = Progress(n, "Adding", state.quiet)

    def on_failure(f: Failure) -> None:
        click.echo(skipped_line(f.origin, f.reason), err=True)

    def on_note(n: Note) -> None:
        click.echo(note_line(n.origin, n.message), err=True)

    def on_progress(_origin: str) -> None:
        if bar is not None:
            bar.step()

    opts = AddOptions(
        outlet=outlet,
        published=published,
        title=title,
        max_bytes=max_bytes,
        timeout=timeout,
        analyze=not no_analyze,
        follow_feeds=not no_follow,
        time_budget=time_budget or None,
        max_feed_depth=max_feed_depth,
        max_feed_items=max_feed_items,
        max_requests=max_requests,
        on_total=on_total,
        on_progress=on_progress,
        on_failure=on_failure,
        on_note=on_note,
    )
    from claimledger.ingest.pipeline import OptionsError

    try:
        result = state.ledger.add(list(inputs), opts)
    except OptionsError as exc:
        raise click.UsageError(str(exc)) from exc
    finally:
        if bar is not None:
            bar.close()
    click.echo(result.summary(), err=True)
    if not result.ok:
        sys.exit(1)


# -- docs --------------------------------------------------------------------


@cli.group(cls=DefaultGroup)
def docs() -> None:
    """Stored documents (default: list)."""


DOC_COLUMNS = ["id", "outlet", "published", "title", "author", "language", "duplicate_of"]


@docs.command("list")
@click.option("--outlet", help="Only this outlet.")
@click.option("--limit", type=int, default=None, help="At most this many.")
@click.option("--offset", type=int, default=0)
@output_options
@pass_state
def docs_list(state: State, outlet: str | None, limit: int | None, offset: int, fmt: str) -> None:
    """List documents with their metadata."""
    rows = [d.to_dict(with_text=False) for d in state.ledger.documents(outlet, limit, offset)]
    click.echo(render(rows, DOC_COLUMNS, fmt, {"title": 50, "author": 24}))


@docs.command("show")
@click.argument("doc_id")
@click.option("--json", "as_json", is_flag=True, help="JSON on stdout.")
@pass_state
def docs_show(state: State, doc_id: str, as_json: bool) -> None:
    """One document: metadata and the stored text that claim offsets refer to."""
    doc = state.ledger.document(doc_id)
    if doc is None:
        raise click.ClickException(f"no document with id {doc_id!r}")
    if as_json:
        import json

        click.echo(json.dumps(doc.to_dict(), ensure_ascii=False, indent=2))
        return
    for key in (
        "id",
        "origin",
        "url",
        "canonical_url",
        "outlet",
        "author",
        "title",
        "published",
        "language",
        "duplicate_of",
        "flags",
    ):
        val = getattr(doc, key)
        click.echo(f"{key:>13}: {shown(', '.join(val) if isinstance(val, list) else (val or ''))}")
    click.echo("")
    click.echo(doc.text)


# -- analyze / claims --------------------------------------------------------


@cli.command()
@click.argument("doc_ids", nargs=-1)
@click.option("--all", "all_docs", is_flag=True, help="Re-analyse every stored document.")
@pass_state
def analyze(state: State, doc_ids: tuple[str, ...], all_docs: bool) -> None:
    """Re-run claim extraction (after an upgrade or a configuration change)."""
    if not doc_ids and not all_docs:
        raise click.UsageError("name document ids, or use --all")
    ledger = state.ledger
    ids = None if all_docs else list(doc_ids)
    total = len(ledger.documents()) if all_docs else len(doc_ids)
    bar = Progress(total, "Analysing", state.quiet)
    try:
        n = ledger.analyze(ids, on_progress=bar.step)
    finally:
        bar.close()
    status(f"{n} documents analysed", state.quiet)


@cli.group(cls=DefaultGroup)
def claims() -> None:
    """Extracted claims (default: list)."""


CLAIM_COLUMNS = ["id", "outlet", "published", "speaker_name", "cue", "kind", "modality", "text"]


@claims.command("list")
@click.option("--doc", help="Only claims of this document (id or prefix).")
@click.option("--speaker", help="Speaker entity id, or part of a speaker's name.")
@click.option(
    "--modality",
    type=click.Choice(["asserted", "hedged", "speculative", "denied", "question", "other"]),
)
@click.option(
    "--kind", type=click.Choice(["direct_quote", "indirect", "according_to", "assertion", "other"])
)
@click.option("--outlet", help="Only claims from this outlet.")
@click.option("--search", "text", help="Full-text query over claims (FTS5 syntax).")
@click.option("--attributed", is_flag=True, help="Leave out the documents' own assertions.")
@click.option("--limit", type=int, default=100, show_default=True)
@click.option("--offset", type=int, default=0)
@output_options
@pass_state
def claims_list(state: State, fmt: str, **filters: Any) -> None:
    """List claims: who says what, how, and how sure."""
    import sqlite3

    from claimledger.models import ClaimQuery

    q = ClaimQuery(attributed_only=filters.pop("attributed"), **filters)
    try:
        rows = state.ledger.claims(q)
    except sqlite3.OperationalError as exc:
        raise click.ClickException(f"bad search query {q.text!r}: {exc}") from exc
    click.echo(render(rows, CLAIM_COLUMNS, fmt, {"text": 70, "speaker_name": 24, "cue": 16}))


@claims.command("show")
@click.argument("claim_id")
@pass_state
def claims_show(state: State, claim_id: str) -> None:
    """One claim as JSON: span, speaker, cue, modality, figures and dates."""
    import json

    rec = state.ledger.claim(claim_id)
    if rec is None:
        raise click.ClickException(f"no claim with id {claim_id!r}")
    click.echo(json.dumps(rec, ensure_ascii=False, indent=2))


# -- entities ----------------------------------------------------------------


@cli.group(cls=DefaultGroup)
def entities() -> None:
    """People, bodies and places under all their names (default: list)."""


def _entity_errors(func: Any) -> Any:
    import functools

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from claimledger.link.service import EntityError

        try:
            return func(*args, **kwargs)
        except EntityError as exc:
            raise click.ClickException(str(exc)) from exc

    return wrapper


@entities.command("list")
@click.option("--type", "type_", type=click.Choice(["PERSON", "ORG", "GPE", "NORP", "GROUP"]))
@click.option("--limit", type=int, default=100, show_default=True)
@output_options
@pass_state
def entities_list(state: State, type_: str | None, limit: int, fmt: str) -> None:
    """List entities with their claim counts, most quoted first."""
    rows = state.ledger.entities(type_)[:limit]
    click.echo(render(rows, ["id", "type", "name", "aliases", "claims"], fmt, {"name": 40}))


@entities.command("show")
@click.argument("ref")
@click.option("--json", "as_json", is_flag=True, help="JSON on stdout.")
@pass_state
@_entity_errors
def entities_show(state: State, ref: str, as_json: bool) -> None:
    """One entity (id, id prefix or name): aliases, attributes, conflicts, claims."""
    import json

    d = state.ledger.entity(ref)
    if as_json:
        click.echo(json.dumps(d, ensure_ascii=False, indent=2))
        return
    click.echo(f"{d['name']}  [{d['type']}]  {d['id']}")
    click.echo(f"aliases: {', '.join(d['aliases'])}")
    for a in d["attributes"]:
        click.echo(f"  {a['key']}: {a['value']}  (doc {a['doc']})")
    for c in d["conflicts"]:
        vals = "; ".join(f"{v['value']} ({', '.join(v['docs'])})" for v in c["values"])
        click.echo(f"  sources disagree on {c['key']}: {vals}")
    for sf in d["stands_for"]:
        click.echo(f"  stands for {sf['name']} ({sf['why']})")
    if d["represented_by"]:
        click.echo("  represented by: " + ", ".join(r["name"] for r in d["represented_by"]))
    click.echo(f"claims ({len(d['claims'])}):")
    rows = [{**c, "via": "through " + c["through"] if c["through"] else ""} for c in d["claims"]]
    click.echo(render(rows, ["id", "outlet", "published", "modality", "text", "via"], "table",
                      {"text": 80}))  # fmt: skip


@entities.command("merge")
@click.argument("a")
@click.argument("b")
@pass_state
@_entity_errors
def entities_merge(state: State, a: str, b: str) -> None:
    """Merge entity B into entity A (kept across `analyze --all`)."""
    root = state.ledger.merge_entities(a, b)
    status(f"merged into {root}", state.quiet)


@entities.command("split")
@click.argument("ref")
@click.option("--alias", "aliases", multiple=True, help="A name to split off (repeatable).")
@pass_state
@_entity_errors
def entities_split(state: State, ref: str, aliases: tuple[str, ...]) -> None:
    """Split names off an entity that wrongly groups two (kept across re-analysis)."""
    ids = state.ledger.split_entity(ref, list(aliases) or None)
    status(f"split off {', '.join(ids)}", state.quiet)


@entities.command("rename")
@click.argument("ref")
@click.argument("name")
@pass_state
@_entity_errors
def entities_rename(state: State, ref: str, name: str) -> None:
    """Give an entity the name the ledger should show."""
    root = state.ledger.rename_entity(ref, name)
    status(f"renamed {root} to {name!r}", state.quiet)


# -- propositions, timeline, coverage ----------------------------------------

STATUSES = ["single_source", "corroborated", "disputed", "updated", "mixed"]


@cli.group(cls=DefaultGroup)
def propositions() -> None:
    """Claims grouped across sources, with their status (default: list)."""


@propositions.command("list")
@click.option("--status", type=click.Choice(STATUSES))
@click.option(
    "--min-docs",
    type=int,
    default=2,
    show_default=True,
    help="Only those carried by this many documents.",
)
@click.option("--limit", type=int, default=200, show_default=True)
@output_options
@pass_state
def propositions_list(
    state: State, status: str | None, min_docs: int, limit: int, fmt: str
) -> None:
    """List propositions: what several sources speak about, and whether they agree."""
    rows = state.ledger.propositions(status, min_docs, limit)
    click.echo(render(rows, ["id", "status", "n_docs", "n_outlets", "first_seen", "last_seen", "label"], fmt,
                      {"label": 70}))  # fmt: skip


@propositions.command("show")
@click.argument("prop_id")
@click.option("--json", "as_json", is_flag=True, help="JSON on stdout.")
@pass_state
def propositions_show(state: State, prop_id: str, as_json: bool) -> None:
    """One proposition: its claims, the figures table, relations and status over time."""
    import json

    p = state.ledger.proposition(prop_id)
    if p is None:
        raise click.ClickException(f"no proposition with id {prop_id!r}")
    if as_json:
        click.echo(json.dumps(p, ensure_ascii=False, indent=2))
        return
    click.echo(f"{p['label']}\n[{p['status']}]  {p['n_claims']} claims in {p['n_docs']} documents, "
               f"{p['first_seen'] or '?'} .. {p['last_seen'] or '?'}  ({p['id']})\n")  # fmt: skip
    click.echo(render(p["claims"], ["id", "published", "outlet", "speaker_name", "modality", "text"], "table",
                      {"text": 70, "speaker_name": 22}))  # fmt: skip
    if p["figures"]:
        click.echo("\nfigures:")
        rows = [{**f, "disagrees_with": "; ".join(f"{c['claim']}: {c['why']}" for c in f["conflicts"])}
                for f in p["figures"]]  # fmt: skip
        click.echo(render(rows, ["claim", "text", "value", "low", "high", "qualifier", "unit", "stage",
                                 "speaker", "outlet", "published", "disagrees_with"], "table",
                          {"disagrees_with": 60}))  # fmt: skip
    if p["relations"]:
        click.echo("\nrelations (a TYPE b):")
        click.echo(render(p["relations"], ["a", "type", "b", "why"], "table", {"why": 80}))


@cli.command()
@click.option("--proposition", "prop", help="Only this proposition.")
@click.option("--limit", type=int, default=500, show_default=True)
@output_options
@pass_state
def timeline(state: State, prop: str | None, limit: int, fmt: str) -> None:
    """Claims ordered by the date of the event they report, else by publication."""
    rows = state.ledger.timeline(prop, limit)
    click.echo(render(rows, ["date", "date_kind", "outlet", "speaker_name", "modality", "status", "text"], fmt,
                      {"text": 70, "speaker_name": 22}))  # fmt: skip


@cli.command()
@click.option("--min-docs", type=int, default=1, show_default=True)
@output_options
@pass_state
def coverage(state: State, min_docs: int, fmt: str) -> None:
    """Which outlet reported what: an outlet x proposition matrix."""
    cov = state.ledger.coverage(min_docs)
    if fmt == "json":
        import json

        click.echo(json.dumps(cov, ensure_ascii=False, indent=2))
        return
    rows = [{"proposition": m["proposition"], "status": m["status"], "label": m["label"],
             **{o: (m["outlets"][o] or "") for o in cov["outlets"]}} for m in cov["matrix"]]  # fmt: skip
    click.echo(
        render(rows, ["proposition", "status", *cov["outlets"], "label"], fmt, {"label": 50})
    )
    if fmt == "table":
        status(f"{len(cov['single_outlet'])} of {len(cov['matrix'])} propositions are carried by one outlet only",
               state.quiet)  # fmt: skip


# -- report ------------------------------------------------------------------


@cli.command()
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False),
    help="FILE.md or FILE.html (one self-contained file that works offline).",
)
@click.option("--title", default=None, help="Title of the briefing.")
@pass_state
def report(state: State, output: str, title: str | None) -> None:
    """Write a briefing in which every line cites the sentence it comes from."""
    from claimledger.report import write_report

    try:
        path = write_report(state.ledger, output, title)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc
    status(f"wrote {shown(str(path))}", state.quiet)


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", type=int, default=8765, show_default=True, help="Port to listen on.")
@click.option(
    "--allow-host",
    "allow_hosts",
    multiple=True,
    metavar="NAME",
    help="Also answer requests for this host name (repeatable); others get 400.",
)
@pass_state
def serve(state: State, host: str, port: int, allow_hosts: tuple[str, ...]) -> None:
    """Browse the ledger in a local, read-only web UI.

    It answers only requests addressed to the host it is bound to (127.0.0.1 and
    localhost by default), so a web page elsewhere cannot read the ledger through your
    browser; --allow-host adds a name.  It has no login: bind it to an open interface
    (--host 0.0.0.0) only on a network you trust."""
    from pathlib import Path

    from claimledger.ledger import default_db_path

    db = state.db or default_db_path()
    if not Path(db).is_file():
        raise click.ClickException(
            f"no ledger at {db}; add documents first (claimledger add ...) or pass --db PATH"
        )
    try:
        import uvicorn

        from claimledger.web.app import create_app, host_names
    except ImportError as exc:
        raise click.ClickException(
            f"the web UI needs starlette, jinja2 and uvicorn ({exc.name} is missing)"
        ) from exc
    from claimledger.store import StoreError

    allowed = host_names(host)
    if allowed is not None:
        allowed = [*allowed, *(h.lower() for h in allow_hosts)]
    elif allow_hosts:
        allowed = [h.lower() for h in allow_hosts]
    try:
        app = create_app(db, allowed_hosts=allowed)
    except (StoreError, OSError) as exc:
        raise click.ClickException(str(exc)) from exc
    if host_names(host) is None:
        click.echo(
            f"claimledger: warning: listening on {host}, every interface: the UI has no"
            " authentication, and anyone who can reach this port can read the whole ledger",
            err=True,
        )
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"claimledger: serving {db} read-only at http://{shown}:{port}/", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


# -- search / export / demo --------------------------------------------------


def _self_command() -> str:
    """How to call this program again: ``claimledger`` when that is on PATH, else its path
    (``.venv/bin/claimledger`` straight after ``make demo``)."""
    import os
    import shutil

    argv0 = sys.argv[0] if sys.argv and sys.argv[0] else ""
    found = shutil.which("claimledger")
    if not argv0.endswith("claimledger") or (
        found and os.path.realpath(found) == os.path.realpath(argv0)
    ):
        return "claimledger"
    rel = os.path.relpath(argv0)
    return rel if not rel.startswith("..") else argv0


@cli.command()
@click.argument("query")
@click.option("--limit", type=int, default=20, show_default=True)
@output_options
@pass_state
def search(state: State, query: str, limit: int, fmt: str) -> None:
    """Full-text search over documents (SQLite FTS5 syntax)."""
    import sqlite3

    try:
        hits = state.ledger.search(query, limit)
    except sqlite3.OperationalError as exc:
        raise click.ClickException(f"bad search query {query!r}: {exc}") from exc
    rows = [{**d.to_dict(with_text=False), "snippet": snip} for d, snip in hits]
    click.echo(
        render(
            rows,
            ["id", "outlet", "published", "title", "snippet"],
            fmt,
            {"title": 40, "snippet": 70},
        )
    )


@cli.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "jsonl", "csv"]),
    default="json",
    show_default=True,
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True),
    default=None,
    help="Write here instead of stdout.",
)
@pass_state
def export(state: State, fmt: str, output: str | None) -> None:
    """Export the ledger (JSON follows the claimledger-export/1 contract)."""
    if output:
        with open(output, "w", encoding="utf-8", newline="") as fp:
            state.ledger.export_to(fp, fmt)
        status(f"wrote {shown(str(output))}", state.quiet)
    else:
        state.ledger.export_to(sys.stdout, fmt)


@cli.command()
@click.option(
    "--dir",
    "out_dir",
    default="demo-output",
    show_default=True,
    type=click.Path(file_okay=False),
    help="Where the demo writes its files.",
)
@pass_state
def demo(state: State, out_dir: str) -> None:
    """Run the main job on the bundled sample corpus and say where the output is."""
    from claimledger.demo import run_demo

    bar: Progress | None = None

    def on_total(n: int) -> None:
        nonlocal bar
        bar = Progress(n, "Adding sample corpus", state.quiet)

    def on_progress(_origin: str) -> None:
        if bar is not None:
            bar.step()

    opts = AddOptions(
        on_total=on_total,
        on_progress=on_progress,
        on_failure=lambda f: click.echo(skipped_line(f.origin, f.reason), err=True),
        on_note=lambda n: click.echo(note_line(n.origin, n.message), err=True),
    )
    try:
        res = run_demo(out_dir, opts)
    finally:
        if bar is not None:
            bar.close()
    click.echo(res.add.summary(), err=True)
    rows = [("Ledger:", str(res.db)), ("Export:", str(res.export))]
    rows += [(f"Briefing ({name.rsplit('.', 1)[-1]}):", str(p)) for name, p in res.outputs.items()]
    me = _self_command()
    rows.append(("Browse:", f"{me} --db {res.db} docs"))
    if "serve" in cli.commands:
        rows.append(("Serve:", f"{me} --db {res.db} serve"))
    width = max(len(k) for k, _ in rows) + 1
    for key, value in rows:
        click.echo(f"{key:<{width}}{value}")
    if not res.add.ok:
        sys.exit(1)


def main() -> None:
    cli(prog_name="claimledger")


if __name__ == "__main__":  # pragma: no cover
    main()
