"""The question prompts page: every prompt by group, searchable, with a person's name filled in
when `?person=<id>` names someone this user may see (opened through the gate, and logged)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from whatsstrong.core.gate import open_person_page

from . import queries
from .forms import PromptSearchForm


@login_required
def prompt_list(request):
    person = None
    if "person" in request.GET:
        try:
            person_id = int(request.GET["person"])
        except ValueError:
            raise Http404("No one has this record number.") from None
        person = open_person_page(request, person_id)
    form = PromptSearchForm(request.GET or None)
    query, groups = "", []
    if not form.errors:  # unbound (every prompt) or a valid search
        query = form.cleaned_data["q"].strip() if form.is_bound else ""
        groups = queries.prompt_groups(name=person.known_as if person else None, query=query)
    return render(
        request,
        "prompts/list.html",
        {
            "form": form,
            "person": person,
            "query": query,
            "groups": groups,
            "count": sum(len(g.prompts) for g in groups),
        },
    )
