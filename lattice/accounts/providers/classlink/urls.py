"""ClassLink's URLs are in lattice.accounts.urls (wrapped to answer 404 until set up)."""

urlpatterns: list[object] = []
