"""Set up and run the test identity provider:

    SSO_PROVIDER_DIR=… python -m tests.accounts.sso_provider.serve PORT REDIRECT_URI

Creates the database, a signing key, a confidential client (id ``lattice``, secret
``lattice-secret``) that may redirect to REDIRECT_URI, and two people: ``ada.sso`` (roster id
``N-ADA``) and ``stranger.sso`` (roster id ``NOBODY``), both with password ``provider-pass``.
Then serves on 127.0.0.1:PORT until stopped.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

CLIENT_ID = "lattice"
CLIENT_SECRET = "lattice-secret"
PASSWORD = "provider-pass"
PEOPLE = {"ada.sso": ("Ada Teacher", "N-ADA"), "stranger.sso": ("Sam Stranger", "NOBODY")}


def _key(path: Path) -> None:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )


def main(port: str, redirect_uri: str) -> None:
    base = Path(os.environ["SSO_PROVIDER_DIR"])
    if not (base / "key.pem").exists():
        _key(base / "key.pem")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.accounts.sso_provider.settings")
    import django

    django.setup()
    from allauth.idp.oidc.models import Client
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    for username, (name, roster_id) in PEOPLE.items():
        get_user_model().objects.create_user(
            username=username, password=PASSWORD, first_name=name, last_name=roster_id
        )
    client = Client(
        id=CLIENT_ID,
        name="Lattice",
        secret=make_password(CLIENT_SECRET),
        type=Client.Type.CONFIDENTIAL,
        skip_consent=True,
    )
    client.set_redirect_uris([redirect_uri])
    client.set_scopes(["openid", "profile", "email"])
    client.save()
    call_command("runserver", f"127.0.0.1:{port}", use_reloader=False, use_threading=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
