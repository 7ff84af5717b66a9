"""Hatch build hook: compile ``translations/*/LC_MESSAGES/messages.po`` to
``.mo`` inside the wheel (``kz_between_chairs/package/translations/``).

The compiled catalogs are build artefacts, never committed; an editable
install reads the ``.po`` files directly (see ``kz_between_chairs.i18n``).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CompileCatalogs(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        root = Path(self.root)
        out = Path(tempfile.mkdtemp(prefix="kz-mo-"))
        for po in sorted(root.glob("translations/*/LC_MESSAGES/messages.po")):
            rel = po.relative_to(root).with_suffix(".mo")
            target = out / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            with po.open("rb") as fh:
                catalog = read_po(fh)
            with target.open("wb") as fh:
                write_mo(fh, catalog)
            build_data["force_include"][str(target)] = f"kz_between_chairs/package/{rel.as_posix()}"
