from django.urls import reverse

from .access import can_read_directory, can_read_evidence_bank, can_read_history, can_see_people
from .drafts import take_saved_keys
from .models import CASE_ROLES


def navigation(request):
    user = getattr(request, "user", None)
    if not user or not user.is_authenticated:
        return {}
    items = [("Caseload" if user.role in CASE_ROLES else "Home", reverse("home"))]
    if can_see_people(user):
        items.append(("Find a person", reverse("people:search")))
    if can_see_people(user):
        items.append(("Audits", reverse("audits:list")))
    if can_read_directory(user):
        items.append(("Community directory", reverse("directory:search")))
    if can_read_evidence_bank(user):
        items.append(("Evidence bank", reverse("storyboards:bank")))
    if can_read_history(user):
        items.append(("Access log", reverse("core:access_log")))
    items.append(("Your account", reverse("core:account")))
    return {"nav_items": [{"label": label, "url": url, "active": request.path == url} for label, url in items]}


def drafts(request):
    """`saved_draft_keys()` for base.html. Called only as a page is drawn, so a fragment drawn in
    between (the coach's hints) cannot take the keys before the page that needs them."""
    return {"saved_draft_keys": lambda: take_saved_keys(request) if hasattr(request, "session") else []}
