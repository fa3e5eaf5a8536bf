from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.utils import timezone

from .models import AccessEvent, ApiToken, Team, User


@admin.register(User)
class StaffAdmin(UserAdmin):
    fieldsets = UserAdmin.fieldsets + (("Role and team", {"fields": ("role", "team", "job_title", "qualified")}),)
    list_display = ["username", "first_name", "last_name", "role", "team", "is_active"]
    list_filter = ["role", "team", "is_active"]


admin.site.register(Team)


@admin.register(AccessEvent)
class AccessEventAdmin(admin.ModelAdmin):
    list_display = ["at", "user", "action", "content_type", "object_id", "reason"]
    list_filter = ["action"]

    def has_change_permission(self, request, obj=None):
        return False  # the log is evidence: it is read, never edited

    def has_delete_permission(self, request, obj=None):
        return False


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
            self.message_user(request, f"Revoked {revoked} tokens. The systems using them are now refused.",
                              messages.SUCCESS)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        # The list's revoke action needs change permission; a token itself is only ever read.
        return obj is None and super().has_change_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False
