from django.urls import path

from . import group_views, views

app_name = "supervision"

urlpatterns = [
    path("supervision/", views.index, name="index"),
    path("supervision/staff/<int:uid>/", views.supervisee, name="supervisee"),
    path("supervision/staff/<int:uid>/frequency/", views.frequency, name="frequency"),
    path("supervision/staff/<int:uid>/new/", views.session_new, name="session_new"),
    path("supervision/sessions/<int:sid>/", views.session_page, name="session"),
    path("supervision/sessions/<int:sid>/edit/", views.session_edit, name="session_edit"),
    path("supervision/sessions/<int:sid>/discussions/new/", views.discussion_new, name="discussion_new"),
    path("supervision/sessions/<int:sid>/discussions/<int:did>/", views.discussion_page, name="discussion"),
    path("supervision/sessions/<int:sid>/actions/new/", views.action_new, name="action_new"),
    path("supervision/actions/<int:aid>/done/", views.action_done, name="action_done"),
    path("people/<int:pk>/supervision/<int:did>/", views.person_discussion, name="person_discussion"),
    path("people/<int:pk>/reflect/", views.reflect, name="reflect"),
    path("people/<int:pk>/reflect/<int:rid>/", views.reflection_page, name="reflection"),
    path("supervision/groups/", group_views.groups, name="groups"),
    path("supervision/groups/new/", group_views.group_new, name="group_new"),
    path("supervision/groups/<int:gid>/", group_views.group_page, name="group"),
    path("supervision/groups/<int:gid>/edit/", group_views.group_edit, name="group_edit"),
    path("supervision/groups/<int:gid>/history/", group_views.group_history, name="group_history"),
    path("supervision/groups/<int:gid>/sessions/new/", group_views.group_session_new, name="group_session_new"),
    path("supervision/groups/<int:gid>/sessions/<int:pid>/", group_views.group_session_page, name="group_session"),
    path("supervision/groups/<int:gid>/sessions/<int:pid>/share/", group_views.group_summary_share, name="group_share"),
    path(
        "supervision/groups/<int:gid>/sessions/<int:pid>/actions/new/",
        group_views.group_action_new,
        name="group_action_new",
    ),
]
