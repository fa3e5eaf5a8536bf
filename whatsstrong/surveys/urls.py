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
    path("surveys/<slug:code>/results.csv", views.results_csv, name="results_csv"),
    path("surveys/<slug:code>/comments/<int:rid>/themes/", views.theme_add, name="theme_add"),
    path("surveys/<slug:code>/themes/<int:tid>/remove/", views.theme_remove, name="theme_remove"),
    path("surveys/<slug:code>/national/", views.national, name="national"),
    path("surveys/invitation-rules/", views.invitation_rules, name="invitation_rules"),
    path("surveys/letters/", views.letters, name="letters"),
    path("surveys/staff/invite/", views.staff_invite, name="staff_invite"),
    path("surveys/enter/", views.enter, name="enter"),
    path("people/<int:pk>/surveys/invite/", views.invite, name="invite"),
    path("people/<int:pk>/surveys/invitations/<int:iid>/letter/", views.letter, name="letter"),
]
