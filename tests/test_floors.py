"""The floors of the house hold where import-linter cannot look: templates, URL names and
code loaded by name (docs/decisions/0009).

The floors are read from the layers contract in pyproject.toml, so this test and ``make lint``
always enforce the same house: an app names a template or a URL only of its own floor's app
or of a floor below, and no app loads another's code or models by a dotted string.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "lattice"

INCLUDE = re.compile(r"""{%\s*(?:include|extends)\s+["']([^"']+)["']""")
URL_NAME = re.compile(r"""["']([a-z_]+):[a-z0-9_-]+["']""")
LOADED_BY_NAME = re.compile(
    r"apps\.get_model\(|apps\.is_installed\(|import_string\(|import_module\(|__import__\("
)


def floors() -> dict[str, int]:
    """Each app's floor, the top floor highest, from the layers contract."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    contract = config["tool"]["importlinter"]["contracts"][0]
    layers = contract["layers"]
    return {
        app.strip(): len(layers) - depth
        for depth, layer in enumerate(layers)
        for app in layer.split("|")
    }


FLOORS = floors()


def app_files(suffix: str) -> list[tuple[str, Path]]:
    return [
        (app, path)
        for app in FLOORS
        for path in sorted((PACKAGE / app).glob(f"**/*{suffix}"))
        if "migrations" not in path.parts
    ]


def template_owners() -> dict[str, str]:
    owners = {}
    for app in FLOORS:
        folder = PACKAGE / app / "templates"
        for path in folder.glob("**/*.html"):
            owners[str(path.relative_to(folder))] = app
    return owners


def below_or_same(user: str, used: str) -> bool:
    return used == user or FLOORS[used] < FLOORS[user]


def test_every_app_of_the_package_has_a_floor() -> None:
    apps = {p.parent.name for p in PACKAGE.glob("*/apps.py")}
    assert apps <= set(FLOORS), f"give these apps a floor in pyproject.toml: {apps - set(FLOORS)}"


@pytest.mark.parametrize("app", sorted(FLOORS))
def test_an_apps_templates_include_only_templates_from_its_floor_or_below(app: str) -> None:
    owners = template_owners()
    upward = [
        f"{path.relative_to(ROOT)} includes {name} ({owners[name]})"
        for owner, path in app_files(".html")
        if owner == app
        for name in INCLUDE.findall(path.read_text())
        if name in owners and not below_or_same(app, owners[name])
    ]
    assert upward == []


@pytest.mark.parametrize("app", sorted(FLOORS))
def test_an_app_names_urls_only_of_its_floor_or_below(app: str) -> None:
    upward = [
        f"{path.relative_to(ROOT)} names a URL of {namespace}"
        for owner, path in app_files(".py") + app_files(".html")
        if owner == app
        for namespace in URL_NAME.findall(path.read_text())
        if namespace in FLOORS and not below_or_same(app, namespace)
    ]
    assert upward == []


def test_no_app_loads_code_or_models_by_a_dotted_name() -> None:
    found = [
        f"{path.relative_to(ROOT)}: {match.group(0)}"
        for _, path in app_files(".py")
        for match in LOADED_BY_NAME.finditer(path.read_text())
    ]
    assert found == [], "reach another app through its public surface or a registry"
