from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import AccessEvent, Team, User


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
