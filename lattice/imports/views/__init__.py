"""Import pages, by topic: uploads and the district's page, runs, the review list, settings
and the roster connection. Every view resolves the district with
:func:`lattice.people.access.get_administered_district`, so only that district's talent
officers (and superusers) get past it; anyone else gets a 404.
"""

from lattice.imports.views.connection import connection_settings, connection_sync
from lattice.imports.views.review import resolve_review, review_list
from lattice.imports.views.runs import (
    run_apply,
    run_detail,
    run_discard,
    run_errors,
    run_file,
    run_mapping,
    run_progress,
    run_retry,
    run_undo,
    run_vocabulary,
)
from lattice.imports.views.uploads import (
    district_imports,
    home,
    hr_template,
    import_settings,
    upload_hr,
    upload_oneroster,
)

__all__ = [
    "connection_settings",
    "connection_sync",
    "district_imports",
    "home",
    "hr_template",
    "import_settings",
    "resolve_review",
    "review_list",
    "run_apply",
    "run_detail",
    "run_discard",
    "run_errors",
    "run_file",
    "run_mapping",
    "run_progress",
    "run_retry",
    "run_undo",
    "run_vocabulary",
    "upload_hr",
    "upload_oneroster",
]
