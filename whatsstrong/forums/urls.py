from django.urls import path

from . import views

app_name = "forums"

urlpatterns = [
    path("forums/", views.forum_list, name="list"),
    path("forums/new/", views.forum_new, name="new"),
    path("forums/<int:fid>/", views.forum_page, name="forum"),
    path("forums/<int:fid>/edit/", views.forum_edit, name="edit"),
    path("forums/<int:fid>/members/new/", views.member_new, name="member_new"),
    path("people/<int:pk>/forums/hear/", views.hear, name="hear"),
    path("people/<int:pk>/forums/<int:hid>/", views.hearing_page, name="hearing"),
    path("people/<int:pk>/forums/<int:hid>/decision/", views.decide, name="decide"),
    path("people/<int:pk>/forums/<int:hid>/gap/", views.gap_new, name="gap"),
]
