"""The test suite's settings: Lattice's own (``lattice.settings``) with what tests change,
each with its reason. pytest reads this module (``DJANGO_SETTINGS_MODULE`` in
pyproject.toml); subprocesses a test starts name the settings they want themselves.

The tests run with DEBUG off, as a district's server does, so they see the same error pages
and checks; what a production server needs and a test cannot have is changed here.
"""

from __future__ import annotations

import os

# Production refuses to start without a real key; the tests' key is made up and test-only.
os.environ.setdefault("SECRET_KEY", "tests-only-key-never-used-by-a-server-" + "x" * 24)

from lattice.lib.env import env_bool, env_list
from lattice.settings import *  # noqa: F403

# The test client asks for "testserver" (Django adds it); live-server tests for 127.0.0.1.
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])

# Hashing with the default PBKDF2 makes each test log-in take ~0.3 s; production keeps it.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# The test client and the live server speak plain HTTP: no redirect to HTTPS, no secure-only
# cookies, no HSTS.
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = False
SECURE_HSTS_PRELOAD = False
SECURE_PROXY_SSL_HEADER = None
SILENCED_SYSTEM_CHECKS = []

# Browsers allow WebAuthn on http://localhost only, where the browser tests' server runs.
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True

# Rate limits counted in memory, per test process, so parallel test workers do not share them.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# No collectstatic before the tests: static files are served from the source folders.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Background tasks run at once, inside the test; the worker-crash tests start real workers
# against the database backend in subprocesses (LATTICE_TASKS_IMMEDIATE=0 here does too).
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if env_bool("LATTICE_TASKS_IMMEDIATE", default=True)
            else "django_tasks_db.DatabaseBackend"
        ),
    }
}
