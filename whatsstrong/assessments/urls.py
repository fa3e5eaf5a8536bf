from django.urls import path

from . import views

app_name = "assessments"
A = "<int:pk>/assessments/<int:aid>"
urlpatterns = [
    path("<int:pk>/assessments/start/", views.start, name="start"),
    path("<int:pk>/assessments/contact/", views.contact, name="contact"),
    path(f"{A}/", views.assessment, name="assessment"),
    path(f"{A}/conversations/add/", views.conversation_add, name="conversation_add"),
    path(f"{A}/conversations/<int:cid>/", views.conversation_change, name="conversation"),
    path(f"{A}/sections/<slug:key>/", views.section, name="section"),
    path(f"{A}/analysis/", views.analysis, name="analysis"),
    path(f"{A}/hand-over/", views.hand_over, name="hand_over"),
    path(f"{A}/strengths/", views.strengths, name="strengths"),
    path(f"{A}/wellbeing/", views.wellbeing, name="wellbeing"),
    path(f"{A}/wellbeing/priorities/", views.priorities, name="priorities"),
    path(f"{A}/wellbeing/<slug:code>/", views.wellbeing_area, name="wellbeing_area"),
    path(f"{A}/eligibility/", views.eligibility, name="eligibility"),
    path(f"{A}/sign-off/", views.sign_off, name="sign_off"),
    path(f"{A}/decide/", views.decide, name="decide"),
    path(f"{A}/copy/", views.copy, name="copy"),
    path(f"{A}/look-back/<slug:subject>/", views.review_look, name="review_look"),
    path(f"{A}/result/", views.review_result, name="review_result"),
    path("<int:pk>/review-date/", views.review_date, name="review_date"),
]
