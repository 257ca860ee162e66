"""URLs of the councils app. Every URL here is in the access matrix
(tests/councils/access_rows.py)."""

from django.urls import path

from lattice.councils.views import bodies, meetings, register, votes

app_name = "councils"

urlpatterns = [
    path("", bodies.home, name="home"),
    path("new/", bodies.body_new, name="body-new"),
    path("<int:pk>/", bodies.body_detail, name="body"),
    path("<int:pk>/seats/", bodies.seat_new, name="seat-new"),
    path("<int:pk>/elections/", bodies.election_call, name="election-call"),
    path("<int:pk>/meetings/new/", meetings.meeting_new, name="meeting-new"),
    path("<int:pk>/proposals/new/", votes.proposal_new, name="proposal-new"),
    path("seats/<int:pk>/fill/", bodies.seat_fill, name="seat-fill"),
    path("meetings/<int:pk>/", meetings.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/agenda/", meetings.agenda_add, name="agenda-add"),
    path("meetings/<int:pk>/attendance/", meetings.attendance, name="attendance"),
    path("meetings/<int:pk>/minutes/", meetings.minutes_write, name="minutes-write"),
    path("meetings/<int:pk>/minutes/advance/", meetings.minutes_advance, name="minutes-advance"),
    path("meetings/<int:pk>/minutes.pdf", meetings.minutes_pdf, name="minutes-pdf"),
    path("meetings/<int:pk>/invite.ics", meetings.invite_ics, name="invite"),
    path("proposals/<int:pk>/", votes.proposal_detail, name="proposal"),
    path("proposals/<int:pk>/second/", votes.proposal_second, name="proposal-second"),
    path("proposals/<int:pk>/attachments/", votes.proposal_attach, name="proposal-attach"),
    path("attachments/<int:pk>/", votes.attachment_file, name="attachment"),
    path("proposals/<int:pk>/vote/", votes.poll_start, name="poll-start"),
    path("polls/<int:pk>/", votes.poll_detail, name="poll"),
    path("polls/<int:pk>/ballot/", votes.poll_vote, name="poll-vote"),
    path("polls/<int:pk>/proxy/", votes.poll_proxy, name="poll-proxy"),
    path("polls/<int:pk>/proxy/revoke/", votes.poll_proxy_revoke, name="poll-proxy-revoke"),
    path("polls/<int:pk>/nominate/", votes.poll_nominate, name="poll-nominate"),
    path("polls/<int:pk>/open/", votes.poll_open, name="poll-open"),
    path("polls/<int:pk>/close/", votes.poll_close, name="poll-close"),
    path("decisions/", register.register, name="register"),
    path("decisions.csv", register.register_csv, name="register-csv"),
    path("decisions/<int:pk>/", register.decision_detail, name="decision"),
    path("decisions/<int:pk>/update/", register.decision_update, name="decision-update"),
    path("decisions/<int:pk>/carry-out/", register.decision_carry_out, name="carry-out"),
]
