from django.urls import path

from . import views

app_name = "plans"
P = "<int:pk>/plans/<int:plan_id>"
urlpatterns = [
    path("<int:pk>/plans/start/", views.start, name="start"),
    path(f"{P}/", views.plan, name="plan"),
]
