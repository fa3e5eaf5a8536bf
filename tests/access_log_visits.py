"""The break-glass review pages for tests/test_every_page_html.py: the list, one reason as it opens,
the form after a bad submission, one already reviewed, and one the reviewer gave themselves."""

from django.urls import reverse

TOO_LONG = "x" * 2001


def grants(w):
    """Bob's reason to open Rita's restricted record, and Quinn's own, made on first use."""
    if not hasattr(w, "grants"):
        from whatsstrong.core import access

        bob = access.grant_restricted_access(
            user=w.staff["bob"], record=w.rita, reason="Covering the duty desk for South today"
        )
        own = access.grant_restricted_access(
            user=w.staff["quinn"], record=w.rita, reason="Checking a complaint about this record"
        )
        w.grants = {"bob": bob, "own": own}
    return w.grants


def review_of(which):
    def build(w):
        return reverse("core:review_reason", args=[grants(w)[which].pk])

    return build


def reviewed_first(client, w):
    from whatsstrong.core import access

    access.review_reason(reviewer=w.staff["quinn"], grant_id=grants(w)["bob"].pk, note="Rota confirmed")


def visits(Visit):
    return [
        Visit(
            "reasons",
            "core:reasons",
            "quinn",
            lambda w: grants(w) and reverse("core:reasons"),
            shows="2 reasons are waiting for review",
        ),
        Visit("reasons-forbidden-403", "core:reasons", "carol", lambda w: reverse("core:reasons"), status=403),
        Visit("review-reason", "core:review_reason", "quinn", review_of("bob"), shows="Mark as reviewed"),
        Visit(
            "review-reason-note-too-long",
            "core:review_reason",
            "quinn",
            review_of("bob"),
            post=lambda w: {"note": TOO_LONG},
            errors=True,
        ),
        Visit(
            "review-reason-done",
            "core:review_reason",
            "quinn",
            review_of("bob"),
            before=reviewed_first,
            shows="This reason has been reviewed.",
        ),
        Visit("review-reason-own", "core:review_reason", "quinn", review_of("own"), shows="another quality lead"),
        Visit("review-reason-forbidden-403", "core:review_reason", "lee", review_of("bob"), status=403),
    ]
