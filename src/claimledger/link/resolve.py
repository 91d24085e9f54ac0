"""Linking: group entity rows into clusters, add stand-for links, replay corrections.

Runs inside each document's transaction on the rows that document created, so
adding an article touches only the clusters its names can join.  Candidates
come from shared blocking keys (a phonetic key of each name part, a
normalised organisation name, an acronym), never from all pairs.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable

from claimledger.extract.lexicon import BODY_WORDS
from claimledger.link import gazetteer as gz
from claimledger.link import store
from claimledger.link.keys import name_key
from claimledger.link.names import is_acronym, persons_match, skeleton, surname_fits, tokens

BODY_TYPES = {"ORG", "GROUP"}
_CANONICAL_COUNTRIES = set(gz.COUNTRY_ALIASES.values())
_COUNTRY_KEYS = {name_key(k): v for k, v in gz.COUNTRY_ALIASES.items()}


def org_key(name: str) -> str:
    """Organisation names compared without articles and with demonyms as countries."""
    key = name_key(name)
    for dem, country in sorted(gz.DEMONYMS.items(), key=lambda kv: -len(kv[0])):
        key = re.sub(rf"\b{re.escape(dem)}\b", country.lower(), key)
    return key


def blocks(name: str, type_: str) -> set[str]:
    if type_ == "PERSON":
        return {f"p:{skeleton(t)}" for t in tokens(name) if len(t) >= 3}
    out = {f"o:{org_key(name)}"}
    if is_acronym(name):
        out.add(f"a:{name.replace('.', '').upper()}")
    return out


def _index(conn: sqlite3.Connection, eid: str, name: str, type_: str) -> None:
    conn.executemany(
        "INSERT OR IGNORE INTO entity_blocks(block, entity_id) VALUES (?, ?)",
        [(b, eid) for b in blocks(name, type_)],
    )


def _candidates(conn: sqlite3.Connection, eid: str, bl: Iterable[str]) -> list[sqlite3.Row]:
    bl = list(bl)
    if not bl:
        return []
    rows = conn.execute(
        "SELECT DISTINCT e.* FROM entity_blocks b JOIN entities e ON e.id = b.entity_id"
        f" WHERE b.block IN ({','.join('?' * len(bl))}) AND e.id != ?",
        [*bl, eid],
    ).fetchall()
    return list(rows)


def _score(name: str, type_: str) -> tuple[int, ...]:
    """Which name a cluster should show: the fullest, unabbreviated one."""
    n = len(tokens(name))
    if type_ == "PERSON":
        return (n, len(name))
    canonical = int(name in _CANONICAL_COUNTRIES)
    plain = int("'s " not in name and "’s " not in name)
    return (canonical, int(not is_acronym(name)), plain, -abs(n - 3), len(name))


def _row(conn: sqlite3.Connection, eid: str) -> sqlite3.Row:
    return conn.execute("SELECT * FROM entities WHERE id = ?", (eid,)).fetchone()


def _join(conn: sqlite3.Connection, a: str, b: str) -> None:
    """Merge the clusters of ``a`` and ``b``; the better-named root stays root."""
    ra, rb = store.root_of(conn, a), store.root_of(conn, b)
    if ra == rb:
        return
    row_a, row_b = _row(conn, ra), _row(conn, rb)
    if row_a["locked"] and row_b["locked"]:
        return  # the user decided about both; leave them
    keep, fold = (
        (ra, rb)
        if _score(row_a["name"], row_a["type"]) >= _score(row_b["name"], row_b["type"])
        else (rb, ra)
    )
    if _row(conn, fold)["locked"]:
        keep, fold = fold, keep
    store.merge_into(conn, keep, fold)


def link(conn: sqlite3.Connection, new_ids: Iterable[str], doc: str | None = None) -> None:
    """Link newly created entity rows, then replay the user's corrections."""
    new = [r for eid in dict.fromkeys(new_ids) if (r := _row(conn, eid)) is not None]
    for r in new:
        _index(conn, r["id"], r["name"], r["type"])
    for r in new:
        if r["locked"]:
            continue
        if r["type"] == "PERSON":
            _link_person(conn, r)
        else:
            _link_body(conn, r)
        _stand_for(conn, r)
        _tagger_disagreement(conn, r)
    apply_corrections(conn)


def _tagger_disagreement(conn: sqlite3.Connection, r: sqlite3.Row) -> None:
    """One full name tagged a person in one article and a body in another is one entity:
    the tagger disagreed, the name did not change. It keeps the type most mentions give."""
    if r["type"] not in {"PERSON", "ORG"} or len(tokens(r["name"])) < 2:
        return
    other = conn.execute(
        "SELECT id FROM entities WHERE key = ? AND type IN ('PERSON', 'ORG') AND type != ?",
        (r["key"], r["type"]),
    ).fetchone()
    if other is None:
        return
    a, b = store.root_of(conn, r["id"]), store.root_of(conn, other[0])
    if a == b or _row(conn, a)["locked"] or _row(conn, b)["locked"]:
        return

    def support(root: str) -> int:
        ids = store.members(conn, root)
        q = ",".join("?" * len(ids))
        n = conn.execute(f"SELECT COUNT(*) FROM mentions WHERE entity_id IN ({q})", ids).fetchone()
        s = conn.execute(f"SELECT COUNT(*) FROM claims WHERE speaker IN ({q})", ids).fetchone()
        return int(n[0]) + int(s[0])

    keep, fold = (a, b) if (support(a), a) >= (support(b), b) else (b, a)
    body = a if _row(conn, a)["type"] == "ORG" else b
    if tokens(r["name"])[-1].lower() in BODY_WORDS:
        keep, fold = body, (b if body == a else a)  # "Quarry Water", "Kessel Agrotech Ltd"
    store.merge_into(conn, keep, fold)


def _link_person(conn: sqlite3.Connection, r: sqlite3.Row) -> None:
    name = r["name"]
    cands = [c for c in _candidates(conn, r["id"], blocks(name, "PERSON")) if c["type"] == "PERSON"]
    if len(tokens(name)) >= 2:
        for c in cands:
            if persons_match(name, c["name"]):
                _join(conn, c["id"], r["id"])
        # a bare surname seen before the full name now joins it, if unambiguous
        for c in cands:
            if len(tokens(c["name"])) == 1 and not c["locked"] and surname_fits(c["name"], name):
                fulls = _full_names_for(conn, c["name"], cands + [r])
                if len(fulls) == 1:
                    _join(conn, r["id"], c["id"])
        return
    fulls = _full_names_for(conn, name, cands)
    if len(fulls) == 1:
        _join(conn, next(iter(fulls)), r["id"])


def _full_names_for(conn: sqlite3.Connection, single: str, cands: list[sqlite3.Row]) -> set[str]:
    """Roots of the distinct full-name clusters a bare surname could stand for."""
    return {
        store.root_of(conn, c["id"])
        for c in cands
        if c["type"] == "PERSON" and len(tokens(c["name"])) >= 2 and surname_fits(single, c["name"])
    }


def _link_body(conn: sqlite3.Connection, r: sqlite3.Row) -> None:
    name, type_ = r["name"], r["type"]
    # a country under another name ("the US", "DPRK") is that country
    country = _COUNTRY_KEYS.get(name_key(name))
    if country and type_ in {"GPE", "ORG", "GROUP"} and name != country:
        target, _ = store.ensure(conn, country, "GPE")
        if target:
            _index(conn, target, country, "GPE")
            _join(conn, target, r["id"])
        return
    same = [c for c in _candidates(conn, r["id"], [f"o:{org_key(name)}"])
            if c["type"] == type_ or {c["type"], type_} <= BODY_TYPES]  # fmt: skip
    for c in same:
        _join(conn, c["id"], r["id"])
    if type_ not in BODY_TYPES:
        return
    if is_acronym(name):
        for long_ in _expansions(conn, name):
            for c in _ends_with(conn, r["id"], long_):
                _join(conn, c["id"], r["id"])
        return
    # a long form: acronyms defined for it, and the same body with a country in front
    short_rows = conn.execute(
        "SELECT DISTINCT short FROM acronyms WHERE long = ?", (name,)
    ).fetchall()
    for (short,) in short_rows:
        for c in _candidates(conn, r["id"], [f"a:{short}"]):
            _join(conn, r["id"], c["id"])
    key = org_key(name)
    for c in _candidates(conn, r["id"], [f"o:{k}" for k in _country_stripped(key)]):
        if {c["type"], type_} <= BODY_TYPES:
            _join(conn, c["id"], r["id"])


def _expansions(conn: sqlite3.Connection, short: str) -> list[str]:
    rows = conn.execute("SELECT DISTINCT long FROM acronyms WHERE short = ?", (short,)).fetchall()
    out = [r[0] for r in rows]
    general = gz.expand_acronym(short)
    if general and general not in out:
        out.append(general)
    return out


def _ends_with(conn: sqlite3.Connection, eid: str, long_: str) -> list[sqlite3.Row]:
    """Bodies named ``long_``, with or without a country in front."""
    key = org_key(long_)
    keys = {key, *_country_stripped(key)}
    rows = conn.execute(
        "SELECT DISTINCT e.* FROM entity_blocks b JOIN entities e ON e.id = b.entity_id"
        " WHERE b.block LIKE 'o:%' AND e.id != ? AND (b.block = ? OR b.block LIKE ?)",
        (eid, f"o:{key}", f"o:% {key}"),
    ).fetchall()
    out = []
    for row in rows:
        k = org_key(row["name"])
        prefix = k[: -len(key)].strip() if k.endswith(key) else None
        if k in keys or (prefix is not None and _COUNTRY_KEYS.get(prefix)):
            out.append(row)
    return out


def _country_stripped(key: str) -> list[str]:
    """'south korea national intelligence service' -> ['national intelligence service']."""
    words = key.split()
    out = []
    for i in range(1, min(4, len(words))):
        if _COUNTRY_KEYS.get(" ".join(words[:i])):
            out.append(" ".join(words[i:]))
    return out


def _stand_for(conn: sqlite3.Connection, r: sqlite3.Row) -> None:
    """Capitals, seats of government and demonym bodies stand for a country, unmerged."""
    name = r["name"]
    low = name.lower().removeprefix("the ").strip()
    country, why = None, None
    if low in gz.CAPITALS:
        country, why = gz.CAPITALS[low], f"{name} is the capital of {gz.CAPITALS[low]}"
    elif low in gz.SEATS:
        country, why = gz.SEATS[low], f"{name} is a seat of government of {gz.SEATS[low]}"
    elif r["type"] in BODY_TYPES | {"NORP"} and (c := gz.demonym_country(name)):
        country, why = c, f"{name} is a body of {c}"
    elif (m := re.match(r"^(?:the\s+)?(.+?)\s+capital$", low)) and (
        c := gz.DEMONYMS.get(m.group(1))
    ):
        country, why = c, f"{name} stands for the government of {c}"
    if not country or name_key(country) == r["key"]:
        return
    target, _ = store.ensure(conn, country, "GPE")
    if target:
        _index(conn, target, country, "GPE")
        conn.execute(
            "INSERT OR IGNORE INTO entity_links(entity_id, target_id, relation, why) VALUES (?,?,?,?)",
            (r["id"], target, "stands_for", why),
        )


# -- user corrections ----------------------------------------------------------


def apply_corrections(conn: sqlite3.Connection) -> None:
    """Replay every correction in order; each is idempotent."""
    for action, args in store.corrections(conn):
        _apply(conn, action, args)


def _apply(conn: sqlite3.Connection, action: str, args: dict[str, str]) -> None:
    if action == "merge":
        a, b = args["a"], args["b"]
        if _row(conn, a) is not None and _row(conn, b) is not None:
            ra = store.root_of(conn, a)
            store.merge_into(conn, ra, b, lock=True)
            if store.root_of(conn, b) != ra:  # b's cluster was locked elsewhere: force it
                for m in store.members(conn, store.root_of(conn, b)):
                    conn.execute(
                        "UPDATE entities SET merged_into = ?, locked = 1 WHERE id = ?", (ra, m)
                    )
    elif action == "split":
        eid = args["id"]
        if _row(conn, eid) is not None:
            # names merged into this one stay together, under one of them, without it
            children = [r[0] for r in conn.execute(
                "SELECT id FROM entities WHERE merged_into = ? ORDER BY id", (eid,))]  # fmt: skip
            if children:
                parent = conn.execute(
                    "SELECT merged_into FROM entities WHERE id = ?", (eid,)
                ).fetchone()[0]
                head = children[0]
                conn.execute("UPDATE entities SET merged_into = ?, locked = 1 WHERE id = ?",
                             (parent, head))  # fmt: skip
                conn.executemany("UPDATE entities SET merged_into = ? WHERE id = ?",
                                 [(head, c) for c in children[1:]])  # fmt: skip
            conn.execute("UPDATE entities SET merged_into = NULL, locked = 1 WHERE id = ?", (eid,))
            for other in args.get("from", []):
                conn.execute("UPDATE entities SET locked = 1 WHERE id = ?", (other,))
    elif action == "rename":
        eid = args["id"]
        if _row(conn, eid) is not None:
            root = store.root_of(conn, eid)
            conn.execute(
                "UPDATE entities SET display_name = ?, locked = 1 WHERE id = ?",
                (args["name"], root),
            )
