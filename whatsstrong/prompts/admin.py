"""Administrators adapt the question prompts: add, reword, reorder, and switch off. Nothing is
deleted (a prompt no longer wanted is switched off), and every change is kept in history."""

from django import forms
from django.contrib import admin, messages
from simple_history.admin import SimpleHistoryAdmin

from . import rules, services
from .models import Prompt, PromptGroup


class PromptForm(forms.ModelForm):
    tags = forms.MultipleChoiceField(
        label="Wellbeing areas",
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "ws-wellbeing-areas"}),
        choices=(),
    )

    class Meta:
        model = Prompt
        fields = ["group", "code", "text", "order", "active", "tags"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tags"].choices = list(services.tag_labels().items())
        if self.instance.pk:
            self.initial["tags"] = self.instance.tag_list

    def clean_text(self):
        text = self.cleaned_data["text"]
        problem = rules.placeholder_problem(text)
        if problem:
            raise forms.ValidationError(problem)
        return text

    def clean_tags(self):
        return " ".join(self.cleaned_data["tags"])


class NoDeleting:
    def has_delete_permission(self, request, obj=None):
        return False  # switched off, never deleted, so a history of what was offered stays

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions


@admin.register(PromptGroup)
class PromptGroupAdmin(NoDeleting, SimpleHistoryAdmin):
    list_display = ["name", "kind", "order", "active", "updated_at"]
    list_editable = ["order", "active"]
    list_filter = ["kind", "active"]
    search_fields = ["name", "code", "description"]
    fields = ["code", "name", "kind", "description", "source", "order", "active"]


@admin.register(Prompt)
class PromptAdmin(NoDeleting, SimpleHistoryAdmin):
    form = PromptForm
    list_display = ["text", "group", "order", "active", "updated_at"]
    list_filter = ["active", "group__kind", "group"]
    list_select_related = ["group"]
    search_fields = ["text", "code", "group__name"]
    actions = ["switch_off", "switch_on"]

    @admin.action(description="Switch off the selected prompts (they are no longer offered)", permissions=["change"])
    def switch_off(self, request, queryset):
        count = services.prompts_switch(actor=request.user, prompts=queryset, active=False)
        self.message_user(request, f"{count} prompt{'s' if count != 1 else ''} switched off.", messages.SUCCESS)

    @admin.action(description="Switch on the selected prompts", permissions=["change"])
    def switch_on(self, request, queryset):
        count = services.prompts_switch(actor=request.user, prompts=queryset, active=True)
        self.message_user(request, f"{count} prompt{'s' if count != 1 else ''} switched on.", messages.SUCCESS)
