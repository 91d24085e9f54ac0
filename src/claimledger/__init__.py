"""claimledger: who claims what, when, how sure, and with which numbers.

The Python API mirrors the CLI::

    from claimledger import Ledger
    ledger = Ledger("story.db")
    result = ledger.add(["articles/"])
    for doc in ledger.documents():
        print(doc.outlet, doc.title)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["AddOptions", "AddResult", "Document", "Ledger", "__version__"]

if TYPE_CHECKING:
    from claimledger.ledger import Ledger
    from claimledger.models import AddOptions, AddResult, Document


def __getattr__(name: str) -> Any:
    # Lazy, so that `import claimledger.x` stays cheap and import cycles cannot form.
    if name == "Ledger":
        from claimledger.ledger import Ledger

        return Ledger
    if name in {"AddOptions", "AddResult", "Document"}:
        from claimledger import models

        return getattr(models, name)
    raise AttributeError(name)
