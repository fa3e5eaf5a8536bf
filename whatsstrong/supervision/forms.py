"""Supervision forms, GOV.UK style: every error says what to do, and nothing typed is lost."""

from __future__ import annotations

from django import forms

from whatsstrong.core.forms import LONG_TEXT, GovukDateField, GovukForm

from . import rules
from .models import MODEL_CHOICES, QUESTIONS

LONG = "Keep this under 10,000 characters"


def _long_text(label, *, required=False, help_text="", needed=""):
    return forms.CharField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.Textarea(attrs=LONG_TEXT),
        error_messages={"required": needed or f"Enter {label.lower()}", "max_length": LONG},
        max_length=rules.MAX_TEXT,
    )


class _NoMaxLength:
    """No maxlength attribute: a browser would cut long words silently; the error says so and keeps them."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.pop("maxlength", None)


class SessionForm(_NoMaxLength, GovukForm):
    held_on = GovukDateField(label="Date of the session")
    agenda = _long_text(
        "What the supervisee wants from this session",
        required=True,
        help_text="The supervisee prepares this beforehand: the outcomes they want, and anything they want to bring.",
        needed=rules.AGENDA_NEEDED,
    )
    wellbeing = _long_text(
        "Wellbeing check",
        help_text="How the supervisee is, at work and beyond it. Only the two of you can read this.",
    )
    learning = _long_text(
        "Learning and development", help_text="Training, reading, and how learning shows in practice."
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, supervisor_view=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["held_on"].error_messages["required"] = rules.HELD_ON_NEEDED


class FrequencyForm(GovukForm):
    every_weeks = forms.IntegerField(
        label="How often, in weeks",
        help_text=f"For example, 4 for every four weeks. From {rules.MIN_EVERY_WEEKS} to {rules.MAX_EVERY_WEEKS}.",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
        error_messages={
            "required": "Enter how often, in weeks",
            "invalid": "Enter how often as a whole number of weeks, like 4",
        },
    )

    def clean_every_weeks(self):
        value = self.cleaned_data["every_weeks"]
        problem = rules.every_weeks_problem(value)
        if problem:
            raise forms.ValidationError(problem)
        return value


class DiscussionStartForm(GovukForm):
    person = forms.ChoiceField(
        label="Who is the discussion about?",
        error_messages={"required": rules.PERSON_NEEDED, "invalid_choice": "Choose someone from the list"},
    )
    model = forms.ChoiceField(
        label="Which reflective model?",
        widget=forms.RadioSelect,
        choices=MODEL_CHOICES,
        error_messages={"required": rules.MODEL_NEEDED, "invalid_choice": rules.MODEL_UNKNOWN},
    )

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [("", "Choose someone")] + [(str(p.pk), p.display_name) for p in people]


class ReflectionsForm(_NoMaxLength, GovukForm):
    """One long text per step of the chosen model, its prompts as the hint, with the person's name in."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, model: dict, name: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.steps = model["steps"]
        for step in self.steps:
            self.fields[f"step_{step['code']}"] = _long_text(
                step["label"], help_text=" ".join(rules.fill(p, name) for p in step["prompts"])
            )

    def clean(self):
        data = super().clean()
        if not any((data.get(f"step_{s['code']}") or "").strip() for s in self.steps) and not self.errors:
            self.add_error(f"step_{self.steps[0]['code']}", rules.REFLECTION_NEEDED)
        return data

    def reflections(self):
        return {s["code"]: self.cleaned_data.get(f"step_{s['code']}") or "" for s in self.steps}


class ActionForm(_NoMaxLength, GovukForm):
    what = _long_text("What was agreed", required=True, needed=rules.WHAT_NEEDED)
    person = forms.ChoiceField(
        label="Is it about someone?",
        required=False,
        help_text="An action about someone shows on their record until it is done.",
        error_messages={"invalid_choice": "Choose someone from the list"},
    )
    owner = forms.ChoiceField(
        label="Who will do it?",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose who will do it", "invalid_choice": "Choose who will do it"},
    )
    due_on = GovukDateField(label="Due by", required=False, help_text="Optional. For example, 27 3 2027")

    def __init__(self, *args, people=(), owners=(), held_on=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.held_on = held_on
        self.fields["person"].choices = [("", "Nobody in particular")] + [(str(p.pk), p.display_name) for p in people]
        self.fields["owner"].choices = [(str(u.pk), u.display_name) for u in owners]

    def clean(self):
        data = super().clean()
        due = data.get("due_on")
        if due and self.held_on and due < self.held_on:
            self.add_error("due_on", rules.DUE_BEFORE_SESSION)
        return data


class SelfReflectionForm(_NoMaxLength, GovukForm):
    assessment = forms.ChoiceField(
        label="Which piece of work is this?",
        required=False,
        error_messages={"invalid_choice": "Choose one of this person's assessments"},
    )
    notes = _long_text("What I will do differently, or follow up")

    def __init__(self, *args, assessments=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assessment"].choices = [("", "My work with them generally")] + [
            (str(a.pk), str(a)) for a in assessments
        ]
        self.groups = []
        answers = list(rules.ANSWERS.items())
        fields = {}
        for group in QUESTIONS["groups"]:
            names = []
            for q in group["questions"]:
                name = f"q_{q['code']}"
                fields[name] = forms.ChoiceField(
                    label=q["text"],
                    widget=forms.RadioSelect(attrs={"data-inline": "true"}),
                    choices=answers,
                    error_messages={"required": rules.ANSWER_NEEDED, "invalid_choice": rules.ANSWER_NEEDED},
                )
                names.append(name)
            self.groups.append((group["label"], names))
        notes = self.fields.pop("notes")
        self.fields.update(fields)
        self.fields["notes"] = notes

    def answers(self):
        return {name[2:]: value for name, value in self.cleaned_data.items() if name.startswith("q_")}


def _short(label, *, required=True, needed="", help_text=""):
    return forms.CharField(
        label=label,
        required=required,
        max_length=200,
        help_text=help_text,
        error_messages={"required": needed or f"Enter {label.lower()}", "max_length": "Keep this under 200 characters"},
    )


class GroupForm(_NoMaxLength, GovukForm):
    """A peer group and its agreement, as its members agree it."""

    name = _short("Name of the group", needed=rules.GROUP_NAME_NEEDED)
    members = forms.MultipleChoiceField(
        label="Members",
        widget=forms.CheckboxSelectMultiple,
        help_text="At least two. The facilitator rota goes round them by first name.",
        error_messages={"required": rules.MEMBERS_NEEDED, "invalid_choice": "Choose members from the list"},
    )
    frequency = _short("How often it meets", needed=rules.FREQUENCY_NEEDED, help_text="For example, every six weeks")
    duration = _short("How long each session lasts", needed=rules.DURATION_NEEDED, help_text="For example, 90 minutes")
    place = _long_text("Where, and who books the room")
    preparation = _long_text("Preparation and the agenda", help_text="Who sets the agenda, and what members bring.")
    recording = _long_text("Who takes notes and who sees them")
    confidentiality = _long_text("Confidentiality and house rules")
    apologies = _long_text("When people send apologies", help_text="For example, the session goes ahead regardless.")
    agreed_on = GovukDateField(label="Date agreed", required=False, past=True)

    def __init__(self, *args, staff=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].choices = [(str(u.pk), u.display_name) for u in staff]

    def clean_members(self):
        chosen = self.cleaned_data["members"]
        if len(set(chosen)) < 2:
            raise forms.ValidationError(rules.MEMBERS_NEEDED)
        return chosen


class GroupEditForm(GroupForm):
    """The agreement and members changed later, against the version opened."""

    version = forms.IntegerField(widget=forms.HiddenInput)


class GroupSessionForm(GovukForm):
    held_on = GovukDateField(label="Date of the session")
    facilitator = forms.ChoiceField(label="Facilitator", error_messages={"required": "Choose the facilitator"})
    note_taker = forms.ChoiceField(label="Note taker", error_messages={"required": "Choose who takes notes"})
    presenter = forms.ChoiceField(
        label="Who is bringing a case?", error_messages={"required": "Choose who is bringing a case"}
    )
    person = forms.ChoiceField(
        label="Whose situation is it?",
        required=False,
        help_text="Optional. Choose someone only when the notes belong on their record too.",
        error_messages={"invalid_choice": "Choose someone from the list"},
    )
    model = forms.ChoiceField(
        label="Which reflective model?",
        widget=forms.RadioSelect,
        choices=MODEL_CHOICES,
        error_messages={"required": rules.MODEL_NEEDED, "invalid_choice": rules.MODEL_UNKNOWN},
    )
    next_on = GovukDateField(label="Next session", required=False)

    def __init__(self, *args, members=(), people=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "Choose a member")] + [(str(u.pk), u.display_name) for u in members]
        for name in ("facilitator", "note_taker", "presenter"):
            self.fields[name].choices = choices
            self.fields[name].error_messages["invalid_choice"] = rules.ROLE_NOT_A_MEMBER
        self.fields["person"].choices = [("", "Nobody in particular")] + [(str(p.pk), p.display_name) for p in people]


class GroupNotesForm(ReflectionsForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decisions"] = _long_text("Decisions reached")
        self.fields["summary"] = _long_text(
            "Summary for the supervisor", help_text="The facilitator shares this with the group's supervisor."
        )
        for name in ("decisions", "summary"):
            self.fields[name].widget.attrs.pop("maxlength", None)
