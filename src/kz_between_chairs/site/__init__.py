"""The static site of the package: one tree per language (de, en, kk, ru),
no server and no request to any other host.

    kz-between-chairs site --out public            # the installed package
    kz-between-chairs site --out public --package path/to/copy

Modules, one concern each:

* :mod:`.package` reads a copy of the package (descriptor and tables as text);
* :mod:`.model` is the page model: which pages exist, their paths and links,
  and what an entity's, an event's or a table's page shows;
* :mod:`.home` is what the home page shows;
* :mod:`.svg` draws the network, the timeline and the chart at build time;
* :mod:`.text` holds every word of the site's own (translated by the
  gettext catalogs);
* :mod:`.build` renders the templates and writes the tree.

Needs the ``site`` extra (Jinja2, networkx).
"""

from __future__ import annotations

from .build import MARKER, Result, build

__all__ = ["MARKER", "Result", "build"]
