"""URLs of the recognition app. Every URL here is in the access matrix
(tests/recognition/access_rows.py)."""

from django.urls import path

from lattice.recognition.views import mine, office, programs, public

app_name = "recognition"

urlpatterns = [
    path("", office.office, name="office"),
    path("achievements/new/", office.achievement_new, name="achievement-new"),
    path("awards/new/", office.award_new, name="award-new"),
    path("awards/automatic/", office.run_automatic, name="run-automatic"),
    path("awards/<int:pk>/", office.award_detail, name="award"),
    path("awards/<int:pk>/revoke/", office.revoke, name="revoke"),
    path("keys/rotate/", office.rotate_key, name="rotate-key"),
    path("mine/", mine.mine, name="mine"),
    path("awards/<int:pk>/publish/", mine.publish, name="publish"),
    path("awards/<int:pk>/credential.json", mine.download_json, name="download-json"),
    path("awards/<int:pk>/credential.jwt", mine.download_jwt, name="download-jwt"),
    path("awards/<int:pk>/badge.png", mine.download_png, name="download-png"),
    path("transcript/", mine.transcript_page, name="transcript"),
    path("transcript/clr.json", mine.transcript_json, name="transcript-json"),
    path("transcript/clr.jwt", mine.transcript_jwt, name="transcript-jwt"),
    path("programs/", programs.program_list, name="programs"),
    path("programs/new/", programs.program_new, name="program-new"),
    path("programs/<int:pk>/", programs.program_detail, name="program"),
    path("programs/<int:pk>/nominate/", programs.nominate, name="nominate"),
    path("programs/<int:pk>/seat/", programs.seat, name="seat"),
    path("programs/<int:pk>/advance/", programs.advance, name="advance"),
    path("programs/<int:pk>/decide/", programs.decide, name="decide"),
    path("nominations/<int:pk>/review/", programs.review, name="review"),
    path("credentials/<uuid:public_id>/", public.credential, name="credential"),
    path("credentials/<uuid:public_id>/verify.json", public.credential_verify, name="verify"),
    path("credentials/<uuid:public_id>/credential.jwt", public.credential_jwt, name="public-jwt"),
    path("credentials/<uuid:public_id>/badge.png", public.credential_png, name="public-png"),
    path("issuers/<slug:district>/", public.issuer, name="issuer"),
    path("issuers/<slug:district>/jwks.json", public.jwks, name="jwks"),
    path("issuers/<slug:district>/keys/<str:kid>.json", public.issuer_key, name="issuer-key"),
    path("issuers/<slug:district>/status/revocation", public.status_list, name="status-list"),
    path(
        "issuers/<slug:district>/achievements/<slug:key>/",
        public.achievement_public,
        name="achievement-public",
    ),
]
