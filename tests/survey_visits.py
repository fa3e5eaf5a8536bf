"""Experience survey pages for tests/test_every_page_html.py: answering with a code (not signed
in), each page as it opens and after a bad submission; inviting from a record, the letter, typing
in answers, and results."""

from types import SimpleNamespace

from django.urls import reverse


def surveys(w):
    """Peggy invited to the carer survey (the code kept for the visits), and twelve paper responses
    from North and three from South, so results show a team and hide one."""
    if not hasattr(w, "surveys"):
        from whatsstrong.surveys import definitions, services

        alice, quinn = w.staff["alice"], w.staff["quinn"]
        invitation, code = services.invitation_create(actor=alice, person=w.peggy, survey_code="carer")
        statements = [s.code for s in definitions.survey("carer").statements]
        for n, team in enumerate([alice.team] * 12 + [w.staff["bob"].team] * 3):
            services.response_enter(
                actor=quinn,
                survey_code="carer",
                team=team,
                channel="paper",
                answers={s: ("agree" if n % 3 else "disagree") for s in statements},
                more="Knowing who to ring made the difference." if n == 0 else "",
            )
        w.surveys = SimpleNamespace(invitation=invitation, code=code)
    return w.surveys


def event_letter(w):
    """A letter waiting: Peggy's enquiry-closed invitation, made as the trigger would make it."""
    if not hasattr(w, "survey_event"):
        from whatsstrong.surveys import services
        from whatsstrong.surveys.models import InvitationRules, Source

        # Peggy may have been invited by hand already in this world: no window, so the event invites.
        InvitationRules.objects.update_or_create(pk=1, defaults={"months_apart": 0})
        w.survey_event, _ = services.invite_for_event(
            source=Source.ENQUIRY, source_id=990001, person=w.peggy, actor=w.staff["alice"], force=True
        )
    return w.survey_event


def supervision_few(w):
    """Four answers to the supervision survey: too few to show anything."""
    if not hasattr(w, "supervision_few"):
        from whatsstrong.surveys import definitions, services

        statements = [s.code for s in definitions.survey("supervision").statements]
        for _ in range(4):
            services.response_enter(
                actor=w.staff["quinn"],
                survey_code="supervision",
                team=w.staff["alice"].team,
                channel="paper",
                answers=dict.fromkeys(statements, "agree"),
            )
        w.supervision_few = True
    return w.supervision_few


def excluded(url):
    return {
        "surveys:theme_add": (
            "POST only: tags a comment with a theme and redirects to the results page (checked).",
            lambda w: reverse("surveys:theme_add", args=["carer", 1]),
        ),
        "surveys:theme_remove": (
            "POST only: takes a theme off and redirects to the results page (checked).",
            lambda w: reverse("surveys:theme_remove", args=["carer", 1]),
        ),
    }


NOT_HTML = {
    "surveys:results_csv": (
        "A survey's results as CSV, counts only (whatsstrong/surveys/tests/test_results.py reads it back).",
        "text/csv; charset=utf-8",
        lambda w: surveys(w) and reverse("surveys:results_csv", args=["carer"]),
        "carol",
    ),
}


def at(name, *args):
    return lambda w: reverse(f"surveys:{name}", args=list(args))


def with_code(client, w):
    client.post(reverse("surveys:answer_start"), {"code": surveys(w).code})


def agreed(client, w):
    with_code(client, w)
    client.post(reverse("surveys:answer_agree"), {"link": "no"})


def answered(client, w):
    agreed(client, w)
    for n in range(1, 6):
        client.post(reverse("surveys:answer_question", args=[n]), {"answer": "agree"})


def too_many_wrong(client, w):
    from django.utils import timezone

    from whatsstrong.surveys import rules, services
    from whatsstrong.surveys.models import WrongCode

    WrongCode.objects.bulk_create(
        WrongCode(address=services.address_hash("127.0.0.1"), at=timezone.now()) for _ in range(rules.WRONG_CODE_LIMIT)
    )


def invitation(name):
    return lambda w: reverse(f"surveys:{name}", args=[w.peggy.pk, surveys(w).invitation.pk])


def visits(Visit):
    start = at("answer_start")
    return [
        Visit("survey-start", "surveys:answer_start", None, start, shows="Tell us how your support feels"),
        Visit("survey-start-easy-read", "surveys:answer_start", None, start, query="easy=1", shows="Type the code"),
        Visit("survey-start-empty", "surveys:answer_start", None, start, post=lambda w: {"code": ""}, errors=True),
        Visit(
            "survey-start-wrong-code",
            "surveys:answer_start",
            None,
            start,
            post=lambda w: {"code": "CDEF 3467"},
            errors=True,
            shows="could not find that code",
        ),
        Visit(
            "survey-start-too-many-429",
            "surveys:answer_start",
            None,
            start,
            before=too_many_wrong,
            status=429,
            shows="Try again in",
        ),
        Visit("survey-agree", "surveys:answer_agree", None, at("answer_agree"), before=with_code, shows="Can we keep"),
        Visit(
            "survey-agree-unchosen",
            "surveys:answer_agree",
            None,
            at("answer_agree"),
            before=with_code,
            post=lambda w: {},
            errors=True,
        ),
        Visit(
            "survey-question",
            "surveys:answer_question",
            None,
            at("answer_question", 2),
            before=agreed,
            shows="Prefer not to say",
        ),
        Visit(
            "survey-question-easy-read",
            "surveys:answer_question",
            None,
            at("answer_question", 2),
            query="easy=1",
            before=agreed,
            shows="I do not want to say",
        ),
        Visit(
            "survey-question-unanswered",
            "surveys:answer_question",
            None,
            at("answer_question", 2),
            before=agreed,
            post=lambda w: {},
            errors=True,
        ),
        Visit("survey-more", "surveys:answer_more", None, at("answer_more"), before=answered, shows="optional"),
        Visit(
            "survey-more-too-long",
            "surveys:answer_more",
            None,
            at("answer_more"),
            before=answered,
            post=lambda w: {"more": "x" * 3001},
            errors=True,
        ),
        Visit(
            "survey-check",
            "surveys:answer_check",
            None,
            at("answer_check"),
            before=answered,
            shows="Check your answers before sending them",
        ),
        Visit(
            "survey-done",
            "surveys:answer_done",
            None,
            at("answer_check"),
            before=answered,
            post=lambda w: {},
            follow=True,
            shows="Answers sent",
        ),
        # Staff.
        Visit("survey-invite", "surveys:invite", "alice", lambda w: reverse("surveys:invite", args=[w.peggy.pk])),
        Visit(
            "survey-invite-unchosen",
            "surveys:invite",
            "alice",
            lambda w: reverse("surveys:invite", args=[w.peggy.pk]),
            post=lambda w: {},
            errors=True,
        ),
        Visit("survey-letter", "surveys:letter", "alice", invitation("letter"), shows="no longer shown"),
        Visit("survey-enter-choose", "surveys:enter", "alice", at("enter"), shows="Choose the survey"),
        Visit("survey-enter", "surveys:enter", "alice", at("enter"), query="survey=carer", shows="Leave this empty"),
        Visit(
            "survey-enter-nothing",
            "surveys:enter",
            "alice",
            at("enter"),
            query="survey=carer",
            post=lambda w: {"channel": "paper"},
            errors=True,
            shows="Enter at least one answer",
        ),
        Visit("survey-results-list", "surveys:results_list", "carol", at("results_list"), shows="Experience surveys"),
        Visit(
            "survey-results",
            "surveys:results",
            "quinn",
            lambda w: surveys(w) and reverse("surveys:results", args=["carer"]),
            shows="Knowing who to ring",
        ),
        Visit("survey-results-forbidden-403", "surveys:results", "alice", at("results", "carer"), status=403),
        Visit(
            "survey-results-by-quarter",
            "surveys:results",
            "carol",
            lambda w: surveys(w) and reverse("surveys:results", args=["carer"]),
            query="by=quarter",
            shows="Share who agreed, by quarter",
        ),
        Visit(
            "survey-results-supervision-too-few",
            "surveys:results",
            "carol",
            lambda w: supervision_few(w) and reverse("surveys:results", args=["supervision"]),
            shows="Fewer than 5 people have answered so far",
        ),
        Visit("survey-national", "surveys:national", "quinn", at("national", "carer"), shows="national survey"),
        Visit(
            "survey-national-bad-figure",
            "surveys:national",
            "quinn",
            at("national", "carer"),
            post=lambda w: {"year": "", "n_respect": "lots"},
            errors=True,
            shows="Enter a percentage",
        ),
        Visit("survey-rules", "surveys:invitation_rules", "quinn", at("invitation_rules"), shows="invited again"),
        Visit(
            "survey-rules-bad-months",
            "surveys:invitation_rules",
            "quinn",
            at("invitation_rules"),
            post=lambda w: {"months_apart": "six"},
            errors=True,
            shows="Enter a whole number of months",
        ),
        Visit(
            "survey-letters",
            "surveys:letters",
            "alice",
            lambda w: event_letter(w) and reverse("surveys:letters"),
            shows="a safeguarding enquiry closed",
        ),
        Visit(
            "survey-letters-none-chosen",
            "surveys:letters",
            "alice",
            lambda w: event_letter(w) and reverse("surveys:letters"),
            post=lambda w: {},
            errors=True,
            shows="Choose at least one letter to print",
        ),
        Visit(
            "survey-letters-printed",
            "surveys:letters",
            "alice",
            lambda w: event_letter(w) and reverse("surveys:letters"),
            post=lambda w: {"invitation": [event_letter(w).pk], "large": "on"},
            shows="ws-letter--large",
        ),
        Visit("survey-staff-invite", "surveys:staff_invite", "carol", at("staff_invite"), shows="Make the codes"),
        Visit(
            "survey-staff-invite-unchosen",
            "surveys:staff_invite",
            "carol",
            at("staff_invite"),
            post=lambda w: {},
            errors=True,
            shows="Choose a team",
        ),
        Visit(
            "survey-staff-codes",
            "surveys:staff_invite",
            "carol",
            at("staff_invite"),
            post=lambda w: {"team": w.staff["carol"].team_id},
            shows="ws-letter__code",
        ),
    ]
