"""The ``lattice`` command: home of every command-line verb.

Verbs that touch the database call :func:`setup_django` first; verbs on the pure core
(``lattice policy …``) do not need Django at all.
"""

from __future__ import annotations

import os
import sys

import click


def setup_django() -> None:
    """Configure Django for a CLI verb that reads or writes the database."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lattice.settings")
    import django

    django.setup()


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="lattice")
def main() -> None:
    """Lattice: teacher career pathways, leadership roles and pay for school districts.

    Run `lattice COMMAND --help` for the details of a command. Settings come from
    environment variables (DATABASE_URL, SECRET_KEY, DEBUG); without DATABASE_URL the
    SQLite database under var/ is used.
    """


@main.command(
    "manage",
    context_settings={"ignore_unknown_options": True, "allow_extra_args": True},
    add_help_option=False,
)
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def manage(args: tuple[str, ...]) -> None:
    """Run a Django management command (e.g. `lattice manage migrate`)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lattice.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["lattice manage", *args])


def _register() -> None:
    # One line per verb group; each module defines a click command or group.
    from lattice.cli.demo import demo, users

    main.add_command(demo)
    main.add_command(users)
    from lattice.cli.policy import policy

    main.add_command(policy)
    from lattice.cli.run import run

    main.add_command(run)
    from lattice.cli.imports import import_group

    main.add_command(import_group)
    from lattice.cli.forecast import forecast

    main.add_command(forecast)
    from lattice.cli.backup import backup

    main.add_command(backup)
    from lattice.cli.pay import pay_group

    main.add_command(pay_group)
    from lattice.cli.schedule import schedule

    main.add_command(schedule)
    from lattice.cli.coaching import coaching_group

    main.add_command(coaching_group)


_register()

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
