from django.urls import path

from . import views

app_name = "core"
urlpatterns = [
    path("access-log/", views.access_log, name="access_log"),
    path("access-log/reasons/", views.reasons, name="reasons"),
    path("access-log/reasons/<int:pk>/", views.review_reason, name="review_reason"),
    path("people/<int:pk>/restricted/", views.give_reason, name="give_reason"),
    path("drafts/", views.save_form_draft, name="save_draft"),
    path("drafts/discard/", views.discard_form_draft, name="discard_draft"),
]
