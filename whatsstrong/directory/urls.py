from django.urls import path

from . import views

app_name = "directory"
D = "directory"
urlpatterns = [
    path(f"{D}/", views.search_page, name="search"),
    path(f"{D}/services/<uuid:sid>/", views.service_page, name="service"),
    path(f"{D}/services/<uuid:sid>/change/", views.service_edit, name="service_change"),
    path(f"{D}/services/<uuid:sid>/opening-times/", views.opening_times, name="opening_times"),
    path(f"{D}/services/<uuid:sid>/checked/", views.service_checked, name="service_checked"),
    path(f"{D}/organisations/", views.organisations, name="organisations"),
    path(f"{D}/organisations/new/", views.organisation_edit, name="organisation_new"),
    path(f"{D}/organisations/<uuid:oid>/", views.organisation_page, name="organisation"),
    path(f"{D}/organisations/<uuid:oid>/change/", views.organisation_edit, name="organisation_change"),
    path(f"{D}/organisations/<uuid:oid>/services/new/", views.service_edit, name="service_new"),
    path(f"{D}/organisations/<uuid:oid>/places/new/", views.location_edit, name="location_new"),
    path(f"{D}/places/<uuid:lid>/change/", views.location_edit, name="location_change"),
    path(f"{D}/review/", views.review, name="review"),
    path(f"{D}/gaps/", views.gaps, name="gaps"),
    path(f"{D}/gaps/by-quarter.csv", views.gaps_csv, name="gaps_csv"),
    path(f"{D}/gaps/new/", views.gap_new, name="gap_new"),
    # From a person's record: suggesting a service, how it went, and a need nothing met.
    path("people/<int:pk>/community/suggest/<uuid:sid>/", views.signpost_new, name="signpost_new"),
    path("people/<int:pk>/community/<int:spid>/", views.signpost_change, name="signpost"),
    path("people/<int:pk>/community/gap/", views.person_gap, name="person_gap"),
]
