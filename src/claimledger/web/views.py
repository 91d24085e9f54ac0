"""One function per page: (connection, path params, query params) -> a JSON-able dict.

The HTML page renders the dict with a template; the ``/api/...`` route sends
it as JSON, so both show the same data.  A view raises ``NotFound`` for an
unknown id; a search it cannot run comes back with ``error`` set.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Mapping
from typing import Any

from claimledger.compare import views as compare_views
from claimledger.extract.store import row_to_export
from claimledger.link import store as entity_store
from claimledger.link.service import EntityError, find
from claimledger.store import documents as docstore
from claimledger.web import lists as L
from claimledger.web import queries as Q
from claimledger.web.textview import paragraph_around, paragraphs_with_claims, short

MAX_PAGE = 2000
_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")

Params = Mapping[str, str]


class NotFound(LookupError):
    """An id that names nothing in the ledger."""


def page_of(params: Params) -> int:
    try:
        return max(1, min(int(params.get("page", "1")), MAX_PAGE))
    except ValueError:
        return 1


def int_param(params: Params, name: str, default: int, lo: int = 1, hi: int = 10**6) -> int:
    try:
        return max(lo, min(int(params.get(name, default)), hi))
    except ValueError:
        return default


def paging(page: int, res: dict[str, Any], shown: int = 0) -> dict[str, Any]:
    first = (page - 1) * Q.PER_PAGE + 1
    return {
        "page": page,
        "per_page": Q.PER_PAGE,
        "first": first if shown else 0,
        "last": first + shown - 1 if shown else 0,
        "total": res.get("total"),
        "total_capped": res.get("total_capped", False),
        "has_prev": page > 1,
        "has_next": bool(res.get("has_next")),
    }


# -- overview and search ------------------------------------------------------------


def overview(conn: sqlite3.Connection, path: Params, params: Params) -> dict[str, Any]:
    contested = conn.execute(
        "SELECT id, label, status, n_docs FROM propositions"
        " WHERE status IN ('disputed', 'updated', 'mixed') ORDER BY n_docs DESC, id LIMIT 10"
    ).fetchall()
    return {
        "counts": L.overview_counts(conn),
        "recent_documents": L.documents_page(conn, "", 1)["items"][:8],
        "contested": [dict(r) for r in contested],
        "top_speakers": L.entities_page(conn, "", "", 1)["items"][:10],
    }


def search(conn: sqlite3.Connection, path: Params, params: Params) -> dict[str, Any]:
    f = Q.Filters(
        q=params.get("q", "").strip(),
        outlet=params.get("outlet", "").strip(),
        speaker=params.get("speaker", "").strip(),
        modality=params.get("modality", "").strip(),
        status=params.get("status", "").strip(),
        date_from=params.get("from", "").strip(),
        date_to=params.get("to", "").strip(),
    )
    page = page_of(params)
    data: dict[str, Any] = {
        "filters": f.params(),
        "error": None,
        "speaker_name": None,
        "claims": [],
        "facets": None,
        "documents": None,
        "documents_error": None,
        "paging": paging(page, {}),
    }
    for name, value in (("from", f.date_from), ("to", f.date_to)):
        if value and not _DATE.fullmatch(value):
            data["error"] = f"The “{name}” date must look like 2025-03-08 (or 2025-03, 2025)."
            return data
    speaker_ids = None
    if f.speaker:
        try:
            root = find(conn, f.speaker)
        except EntityError as exc:
            data["error"] = f"No single speaker matches: {exc}."
            return data
        speaker_ids = Q.member_ids(conn, root)
        data["speaker_name"] = Q.names_of(conn, [root]).get(root)
    try:
        res = Q.search_claims(conn, f, speaker_ids, page)
    except Q.QueryError as exc:
        data["error"] = (
            f"The search “{f.q}” could not be understood ({exc}). Use plain words,"
            ' "quoted phrases", AND / OR / NOT between words, and word* for prefixes.'
        )
        return data
    data.update(
        claims=res["items"], facets=res["facets"], paging=paging(page, res, len(res["items"]))
    )
    if f.q and page == 1:
        try:
            data["documents"] = Q.search_documents(conn, f)
        except Q.QueryError as exc:
            data["documents_error"] = f"Documents could not be searched with this query ({exc})."
    return data


# -- claims ---------------------------------------------------------------------------


def claim(conn: sqlite3.Connection, path: Params, params: Params) -> dict[str, Any]:
    row = L.claim_row(conn, path["id"])
    if row is None:
        raise NotFound(f"No claim with id {path['id']!r}.")
    via = L.loads(row["via"])
    roots = Q.roots_of(conn, [row["speaker"], *via])
    names = Q.names_of(conn, list(roots.values()))
    rec = row_to_export(row, roots)
    rec["speaker_display"] = names.get(rec["speaker"]) if rec["speaker"] else None
    rec["via"] = [{"id": v, "name": names.get(v, v)} for v in rec["via"]]
    rec["speaker_type"] = row["speaker_type"]
    text = row["doc_text"]
    return {
        "claim": rec,
        "document": {
            "id": row["doc"],
            "title": row["title"],
            "outlet": row["outlet"],
            "published": row["published"],
            "url": row["url"],
        },
        "proposition": (
            {"id": row["proposition"], "label": row["prop_label"], "status": row["prop_status"]}
            if row["proposition"]
            else None
        ),
        "paragraph": paragraph_around(text, row["start"], row["end"]),
        "relations": L.claim_relations(conn, row["id"]),
    }


# -- propositions -------------------------------------------------------------------


def propositions(conn: sqlite3.Connection, path: Params, params: Params) -> dict[str, Any]:
    status = params.get("status", "").strip()
    min_docs = int_param(params, "min_docs", 1)
    page = page_of(params)
    res = L.propositions_page(conn, status, min_docs, page)
    return {
        "filters": {"status": status, "min_docs": min_docs if min_docs != 1 else ""},
        "items": res["items"],
        "statuses": res["statuses"],
        "paging": paging(page, res, len(res["items"])),
    }


def proposition(conn: sqlite3.Connection, path: Params, params: Params) -> dict[str, Any]:
    p = compare_views.proposition(conn, path["id"])
    if p is None:
        raise NotFound(f"No proposition with id {path['id']!r}.")
    by_id = {c["id"]: c for c in p["claims"]}
    for r in p["relations"]:
        for side in ("a", "b"):
            c = by_id.get(r[side])
            r[f"{side}_text"] = short(c["text"]) if c else None
            r[f"{side}_outlet"] = c["outlet"] if c else None
    return p


# -- entities -----------------------------------------------------------------------


def entities(conn: sqlite3.Connection, path: Params, params: Params) -> dict[str, Any]:
    type_ = params.get("type", "").strip()
    name = params.get("name", "").strip()
    page = page_of(params)
    res = L.entities_page(conn, type_, name, page)
    return {
        "filters": {"type": type_, "name": name},
        "items": res["items"],
        "types": res["types"],
        "paging": paging(page, res, len(res["items"])),
    }


def entity(conn: sqlite3.Connection, path: Params, params: Params) -> dict[str, Any]:
    try:
        root = find(conn, path["id"])
    except EntityError as exc:
        raise NotFound(str(exc)) from exc
    d = entity_store.describe(conn, root)
    ids = d.pop("members")
    d.pop("claims")
    reps = conn.execute(
        "SELECT DISTINCT entity_id FROM entity_links WHERE relation = 'stands_for'"
        f" AND target_id IN ({Q.qmarks(ids)})",
        ids,
    ).fetchall()
    rep_roots = sorted(set(Q.roots_of(conn, [r[0] for r in reps]).values()) - {root})
    rep_names = Q.names_of(conn, rep_roots)
    d["represented_by"] = [{"id": r, "name": rep_names.get(r, r)} for r in rep_roots]
    speakers = ids + [m for r in rep_roots for m in Q.member_ids(conn, r)]
    page = page_of(params)
    res = L.claims_by_speakers(conn, speakers, page)
    sroots = Q.roots_of(conn, [c["speaker"] for c in res["items"]])
    for c in res["items"]:
        sp = sroots.get(c["speaker"], c["speaker"])
        c["speaker"] = sp
        c["through"] = None if sp == root else {"id": sp, "name": rep_names.get(sp, sp)}
    docs = [a["doc"] for a in d["attributes"]]
    docs += [doc for c in d["conflicts"] for v in c["values"] for doc in v["docs"]]
    d["documents"] = L.doc_titles(conn, docs)
    d["claims"] = res["items"]
    d["paging"] = paging(page, res, len(res["items"]))
    return d


# -- documents ----------------------------------------------------------------------


def documents(conn: sqlite3.Connection, path: Params, params: Params) -> dict[str, Any]:
    outlet = params.get("outlet", "").strip()
    page = page_of(params)
    res = L.documents_page(conn, outlet, page)
    return {
        "filters": {"outlet": outlet},
        "items": res["items"],
        "outlets": res["outlets"],
        "paging": paging(page, res, len(res["items"])),
    }


def document(conn: sqlite3.Connection, path: Params, params: Params) -> dict[str, Any]:
    doc = docstore.get(conn, path["id"])
    if doc is None:
        raise NotFound(f"No document with id {path['id']!r}.")
    claims = L.document_claims(conn, doc.id)
    roots = Q.roots_of(conn, [c["speaker"] for c in claims])
    names = Q.names_of(conn, list(roots.values()))
    for c in claims:
        sp = roots.get(c["speaker"], c["speaker"]) if c["speaker"] else None
        c["speaker"] = sp
        c["speaker_display"] = names.get(sp, c["speaker_name"]) if sp else c["speaker_name"]
    duplicates = [
        r[0]
        for r in conn.execute(
            "SELECT id FROM documents WHERE duplicate_of = ? ORDER BY rowid LIMIT 100", (doc.id,)
        )
    ]
    spans = [(c["start"], c["end"], c["id"]) for c in claims]
    return {
        "document": doc.to_dict(with_text=True),
        "paragraphs": paragraphs_with_claims(doc.text, spans),
        "claims": claims,
        "duplicates": duplicates,
    }


# -- coverage -----------------------------------------------------------------------


def coverage(conn: sqlite3.Connection, path: Params, params: Params) -> dict[str, Any]:
    min_docs = int_param(params, "min_docs", 1)
    page = page_of(params)
    single_page = int_param(params, "single_page", 1, hi=MAX_PAGE)
    res = L.coverage_page(conn, min_docs, page, single_page)
    m, s = res["matrix"], res["single_outlet"]
    return {
        "filters": {"min_docs": min_docs, "page": page, "single_page": single_page},
        "outlets": res["outlets"],
        "matrix": m["items"],
        "paging": paging(page, m, len(m["items"])),
        "single_outlet": s["items"],
        "single_paging": paging(single_page, s, len(s["items"])),
    }
