"""How large an upload Lattice accepts, for the import pages and the JSON API alike.

A district's roster ZIP is tens of MB even at 100,000 staff; an HR file with one row per
person is a few MB. Raise them with the environment variables if needed.
"""

from __future__ import annotations

from lattice.lib.env import env_int

ONEROSTER_MAX_BYTES = env_int("LATTICE_ROSTER_UPLOAD_MAX_MB", 500) * 1024 * 1024
HR_MAX_BYTES = env_int("LATTICE_HR_UPLOAD_MAX_MB", 20) * 1024 * 1024
