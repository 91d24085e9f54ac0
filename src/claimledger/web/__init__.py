"""A local, read-only web UI over a ledger (Starlette + Jinja2): ``create_app(db_path)``."""

from __future__ import annotations

from typing import Any

__all__ = ["create_app"]


def create_app(db_path: str) -> Any:
    """A Starlette app browsing the ledger at ``db_path`` read-only."""
    from claimledger.web.app import create_app as _create_app

    return _create_app(db_path)
