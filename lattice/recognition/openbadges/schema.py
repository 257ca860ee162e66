"""The 1EdTech JSON Schema checks every issued document passes (``bundled/``): the OB 3.0
AchievementCredential schema for each badge, the CLR 2.0 ClrCredential schema for the
transcript. The CLR schema refers to the OB schema's classes by its ``$id``; a ``referencing``
registry resolves that reference from the bundled file, so nothing is fetched."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft201909Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT201909

BUNDLED = Path(__file__).parent / "bundled"

SCHEMA_URL = (
    "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json"
)
CLR_SCHEMA_URL = (
    "https://purl.imsglobal.org/spec/clr/v2p0/schema/json/clr_v2p0_clrcredential_schema.json"
)
SCHEMA_TYPE = "1EdTechJsonSchemaValidator2019"

FILES = {
    SCHEMA_URL: "ob_v3p0_achievementcredential_schema.json",
    CLR_SCHEMA_URL: "clr_v2p0_clrcredential_schema.json",
}


@cache
def _schema(url: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((BUNDLED / FILES[url]).read_text(encoding="utf-8"))
    return loaded


@cache
def _registry() -> Registry[Any]:
    resources = [
        (url, Resource.from_contents(_schema(url), default_specification=DRAFT201909))
        for url in FILES
    ]
    return Registry().with_resources(resources)


@cache
def validator(url: str = SCHEMA_URL) -> Draft201909Validator:
    return Draft201909Validator(
        _schema(url), registry=_registry(), format_checker=Draft201909Validator.FORMAT_CHECKER
    )


def problems(document: dict[str, Any], url: str = SCHEMA_URL) -> list[str]:
    """Each way ``document`` breaks the schema at ``url``, as '<where>: <what>' (empty when
    valid)."""
    found = []
    for error in sorted(validator(url).iter_errors(document), key=lambda e: list(e.path)):
        where = "/".join(str(p) for p in error.absolute_path) or "(the document)"
        found.append(f"{where}: {error.message}")
    return found
