"""Case note pages: add a note, correct your own while you may, add to anyone's after that."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect

from whatsstrong.core.gate import open_person_page
from whatsstrong.core.record_pages import record_form_page
from whatsstrong.prompts.queries import picker_groups

from . import services
from .forms import AddendumForm, CaseNoteForm
from .models import CaseNote


@login_required
def add_note(request, pk):
    person = open_person_page(request, pk, for_edit=True)
    draft_key = f"person:{person.pk}:note:new"

    def save(form):
        services.case_note_add(
            actor=request.user, person=person, data=form.changed_data_for_save(), draft_key=draft_key
        )

    return record_form_page(
        request,
        person=person,
        make_form=lambda data, **more: CaseNoteForm(data, **more),
        save=save,
        heading="Add a case note",
        saved="Case note saved.",
        draft_key=draft_key,
        template="conversations/note_form.html",
        extra={"prompt_groups": picker_groups(person)},
    )


@login_required
def note(request, pk, note_id):
    """The author corrects their note here while they may; everyone else is sent to add to it."""
    person = open_person_page(request, pk, for_edit=True)
    found = get_object_or_404(CaseNote, pk=note_id, person=person)
    if not services.may_correct(request.user, found):
        return redirect("conversations:add_addendum", pk=person.pk, note_id=found.pk)
    draft_key = f"person:{person.pk}:note:{found.pk}"

    def make_form(data, instance=found, **more):
        return CaseNoteForm(data, instance=instance, **more)

    def save(form):
        services.case_note_correct(
            actor=request.user,
            person=person,
            note_id=found.pk,
            expected_version=form.cleaned_data["version"],
            data=form.changed_data_for_save(),
            draft_key=draft_key,
        )

    return record_form_page(
        request,
        person=person,
        make_form=make_form,
        save=save,
        heading="Correct your case note",
        saved="Case note corrected.",
        draft_key=draft_key,
        extra={
            "lead": f"You can correct your own note for {settings.CASE_NOTE_CORRECTION_HOURS} "
            "hours after writing it. After that, anything more is added as an addendum "
            "under it, and the note stays as written."
        },
    )


@login_required
def add_addendum(request, pk, note_id):
    person = open_person_page(request, pk, for_edit=True)
    found = get_object_or_404(CaseNote.objects.select_related("author"), pk=note_id, person=person)
    draft_key = f"person:{person.pk}:note:{found.pk}:addendum"

    def save(form):
        services.addendum_add(
            actor=request.user, person=person, note_id=found.pk, text=form.cleaned_data["text"], draft_key=draft_key
        )

    return record_form_page(
        request,
        person=person,
        make_form=lambda data, **more: AddendumForm(data, **more),
        save=save,
        heading="Add to a case note",
        saved="Addendum added.",
        draft_key=draft_key,
        extra={"note": found},
    )
