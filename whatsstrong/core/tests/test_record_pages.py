"""The shared edit page shows a service's refusal as the form's errors, keeping what was typed."""

from django import forms
from django.core.exceptions import ValidationError

from whatsstrong.core.record_pages import show_refusal


class DetailsForm(forms.Form):
    name = forms.CharField()
    nhs_number = forms.CharField()


def test_a_refusal_naming_a_field_of_the_form_goes_on_that_field():
    form = DetailsForm({"name": "Ann", "nhs_number": "999 000 0018"})
    assert form.is_valid()
    show_refusal(form, ValidationError({"nhs_number": "Someone already has a record with this NHS number"}))
    assert form.errors == {"nhs_number": ["Someone already has a record with this NHS number"]}
    assert form.data["nhs_number"] == "999 000 0018"


def test_a_refusal_naming_no_field_or_another_goes_above_the_fields():
    form = DetailsForm({"name": "Ann", "nhs_number": "1"})
    form.is_valid()
    show_refusal(form, ValidationError({"team": "Choose your own team"}))
    show_refusal(form, ValidationError("This record was archived a moment ago"))
    assert form.non_field_errors() == ["Choose your own team", "This record was archived a moment ago"]
