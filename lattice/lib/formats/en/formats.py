"""The house date style for English (the site's only language), so a date a template prints
without a filter (``{{ posting.closes_on }}``) reads as :func:`lattice.lib.formatting.day`
writes it: ``Dec 3, 2026``, not Django's ``Dec. 3, 2026``."""

from lattice.lib.formatting import DJANGO_FORMATS

DATE_FORMAT = DJANGO_FORMATS["DATE_FORMAT"]
DATETIME_FORMAT = DJANGO_FORMATS["DATETIME_FORMAT"]
TIME_FORMAT = DJANGO_FORMATS["TIME_FORMAT"]
YEAR_MONTH_FORMAT = DJANGO_FORMATS["YEAR_MONTH_FORMAT"]
MONTH_DAY_FORMAT = DJANGO_FORMATS["MONTH_DAY_FORMAT"]
SHORT_DATE_FORMAT = DJANGO_FORMATS["SHORT_DATE_FORMAT"]
SHORT_DATETIME_FORMAT = DJANGO_FORMATS["SHORT_DATETIME_FORMAT"]
