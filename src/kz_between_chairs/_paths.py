"""Where the data package lives: inside the wheel, or at the repository root.

An installed wheel carries ``datapackage.json``, ``data/``, the compiled
catalogs and ``CITATION.cff`` under ``kz_between_chairs/package/`` (see
``pyproject.toml``).  In an editable install that folder does not exist and
the files are read from the repository root instead, so there is exactly one
copy of every file in the source tree.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files
from pathlib import Path


@lru_cache(maxsize=None)
def package_root() -> Path:
    """The folder holding ``datapackage.json`` (read-only: never written to).

    >>> (package_root() / "datapackage.json").is_file()
    True
    """
    bundled = Path(str(files("kz_between_chairs") / "package"))
    if (bundled / "datapackage.json").is_file():
        return bundled
    repo = Path(__file__).resolve().parents[2]
    if (repo / "datapackage.json").is_file():
        return repo
    raise FileNotFoundError(
        "kz_between_chairs: datapackage.json not found in the installed package "
        f"({bundled}) nor in a source checkout ({repo}); reinstall the package"
    )


def datapackage_path() -> Path:
    """The path of the installed ``datapackage.json``, for any Frictionless reader.

    >>> datapackage_path().name
    'datapackage.json'
    """
    return package_root() / "datapackage.json"
