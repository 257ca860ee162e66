"""The committed OpenAPI schema is the one the code generates, and it is valid OpenAPI 3.1."""

from __future__ import annotations

from pathlib import Path

import yaml
from django.core.management import call_command

COMMITTED = Path(__file__).resolve().parents[2] / "docs" / "api" / "openapi.yaml"


def test_the_committed_schema_is_what_the_code_generates(tmp_path: Path) -> None:
    generated = tmp_path / "openapi.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(generated))
    assert generated.read_text() == COMMITTED.read_text(), (
        "The API changed: regenerate the schema with "
        "`python manage.py spectacular --validate --file docs/api/openapi.yaml` and commit it."
    )


def test_the_schema_is_openapi_3_1_and_says_which_token_scheme_it_uses() -> None:
    schema = yaml.safe_load(COMMITTED.read_text())
    assert schema["openapi"].startswith("3.1")
    assert schema["components"]["securitySchemes"]["token"]["scheme"] == "bearer"


def test_the_schema_and_its_documentation_are_served(client) -> None:  # type: ignore[no-untyped-def]
    assert client.get("/api/v1/schema/").status_code == 200
    docs = client.get("/api/v1/docs/")
    assert docs.status_code == 200
    assert b"swagger-ui" in docs.content
    assert b"cdn" not in docs.content.lower()
