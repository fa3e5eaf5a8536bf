from django.urls import path

from . import views

app_name = "conversations"
urlpatterns = [
    path("<int:pk>/notes/add/", views.edit_note, name="add_note"),
    path("<int:pk>/notes/<int:note_id>/", views.edit_note, name="edit_note"),
]
