"""The admin holds what administrators administer: staff, teams, and (in their own apps) the
organisation's lists and rules. People's records are reached only through the product's pages,
which check access and log views, so none of them is registered here. Staff are deactivated,
never deleted: their name stays on everything they wrote, and their people stay allocated until
a supervisor moves them."""

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import Group
from django.db.models import Count, Q

from .models import Team, User

# Roles and teams decide what staff may do; Django's groups are not used.
admin.site.unregister(Group)


@admin.register(User)
class StaffAdmin(UserAdmin):
    fieldsets = UserAdmin.fieldsets + (("Role and team", {"fields": ("role", "team", "job_title", "qualified")}),)
    list_display = ["username", "first_name", "last_name", "role", "team", "is_active"]
    list_filter = ["role", "team", "is_active"]
    actions = ["deactivate"]

    def has_delete_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    @admin.action(description="Deactivate the selected staff (they can no longer sign in)")
    def deactivate(self, request, queryset):
        holding = queryset.annotate(held=Count("caseload", filter=Q(caseload__archived_at__isnull=True)))
        for member in holding.filter(is_active=True):
            if member.held:
                people = "1 person" if member.held == 1 else f"{member.held} people"
                self.message_user(request, f"{member.display_name} still has {people} allocated. "
                                           "Ask their team's supervisor to allocate them to someone else.",
                                  messages.WARNING)
        count = queryset.update(is_active=False)
        self.message_user(request, f"{count} staff deactivated.", messages.SUCCESS)


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "description"]
    search_fields = ["name"]

    def has_delete_permission(self, request, obj=None):
        return False  # people and staff belong to teams; rename or describe a team instead
