"""The edit page every part of a person's record shares.

A domain app's edit view opens the person through the gate, then hands this a way to build its
form and a way to save it. The page shows the form with GOV.UK errors, and when someone else saved
first it shows what they changed beside what this user typed, keeping every word. Long writing
that was never saved (a timed-out sign-in, a lost connection) is offered back from drafts.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from .drafts import draft_differs, get_draft, note_saved
from .forms import with_version
from .records import EditConflict


def record_form_page(
    request: HttpRequest,
    *,
    person: Any,
    make_form: Callable[..., Any],
    save: Callable[[Any], Any],
    heading: str,
    saved: str = "Saved.",
    draft_key: str | None = None,
    done_url: str | None = None,
    extra: dict | None = None,
    template: str = "record_form.html",
) -> HttpResponse:
    """`make_form(data, **overrides)` builds the form (overrides: `instance`, `initial`);
    `save(form)` calls the app's service with the form's cleaned data. `template` may be an app's own
    page extending record_form.html: to add below the fields (its `after_fields` block), or to draw
    the same parts (conflict, errors, draft banner, form) with guidance beside them."""
    conflict = None
    form = make_form(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            save(form)
        except EditConflict as error:
            conflict = error
            form = make_form(with_version(request.POST, error.record.version), instance=error.record)
            form.is_valid()
        except ValidationError as error:
            # The service refused what the form let through (a rule over other records, or a record
            # saved a moment before): its words go in the error summary and everything typed stays.
            show_refusal(form, error)
        else:
            if draft_key:
                note_saved(request, draft_key)  # the next page tells the browser to drop its copy
            messages.success(request, saved)
            return redirect(done_url or person.get_absolute_url())
    draft = None
    if draft_key and request.method == "GET":
        draft = get_draft(user=request.user, key=draft_key)
        long_fields = getattr(form, "long_fields", ())
        if not draft_differs(draft, {name: form.initial.get(name) for name in long_fields}):
            draft = None
        elif request.GET.get("restore") == "1":
            form = make_form(None, initial={**form.initial, **draft.data})
            draft = None
    return render(
        request,
        template,
        {
            "person": person,
            "form": form,
            "heading": heading,
            "conflict": conflict,
            "draft": draft,
            "draft_key": draft_key,
            "cancel_url": done_url or person.get_absolute_url(),
            **(extra or {}),
        },
    )


def show_refusal(form: Any, error: ValidationError) -> None:
    """A service's ValidationError as the form's errors: on the field it names when the form has it."""
    found = error.error_dict if hasattr(error, "error_dict") else {None: error.error_list}
    for name, problems in found.items():
        form.add_error(name if name in form.fields else None, problems)
