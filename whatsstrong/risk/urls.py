from django.urls import path

from . import views

app_name = "risk"
A = "people/<int:pk>/risk/<int:assessment_id>"
R = "people/<int:pk>/panel-referrals/<int:referral_id>"
urlpatterns = [
    path("people/<int:pk>/risk/new/", views.assessment_add, name="assessment_add"),
    path(f"{A}/", views.assessment, name="assessment"),
    path(f"{A}/change/", views.assessment_change, name="assessment_change"),
    path(f"{A}/capacity/", views.capacity, name="capacity"),
    path(f"{A}/risks/add/", views.risk_add, name="risk_add"),
    path(f"{A}/risks/<int:risk_id>/", views.risk_change, name="risk_change"),
    path(f"{A}/agree/", views.agree, name="agree"),
    path(f"{A}/review/", views.assessment_review, name="assessment_review"),
    path("people/<int:pk>/panel-referrals/new/", views.refer, name="refer"),
    path(f"{R}/", views.referral, name="referral"),
    path(f"{R}/schedule/", views.schedule, name="schedule"),
    path(f"{R}/panel-record/", views.record, name="record"),
    path(f"{R}/decision/", views.decide, name="decide"),
    path(f"{R}/actions/add/", views.action_add, name="action_add"),
    path(f"{R}/actions/<int:action_id>/", views.action_done, name="action_done"),
    path("risk-panels/", views.panels, name="panels"),
    path("risk-panels/new/", views.panel_add, name="panel_add"),
    path("risk-panels/<int:panel_id>/", views.panel, name="panel"),
    path("risk-panels/<int:panel_id>/change/", views.panel_change, name="panel_change"),
]
