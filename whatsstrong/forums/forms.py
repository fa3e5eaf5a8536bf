"""The outcomes forum's forms, GOV.UK style: every error says what to do, and nothing typed is lost."""

from __future__ import annotations

from django import forms

from whatsstrong.core.forms import LONG_TEXT, GovukDateField, GovukForm, VersionedForm
from whatsstrong.directory.models import URGENCY_CHOICES

from . import rules
from .models import DISCIPLINE_LIST, Hearing

TEXT = {"rows": 4}


class ForumForm(GovukForm):
    held_on = GovukDateField(label="Date of the forum")
    chair = forms.ChoiceField(
        label="Who chairs it",
        error_messages={
            "required": "Choose who chairs the forum",
            "invalid_choice": "Choose who chairs the forum from the list",
        },
    )
    place = forms.CharField(
        label="Where",
        required=False,
        max_length=200,
        help_text="Optional. A room, or how to join online",
        error_messages={"max_length": "Keep this under 200 characters"},
    )

    def __init__(self, *args, chairs=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chair"].choices = [("", "Choose someone")] + [(str(u.pk), u.display_name) for u in chairs]


class ForumEditForm(ForumForm):
    """A forum's details changed later, at the version opened; members recorded by mistake taken off."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    remove = forms.MultipleChoiceField(
        label="Take off anyone recorded by mistake",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose members of this forum to take off"},
    )

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["remove"].choices = [(str(m.pk), f"{m.name} ({m.get_discipline_display()})") for m in members]
        if not members:
            del self.fields["remove"]


class MemberForm(GovukForm):
    name = forms.CharField(
        label="Name",
        max_length=120,
        error_messages={"required": rules.NAME_NEEDED, "max_length": "Keep the name under 120 characters"},
    )
    discipline = forms.ChoiceField(
        label="Discipline",
        widget=forms.RadioSelect,
        choices=rules.disciplines(DISCIPLINE_LIST),
        error_messages={"required": rules.DISCIPLINE_NEEDED, "invalid_choice": rules.DISCIPLINE_UNKNOWN},
    )


class HearingForm(GovukForm):
    forum = forms.ChoiceField(
        label="Which forum",
        error_messages={"required": "Choose a forum", "invalid_choice": "Choose a forum from the list"},
    )
    plan = forms.ChoiceField(
        label="Which support plan",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose the support plan you will bring",
            "invalid_choice": "Choose one of their support plans that has not ended",
        },
    )
    story = forms.CharField(
        label="Their story, as you will bring it",
        help_text=(
            "A few lines in their words where you can: who they are, what matters to them, what is strong "
            "in their life, and what the plan is for."
        ),
        max_length=5000,
        widget=forms.Textarea(attrs=LONG_TEXT),
        error_messages={"required": rules.STORY_NEEDED, "max_length": "Keep this under 5,000 characters"},
    )
    follows = forms.ChoiceField(
        label="Does it follow an earlier hearing?",
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Choose an earlier hearing of this person"},
    )

    def __init__(self, *args, forums=(), plans=(), earlier=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["forum"].choices = [("", "Choose a forum")] + [
            (str(f.pk), f"{f.held_on.day} {f.held_on:%B %Y}, chaired by {f.chair.display_name}") for f in forums
        ]
        self.fields["plan"].choices = [
            (str(p.pk), f"Version {p.edition}, {p.get_status_display().lower()}, started {p.started_at:%d %B %Y}")
            for p in plans
        ]
        if not earlier:
            del self.fields["follows"]
        else:
            self.fields["follows"].choices = [("", "No, this is the first time")] + [
                (str(h.pk), f"The forum of {h.forum.held_on.day} {h.forum.held_on:%B %Y}: {h.get_decision_display()}")
                for h in earlier
            ]


class DecisionForm(VersionedForm):
    """What the forum decided, checked by the same rule as the service so each field gets its words."""

    long_fields = ("changes", "reasons")
    changes_by = GovukDateField(label="Changes needed by", required=False)

    class Meta:
        model = Hearing
        fields = ["decision", "changes", "changes_by", "reasons"]
        widgets = {
            "decision": forms.RadioSelect,
            "changes": forms.Textarea(attrs=LONG_TEXT),
            "reasons": forms.Textarea(attrs=LONG_TEXT),
        }
        labels = {
            "decision": "What did the forum decide?",
            "changes": "What needs to change",
            "reasons": "Why the forum decided this",
        }
        help_texts = {
            "changes": "Only when the forum asked for changes: what to add, take out or look at again.",
            "reasons": "In plain words the person could read: what the forum heard and weighed.",
        }

    def __init__(self, *args, held_on, **kwargs):
        super().__init__(*args, **kwargs)
        self.held_on = held_on
        self.fields["decision"].choices = [c for c in Hearing.Decision.choices if c[0]]
        self.fields["decision"].required = False  # the rule says what is missing, in its own words

    def clean(self):
        data = super().clean()
        problems = rules.decision_problems(
            decision=data.get("decision") or "",
            reasons=data.get("reasons") or "",
            changes=data.get("changes") or "",
            changes_by=data.get("changes_by"),
            held_on=self.held_on,
        )
        for field, words in problems.items():
            if field not in self.errors:
                self.add_error(field, words)
        return data


class ForumGapForm(GovukForm):
    """A gap raised at the forum: a category and how soon are both needed here."""

    category = forms.ChoiceField(
        label="What kind of support was missing",
        error_messages={
            "required": "Choose the kind of support that was missing",
            "invalid_choice": "Choose a category from the list",
        },
    )
    area = forms.CharField(
        label="Where",
        max_length=60,
        help_text="A neighbourhood, or the first part of a postcode, like CV6",
        error_messages={"required": "Enter where it is needed", "max_length": "Keep this under 60 characters"},
    )
    who = forms.CharField(
        label="Who it would be for",
        max_length=200,
        help_text="Describe the group, not the person: for example, people home from hospital who live alone",
        error_messages={"required": "Say who it would be for", "max_length": "Keep this under 200 characters"},
    )
    need = forms.CharField(
        label="What is needed",
        max_length=2000,
        widget=forms.Textarea(attrs=TEXT),
        error_messages={"required": "Say what is needed", "max_length": "Keep this under 2,000 characters"},
    )
    urgency = forms.ChoiceField(
        label="How soon is it needed?",
        widget=forms.RadioSelect,
        choices=URGENCY_CHOICES,
        error_messages={
            "required": "Say how soon it is needed",
            "invalid_choice": "Choose how soon it is needed from the list",
        },
    )

    def __init__(self, *args, groups=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "Choose a category")]
        for group in groups:
            choices.append((str(group.term.pk), group.term.name))
            choices += [(str(t.pk), f"{group.term.name}: {t.name}") for t in group.children]
        self.fields["category"].choices = choices
