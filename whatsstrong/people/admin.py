from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from . import rules
from .models import Asset, NetworkMember, Person


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ["family_name", "given_name", "preferred_name", "team", "allocated_worker", "restricted"]
    list_filter = ["team", "restricted"]
    search_fields = ["family_name_key__contains", "given_name_key__contains", "nhs_number__contains"]
    readonly_fields = ["version"]

    def get_search_results(self, request, queryset, search_term):
        # The key columns hold names in their search form (rules.name_key) and compare in code-point
        # order, where the database's upper() leaves non-Latin letters alone: so the words typed are
        # put in the same form rather than matched without case.
        return super().get_search_results(request, queryset, rules.name_key(search_term))

    def has_delete_permission(self, request, obj=None):
        return False  # people are archived, never deleted


admin.site.register(NetworkMember, SimpleHistoryAdmin)
admin.site.register(Asset, SimpleHistoryAdmin)
