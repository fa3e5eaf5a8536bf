"""Assessment pages. Each opens the person through core/gate.py, reads through queries.py and
writes through services.py; edit pages are the shared record page (core/record_pages.py) drawn with
the section's guidance beside the form."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from whatsstrong.core import access, withheld
from whatsstrong.core.gate import open_person_page
from whatsstrong.core.record_pages import record_form_page
from whatsstrong.prompts.queries import picker_groups
from whatsstrong.templating import long_date

from . import documents, queries, rules, services
from .display import their_words
from .forms import (
    AnalysisForm,
    ContactAnalysisForm,
    ContactForm,
    ConversationForm,
    DecideForm,
    EligibilityForm,
    HandOverForm,
    PrioritiesForm,
    ReviewDateForm,
    ReviewLookForm,
    ReviewResultForm,
    SectionForm,
    StartForm,
    StrengthsForm,
    WellbeingAreaForm,
)
from .models import Assessment, Conversation, EligibilityDecision, SectionText, WellbeingArea

FORM_PAGE = "assessments/form.html"


def _assessment(person, aid):
    return get_object_or_404(Assessment.objects.select_related("author"), pk=aid, person=person)


def _open_for_change(request, pk, aid):
    """The person (for a change) and their assessment; None for the assessment when it is closed to
    changes, with a message saying why, so the caller sends the user back to it."""
    person = open_person_page(request, pk, for_edit=True)
    assessment = _assessment(person, aid)
    if not rules.editable(assessment.status):
        messages.info(request, services.NOT_EDITABLE)
        return person, assessment, False
    return person, assessment, True


def _form_page(request, person, assessment, *, heading, guidance, **options):
    extra = {
        "assessment": assessment,
        "document": documents.document(assessment.kind),
        "guidance": guidance,
        **options.pop("extra", {}),
    }
    return record_form_page(
        request,
        person=person,
        heading=heading,
        done_url=options.pop("done_url", None) or assessment.get_absolute_url(),
        extra=extra,
        template=FORM_PAGE,
        **options,
    )


def _prompts(person):
    """Question prompts to offer beside the text of a conversation or a section (prompts/picker.html)."""
    return {"prompt_groups": picker_groups(person), "prompt_field": "id_text"}


@login_required
def start(request, pk):
    person = open_person_page(request, pk, for_edit=True)
    form = StartForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        kind = form.cleaned_data["kind"]
        if kind == Assessment.Kind.CONTACT:
            return redirect("assessments:contact", pk=person.pk)
        try:
            assessment = services.assessment_start(actor=request.user, person=person, kind=kind)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"{assessment.get_kind_display()} started.")
            return redirect(assessment)
    return render(
        request,
        "assessments/start.html",
        {"person": person, "form": form, "documents": {k: documents.document(k) for k in documents.kinds()}},
    )


@login_required
def contact(request, pk):
    person = open_person_page(request, pk, for_edit=True)
    draft_key = f"person:{person.pk}:contact:new"
    made = {}

    def save(form):
        made["assessment"] = services.contact_record(
            actor=request.user,
            person=person,
            conversation=form.conversation(),
            what_matters=form.cleaned_data["what_matters"],
            offered=form.cleaned_data["offered"],
            analysis=form.cleaned_data["analysis"],
            complete=form.cleaned_data["complete"],
            draft_key=draft_key,
        )

    response = record_form_page(
        request,
        person=person,
        make_form=lambda data, **more: ContactForm(data, **more),
        save=save,
        heading="Record a contact",
        saved="Contact recorded.",
        draft_key=draft_key,
        template=FORM_PAGE,
        extra={
            "guidance": documents.document("contact")["sections"][0],
            "lead": documents.document("contact")["purpose"],
        },
    )
    # Saved: on to the contact itself, whose status says whether it was signed off or sent on.
    return redirect(made["assessment"]) if "assessment" in made else response


@login_required
def assessment(request, pk, aid):
    person = open_person_page(request, pk)
    try:
        view = queries.assessment_view(person.pk, aid)
    except Assessment.DoesNotExist:
        raise Http404("This person has no assessment with this number.") from None
    can_change = access.can_edit(request.user, person) and rules.editable(view.assessment.status)
    return render(
        request,
        "assessments/assessment.html",
        {
            "person": person,
            "view": view,
            "a": view.assessment,
            "can_change": can_change,
            "may_decide": services.may_decide(request.user, person, view.assessment),
            "own_words": view.own_words(person.known_as),
            "their_words": their_words,
            "areas": documents.wellbeing_areas(),
            "submit_problems": rules.submit_problems(
                status=view.assessment.status,
                kind=view.assessment.kind,
                conversations=len(view.conversations),
                analysis=view.assessment.analysis,
            ),
        },
    )


def _conversation_page(request, person, assessment, found=None):
    draft_key = f"person:{person.pk}:assessment:{assessment.pk}:conversation:{found.pk if found else 'new'}"

    def make_form(data, instance=found, **more):
        return ConversationForm(data, instance=instance, **more)

    def save(form):
        data = form.changed_data_for_save()
        if found is None:
            services.conversation_add(
                actor=request.user, person=person, assessment_id=assessment.pk, data=data, draft_key=draft_key
            )
        else:
            services.conversation_change(
                actor=request.user,
                person=person,
                assessment_id=assessment.pk,
                conversation_id=found.pk,
                expected_version=form.cleaned_data["version"],
                data=data,
                draft_key=draft_key,
            )

    return _form_page(
        request,
        person,
        assessment,
        heading="Record a conversation" if found is None else "Change a conversation",
        guidance=documents.guidance("conversation"),
        make_form=make_form,
        save=save,
        saved="Conversation saved.",
        draft_key=draft_key,
        extra=_prompts(person),
    )


@login_required
def conversation_add(request, pk, aid):
    person, assessment, open_ = _open_for_change(request, pk, aid)
    if not open_:
        return redirect(assessment)
    return _conversation_page(request, person, assessment)


@login_required
def conversation_change(request, pk, aid, cid):
    person, assessment, open_ = _open_for_change(request, pk, aid)
    found = get_object_or_404(Conversation, pk=cid, assessment=assessment)
    if not open_:
        return redirect(assessment)
    return _conversation_page(request, person, assessment, found)


@login_required
def section(request, pk, aid, key):
    person, assessment, open_ = _open_for_change(request, pk, aid)
    found = documents.section(assessment.kind, key)
    if found is None:
        raise Http404("This assessment has no such section.")
    if not open_:
        return redirect(assessment)
    row = SectionText.objects.filter(assessment=assessment, key=key).first()
    draft_key = f"person:{person.pk}:assessment:{assessment.pk}:section:{key}"

    def make_form(data, instance=row, **more):
        return SectionForm(data, instance=instance, heading=found["heading"], **more)

    def save(form):
        services.section_save(
            actor=request.user,
            person=person,
            assessment_id=assessment.pk,
            key=key,
            text=form.cleaned_data["text"],
            expected_version=form.cleaned_data["version"],
            draft_key=draft_key,
        )

    return _form_page(
        request,
        person,
        assessment,
        heading=found["heading"],
        guidance=found,
        make_form=make_form,
        save=save,
        saved=f"{found['heading']}: saved.",
        draft_key=draft_key,
        extra=_prompts(person),
    )


def _written_page(request, pk, aid, *, part, heading):
    person, assessment, open_ = _open_for_change(request, pk, aid)
    contact = assessment.kind == Assessment.Kind.CONTACT
    if part == "hand_over" and contact:
        raise Http404("A contact assessment has no hand-over to a support plan.")
    if not open_:
        return redirect(assessment)
    form_class = HandOverForm if part == "hand_over" else ContactAnalysisForm if contact else AnalysisForm
    draft_key = f"person:{person.pk}:assessment:{assessment.pk}:{part}"

    def make_form(data, instance=assessment, **more):
        return form_class(data, instance=instance, **more)

    def save(form):
        services.assessment_write(
            actor=request.user,
            person=person,
            assessment_id=assessment.pk,
            expected_version=form.cleaned_data["version"],
            data=form.changed_data_for_save(),
            draft_key=draft_key,
        )

    return _form_page(
        request,
        person,
        assessment,
        heading=heading,
        guidance=documents.guidance(part),
        make_form=make_form,
        save=save,
        saved=f"{heading}: saved.",
        draft_key=draft_key,
    )


@login_required
def analysis(request, pk, aid):
    return _written_page(request, pk, aid, part="analysis", heading="Your analysis")


@login_required
def hand_over(request, pk, aid):
    return _written_page(request, pk, aid, part="hand_over", heading="Hand-over to the support plan")


@login_required
def strengths(request, pk, aid):
    person, assessment, open_ = _open_for_change(request, pk, aid)
    if not open_:
        return redirect(assessment)
    assets = list(person.assets.all())
    linked = list(assessment.strengths.values_list("pk", flat=True))
    form = StrengthsForm(request.POST if request.method == "POST" else None, assets=assets, initial={"linked": linked})
    if request.method == "POST" and form.is_valid():
        try:
            services.strengths_link(
                actor=request.user,
                person=person,
                assessment_id=assessment.pk,
                asset_ids=form.cleaned_data["linked"],
                new=form.new(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Strengths saved. New ones are on their record too.")
            return redirect(assessment)
    chosen = {int(v) for v in (form["linked"].value() or [])}
    return render(
        request,
        "assessments/strengths.html",
        {"person": person, "assessment": assessment, "form": form, "assets": assets, "chosen": chosen},
    )


def _wellbeing_open(request, pk, aid):
    person, assessment, open_ = _open_for_change(request, pk, aid)
    if not documents.document(assessment.kind)["wellbeing"]:
        raise Http404("A contact assessment does not go through the wellbeing areas.")
    return person, assessment, open_


@login_required
def wellbeing(request, pk, aid):
    person = open_person_page(request, pk)
    try:
        view = queries.assessment_view(person.pk, aid)
    except Assessment.DoesNotExist:
        raise Http404("This person has no assessment with this number.") from None
    if not view.document["wellbeing"]:
        raise Http404("A contact assessment does not go through the wellbeing areas.")
    can_change = access.can_edit(request.user, person) and rules.editable(view.assessment.status)
    return render(
        request,
        "assessments/wellbeing.html",
        {
            "person": person,
            "view": view,
            "a": view.assessment,
            "areas": documents.wellbeing_areas(),
            "can_change": can_change,
            "their_words": their_words,
        },
    )


@login_required
def wellbeing_area(request, pk, aid, code):
    person, assessment, open_ = _wellbeing_open(request, pk, aid)
    if code not in rules.WELLBEING_CODES:
        raise Http404("There is no wellbeing area with this code.")
    if not open_:
        return redirect(assessment)
    row = WellbeingArea.objects.filter(assessment=assessment, code=code).first()
    draft_key = f"person:{person.pk}:assessment:{assessment.pk}:wellbeing:{code}"
    label = documents.wellbeing_label(code)

    def make_form(data, instance=row, **more):
        return WellbeingAreaForm(data, instance=instance, **more)

    def save(form):
        services.wellbeing_save(
            actor=request.user,
            person=person,
            assessment_id=assessment.pk,
            code=code,
            data=form.cleaned_data,
            expected_version=form.cleaned_data["version"],
            draft_key=draft_key,
        )

    return _form_page(
        request,
        person,
        assessment,
        heading=f"Wellbeing: {label.lower()}",
        guidance={
            "heading": label,
            "prompts": [
                "What did they say about this part of their life?",
                "What is going well here, and who or what helps?",
                "What matters most to them here?",
            ],
        },
        make_form=make_form,
        save=save,
        saved=f"{label}: saved.",
        draft_key=draft_key,
        done_url=reverse("assessments:wellbeing", args=[person.pk, assessment.pk]),
    )


@login_required
def priorities(request, pk, aid):
    person, assessment, open_ = _wellbeing_open(request, pk, aid)
    if not open_:
        return redirect(assessment)
    current = dict(WellbeingArea.objects.filter(assessment=assessment).values_list("code", "rank"))
    form = PrioritiesForm(request.POST if request.method == "POST" else None, initial=current)
    if request.method == "POST" and form.is_valid():
        services.wellbeing_rank(actor=request.user, person=person, assessment_id=assessment.pk, ranks=form.ranks())
        messages.success(request, "Their priorities are saved.")
        return redirect("assessments:wellbeing", pk=person.pk, aid=assessment.pk)
    return render(request, "assessments/priorities.html", {"person": person, "assessment": assessment, "form": form})


@login_required
def sign_off(request, pk, aid):
    person = open_person_page(request, pk, for_edit=True)
    found = _assessment(person, aid)
    problems = rules.submit_problems(
        status=found.status, kind=found.kind, conversations=found.conversations.count(), analysis=found.analysis
    )
    if found.kind == Assessment.Kind.REVIEW:
        problems += rules.review_submit_problems(result=found.result, has_reviewed=found.reviewed_id is not None)
    route = rules.sign_off_route(
        author_id=found.author_id, actor_id=request.user.pk, actor_qualified=bool(request.user.qualified)
    )
    if request.method == "POST" and not problems:
        done = services.assessment_submit(actor=request.user, person=person, assessment_id=found.pk)
        if done.status == Assessment.Status.AUTHORISED:
            messages.success(request, "You have signed off this assessment.")
        else:
            messages.success(request, "Sent to a supervisor of the team to sign off.")
        return redirect(done)
    return render(
        request,
        "assessments/sign_off.html",
        {"person": person, "a": found, "problems": problems, "route": route, "posted": request.method == "POST"},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def decide(request, pk, aid):
    person = open_person_page(request, pk)
    found = _assessment(person, aid)
    if not services.may_decide(request.user, person, found):
        raise PermissionDenied(
            rules.decide_problem(
                status=found.status,
                decider=services.decider_of(request.user),
                person_team_id=person.team_id,
                author_id=found.author_id,
            )
        )
    form = DecideForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["decision"] == "authorise":
            services.assessment_authorise(
                actor=request.user, person=person, assessment_id=found.pk, comment=form.cleaned_data["comment"]
            )
            messages.success(request, "You have signed off this assessment.")
        else:
            services.assessment_return(
                actor=request.user, person=person, assessment_id=found.pk, comment=form.cleaned_data["comment"]
            )
            messages.success(request, "Returned to the author with your comments.")
        return redirect(found)
    return render(request, "assessments/decide.html", {"person": person, "a": found, "form": form})


ELIGIBILITY_GUIDANCE = [
    "Ask about each outcome in their words: what a usual day is like, and what a bad day is like.",
    "Tick a way only when it is true without the help they get now from family or friends.",
    "Needs that come and go count: think about the bad days, not only the day you met.",
    "Write the impact as they told it: what happens to their wellbeing if nothing changes.",
]


@login_required
def eligibility(request, pk, aid):
    person = open_person_page(request, pk, for_edit=request.method == "POST")
    assessment = _assessment(person, aid)
    who = rules.eligibility_who(assessment.kind)
    if who is None:
        raise Http404(rules.NO_ELIGIBILITY)
    if request.method == "POST" and not rules.editable(assessment.status):
        messages.info(request, services.NOT_EDITABLE)
        return redirect(assessment)
    decision = EligibilityDecision.objects.select_related("decided_by").filter(assessment=assessment).first()
    extra = {
        "assessment": assessment,
        "decision": decision,
        "who": who,
        "guidance": ELIGIBILITY_GUIDANCE,
        "can_change": access.can_edit(request.user, person) and rules.editable(assessment.status),
    }
    template = "assessments/eligibility.html"
    if not extra["can_change"]:
        return render(request, template, {"person": person, "form": None, "heading": "Eligibility", **extra})

    def make_form(data, **more):
        initial = more.get("initial") or EligibilityForm.initial_from(decision)
        return EligibilityForm(data, who=who, name=person.known_as, initial=initial)

    def save(form):
        services.eligibility_decide(
            actor=request.user,
            person=person,
            assessment_id=assessment.pk,
            facts=form.facts(),
            impact=form.cleaned_data["impact"],
            expected_version=form.cleaned_data["version"],
        )

    return record_form_page(
        request,
        person=person,
        make_form=make_form,
        save=save,
        heading="Eligibility",
        saved="Eligibility decided: the answer and the reasons are below.",
        done_url=assessment.get_absolute_url(),
        extra=extra,
        template=template,
    )


@login_required
def copy(request, pk, aid):
    person = open_person_page(request, pk)
    try:
        view = queries.assessment_view(person.pk, aid)
    except Assessment.DoesNotExist:
        raise Http404("This person has no assessment with this number.") from None
    # Names that must never be in the person's copy (an alleged source of harm) become "someone".
    hide = withheld.Withheld(withheld.names_for(person)).hide
    return render(
        request,
        "assessments/copy.html",
        {
            "person": person,
            "view": view,
            "a": view.assessment,
            "name": person.known_as,
            "their_words": lambda text: their_words(hide(text)),
            "hide": hide,
            "areas": documents.wellbeing_areas(),
            "own_words": view.own_words(person.known_as),
        },
    )


# --- Reviews ----------------------------------------------------------------------------------------


def _review_open(request, pk, aid):
    person, assessment, open_ = _open_for_change(request, pk, aid)
    if assessment.kind != Assessment.Kind.REVIEW:
        raise Http404("Only a review looks back.")
    return person, assessment, open_


@login_required
def review_look(request, pk, aid, subject):
    person, assessment, open_ = _review_open(request, pk, aid)
    found = next((s for s in queries.assessment_view(person.pk, assessment.pk).subjects if s.slug == subject), None)
    if found is None:
        raise Http404("This review does not look back at that.")
    if not open_:
        return redirect(assessment)
    draft_key = f"person:{person.pk}:assessment:{assessment.pk}:look:{found.key}"

    def make_form(data, instance=found.look, **more):
        return ReviewLookForm(data, instance=instance, **more)

    def save(form):
        services.review_look_save(
            actor=request.user,
            person=person,
            assessment_id=assessment.pk,
            subject=found.key,
            data=form.cleaned_data,
            expected_version=form.cleaned_data["version"],
            draft_key=draft_key,
        )

    lead = " ".join(
        part
        for part in (
            f"{found.then_label}: {found.then}" if found.then else "",
            f"Latest score before this review: {found.latest_score} out of 10, on {long_date(found.latest_on)}."
            if found.latest_score
            else "",
        )
        if part
    )
    return _form_page(
        request,
        person,
        assessment,
        heading=f"Looking back: {found.phrase}",
        guidance=documents.guidance("look_back"),
        make_form=make_form,
        save=save,
        saved=f"{found.label}: saved.",
        draft_key=draft_key,
        extra={"lead": lead} if lead else {},
    )


@login_required
def review_result(request, pk, aid):
    person, assessment, open_ = _review_open(request, pk, aid)
    if not open_:
        return redirect(assessment)

    def make_form(data, instance=assessment, **more):
        return ReviewResultForm(data, instance=instance, **more)

    def save(form):
        services.review_result_save(
            actor=request.user,
            person=person,
            assessment_id=assessment.pk,
            result=form.cleaned_data["result"],
            next_review_on=form.cleaned_data.get("next_review_on"),
            expected_version=form.cleaned_data["version"],
        )

    return _form_page(
        request,
        person,
        assessment,
        heading="What the review leads to",
        guidance=documents.section("review", "next"),
        make_form=make_form,
        save=save,
        saved="Saved what the review leads to.",
    )


@login_required
def review_date(request, pk):
    """Change the date of the person's next review, saying why."""
    person = open_person_page(request, pk, for_edit=True)
    initial = {"due_on": person.review_due_on}
    form = ReviewDateForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.review_date_change(
            actor=request.user, person=person, due_on=form.cleaned_data["due_on"], reason=form.cleaned_data["reason"]
        )
        due_on = form.cleaned_data["due_on"]
        messages.success(request, "Review date changed." if due_on else "No review is planned now.")
        return redirect(person)
    return render(
        request,
        "assessments/review_date.html",
        {"person": person, "form": form},
        status=400 if form.errors else 200,
    )
