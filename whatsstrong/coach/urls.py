from django.urls import path

from . import views

app_name = "coach"
urlpatterns = [path("check/", views.check_field, name="check")]
