"""GOV.UK Frontend markup for every Django form, from one place.

Forms inherit GovukForm; the renderer draws each field with jinja2/forms/govuk_field.html,
which follows the GOV.UK text input, textarea, select, radios, checkboxes and date input
patterns. Error messages follow the GOV.UK style: say what went wrong and how to fix it.
"""

import datetime
import json

from django import forms
from django.forms.boundfield import BoundField
from django.forms.renderers import TemplatesSetting
from django.urls import reverse
from django.utils import dateformat

# Keyed by Django's widget_type: the widget class name, lower case, without "Input" or "Widget".
WIDGET_CLASSES = {
    "text": "govuk-input",
    "email": "govuk-input",
    "url": "govuk-input",
    "number": "govuk-input",
    "password": "govuk-input",
    "textarea": "govuk-textarea",
    "select": "govuk-select",
    "checkbox": "govuk-checkboxes__input",
}


class GovukFormRenderer(TemplatesSetting):
    """Forms are drawn by the same Jinja2 engine as the pages (settings.TEMPLATES): our GOV.UK
    templates in jinja2/forms/, and Django's own Jinja2 widget templates for the controls. The
    admin's own widgets, which exist only in Django's template language, fall through to it."""

    form_template_name = "forms/govuk_form.html"
    field_template_name = "forms/govuk_field.html"


class GovukBoundField(BoundField):
    @property
    def hint_id(self):
        return f"{self.auto_id}-hint"

    @property
    def error_id(self):
        return f"{self.auto_id}-error"

    @property
    def anchor_id(self):
        """Where the error summary link goes: the first input of a group, else the control."""
        if self.in_fieldset:
            return f"{self.auto_id}_0"
        return self.id_for_label

    @property
    def coached(self):
        """Every long text field (every textarea, on every form) gets live hints from the language
        coach: a form cannot leave one out by forgetting to mark it."""
        return isinstance(self.field.widget, forms.Textarea)

    @property
    def in_fieldset(self):
        return self.widget_type in {"radioselect", "govukdate", "checkboxselectmultiple"}

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        css = WIDGET_CLASSES.get(self.widget_type)
        if css:
            if self.errors and css != "govuk-checkboxes__input":
                css += f" {css}--error"
            attrs["class"] = " ".join(filter(None, [attrs.get("class"), css]))
        if self.coached:
            attrs.update(
                {
                    "data-long-text": "true",
                    "hx-post": reverse("coach:check"),
                    "hx-trigger": "input changed delay:700ms, load",
                    "hx-target": f"#{self.auto_id}-coach",
                    "hx-swap": "innerHTML",
                    "hx-sync": "this:replace",
                    "hx-vals": json.dumps({"coach_field": self.html_name}),
                }
            )
        if not self.in_fieldset:
            described = [self.hint_id] if self.help_text else []
            if self.errors:
                described.append(self.error_id)
            if described:
                attrs["aria-describedby"] = " ".join(described)
            else:
                attrs.pop("aria-describedby", None)
        return attrs


class GovukForm(forms.Form):
    bound_field_class = GovukBoundField


class GovukModelForm(forms.ModelForm):
    bound_field_class = GovukBoundField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            # A required choice shown as radios offers only the real answers: no "---------" radio,
            # and none chosen until the user chooses.
            if isinstance(field.widget, forms.RadioSelect) and field.required:
                field.choices = [(value, label) for value, label in field.choices if value != ""]
            # A drop-down's empty choice says what it means, not "---------".
            elif getattr(field, "empty_label", None) == "---------":
                field.empty_label = "Choose one" if field.required else "None"


# A long text field: the language coach gives live hints on it, and drafts keep it safe. Every
# textarea gets the hints (GovukBoundField.coached); this marks the field for readers of a form.
LONG_TEXT = {"rows": 5, "data-long-text": "true"}


class VersionedForm(GovukModelForm):
    """Carries the version the user opened, so a save on top of someone else's is refused."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and "version" not in self.initial:
            self.initial["version"] = self.instance.version
        if not self.instance.pk:
            self.fields["version"].required = False

    def changed_data_for_save(self):
        return {name: self.cleaned_data[name] for name in self._meta.fields}


def with_version(post, version):
    """The submitted form again, carrying the newer version: saving it once more is a knowing choice."""
    data = post.copy()
    data["version"] = str(version)
    return data


class RestrictedReasonForm(GovukForm):
    reason = forms.CharField(
        label="Why do you need to open this record?",
        help_text="This is recorded with your name and shown to the people who oversee access.",
        widget=forms.Textarea(attrs={"rows": 3}),
        min_length=10,
        error_messages={
            "required": "Enter why you need to open this record",
            "min_length": "Give a fuller reason (at least 10 characters)",
        },
    )


class ReasonReviewForm(GovukForm):
    note = forms.CharField(
        label="Note (optional)",
        help_text="For example, what you checked or what you followed up. It is kept with the review.",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
        error_messages={"max_length": "Keep the note to 2,000 characters or fewer"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # No maxlength: a browser would cut a long note silently; the error says so instead and keeps it.
        self.fields["note"].widget.attrs.pop("maxlength", None)


class GovukDateWidget(forms.MultiWidget):
    template_name = "forms/widgets/govuk_date.html"

    def __init__(self, attrs=None):
        part = {"class": "govuk-input govuk-date-input__input", "inputmode": "numeric"}
        super().__init__(
            [
                forms.TextInput({**part, "class": part["class"] + " govuk-input--width-2"}),
                forms.TextInput({**part, "class": part["class"] + " govuk-input--width-2"}),
                forms.TextInput({**part, "class": part["class"] + " govuk-input--width-4"}),
            ],
            attrs,
        )

    def decompress(self, value):
        if isinstance(value, datetime.date):
            return [value.day, value.month, value.year]
        return [None, None, None]


class GovukDateField(forms.MultiValueField):
    """A date typed as day, month and year, with the specific errors GOV.UK recommends.

    `past=True` refuses dates after today; `earliest` refuses dates before it.
    """

    widget = GovukDateWidget

    def __init__(self, *, past=False, earliest=None, **kwargs):
        self.past = past
        self.earliest = earliest
        parts = [forms.CharField(required=False) for _ in range(3)]
        super().__init__(parts, require_all_fields=False, **kwargs)
        if "required" not in (kwargs.get("error_messages") or {}):
            # Django finds all three parts empty before compress() is asked, and would say "This field is required."
            self.error_messages["required"] = f"Enter {str(self.label or 'the date').lower()}"

    def compress(self, data_list):
        day, month, year = [(p or "").strip() for p in (data_list or ["", "", ""])]
        name = str(self.label or "The date")
        if not (day or month or year):
            if self.required:
                raise forms.ValidationError(f"Enter {name.lower()}")
            return None
        missing = [part for part, value in (("day", day), ("month", month), ("year", year)) if not value]
        if missing:
            raise forms.ValidationError(f"{name} must include a {' and '.join(missing)}")
        if not (day.isdigit() and month.isdigit() and year.isdigit()) or len(year) != 4:
            raise forms.ValidationError(f"{name} must be a real date, like 27 3 1948")
        try:
            value = datetime.date(int(year), int(month), int(day))
        except (ValueError, OverflowError):
            # A day or month too long for a C integer (99999999999) overflows rather than being out of range.
            raise forms.ValidationError(f"{name} must be a real date, like 27 3 1948") from None
        if self.past and value > datetime.date.today():
            raise forms.ValidationError(f"{name} must be in the past")
        if self.earliest and value < self.earliest:
            raise forms.ValidationError(f"{name} must be the same as or after {_day_month_year(self.earliest)}")
        return value


def _day_month_year(value):
    """27 March 1948, as GOV.UK writes dates in messages."""
    return dateformat.format(value, "j F Y")
