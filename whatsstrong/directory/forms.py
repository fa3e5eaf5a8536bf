"""Directory forms: GOV.UK markup from core/forms.py, errors in GOV.UK style, and the same rules
(rules.py) as the services, in the same words."""

from __future__ import annotations

from django import forms
from django.db import models

from whatsstrong.core.forms import GovukForm, VersionedForm

from . import rules
from .models import URGENCY_CHOICES, Cost, Location, Organisation, Service, Signpost

TEXT = {"rows": 4}
MILES = [("", "Any distance"), ("1", "1 mile"), ("3", "3 miles"), ("5", "5 miles"), ("10", "10 miles")]


def https_first(field, **kwargs):
    """Model form fields, with a website typed without its scheme read as https://."""
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class Versioned(VersionedForm):
    """core's VersionedForm for records whose id is made before they are saved (a UUID): a new one
    carries no version."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance._state.adding:
            self.fields["version"].required = False
            self.initial.pop("version", None)


def _required(label):
    return {"required": f"Enter {label}"}


class OrganisationForm(Versioned):
    class Meta:
        model = Organisation
        formfield_callback = https_first
        fields = ["name", "description", "website", "email", "phone"]
        widgets = {"description": forms.Textarea(attrs=TEXT)}
        error_messages = {
            "name": _required("the organisation's name"),
            "website": {"invalid": "Enter a website address starting with https://, like https://example.org"},
            "email": {"invalid": "Enter an email address like name@example.org"},
        }


class LocationForm(Versioned):
    latitude = forms.FloatField(
        label="Latitude",
        required=False,
        min_value=-90,
        max_value=90,
        help_text="Where it is, for distances: a number like 52.4081. Leave empty if you do not know.",
        error_messages={
            "invalid": "Enter the latitude as a number, like 52.4081",
            "min_value": "A latitude is between -90 and 90",
            "max_value": "A latitude is between -90 and 90",
        },
    )
    longitude = forms.FloatField(
        label="Longitude",
        required=False,
        min_value=-180,
        max_value=180,
        help_text="A number like -1.5106.",
        error_messages={
            "invalid": "Enter the longitude as a number, like -1.5106",
            "min_value": "A longitude is between -180 and 180",
            "max_value": "A longitude is between -180 and 180",
        },
    )

    class Meta:
        model = Location
        fields = ["name", "address", "town", "postcode", "latitude", "longitude", "accessibility"]
        widgets = {"address": forms.Textarea(attrs={"rows": 3}), "accessibility": forms.Textarea(attrs=TEXT)}
        error_messages = {
            "name": _required("the name of the place"),
            "address": _required("the street address"),
            "town": _required("the town or city"),
            "postcode": _required("the postcode"),
        }

    def clean_postcode(self):
        value = self.cleaned_data["postcode"]
        problem = rules.postcode_problem(value)
        if problem:
            raise forms.ValidationError(problem)
        return rules.postcode_key(value)

    def clean(self):
        data = super().clean()
        if (data.get("latitude") is None) != (data.get("longitude") is None) and not self.errors:
            self.add_error("longitude", "Enter both the latitude and the longitude, or neither")
        return data


class ServiceForm(Versioned):
    cost_amount = forms.CharField(label="Amount, in pounds", required=False, max_length=20)
    categories = forms.MultipleChoiceField(label="Categories", required=False, widget=forms.CheckboxSelectMultiple)
    locations = forms.MultipleChoiceField(label="Where it happens", required=False, widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = Service
        formfield_callback = https_first
        fields = [
            "name",
            "kind",
            "status",
            "description",
            "alert",
            "minimum_age",
            "maximum_age",
            "languages",
            "cost",
            "cost_amount",
            "cost_note",
            "url",
            "email",
            "phone",
            "contact_name",
            "contact_role",
        ]
        widgets = {
            "description": forms.Textarea(attrs=TEXT),
            "kind": forms.Select,
            "status": forms.RadioSelect,
            "cost": forms.RadioSelect,
            "minimum_age": forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
            "maximum_age": forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
        }
        error_messages = {
            "name": _required("the name of the service"),
            "url": {"invalid": "Enter a website address starting with https://, like https://example.org"},
            "email": {"invalid": "Enter an email address like name@example.org"},
            "minimum_age": {"invalid": "Enter the youngest age as a whole number, like 18"},
            "maximum_age": {"invalid": "Enter the oldest age as a whole number, like 65"},
            "status": {"required": "Choose whether it is running"},
        }

    def __init__(self, *args, groups=(), places=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.groups = groups
        self.fields["categories"].choices = [(str(t.pk), t.name) for g in groups for t in [g.term, *g.children]]
        self.fields["locations"].choices = [(str(p.pk), p.one_line) for p in places]
        self.fields["cost"].choices = [(c.value, c.label) for c in Cost]
        self.fields["cost"].required = False
        if self.instance.pk and not self.is_bound:
            self.initial["categories"] = [str(pk) for pk in self.instance.categories.values_list("pk", flat=True)]
            self.initial["locations"] = [str(pk) for pk in self.instance.locations.values_list("pk", flat=True)]
            if self.instance.cost_amount is not None:
                self.initial["cost_amount"] = f"{self.instance.cost_amount:.2f}"

    def clean_cost_amount(self):
        text = self.cleaned_data["cost_amount"].strip()
        if not text:
            return None
        amount = rules.money(text)
        if isinstance(amount, str):
            raise forms.ValidationError(amount)
        return amount

    def clean(self):
        data = super().clean()
        for field, problem in rules.cost_problems(data.get("cost", ""), data.get("cost_amount")).items():
            if field not in self.errors:
                self.add_error(field, problem)
        problem = rules.ages_problem(data.get("minimum_age"), data.get("maximum_age"))
        if problem and "maximum_age" not in self.errors and "minimum_age" not in self.errors:
            self.add_error("maximum_age", problem)
        return data

    def service_data(self):
        return {name: self.cleaned_data[name] for name in self._meta.fields}


class OpeningTimesForm(GovukForm):
    """Up to two sessions a day, typed as times; an empty day is a day it does not open."""

    SESSIONS = 2
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, sessions=(), **kwargs):
        super().__init__(*args, **kwargs)
        for day, name in enumerate(rules.DAYS):
            for n in range(1, self.SESSIONS + 1):
                later = " (second session)" if n > 1 else ""
                self.fields[f"opens_{day}_{n}"] = forms.CharField(label=f"{name}{later}: opens", required=False)
                self.fields[f"closes_{day}_{n}"] = forms.CharField(label=f"{name}{later}: closes", required=False)
        if not self.is_bound:
            count: dict[int, int] = {}
            for day, opens, closes in sessions:
                count[day] = count.get(day, 0) + 1
                if count[day] <= self.SESSIONS:
                    self.initial[f"opens_{day}_{count[day]}"] = opens.strftime("%H:%M")
                    self.initial[f"closes_{day}_{count[day]}"] = closes.strftime("%H:%M")

    def rows(self):
        """(day name, [(opens field, closes field) per session]) for the page's table."""
        return [
            (name, [(self[f"opens_{day}_{n}"], self[f"closes_{day}_{n}"]) for n in range(1, self.SESSIONS + 1)])
            for day, name in enumerate(rules.DAYS)
        ]

    def clean(self):
        data = super().clean()
        sessions = []
        for day in range(7):
            for n in range(1, self.SESSIONS + 1):
                times = {}
                for end in ("opens", "closes"):
                    name = f"{end}_{day}_{n}"
                    text = (data.get(name) or "").strip()
                    times[end] = None
                    if text:
                        read = rules.read_time(text)
                        if isinstance(read, str):
                            self.add_error(name, read)
                        else:
                            times[end] = read
                if f"opens_{day}_{n}" in self.errors or f"closes_{day}_{n}" in self.errors:
                    continue
                problem = rules.session_problem(times["opens"], times["closes"])
                if problem:
                    self.add_error(f"closes_{day}_{n}" if times["opens"] else f"opens_{day}_{n}", problem)
                elif times["opens"]:
                    sessions.append((day, times["opens"], times["closes"]))
        overlap = rules.sessions_overlap(sessions)
        if overlap is not None:
            self.add_error(f"opens_{overlap}_2", f"The two sessions on {rules.DAYS[overlap]} overlap")
        self.sessions = sessions
        return data


class SearchForm(GovukForm):
    """The practitioners' search. Every field is optional: an empty search lists everything."""

    q = forms.CharField(
        label="Words", required=False, max_length=200, help_text="For example: knitting, walking group, Punjabi"
    )
    category = forms.ChoiceField(label="Category", required=False)
    age = forms.IntegerField(
        label="Their age",
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
        min_value=0,
        max_value=rules.OLDEST,
        error_messages={
            "invalid": "Enter their age as a whole number, like 72",
            "min_value": f"Enter an age from 0 to {rules.OLDEST}",
            "max_value": f"Enter an age from 0 to {rules.OLDEST}",
        },
    )
    day = forms.ChoiceField(
        label="Open on", required=False, choices=[("", "Any day"), *[(str(n), d) for n, d in enumerate(rules.DAYS)]]
    )
    time = forms.CharField(label="Open at", required=False, max_length=10, help_text="A time like 10:00 or 2pm")
    free = forms.BooleanField(label="Free only", required=False)
    near = forms.CharField(
        label="Near",
        required=False,
        max_length=40,
        help_text="A postcode, the first part of one, or a latitude and longitude",
    )
    within = forms.ChoiceField(label="Within", required=False, choices=MILES)
    order = forms.ChoiceField(
        required=False,
        choices=[("", "As suits the search"), ("best", "Best match first"), ("nearest", "Nearest first")],
        widget=forms.HiddenInput,
    )
    person = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, groups=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "Any category")]
        for group in groups:
            choices.append((str(group.term.pk), group.term.name))
            choices += [(str(t.pk), f"{group.term.name}: {t.name}") for t in group.children]
        self.fields["category"].choices = choices

    def clean_time(self):
        text = self.cleaned_data["time"].strip()
        if not text:
            return None
        read = rules.read_time(text)
        if isinstance(read, str):
            raise forms.ValidationError(read)
        return read

    def clean_near(self):
        text = self.cleaned_data["near"].strip()
        if not text:
            return None
        place = rules.read_place(text)
        if isinstance(place, str):
            raise forms.ValidationError(place)
        return place

    def clean(self):
        data = super().clean()
        if data.get("within") and not data.get("near") and "near" not in self.errors:
            self.add_error("near", "Enter where to measure the distance from, or choose any distance")
        return data


class SignpostForm(GovukForm):
    why = forms.CharField(
        label="What you suggested and why",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs=TEXT),
        help_text="In a few words: what it might bring them, and anything agreed, like going together the first time.",
        error_messages={"max_length": "Keep this under 2,000 characters"},
    )


class SignpostUpdateForm(VersionedForm):
    class Meta:
        model = Signpost
        fields = ["tried", "helped", "their_words"]
        widgets = {"tried": forms.RadioSelect, "helped": forms.RadioSelect, "their_words": forms.Textarea(attrs=TEXT)}
        help_texts = {"their_words": "Put what they said in quotation marks, as they said it."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tried"].choices = list(Signpost.Tried.choices)
        self.fields["helped"].choices = list(Signpost.Helped.choices)
        self.fields["their_words"].max_length = 5000

    def clean(self):
        data = super().clean()
        if data.get("tried") == Signpost.Tried.NO and data.get("helped"):
            self.add_error("helped", "They have not tried it, so say whether it helped once they have")
        return data


class GapForm(GovukForm):
    category = forms.ChoiceField(label="What kind of thing", required=False)
    area = forms.CharField(
        label="Where",
        max_length=60,
        help_text="A neighbourhood, or the first part of a postcode, like CV6",
        error_messages={"required": "Enter where it is needed"},
    )
    who = forms.CharField(
        label="Who it would be for",
        max_length=200,
        help_text="Describe the group, not the person: for example, men over 60 who speak Punjabi",
        error_messages={"required": "Say who it would be for"},
    )
    need = forms.CharField(
        label="What is needed",
        max_length=2000,
        widget=forms.Textarea(attrs=TEXT),
        error_messages={"required": "Say what is needed", "max_length": "Keep this under 2,000 characters"},
    )
    urgency = forms.ChoiceField(
        label="How soon is it needed?",
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Choose how soon it is needed from the list"},
    )

    def __init__(self, *args, groups=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["urgency"].choices = [("", "Not sure"), *URGENCY_CHOICES]
        choices = [("", "Not sure")]
        for group in groups:
            choices.append((str(group.term.pk), group.term.name))
            choices += [(str(t.pk), f"{group.term.name}: {t.name}") for t in group.children]
        self.fields["category"].choices = choices
