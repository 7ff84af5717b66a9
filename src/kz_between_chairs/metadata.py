"""The dataset's metadata in every standard form, from one set of facts.

The facts (``metadata/dataset.yaml`` in the repository: title, description,
release date, licence, languages, creators, keywords, the source article and
the public homes once they exist) and the version (``__about__.py``) go in;
out come

* :func:`citation_cff`: ``CITATION.cff`` (Citation File Format 1.2.0);
* :func:`zenodo`: ``.zenodo.json``, which Zenodo's GitHub integration reads;
* :func:`package_fields`: the package-level fields of ``datapackage.json``;
* :func:`croissant`: a Croissant 1.1 JSON-LD description of every table and
  field, for ML dataset search (validated with ``mlcroissant`` in the tests);
  its record sets read the release's Parquet files, which keep codes such as
  CAMEO ``023`` as text where a CSV reader that guesses types would not;
* :func:`schema_org`: a schema.org ``Dataset`` JSON-LD for Google Dataset
  Search.

Titles and descriptions go out in the four languages (from the gettext
catalogs) wherever the format takes language-tagged values: the two JSON-LD
files (Croissant 1.1 takes language maps for the dataset's name and
description).  A fact the project cannot state truthfully is left out rather than
filled with a placeholder: without ``repository``/``doi`` there is no URL, no
identifier and no related identifier for the article.

``scripts/update_metadata.py`` writes the files; the tests regenerate them and
fail on any drift.

>>> facts = {"title": "T", "description": "D", "released": "2026-01-02", "languages": ["en"],
...          "creators": [{"name": "C"}], "keywords": ["k"], "name": "n",
...          "licence": {"id": "CC-BY-4.0", "title": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"},
...          "source": {"title": "S", "authors": [{"family": "F", "given": "G"}], "journal": "J", "year": 2022, "language": "de"}}
>>> zenodo(facts, "1.0.0")["related_identifiers"]
Traceback (most recent call last):
...
KeyError: 'related_identifiers'
>>> zenodo({**facts, "source": {**facts["source"], "url": "https://j.example/s"}}, "1.0.0")["related_identifiers"]
[{'identifier': 'https://j.example/s', 'relation': 'isDerivedFrom', 'resource_type': 'publication-article', 'scheme': 'url'}]
"""

from __future__ import annotations

from collections.abc import Callable
import hashlib
from pathlib import Path
from typing import Any

from . import descriptor as _descriptor
from . import i18n

REQUIRED = ("name", "title", "description", "released", "languages", "creators", "keywords", "licence", "source")
"""Keys the facts must have."""

CROISSANT_CONTEXT = {
    "@language": "en",
    "@vocab": "https://schema.org/",
    "arrayShape": "cr:arrayShape",
    "citeAs": "cr:citeAs",
    "column": "cr:column",
    "conformsTo": "dct:conformsTo",
    "containedIn": "cr:containedIn",
    "cr": "http://mlcommons.org/croissant/",
    "rai": "http://mlcommons.org/croissant/RAI/",
    "data": {"@id": "cr:data", "@type": "@json"},
    "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "dct": "http://purl.org/dc/terms/",
    "description": {"@container": "@language"},
    "equivalentProperty": "cr:equivalentProperty",
    "examples": {"@id": "cr:examples", "@type": "@json"},
    "extract": "cr:extract",
    "field": "cr:field",
    "fileProperty": "cr:fileProperty",
    "fileObject": "cr:fileObject",
    "fileSet": "cr:fileSet",
    "format": "cr:format",
    "includes": "cr:includes",
    "isArray": "cr:isArray",
    "isLiveDataset": "cr:isLiveDataset",
    "jsonPath": "cr:jsonPath",
    "key": "cr:key",
    "md5": "cr:md5",
    "name": {"@container": "@language"},
    "parentField": "cr:parentField",
    "path": "cr:path",
    "recordSet": "cr:recordSet",
    "references": "cr:references",
    "regex": "cr:regex",
    "repeated": "cr:repeated",
    "replace": "cr:replace",
    "samplingRate": "cr:samplingRate",
    "sc": "https://schema.org/",
    "separator": "cr:separator",
    "source": "cr:source",
    "subField": "cr:subField",
    "transform": "cr:transform",
}
"""The JSON-LD context of the Croissant 1.1 specification, as it gives it."""
CROISSANT = "http://mlcommons.org/croissant/1.1"
PARQUET_FOLDER = "parquet"
"""Where the release keeps one Parquet file per table (``parquet/<table>.parquet``)."""

_CROISSANT_TYPES = {
    "string": "sc:Text",
    "number": "sc:Float",
    "integer": "sc:Integer",
    "year": "sc:Integer",
    "boolean": "sc:Boolean",
    "date": "sc:Date",
    "datetime": "sc:DateTime",
}


def read_facts(path: str | Path) -> dict[str, Any]:
    """The facts from a YAML file; ValueError naming what is missing."""
    import yaml

    facts = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    if not isinstance(facts, dict):
        raise ValueError(f"{path}: not a YAML mapping")
    missing = [key for key in REQUIRED if key not in facts]
    if missing:
        raise ValueError(f"{path}: missing {', '.join(missing)}")
    facts["released"] = str(facts["released"])
    return facts


def translations(text: str) -> dict[str, str]:
    """``text`` in every language of the catalogs: ``{lang: text}``."""
    return {lang: i18n.gettext(text, lang) for lang in _descriptor.LANGUAGES}


def _tagged(text: str) -> list[dict[str, str]]:
    return [{"@language": lang, "@value": value} for lang, value in translations(text).items()]


def _source_line(source: dict[str, Any]) -> str:
    names = " and ".join(f"{a['given']} {a['family']}" for a in source["authors"])
    return f"{names}: {source['title']}. {source['journal']}, {source['year']}"


def _apa_source(source: dict[str, Any]) -> str:
    authors = ", ".join(
        f"{a['family']}, {' '.join(part[0] + '.' for part in a['given'].replace('.', ' ').split())}"
        for a in source["authors"]
    )
    return f"{authors} ({source['year']}). {source['title']}. {source['journal']}."


def homepage(facts: dict[str, Any]) -> str | None:
    """The dataset's public address: its DOI, else its repository, else None."""
    if facts.get("doi"):
        return f"https://doi.org/{facts['doi']}"
    return facts.get("repository")


# --- CITATION.cff ------------------------------------------------------------


def citation_cff(facts: dict[str, Any], version: str) -> str:
    """The text of ``CITATION.cff``."""
    import yaml

    cff: dict[str, Any] = {
        "cff-version": "1.2.0",
        "message": "If you use this dataset, please cite it and the article it is made from.",
        "type": "dataset",
        "title": facts["title"],
        "abstract": facts["description"],
        "authors": [_cff_person(c) for c in facts["creators"]],
        "version": version,
        "date-released": facts["released"],
        "license": facts["licence"]["id"],
        "keywords": list(facts["keywords"]),
    }
    if facts.get("doi"):
        cff["doi"] = facts["doi"]
    if facts.get("repository"):
        cff["repository-code"] = facts["repository"]
    if homepage(facts):
        cff["url"] = homepage(facts)
    source = facts["source"]
    article: dict[str, Any] = {
        "type": "article",
        "authors": [{"family-names": a["family"], "given-names": a["given"]} for a in source["authors"]],
        "title": source["title"],
        "journal": source["journal"],
        "year": source["year"],
        "languages": [source["language"]],
    }
    if source.get("url"):
        article["url"] = source["url"]
    cff["references"] = [article]
    header = (
        "# Citation metadata of the dataset (Citation File Format 1.2.0).\n"
        "# Written by scripts/update_metadata.py from metadata/dataset.yaml and\n"
        "# src/kz_between_chairs/__about__.py: edit those, then run the script.\n"
        "# No preferred-citation: in CFF it names a work to cite *instead of* this\n"
        "# dataset; the article the dataset is made from is its reference.\n"
    )
    body = yaml.safe_dump(cff, sort_keys=False, allow_unicode=True, width=80, default_flow_style=False)
    return header + body


def _cff_person(creator: dict[str, Any]) -> dict[str, Any]:
    if "family" in creator:
        person = {"family-names": creator["family"], "given-names": creator["given"]}
        if creator.get("orcid"):
            person["orcid"] = f"https://orcid.org/{creator['orcid']}"
        return person
    return {"name": creator["name"]}


# --- .zenodo.json ------------------------------------------------------------


def zenodo(facts: dict[str, Any], version: str) -> dict[str, Any]:
    """The deposit metadata Zenodo's GitHub integration reads (legacy
    ``.zenodo.json``: one title and description, no language tags)."""
    from html import escape

    out: dict[str, Any] = {
        "upload_type": "dataset",
        "title": facts["title"],
        "description": f"<p>{escape(facts['description'])}</p>",
        "creators": [
            {"name": f"{c['family']}, {c['given']}", **({"orcid": c["orcid"]} if c.get("orcid") else {})}
            if "family" in c else {"name": c["name"]}
            for c in facts["creators"]
        ],
        "license": facts["licence"]["id"].lower(),
        "keywords": list(facts["keywords"]),
        "version": version,
        "publication_date": facts["released"],
        "access_right": "open",
        "references": [_apa_source(facts["source"])],
    }
    if facts["source"].get("url"):
        out["related_identifiers"] = [{
            "identifier": facts["source"]["url"],
            "relation": "isDerivedFrom",
            "resource_type": "publication-article",
            "scheme": "url",
        }]
    return out


# --- datapackage.json --------------------------------------------------------


def package_fields(facts: dict[str, Any], version: str) -> dict[str, Any]:
    """The package-level fields of ``datapackage.json`` (resources untouched)."""
    fields: dict[str, Any] = {
        "name": facts["name"],
        "title": facts["title"],
        "description": facts["description"],
        "version": version,
        "created": f"{facts['released']}T00:00:00Z",
        "languages": list(facts["languages"]),
        "keywords": list(facts["keywords"]),
        "licenses": [{"name": facts["licence"]["id"], "path": facts["licence"]["url"], "title": facts["licence"]["title"]}],
        "sources": [{"title": _source_line(facts["source"]), **({"path": facts["source"]["url"]} if facts["source"].get("url") else {})}],
        "contributors": [
            {"title": c.get("name") or f"{c['given']} {c['family']}", "role": "author", "roles": ["creator"]}
            for c in facts["creators"]
        ],
    }
    if homepage(facts):
        fields["homepage"] = homepage(facts)
    if facts.get("doi"):
        fields["id"] = f"https://doi.org/{facts['doi']}"
    return fields


def with_package_fields(desc: dict[str, Any], facts: dict[str, Any], version: str) -> dict[str, Any]:
    """``desc`` with its package fields replaced by the facts' (key order
    kept; new keys go before ``resources``; a field the facts no longer have,
    such as an ``id`` that was not a real identifier, is removed)."""
    fields = package_fields(facts, version)
    managed = set(fields) | {"homepage", "id"}
    out: dict[str, Any] = {}
    for key, value in desc.items():
        if key == "resources":
            out.update({k: v for k, v in fields.items() if k not in out and k not in desc})
        if key in managed:
            if key in fields:
                out[key] = fields[key]
        else:
            out[key] = value
    out.update({k: v for k, v in fields.items() if k not in out})
    return out


# --- JSON-LD ---------------------------------------------------------------------


def _creators_ld(facts: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for c in facts["creators"]:
        if "family" in c:
            person = {"@type": "sc:Person", "givenName": c["given"], "familyName": c["family"],
                      "name": f"{c['given']} {c['family']}"}
            if c.get("orcid"):
                person["sameAs"] = f"https://orcid.org/{c['orcid']}"
            out.append(person)
        else:
            out.append({"@type": "sc:Organization", "name": c["name"]})
    return out


def _article_ld(facts: dict[str, Any]) -> dict[str, Any]:
    source = facts["source"]
    article = {
        "@type": "sc:ScholarlyArticle",
        "name": source["title"],
        "author": [{"@type": "sc:Person", "givenName": a["given"], "familyName": a["family"],
                    "name": f"{a['given']} {a['family']}"} for a in source["authors"]],
        "isPartOf": {"@type": "sc:Periodical", "name": source["journal"]},
        "datePublished": str(source["year"]),
        "inLanguage": source["language"],
    }
    if source.get("url"):
        article["url"] = source["url"]
    return article


def _dataset_ld(facts: dict[str, Any], version: str, texts: Callable[[str], Any]) -> dict[str, Any]:
    """What schema.org and Croissant say alike of the dataset; ``texts``
    gives the title and description in the languages as the format wants
    them (language-tagged values, or a language map)."""
    return {
        "@type": "sc:Dataset",
        "name": texts(facts["title"]),
        "alternateName": facts["name"],
        "description": texts(facts["description"]),
        "version": version,
        "datePublished": facts["released"],
        "inLanguage": list(facts["languages"]),
        "keywords": list(facts["keywords"]),
        "license": facts["licence"]["url"],
        "creator": _creators_ld(facts),
        "isBasedOn": _article_ld(facts),
    }


def schema_org(facts: dict[str, Any], version: str, desc: dict[str, Any]) -> dict[str, Any]:
    """A schema.org ``Dataset`` for dataset search engines: names and
    descriptions in the four languages, the tables as distributions."""
    out: dict[str, Any] = {
        "@context": {"@vocab": "https://schema.org/", "sc": "https://schema.org/"},
        **_dataset_ld(facts, version, _tagged),
        "isAccessibleForFree": True,
        "variableMeasured": sorted({f["name"] for r in desc["resources"] for f in r["schema"]["fields"]}),
        "distribution": [
            {"@type": "sc:DataDownload", "name": r["path"], "encodingFormat": "text/csv",
             "contentUrl": r["path"], "description": r.get("description", "")}
            for r in desc["resources"]
        ],
    }
    if homepage(facts):
        out["url"] = homepage(facts)
    if facts.get("doi"):
        out["identifier"] = f"https://doi.org/{facts['doi']}"
    return out


def croissant(
    facts: dict[str, Any], version: str, desc: dict[str, Any], cite_as: str, parquet_sha256: dict[str, str]
) -> dict[str, Any]:
    """A Croissant 1.1 description: every CSV and every Parquet file of the
    release as a FileObject with its SHA-256 (``parquet_sha256``: table ->
    digest), and one RecordSet per table, read from its Parquet file, every
    field with its type, description, key and references."""
    files, records = [], []
    for res in desc["resources"]:
        name = res["name"]
        csv_file = {"@type": "cr:FileObject", "@id": res["path"], "name": res["path"],
                    "contentUrl": res["path"], "encodingFormat": "text/csv"}
        if str(res.get("hash", "")).startswith("sha256:"):
            csv_file["sha256"] = res["hash"].removeprefix("sha256:")
        table_file = f"{PARQUET_FOLDER}/{name}.parquet"
        files += [csv_file, {"@type": "cr:FileObject", "@id": table_file, "name": table_file,
                             "contentUrl": table_file, "encodingFormat": "application/x-parquet",
                             "sha256": parquet_sha256[name]}]
        schema = res["schema"]
        references = _descriptor.foreign_keys(name, desc)
        fields = []
        for field in schema["fields"]:
            item = {
                "@type": "cr:Field",
                "@id": f"{name}/{field['name']}",
                "name": field["name"],
                "description": field.get("description", field.get("title", "")),
                "dataType": _CROISSANT_TYPES.get(field.get("type", "string"), "sc:Text"),
                "source": {"fileObject": {"@id": table_file}, "extract": {"column": field["name"]}},
            }
            if field["name"] in references:
                target, key = references[field["name"]]
                item["references"] = {"field": {"@id": f"{target}/{key}"}}
            fields.append(item)
        record = {
            "@type": "cr:RecordSet",
            "@id": name,
            "name": name,
            "description": res.get("description", res.get("title", name)),
            "field": fields,
        }
        if schema.get("primaryKey"):
            record["key"] = [{"@id": f"{name}/{column}"} for column in schema["primaryKey"]]
        records.append(record)
    out: dict[str, Any] = {
        "@context": CROISSANT_CONTEXT,
        **_dataset_ld(facts, version, translations),
        "conformsTo": CROISSANT,
        "citeAs": cite_as,
        "distribution": files,
        "recordSet": records,
    }
    if homepage(facts):
        out["url"] = homepage(facts)
    return out


def sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()
