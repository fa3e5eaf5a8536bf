from django.urls import path

from . import views

app_name = "people"
urlpatterns = [
    path("", views.find, name="search"),
    path("new/", views.new_person, name="new"),
    path("archived/", views.archived, name="archived"),
    path("teams/<int:team_id>/overdue-reviews/", views.overdue_reviews, name="overdue_reviews"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/history/", views.history, name="history"),
    path("<int:pk>/archive/", views.archive, name="archive"),
    path("<int:pk>/unarchive/", views.unarchive, name="unarchive"),
    path("<int:pk>/edit/<slug:section>/", views.edit_section, name="edit"),
    path("<int:pk>/network/add/", views.edit_network_member, name="add_member"),
    path("<int:pk>/network/<int:member_id>/", views.edit_network_member, name="edit_member"),
    path("<int:pk>/strengths/add/", views.edit_asset, name="add_asset"),
    path("<int:pk>/strengths-and-network/add/", views.add_strengths_and_network, name="add_strengths_and_network"),
    path("<int:pk>/strengths/<int:asset_id>/", views.edit_asset, name="edit_asset"),
]
