"""Lattice settings, read from environment variables only.

SQLite under ``var/`` by default; PostgreSQL when ``DATABASE_URL`` is set. Safe by
default: DEBUG is off unless set, and Lattice refuses to start with DEBUG off and no
real SECRET_KEY. Nothing here asks whether it runs under the tests: the test suite has its
own settings module (``tests/settings.py``) that starts from these and says what it changes.
"""

from __future__ import annotations

from pathlib import Path

from csp.constants import NONCE as CSP_NONCE
from csp.constants import NONE as CSP_NONE
from csp.constants import SELF as CSP_SELF
from django.core.exceptions import ImproperlyConfigured

from lattice.lib.env import database_from_url, env_bool, env_int, env_list, env_str
from lattice.lib.formatting import DJANGO_FORMATS

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("LATTICE_VAR_DIR", "") or BASE_DIR / "var")

DEBUG = env_bool("DEBUG", default=False)

_INSECURE_KEY = "insecure-development-key-do-not-use-in-production"
SECRET_KEY = env_str("SECRET_KEY", "")
if not SECRET_KEY:
    if DEBUG:
        SECRET_KEY = _INSECURE_KEY
    else:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set SECRET_KEY to a long random string "
            "(python -c 'import secrets; print(secrets.token_urlsafe(50))'), "
            "or set DEBUG=1 for local development."
        )
elif not DEBUG and (SECRET_KEY == _INSECURE_KEY or len(SECRET_KEY) < 32):
    raise ImproperlyConfigured(
        "SECRET_KEY must be at least 32 random characters when DEBUG is off."
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "csp",
    # Before allauth, so Lattice's templates for allauth's pages win.
    "lattice.accounts",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.socialaccount.providers.clever",
    "allauth.socialaccount.providers.saml",
    "lattice.accounts.providers.classlink",
    "django_tasks",
    "django_tasks_db",
    "lattice.audit",
    "lattice.notifications",
    "lattice.people",
    "lattice.roles",
    "lattice.councils",
    "lattice.imports",
    "lattice.pathways",
    "lattice.scheduler",
    "lattice.forecasts",
    "lattice.budgets",
    "lattice.coaching",
    "lattice.recognition",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "lattice.api",
    "lattice.network",
    "lattice.site",
    "lattice.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Before any view reads the address: a query string holding NUL is answered 400.
    "lattice.lib.middleware.NulInAddressMiddleware",
    # Before any view reads the form: a form Django cannot read gets a page that says why.
    "lattice.lib.middleware.UnreadableFormMiddleware",
    # No-store on signed-in pages, Permissions-Policy everywhere.
    "lattice.lib.middleware.PrivatePagesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Sessions end after SESSION_ABSOLUTE_AGE however busy they are; then the second factor
    # is required on every page of a user who enrolled or whose role needs it.
    "lattice.accounts.middleware.SessionLifetimeMiddleware",
    "lattice.accounts.middleware.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # django-csp's, with the identity providers in form-action on the pages that start a
    # single sign-on (lattice/accounts/csp.py).
    "lattice.accounts.csp.SignInCSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
]

ROOT_URLCONF = "lattice.urls"
WSGI_APPLICATION = "lattice.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "lattice" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "lattice.site.context_processors.persona",
            ],
            # {% load lattice %}: money, counts, shares and dates (lattice/lib/formatting.py)
            "libraries": {"lattice": "lattice.lib.templatetags"},
        },
    }
]

VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {"default": database_from_url(env_str("DATABASE_URL", ""), VAR_DIR / "lattice.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
# Passwords: at least PASSWORD_MIN_LENGTH characters, not like the user's name, and not
# guessable: Django's list of 20,000 common passwords plus zxcvbn's offline estimate, which
# also refuses patterns such as a word and a year ("Summer2026").
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": env_int("PASSWORD_MIN_LENGTH", 12)},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "lattice.accounts.passwords.GuessablePasswordValidator"},
]

LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "site:home"
LOGOUT_REDIRECT_URL = "account_login"

# Sessions end after SESSION_COOKIE_AGE idle (a working day by default), when the browser
# closes, and SESSION_ABSOLUTE_AGE after signing in however busy they are. The idle limit is
# pushed back at most once a minute (lattice/accounts/middleware.py), not by saving the
# session on every request.
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 60 * 60)
SESSION_ABSOLUTE_AGE = env_int("SESSION_ABSOLUTE_AGE", 12 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_SAVE_EVERY_REQUEST = False
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not the cookie
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
# Content-Security-Policy (django-csp): only Lattice's own scripts, styles, images and
# connections; no inline script or style unless it carries the request's nonce (none does
# today: behaviour lives in static/lattice/lattice.js, htmx's indicator styles in lattice.css,
# switched off in htmx by the htmx-config meta tag in base.html). Charts are inline SVG drawn
# with presentation attributes, which CSP allows. Forms post to Lattice only, except that the
# pages starting a single sign-on also name the district's identity providers in form-action
# (the button's redirect goes there; lattice/accounts/csp.py). See lattice/lib/middleware.py
# for the Permissions-Policy and Cache-Control headers.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [CSP_SELF],
        "script-src": [CSP_SELF, CSP_NONCE],
        "style-src": [CSP_SELF, CSP_NONCE],
        "img-src": [CSP_SELF, "data:"],
        "font-src": [CSP_SELF],
        "connect-src": [CSP_SELF],
        "form-action": [CSP_SELF],
        "frame-ancestors": [CSP_NONE],
        "base-uri": [CSP_NONE],
        "object-src": [CSP_NONE],
    }
}
if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
    CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", True)
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 30)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
    if not SECURE_HSTS_PRELOAD:
        # Joining the browsers' HSTS preload list is hard to undo and covers every subdomain
        # of the district's domain: a district opts in with SECURE_HSTS_PRELOAD=1, so the
        # reminder is silenced until then.
        SILENCED_SYSTEM_CHECKS = ["security.W021"]
    SECURE_PROXY_SSL_HEADER: tuple[str, str] | None = ("HTTP_X_FORWARDED_PROTO", "https")

# --- Sign-in (lattice.accounts on django-allauth; README "Sign-in and single sign-on") -------
# The client's address: behind TRUSTED_PROXY_COUNT proxies it is read from X-Forwarded-For,
# counted from the right; or from CLIENT_IP_HEADER (e.g. X-Real-IP) when the proxy sets one.
# Without either, the connection's own address is used and X-Forwarded-For is ignored.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = env_str("CLIENT_IP_HEADER", "") or None
# Password guessing is slowed per account and per address by lattice.accounts.throttle;
# allauth's own limits stay on for the two-factor code step (5 wrong codes per account in
# 5 minutes) and for log-in posts per address.
ACCOUNT_RATE_LIMITS = {"login": "120/m/ip", "login_failed": "30/m/ip,5/5m/key"}
ACCOUNT_ADAPTER = "lattice.accounts.adapters.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "lattice.accounts.adapters.SocialAccountAdapter"
ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "password1*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_REAUTHENTICATION_TIMEOUT = 10 * 60
SOCIALACCOUNT_AUTO_SIGNUP = False  # nobody becomes staff by signing in; see accounts.linking
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False  # an email never signs anyone in by itself
SOCIALACCOUNT_LOGIN_ON_GET = False
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_OPENID_CONNECT_URL_PREFIX = "oidc"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_PASSKEY_LOGIN_ENABLED = True
MFA_WEBAUTHN_USER_VERIFICATION = "required"
# Browsers allow WebAuthn on http://localhost only; tests and `make run` serve plain HTTP.
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG
MFA_TOTP_ISSUER = "Lattice"
MFA_TOTP_TOLERANCE = 1
MFA_RECOVERY_CODE_COUNT = 10
# allauth's rate limits live in the cache: one shared folder so every server process on the
# machine counts together.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": VAR_DIR / "cache",
    }
}

LANGUAGE_CODE = "en-us"
TIME_ZONE = env_str("TIME_ZONE", "UTC")
USE_I18N = False
USE_TZ = True
# One house date style (lattice.lib.formatting): "Dec 3, 2026", "Dec 3, 2026, 10:52 AM".
# Django reads a language's formats from FORMAT_MODULE_PATH before its settings, so both say
# the same thing.
FORMAT_MODULE_PATH = ["lattice.lib.formats"]
DATE_FORMAT = DJANGO_FORMATS["DATE_FORMAT"]
DATETIME_FORMAT = DJANGO_FORMATS["DATETIME_FORMAT"]
TIME_FORMAT = DJANGO_FORMATS["TIME_FORMAT"]
YEAR_MONTH_FORMAT = DJANGO_FORMATS["YEAR_MONTH_FORMAT"]
MONTH_DAY_FORMAT = DJANGO_FORMATS["MONTH_DAY_FORMAT"]
SHORT_DATE_FORMAT = DJANGO_FORMATS["SHORT_DATE_FORMAT"]
SHORT_DATETIME_FORMAT = DJANGO_FORMATS["SHORT_DATETIME_FORMAT"]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "lattice" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Uploaded evidence and import files live outside the web root and are served only by views
# that check access.
MEDIA_ROOT = VAR_DIR / "private"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if env_bool("LATTICE_TASKS_IMMEDIATE", default=False)
            else "django_tasks_db.DatabaseBackend"
        ),
    }
}

EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "lattice@localhost")
# The address people open Lattice at (lattice.lib.site_url): links in emails are absolute
# under it (a path means nothing in a mail client), and the id of every credential, issuer
# profile and key it issues starts with it. No trailing slash needed. LATTICE_PUBLIC_URL is
# the name an earlier release read for credentials; it is still honoured.
LATTICE_SITE_URL = env_str(
    "LATTICE_SITE_URL", env_str("LATTICE_PUBLIC_URL", "") or "http://localhost:8000"
).rstrip("/")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

# The JSON API (lattice/api, docs/api.md): tokens or the session, errors as RFC 9457 problem
# details, cursor pages, a per-account rate limit, and an OpenAPI 3.1 schema.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "lattice.api.authentication.TokenAuthentication",
        "lattice.api.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["lattice.api.authentication.HasScope"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "lattice.api.schema.AutoSchema",
    "EXCEPTION_HANDLER": "lattice.api.problems.handle",
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.UserRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"user": env_str("LATTICE_API_RATE", "1200/minute")},
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Lattice API",
    "DESCRIPTION": "Read and write a district's teacher leadership data: staff, schools, "
    "school years, standings and pay, payroll lines, the role catalogue, postings and role "
    "assignments, ratings, claims, the audit log, import runs (OneRoster files and HR rows in), "
    "forecast runs (started and read), the "
    "decision register and awards. Every call is "
    "checked by the same access rules as the pages. A district's talent office creates tokens "
    "on Lattice's API tokens page (/api/tokens/); send one as `Authorization: Bearer <token>`. "
    "Errors are RFC 9457 problem details and lists come a page at a time (follow `next`).",
    "VERSION": "1.0.0",
    "OAS_VERSION": "3.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "ClaimKindEnum": "lattice.pathways.models.ClaimKind",
        "ImportKindEnum": "lattice.imports.models.ImportRun.Kind",
    },
}
