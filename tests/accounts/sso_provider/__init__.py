"""A real OpenID Connect provider for the single sign-on tests: a second, tiny Django project
running django-allauth's OIDC identity provider (allauth.idp.oidc) on 127.0.0.1.

It is started as its own process (``python -m tests.accounts.sso_provider.serve``) with its
own SQLite database, so Lattice talks to it over HTTP exactly as it would to a district's
provider: discovery, authorization code with PKCE, token, JWKS, userinfo.
"""
