"""The accounts app's models: sign-in policy, identity providers, link reviews, failures."""

from lattice.accounts.models.policy import SignInPolicy
from lattice.accounts.models.providers import IdentityProvider, LinkRequest
from lattice.accounts.models.throttle import FailedSignIn

__all__ = ["FailedSignIn", "IdentityProvider", "LinkRequest", "SignInPolicy"]
