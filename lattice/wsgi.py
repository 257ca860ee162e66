"""WSGI entry point for gunicorn: ``gunicorn lattice.wsgi``.

Once the application and every view module are loaded, the objects they made are moved out
of the garbage collector's sight (``gc.freeze``): they live as long as the process, and a
full collection otherwise walks all of them again. On a page that makes many objects
(staffing suggestions: a full collection every seven requests or so) one took about 95 ms
unfrozen and 11-15 ms frozen (docs/decisions/0017).
"""

import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lattice.settings")
application = get_wsgi_application()
get_resolver().url_patterns  # noqa: B018 - imports every view module now, not on a request
gc.collect()
gc.freeze()
