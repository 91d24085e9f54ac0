"""A registry of swappable pipeline stages, in the style of spaCy's.

Every stage implementation is registered under a versioned name such as
``claimledger.ingest.cleaner.v1``.  Built-ins use the same decorator as
third-party plugins, which register through the ``claimledger_stages`` entry
point group::

    [project.entry-points.claimledger_stages]
    "acme.extract.attribution.v1" = "acme.stages:make_attribution"

A registered object is a factory: called with no arguments it returns an object
that satisfies the stage's Protocol.  Configuration (``Config.stages``) picks one
name per stage.
"""

from __future__ import annotations

import contextlib
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import catalogue

stages = catalogue.create("claimledger", "stages", entry_points=True)

F = TypeVar("F", bound=Callable[..., Any])

# The stage kinds and the built-in implementation each one uses by default.
DEFAULT_STAGES: dict[str, str] = {
    "cleaner": "claimledger.ingest.cleaner.v1",
    "html": "claimledger.ingest.html.v1",
    "language": "claimledger.ingest.language.v1",
    "dedup": "claimledger.ingest.dedup.v1",
    "attribution": "claimledger.extract.attribution.v1",
    "quantities": "claimledger.extract.quantities.v1",
    "dates": "claimledger.extract.dates.v1",
    "modality": "claimledger.extract.modality.v1",
    "embed": "claimledger.compare.embed.onnx.v1",
    "group": "claimledger.compare.group.v3",
}


def register(name: str) -> Callable[[F], F]:
    """Register a stage factory under a versioned name."""

    def deco(func: F) -> F:
        stages.register(name, func=func)
        return func

    return deco


BUILTIN_MODULES = (
    "claimledger.ingest.cleaner",
    "claimledger.ingest.html",
    "claimledger.ingest.language",
    "claimledger.ingest.dedup",
    "claimledger.extract.attribution",
    "claimledger.extract.modality",
    "claimledger.extract.quantities",
    "claimledger.extract.dates",
    "claimledger.compare.minilm",
    "claimledger.compare.group",
    "claimledger.compare.v4",
)


def _load_builtins() -> None:
    """Import the built-in stage modules; their @register decorators run once."""
    import importlib

    for mod in BUILTIN_MODULES:
        importlib.import_module(mod)


def _import_for(name: str) -> None:
    """Built-in names map to modules: claimledger.ingest.cleaner.v1 -> claimledger.ingest.cleaner."""
    import importlib

    if name.startswith("claimledger."):
        importlib.import_module(name.rsplit(".", 1)[0])


def get(name: str) -> Callable[..., Any]:
    """Return the factory registered under ``name``; a clear error if unknown."""
    with contextlib.suppress(ImportError):
        _import_for(name)
    try:
        return stages.get(name)
    except catalogue.RegistryError:
        _load_builtins()
    try:
        return stages.get(name)
    except catalogue.RegistryError as exc:
        known = ", ".join(sorted(stages.get_all()))
        raise KeyError(f"no stage registered as {name!r}; known: {known}") from exc


def names() -> list[str]:
    _load_builtins()
    return sorted(stages.get_all())


@dataclass
class Config:
    """Which implementation each stage uses, plus free-form stage settings."""

    stages: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_STAGES))
    settings: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def load(cls, path: str | Path | None) -> Config:
        """Read ``[stages]`` and ``[settings.STAGE]`` tables from a TOML file."""
        cfg = cls()
        if path is None:
            return cfg
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        for kind, name in data.get("stages", {}).items():
            if kind not in DEFAULT_STAGES:
                raise ValueError(f"{path}: unknown stage kind {kind!r}")
            cfg.stages[kind] = str(name)
        cfg.settings.update(data.get("settings", {}))
        return cfg

    def make(self, kind: str) -> Any:
        """Build the configured implementation of one stage kind."""
        factory = get(self.stages[kind])
        return factory(**self.settings.get(kind, {}))
