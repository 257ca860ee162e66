"""URLs of the network app; every one is in the access matrix (tests/network/access_rows.py)."""

from django.urls import path

from lattice.network.views import compare, convenings, home, ideas, library

app_name = "network"

urlpatterns = [
    path("join/", home.join, name="join"),
    path("mine/", home.mine, name="mine"),
    path("<slug:key>/", home.home, name="home"),
    path("<slug:key>/members/", home.members, name="members"),
    path("<slug:key>/leave/", home.leave, name="leave"),
    path("<slug:key>/sharing/", home.sharing, name="sharing"),
    path("<slug:key>/library/", library.library, name="library"),
    path("<slug:key>/library/new/", library.resource_new, name="resource-new"),
    path("<slug:key>/library/<int:pk>/", library.resource, name="resource"),
    path("<slug:key>/library/<int:pk>/copy/", library.copy, name="copy"),
    path("<slug:key>/compare/", compare.comparisons, name="compare"),
    path("<slug:key>/compare.csv", compare.comparisons_csv, name="compare-csv"),
    path("<slug:key>/ideas/", ideas.ideas, name="ideas"),
    path("<slug:key>/ideas/<int:pk>/", ideas.idea, name="idea"),
    path("<slug:key>/ideas/<int:pk>/join/", ideas.join, name="idea-join"),
    path("<slug:key>/ideas/<int:pk>/logic-model/", ideas.logic_model, name="logic-model"),
    path("<slug:key>/ideas/<int:pk>/steps/", ideas.plan_step, name="plan-step"),
    path("<slug:key>/ideas/<int:pk>/feedback/", ideas.feedback, name="feedback"),
    path("<slug:key>/ideas/<int:pk>/propose-role/", ideas.propose_role, name="propose-role"),
    path("<slug:key>/convenings/", convenings.convenings, name="convenings"),
    path("<slug:key>/convenings/<int:pk>/", convenings.convening, name="convening"),
    path("<slug:key>/convenings/<int:pk>/sessions/", convenings.add_session, name="session-add"),
    path("<slug:key>/convenings/<int:pk>/materials/", convenings.add_material, name="material-add"),
    path("<slug:key>/sessions/<int:pk>/register/", convenings.register, name="register"),
    path("<slug:key>/sessions/<int:pk>/check-in/", convenings.check_in, name="check-in"),
]
