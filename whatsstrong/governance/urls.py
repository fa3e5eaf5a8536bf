from django.urls import path

from . import views

app_name = "governance"
urlpatterns = [
    path("", views.index, name="index"),
    path("retention/", views.retention, name="retention"),
    path("people/<int:pk>/legal-hold/", views.hold, name="hold"),
    path("legal-holds/<int:hold_id>/lift/", views.lift, name="lift"),
    path("people/<int:pk>/subject-access/", views.subject_access_page, name="subject_access"),
    path("access-log/", views.access_log_download, name="access_log"),
]
