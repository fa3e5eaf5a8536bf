"""Every read of storyboards for pages and the API: a story with what its page shows, the evidence
bank searched by words and theme, a quality lead's lists, a member of staff's own stories and CPD
records."""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone

from . import rules, themes
from .models import CpdRecord, Storyboard

SEARCHED = ("title", "situation", "what_was_done", "difference", "their_words", "learning", "people_involved")
PAGE_SIZE = 25


def story(pk: int) -> Storyboard | None:
    if not 0 < pk < 2**63:
        return None
    return (
        Storyboard.objects.select_related("author", "team", "reviewer").prefetch_related("themes").filter(pk=pk).first()
    )


def theme_codes(found: Storyboard) -> list[str]:
    order = [t["code"] for t in themes.themes()]
    codes = {t.code for t in found.themes.all()}
    return [code for code in order if code in codes]


def theme_labels(found: Storyboard) -> list[str]:
    labels = themes.labels()
    return [labels[code] for code in theme_codes(found)]


def evidence_bank(typed: str = "", theme: str = "", limit: int = PAGE_SIZE, offset: int = 0):
    """Published stories with every word typed somewhere in them (case ignored), showing the theme if
    one is chosen; newest first. Returns (stories, how many match, the words looked for)."""
    words = rules.search_words(typed)
    found = Storyboard.objects.filter(status=rules.PUBLISHED)
    if theme:
        found = found.filter(themes__code=theme)
    for word in words:
        either = Q()
        for field in SEARCHED:
            either |= Q(**{f"{field}__icontains": word})
        found = found.filter(either)
    total = found.count()
    rows = list(
        found.select_related("author", "team")
        .prefetch_related("themes")
        .order_by("-published_at", "-pk")[offset : offset + limit]
    )
    return rows, total, words


def waiting_for_review():
    return list(
        Storyboard.objects.filter(status=rules.SUBMITTED)
        .select_related("author", "team")
        .order_by("submitted_at", "pk")
    )


def due_again(today=None):
    """Published stories whose review date has come."""
    today = today or timezone.localdate()
    return list(
        Storyboard.objects.filter(status=rules.PUBLISHED, review_on__lte=today)
        .select_related("author", "team")
        .order_by("review_on", "pk")
    )


def waiting_counts(today=None) -> tuple[int, int]:
    today = today or timezone.localdate()
    waiting = Storyboard.objects.filter(status=rules.SUBMITTED).count()
    due = Storyboard.objects.filter(status=rules.PUBLISHED, review_on__lte=today).count()
    return waiting, due


def stories_by(user):
    return list(Storyboard.objects.filter(author=user).order_by("-updated_at", "-pk"))


def cpd_records(user):
    return list(CpdRecord.objects.filter(owner=user).order_by("-done_on", "-pk"))


def cpd_record(pk: int) -> CpdRecord | None:
    if not 0 < pk < 2**63:
        return None
    return CpdRecord.objects.select_related("storyboard").filter(pk=pk).first()


def accepted_flags(found: Storyboard):
    return list(found.accepted_flags.select_related("by").order_by("at", "pk"))
