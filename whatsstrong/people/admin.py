from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Asset, NetworkMember, Person


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ["family_name", "given_name", "preferred_name", "team", "allocated_worker", "restricted"]
    list_filter = ["team", "restricted"]
    search_fields = ["family_name_key", "given_name_key", "nhs_number"]
    readonly_fields = ["version"]

    def has_delete_permission(self, request, obj=None):
        return False  # people are archived, never deleted


admin.site.register(NetworkMember, SimpleHistoryAdmin)
admin.site.register(Asset, SimpleHistoryAdmin)
