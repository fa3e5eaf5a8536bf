from django.urls import path

from . import views

app_name = "surveys"
urlpatterns = [
    # Answering, without an account.
    path("survey/", views.answer_start, name="answer_start"),
    path("survey/your-record/", views.answer_agree, name="answer_agree"),
    path("survey/question/<int:number>/", views.answer_question, name="answer_question"),
    path("survey/anything-else/", views.answer_more, name="answer_more"),
    path("survey/check-your-answers/", views.answer_check, name="answer_check"),
    path("survey/done/", views.answer_done, name="answer_done"),
    # Staff.
    path("surveys/", views.results_list, name="results_list"),
    path("surveys/<slug:code>/results/", views.results, name="results"),
    path("surveys/enter/", views.enter, name="enter"),
    path("people/<int:pk>/surveys/invite/", views.invite, name="invite"),
    path("people/<int:pk>/surveys/invitations/<int:iid>/letter/", views.letter, name="letter"),
]
