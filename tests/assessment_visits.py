"""The assessment pages for tests/test_every_page_html.py: each page as it opens, and every form
after a bad submission. The assessments are made on first use from the world fixture's people."""

import datetime
from types import SimpleNamespace

from django.urls import reverse

TOO_LONG = "x" * 20001


def assessments(w):
    """Alice's strengths and wellbeing assessment of Peggy (in progress, with a conversation, a
    section, a strength, a wellbeing area, an eligibility decision) and one waiting for Carol's sign-off."""
    if not hasattr(w, "assessments"):
        from whatsstrong.assessments import services

        alice, peggy = w.staff["alice"], w.peggy
        talk = {
            "happened_on": datetime.date(2025, 3, 4),
            "place": "At home",
            "present": "Peggy, Joy",
            "communication": "Spoke for herself",
            "advocate": False,
            "advocate_name": "",
            "interpreter": True,
            "interpreter_language": "Yoruba",
            "text": 'Peggy said "the garden keeps me going".',
        }
        open_ = services.assessment_start(actor=alice, person=peggy, kind="strengths_and_wellbeing")
        conversation = services.conversation_add(actor=alice, person=peggy, assessment_id=open_.pk, data=talk)
        services.section_save(
            actor=alice, person=peggy, assessment_id=open_.pk, key="hopes", text="Tomatoes", expected_version=None
        )
        services.strengths_link(actor=alice, person=peggy, assessment_id=open_.pk, asset_ids=[w.asset.pk])
        services.wellbeing_save(
            actor=alice,
            person=peggy,
            assessment_id=open_.pk,
            code="g",
            data={"said": '"Joy is my rock"', "working": "Sundays", "matters": "Her grandson"},
            expected_version=None,
        )
        services.wellbeing_rank(actor=alice, person=peggy, assessment_id=open_.pk, ranks={"g": 1})
        services.eligibility_decide(
            actor=alice,
            person=peggy,
            assessment_id=open_.pk,
            facts={
                "needs_from_impairment": True,
                "outcomes": {"a": ["without_assistance"], "e": ["endangers_health_safety"]},
                "significant_impact": True,
            },
            impact="She has stopped going out since the fall.",
            expected_version=None,
        )
        waiting = services.contact_record(
            actor=alice,
            person=peggy,
            conversation=talk,
            what_matters="Getting out",
            offered="information_and_advice",
            analysis="Bus pass details given.",
            complete=True,
        )
        review, done = reviews(w, talk)
        w.assessments = SimpleNamespace(
            open=open_, conversation=conversation, waiting=waiting, review=review, done=done
        )
    return w.assessments


def reviews(w, talk):
    """A fuller assessment of Peggy's signed off by Alice (qualified for the moment), with two ranked
    areas and a hand-over, and a review of it in progress that has looked back at one area. Rita's
    review is made overdue, for the team's overdue reviews."""
    from whatsstrong.assessments import services
    from whatsstrong.people.models import Person

    alice, peggy = w.staff["alice"], w.peggy
    done = services.assessment_start(actor=alice, person=peggy, kind="carers_wellbeing")
    services.conversation_add(actor=alice, person=peggy, assessment_id=done.pk, data=talk)
    for code in ("b", "d"):
        services.wellbeing_save(
            actor=alice,
            person=peggy,
            assessment_id=done.pk,
            code=code,
            data={"said": "", "working": "", "matters": f"Area {code} matters"},
            expected_version=None,
        )
    services.wellbeing_rank(actor=alice, person=peggy, assessment_id=done.pk, ranks={"b": 2, "d": 1})
    done.refresh_from_db()
    services.assessment_write(
        actor=alice,
        person=peggy,
        assessment_id=done.pk,
        expected_version=done.version,
        data={"analysis": "Caring is going well with help.", "hand_over": "Keep the Sunday visits going."},
    )
    alice.qualified = True
    services.assessment_submit(actor=alice, person=peggy, assessment_id=done.pk)
    alice.qualified = False
    review = services.assessment_start(actor=alice, person=peggy, kind="review")
    services.review_look_save(
        actor=alice,
        person=peggy,
        assessment_id=review.pk,
        subject="wellbeing:d",
        data={"changed": '"I sleep better now"', "worked": "The sitting service", "score": 7},
        expected_version=None,
    )
    Person.objects.filter(pk=w.rita.pk).update(review_due_on=datetime.date(2025, 1, 31))
    return review, done


def overdue(team="north"):
    def build(w):
        assessments(w)
        return reverse("people:overdue_reviews", args=[w.staff["carol" if team == "north" else "sam"].team_id])

    return build


def at(name, which="open", *more):
    def build(w):
        a = getattr(assessments(w), which)
        return reverse(f"assessments:{name}", args=[w.peggy.pk, a.pk, *more])

    return build


def on_person(name):
    def build(w):
        assessments(w)
        return reverse(f"assessments:{name}", args=[w.peggy.pk])

    return build


def conversation_url(w):
    a = assessments(w)
    return reverse("assessments:conversation", args=[w.peggy.pk, a.open.pk, a.conversation.pk])


def version_of(w, which="open"):
    return getattr(assessments(w), which).__class__.objects.get(pk=getattr(assessments(w), which).pk).version


def future_talk(**more):
    day = datetime.date.today() + datetime.timedelta(days=2)
    return {"happened_on_0": day.day, "happened_on_1": day.month, "happened_on_2": day.year, "text": "", **more}


def visits(Visit):
    return [
        Visit("review", "assessments:assessment", "alice", at("assessment", "review"), shows="I sleep better now"),
        Visit(
            "review-look",
            "assessments:review_look",
            "alice",
            at("review_look", "review", "wellbeing-d"),
            shows="Area d matters",
        ),
        Visit(
            "review-look-errors",
            "assessments:review_look",
            "alice",
            at("review_look", "review", "wellbeing-d"),
            errors=True,
            post=lambda w: {"version": 1, "changed": "Kept when the score is wrong", "score": "seven"},
            shows="Kept when the score is wrong",
        ),
        Visit("review-copy", "assessments:copy", "alice", at("copy", "review"), shows="Looking back together"),
        Visit("review-result", "assessments:review_result", "alice", at("review_result", "review")),
        Visit(
            "review-result-errors",
            "assessments:review_result",
            "alice",
            at("review_result", "review"),
            errors=True,
            post=lambda w: {"version": version_of(w, "review"), "result": "carry_on"},
            shows="Enter the date of the next review",
        ),
        Visit("review-date", "assessments:review_date", "alice", on_person("review_date"), shows="next review is due"),
        Visit(
            "review-date-errors",
            "assessments:review_date",
            "alice",
            on_person("review_date"),
            errors=True,
            status=400,
            post=lambda w: {"due_on_0": "1", "due_on_1": "1", "due_on_2": "2020", "reason": ""},
            shows="Say why the review date is changing",
        ),
        Visit("overdue-reviews", "people:overdue_reviews", "carol", overdue(), shows="Rita Hollis"),
        Visit("overdue-reviews-quality-lead", "people:overdue_reviews", "quinn", overdue(), shows="Review was due"),
        Visit(
            "overdue-reviews-none", "people:overdue_reviews", "sam", overdue("south"), shows="No reviews are overdue"
        ),
        Visit("overdue-reviews-other-team", "people:overdue_reviews", "sam", overdue(), status=403),
        Visit("overdue-reviews-practitioner", "people:overdue_reviews", "alice", overdue(), status=403),
        Visit("assessment-start", "assessments:start", "alice", on_person("start"), shows="Start an assessment"),
        Visit(
            "assessment-start-errors", "assessments:start", "alice", on_person("start"), errors=True, post=lambda w: {}
        ),
        Visit("contact", "assessments:contact", "alice", on_person("contact"), shows="Record a contact"),
        Visit(
            "contact-errors",
            "assessments:contact",
            "alice",
            on_person("contact"),
            errors=True,
            post=lambda w: future_talk(complete="on", offered="further_assessment"),
            shows="a conversation with nothing in it cannot be saved",
        ),
        Visit("assessment", "assessments:assessment", "alice", at("assessment"), shows="own words"),
        Visit(
            "assessment-for-the-supervisor",
            "assessments:assessment",
            "carol",
            at("assessment", "waiting"),
            shows="Sign off or return this assessment",
        ),
        Visit("assessment-other-team", "assessments:assessment", "bob", at("assessment"), shows="Conversations"),
        Visit("assessment-no-people-role", "assessments:assessment", "dina", at("assessment"), status=403),
        Visit("conversation-add", "assessments:conversation_add", "alice", at("conversation_add")),
        Visit(
            "conversation-add-errors",
            "assessments:conversation_add",
            "alice",
            at("conversation_add"),
            errors=True,
            post=lambda w: future_talk(),
            shows="must be in the past",
        ),
        Visit("conversation-change", "assessments:conversation", "alice", conversation_url, shows="Yoruba"),
        Visit(
            "conversation-change-errors",
            "assessments:conversation",
            "alice",
            conversation_url,
            errors=True,
            post=lambda w: {**future_talk(), "version": 1, "advocate": "on"},
            shows="Enter the advocate",
        ),
        Visit("section", "assessments:section", "alice", at("section", "open", "hopes"), shows="Tomatoes"),
        Visit(
            "section-errors",
            "assessments:section",
            "alice",
            at("section", "open", "hopes"),
            errors=True,
            post=lambda w: {"version": 1, "text": TOO_LONG},
        ),
        Visit("analysis", "assessments:analysis", "alice", at("analysis"), shows="Things you might talk about"),
        Visit(
            "analysis-errors",
            "assessments:analysis",
            "alice",
            at("analysis"),
            errors=True,
            post=lambda w: {"version": version_of(w), "analysis": TOO_LONG},
        ),
        Visit("hand-over", "assessments:hand_over", "alice", at("hand_over")),
        Visit(
            "hand-over-errors",
            "assessments:hand_over",
            "alice",
            at("hand_over"),
            errors=True,
            post=lambda w: {"version": version_of(w), "hand_over": TOO_LONG},
        ),
        Visit("strengths", "assessments:strengths", "alice", at("strengths"), shows="Grows her own vegetables"),
        Visit(
            "strengths-errors",
            "assessments:strengths",
            "alice",
            at("strengths"),
            errors=True,
            post=lambda w: {"description_1": "Sings in the choir"},
        ),
        Visit("wellbeing", "assessments:wellbeing", "alice", at("wellbeing"), shows="Joy is my rock"),
        Visit("wellbeing-area", "assessments:wellbeing_area", "alice", at("wellbeing_area", "open", "g")),
        Visit(
            "wellbeing-area-errors",
            "assessments:wellbeing_area",
            "alice",
            at("wellbeing_area", "open", "g"),
            errors=True,
            post=lambda w: {"version": 1, "said": TOO_LONG},
        ),
        Visit("priorities", "assessments:priorities", "alice", at("priorities")),
        Visit(
            "priorities-errors",
            "assessments:priorities",
            "alice",
            at("priorities"),
            errors=True,
            post=lambda w: {"a": "1", "b": "1"},
        ),
        Visit("eligibility", "assessments:eligibility", "alice", at("eligibility"), shows="Decide again"),
        Visit(
            "eligibility-errors",
            "assessments:eligibility",
            "alice",
            at("eligibility"),
            errors=True,
            post=lambda w: {"outcome_a": ["without_assistance"], "significant_impact": "yes", "impact": ""},
            shows="Describe the impact on Peggy",
        ),
        Visit(
            "eligibility-other-team",
            "assessments:eligibility",
            "bob",
            at("eligibility"),
            shows="The decision now",
        ),
        Visit("sign-off", "assessments:sign_off", "alice", at("sign_off"), shows="Before it can be signed off"),
        Visit(
            "sign-off-errors",
            "assessments:sign_off",
            "alice",
            at("sign_off"),
            errors=True,
            status=400,
            post=lambda w: {},
        ),
        Visit("decide", "assessments:decide", "carol", at("decide", "waiting")),
        Visit(
            "decide-errors",
            "assessments:decide",
            "carol",
            at("decide", "waiting"),
            errors=True,
            post=lambda w: {"decision": "return", "comment": ""},
        ),
        Visit("decide-refused", "assessments:decide", "alice", at("decide", "waiting"), status=403),
        Visit("copy", "assessments:copy", "alice", at("copy"), shows="Peggy, this is what we talked about"),
        Visit(
            "copy-eligibility", "assessments:copy", "alice", at("copy"), shows="What we decided about care and support"
        ),
    ]
