from django.urls import path

from . import views

app_name = "storyboards"
S = "storyboards/<int:pk>"
C = "cpd/<int:pk>"
urlpatterns = [
    path("storyboards/", views.bank, name="bank"),
    path("storyboards/new/", views.new, name="new"),
    path("storyboards/yours/", views.yours, name="yours"),
    path("storyboards/reviews/", views.reviews, name="reviews"),
    path(f"{S}/", views.story, name="story"),
    path(f"{S}/edit/", views.edit, name="edit"),
    path(f"{S}/review/", views.review, name="review"),
    path(f"{S}/cpd/", views.cpd_draft, name="cpd_draft"),
    path(f"{C}/", views.cpd, name="cpd"),
    path(f"{C}/edit/", views.cpd_edit, name="cpd_edit"),
    path(f"{C}/download/", views.cpd_download, name="cpd_download"),
]
