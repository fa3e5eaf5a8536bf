"""The admin holds what administrators administer: staff, teams, API tokens, and (in their own apps) the
organisation's lists and rules. People's records are reached only through the product's pages,
which check access and log views, so none of them is registered here. Staff are deactivated,
never deleted: their name stays on everything they wrote, and their people stay allocated until
a supervisor moves them."""

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import Group
from django.db.models import Count, Q
from django.utils import timezone

from .models import ApiToken, Team, User

# Roles and teams decide what staff may do; Django's groups are not used.
admin.site.unregister(Group)


@admin.register(User)
class StaffAdmin(UserAdmin):
    fieldsets = UserAdmin.fieldsets + (
        ("Role and team", {"fields": ("role", "team", "job_title", "qualified")}),
        ("Single sign-on", {"fields": ("oidc_subject",)}),
    )
    list_display = ["username", "first_name", "last_name", "role", "team", "is_active"]
    list_filter = ["role", "team", "is_active"]
    search_fields = ["username", "first_name", "last_name", "email", "oidc_subject"]
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
                self.message_user(
                    request,
                    f"{member.display_name} still has {people} allocated. "
                    "Ask their team's supervisor to allocate them to someone else.",
                    messages.WARNING,
                )
        count = queryset.update(is_active=False)
        self.message_user(request, f"{count} staff deactivated.", messages.SUCCESS)


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "description"]
    search_fields = ["name"]

    def has_delete_permission(self, request, obj=None):
        return False  # people and staff belong to teams; rename or describe a team instead


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are issued by `manage.py issue_api_token`, which prints the raw token once, so none is
    added here; none is edited or deleted either: a revoked token stays as a record of who had access."""

    list_display = ["id", "user", "name", "created_at", "last_used_at", "expires_at", "revoked_at", "status"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "user__username", "user__first_name", "user__last_name"]
    list_select_related = ["user"]
    ordering = ["-created_at"]
    fields = ["user", "name", "created_at", "last_used_at", "expires_at", "revoked_at", "status"]
    readonly_fields = fields
    actions = ["revoke"]

    @admin.display(description="status")
    def status(self, token):
        return token.state(timezone.now())

    @admin.action(description="Revoke selected tokens", permissions=["change"])
    def revoke(self, request, queryset):
        revoked = queryset.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
        if not revoked:
            self.message_user(request, "Those tokens were already revoked.", messages.WARNING)
        elif revoked == 1:
            self.message_user(request, "Revoked 1 token. The system using it is now refused.", messages.SUCCESS)
        else:
            self.message_user(
                request, f"Revoked {revoked} tokens. The systems using them are now refused.", messages.SUCCESS
            )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        # The list's revoke action needs change permission; a token itself is only ever read.
        return obj is None and super().has_change_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False
