"""The site's front door: log-in, log-out, two-factor, single sign-on and sign-in safety.

Built on django-allauth (docs/decisions/0005-sign-in-on-allauth.md). Other apps never import
this one; it reads the people app's public surface to decide who someone is.
"""
