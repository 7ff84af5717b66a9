"""kz-between-chairs: Kazakhstan between Russia, China and the West (Christoph
P. Mohr, "Zwischen den Stühlen", IPG-Journal 2022) as typed, multilingual
tables.

>>> import kz_between_chairs as kz
>>> "events" in kz.tables()
True

The public names are imported lazily, so ``import kz_between_chairs`` costs
almost nothing and never imports frictionless.
"""

from __future__ import annotations

from importlib import import_module

from .__about__ import __version__

# public name -> module that defines it (one concern per module)
_API = {
    "tables": "loader",
    "load": "loader",
    "DataError": "errors",
    "datapackage_path": "_paths",
    "describe": "codebook",
    "statement": "statements",
    "cite": "citation",
}

__all__ = ["__version__", *_API]


def __getattr__(name: str):
    if name in _API:
        return getattr(import_module(f".{_API[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
