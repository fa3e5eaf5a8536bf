from django.urls import path

from . import progress_views, views

app_name = "plans"
P = "<int:pk>/plans/<int:plan_id>"
urlpatterns = [
    path("<int:pk>/plans/start/", views.start, name="start"),
    path(f"{P}/", views.plan, name="plan"),
]

# Progress: scores, charts of them and the stage of change (progress_views.py).
urlpatterns += [
    path(f"{P}/progress/", progress_views.progress, name="progress"),
    path(f"{P}/outcomes/<int:oid>/scores/add/", progress_views.score_add, name="score_add"),
    path(f"{P}/outcomes/<int:oid>/stage/", progress_views.stage, name="stage"),
]
