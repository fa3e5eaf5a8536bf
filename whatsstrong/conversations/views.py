from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render

from whatsstrong.core.drafts import draft_differs, get_draft, note_saved
from whatsstrong.people.services import EditConflict
from whatsstrong.people.views import open_person, with_version

from .forms import CaseNoteForm
from .models import CaseNote
from .services import case_note_save


@login_required
def edit_note(request, pk, note_id=None):
    person, gate = open_person(request, pk, for_edit=True)
    if gate:
        return gate
    note = get_object_or_404(CaseNote, pk=note_id, person=person) if note_id else None
    draft_key = f"person:{person.pk}:note:{note_id or 'new'}"
    form = CaseNoteForm(request.POST or None, instance=note)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            case_note_save(actor=request.user, person=person, data=form.changed_data_for_save(), note_id=note_id,
                           expected_version=form.cleaned_data["version"], draft_key=draft_key)
        except EditConflict as error:
            conflict = error
            form = CaseNoteForm(with_version(request.POST, error.record.version), instance=error.record)
            form.is_valid()
        else:
            note_saved(request, draft_key)
            messages.success(request, "Case note saved.")
            return redirect(person)
    draft = get_draft(user=request.user, key=draft_key)
    offer = request.method == "GET" and draft_differs(draft, {"text": note.text if note else ""})
    if offer and request.GET.get("restore") == "1":
        form = CaseNoteForm(instance=note, initial={**form.initial, **draft.data})
        offer = False
    return render(request, "record_form.html", {
        "person": person, "form": form, "conflict": conflict,
        "heading": "Change a case note" if note else "Add a case note",
        "draft": draft if offer else None, "draft_key": draft_key,
    })
