"""The 1EdTech OB 3.0 JSON Schema check every issued credential passes (``bundled/``)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft201909Validator

SCHEMA_URL = (
    "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json"
)
SCHEMA_TYPE = "1EdTechJsonSchemaValidator2019"


@cache
def validator() -> Draft201909Validator:
    path = Path(__file__).parent / "bundled" / "ob_v3p0_achievementcredential_schema.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    return Draft201909Validator(schema, format_checker=Draft201909Validator.FORMAT_CHECKER)


def problems(credential: dict[str, Any]) -> list[str]:
    """Each way ``credential`` breaks the schema, as '<where>: <what>' (empty when valid)."""
    found = []
    for error in sorted(validator().iter_errors(credential), key=lambda e: list(e.path)):
        where = "/".join(str(p) for p in error.absolute_path) or "(the credential)"
        found.append(f"{where}: {error.message}")
    return found
