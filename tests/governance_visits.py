"""The information governance pages for tests/test_every_page_html.py: each page as it opens, and
every form after a bad submission. A legal hold on the world's Peggy is made on first use."""

from django.urls import reverse


def hold(w):
    if not hasattr(w, "legal_hold"):
        from whatsstrong.governance.services import hold_set

        w.legal_hold = hold_set(actor=w.staff["quinn"], person=w.peggy, reason="A claim against the council is open.")
    return w.legal_hold


def visits(Visit):
    on_peggy = lambda name: lambda w: reverse(f"governance:{name}", args=[w.peggy.pk])  # noqa: E731
    lift = lambda w: reverse("governance:lift", args=[hold(w).pk])  # noqa: E731
    return [
        Visit(
            "governance-index", "governance:index", "quinn", lambda w: reverse("governance:index"), shows="Retention"
        ),
        Visit(
            "governance-retention",
            "governance:retention",
            "lee",
            lambda w: reverse("governance:retention"),
            shows="Due on",
        ),
        Visit("governance-hold", "governance:hold", "quinn", on_peggy("hold"), shows="Put the record on legal hold"),
        Visit(
            "governance-hold-errors",
            "governance:hold",
            "quinn",
            on_peggy("hold"),
            errors=True,
            post=lambda w: {"reason": "short"},
        ),
        Visit("governance-lift", "governance:lift", "adam", lift, shows="Lift the legal hold"),
        Visit("governance-lift-errors", "governance:lift", "adam", lift, errors=True, post=lambda w: {"reason": ""}),
        Visit(
            "governance-subject-access",
            "governance:subject_access",
            "carol",
            on_peggy("subject_access"),
            shows="Export the record for a subject access request",
        ),
        Visit(
            "governance-subject-access-errors",
            "governance:subject_access",
            "carol",
            on_peggy("subject_access"),
            errors=True,
            post=lambda w: {"withhold": ["nobody"], "other_names": "Kept when refused"},
        ),
        Visit(
            "governance-access-log",
            "governance:access_log",
            "adam",
            lambda w: reverse("governance:access_log"),
            shows="Download the access log",
        ),
        Visit(
            "governance-access-log-errors",
            "governance:access_log",
            "quinn",
            lambda w: reverse("governance:access_log"),
            errors=True,
            post=lambda w: {"since_0": "31", "since_1": "2", "since_2": "2026"},
        ),
    ]
