from django.urls import path

from . import views

app_name = "conversations"
urlpatterns = [
    path("<int:pk>/notes/add/", views.add_note, name="add_note"),
    path("<int:pk>/notes/<int:note_id>/", views.note, name="note"),
    path("<int:pk>/notes/<int:note_id>/add/", views.add_addendum, name="add_addendum"),
]
