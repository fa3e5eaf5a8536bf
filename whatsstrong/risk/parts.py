"""What working with risk adds to the person's page and their record's history (core.record_parts),
and the panel coordinator's link on their home page (core.home_parts).

The person's part costs one query (queries.of_person) whether there is anything or not, and draws
nothing when the person has no assessment or referral and the user cannot add one.
"""

from textwrap import shorten

from django.urls import reverse

from whatsstrong.core import access
from whatsstrong.core.history import entries_for
from whatsstrong.core.home_parts import HomePart
from whatsstrong.core.record_parts import TOP, RecordPart

from .models import PanelAction, PanelReferral, Risk, RiskAssessment
from .queries import of_person


def page_context(request, person, can_edit):
    assessments, referrals = of_person(person.pk)
    if not (assessments or referrals or can_edit):
        return None
    return {"assessments": assessments, "referrals": referrals, "can_edit": can_edit}


def _short(text, width=60):
    return shorten(text or "", width, placeholder="…")


def history(person):
    pid = person.pk
    decisions = dict(RiskAssessment.history.filter(person_id=pid).values_list("id", "decision"))

    def of_assessment(assessment_id):
        return f"Positive risk assessment “{_short(decisions.get(assessment_id, ''))}”"

    entries = entries_for(
        RiskAssessment.history.filter(person_id=pid), RiskAssessment, lambda row: of_assessment(row.id)
    )
    entries += entries_for(
        Risk.history.filter(person_id=pid),
        Risk,
        lambda row: f"{of_assessment(row.assessment_id)}: risk “{_short(row.what)}”",
    )
    entries += entries_for(
        PanelReferral.history.filter(person_id=pid),
        PanelReferral,
        lambda row: f"Referral to the risk enablement panel (number {row.id})",
    )
    entries += entries_for(
        PanelAction.history.filter(person_id=pid),
        PanelAction,
        lambda row: f"Risk enablement panel (referral {row.referral_id}): action “{_short(row.what)}”",
    )
    return entries


PART = RecordPart(
    name="risk",
    order=35,
    place=TOP,
    template="risk/person_part.html",
    context=page_context,
    history=history,
)


def home_context(request):
    """A link to the panel's lists for those who coordinate it; no query."""
    if not access.can_coordinate_panels(request.user):
        return None
    return {"url": reverse("risk:panels")}


HOME = HomePart(name="risk_panels", template="risk/home_part.html", context=home_context, order=60)
