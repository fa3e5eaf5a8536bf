"""The Open Referral UK API's addresses, as the standard names them (no trailing slash)."""

from django.urls import path

from . import oruk

app_name = "oruk"
urlpatterns = [
    path("", oruk.about, name="about"),
    path("services", oruk.services, name="services"),
    path("services/<str:id>", oruk.service, name="service"),
    path("taxonomies", oruk.taxonomies, name="taxonomies"),
    path("taxonomies/<str:id>", oruk.taxonomy, name="taxonomy"),
    path("taxonomy_terms", oruk.taxonomy_terms, name="taxonomy_terms"),
    path("taxonomy_terms/<str:id>", oruk.taxonomy_term, name="taxonomy_term"),
    path("service_at_locations", oruk.service_at_locations, name="service_at_locations"),
    path("service_at_locations/<str:id>", oruk.service_at_location, name="service_at_location"),
    path("<path:path>", oruk.spec, name="spec"),
]
