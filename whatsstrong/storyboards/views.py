"""Storyboard pages: the evidence bank and its search, writing a story, the quality lead's review with
the flagged details highlighted, and CPD records. Each asks core/access.py who may see or do what,
reads through queries.py and writes through services.py. A story names no one's case record, so
nothing here opens a person through the gate."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from whatsstrong.core import access
from whatsstrong.core.record_pages import show_refusal
from whatsstrong.core.records import EditConflict

from . import queries, rules, services, themes
from .forms import AcceptForm, CpdForm, DecisionForm, SearchForm, StoryForm

CONFLICT = "Someone saved this after you opened it. What you typed is below: check it and save again."
NOT_STAFF = "The evidence bank is for members of staff."


def theme_hints():
    return {t["code"]: t["hint"] for t in themes.themes()}


def _staff(request):
    if not access.can_read_evidence_bank(request.user):
        raise PermissionDenied(NOT_STAFF)


def _story(request, pk, check=access.can_see_storyboard, why=services.CANNOT_SEE):
    _staff(request)
    found = queries.story(pk)
    if found is None:
        raise Http404("No such storyboard")
    if not check(request.user, found):
        raise PermissionDenied(why)
    return found


def _cpd(request, pk):
    _staff(request)
    found = queries.cpd_record(pk)
    if found is None or not access.can_see_cpd_record(request.user, found):
        # Someone else's record is not found, as if it were not there: they are private.
        raise Http404("No such CPD record")
    return found


@login_required
def bank(request):
    """The evidence bank: published stories, searched by words and theme."""
    _staff(request)
    form = SearchForm(request.GET or None)
    rows, total, words = [], 0, []
    if form.is_bound and form.is_valid():
        rows, total, words = queries.evidence_bank(form.cleaned_data["q"], form.cleaned_data["theme"])
    elif not form.is_bound:
        rows, total, words = queries.evidence_bank()
    return render(
        request,
        "storyboards/bank.html",
        {
            "form": form,
            "rows": rows,
            "total": total,
            "words": words,
            "labels": themes.labels(),
            "may_review": access.can_review_storyboards(request.user),
        },
        status=400 if form.errors else 200,
    )


def _save_story(request, form, found=None):
    """Save or submit from the story form; None with the form's errors shown, else the story."""
    submit = "submit" in request.POST
    try:
        return services.story_save(
            actor=request.user,
            data=form.story_data(),
            themes_chosen=form.cleaned_data.get("themes") or [],
            story_id=found.pk if found else None,
            expected_version=form.cleaned_data.get("version") if found else None,
            submit=submit,
        )
    except EditConflict as error:
        data = request.POST.copy()
        data["version"] = str(error.record.version)
        form.data = data
        form.add_error(None, CONFLICT)
    except ValidationError as refusal:
        show_refusal(form, refusal)
    return None


def _saved_message(request, story):
    if story.status == rules.SUBMITTED:
        messages.success(request, "Your story has been sent to a quality lead for review.")
    else:
        messages.success(request, "Your draft has been saved. Only you and quality leads can read it.")


@login_required
def new(request):
    _staff(request)
    form = StoryForm(request.POST or None, initial={"about_someone": "yes"})
    if request.method == "POST" and form.is_valid():
        story = _save_story(request, form)
        if story is not None:
            _saved_message(request, story)
            return redirect(story)
    return render(
        request,
        "storyboards/form.html",
        {"form": form, "story": None, "flagged": [], "theme_hints": theme_hints()},
        status=400 if form.errors else 200,
    )


@login_required
def edit(request, pk):
    found = _story(request, pk, check=access.can_change_storyboard, why=services.NOT_YOURS)
    form = StoryForm(request.POST or None, initial=StoryForm.initial_for(found, queries.theme_codes(found)))
    if request.method == "POST" and form.is_valid():
        story = _save_story(request, form, found)
        if story is not None:
            if story.author_id == request.user.pk:
                _saved_message(request, story)
                return redirect(story)
            messages.success(request, "The story has been changed.")
            return redirect("storyboards:review", story.pk)
    return render(
        request,
        "storyboards/form.html",
        {
            "form": form,
            "story": found,
            "flagged": _flag_pieces(found) if found.status == rules.SUBMITTED else [],
            "theme_hints": theme_hints(),
        },
        status=400 if form.errors else 200,
    )


def _flag_pieces(found):
    """Each part of the story a reader sees, with its flagged details marked, for the templates."""
    facts = found.as_dict()
    return [(name, label, rules.marked(facts[name])) for name, label in rules.STORY_FIELDS.items() if facts[name]]


@login_required
def story(request, pk):
    found = _story(request, pk)
    return render(
        request,
        "storyboards/story.html",
        {
            "story": found,
            "themes": queries.theme_labels(found),
            "may_change": access.can_change_storyboard(request.user, found),
            "may_review": access.can_review_storyboard(request.user, found),
            "due": rules.due_for_review(found.status, found.review_on, timezone.localdate()),
        },
    )


@login_required
def review(request, pk):
    """The quality lead's review: the story with possible names and contact details highlighted,
    accepting the ones that can stay with a reason, and the decision."""
    found = _story(request, pk, check=access.can_review_storyboard, why=services.NOT_A_REVIEWER)
    if found.status not in (rules.SUBMITTED, rules.PUBLISHED):
        raise PermissionDenied(rules.action_problem(found.status, rules.APPROVE))
    step = request.POST.get("step") if request.method == "POST" else None
    open_flags = services.open_flags(found)
    accept = AcceptForm(request.POST if step == "accept" else None, open_flags=open_flags)
    decide = DecisionForm(request.POST if step == "decide" else None, initial={"version": found.version})
    if step == "accept" and accept.is_valid():
        try:
            made = services.flags_accept(
                actor=request.user,
                story_id=found.pk,
                keys=accept.cleaned_data["flags"],
                reason=accept.cleaned_data["reason"],
            )
        except ValidationError as refusal:
            show_refusal(accept, refusal)
        else:
            messages.success(request, f"{len(made)} flagged detail{'s' if len(made) != 1 else ''} accepted.")
            return redirect("storyboards:review", found.pk)
    elif step == "decide" and decide.is_valid():
        data = decide.cleaned_data
        try:
            done = services.story_decide(
                actor=request.user,
                story_id=found.pk,
                action=data["action"],
                review_on=data["review_on"],
                changes=data["changes"],
                expected_version=data["version"],
            )
        except EditConflict as error:
            posted = request.POST.copy()
            posted["version"] = str(error.record.version)
            decide.data = posted
            decide.add_error(None, CONFLICT)
        except ValidationError as refusal:
            show_refusal(decide, refusal)
        else:
            if done.status == rules.PUBLISHED:
                messages.success(request, "The story is published in the evidence bank.")
            else:
                messages.success(request, "The story has been sent back to its author with what to change.")
            return redirect(done)
    errors = accept.errors or decide.errors
    return render(
        request,
        "storyboards/review.html",
        {
            "story": found,
            "themes": queries.theme_labels(found),
            "pieces": _flag_pieces(found),
            "open_flags": open_flags,
            "accepted": queries.accepted_flags(found),
            "accept": accept,
            "form": accept if accept.errors else decide,
            "decide": decide,
            "errors": errors,
        },
        status=400 if errors else 200,
    )


@login_required
def reviews(request):
    _staff(request)
    if not access.can_review_storyboards(request.user):
        raise PermissionDenied("Stories are reviewed by quality leads.")
    return render(
        request,
        "storyboards/reviews.html",
        {"waiting": queries.waiting_for_review(), "due": queries.due_again()},
    )


@login_required
def yours(request):
    _staff(request)
    return render(
        request,
        "storyboards/yours.html",
        {"stories": queries.stories_by(request.user), "records": queries.cpd_records(request.user)},
    )


# --- CPD records -----------------------------------------------------------------------------------


@login_required
@require_POST
def cpd_draft(request, pk):
    found = _story(request, pk)
    record = services.cpd_from_story(actor=request.user, story_id=found.pk)
    messages.success(request, "A CPD record has been drafted from the story. Change it as you need, then save it.")
    return redirect("storyboards:cpd_edit", record.pk)


@login_required
def cpd(request, pk):
    found = _cpd(request, pk)
    return render(request, "storyboards/cpd.html", {"record": found})


@login_required
def cpd_edit(request, pk):
    found = _cpd(request, pk)
    initial = {**found.as_dict(), "version": found.version}
    form = CpdForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.cpd_save(
                actor=request.user,
                record_id=found.pk,
                expected_version=form.cleaned_data["version"],
                data=form.record_data(),
            )
        except EditConflict as error:
            posted = request.POST.copy()
            posted["version"] = str(error.record.version)
            form.data = posted
            form.add_error(None, CONFLICT)
        except ValidationError as refusal:
            show_refusal(form, refusal)
        else:
            messages.success(request, "Your CPD record has been saved.")
            return redirect(found)
    return render(
        request, "storyboards/cpd_form.html", {"form": form, "record": found}, status=400 if form.errors else 200
    )


@login_required
def cpd_download(request, pk):
    """The record as a plain text file, for pasting into a professional registration portal."""
    found = _cpd(request, pk)
    text = rules.cpd_text(found.as_dict(), found.get_kind_display())
    response = HttpResponse(text, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="cpd-record-{found.pk}.txt"'
    return response
