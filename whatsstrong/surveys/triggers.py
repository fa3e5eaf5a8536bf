"""Invitations from practice: other apps never import surveys; surveys listens for their saves
(connected in SurveysConfig.ready) and asks services.invite_for_event, whose pure rule
(rules.invitation_decision) says whether this event invites the person.

- A review is completed: an Assessment of kind review saved as signed off.
- A safeguarding enquiry closes: the invitation is made and the enquiry's own record of the
  invitation is set to sent, in the name of whoever closed it. A worker who
  sets that record to sent by hand makes a real invitation too, even with the trigger off.
- A direct payment has run for three months: found daily by `manage.py survey_invitations`
  (`direct_payments_due`), as no save happens on that day.

A failure here is logged and never stops the review or the enquiry being saved.
"""

from __future__ import annotations

import datetime
import logging

from django.db import transaction
from django.db.models import Min
from django.utils import timezone

from . import rules, services
from .models import Invitation, Source

log = logging.getLogger(__name__)


def _safely(handler):
    def run(sender, instance, **kwargs):
        if kwargs.get("raw"):
            return
        try:
            with transaction.atomic():
                handler(instance)
        except Exception:
            log.exception("A survey invitation could not be made for %s %s", sender.__name__, instance.pk)

    run.__name__ = handler.__name__
    return run


def review_completed(assessment) -> None:
    from whatsstrong.assessments.models import Assessment

    if assessment.kind != Assessment.Kind.REVIEW or assessment.status != Assessment.Status.AUTHORISED:
        return
    actor = getattr(assessment, "_history_user", None) or assessment.author
    services.invite_for_event(source=Source.REVIEW, source_id=assessment.pk, person=assessment.person, actor=actor)


def enquiry_saved(enquiry) -> None:
    if not enquiry.closed or enquiry.survey == "declined":
        return
    if Invitation.objects.filter(source=Source.ENQUIRY, source_id=enquiry.pk).exists():
        return
    actor = getattr(enquiry, "_history_user", None) or enquiry.closed_by
    invitation, _ = services.invite_for_event(
        source=Source.ENQUIRY,
        source_id=enquiry.pk,
        person=enquiry.person,
        actor=actor,
        force=enquiry.survey == "sent",
    )
    if invitation is not None and enquiry.survey != "sent":
        # The enquiry's own record of the invitation, on the object whoever closed it holds, with a
        # history row naming them. Its version is left alone: whoever closed it, holding this
        # object, may go on to change it without an edit conflict they did not cause.
        enquiry.survey, enquiry.survey_on = "sent", timezone.localdate()
        enquiry._history_user = actor
        enquiry.save(update_fields=["survey", "survey_on"])


def direct_payments_due(today: datetime.date | None = None) -> list:
    """Agreed plans whose budget is a direct payment, first agreed three months ago or more, and not
    yet the reason for an invitation."""
    from whatsstrong.plans.models import SupportPlan

    today = today or timezone.localdate()
    asked = Invitation.objects.filter(source=Source.DIRECT_PAYMENT).values("source_id")
    plans = (
        SupportPlan.objects.filter(status=SupportPlan.Status.AGREED, managed=SupportPlan.Management.DIRECT_PAYMENT)
        .exclude(pk__in=asked)
        .annotate(first_agreed=Min("versions__agreed_at"))
        .filter(first_agreed__isnull=False)
        .select_related("person", "author")
    )
    return [p for p in plans if rules.direct_payment_due(timezone.localdate(p.first_agreed), today) or False]


def invite_direct_payments(today: datetime.date | None = None) -> tuple[int, int]:
    """Invite everyone due; returns (invited, not invited because of the rules)."""
    invited = skipped = 0
    for plan in direct_payments_due(today):
        invitation, _ = services.invite_for_event(
            source=Source.DIRECT_PAYMENT, source_id=plan.pk, person=plan.person, actor=plan.author
        )
        if invitation:
            invited += 1
        else:
            skipped += 1
    return invited, skipped


def connect() -> None:
    from django.db.models.signals import post_save

    from whatsstrong.assessments.models import Assessment
    from whatsstrong.safeguarding.models import Enquiry

    post_save.connect(_safely(review_completed), sender=Assessment, weak=False, dispatch_uid="surveys_review")
    post_save.connect(_safely(enquiry_saved), sender=Enquiry, weak=False, dispatch_uid="surveys_enquiry")
