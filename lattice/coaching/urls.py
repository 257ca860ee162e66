"""URLs of the coaching app; every one is in the access matrix (tests/coaching/access_rows.py)."""

from django.urls import path

from lattice.coaching.views import coaching, evaluation, goals, planning, plans

app_name = "coaching"

urlpatterns = [
    path("", coaching.home, name="home"),
    path("programs/new/", coaching.program_new, name="program-new"),
    path("programs/<int:pk>/", coaching.program_detail, name="program"),
    path("programs/<int:pk>/assign/", coaching.assign, name="assign"),
    path("programs/<int:pk>/request/", coaching.request_support, name="request"),
    path("assignments/<int:pk>/", coaching.assignment_detail, name="assignment"),
    path("assignments/<int:pk>/consent/", coaching.consent, name="consent"),
    path("assignments/<int:pk>/cycles/", coaching.cycle_new, name="cycle-new"),
    path("assignments/<int:pk>/interactions/", coaching.interaction_new, name="interaction-new"),
    path("cycles/<int:pk>/goals/", coaching.goal_new, name="goal-new"),
    path("goals/<int:pk>/", goals.goal_detail, name="goal"),
    path("goals/<int:pk>/edit/", goals.goal_edit, name="goal-edit"),
    path("goals/<int:pk>/file/", goals.goal_file, name="goal-file"),
    path("goals/<int:pk>/collaborators/", goals.goal_collaborator, name="goal-collaborator"),
    path("interactions/<int:pk>/share/", coaching.share, name="share"),
    path("evaluations/<int:pk>/", evaluation.evaluation_detail, name="evaluation"),
    path("evaluations/<int:pk>/notes/", evaluation.evaluation_note, name="evaluation-note"),
    path("schools/<int:pk>/feedback/", evaluation.feedback_map, name="feedback-map"),
    path("schools/<int:pk>/evaluators/", evaluation.evaluator_new, name="evaluator-new"),
    path("readiness/", planning.surveys, name="surveys"),
    path("readiness/new/", planning.survey_new, name="survey-new"),
    path("readiness/<int:pk>/", planning.survey_detail, name="survey"),
    path("readiness/<int:pk>/answer/", planning.survey_answer, name="survey-answer"),
    path("readiness/<int:pk>/plan/", plans.plan_new, name="plan-new"),
    path("plans/<int:pk>/", plans.plan_detail, name="plan"),
    path("plans/<int:pk>/steps/", plans.step_new, name="step-new"),
    path("steps/<int:pk>/status/", plans.step_status, name="step-status"),
    path("steps/<int:pk>/body/", plans.step_body, name="step-body"),
    path("steps/<int:pk>/body/link/", plans.step_body_link, name="step-body-link"),
]
