"""Every long text field of every form in the product gets the coach's live hints.

The test imports every forms module, finds every form class defined in the product, and checks
each of its textareas, those declared on the class and those a form adds as it is made, is drawn
with the coach's attributes and its hint box. It fails naming any form and field that is not.
"""

import importlib
import inspect
import pkgutil

import pytest
from django import forms
from django.urls import reverse

import whatsstrong
from whatsstrong.core.forms import GovukBoundField, GovukForm

# Forms for the Django admin are drawn by the admin, not by our pages.
NOT_PAGES = (".admin",)


def product_form_classes():
    for info in pkgutil.walk_packages(whatsstrong.__path__, "whatsstrong."):
        leaf = info.name.rsplit(".", 1)[-1]
        if ".tests" in info.name or info.name.endswith(NOT_PAGES) or "forms" not in leaf:
            continue
        module = importlib.import_module(info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                yield cls


def made(cls):
    """An instance of the form, when it can be made with no arguments or with empty ones."""
    for attempt in ({}, {"data": None}):
        try:
            return cls(**attempt)
        except Exception:  # noqa: BLE001 (a form that needs a person or a user is checked by its class)
            continue
    return None


def uncoached(cls):
    """The names of the form's textareas drawn without the coach, as 'Form.field'."""
    fields = dict(cls.base_fields)
    form = made(cls)
    if form is not None:
        fields.update(form.fields)
    missing = []
    bound_class = getattr(form or cls, "bound_field_class", None) or forms.BoundField
    if form is None and not issubclass(bound_class, GovukBoundField):
        # Fields it adds as it is made could not be seen, so it must draw every field the GOV.UK way.
        missing.append(f"{cls.__module__}.{cls.__name__}.*")
    probe = GovukForm()
    for name, field in fields.items():
        if not isinstance(field.widget, forms.Textarea):
            continue
        bound = bound_class(probe, field, name)
        html = str(bound)
        coached = getattr(bound, "coached", False) and f'hx-post="{reverse("coach:check")}"' in html
        if not coached or 'data-long-text="true"' not in html:
            missing.append(f"{cls.__module__}.{cls.__name__}.{name}")
    return missing


def test_the_walk_finds_the_product_forms():
    names = {cls.__name__ for cls in product_form_classes()}
    # Forms with long text across the apps, strengths and network among them.
    for expected in ("AssetForm", "NetworkMemberForm", "CaseNoteForm", "RestrictedReasonForm"):
        assert expected in names


def test_every_textarea_of_every_form_gets_the_coach():
    missing = [name for cls in product_form_classes() for name in uncoached(cls)]
    assert missing == [], "long text fields without the language coach: " + ", ".join(missing)


def test_the_walk_would_notice_a_form_without_the_coach():
    class PlainForm(forms.Form):  # Django's own bound field: no coach
        story = forms.CharField(widget=forms.Textarea)

    assert uncoached(PlainForm) == [f"{__name__}.PlainForm.story"]


@pytest.mark.parametrize("field_name, attrs", [("address", {"rows": 3}), ("note", {})])
def test_a_textarea_gets_the_coach_without_being_marked(field_name, attrs):
    form = type("Unmarked", (GovukForm,), {field_name: forms.CharField(widget=forms.Textarea(attrs=attrs))})()
    html = form.render()
    assert f'hx-post="{reverse("coach:check")}"' in html and 'data-long-text="true"' in html
    assert f'id="id_{field_name}-coach" class="ws-coach" aria-live="polite"' in html
