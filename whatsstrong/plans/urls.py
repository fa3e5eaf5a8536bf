from django.urls import path

from . import progress_views, service_views, views

app_name = "plans"
P = "<int:pk>/plans/<int:plan_id>"
urlpatterns = [
    path("<int:pk>/plans/start/", views.start, name="start"),
    path(f"{P}/", views.plan, name="plan"),
    path(f"{P}/good-life/", views.good_life, name="good_life"),
    path(f"{P}/money/", views.money, name="money"),
    path(f"{P}/if-things-change/", views.contingency, name="contingency"),
    path(f"{P}/review-date/", views.review_date, name="review_date"),
    path(f"{P}/outcomes/add/", views.outcome_add, name="outcome_add"),
    path(f"{P}/outcomes/<int:oid>/", views.outcome_change, name="outcome"),
    path(f"{P}/outcomes/<int:oid>/who-does-what/add/", views.contribution_add, name="contribution_add"),
    path(f"{P}/who-does-what/<int:cid>/", views.contribution_change, name="contribution"),
    path(f"{P}/who-does-what/<int:cid>/remove/", views.contribution_remove, name="contribution_remove"),
    path(f"{P}/who-does-what/<int:cid>/service/", service_views.contribution_service, name="contribution_service"),
    path(f"{P}/agreements/<int:mid>/", views.agreement, name="agreement"),
    path(f"{P}/agree/", views.sign_off, name="sign_off"),
    path(f"{P}/decide/", views.decide, name="decide"),
    path(f"{P}/change/", views.reopen, name="reopen"),
    path(f"{P}/versions/", views.versions, name="versions"),
    path(f"{P}/versions/<int:number>/", views.version, name="version"),
]

# Progress: scores, charts of them and the stage of change (progress_views.py).
urlpatterns += [
    path(f"{P}/progress/", progress_views.progress, name="progress"),
    path(f"{P}/outcomes/<int:oid>/scores/add/", progress_views.score_add, name="score_add"),
    path(f"{P}/outcomes/<int:oid>/stage/", progress_views.stage, name="stage"),
]

# The person's copy of a plan, and family group conferences (copy_views.py, conference_views.py).
from . import conference_views, copy_views  # noqa: E402

C = "<int:pk>/conferences/<int:conference_id>"
urlpatterns += [
    path(f"{P}/copy/", copy_views.copy_page, name="copy"),
    path(f"{P}/copy.pdf", copy_views.copy_pdf, name="copy_pdf"),
    path("<int:pk>/conferences/refer/", conference_views.refer, name="conference_refer"),
    path(f"{C}/", conference_views.conference, name="conference"),
    path(f"{C}/change/", conference_views.change, name="conference_change"),
    path(f"{C}/stage/", conference_views.stage, name="conference_stage"),
    path(f"{C}/actions/add/", conference_views.action_add, name="family_action_add"),
    path(f"{C}/actions/<int:action_id>/link/", conference_views.action_link, name="family_action_link"),
]
