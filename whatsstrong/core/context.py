from django.urls import reverse

from .access import can_read_history, can_see_people
from .models import CASE_ROLES


def navigation(request):
    user = getattr(request, "user", None)
    if not user or not user.is_authenticated:
        return {}
    items = [("Caseload" if user.role in CASE_ROLES else "Home", reverse("home"))]
    if can_see_people(user):
        items.append(("Find a person", reverse("people:search")))
    if can_read_history(user):
        items.append(("Access log", reverse("core:access_log")))
    return {
        "nav_items": [
            {"label": label, "url": url, "active": request.path == url} for label, url in items
        ]
    }
