"""Notifications: one place where every workflow step that waits on a person tells them.

Apps above emit through :func:`lattice.notifications.send.notify` with a kind they registered
(:mod:`lattice.notifications.kinds`) and list what waits on a person through
:mod:`lattice.notifications.waiting`; this app stores the notice, shows it in the app and emails
it (at once or in a daily digest, as the person chooses) with absolute links
(docs/decisions/0015).
"""
