"""ClassLink sign-in as an allauth OAuth 2.0 provider: allauth runs the authorization-code
flow; this package names ClassLink's endpoints and reads its user info."""
