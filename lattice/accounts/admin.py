"""The Django admin signs in through Lattice's log-in (two-factor included), and never shows
an identity provider's secret: providers are managed on the sign-in settings page."""

import allauth.socialaccount.admin  # noqa: F401  (registers first, so it can be undone here)
from allauth.account.decorators import secure_admin_login
from allauth.socialaccount.models import SocialApp, SocialToken
from django.contrib import admin

admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]

for model in (SocialApp, SocialToken):
    if admin.site.is_registered(model):
        admin.site.unregister(model)
