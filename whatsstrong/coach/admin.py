from django import forms
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import LexiconEntry
from .services import validate_entry


class LexiconEntryForm(forms.ModelForm):
    class Meta:
        model = LexiconEntry
        fields = ["rule", "kind", "context", "terms", "suggest", "reason", "exclude", "replace", "enabled"]

    def clean(self):
        cleaned = super().clean()
        if not self.errors:
            validate_entry(LexiconEntry(**{k: v for k, v in cleaned.items() if k != "id"}))
        return cleaned


@admin.register(LexiconEntry)
class LexiconEntryAdmin(SimpleHistoryAdmin):
    form = LexiconEntryForm
    list_display = ["rule", "kind", "context", "suggest", "enabled", "updated_at"]
    list_filter = ["kind", "enabled"]
    search_fields = ["rule", "terms", "suggest"]
