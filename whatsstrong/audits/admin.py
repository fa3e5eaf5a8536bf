"""Administrators keep the practice standards and the rating scale: reword, reorder and switch off,
never delete, with every change in history. Audits themselves are reached through their pages."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import LearningTheme, RatingLevel, Standard


class NoDeleting:
    def has_delete_permission(self, request, obj=None):
        return False  # switched off, never deleted: audits keep pointing at what they rated

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions


@admin.register(Standard)
class StandardAdmin(NoDeleting, SimpleHistoryAdmin):
    list_display = ["name", "group", "order", "active", "updated_at"]
    list_editable = ["order", "active"]
    list_filter = ["group", "active"]
    search_fields = ["name", "code", "expectation"]
    fields = ["code", "group", "name", "expectation", "evidence", "prescreen", "order", "active"]


@admin.register(RatingLevel)
class RatingLevelAdmin(NoDeleting, SimpleHistoryAdmin):
    list_display = ["label", "value", "active", "updated_at"]
    list_editable = ["active"]
    fields = ["code", "label", "description", "value", "active"]


@admin.register(LearningTheme)
class LearningThemeAdmin(NoDeleting, SimpleHistoryAdmin):
    list_display = ["name", "order", "active", "updated_at"]
    list_editable = ["order", "active"]
    fields = ["code", "name", "description", "order", "active"]
