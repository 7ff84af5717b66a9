"""Hatch build hook: compile the catalogs (``translations/*/LC_MESSAGES/
messages.po``) to ``.mo`` inside the wheel (``kz_between_chairs/package/
translations/``).

The compiled catalogs are build artefacts, never committed; an editable
install reads the ``.po`` files directly (see ``kz_between_chairs.i18n``).
The layout and the compiling come from ``kz_between_chairs.catalogs``, loaded
by its path: the package is not installed while its wheel is being built.
The ``.mo`` headers are dated ``SOURCE_DATE_EPOCH`` (hatchling dates the
wheel's members the same way), so two builds give the same bytes, and the
temporary folder they are compiled into is removed once the wheel is written.
"""

from __future__ import annotations

import importlib.util
import shutil
import tempfile
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


def _catalogs(root: Path):
    spec = importlib.util.spec_from_file_location("_kz_catalogs", root / "src" / "kz_between_chairs" / "catalogs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class CompileCatalogs(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        self._compiled = out = Path(tempfile.mkdtemp(prefix="kz-mo-"))
        for rel in _catalogs(Path(self.root)).compile_all(Path(self.root), out):
            build_data["force_include"][str(out / rel)] = f"kz_between_chairs/package/{rel}"

    def finalize(self, version: str, build_data: dict, artifact_path: str) -> None:
        compiled = getattr(self, "_compiled", None)
        if compiled is not None:
            shutil.rmtree(compiled, ignore_errors=True)
