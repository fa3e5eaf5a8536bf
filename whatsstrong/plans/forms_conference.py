"""Forms for family group conferences: the referral, recording each stage and moving on, the family
action plan, and linking an action into the support plan. GOV.UK errors, in the person's name; the
services check the same things again (an invited person must be from this person's own network)."""

from __future__ import annotations

from django import forms
from django.core.validators import MaxLengthValidator

from whatsstrong.core.forms import LONG_TEXT, GovukDateField, GovukForm

from .models import FamilyGroupConference

MAX_TEXT = 20000
Stage = FamilyGroupConference.Stage
# The stages in order; each one's note, with its label and hint, where it has one.
ORDER = [Stage.REFERRED, Stage.INFORMATION, Stage.PRIVATE_TIME, Stage.AGREEING, Stage.DONE]
NOTES = {
    Stage.INFORMATION: (
        "information_shared",
        "What was shared at the start",
        "What the coordinator and anyone invited told the family, and what the family asked about",
    ),
    Stage.PRIVATE_TIME: (
        "private_time_note",
        "What the family asked for after their private time",
        "The family talks on its own, with no professionals there. Write what they came back with.",
    ),
}
MOVE_ON = {
    Stage.REFERRED: "Move on to information sharing",
    Stage.INFORMATION: "Save and move on to private family time",
    Stage.PRIVATE_TIME: "Save and move on to agreeing the plan",
    Stage.AGREEING: "Save and mark the family's plan agreed",
}
SOMEONE_ELSE = "other"


def next_stage(stage: str) -> str | None:
    at = ORDER.index(stage)
    return ORDER[at + 1] if at + 1 < len(ORDER) else None


def long_text(label, *, required=False, help_text="", required_error="", rows=5):
    field = forms.CharField(
        label=label,
        required=required,
        help_text=help_text,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={**LONG_TEXT, "rows": rows}),
        error_messages={"max_length": f"Keep this under {MAX_TEXT:,} characters"},
    )
    field.validators.append(MaxLengthValidator(MAX_TEXT))
    if required_error:
        field.error_messages["required"] = required_error
    return field


def line(label, max_length, help_text=""):
    return forms.CharField(
        label=label,
        required=False,
        max_length=max_length,
        help_text=help_text,
        error_messages={"max_length": f"Keep this under {max_length} characters"},
    )


class ReferForm(GovukForm):
    """A referral, and later changes to it: why, who, when and where, the coordinator, the plan it feeds."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, name, members, plans, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"] = long_text(
            f"Why does {name} want a family group conference?",
            required=True,
            help_text="In their words. Put what they said in quotation marks.",
            required_error=f"Enter why {name} wants a family group conference",
        )
        self.fields["invited"] = forms.TypedMultipleChoiceField(
            label=f"Who from {name}'s network do they want there?",
            choices=[(m.pk, f"{m.name} ({m.relationship})") for m in members],
            coerce=int,
            required=False,
            widget=forms.CheckboxSelectMultiple,
            error_messages={"invalid_choice": f"Choose people from {name}'s own network"},
        )
        self.fields["invited_others"] = long_text(
            "Anyone else they want there",
            help_text="Their names and how they know them",
            rows=3,
        )
        self.fields["meeting_on"] = GovukDateField(
            label="Date of the meeting", required=False, help_text="For example, 27 3 2026. Leave empty if not set yet."
        )
        self.fields["meeting_place"] = line("Where", 200, "For example, at home, or the community centre")
        self.fields["coordinator"] = line("Coordinator", 120, "The independent coordinator who runs the conference")
        self.fields["plan"] = forms.TypedChoiceField(
            label="Support plan it feeds",
            choices=[("", "None yet")] + [(p.pk, f"Support plan, version {p.edition}") for p in plans],
            coerce=int,
            empty_value=None,
            required=False,
            error_messages={"invalid_choice": f"Choose one of {name}'s support plans"},
        )

    def data_for_service(self):
        data = {k: self.cleaned_data[k] for k in ("reason", "invited_others", "meeting_on", "meeting_place")}
        data["coordinator"] = self.cleaned_data["coordinator"]
        if self.cleaned_data.get("plan") is not None:
            data["plan"] = self.cleaned_data["plan"]
        return data


class StageForm(GovukForm):
    """What was recorded at the conference's current stage; "move on" also moves it to the next."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, conference, actions, **kwargs):
        super().__init__(*args, **kwargs)
        self.stage = conference.stage
        self.actions = actions
        if self.stage in NOTES:
            field, label, hint = NOTES[self.stage]
            self.fields[field] = long_text(label, help_text=hint)
        if self.stage in (Stage.AGREEING, Stage.DONE):
            self.fields["review_on"] = GovukDateField(
                label="Review date",
                required=False,
                help_text="When the family, the person and the coordinator will look at the plan again",
            )

    @property
    def moving_on(self):
        return bool(self.data.get("move_on")) and self.stage in MOVE_ON

    def clean(self):
        data = super().clean()
        if not self.moving_on:
            return data
        if self.stage in NOTES:
            field, label, _ = NOTES[self.stage]
            if not (data.get(field) or "").strip() and field not in self.errors:
                self.add_error(field, f"Enter {label[0].lower()}{label[1:]} before moving on")
        if self.stage == Stage.AGREEING:
            if not self.actions:
                self.add_error(None, "Add at least one action to the family's plan before marking it agreed")
            if data.get("review_on") is None and "review_on" not in self.errors:
                self.add_error("review_on", "Enter a review date before marking the family's plan agreed")
        return data

    def data_for_service(self):
        data = {k: v for k, v in self.cleaned_data.items() if k != "version"}
        if self.moving_on:
            data["stage"] = next_stage(self.stage)
        return data


class ActionForm(GovukForm):
    """One line of the family action plan: someone from the network, or someone else, what and by when."""

    def __init__(self, *args, name, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["who_from"] = forms.ChoiceField(
            label="Who will do it?",
            choices=[(str(m.pk), f"{m.name} ({m.relationship})") for m in members] + [(SOMEONE_ELSE, "Someone else")],
            widget=forms.RadioSelect,
            error_messages={
                "required": "Choose who will do it",
                "invalid_choice": f"Choose someone from {name}'s own network, or someone else",
            },
        )
        self.fields["who"] = line("If someone else, who?", 200, "Their name, or the group or service")
        self.fields["what"] = long_text(
            "What will they do?", required=True, required_error="Enter what they will do", rows=3
        )
        self.fields["by_when"] = line("By when", 120, "For example, by the end of May, or every Sunday")

    def clean(self):
        data = super().clean()
        if data.get("who_from") == SOMEONE_ELSE and not (data.get("who") or "").strip():
            self.add_error("who", "Enter who will do it")
        return data

    def data_for_service(self):
        chosen = self.cleaned_data["who_from"]
        data = {"what": self.cleaned_data["what"], "by_when": self.cleaned_data["by_when"]}
        if chosen == SOMEONE_ELSE:
            data["who"] = self.cleaned_data["who"]
        else:
            data["network_member"] = int(chosen)
        return data


class LinkForm(GovukForm):
    """Which outcome of a support plan being written the action serves."""

    def __init__(self, *args, outcomes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"] = forms.TypedChoiceField(
            label="Which outcome does it help with?",
            choices=[(o.pk, f"{o.text} (support plan, version {o.plan.edition})") for o in outcomes],
            coerce=int,
            widget=forms.RadioSelect,
            error_messages={
                "required": "Choose the outcome it helps with",
                "invalid_choice": "Choose an outcome from a support plan being written",
            },
        )
