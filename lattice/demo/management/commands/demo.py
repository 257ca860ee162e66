"""``manage.py demo``: the same as ``lattice demo`` (load the demo network)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lattice.demo.command import DemoRefused, run_demo
from lattice.demo.plan import DEFAULT_SEED


class Command(BaseCommand):
    help = (
        "Load the demo district (Maplewood USD and Cedar Falls, invented people) unless it "
        "is already there. Example: manage.py demo --reset --seed 7"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--seed",
            type=int,
            default=DEFAULT_SEED,
            help="Random seed: the same seed gives the same district.",
        )
        parser.add_argument(
            "--teachers",
            type=int,
            default=1100,
            help="Teachers in the main district (default 1100).",
        )
        parser.add_argument(
            "--years",
            type=int,
            default=5,
            help="School years of history, ending with the current one.",
        )
        parser.add_argument(
            "--schools",
            type=int,
            default=None,
            help="Schools in the main district (default: one per ~80 teachers).",
        )
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Remove the demo districts first, then generate them again.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            run_demo(
                seed=options["seed"],
                teachers=options["teachers"],
                years=options["years"],
                schools=options["schools"],
                reset=options["reset"],
                echo=self.stdout.write,
            )
        except DemoRefused as exc:
            raise CommandError(str(exc)) from exc
