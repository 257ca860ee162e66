"""WSGI entry point for gunicorn: ``gunicorn lattice.wsgi``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lattice.settings")
application = get_wsgi_application()
