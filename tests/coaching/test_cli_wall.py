"""The command line as the talent office: what it prints and writes carries no coaching
content (the CLI has no coaching command; the pay commands and the audit entries they
read are the office's window on a person)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from lattice.cli import main
from tests.cast import Cast
from tests.coaching.world import SECRETS, world

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "args",
    [
        ["pay", "reconcile", "--district", "northfield", "--as", "officer"],
        ["pay", "export", "--district", "northfield", "--as", "officer", "--exclude-blocked"],
    ],
)
def test_the_office_s_commands_print_and_write_no_coaching_content(
    args: list[str], cast: Cast, tmp_path: Path
) -> None:
    world(cast)
    out = tmp_path / "pay.csv"
    extra = ["--out", str(out)] if "export" in args else []
    result = CliRunner().invoke(main, [*args, *extra])
    written = out.read_bytes().decode(errors="replace") if out.exists() else ""
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert not [s for s in SECRETS if s in result.output + written]
