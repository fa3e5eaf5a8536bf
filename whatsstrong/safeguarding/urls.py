from django.urls import path

from . import views

app_name = "safeguarding"
C = "<int:pk>/safeguarding/<int:concern_id>"
urlpatterns = [
    path("<int:pk>/safeguarding/raise/", views.raise_concern, name="raise"),
    path(f"{C}/", views.concern, name="concern"),
    path(f"{C}/reason/", views.give_reason, name="reason"),
    path(f"{C}/decide/", views.decide, name="decide"),
    path(f"{C}/enquiry/", views.enquiry, name="enquiry"),
    path(f"{C}/enquiry/outcomes/add/", views.outcome_add, name="outcome_add"),
    path(f"{C}/enquiry/sources/add/", views.source_add, name="source_add"),
    path(f"{C}/enquiry/close/", views.close, name="close"),
    path(f"{C}/enquiry/survey/", views.survey, name="survey"),
]
