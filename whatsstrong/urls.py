from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from whatsstrong.api import api
from whatsstrong.people import views as people_views

from .core.signin import SignInView

urlpatterns = [
    path("", people_views.home, name="home"),
    path("sign-in/", SignInView.as_view(), name="login"),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("people/", include("whatsstrong.people.urls")),
    path("people/", include("whatsstrong.conversations.urls")),
    path("people/", include("whatsstrong.assessments.urls")),
    path("people/", include("whatsstrong.plans.urls")),
    path("", include("whatsstrong.risk.urls")),
    path("people/", include("whatsstrong.safeguarding.urls")),
    path("", include("whatsstrong.directory.urls")),
    path("", include("whatsstrong.surveys.urls")),
    path("oruk/", include("whatsstrong.directory.oruk_urls")),
    path("", include("whatsstrong.forums.urls")),
    path("coach/", include("whatsstrong.coach.urls")),
    path("prompts/", include("whatsstrong.prompts.urls")),
    path("audits/", include("whatsstrong.audits.urls")),
    path("", include("whatsstrong.storyboards.urls")),
    path("governance/", include("whatsstrong.governance.urls")),
    path("", include("whatsstrong.supervision.urls")),
    path("", include("whatsstrong.core.urls")),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
]

handler400 = "whatsstrong.core.errors.bad_request"
handler403 = "whatsstrong.core.errors.forbidden"
handler404 = "whatsstrong.core.errors.not_found"
handler500 = "whatsstrong.core.errors.server_error"
