from django.urls import path

from . import views

app_name = "audits"
A = "<int:audit_id>"
urlpatterns = [
    path("", views.audit_list, name="list"),
    path("standards/", views.standards, name="standards"),
    path("people/<int:pk>/", views.start, name="start"),
    path(f"{A}/", views.audit, name="audit"),
    path(f"{A}/write/", views.write, name="write"),
    path(f"{A}/actions/add/", views.action_add, name="action_add"),
    path(f"{A}/actions/<int:action_id>/done/", views.action_done, name="action_done"),
    path(f"{A}/respond/", views.respond, name="respond"),
    path(f"{A}/moderate/", views.moderate, name="moderate"),
    path("sample/", views.sample, name="sample"),
    path("sample/cases/<int:case_id>/start/", views.case_start, name="case_start"),
    path("moderation/", views.moderation, name="moderation"),
    path("start/supervision/", views.start_supervision, name="start_supervision"),
    path("start/thematic/", views.start_thematic, name="start_thematic"),
    path("themes/", views.themes, name="themes"),
    path("themes/document/", views.themes_document, name="themes_document"),
    path("themes/csv/", views.themes_csv, name="themes_csv"),
]
