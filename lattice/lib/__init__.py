"""Small helpers shared by the Django apps, the CLI and the API."""
