"""A district's sign-in policy: which roles must use two-factor sign-in."""

from __future__ import annotations

from django.db import models

from lattice.people.models import District


class SignInPolicy(models.Model):
    """Which of a district's roles must sign in with a second factor.

    A district without a row gets the defaults below (talent officers must). The superuser
    always must, whatever any district says (lattice.accounts.policy).

    Personal data: none.
    """

    district = models.OneToOneField(
        District, on_delete=models.CASCADE, related_name="sign_in_policy"
    )
    two_factor_for_officers = models.BooleanField(
        "District talent officers and network officers",
        default=True,
        help_text="They can import HR files, change ratings and run payroll.",
    )
    two_factor_for_principals = models.BooleanField(
        "Principals",
        default=False,
        help_text="They see the ratings and records of their school's staff.",
    )
    two_factor_for_evaluators = models.BooleanField(
        "Teachers in roles that evaluate peers",
        default=False,
        help_text="They see the ratings of the teachers they evaluate.",
    )
    two_factor_for_everyone = models.BooleanField(
        "Everyone in the district",
        default=False,
        help_text="Every teacher and staff member with a Lattice log-in.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "sign-in policies"

    def __str__(self) -> str:
        return f"Sign-in policy of {self.district}"
