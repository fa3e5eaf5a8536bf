"""What the supervision pages share: a form page that keeps every word and says a conflict plainly,
the page to agree an action (one-to-one or in a peer group), and finding a member of staff."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render

from whatsstrong.core.forms import with_version
from whatsstrong.core.models import User
from whatsstrong.core.record_pages import show_refusal
from whatsstrong.core.records import EditConflict

from .forms import ActionForm

CONFLICT = "Someone else saved this after you opened it. Check what is there now, then save again."


def form_page(request, *, make_form, save, heading, cancel_url, lead="", template="supervision/form.html", extra=None):
    """A page with a form: GOV.UK errors, every word typed kept, a conflict said plainly."""
    form = make_form(request.POST if request.method == "POST" else None)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            return save(form)
        except ValidationError as error:
            show_refusal(form, error)
        except EditConflict as error:
            # What they saved beside what this user typed; the form keeps every word, with the newer
            # version, so saving again is a knowing choice.
            conflict = error
            form = make_form(with_version(request.POST, error.record.version))
            form.is_valid()
            form.add_error(None, CONFLICT)
    context = {
        "form": form,
        "heading": heading,
        "cancel_url": cancel_url,
        "lead": lead,
        "conflict": conflict,
        **(extra or {}),
    }
    return render(request, template, context)


def staff_member(uid):
    found = User.objects.filter(pk=uid, is_active=True).select_related("team").first() if 0 < uid < 2**63 else None
    if found is None:
        raise Http404("There is no such member of staff.")
    return found


def action_page(request, *, add, people, owners, owner, held_on, back_url, lead):
    """Agree an action, in a one-to-one or a peer group session: `add(data)` calls the service."""

    def save(form):
        data = form.cleaned_data
        add(
            {
                "what": data["what"],
                "due_on": data.get("due_on"),
                "person": int(data["person"]) if data.get("person") else None,
                "owner": int(data["owner"]),
            }
        )
        messages.success(request, "Action agreed.")
        return redirect(back_url)

    return form_page(
        request,
        make_form=lambda data: ActionForm(
            data, people=people, owners=owners, held_on=held_on, initial={"owner": str(owner)}
        ),
        save=save,
        heading="Agree an action",
        cancel_url=back_url,
        lead=lead,
    )
